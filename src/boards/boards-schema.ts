import { z } from 'zod';
import { Code, Id, IsoDate, PastDate, Text } from '../domain/common-schema.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';

/**
 * Child consultation boards (issue 14 §3, seed 004), as the API and the web app exchange them.
 * Members are children known by a pseudonym only (no name, no birth date, no link to a record).
 * Labels: `boards.*` in locales/<lang>/boards.json; themes `taxonomy.boardTheme.<code>`.
 */
export const MEMBER_AGE_BANDS = ['8-11', '12-16', '17-18'] as const;
export const MEMBER_SEXES = ['female', 'male', 'unknown'] as const;
export const BOARD_THEMES = TAXONOMIES.boardTheme;
export const VIEW_STATUSES = ['open', 'in_progress', 'answered'] as const;
export const RESPONSE_STATUSES = ['in_progress', 'answered'] as const;
export const ADVOCACY_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type ViewStatus = (typeof VIEW_STATUSES)[number];

const Version = z.number().int().min(1).max(1_000_000);

export const BoardInput = z.strictObject({
  name: Text(200),
  municipalityCode: Code(2, 20),
  establishedOn: PastDate,
});
export type BoardInput = z.infer<typeof BoardInput>;
export const BoardEdit = z.strictObject({ name: Text(200), active: z.boolean(), version: Version });

export const MemberInput = z.strictObject({
  /** The name the child chose for the board: never the child's own name. */
  pseudonym: Text(60),
  ageBand: z.enum(MEMBER_AGE_BANDS),
  sex: z.enum(MEMBER_SEXES),
  /** The day the child agreed; required, as is the guardian's. */
  childConsentOn: PastDate.nullable(),
  guardianConsentOn: PastDate.nullable(),
  joinedOn: PastDate,
  leftOn: PastDate.nullable().optional(),
}).superRefine((v, ctx) => {
  if (!v.childConsentOn) ctx.addIssue({ code: 'custom', path: ['childConsentOn'], message: "a member needs the child's consent" });
  if (!v.guardianConsentOn) ctx.addIssue({ code: 'custom', path: ['guardianConsentOn'], message: "a member needs the guardian's consent" });
  if (v.childConsentOn && v.childConsentOn > v.joinedOn) ctx.addIssue({ code: 'custom', path: ['childConsentOn'], message: 'must be on or before the day the child joined' });
  if (v.guardianConsentOn && v.guardianConsentOn > v.joinedOn) ctx.addIssue({ code: 'custom', path: ['guardianConsentOn'], message: 'must be on or before the day the child joined' });
  if (v.leftOn && v.leftOn < v.joinedOn) ctx.addIssue({ code: 'custom', path: ['leftOn'], message: 'must not be before the day the child joined' });
});
export type MemberInput = z.infer<typeof MemberInput>;
export const MemberLeave = z.strictObject({ leftOn: PastDate });

export const ViewInput = z.strictObject({
  statement: Text(500),
  themes: z.array(z.enum(BOARD_THEMES)).min(1).max(BOARD_THEMES.length).refine((t) => new Set(t).size === t.length, { message: 'names a theme twice' }),
});
export const MeetingInput = z.strictObject({
  heldOn: PastDate,
  place: Text(200),
  topics: z.array(Text(200)).max(20),
  /** The members present (ids of this board's members, current on the day). */
  attendance: z.array(Id).max(100).refine((a) => new Set(a).size === a.length, { message: 'names a member twice' }),
  views: z.array(ViewInput).max(50),
});
export type MeetingInput = z.infer<typeof MeetingInput>;

export const ResponseInput = z.strictObject({
  viewId: Id,
  /** What the unit or its partners did. */
  action: Text(1000),
  byWhom: Text(200),
  respondedOn: PastDate,
  /** The view's status after this response. */
  status: z.enum(RESPONSE_STATUSES),
});
export type ResponseInput = z.infer<typeof ResponseInput>;

export const AdvocacyInput = z.strictObject({
  description: Text(500),
  chosenOn: PastDate,
  status: z.enum(ADVOCACY_STATUSES),
});
export type AdvocacyInput = z.infer<typeof AdvocacyInput>;
export const AdvocacyEdit = z.strictObject({ status: z.enum(ADVOCACY_STATUSES), version: Version });

export const BoardSummary = z.object({
  id: Id,
  country: z.string(),
  orgId: Id,
  orgName: z.string(),
  name: z.string(),
  municipalityCode: z.string(),
  municipalityName: z.string(),
  regionCode: z.string(),
  establishedOn: IsoDate,
  active: z.boolean(),
  version: z.number().int(),
  /** Members today (joined, not left). */
  currentMembers: z.number().int(),
  meetingCount: z.number().int(),
  lastMeetingOn: IsoDate.nullable(),
  views: z.object({ open: z.number().int(), inProgress: z.number().int(), answered: z.number().int(), overdue: z.number().int() }),
  /** Whether the reader may change it (its convening organisation's staff). */
  editable: z.boolean(),
});
export type BoardSummary = z.infer<typeof BoardSummary>;

export const MemberView = z.object({
  id: Id,
  pseudonym: z.string(),
  ageBand: z.enum(MEMBER_AGE_BANDS),
  sex: z.enum(MEMBER_SEXES),
  childConsentOn: IsoDate,
  guardianConsentOn: IsoDate,
  joinedOn: IsoDate,
  leftOn: IsoDate.nullable(),
});
export const ResponseView = z.object({
  id: Id, action: z.string(), byWhom: z.string(), respondedOn: IsoDate, status: z.enum(RESPONSE_STATUSES), authorName: z.string().nullable(),
});
export const ViewView = z.object({
  id: Id,
  meetingId: Id,
  raisedOn: IsoDate,
  statement: z.string(),
  themes: z.array(z.enum(BOARD_THEMES)),
  status: z.enum(VIEW_STATUSES),
  answeredOn: IsoDate.nullable(),
  /** The day an answer is due (raised + the answer period); overdue when past and not answered. */
  dueOn: IsoDate,
  overdue: z.boolean(),
  responses: z.array(ResponseView),
});
export const MeetingView = z.object({
  id: Id, heldOn: IsoDate, place: z.string(), topics: z.array(z.string()), attendance: z.array(Id),
});
export const AdvocacyView = z.object({
  id: Id, description: z.string(), chosenOn: IsoDate, status: z.enum(ADVOCACY_STATUSES), version: z.number().int(),
});
export const BoardDetail = BoardSummary.extend({
  members: z.array(MemberView),
  meetings: z.array(MeetingView).describe('newest first'),
  viewList: z.array(ViewView).describe('newest first'),
  advocacy: z.array(AdvocacyView),
});
export type BoardDetail = z.infer<typeof BoardDetail>;
export const BoardList = z.object({ items: z.array(BoardSummary) });
