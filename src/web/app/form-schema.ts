import type { z } from 'zod';

/**
 * A form's fields, read from the zod input schema the server validates with, so that a field is
 * described once. `formFields(SignalInput, ['ref'])` lists every key of the schema but those the
 * page supplies itself (a version, an idempotency key), each with its kind, whether the worker must
 * fill it, its maximum length and, for a choice, its options. Pages label each field by its name
 * (the key `child.field.<name>`), take the list as the fields a 400's issues may land on, and start
 * from `emptyValues`. `EveryInputKey<typeof X>` is the type a form → input mapper returns: an object
 * literal of it that leaves out (or adds) a key of the schema does not compile.
 */
export type FieldKind = 'text' | 'textarea' | 'select' | 'multi' | 'date' | 'datetime' | 'checkbox' | 'number' | 'list' | 'group';

export interface FormField<N extends string = string> {
  name: N;
  kind: FieldKind;
  /** The worker must give it: the key is neither optional, nullable nor defaulted, and an empty text or list is refused. */
  required: boolean;
  /** The longest text the schema takes (null: not a text, or no bound). */
  maxLength: number | null;
  /** The choices of an enum (or of a list of enum values); null when the choices come from the server (ids). */
  options: readonly string[] | null;
}

/** The keys of a schema's input: what a form may send. */
export type InputKey<S extends z.ZodType> = keyof z.input<S> & string;

/**
 * The input of a schema with every key present (an optional one may be undefined). A mapper
 * declared to return this must name every field of the schema: forgetting one, or naming one the
 * schema does not have, is a compile error.
 */
export type EveryInputKey<S extends z.ZodType> = { [K in keyof Required<z.input<S>>]: z.input<S>[K] };

/** True when A and B have the same keys. */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : false;

/**
 * A compile-time tie between a form's values and its schema's input: `sameKeys<FormValues,
 * z.input<typeof X>>()` stops compiling (it then wants an argument) when a key is in one and not
 * the other. It does nothing at run time.
 */
export function sameKeys<A, B>(..._keysDiffer: SameKeys<A, B> extends true ? [] : [keysDiffer: never]): void {}

/**
 * Text that may be longer than this is a text area (the schemas' Prose and LongText, 2,000 and up);
 * shorter is a line (Text, Name, Code: up to 300).
 */
