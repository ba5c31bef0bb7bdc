import { z } from 'zod';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { Code, ErrorBody, Id, LongText, Name, PastDate, ShortText } from '../domain/common-schema.ts';
import { CHILD_FIELD_SHARING, declareSharing } from '../policy/field-sharing.ts';

/** The child (person) record as the API and the web app exchange it. */
const Municipality = Code(1, 40);

/**
 * Why a new child is registered although a record with the same name and birth date exists:
 * the caller looked at the records it was shown and they are another child; the other unit
 * named in the answer confirmed it holds another child; or the other unit cannot be reached and
 * the child needs protection now (the supervisor follows up and merges if it is the same child).
 */
export const NOT_DUPLICATE_REASONS = ['different_child', 'confirmed_with_unit', 'other_unit_unreachable'] as const;
export const NotDuplicate = z.strictObject({ reason: z.enum(NOT_DUPLICATE_REASONS) });
export type NotDuplicate = z.infer<typeof NotDuplicate>;

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

/** A new child: the record, and the caller's word that it is not one already registered. */
export const NewChildInput = ChildInput.extend({ notDuplicate: NotDuplicate.optional() });
export type NewChildInput = z.infer<typeof NewChildInput>;

export const ChildPatch = ChildInput.partial().extend({
  /** The version the editor started from: a save over someone else's change is refused (409). */
  version: z.number().int().min(1),
});
export type ChildPatch = z.infer<typeof ChildPatch>;

export const AccessReasonSchema = z.enum(['owner', 'unit_supervisor', 'unit_caseworker', 'system', 'meeting', 'referral', 'signal', 'transfer', 'break_glass']);

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

/** Every key of the child view, classified: the child's fields by CHILD_FIELD_SHARING, the record's own keys shared with all. */
export const CHILD_SHARING = declareSharing<ChildView>('child', 'omit', {
  ...CHILD_FIELD_SHARING,
  country: 'all', unitId: 'all', unitName: 'all', ownerId: 'all', ownerName: 'all', version: 'all',
  createdAt: 'all', updatedAt: 'all', accessReason: 'all', withheld: 'all',
});

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
/** A record of the same child in another unit of the country: only the unit is named. */
export const ElsewhereMatch = z.object({ unitId: Id, unitName: z.string() });
export const DuplicateList = z.object({ items: z.array(DuplicateCandidate), elsewhere: z.array(ElsewhereMatch) });

/**
 * 409 to a create whose new child has the name and birth date of a registered child: the records
 * the caller may see (as it may see them) and the other units that hold one. `index` is the
 * child's place in a signal's `children`.
 */
export const DuplicateConflict = ErrorBody.extend({
  duplicates: z.array(z.object({ index: z.number().optional(), child: ChildView })).optional(),
  elsewhere: z.array(ElsewhereMatch.extend({ index: z.number().optional() })).optional(),
});

export const MergeInput = z.strictObject({
  /** The other record of the same child: it is merged into the record named in the path. */
  duplicateId: Id,
});

/** Reading a record merged into another: the surviving record's id. */
export const MergedBody = z.object({ message: z.string(), mergedInto: Id });

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
