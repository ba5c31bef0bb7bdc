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
export type AccessReason = (typeof UNIT_REASONS)[number] | (typeof GRANT_REASONS)[number];

export function fieldVisible(field: ChildField, reason: AccessReason, sector: Sector): boolean {
  if ((UNIT_REASONS as readonly string[]).includes(reason)) return true;
  return fieldSharedWithSector(field, sector);
}

/** Whether a field is shared with a reader outside the owning unit, by their organisation's sector. */
export function fieldSharedWithSector(field: ChildField, sector: Sector): boolean {
  const rule = CHILD_FIELD_SHARING[field];
  if (rule === 'all') return true;
  if (rule === 'unit') return false;
  return (rule as readonly Sector[]).includes(sector);
}

/**
 * The child's identity: what an organisation given one task about the child (a plan action it is
 * responsible for) is told, each field still subject to the sharing above.
 */
export const CHILD_IDENTITY_FIELDS = ['id', 'givenName', 'familyName', 'sex', 'birthDate', 'birthDateEstimated'] as const satisfies readonly ChildField[];
