import { z } from 'zod';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { Code, Id, Instant, IsoDate, LongText, Paging, Prose, OptProse, ShortText } from '../domain/common-schema.ts';
import { declareSharing } from '../policy/field-sharing.ts';
import { SortParam } from '../domain/list-sort.ts';

/** Coordination meetings, their participants and action items, as the API and the web app exchange them. */

export const MeetingType = z.enum(TAXONOMIES.meetingType);
export const MeetingStatus = z.enum(['planned', 'held', 'cancelled']);
export const SectorCode = z.enum(TAXONOMIES.sector);
/** An instant with its offset (2024-05-02T09:30:00+02:00 or …Z). */
export { Instant };

/**
 * A participant: an organisation (optionally one of its users), or a person who is not a user
 * (name, institution, sector). One object rather than a union, so that a mistake is reported at
 * the field that holds it (participants.2.sector), not as "matches no variant".
 */
export const ParticipantInput = z
  .strictObject({
    organisationId: Id.optional(),
    userId: Id.optional(),
    name: ShortText.optional(),
    institution: ShortText.optional(),
    sector: SectorCode.optional(),
    attended: z.boolean().nullable().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.organisationId) {
      if (p.name !== undefined || p.institution !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['name'], message: 'give either an organisation or a person, not both' });
      }
      return;
    }
    if (p.userId) ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'is required with a user' });
    if (p.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required for a person who is not a user' });
    if (p.institution === undefined) ctx.addIssue({ code: 'custom', path: ['institution'], message: 'is required for a person who is not a user' });
    if (p.sector === undefined) ctx.addIssue({ code: 'custom', path: ['sector'], message: 'is required for a person who is not a user' });
  });
export type ParticipantInput = z.infer<typeof ParticipantInput>;

export const MeetingInput = z
  .strictObject({
    type: MeetingType,
    heldAt: Instant,
    status: z.enum(['planned', 'held']).default('planned'),
    signalId: Id.optional(),
    childIds: z.array(Id).max(50).optional(),
    /** The municipality the meeting concerns; the unit's own by default. */
    municipalityCode: Code(1, 40).optional(),
    participants: z.array(ParticipantInput).max(60).default([]),
    decisions: LongText.nullable().optional(),
  })
  .superRefine((m, ctx) => {
    if (!m.signalId && (!m.childIds || m.childIds.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['childIds'], message: 'name a signal or at least one child' });
    }
  });
export type MeetingInput = z.infer<typeof MeetingInput>;

export const AttendanceInput = z.strictObject({ participantId: Id, attended: z.boolean().nullable() });

export const MeetingPatch = z.strictObject({
  /** The version the editor started from: a save over someone else's change is refused (409). */
  version: z.number().int().min(1),
  type: MeetingType.optional(),
  status: MeetingStatus.optional(),
  heldAt: Instant.optional(),
  decisions: LongText.nullable().optional(),
  attendance: z.array(AttendanceInput).max(60).optional(),
  addParticipants: z.array(ParticipantInput).max(60).optional(),
  removeParticipantIds: z.array(Id).max(60).optional(),
});
export type MeetingPatch = z.infer<typeof MeetingPatch>;

export const MEETING_SORTS = ['heldAt', 'type', 'status'] as const;
export const MeetingQuery = Paging.extend({
  type: MeetingType.optional(),
  status: MeetingStatus.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Latest first unless given. */
  sort: SortParam(MEETING_SORTS),
});
export type MeetingQuery = z.infer<typeof MeetingQuery>;

export const ActionItemInput = z
  .strictObject({
    description: Prose(2000),
    responsibleOrganisationId: Id.optional(),
    responsibleUserId: Id.optional(),
    /** The meeting's day plus the country's actionItemDefaultDays when not given. */
    dueDate: IsoDate.optional(),
  })
  .superRefine((a, ctx) => {
    const n = Number(!!a.responsibleOrganisationId) + Number(!!a.responsibleUserId);
    if (n !== 1) {
      ctx.addIssue({ code: 'custom', path: ['responsibleOrganisationId'], message: 'name exactly one responsible: an organisation or a user' });
    }
  });
export type ActionItemInput = z.infer<typeof ActionItemInput>;

export const DoneInput = z.strictObject({ note: OptProse(2000) });

export const ActionItemQuery = Paging.extend({
  /** Only the items the caller (their organisation, or they) must do. */
  mine: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  state: z.enum(['open', 'done', 'all']).default('open'),
});

/** case: the unit responsible for a case the meeting led to or concerns (a transferred case carries its meetings). */
export const MeetingAccessReason = z.enum(['unit_caseworker', 'unit_supervisor', 'case', 'meeting', 'system']);

