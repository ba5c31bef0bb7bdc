import { z } from 'zod';
import { CASE_ACTIONS, CASE_DECISION_KINDS, CASE_EVENT_KINDS, CASE_STATUSES, CLOSURE_REASONS, PLACEMENT_KINDS } from './case-workflow.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { Id, OptProse, Paging, Prose, SearchText } from '../domain/common-schema.ts';
import { declareSharing } from '../policy/field-sharing.ts';
import { SortParam } from '../domain/list-sort.ts';

/**
 * A case, as the API and the web app exchange it. The sections of a case (assessments, plans,
 * contacts, referrals, placements, transfers, cross-border referrals) have their own schema files
 * beside this one; this file holds the case itself, its list, the timeline and the caseload.
 */
/** Every change names the version the worker opened: a change over someone else's answers 409 with the case as it now is. */
export const Version = z.number().int().min(1);

export const CaseAccessReason = z.enum(['owner', 'unit_supervisor', 'unit_caseworker', 'receiving_unit', 'meeting', 'referral', 'transfer', 'system']);
export type CaseAccessReasonCode = z.infer<typeof CaseAccessReason>;

/** Opens a case directly (a child already known to the unit); screening opens one from a signal. */
export const CaseOpenInput = z.strictObject({
  childId: Id,
  riskLevel: z.enum(TAXONOMIES.riskLevel),
  /** The caseworker who will own it; a supervisor may name anyone of the unit, a caseworker only themself (the default). */
  ownerId: Id.nullable().optional(),
  signalId: Id.optional(),
});
export type CaseOpenInput = z.infer<typeof CaseOpenInput>;

export const CaseAssignInput = z.strictObject({ ownerId: Id, version: Version });
/**
 * Several cases to one worker at once, from the case list. No versions: the list does not show
 * them, and an assignment overwrites only the owner (each case's status is still checked).
 */
export const CaseBulkAssignInput = z.strictObject({
  caseIds: z.array(Id).min(1).max(100).refine((ids) => new Set(ids).size === ids.length, { message: 'must not repeat a case' }),
  ownerId: Id,
});
export type CaseBulkAssignInput = z.infer<typeof CaseBulkAssignInput>;
export const CaseBulkAssignResult = z.object({ assigned: z.array(Id), ownerName: z.string() });
export type CaseBulkAssignResult = z.infer<typeof CaseBulkAssignResult>;
export type CaseAssignInput = z.infer<typeof CaseAssignInput>;

export const ClosureRequestInput = z.strictObject({
  reason: z.enum(CLOSURE_REASONS),
  note: OptProse(5_000),
  version: Version,
}).superRefine((v, ctx) => {
  if (v.reason === 'other' && !v.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'is required when the reason is "other"' });
});
export type ClosureRequestInput = z.infer<typeof ClosureRequestInput>;

/** Approving needs only the version; returning (refusing) a closure, a comment. */
export const DecisionInput = z.strictObject({ version: Version });
export const ReturnInput = z.strictObject({ comment: Prose(5_000), version: Version });
export const ReopenInput = z.strictObject({ reason: Prose(5_000), riskLevel: z.enum(TAXONOMIES.riskLevel), version: Version });
export type ReturnInput = z.infer<typeof ReturnInput>;
export type ReopenInput = z.infer<typeof ReopenInput>;

export const CaseChildView = z.object({
  id: Id,
  givenName: z.string(),
  familyName: z.string(),
  sex: z.string(),
  birthDate: z.string().nullable(),
});

export const CaseOverdue = z.enum(['initial_assessment', 'plan', 'review']);

/** A supervisor's decision with its words: a closure returned (the comment) or the case reopened (the reason). */
export const CaseDecisionView = z.object({
  id: Id,
  kind: z.enum(CASE_DECISION_KINDS),
  at: z.string(),
  byName: z.string(),
  comment: z.string(),
  /** closure_returned: the closure reason that was returned. */
  closureReason: z.enum(CLOSURE_REASONS).nullable(),
});
export type CaseDecisionView = z.infer<typeof CaseDecisionView>;

