import { sql } from 'kysely';
import type { CaseAction, PlanStatus } from '../cases/case-workflow.ts';
import { PLAN_WORKFLOW } from '../cases/case-workflow.ts';
import { deadlinesFor, dueAfterDays } from '../domain/deadlines.ts';
import type { ReturnInput } from '../cases/case-schema.ts';
import type { PlanInputParsed, PlanReviewInput, PlanView } from './plan-schema.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import { setCaseRiskLevel } from '../assessments/assessments.ts';
import { type CaseContext, actorUserId, allowedFor, authorOrg, unitTimeZone, withCase } from '../cases/case-context.ts';
import { getPlan, loadPlans } from './plan-views.ts';
import type { Door, Tx } from '../policy/door.ts';

/**
 * Writing the Individual Protection Plan. One plan is in preparation at a time (draft, submitted
 * or returned). A save replaces the plan's goals and actions whole but keeps the ids of those
 * that already existed, and names the plan's version: every write runs under withCase, which
 * locks the case row, so two saves are serialised and the second sees the first's version and
 * answers 409 with the plan as it now is — no update is lost. Approval by a supervisor of the
 * owning unit puts the plan in force, supersedes the previous one and sets the next review.
 */

type PlanRow = { id: string; status: PlanStatus; version: number; number: number; updated_by: string | null };

async function lockPlan(ctx: CaseContext, planId: string): Promise<PlanRow> {
  const plan = await ctx.tx
    .selectFrom('plans')
    .select(['id', 'status', 'version', 'number', 'updated_by'])
    .where('country', '=', ctx.kase.country)
    .where('case_id', '=', ctx.kase.id)
    .where('id', '=', planId)
    .forUpdate()
    .executeTakeFirst();
  if (!plan) throw new NotFoundError('plan');
  return plan as PlanRow;
}

/** The plan's own workflow below the case's: 409 naming what this plan allows now. */
function checkPlanStatus(door: Door, ctx: CaseContext, plan: PlanRow, action: CaseAction) {
  if (PLAN_WORKFLOW[plan.status].includes(action)) return;
  const caseAllowed = allowedFor(door, ctx.kase);
  throw new ConflictError(`This plan does not allow "${action}" now`, { allowed: PLAN_WORKFLOW[plan.status].filter((a) => caseAllowed.includes(a)) });
}

/** Organisations and users named as responsible must exist in the case's country. */
async function checkResponsibles(tx: Tx, country: string, input: PlanInputParsed) {
  const orgIds = [...new Set(input.actions.map((a) => a.responsibleOrgId).filter((x): x is string => !!x))];
  const userIds = [...new Set(input.actions.map((a) => a.responsibleUserId).filter((x): x is string => !!x))];
  const orgs = orgIds.length ? new Set((await tx.selectFrom('organisations').select('id').where('id', 'in', orgIds).where('country', '=', country).execute()).map((o) => o.id)) : new Set<string>();
  const users = userIds.length
    ? new Set((await tx.selectFrom('users as u').innerJoin('organisations as o', 'o.id', 'u.organisation_id').select('u.id').where('u.id', 'in', userIds).where('o.country', '=', country).execute()).map((u) => u.id))
    : new Set<string>();
  const issues: Array<{ path: string; message: string }> = [];
  input.actions.forEach((a, i) => {
    if (a.responsibleOrgId && !orgs.has(a.responsibleOrgId)) issues.push({ path: `actions.${i}.responsibleOrgId`, message: 'names no organisation of this country' });
    if (a.responsibleUserId && !users.has(a.responsibleUserId)) issues.push({ path: `actions.${i}.responsibleUserId`, message: 'names no user of this country' });
  });
  if (issues.length) throw new InputError('Some actions name someone unknown', issues);
}

