import { z } from 'zod';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { CLOCK_SKEW_MS, Code, Id, IsoDate, Name, OptProse, OptText, Paging, PastDate, Instant } from '../domain/common-schema.ts';
import { NotDuplicate } from '../children/child-schema.ts';
import { declareSharing } from '../policy/field-sharing.ts';
import { SortParam } from '../domain/list-sort.ts';

/**
 * A signal (report of concern) and its screening, as the API and the web app exchange them.
 * Shared by the server (validation) and the web form (zodResolver), so both refuse the same input
 * with the same paths.
 */
/** A client clock a little ahead of the server's is not "the future". */
export { CLOCK_SKEW_MS };
export const MAX_CHILDREN_PER_SIGNAL = 20;
export const URGENCIES = ['immediate', 'urgent', 'normal'] as const;
export const SCREENING_DECISIONS = ['open_case', 'attach_case', 'refer_elsewhere', 'no_action'] as const;
export type ScreeningDecision = (typeof SCREENING_DECISIONS)[number];

/**
 * A child of the signal: either one the safety net already knows (`childId`, picked from the
 * duplicate check) or a new child. One object with a rule rather than a union, so a mistake is
 * reported at the field that is wrong (children.1.sex), not as "no variant matched".
 */
export const SignalChildInput = z
  .strictObject({
    childId: Id.optional(),
    givenName: Name.optional(),
    familyName: Name.optional(),
    sex: z.enum(TAXONOMIES.sex).optional(),
    birthDate: PastDate.nullable().optional(),
    /** A new child with the name and birth date of a registered one: why it is another child. */
    notDuplicate: NotDuplicate.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.childId !== undefined) {
      for (const key of ['givenName', 'familyName', 'sex', 'birthDate', 'notDuplicate'] as const) {
        if (c[key] !== undefined && c[key] !== null) ctx.addIssue({ code: 'custom', path: [key], message: 'must be left out for a known child' });
      }
      return;
    }
    for (const key of ['givenName', 'familyName', 'sex'] as const) {
      if (c[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is required' });
    }
  // Also when another field of the child is wrong, so that every mistake is named at once.
  }, { when: (payload) => typeof payload.value === 'object' && payload.value !== null });
export type SignalChildInput = z.infer<typeof SignalChildInput>;

export const SignalInput = z
  .strictObject({
    /** The client's idempotency key: the same ref twice gives the first signal back. */
    ref: Code(1, 100).regex(/^[\w.:-]+$/, 'may hold letters, digits and . : _ - only').optional(),
    receivedAt: Instant,
    channel: z.enum(TAXONOMIES.channel),
    source: z.enum(TAXONOMIES.signalSource),
    reporterName: OptText(200),
    reporterContact: OptText(200),
    harmTypes: z.array(z.enum(TAXONOMIES.harmType)).min(1).max(TAXONOMIES.harmType.length),
    place: z.enum(TAXONOMIES.place).default('unknown'),
    perpetrators: z.array(z.enum(TAXONOMIES.perpetrator)).max(TAXONOMIES.perpetrator.length).default([]),
    description: OptProse(10_000),
    urgency: z.enum(URGENCIES).default('normal'),
    municipalityCode: Code(2, 40),
    children: z.array(SignalChildInput).min(1).max(MAX_CHILDREN_PER_SIGNAL),
  })
  .superRefine((s, ctx) => {
    const received = Date.parse(s.receivedAt);
    if (received > Date.now() + CLOCK_SKEW_MS) ctx.addIssue({ code: 'custom', path: ['receivedAt'], message: 'must not be in the future' });
    // The calendar day as the sender wrote it (its own offset): a child born that day is fine.
    const receivedDay = s.receivedAt.slice(0, 10);
    const seen = new Set<string>();
    s.children.forEach((c, i) => {
      if (c.birthDate && c.birthDate > receivedDay) {
        ctx.addIssue({ code: 'custom', path: ['children', i, 'birthDate'], message: 'must not be after the signal was received' });
      }
      if (c.childId) {
        if (seen.has(c.childId)) ctx.addIssue({ code: 'custom', path: ['children', i, 'childId'], message: 'is already in this signal' });
        seen.add(c.childId);
      }
    });
  });
export type SignalInput = z.infer<typeof SignalInput>;

export const ScreeningInput = z
  .strictObject({
    decision: z.enum(SCREENING_DECISIONS),
    riskLevel: z.enum(TAXONOMIES.riskLevel).nullable().optional(),
    reason: OptProse(5_000),
    referredTo: OptText(200),
    /** The version the worker opened: a screening over someone else's change is refused (409). */
    version: z.number().int().min(1),
  })
  .superRefine((s, ctx) => {
    const blank = (v: string | null | undefined) => v === undefined || v === null || v.trim() === '';
    if ((s.decision === 'open_case' || s.decision === 'attach_case') && !s.riskLevel) {
      ctx.addIssue({ code: 'custom', path: ['riskLevel'], message: 'is required to open or attach to a case' });
    }
    if ((s.decision === 'no_action' || s.decision === 'refer_elsewhere') && blank(s.reason)) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required for this decision' });
    }
    if (s.decision === 'refer_elsewhere' && blank(s.referredTo)) {
      ctx.addIssue({ code: 'custom', path: ['referredTo'], message: 'is required when referring elsewhere' });
    }
  });