const LINE_MAX = 1_000;
const ISO_DATE_PATTERN = String.raw`^\d{4}-\d{2}-\d{2}$`;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string>;
  values?: readonly unknown[];
  format?: string;
  checks?: readonly { _zod: { def: CheckDef } }[];
}
interface CheckDef { check: string; format?: string; pattern?: RegExp; minimum?: number | bigint; maximum?: number | bigint }

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under its optional / nullable / default wrappers (and a pipe's input), and whether any let the field be left empty. */
function unwrap(schema: z.ZodType): { core: z.ZodType; optional: boolean } {
  let core = schema;
  let optional = false;
  for (;;) {
    const def = defOf(core);
    if (WRAPPERS.has(def.type) && def.innerType) {
      if (def.type !== 'readonly' && def.type !== 'nonoptional') optional = true;
      core = def.innerType;
    } else if (def.type === 'pipe' && def.in) core = def.in;
    else return { core, optional };
  }
}

function checks(schema: z.ZodType): CheckDef[] {
  const def = defOf(schema);
  const own = (def.checks ?? []).map((c) => c._zod.def);
  // z.iso.datetime() and z.uuid() carry their format on the schema itself.
  return def.format ? [{ check: 'string_format', format: def.format }, ...own] : own;
}

function bound(list: CheckDef[], check: string, key: 'minimum' | 'maximum'): number | null {
  const found = list.filter((c) => c.check === check).map((c) => Number(c[key]));
  if (found.length === 0) return null;
  return key === 'minimum' ? Math.max(...found) : Math.min(...found);
}

function enumOptions(schema: z.ZodType): readonly string[] | null {
  const def = defOf(schema);
  if (def.type === 'enum' && def.entries) return Object.values(def.entries);
  if (def.type === 'literal' && def.values) return def.values.map(String);
  return null;
}

/** One field of a form, read from its schema. */
export function describeField<N extends string>(name: N, schema: z.ZodType): FormField<N> {
  const { core, optional } = unwrap(schema);
  const def = defOf(core);
  const field = (kind: FieldKind, filled: boolean, maxLength: number | null = null, options: readonly string[] | null = null): FormField<N> =>
    ({ name, kind, required: !optional && filled, maxLength, options });
  switch (def.type) {
    case 'string': {
      const list = checks(core);
      const format = list.find((c) => c.check === 'string_format');
      const max = bound(list, 'max_length', 'maximum');
      const min = bound(list, 'min_length', 'minimum') ?? 0;
      const filled = min >= 1 || format !== undefined;
      if (format?.format === 'datetime') return field('datetime', filled);
      if (format?.pattern?.source === ISO_DATE_PATTERN) return field('date', filled);
      if (format?.format === 'uuid') return field('select', filled);
      return field(max === null || max > LINE_MAX ? 'textarea' : 'text', filled, max);
    }
    case 'enum':
    case 'literal':
      return field('select', true, null, enumOptions(core));
    case 'boolean':
      return field('checkbox', true);
    case 'number':
    case 'int':
    case 'bigint':
      return field('number', true);
    case 'array': {
      const min = bound(checks(core), 'min_length', 'minimum') ?? 0;
      const element = def.element ? unwrap(def.element).core : null;
      const kind = element ? defOf(element).type : 'unknown';
      if (kind === 'object') return field('list', min >= 1);
      return field('multi', min >= 1, null, element ? enumOptions(element) : null);
    }
    default:
      return field('group', true);
  }
}

/** An object schema's fields (also one with a refinement: zod 4 keeps the shape). */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) throw new Error('formFields takes an object schema');
  return shape;
}

/**
 * The fields of a form for `schema`, in the schema's order, without those the page supplies
 * (`supplied`: a version, the kind of a record, an idempotency key).
 */
export function formFields<S extends z.ZodType, const P extends InputKey<S> = never>(
  schema: S,
  supplied: readonly P[] = [],
): readonly FormField<Exclude<InputKey<S>, P>>[] {
  return Object.entries(shapeOf(schema))
    .filter(([name]) => !(supplied as readonly string[]).includes(name))
    .map(([name, field]) => describeField(name as Exclude<InputKey<S>, P>, field));
}

/** The names of a form's fields: where a 400's issues may land, and what a patch compares. */
export function fieldNames<S extends z.ZodType, const P extends InputKey<S> = never>(
  schema: S,
  supplied: readonly P[] = [],
): readonly Exclude<InputKey<S>, P>[] {
  return formFields(schema, supplied).map((f) => f.name);
}

/** What an input holds before the worker types: '' for a text, a date or a choice, [] for a list, false for a checkbox. */
export function emptyValue(field: FormField): '' | false | [] {
  if (field.kind === 'multi' || field.kind === 'list') return [];
  if (field.kind === 'checkbox') return false;
  return '';
}

/**
 * A form's empty values, one per field, as the form's own values type `V` (whose keys
 * `SameKeys` ties to the schema; the kinds say which empty value each input holds).
 */
export function emptyValues<V extends object>(fields: readonly FormField<keyof V & string>[]): V {
  return Object.fromEntries(fields.map((f) => [f.name, emptyValue(f)])) as V;
}

/** The fields by name, for a page that places them one by one (`required`, `maxLength`, `options`). */
export function fieldsByName<N extends string>(fields: readonly FormField<N>[]): Record<N, FormField<N>> {
  return Object.fromEntries(fields.map((f) => [f.name, f])) as Record<N, FormField<N>>;
}
