import { z } from 'zod';
import { ASSESSMENT_DOMAINS, CASE_ACTIONS, PLAN_ACTION_STATUSES, PLAN_STATUSES, SERVICES } from '../cases/case-workflow.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { ErrorBody, Id, Instant, IsoDate, OptProse, OptText, Prose } from '../domain/common-schema.ts';
import { CaseAccessReason, Version } from '../cases/case-schema.ts';
import { CHILD_FIELD_SHARING, declareSharing } from '../policy/field-sharing.ts';

/**
 * The Individual Protection Plan, as the API and the web app exchange it: goals by assessment
 * domain, actions (a service, who is responsible, by when), the child's and the caregivers'
 * participation, and the reviews of an approved plan. A plan is saved whole (PUT) with the
 * version the worker opened; a save over someone else's answers 409 with the plan as they left it.
 */

export const PlanGoalInput = z.strictObject({
  /** An existing goal of this plan keeps its id. */
  id: Id.optional(),
  domain: z.enum(ASSESSMENT_DOMAINS),
  description: Prose(2_000),
});

export const PlanActionInput = z.strictObject({
  /** An existing action of this plan keeps its id (and so its history and its tasks). */
  id: Id.optional(),
  /** The goal it serves, by position in `goals`. */
  goalIndex: z.number().int().min(0).nullable().optional(),
  service: z.enum(SERVICES),
  description: Prose(2_000),
  /** Who is responsible: an organisation, a user, or a name (a relative, …): at least one. */
  responsibleOrgId: Id.nullable().optional(),
  responsibleUserId: Id.nullable().optional(),
  responsibleName: OptText(200),
  dueDate: IsoDate,
  status: z.enum(PLAN_ACTION_STATUSES).default('planned'),
});

const planShape = {
  goals: z.array(PlanGoalInput).max(50),
  actions: z.array(PlanActionInput).max(200),
  childParticipation: OptProse(5_000),
  childViews: OptProse(10_000),
  caregiverParticipation: OptProse(5_000),
  caregiverViews: OptProse(10_000),
};

function checkPlan(v: { goals: Array<{ id?: string }>; actions: Array<z.output<typeof PlanActionInput>> }, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const seen = new Set<string>();
  v.goals.forEach((g, i) => {
    if (g.id && seen.has(g.id)) issue(['goals', i, 'id'], 'appears twice');
    if (g.id) seen.add(g.id);
  });
  v.actions.forEach((a, i) => {
    if (a.goalIndex != null && a.goalIndex >= v.goals.length) issue(['actions', i, 'goalIndex'], 'names no goal of this plan');
    if (!a.responsibleOrgId && !a.responsibleUserId && !a.responsibleName) issue(['actions', i, 'responsibleName'], 'say who is responsible');
    if (a.id && seen.has(a.id)) issue(['actions', i, 'id'], 'appears twice');
    if (a.id) seen.add(a.id);
  });
}

/** A new plan (POST). */
export const PlanInput = z.strictObject(planShape).superRefine(checkPlan);
export type PlanInput = z.input<typeof PlanInput>;
export type PlanInputParsed = z.output<typeof PlanInput>;

/** A whole plan saved over the version the worker opened (PUT). */
export const PlanUpdateInput = z.strictObject({ ...planShape, version: Version }).superRefine(checkPlan);
export type PlanUpdateInput = z.input<typeof PlanUpdateInput>;

export const PlanReviewInput = z.strictObject({
  reviewedAt: Instant,
  summary: Prose(10_000),
  childViews: OptProse(10_000),
  childNotHeardReason: OptProse(5_000),
  /** A new risk level, when the review changes it. */
  riskLevel: z.enum(TAXONOMIES.riskLevel).nullable().optional(),
}).superRefine((v, ctx) => {
  if (new Date(v.reviewedAt).getTime() > Date.now() + 5 * 60_000) ctx.addIssue({ code: 'custom', path: ['reviewedAt'], message: 'cannot be in the future' });
  if (!v.childViews && !v.childNotHeardReason) ctx.addIssue({ code: 'custom', path: ['childViews'], message: 'is required (or say why the child could not be heard)' });
});
export type PlanReviewInput = z.input<typeof PlanReviewInput>;

/** The unit, or the organisation responsible for the action, records how it is going. */
export const PlanActionPatch = z.strictObject({
  status: z.enum(PLAN_ACTION_STATUSES),
  note: OptProse(5_000),
});
export type PlanActionPatch = z.infer<typeof PlanActionPatch>;

export const PlanGoalView = z.object({ id: Id, position: z.number(), domain: z.enum(ASSESSMENT_DOMAINS), description: z.string() });
export type PlanGoalView = z.infer<typeof PlanGoalView>;

export const PlanActionView = z.object({
  id: Id,
  planId: Id,
  caseId: Id,
  position: z.number(),
  goalId: Id.nullable(),
  goalIndex: z.number().nullable(),
  service: z.enum(SERVICES),
  description: z.string(),
  responsibleOrgId: Id.nullable(),
  responsibleOrgName: z.string().nullable(),
  responsibleUserId: Id.nullable(),
  responsibleUserName: z.string().nullable(),
  responsibleName: z.string().nullable(),
  dueDate: z.string(),
  status: z.enum(PLAN_ACTION_STATUSES),
  statusNote: z.string().nullable(),
  doneAt: z.string().nullable(),
  overdue: z.boolean(),
  /** The reader may record its status (the unit, or the responsible organisation, on an approved plan). */
  canUpdate: z.boolean(),
});
export type PlanActionView = z.infer<typeof PlanActionView>;

