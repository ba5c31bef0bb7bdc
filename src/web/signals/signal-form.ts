import { zodResolver } from '@hookform/resolvers/zod';
import type { TFunction } from 'i18next';
import { type FieldErrors, type FieldValues, type Path, type Resolver, type UseFormSetError, useForm } from 'react-hook-form';
import { z } from 'zod';
import { ScreeningInput, SignalChildInput, SignalInput } from '../../signals/signal-schema.ts';
import { isApiError } from '../app/api.ts';
import { type EveryInputKey, fieldNames, sameKeys } from '../app/form-schema.ts';
import { i18n } from '../app/i18n.ts';
import { zodErrors } from '../app/validation.ts';
import { fromWallClock, wallClock } from '../app/time-zone.ts';

/**
 * The register-a-signal form. The inputs hold strings (a datetime-local value, empty strings for
 * "none"); `toSignalInput` turns them into the API's SignalInput, and the shared schema validates
 * that result, so the form and the server refuse the same things at the same paths.
 */
export interface ChildEntry {
  /** Set when the worker picked "this is the same child" from the duplicate check. */
  childId: string;
  /** The known child's name, shown while the entry points at them (not sent). */
  knownName: string;
  givenName: string;
  familyName: string;
  sex: 'female' | 'male' | 'unknown';
  birthDate: string;
}

export interface SignalFormValues {
  ref: string;
  receivedAt: string;
  channel: string;
  source: string;
  reporterName: string;
  reporterContact: string;
  harmTypes: string[];
  place: string;
  perpetrators: string[];
  description: string;
  urgency: string;
  municipalityCode: string;
  children: ChildEntry[];
}

/** The form holds every field of SignalInput: a field added to the schema must be added here too. */
sameKeys<SignalFormValues, z.input<typeof SignalInput>>();

/** The fields the worker fills (the idempotency key is the page's), where a 400's issues land. */
export const SIGNAL_FORM_FIELDS = fieldNames(SignalInput, ['ref']);

export const emptyChildEntry = (): ChildEntry => ({ childId: '', knownName: '', givenName: '', familyName: '', sex: 'unknown', birthDate: '' });


/** Now, as a datetime-local input writes it: the unit's wall clock (minutes), whatever the browser's zone. */
export function localNow(date = new Date()): string {
  return wallClock(date);
}

/**
 * A datetime-local value read as the unit's wall clock, with that zone's offset, so the server
 * sees the calendar day the worker meant (a child born "today" is not after a signal received
 * "today") even on a computer set to another zone.
 */
export function withLocalOffset(local: string): string {
  return fromWallClock(local);
}

const orNull = (v: string) => (v.trim() === '' ? null : v);

/** A child of the form as the API takes it: a known child by its id alone, or a new one (every key named, unused ones undefined). */
function toSignalChildInput(c: ChildEntry): EveryInputKey<typeof SignalChildInput> {
  const known = c.childId !== '';
  return {
    childId: known ? c.childId : undefined,
    givenName: known ? undefined : c.givenName,
    familyName: known ? undefined : c.familyName,
    sex: known ? undefined : c.sex,
    birthDate: known ? undefined : c.birthDate || null,
    // Set by the page when the worker says a flagged child is another child (the duplicate answer).
    notDuplicate: undefined,
  };
}

/** Every field of SignalInput is named here: leaving one out does not compile (EveryInputKey). */
export function toSignalInput(values: SignalFormValues): EveryInputKey<typeof SignalInput> {
  const anonymous = values.source === 'anonymous';
  return {
    ref: values.ref || undefined,
    receivedAt: withLocalOffset(values.receivedAt),
    channel: values.channel as never,
    source: values.source as never,
    reporterName: anonymous ? null : orNull(values.reporterName),
    reporterContact: anonymous ? null : orNull(values.reporterContact),
    harmTypes: (values.harmTypes || []) as never,
    place: (values.place || 'unknown') as never,
    perpetrators: (values.perpetrators || []) as never,
    description: orNull(values.description),
    urgency: values.urgency as never,
    municipalityCode: values.municipalityCode,
    children: values.children.map(toSignalChildInput),
  };
}