export const ActionItemView = z.object({
  id: Id,
  meetingId: Id,
  description: z.string(),
  responsibleOrganisationId: Id.nullable(),
  responsibleOrganisationName: z.string().nullable(),
  responsibleUserId: Id.nullable(),
  responsibleUserName: z.string().nullable(),
  dueDate: z.string(),
  /** The end of the due day in the meeting's time zone: the instant the item becomes overdue after. */
  dueAt: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  doneNote: z.string().nullable(),
  overdue: z.boolean(),
  /** Whether the caller may mark it done (or reopen it). */
  canComplete: z.boolean(),
  canReopen: z.boolean(),
});
export type ActionItemView = z.infer<typeof ActionItemView>;

export const ParticipantView = z.object({
  id: Id,
  organisationId: Id.nullable(),
  organisationName: z.string().nullable(),
  userId: Id.nullable(),
  /** The user's or the person's name; withheld (null) from invited organisations. */
  personName: z.string().nullable(),
  institution: z.string().nullable(),
  sector: z.string(),
  attended: z.boolean().nullable(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;
/** The names of the people stay with readers who see the meeting whole; invited organisations read null. */
export const PARTICIPANT_SHARING = declareSharing<ParticipantView>('meeting_participant', 'blank', {
  id: 'all', organisationId: 'all', organisationName: 'all', userId: 'unit', personName: 'unit', institution: 'all', sector: 'all', attended: 'all',
});

export const MeetingChild = z.object({
  id: Id,
  /** The child's name when the caller reaches the child (the unit, or an invited organisation's grant). */
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
});

export const MeetingSummary = z.object({
  id: Id,
  country: z.string(),
  heldAt: z.string(),
  type: MeetingType,
  status: MeetingStatus,
  municipalityCode: z.string(),
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  signalId: Id.nullable(),
  mandatorySectors: z.array(z.string()),
  sectorsPresent: z.array(z.string()),
  /** Mandatory sectors absent (held) or not invited (planned). */
  missingSectors: z.array(z.string()),
  childCount: z.number(),
  openActionItems: z.number(),
  overdueActionItems: z.number(),
  accessReason: MeetingAccessReason,
  version: z.number(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;
/** The signal (the unit's record) stays with readers who see the meeting whole (meeting-reach.ts); invited organisations read null. */
export const MEETING_SUMMARY_SHARING = declareSharing<MeetingSummary>('meeting_summary', 'blank', {
  id: 'all', country: 'all', heldAt: 'all', type: 'all', status: 'all', municipalityCode: 'all', unitId: 'all', unitName: 'all',
  signalId: 'unit',
  mandatorySectors: 'all', sectorsPresent: 'all', missingSectors: 'all', childCount: 'all', openActionItems: 'all', overdueActionItems: 'all',
  accessReason: 'all', version: 'all',
});

export const MeetingView = MeetingSummary.extend({
  decisions: z.string().nullable(),
  convenedByName: z.string().nullable(),
  createdAt: z.string(),
  participants: z.array(ParticipantView),
  /** Mandatory sectors nobody was invited for (whatever the status). */
  notInvitedSectors: z.array(z.string()),
  children: z.array(MeetingChild),
  actionItems: z.array(ActionItemView),
  /** For an initial or crisis meeting on a signal: when it was due, and whether it was held in time. */
  deadline: z.object({ dueAt: z.string(), met: z.boolean().nullable() }).nullable(),
  /** What the caller may change: the convening unit edits the meeting and adds action items. */
  canEdit: z.boolean(),
});
export type MeetingView = z.infer<typeof MeetingView>;
/** Also with the unit: who convened it and its deadline (each participant: PARTICIPANT_SHARING). */
export const MEETING_SHARING = declareSharing<MeetingView>('meeting', 'blank', {
  ...MEETING_SUMMARY_SHARING.fields,
  decisions: 'all', convenedByName: 'unit', createdAt: 'all', participants: 'all', notInvitedSectors: 'all', children: 'all',
  actionItems: 'all', deadline: 'unit', canEdit: 'all',
});

export const MeetingList = z.object({ items: z.array(MeetingSummary), total: z.number() });

export const ActionItemListItem = ActionItemView.extend({
  meetingHeldAt: z.string(),
  meetingType: MeetingType,
});
export const ActionItemList = z.object({ items: z.array(ActionItemListItem), total: z.number() });

/** What the unit sees when convening the meeting on one of its signals. */
export const SignalMeetingContext = z.object({
  signalId: Id,
  receivedAt: z.string(),
  urgency: z.string(),
  harmTypes: z.array(z.string()),
  children: z.array(z.object({ id: Id, givenName: z.string(), familyName: z.string(), inSchool: z.boolean().nullable() })),
  mandatorySectors: z.array(z.string()),
  suggestedType: MeetingType,
  initialMeetingDueAt: z.string(),
  /** Meetings already held or planned on this signal. */
  meetingIds: z.array(Id),
});
export type SignalMeetingContext = z.infer<typeof SignalMeetingContext>;