/** Replaces the goals and actions of a plan with the input's, keeping the ids that already exist. */
async function writeContent(tx: Tx, country: string, planId: string, input: PlanInputParsed) {
  const oldGoals = new Set((await tx.selectFrom('plan_goals').select('id').where('country', '=', country).where('plan_id', '=', planId).execute()).map((g) => g.id));
  const oldActions = new Map((await tx.selectFrom('plan_actions').select(['id', 'status']).where('country', '=', country).where('plan_id', '=', planId).execute()).map((a) => [a.id, a.status]));
  const issues: Array<{ path: string; message: string }> = [];
  input.goals.forEach((g, i) => g.id && !oldGoals.has(g.id) && issues.push({ path: `goals.${i}.id`, message: 'is not a goal of this plan' }));
  input.actions.forEach((a, i) => a.id && !oldActions.has(a.id) && issues.push({ path: `actions.${i}.id`, message: 'is not an action of this plan' }));
  if (issues.length) throw new InputError('The plan names goals or actions it does not have', issues);
  await checkResponsibles(tx, country, input);

  const goalIds: string[] = [];
  for (const [position, g] of input.goals.entries()) {
    if (g.id) {
      await tx.updateTable('plan_goals').set({ position, domain: g.domain, description: g.description }).where('country', '=', country).where('id', '=', g.id).execute();
      goalIds.push(g.id);
    } else {
      const row = await tx.insertInto('plan_goals').values({ country, plan_id: planId, position, domain: g.domain, description: g.description }).returning('id').executeTakeFirstOrThrow();
      goalIds.push(row.id);
    }
  }
  const keptActions = input.actions.map((a) => a.id).filter((x): x is string => !!x);
  let del = tx.deleteFrom('plan_actions').where('country', '=', country).where('plan_id', '=', planId);
  if (keptActions.length) del = del.where('id', 'not in', keptActions);
  await del.execute();
  for (const [position, a] of input.actions.entries()) {
    const values = {
      goal_id: a.goalIndex != null ? goalIds[a.goalIndex]! : null,
      position,
      service: a.service,
      description: a.description,
      responsible_org_id: a.responsibleOrgId ?? null,
      responsible_user_id: a.responsibleUserId ?? null,
      responsible_name: a.responsibleName || null,
      due_date: a.dueDate,
      status: a.status,
    };
    if (a.id) {
      const wasDone = oldActions.get(a.id) === 'done';
      await tx
        .updateTable('plan_actions')
        .set({ ...values, ...(a.status === 'done' && !wasDone ? { done_at: sql<Date>`now()` } : a.status !== 'done' ? { done_at: null } : {}) })
        .where('country', '=', country)
        .where('id', '=', a.id)
        .execute();
    } else {
      await tx.insertInto('plan_actions').values({ country, plan_id: planId, ...values, done_at: a.status === 'done' ? sql<Date>`now()` : null }).execute();
    }
  }
  let delGoals = tx.deleteFrom('plan_goals').where('country', '=', country).where('plan_id', '=', planId);
  if (goalIds.length) delGoals = delGoals.where('id', 'not in', goalIds);
  await delGoals.execute();
}

function narrative(input: PlanInputParsed) {
  return {
    child_participation: input.childParticipation || null,
    child_views: input.childViews || null,
    caregiver_participation: input.caregiverParticipation || null,
    caregiver_views: input.caregiverViews || null,
  };
}