export const CaseView = z.object({
  id: Id,
  country: z.string(),
  ref: z.string().nullable(),
  child: CaseChildView,
  unitId: Id,
  unitName: z.string(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(TAXONOMIES.riskLevel),
  openedAt: z.string(),
  openedByName: z.string().nullable(),
  signalIds: z.array(Id),
  initialAssessmentDueAt: z.string(),
  initialAssessmentAt: z.string().nullable(),
  planDueAt: z.string(),
  reviewDueAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  childLastSeenAt: z.string().nullable(),
  /** The plan in force, if one is approved. */
  planInForce: z.object({ id: Id, number: z.number(), approvedAt: z.string(), reviewDueAt: z.string().nullable() }).nullable(),
  currentPlacement: z.object({ id: Id, kind: z.enum(PLACEMENT_KINDS), since: z.string(), placeName: z.string().nullable() }).nullable(),
  pendingTransfer: z.object({ id: Id, fromUnitName: z.string(), toUnitName: z.string(), requestedAt: z.string() }).nullable(),
  closure: z.object({
    reason: z.enum(CLOSURE_REASONS),
    note: z.string().nullable(),
    requestedAt: z.string().nullable(),
    requestedByName: z.string().nullable(),
    closedAt: z.string().nullable(),
    closedByName: z.string().nullable(),
  }).nullable(),
  /** The supervisor's returned closures and reopenings with their words, newest first: the unit's only (empty for anyone else). */
  decisions: z.array(CaseDecisionView),
  /** Deadlines of the case itself that have passed. */
  overdue: z.array(CaseOverdue),
  accessReason: CaseAccessReason,
  /** What the reader may do now: CASE_WORKFLOW for the status, narrowed by their relationship. */
  allowed: z.array(z.enum(CASE_ACTIONS)),
  /** The one step the workflow expects of this reader next (one of `allowed`; case-next-step.ts), offered first; null when none. */
  nextStep: z.enum(CASE_ACTIONS).nullable(),
  /** Sections the reader sees in full (the owning unit), or only in part (others). */
  fullAccess: z.boolean(),
  version: z.number(),
  updatedAt: z.string(),
});
export type CaseView = z.infer<typeof CaseView>;
/**
 * What stays with the owning unit (readers outside it read null or []): the supervisor's decisions
 * with their words, and the worker's closure note (CASE_CLOSURE_SHARING). The current placement
 * goes by who wrote it or hosts the child (case-records.ts), not by field.
 */
export const CASE_SHARING = declareSharing<CaseView>('case', 'blank', {
  id: 'all', country: 'all', ref: 'all', child: 'all', unitId: 'all', unitName: 'all', ownerId: 'all', ownerName: 'all', status: 'all',
  riskLevel: 'all', openedAt: 'all', openedByName: 'all', signalIds: 'all', initialAssessmentDueAt: 'all', initialAssessmentAt: 'all',
  planDueAt: 'all', reviewDueAt: 'all', lastContactAt: 'all', childLastSeenAt: 'all', planInForce: 'all', currentPlacement: 'all',
  pendingTransfer: 'all', closure: 'all', decisions: 'unit', overdue: 'all', accessReason: 'all', allowed: 'all', nextStep: 'all', fullAccess: 'all',
  version: 'all', updatedAt: 'all',
});
export const CASE_CLOSURE_SHARING = declareSharing<NonNullable<CaseView['closure']>>('case_closure', 'blank', {
  reason: 'all', note: 'unit', requestedAt: 'all', requestedByName: 'all', closedAt: 'all', closedByName: 'all',
});

export const CaseListItem = z.object({
  id: Id,
  ref: z.string().nullable(),
  childName: z.string(),
  childBirthDate: z.string().nullable(),
  status: z.enum(CASE_STATUSES),
  riskLevel: z.enum(TAXONOMIES.riskLevel),
  ownerName: z.string().nullable(),
  unitName: z.string(),
  openedAt: z.string(),
  childLastSeenAt: z.string().nullable(),
  /** The earliest deadline still to meet, and whether any has passed. */
  nextDueAt: z.string().nullable(),
  overdue: z.boolean(),
  accessReason: CaseAccessReason,
});
export type CaseListItem = z.infer<typeof CaseListItem>;
export const CaseList = z.object({ items: z.array(CaseListItem), total: z.number() });

export const CASE_SORTS = ['openedAt', 'deadline', 'risk', 'status', 'child', 'lastSeen'] as const;
export const CaseListQuery = Paging.extend({
  /** 'active' is every status but closed. */
  status: z.enum([...CASE_STATUSES, 'active']).optional(),
  /** 'me', 'unassigned', or a user's id (a supervisor looking at one worker's caseload). */
  owner: z.union([z.enum(['me', 'unassigned']), Id]).optional(),
  riskLevel: z.enum(TAXONOMIES.riskLevel).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Part of the child's name (any script). */
  q: SearchText.optional(),
  /** Newest first unless given; deadline: the earliest deadline still to meet (none last); risk: low to high. */
  sort: SortParam(CASE_SORTS),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseEventView = z.object({
  id: Id,
  at: z.string(),
  kind: z.enum(CASE_EVENT_KINDS),
  actorName: z.string(),
  authorOrgName: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: Id.nullable(),
  /** Codes only (a status, a risk level, a reason code): never narrative. */
  detail: z.record(z.string(), z.unknown()),
});
export type CaseEventView = z.infer<typeof CaseEventView>;
export const CaseTimeline = z.object({ items: z.array(CaseEventView) });

/** GET /cases/:id/assignable-users: the active caseworkers and supervisors of the case's unit, who may own it. */
export const AssignableUser = z.object({
  id: Id,
  name: z.string(),
  roles: z.array(z.enum(['caseworker', 'supervisor'])),
  /** The case's current owner. */
  current: z.boolean(),
});
export const AssignableUsers = z.object({ items: z.array(AssignableUser) });
export type AssignableUsers = z.infer<typeof AssignableUsers>;

export const CaseloadRow = z.object({
  userId: Id.nullable(),
  name: z.string().nullable(),
  activeCases: z.number(),
  highRisk: z.number(),
  overdueCases: z.number(),
  /** Overdue tasks that are the worker's, counted as their own task list counts them (overdueByWorker); the unassigned row: the unit's shared ones. */
  overdueItems: z.number(),
});
export const Caseload = z.object({ unitName: z.string(), workers: z.array(CaseloadRow) });
export type Caseload = z.infer<typeof Caseload>;
