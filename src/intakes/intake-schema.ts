import { z } from 'zod';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { CLOCK_SKEW_MS, Code, Id, IsoDate, OptProse, OptText, Paging, Instant, Text } from '../domain/common-schema.ts';
import { MAX_CHILDREN_PER_SIGNAL, SignalChildInput, URGENCIES } from '../signals/signal-schema.ts';
import { declareSharing } from '../policy/field-sharing.ts';
import { FigureTable } from '../reports/figure-table.ts';

/**
 * A police-station intake by the 24/7 psychosocial team (issue 13 §1), as the API and the web
 * form exchange them. Every intake is referred to the Child Protection Unit of the child's
 * municipality as a signal; the team then follows it (`followUp`): whether it was screened, whether
 * a case was opened and who is responsible, when the child was last seen — never the unit's narrative.
 */
export const MAX_TEAM_MEMBERS = 10;

export const TeamMemberInput = z.strictObject({ name: Text(200), role: Text(100) });

export const IntakeInput = z
  .strictObject({
    /** The police station: an organisation of sector police in the team's country. */
    stationId: Id,
    calledAt: Instant,
    arrivedAt: Instant,
    teamMembers: z.array(TeamMemberInput).min(1).max(MAX_TEAM_MEMBERS),
    /** The child's municipality: its Child Protection Unit receives the referral. */
    municipalityCode: Code(2, 40),
    /** Known children or new ones, with the duplicate check of signal registration. */
    children: z.array(SignalChildInput).min(1).max(MAX_CHILDREN_PER_SIGNAL),
    legalSituation: z.enum(TAXONOMIES.legalSituation),
    /** The harm the unit screens (the referral's harm types). */
    harmTypes: z.array(z.enum(TAXONOMIES.harmType)).min(1).max(TAXONOMIES.harmType.length),
    urgency: z.enum(URGENCIES).default('urgent'),
    parentPresent: z.boolean(),
    lawyerPresent: z.boolean(),
    psychologistPresent: z.boolean(),
    childFriendlyRoom: z.boolean(),
    supportGiven: OptProse(5_000),
    outcome: z.enum(TAXONOMIES.intakeOutcome),
    outcomeNote: OptText(500),
  })
  .superRefine((s, ctx) => {
    const now = Date.now() + CLOCK_SKEW_MS;
    const called = Date.parse(s.calledAt);
    const arrived = Date.parse(s.arrivedAt);
    if (called > now) ctx.addIssue({ code: 'custom', path: ['calledAt'], message: 'must not be in the future' });
    if (arrived > now) ctx.addIssue({ code: 'custom', path: ['arrivedAt'], message: 'must not be in the future' });
    if (!Number.isNaN(called) && !Number.isNaN(arrived) && arrived < called) {
      ctx.addIssue({ code: 'custom', path: ['arrivedAt'], message: 'must not be before the call' });
    }
    if (s.outcome === 'other' && !s.outcomeNote?.trim()) ctx.addIssue({ code: 'custom', path: ['outcomeNote'], message: 'is required when the outcome is other' });
    const day = s.arrivedAt.slice(0, 10);
    const seen = new Set<string>();
    s.children.forEach((c, i) => {
      if (c.birthDate && c.birthDate > day) ctx.addIssue({ code: 'custom', path: ['children', i, 'birthDate'], message: 'must not be after the intake' });
      if (c.childId) {
        if (seen.has(c.childId)) ctx.addIssue({ code: 'custom', path: ['children', i, 'childId'], message: 'is already in this intake' });
        seen.add(c.childId);
      }
    });
  });
export type IntakeInput = z.infer<typeof IntakeInput>;

/** team: the police-station team that wrote it (reads back all it wrote); unit: the unit of the referred signal. */
export const IntakeAccessReason = z.enum(['team', 'unit', 'system']);
export type IntakeAccessReason = z.infer<typeof IntakeAccessReason>;

/** What the team follows of one child: facts of the unit's work, never its narrative. */
export const IntakeChildFollowUp = z.object({
  childId: Id,
  caseOpened: z.boolean(),
  /** The case's owner (the caseworker responsible), null while none is assigned. */
  responsibleName: z.string().nullable(),
  childLastSeenAt: z.string().nullable(),
});

