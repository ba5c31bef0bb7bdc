import type { CaseAction, CaseStatus, PlanStatus } from '../cases/case-workflow.ts';
import { CASE_WORKFLOW, PLAN_WORKFLOW } from '../cases/case-workflow.ts';
import { localDay } from '../domain/deadlines.ts';
import { PLAN_SHARING, type PlanActionView, type PlanView } from './plan-schema.ts';
import { shareFields } from '../policy/field-sharing.ts';
import { NotFoundError } from '../errors.ts';
import { iso } from '../domain/dates.ts';
import { type CaseRow, allowedFor, readCase, unitTimeZone } from '../cases/case-context.ts';
import { type CaseAccessReason, caseSectionVisible, isCaseUnitReason } from '../cases/case-reach.ts';
import type { Door, Tx } from '../policy/door.ts';

/**
 * Reading plans: the views of a case's plans as one reader may see them. The owning unit sees
 * everything; a reader outside it sees a plan its organisation wrote (a unit that handed the case
 * over), and otherwise only the actions its organisation is responsible for, with no narrative.
 */

type ActionRow = Awaited<ReturnType<ReturnType<typeof actionQuery>['execute']>>[number];

export function actionQuery(tx: Tx) {
  return tx
    .selectFrom('plan_actions as pa')
    .leftJoin('organisations as ro', 'ro.id', 'pa.responsible_org_id')
    .leftJoin('users as ru', 'ru.id', 'pa.responsible_user_id')
    .selectAll('pa')
    .select(['ro.name as responsible_org_name', 'ru.display_name as responsible_user_name']);
}

/** Whether the reader may record an action's status now: an approved plan, a case not frozen, the unit or the responsible organisation. */
export function canUpdateAction(door: Door, reason: CaseAccessReason | null, caseStatus: string, planStatus: string, responsibleOrgId: string | null): boolean {
  if (!PLAN_WORKFLOW[planStatus as PlanStatus].includes('update_plan_action')) return false;
  if (!CASE_WORKFLOW[caseStatus as CaseStatus].includes('update_plan_action')) return false;
  if (reason && isCaseUnitReason(reason)) return true;
  return door.actor.kind === 'user' && responsibleOrgId != null && responsibleOrgId === door.actor.organisationId;
}

export function actionView(
  door: Door,
  a: ActionRow,
  ctx: { caseId: string; caseStatus: string; planStatus: string; reason: CaseAccessReason | null; today: string; goalIndex: number | null },
): PlanActionView {
  const open = a.status === 'planned' || a.status === 'in_progress';
  return {
    id: a.id,
    planId: a.plan_id,
    caseId: ctx.caseId,
    position: a.position,
    goalId: a.goal_id,
    goalIndex: ctx.goalIndex,
    service: a.service as PlanActionView['service'],
    description: a.description,
    responsibleOrgId: a.responsible_org_id,
    responsibleOrgName: a.responsible_org_name,
    responsibleUserId: a.responsible_user_id,
    responsibleUserName: a.responsible_user_name,
    responsibleName: a.responsible_name,
    dueDate: a.due_date,
    status: a.status,
    statusNote: a.status_note,
    doneAt: iso(a.done_at),
    overdue: open && ctx.today > a.due_date,
    canUpdate: canUpdateAction(door, ctx.reason, ctx.caseStatus, ctx.planStatus, a.responsible_org_id),
  };
}