/**
 * GET /plan-actions/:id: one action of a plan, for the organisation responsible for it (which may
 * reach nothing else of the case) and the unit. Only the action, the goal it serves, its due date
 * and status, the unit that asked for it and the child's identity fields shared with the reader's
 * sector (src/policy/field-sharing.ts); nothing of the case's narrative.
 */
export const PlanActionDetail = z.object({
  action: PlanActionView,
  goal: z.object({ domain: z.enum(ASSESSMENT_DOMAINS), description: z.string() }).nullable(),
  child: z.object({
    id: Id,
    givenName: z.string().optional(),
    familyName: z.string().optional(),
    sex: z.string().optional(),
    birthDate: z.string().nullable().optional(),
    birthDateEstimated: z.boolean().optional(),
  }),
  /** Identity fields not shared with the reader's sector. */
  withheld: z.array(z.string()),
  unitName: z.string(),
  planStatus: z.enum(PLAN_STATUSES),
  /** How the reader reaches it: their reason for the case, or 'responsible_org' (the action alone). */
  accessReason: z.union([CaseAccessReason, z.literal('responsible_org')]),
  /** The reader reaches the case itself, so the page may link to it. */
  caseInReach: z.boolean(),
});
export type PlanActionDetail = z.infer<typeof PlanActionDetail>;
/** The child's identity on a plan action, shared as on the child's record (CHILD_FIELD_SHARING); named in the detail's `withheld`. */
export const PLAN_ACTION_CHILD_SHARING = declareSharing<PlanActionDetail['child']>('plan_action_child', 'omit', {
  id: CHILD_FIELD_SHARING.id, givenName: CHILD_FIELD_SHARING.givenName, familyName: CHILD_FIELD_SHARING.familyName, sex: CHILD_FIELD_SHARING.sex,
  birthDate: CHILD_FIELD_SHARING.birthDate, birthDateEstimated: CHILD_FIELD_SHARING.birthDateEstimated,
});

export const PlanReviewView = z.object({
  id: Id,
  reviewedAt: z.string(),
  summary: z.string(),
  childViews: z.string().nullable(),
  childNotHeardReason: z.string().nullable(),
  riskLevel: z.enum(TAXONOMIES.riskLevel).nullable(),
  nextReviewDueAt: z.string(),
  authorName: z.string().nullable(),
});
export type PlanReviewView = z.infer<typeof PlanReviewView>;

export const PlanView = z.object({
  id: Id,
  caseId: Id,
  number: z.number(),
  status: z.enum(PLAN_STATUSES),
  goals: z.array(PlanGoalView),
  actions: z.array(PlanActionView),
  reviews: z.array(PlanReviewView),
  childParticipation: z.string().nullable(),
  childViews: z.string().nullable(),
  caregiverParticipation: z.string().nullable(),
  caregiverViews: z.string().nullable(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionComment: z.string().nullable(),
  approvedAt: z.string().nullable(),
  reviewDueAt: z.string().nullable(),
  authorName: z.string().nullable(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  version: z.number(),
  /** What the reader may do with this plan now: PLAN_WORKFLOW for its status, narrowed by the case's. */
  allowed: z.array(z.enum(CASE_ACTIONS)),
  /** False for a reader outside the unit: they see only the actions their organisation is responsible for. */
  fullAccess: z.boolean(),
});
export type PlanView = z.infer<typeof PlanView>;
/**
 * Who sees a plan whole: the unit, and the organisation that wrote it (plan-views.ts). Any other
 * reader sees the actions its organisation is responsible for, none of the goals and none of the
 * narrative (null).
 */
export const PLAN_SHARING = declareSharing<PlanView>('plan', 'blank', {
  id: 'all', caseId: 'all', number: 'all', status: 'all', goals: 'unit', actions: 'all', reviews: 'all',
  childParticipation: 'unit', childViews: 'unit', caregiverParticipation: 'unit', caregiverViews: 'unit',
  submittedAt: 'all', submittedByName: 'all', decidedAt: 'all', decidedByName: 'all', decisionComment: 'unit', approvedAt: 'all',
  reviewDueAt: 'all', authorName: 'all', updatedAt: 'all', updatedByName: 'all', version: 'all', allowed: 'all', fullAccess: 'all',
});
export const PlanList = z.object({ items: z.array(PlanView) });
export type PlanList = z.infer<typeof PlanList>;

/** 409 on a stale save: the plan as the other person saved it, and who that was. */
export const PlanConflict = ErrorBody.extend({ current: PlanView.optional(), changedBy: z.string().nullable().optional() });

/** 409 on a second plan while one is in preparation: the id of that one, to open it instead. */
export const PlanExistsConflict = ErrorBody.extend({ planId: Id.optional() });
