import type { Sector } from '../domain/taxonomies.ts';

/**
 * Which fields of a child's record each reader sees. The owning Child Protection Unit sees all;
 * a partner or provider who reaches the child through a meeting, referral or signal sees the
 * fields shared with its sector. Sensitive fields (vulnerabilities, narrative notes) stay with
 * the unit. Read by the policy layer (server) and by the web app (to say what is withheld).
 */
export const CHILD_FIELD_SHARING = {
  id: 'all',
  givenName: 'all',
  familyName: 'all',
  sex: 'all',
  birthDate: 'all',
  birthDateEstimated: 'all',
  municipalityCode: 'all',
  languages: 'all',
  inSchool: 'all',
  schoolName: 'all',
  address: ['police', 'social_services', 'health', 'shelter', 'justice'],
  vulnerabilities: 'unit',
  notes: 'unit',
} as const satisfies Record<string, 'all' | 'unit' | readonly Sector[]>;

export type ChildField = keyof typeof CHILD_FIELD_SHARING;
export const CHILD_FIELDS = Object.keys(CHILD_FIELD_SHARING) as ChildField[];

/** Reasons that make the reader part of the owning unit, who sees every field. */
export const UNIT_REASONS = ['owner', 'unit_supervisor', 'unit_caseworker', 'system'] as const;
/** Reasons granted through a relationship with the child, recorded in child_access ('transfer': the unit that handed the case over). */
export const GRANT_REASONS = ['meeting', 'referral', 'signal', 'transfer'] as const;
export type GrantReason = (typeof GRANT_REASONS)[number];
/** Emergency access (src/breakglass/): read-only, for one child, until the grant expires; shares what a grant does. */
export const BREAK_GLASS_REASON = 'break_glass' as const;
export type AccessReason = (typeof UNIT_REASONS)[number] | (typeof GRANT_REASONS)[number] | typeof BREAK_GLASS_REASON;

export function fieldVisible(field: ChildField, reason: AccessReason, sector: Sector): boolean {
  return mayRead(CHILD_FIELD_SHARING[field], { whole: (UNIT_REASONS as readonly string[]).includes(reason), sector });
}

/**
 * Field sharing of every view (issue 11): one declaration per record type classifies EVERY key of
 * its view type ('all'; 'unit': only readers who see the record whole; a list of sectors: those
 * sectors too; 'unit_unlisted': like 'unit', but not named in `withheld`: a link to where the unit
 * follows the record, not a field of it). A view function builds the whole object and passes it
 * through shareFields, which removes ('omit') or blanks ('blank': null, or [] for a list) what
 * the reader may not see and fills the view's `withheld` (when it has one) from the same map. A
 * key added to a view type without a classification fails to compile; a declared record type the
 * generic test (field-sharing.test.ts) does not read through the API fails that test.
 */
export type Sharing = 'all' | 'unit' | 'unit_unlisted' | readonly Sector[];
/** How a view hides what the reader may not see: 'omit' leaves the key out; 'blank' keeps it, null or []. */
export type Hiding = 'omit' | 'blank';
export type FieldSharing<V> = { readonly record: string; readonly hiding: Hiding; readonly fields: { readonly [K in keyof V]-?: Sharing } };
/** A declaration of any record type (the registry, the generic check). */
export type AnySharing = { readonly record: string; readonly hiding: Hiding; readonly fields: Readonly<Record<string, Sharing>> };
/** Who reads: `whole` for the unit (each record type says who that is); else their organisation's sector. */
export type Reader = { whole: boolean; sector: Sector };

const declared = new Map<string, AnySharing>();

/** Declares (and registers, for the generic test) the field sharing of one record type's view. */
export function declareSharing<V>(record: string, hiding: Hiding, fields: { readonly [K in keyof V]-?: Sharing }): FieldSharing<V> {
  const sharing: FieldSharing<V> = { record, hiding, fields };
  declared.set(record, sharing as AnySharing);
  return sharing;
}

/** Every record type declared so far (the modules that declare them must have been loaded). */
export function declaredSharings(): readonly AnySharing[] {
  return [...declared.values()];
}

export function mayRead(rule: Sharing, reader: Reader): boolean {
  if (reader.whole || rule === 'all') return true;
  if (rule === 'unit' || rule === 'unit_unlisted') return false;
  return rule.includes(reader.sector);
}

/** The keys of a view the reader may not see. */
export function hiddenKeys<V>(sharing: FieldSharing<V>, reader: Reader): Array<keyof V & string> {
  return (Object.keys(sharing.fields) as Array<keyof V & string>).filter((k) => !mayRead(sharing.fields[k], reader));
}

/** The hidden keys a view names in `withheld` (all but the 'unit_unlisted' ones), in declaration order. */
export function withheldOf<V>(sharing: FieldSharing<V>, reader: Reader): string[] {
  return hiddenKeys(sharing, reader).filter((k) => sharing.fields[k] !== 'unit_unlisted');
}

/** The view as the reader may see it: hidden keys removed or blanked, `withheld` filled from the same map. */
export function shareFields<V extends object>(sharing: FieldSharing<V>, whole: V, reader: Reader): V {
  const out = { ...whole } as Record<string, unknown>;
  for (const key of hiddenKeys(sharing, reader)) {
    if (sharing.hiding === 'omit') delete out[key];
    else out[key] = Array.isArray(out[key]) ? [] : null;
  }
  if ('withheld' in sharing.fields) out.withheld = withheldOf(sharing, reader);
  return out as V;
}

/**
 * Where a JSON answer shows a key the reader may not see, for the generic test: anywhere in the
 * answer, a hidden key of one of `sharings` that is present (or, for a 'blank' record type, that
 * holds anything but null or []). Answers the paths found; empty when nothing leaks.
 */
export function unitOnlyKeysIn(answer: unknown, sharings: readonly AnySharing[], reader: Reader): string[] {
  const rules = new Map<string, Hiding>();
  for (const s of sharings) for (const k of hiddenKeys(s, reader)) {
    if (rules.get(k) !== 'omit') rules.set(k, s.hiding);
  }
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const hiding = rules.get(k);
        const blank = v === null || (Array.isArray(v) && v.length === 0);
        if (hiding === 'omit' || (hiding === 'blank' && !blank)) found.push(`${path}.${k}`);
        walk(v, `${path}.${k}`);
      }
    }
  };
  walk(answer, '$');
  return found;
}
