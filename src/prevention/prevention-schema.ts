import { z } from 'zod';
import { Code, Id, IsoDate, PastDate, Text } from '../domain/common-schema.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';

/**
 * Prevention and awareness activities (issue 14 §4), as the API, the web app and the interchange
 * file exchange them. No child is named: children reached are counts per age group and sex.
 * Labels: `prevention.place.<code>`, `prevention.topic.<code>` in locales/<lang>/prevention.json.
 */
export const ACTIVITY_PLACES = ['school', 'community_centre', 'online', 'other'] as const;
export const ACTIVITY_TOPICS = ['violence', 'bullying', 'online_safety', 'trafficking_migration', 'child_marriage', 'child_rights', 'other'] as const;
/** The reporting age groups of DOMAIN.md; children reached are counted as girls and boys. */
export const REACH_AGE_GROUPS = TAXONOMIES.ageGroup;
export const REACH_SEXES = ['female', 'male'] as const;
export const ADULT_GROUPS = ['parents', 'teachers', 'professionals'] as const;
export type ActivityPlace = (typeof ACTIVITY_PLACES)[number];
export type ActivityTopic = (typeof ACTIVITY_TOPICS)[number];

const Headcount = z.number().int().min(0).max(100_000);

export const ReachCell = z.strictObject({
  ageGroup: z.enum(REACH_AGE_GROUPS),
  sex: z.enum(REACH_SEXES),
  children: z.number().int().min(1).max(100_000),
});
export type ReachCell = z.infer<typeof ReachCell>;

const ActivityFields = z.strictObject({
  /** The organisation's own reference (the interchange file's activity_ref), unique in the organisation. */
  ref: Code(1, 100).nullable().optional(),
  heldOn: PastDate,
  place: z.enum(ACTIVITY_PLACES),
  municipalityCode: Code(2, 20),
  topic: z.enum(ACTIVITY_TOPICS),
  title: Text(200),
  /** Organisations facilitating, as written (most are not organisations of Safetynet). */
  facilitators: z.array(Text(200)).max(20),
  /** Children reached, per age group and sex (cells with none are left out). */
  childrenReached: z.array(ReachCell).max(REACH_AGE_GROUPS.length * REACH_SEXES.length),
  adults: z.strictObject({ parents: Headcount, teachers: Headcount, professionals: Headcount }),
  childrenCoOrganised: z.boolean(),
});
function checkActivity(v: z.infer<typeof ActivityFields>, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  v.childrenReached.forEach((c, i) => {
    const key = `${c.ageGroup}|${c.sex}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['childrenReached', i], message: 'names an age group and sex twice' });
    seen.add(key);
  });
  const adults = v.adults.parents + v.adults.teachers + v.adults.professionals;
  if (v.childrenReached.length === 0 && adults === 0) ctx.addIssue({ code: 'custom', path: ['childrenReached'], message: 'an activity reaches at least one child or adult' });
}
export const ActivityInput = ActivityFields.superRefine(checkActivity);
/** A change: the whole activity again, with the version it was read at (a stale one answers 409). */
export const ActivityEdit = ActivityFields.extend({ version: z.number().int().min(1).max(1_000_000) }).superRefine(checkActivity);
export type ActivityInput = z.infer<typeof ActivityInput>;

export const ActivityView = z.object({
  id: Id,
  country: z.string(),
  ref: z.string().nullable(),
  orgId: Id,
  orgName: z.string(),
  heldOn: IsoDate,
  place: z.enum(ACTIVITY_PLACES),
  municipalityCode: z.string(),
  regionCode: z.string(),
  topic: z.enum(ACTIVITY_TOPICS),
  title: z.string(),
  facilitators: z.array(z.string()),
  childrenReached: z.array(ReachCell),
  adults: z.object({ parents: z.number(), teachers: z.number(), professionals: z.number() }),
  childrenCoOrganised: z.boolean(),
  /** Children and adults reached, summed. */
  totals: z.object({ children: z.number(), adults: z.number() }),
  authorName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  /** Whether the reader may change it (its own organisation's activity). */
  editable: z.boolean(),
});
export type ActivityView = z.infer<typeof ActivityView>;


export const ActivityQuery = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  municipality: Code(2, 20).optional(),
  topic: z.enum(ACTIVITY_TOPICS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;
export const ActivityList = z.object({ items: z.array(ActivityView), total: z.number() });