/** POST /cases/:id/plans: a new plan in preparation (draft). */
export async function createPlan(door: Door, caseId: string, input: PlanInputParsed): Promise<PlanView> {
  const planId = await withCase(door, caseId, 'edit_plan', async (ctx) => {
    const { tx, kase } = ctx;
    const open = await tx.selectFrom('plans').select('id').where('country', '=', kase.country).where('case_id', '=', kase.id).where('status', 'in', ['draft', 'submitted', 'returned']).executeTakeFirst();
    if (open) throw new ConflictError('A plan is already in preparation for this case; edit that one', { planId: open.id });
    const last = await tx.selectFrom('plans').select(sql<number>`coalesce(max(number), 0)`.as('n')).where('country', '=', kase.country).where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    const row = await tx
      .insertInto('plans')
      .values({ country: kase.country, case_id: kase.id, number: Number(last.n) + 1, ...narrative(input), author_id: actorUserId(door), author_org_id: authorOrg(door, kase), updated_by: actorUserId(door) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeContent(tx, kase.country, row.id, input);
    await ctx.event('plan_saved', { entity: 'plan', entityId: row.id, detail: { number: Number(last.n) + 1, goals: input.goals.length, actions: input.actions.length } });
    return row.id;
  }, { detail: { goals: input.goals.length, actions: input.actions.length } });
  return getPlan(door, caseId, planId);
}

/** PUT /cases/:id/plans/:planId: the whole plan over the version the worker opened. */
export async function savePlan(door: Door, caseId: string, planId: string, input: PlanInputParsed & { version: number }): Promise<PlanView> {
  const out = await withCase(door, caseId, 'edit_plan', async (ctx) => {
    const { tx, kase } = ctx;
    const plan = await lockPlan(ctx, planId);
    if (plan.version !== input.version) {
      // Someone saved (or submitted) first: answer with the plan as they left it, read in this transaction.
      const [current] = await loadPlans(door, tx, kase, ctx.reason, planId);
      const by = plan.updated_by ? await tx.selectFrom('users').select('display_name').where('id', '=', plan.updated_by).executeTakeFirst() : undefined;
      await ctx.audit([{ chain: kase.country, action: 'read', entity: 'plan', entityId: planId, childId: kase.child_id, reason: ctx.reason, outcome: 'ok', detail: { stale: true } }]);
      return { conflict: { current: current!, changedBy: by?.display_name ?? null } };
    }
    checkPlanStatus(door, ctx, plan, 'edit_plan');
    await writeContent(tx, kase.country, planId, input);
    await tx
      .updateTable('plans')
      .set({ ...narrative(input), updated_at: sql<Date>`now()`, updated_by: actorUserId(door), version: sql<number>`version + 1` })
      .where('country', '=', kase.country)
      .where('id', '=', planId)
      .execute();
    await ctx.event('plan_saved', { entity: 'plan', entityId: planId, detail: { number: plan.number, goals: input.goals.length, actions: input.actions.length } });
    return { ok: true as const };
  }, { detail: { goals: input.goals.length, actions: input.actions.length } });
  if ('conflict' in out) throw new ConflictError('Someone else saved this plan since you opened it; your changes are not saved. Compare with the current plan and save again', out.conflict);
  return getPlan(door, caseId, planId);
}

async function decide(
  door: Door,
  caseId: string,
  planId: string,
  action: 'submit_plan' | 'approve_plan' | 'return_plan',
  version: number,
  work: (ctx: CaseContext, plan: PlanRow) => Promise<void>,
): Promise<PlanView> {
  await withCase(door, caseId, action, async (ctx) => {
    const plan = await lockPlan(ctx, planId);
    if (plan.version !== version) throw new ConflictError('Someone else changed this plan since you opened it; reload it and try again');
    checkPlanStatus(door, ctx, plan, action);
    await work(ctx, plan);
  }, { touch: action === 'approve_plan' });
  return getPlan(door, caseId, planId);
}

/** POST …/submit: the unit sends the plan for approval; it needs at least one goal and one action. */
export function submitPlan(door: Door, caseId: string, planId: string, version: number): Promise<PlanView> {
  return decide(door, caseId, planId, 'submit_plan', version, async (ctx, plan) => {
    const { tx, kase } = ctx;
    const counts = await tx
      .selectFrom('plans as p')
      .select([
        sql<number>`(SELECT count(*) FROM plan_goals g WHERE g.country = p.country AND g.plan_id = p.id)`.as('goals'),
        sql<number>`(SELECT count(*) FROM plan_actions a WHERE a.country = p.country AND a.plan_id = p.id)`.as('actions'),
      ])
      .where('p.country', '=', kase.country)
      .where('p.id', '=', planId)
      .executeTakeFirstOrThrow();
    const issues: Array<{ path: string; message: string }> = [];
    if (Number(counts.goals) === 0) issues.push({ path: 'goals', message: 'a plan needs at least one goal' });
    if (Number(counts.actions) === 0) issues.push({ path: 'actions', message: 'a plan needs at least one action' });
    if (issues.length) throw new InputError('The plan is not complete', issues);
    await tx
      .updateTable('plans')
      .set({ status: 'submitted', submitted_at: sql<Date>`now()`, submitted_by: actorUserId(door), updated_at: sql<Date>`now()`, updated_by: actorUserId(door), version: sql<number>`version + 1` })
      .where('country', '=', kase.country)
      .where('id', '=', planId)
      .execute();
    await ctx.event('plan_submitted', { entity: 'plan', entityId: planId, detail: { number: plan.number } });
  });
}

/** POST …/approve: a supervisor of the owning unit puts the plan in force; the next review is due per the risk level. */
export function approvePlan(door: Door, caseId: string, planId: string, version: number): Promise<PlanView> {
  return decide(door, caseId, planId, 'approve_plan', version, async (ctx, plan) => {
    const { tx, kase } = ctx;
    const now = new Date();
    const reviewDue = dueAfterDays(now, deadlinesFor(kase.country).planReviewDays[kase.risk_level], await unitTimeZone(tx, kase.unit_id));
    const superseded = await tx
      .updateTable('plans')
      .set({ status: 'superseded', updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
      .where('country', '=', kase.country)
      .where('case_id', '=', kase.id)
      .where('status', '=', 'approved')
      .returning('id')
      .execute();
    await tx
      .updateTable('plans')
      .set({ status: 'approved', decided_at: now, decided_by: actorUserId(door), decision_comment: null, approved_at: now, review_due_at: reviewDue, updated_at: now, updated_by: actorUserId(door), version: sql<number>`version + 1` })
      .where('country', '=', kase.country)
      .where('id', '=', planId)
      .execute();
    await tx.updateTable('cases').set({ review_due_at: reviewDue }).where('country', '=', kase.country).where('id', '=', kase.id).execute();
    await ctx.event('plan_approved', { entity: 'plan', entityId: planId, detail: { number: plan.number, superseded: superseded.length } });
  });
}

/** POST …/return: a supervisor of the owning unit sends the plan back with a comment. */
export function returnPlan(door: Door, caseId: string, planId: string, input: ReturnInput): Promise<PlanView> {
  return decide(door, caseId, planId, 'return_plan', input.version, async (ctx, plan) => {
    const { tx, kase } = ctx;
    await tx
      .updateTable('plans')
      .set({ status: 'returned', decided_at: sql<Date>`now()`, decided_by: actorUserId(door), decision_comment: input.comment, updated_at: sql<Date>`now()`, updated_by: actorUserId(door), version: sql<number>`version + 1` })
      .where('country', '=', kase.country)
      .where('id', '=', planId)
      .execute();
    await ctx.event('plan_returned', { entity: 'plan', entityId: planId, detail: { number: plan.number } });
  });
}

/** POST …/reviews: the review of the plan in force; an optional new risk level; the next review computed as on approval. */
export async function reviewPlan(door: Door, caseId: string, planId: string, input: PlanReviewInput): Promise<PlanView> {
  await withCase(door, caseId, 'review_plan', async (ctx) => {
    const { tx, kase } = ctx;
    const plan = await lockPlan(ctx, planId);
    checkPlanStatus(door, ctx, plan, 'review_plan');
    const level = input.riskLevel ?? kase.risk_level;
    const nextDue = dueAfterDays(new Date(), deadlinesFor(kase.country).planReviewDays[level], await unitTimeZone(tx, kase.unit_id));
    const review = await tx
      .insertInto('plan_reviews')
      .values({
        country: kase.country,
        plan_id: planId,
        case_id: kase.id,
        reviewed_at: input.reviewedAt,
        summary: input.summary,
        child_views: input.childViews || null,
        child_not_heard_reason: input.childViews ? null : input.childNotHeardReason || null,
        risk_level: input.riskLevel ?? null,
        next_review_due_at: nextDue,
        author_id: actorUserId(door),
        author_org_id: authorOrg(door, kase),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.updateTable('plans').set({ review_due_at: nextDue, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` }).where('country', '=', kase.country).where('id', '=', planId).execute();
    await tx.updateTable('cases').set({ review_due_at: nextDue }).where('country', '=', kase.country).where('id', '=', kase.id).execute();
    await ctx.event('plan_reviewed', { entity: 'plan', entityId: planId, detail: { number: plan.number, ...(input.riskLevel ? { riskLevel: input.riskLevel } : {}) } });
    if (input.riskLevel) await setCaseRiskLevel(door, ctx, input.riskLevel, 'plan_review', review.id);
  }, { touch: true });
  return getPlan(door, caseId, planId);
}