export const IntakeFollowUp = z.object({
  screened: z.boolean(),
  screenedAt: z.string().nullable(),
  unitName: z.string().nullable(),
  children: z.array(IntakeChildFollowUp),
});

export const IntakeView = z.object({
  id: Id,
  country: z.string(),
  teamName: z.string(),
  recordedByName: z.string().nullable(),
  stationId: Id,
  stationName: z.string(),
  calledAt: z.string(),
  arrivedAt: z.string(),
  responseMinutes: z.number(),
  teamMembers: z.array(z.object({ name: z.string(), role: z.string() })),
  municipalityCode: z.string(),
  children: z.array(z.object({ id: Id, givenName: z.string(), familyName: z.string(), sex: z.string(), birthDate: z.string().nullable() })),
  legalSituation: z.enum(TAXONOMIES.legalSituation),
  harmTypes: z.array(z.string()),
  parentPresent: z.boolean(),
  lawyerPresent: z.boolean(),
  psychologistPresent: z.boolean(),
  childFriendlyRoom: z.boolean(),
  supportGiven: z.string().nullable(),
  outcome: z.enum(TAXONOMIES.intakeOutcome),
  outcomeNote: z.string().nullable(),
  signalId: Id,
  followUp: IntakeFollowUp,
  createdAt: z.string(),
  accessReason: IntakeAccessReason,
});
export type IntakeView = z.infer<typeof IntakeView>;

/**
 * Who sees what of an intake. The team reads back everything it wrote; the unit of the referred
 * signal reads the intake whole too (it is the referral it screens). The follow-up carries no
 * narrative of the unit by construction (facts only: screened, case opened, who, last seen), so
 * every key is 'all' for the two readers in reach; nobody else reaches an intake (404).
 */
export const INTAKE_SHARING = declareSharing<IntakeView>('police_intake', 'omit', {
  id: 'all', country: 'all', teamName: 'all', recordedByName: 'all', stationId: 'all', stationName: 'all', calledAt: 'all', arrivedAt: 'all',
  responseMinutes: 'all', teamMembers: 'all', municipalityCode: 'all', children: 'all', legalSituation: 'all', harmTypes: 'all',
  parentPresent: 'all', lawyerPresent: 'all', psychologistPresent: 'all', childFriendlyRoom: 'all', supportGiven: 'all', outcome: 'all',
  outcomeNote: 'all', signalId: 'all', followUp: 'all', createdAt: 'all', accessReason: 'all',
});

/** A row of the team's list: no child names (lists are read over a shoulder), the follow-up in columns. */
export const IntakeListItem = z.object({
  id: Id,
  calledAt: z.string(),
  arrivedAt: z.string(),
  responseMinutes: z.number(),
  stationName: z.string(),
  legalSituation: z.enum(TAXONOMIES.legalSituation),
  outcome: z.enum(TAXONOMIES.intakeOutcome),
  childCount: z.number(),
  unitName: z.string().nullable(),
  screened: z.boolean(),
  casesOpened: z.number(),
  responsibleNames: z.array(z.string()),
  childLastSeenAt: z.string().nullable(),
  accessReason: IntakeAccessReason,
});
export type IntakeListItem = z.infer<typeof IntakeListItem>;
export const INTAKE_LIST_SHARING = declareSharing<IntakeListItem>('police_intake_list_item', 'omit', {
  id: 'all', calledAt: 'all', arrivedAt: 'all', responseMinutes: 'all', stationName: 'all', legalSituation: 'all', outcome: 'all',
  childCount: 'all', unitName: 'all', screened: 'all', casesOpened: 'all', responsibleNames: 'all', childLastSeenAt: 'all', accessReason: 'all',
});
export const IntakeList = z.object({ items: z.array(IntakeListItem), total: z.number() });

export const IntakeListQuery = Paging.extend({
  stationId: Id.optional(),
  legalSituation: z.enum(TAXONOMIES.legalSituation).optional(),
  screened: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Whether the unit opened (or attached it to) a case. */
  followedUp: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type IntakeListQuery = z.infer<typeof IntakeListQuery>;

/** A period of the country's local days for the team's figures: at most a year and a day. */
export const IntakeFiguresQuery = z.strictObject({ from: IsoDate, to: IsoDate })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { path: ['to'], message: 'must be at most a year after from' });
export const IntakeFigures = z.object({ tables: z.array(FigureTable) });