export type ScreeningInput = z.infer<typeof ScreeningInput>;

/**
 * What each status allows, read by the server's guard (409 naming the allowed actions) and by
 * the web app's buttons. A screened signal is final: what follows belongs to the case.
 */
export const SIGNAL_STATUSES = ['unscreened', 'screened'] as const;
export type SignalStatus = (typeof SIGNAL_STATUSES)[number];
export const SIGNAL_ACTIONS: Record<SignalStatus, readonly 'screen'[]> = { unscreened: ['screen'], screened: [] };

/**
 * What the registering organisation wrote: its author (police, a school, the police-station team,
 * whatever its sector) reads every one of these back — authors read back what they wrote.
 */
export const SIGNAL_REGISTRATION_FIELDS = ['description', 'perpetrators', 'reporterName', 'reporterContact'] as const;

/**
 * unit_*: the unit that must screen it; case: the unit responsible for a case the signal is
 * attached to (a transferred case carries its signals), reading it whole but acting on nothing;
 * signal: the registering organisation (its author).
 */
export const SignalAccessReason = z.enum(['unit_supervisor', 'unit_caseworker', 'case', 'signal', 'system']);
export type SignalAccessReason = z.infer<typeof SignalAccessReason>;

export const SignalChildView = z.object({
  id: Id,
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  sex: z.string(),
  birthDate: z.string().nullable(),
});

export const ScreeningView = z.object({
  decision: z.enum(SCREENING_DECISIONS),
  riskLevel: z.enum(TAXONOMIES.riskLevel).nullable(),
  reason: z.string().nullable(),
  referredTo: z.string().nullable(),
  screenedAt: z.string(),
  screenedByName: z.string().nullable(),
});