/** The screening form: what the worker decides; the version is the one they opened. */
export interface ScreeningFormValues {
  decision: string;
  riskLevel: string;
  reason: string;
  referredTo: string;
}
sameKeys<ScreeningFormValues, Omit<z.input<typeof ScreeningInput>, 'version'>>();
export const SCREENING_FORM_FIELDS = fieldNames(ScreeningInput, ['version']);

export function toScreeningInput(v: ScreeningFormValues, version: number): EveryInputKey<typeof ScreeningInput> {
  return {
    decision: v.decision as never,
    riskLevel: orNull(v.riskLevel) as never,
    reason: orNull(v.reason),
    referredTo: v.decision === 'refer_elsewhere' ? orNull(v.referredTo) : null,
    version,
  };
}

/** The schema's own rules (custom issues) carry English messages: say them in the reader's language. */
const CUSTOM_MESSAGES: Record<string, string> = {
  'must not be in the future': 'signals.form.error.future',
  'must not be after the signal was received': 'signals.form.error.bornAfter',
  'is already in this signal': 'signals.form.error.sameChildTwice',
  'is not a child you can reach': 'signals.form.error.childOutOfReach',
  'is not a municipality of your country': 'signals.form.error.municipality',
  'is required': 'validation.required',
  'is required for this decision': 'validation.required',
  'is required to open or attach to a case': 'validation.required',
  'is required when referring elsewhere': 'validation.required',
};

export function translateMessage(message: string | undefined, t: TFunction = i18n.t.bind(i18n) as TFunction): string | undefined {
  if (!message) return message;
  const key = CUSTOM_MESSAGES[message];
  return key ? t(key) : message;
}

function translateErrors(errors: FieldErrors): FieldErrors {
  for (const [key, value] of Object.entries(errors)) {
    // An error's `ref` is the input element: not part of the error tree.
    if (key === 'ref' || !value || typeof value !== 'object') continue;
    const error = value as { message?: unknown };
    if (typeof error.message === 'string') error.message = translateMessage(error.message);
    translateErrors(value as FieldErrors);
  }
  return errors;
}

/** A resolver for a form whose values become API input through `toInput`, translated. */
export function translatedResolver<V extends FieldValues, O>(schema: z.ZodType<O>, toInput: (v: V) => unknown): Resolver<V, unknown, O> {
  const inner = zodResolver(z.preprocess((v) => toInput(v as V), schema) as never, zodErrors) as unknown as Resolver<V, unknown, O>;
  return async (values, context, options) => {
    const result = await inner(values, context, options);
    translateErrors(result.errors as FieldErrors);
    return result;
  };
}

/** Puts a 400 answer's issues on the fields they name (children.1.birthDate included). */
export function applySignalIssues<V extends FieldValues>(error: unknown, setError: UseFormSetError<V>, fields: readonly string[]): boolean {
  if (!isApiError(error, 400) || error.issues.length === 0) return false;
  let allPlaced = true;
  for (const issue of error.issues) {
    const path = issue.path.replace(/^\//, '').replace(/\//g, '.');
    if (fields.some((f) => path === f || path.startsWith(`${f}.`))) {
      setError(path as Path<V>, { type: 'server', message: translateMessage(issue.message) });
    } else allPlaced = false;
  }
  return allPlaced;
}

export function useSignalForm(defaults: SignalFormValues) {
  return useForm<SignalFormValues, unknown, SignalInput>({
    resolver: translatedResolver<SignalFormValues, SignalInput>(SignalInput as unknown as z.ZodType<SignalInput>, toSignalInput),
    defaultValues: defaults,
  });
}
export type SignalForm = ReturnType<typeof useSignalForm>;
