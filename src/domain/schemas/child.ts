import { z } from 'zod';
import { TAXONOMIES } from '../taxonomies.ts';
import { Code, Id, LongText, Name, PastDate, ShortText } from './common.ts';

/** The child (person) record as the API and the web app exchange it. */
const Municipality = Code(1, 40);

export const ChildInput = z.strictObject({
  givenName: Name,
  familyName: Name,
  sex: z.enum(TAXONOMIES.sex),
  birthDate: PastDate.nullable().optional(),
  birthDateEstimated: z.boolean().optional(),
  municipalityCode: Municipality,
  address: ShortText.nullable().optional(),
  languages: z.array(z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code')).max(10).optional(),
  inSchool: z.boolean().nullable().optional(),
  schoolName: ShortText.nullable().optional(),
  vulnerabilities: z.array(z.enum(TAXONOMIES.vulnerability)).max(TAXONOMIES.vulnerability.length).optional(),
  notes: LongText.nullable().optional(),
});
export type ChildInput = z.infer<typeof ChildInput>;

export const ChildPatch = ChildInput.partial().extend({
  /** The version the editor started from: a save over someone else's change is refused (409). */
  version: z.number().int().min(1),
});
export type ChildPatch = z.infer<typeof ChildPatch>;

export const AccessReasonSchema = z.enum(['owner', 'unit_supervisor', 'unit_caseworker', 'system', 'meeting', 'referral', 'signal', 'transfer']);

export const ChildView = z.object({
  id: Id,
  country: z.string(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
  sex: z.string().optional(),
  birthDate: z.string().nullable().optional(),
  birthDateEstimated: z.boolean().optional(),
  municipalityCode: z.string().optional(),
  address: z.string().nullable().optional(),
  languages: z.array(z.string()).optional(),
  inSchool: z.boolean().nullable().optional(),
  schoolName: z.string().nullable().optional(),
  vulnerabilities: z.array(z.string()).optional(),
  notes: z.string().nullable().optional(),
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  accessReason: AccessReasonSchema,
  /** Fields that exist but are not shared with the reader's sector. */
  withheld: z.array(z.string()),
});
export type ChildView = z.infer<typeof ChildView>;

export const ChildList = z.object({ items: z.array(ChildView), total: z.number() });

export const DuplicateQuery = z.strictObject({
  givenName: Name,
  familyName: Name,
  birthDate: PastDate.nullable().optional(),
});
export type DuplicateQuery = z.infer<typeof DuplicateQuery>;

export const DuplicateCandidate = z.object({
  child: ChildView,
  score: z.number(),
});
export const DuplicateList = z.object({ items: z.array(DuplicateCandidate) });

export const AccessHistoryEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  outcome: z.string(),
  fields: z.array(z.string()),
});
export const AccessHistory = z.object({ items: z.array(AccessHistoryEntry) });