export const SignalView = z.object({
  id: Id,
  country: z.string(),
  ref: z.string().nullable(),
  receivedAt: z.string(),
  channel: z.string().nullable(),
  source: z.string(),
  reporterName: z.string().nullable().optional(),
  reporterContact: z.string().nullable().optional(),
  harmTypes: z.array(z.string()),
  place: z.string(),
  perpetrators: z.array(z.string()).optional(),
  description: z.string().nullable().optional(),
  urgency: z.enum(URGENCIES),
  municipalityCode: z.string(),
  regionCode: z.string(),
  unitId: Id.nullable(),
  unitName: z.string().nullable(),
  registeredByName: z.string().nullable(),
  registeredOrgName: z.string().nullable(),
  screeningDueAt: z.string(),
  status: z.enum(SIGNAL_STATUSES),
  overdue: z.boolean(),
  screening: ScreeningView.nullable().optional(),
  children: z.array(SignalChildView),
  /** The case the screening opened or attached the signal to (the first, for several children); unit readers only. */
  caseId: Id.nullable().optional(),
  /**
   * The first meeting held or planned on the signal (cancelled ones left out), null when none; unit
   * readers only. The page offers to convene the initial meeting only while there is none.
   */
  meeting: z.object({ id: Id, status: z.enum(['planned', 'held']), heldAt: z.string() }).nullable().optional(),
  version: z.number(),
  createdAt: z.string(),
  accessReason: SignalAccessReason,
  /** Fields that exist but stay with the unit. */
  withheld: z.array(z.string()),
  /** What the reader may do now (from SIGNAL_ACTIONS and their reach). */
  allowed: z.array(z.enum(['screen'])),
});
export type SignalView = z.infer<typeof SignalView>;

/**
 * Who sees what of a signal. Readers who see it whole (the unit, the unit responsible for its
 * case) see every key; its author reads back what it wrote (SIGNAL_REGISTRATION_FIELDS), whatever
 * its sector, but not what the unit adds later: the screening (named in `withheld`) and the case
 * it led to (a link, left out unnamed).
 */
export const SIGNAL_SHARING = declareSharing<SignalView>('signal', 'omit', {
  id: 'all', country: 'all', ref: 'all', receivedAt: 'all', channel: 'all', source: 'all', reporterName: 'all', reporterContact: 'all',
  harmTypes: 'all', place: 'all', perpetrators: 'all', description: 'all', urgency: 'all', municipalityCode: 'all', regionCode: 'all',
  unitId: 'all', unitName: 'all', registeredByName: 'all', registeredOrgName: 'all', screeningDueAt: 'all', status: 'all', overdue: 'all',
  screening: 'unit',
  children: 'all',
  caseId: 'unit_unlisted',
  meeting: 'unit_unlisted',
  version: 'all', createdAt: 'all', accessReason: 'all', withheld: 'all', allowed: 'all',
});

/** A row of the signals list: no names (lists are seen over a shoulder); the page has them. */
export const SignalListItem = z.object({
  id: Id,
  receivedAt: z.string(),
  channel: z.string().nullable(),
  source: z.string(),
  harmTypes: z.array(z.string()),
  urgency: z.enum(URGENCIES),
  municipalityCode: z.string(),
  unitName: z.string().nullable(),
  childCount: z.number(),
  status: z.enum(SIGNAL_STATUSES),
  overdue: z.boolean(),
  screeningDueAt: z.string(),
  decision: z.enum(SCREENING_DECISIONS).nullable().optional(),
  riskLevel: z.enum(TAXONOMIES.riskLevel).nullable().optional(),
  accessReason: SignalAccessReason,
});
export type SignalListItem = z.infer<typeof SignalListItem>;
/** A row of the list: the screening's decision and risk stay with readers who see the signal whole. */
export const SIGNAL_LIST_SHARING = declareSharing<SignalListItem>('signal_list_item', 'omit', {
  id: 'all', receivedAt: 'all', channel: 'all', source: 'all', harmTypes: 'all', urgency: 'all', municipalityCode: 'all', unitName: 'all',
  childCount: 'all', status: 'all', overdue: 'all', screeningDueAt: 'all', decision: 'unit', riskLevel: 'unit', accessReason: 'all',
});
export const SignalList = z.object({ items: z.array(SignalListItem), total: z.number() });

export const SIGNAL_SORTS = ['receivedAt', 'due', 'urgency'] as const;
export const SignalListQuery = Paging.extend({
  status: z.enum(SIGNAL_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  harmType: z.enum(TAXONOMIES.harmType).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  urgency: z.enum(URGENCIES).optional(),
  /** Newest first unless given; due: the screening deadline; urgency: immediate first when ascending. */
  sort: SortParam(SIGNAL_SORTS),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type SignalListQuery = z.infer<typeof SignalListQuery>;