/** The plans of a case (newest first) as this reader sees them, in the caller's transaction. */
export async function loadPlans(door: Door, tx: Tx, kase: CaseRow, reason: CaseAccessReason, planId?: string): Promise<PlanView[]> {
  let q = tx
    .selectFrom('plans as p')
    .leftJoin('users as au', 'au.id', 'p.author_id')
    .leftJoin('users as su', 'su.id', 'p.submitted_by')
    .leftJoin('users as du', 'du.id', 'p.decided_by')
    .leftJoin('users as uu', 'uu.id', 'p.updated_by')
    .selectAll('p')
    .select(['au.display_name as author_name', 'su.display_name as submitted_by_name', 'du.display_name as decided_by_name', 'uu.display_name as updated_by_name'])
    .where('p.country', '=', kase.country)
    .where('p.case_id', '=', kase.id);
  if (planId) q = q.where('p.id', '=', planId);
  const plans = await q.orderBy('p.number', 'desc').execute();
  if (plans.length === 0) return [];
  const ids = plans.map((p) => p.id);
  const goals = await tx.selectFrom('plan_goals').selectAll().where('country', '=', kase.country).where('plan_id', 'in', ids).orderBy('position').execute();
  const actions = await actionQuery(tx).where('pa.country', '=', kase.country).where('pa.plan_id', 'in', ids).orderBy('pa.position').execute();
  const reviews = await tx
    .selectFrom('plan_reviews as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .selectAll('r')
    .select('u.display_name as author_name')
    .where('r.country', '=', kase.country)
    .where('r.plan_id', 'in', ids)
    .orderBy('r.reviewed_at', 'desc')
    .execute();
  const today = localDay(new Date(), await unitTimeZone(tx, kase.unit_id));
  const unit = isCaseUnitReason(reason);
  const reader = { actor: door.actor, reason };
  const caseAllowed: CaseAction[] = allowedFor(door, kase);
  const out: PlanView[] = [];
  for (const p of plans) {
    // A plan the reader's organisation wrote is theirs to see whole; otherwise only its actions that concern them.
    const whole = caseSectionVisible(reader, { authorOrgId: p.author_org_id });
    const planGoals = goals.filter((g) => g.plan_id === p.id);
    const goalIndex = new Map(planGoals.map((g, i) => [g.id, i]));
    const planActions = actions
      .filter((a) => a.plan_id === p.id)
      .filter((a) => whole || caseSectionVisible(reader, { authorOrgId: p.author_org_id, concernsOrgId: a.responsible_org_id }));
    if (!whole && planActions.length === 0) continue;
    out.push(shareFields(PLAN_SHARING, {
      id: p.id,
      caseId: p.case_id,
      number: p.number,
      status: p.status,
      goals: planGoals.map((g) => ({ id: g.id, position: g.position, domain: g.domain as PlanView['goals'][number]['domain'], description: g.description })),
      actions: planActions.map((a) =>
        actionView(door, a, { caseId: kase.id, caseStatus: kase.status, planStatus: p.status, reason, today, goalIndex: whole && a.goal_id ? goalIndex.get(a.goal_id) ?? null : null }),
      ),
      reviews: reviews
        .filter((r) => r.plan_id === p.id && caseSectionVisible(reader, { authorOrgId: r.author_org_id }))
        .map((r) => ({
          id: r.id,
          reviewedAt: iso(r.reviewed_at),
          summary: r.summary,
          childViews: r.child_views,
          childNotHeardReason: r.child_not_heard_reason,
          riskLevel: r.risk_level,
          nextReviewDueAt: iso(r.next_review_due_at),
          authorName: r.author_name,
        })),
      childParticipation: p.child_participation,
      childViews: p.child_views,
      caregiverParticipation: p.caregiver_participation,
      caregiverViews: p.caregiver_views,
      submittedAt: iso(p.submitted_at),
      submittedByName: p.submitted_by_name,
      decidedAt: iso(p.decided_at),
      decidedByName: p.decided_by_name,
      decisionComment: p.decision_comment,
      approvedAt: iso(p.approved_at),
      reviewDueAt: iso(p.review_due_at),
      authorName: p.author_name,
      updatedAt: iso(p.updated_at),
      updatedByName: p.updated_by_name,
      version: p.version,
      allowed: unit ? PLAN_WORKFLOW[p.status].filter((a) => caseAllowed.includes(a)) : [],
      fullAccess: unit,
    }, { whole, sector: door.actor.kind === 'user' ? door.actor.sector : 'social_services' }));
  }
  return out;
}

/** GET /cases/:id/plans. */
export async function listPlans(door: Door, caseId: string): Promise<{ items: PlanView[] }> {
  return readCase(door, caseId, 'plan', async ({ tx, kase, reason }) => ({ items: await loadPlans(door, tx, kase, reason) }));
}

/** One plan of a case as the reader sees it (after a write): 404 when they do not see it. */
export async function getPlan(door: Door, caseId: string, planId: string): Promise<PlanView> {
  const items = await readCase(door, caseId, 'plan', async ({ tx, kase, reason }) => loadPlans(door, tx, kase, reason, planId));
  const plan = items[0];
  if (!plan) throw new NotFoundError('plan');
  return plan;
}
