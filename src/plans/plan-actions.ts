import { sql } from 'kysely';
import type { CaseStatus, PlanStatus } from '../cases/case-workflow.ts';
import { CASE_WORKFLOW, PLAN_WORKFLOW } from '../cases/case-workflow.ts';
import { shareFields, withheldOf } from '../policy/field-sharing.ts';
import { endOfLocalDay, localDay } from '../domain/deadlines.ts';
import { PLAN_ACTION_CHILD_SHARING, type PlanActionDetail, type PlanActionPatch, type PlanActionView } from './plan-schema.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { Task } from '../tasks/task-sources.ts';
import { caseBaseQuery, recordCaseEvent, unitTimeZone, withCase } from '../cases/case-context.ts';
import { actionQuery, actionView } from './plan-views.ts';
import { type CaseAccessReason, caseAccessReason, caseInReach, caseSectionVisible, isCaseUnitReason } from '../cases/case-reach.ts';
import type { Door, Tx } from '../policy/door.ts';

/**
 * Plan actions after approval: their status is recorded by the owning unit (through withCase,
 * action update_plan_action) or by the organisation responsible for the action — a partner or
 * provider, who sees that action only and need not reach the rest of the case (getPlanAction is
 * its read). And the task sources of plans: plans awaiting approval (the unit's supervisors) and
 * actions coming due.
 */

/** Days ahead an open action appears on its responsible person's task list. */
const ACTION_TASK_HORIZON_DAYS = 14;

async function updateAction(tx: Tx, country: string, actionId: string, input: PlanActionPatch, previous: string) {
  await tx
    .updateTable('plan_actions')
    .set({
      status: input.status,
      status_note: input.note || null,
      done_at: input.status === 'done' ? (previous === 'done' ? sql<Date>`done_at` : sql<Date>`now()`) : null,
    })
    .where('country', '=', country)
    .where('id', '=', actionId)
    .execute();
}

/** PATCH /plan-actions/:id. */
export async function patchPlanAction(door: Door, actionId: string, input: PlanActionPatch): Promise<PlanActionView> {
  const actor = door.actor;
  if (actor.kind !== 'user') throw new ForbiddenError();
  // Find the action's case: in the reader's reach, or the action is their organisation's to do.
  const found = await door.transaction(async (tx) =>
    tx
      .selectFrom('plan_actions as pa')
      .innerJoin('plans as p', (j) => j.onRef('p.country', '=', 'pa.country').onRef('p.id', '=', 'pa.plan_id'))
      .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'p.country').onRef('k.id', '=', 'p.case_id'))
      .select(['k.id as case_id', 'k.country', 'k.child_id'])
      .select((eb) => sql<boolean>`${caseInReach(actor)(eb as never)}`.as('in_reach'))
      .where('pa.country', '=', actor.country)
      .where('pa.id', '=', actionId)
      .where((eb) => eb.or([caseInReach(actor)(eb as never), eb('pa.responsible_org_id', '=', actor.organisationId)]))
      .executeTakeFirst(),
  );
  if (!found) {
    await door.auditAlone([{ action: 'update_plan_action', entity: 'plan_action', entityId: actionId, outcome: 'denied' }]);
    throw new NotFoundError('plan action');
  }
  const unitReader = found.in_reach
    ? await door.transaction(async (tx) => {
        const k = await caseBaseQuery(door, tx).where('k.country', '=', found.country).where('k.id', '=', found.case_id).executeTakeFirst();
        return k ? isCaseUnitReason(k.access_reason as CaseAccessReason) : false;
      })
    : false;
  if (unitReader) {
    await withCase(door, found.case_id, 'update_plan_action', async (ctx) => {
      const a = await lockAction(ctx.tx, found.country, actionId);
      checkPlan(a.plan_status, ctx.kase.status);
      await updateAction(ctx.tx, found.country, actionId, input, a.status);
      await ctx.event('plan_action_updated', { entity: 'plan_action', entityId: actionId, detail: { from: a.status, to: input.status } });
    }, { detail: { status: input.status } });
  } else {
    // The responsible organisation: its own reach is the action itself.
    await door.transaction(async (tx, audit) => {
      const a = await lockAction(tx, found.country, actionId);
      if (a.responsible_org_id !== actor.organisationId) throw new ForbiddenError('Only the unit or the organisation responsible may record this action');
      const kase = await tx.selectFrom('cases').select(['country', 'id', 'status', 'child_id']).where('country', '=', found.country).where('id', '=', found.case_id).forUpdate().executeTakeFirstOrThrow();
      checkPlan(a.plan_status, kase.status);
      await updateAction(tx, found.country, actionId, input, a.status);
      await recordCaseEvent(door, tx, kase, 'plan_action_updated', { entity: 'plan_action', entityId: actionId, detail: { from: a.status, to: input.status } });
      await audit([{ chain: kase.country, action: 'update_plan_action', entity: 'plan_action', entityId: actionId, childId: kase.child_id, reason: 'responsible_org', outcome: 'ok', detail: { status: input.status } }]);
    });
  }
  return readAction(door, found.country, found.case_id, actionId, found.in_reach ? null : 'responsible_org');
}

async function lockAction(tx: Tx, country: string, actionId: string) {
  const a = await tx
    .selectFrom('plan_actions as pa')
    .innerJoin('plans as p', (j) => j.onRef('p.country', '=', 'pa.country').onRef('p.id', '=', 'pa.plan_id'))
    .select(['pa.status', 'pa.responsible_org_id', 'p.status as plan_status'])
    .where('pa.country', '=', country)
    .where('pa.id', '=', actionId)
    .forUpdate('pa')
    .executeTakeFirst();
  if (!a) throw new NotFoundError('plan action');
  return a;
}

/** Action status is recorded on the plan in force of a case that is not frozen. */
function checkPlan(planStatus: string, caseStatus: string) {
  if (!PLAN_WORKFLOW[planStatus as PlanStatus].includes('update_plan_action')) throw new ConflictError('Actions are recorded on the plan in force only', { allowed: [] });
  if (!CASE_WORKFLOW[caseStatus as CaseStatus].includes('update_plan_action')) throw new ConflictError('This case does not allow "update_plan_action" now', { allowed: [] });
}

/** The action as its writer now sees it (audited read). */
async function readAction(door: Door, country: string, caseId: string, actionId: string, fallbackReason: 'responsible_org' | null): Promise<PlanActionView> {
  return door.transaction(async (tx, audit) => {
    const k = await caseBaseQuery(door, tx).where('k.country', '=', country).where('k.id', '=', caseId).executeTakeFirst();
    const kase = k ?? (await tx.selectFrom('cases').select(['id', 'status', 'unit_id', 'child_id']).where('country', '=', country).where('id', '=', caseId).executeTakeFirstOrThrow());
    const reason = (k?.access_reason as CaseAccessReason | undefined) ?? null;
    const a = await actionQuery(tx)
      .innerJoin('plans as p', (j) => j.onRef('p.country', '=', 'pa.country').onRef('p.id', '=', 'pa.plan_id'))
      .select('p.status as plan_status')
      .where('pa.country', '=', country)
      .where('pa.id', '=', actionId)
      .executeTakeFirstOrThrow();
    const today = localDay(new Date(), await unitTimeZone(tx, kase.unit_id));
    await audit([{ chain: country, action: 'read', entity: 'plan_action', entityId: actionId, childId: kase.child_id, reason: reason ?? fallbackReason, outcome: 'ok' }]);
    return actionView(door, a, { caseId, caseStatus: kase.status, planStatus: a.plan_status, reason, today, goalIndex: null });
  });
}

/**
 * The task source. Supervisors, in both scopes: plans of the unit waiting for approval (the
 * decision is theirs, as a closure's is); 'unit' adds every open action of the unit's cases. 'mine': open actions of plans in force that are due
 * within the horizon or overdue, for the responsible user, or for the users of the responsible
 * organisation when no one person is named. Titles carry no child data.
 */
export async function planTasks(door: Door, scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const actor = door.actor;
  if (actor.kind !== 'user') return [];
  return door.transaction(async (tx) => {
    const tasks: Task[] = [];
    if (actor.roles.includes('supervisor') && actor.isProtectionUnit) {
      const plans = await tx
        .selectFrom('plans as p')
        .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'p.country').onRef('k.id', '=', 'p.case_id'))
        .leftJoin('users as su', 'su.id', 'p.submitted_by')
        .select(['p.id', 'p.case_id', 'p.number', 'p.submitted_at', 'su.display_name as submitted_by_name'])
        .where('k.country', '=', actor.country)
        .where('k.unit_id', '=', actor.organisationId)
        .where('p.status', '=', 'submitted')
        .where('k.status', 'in', ['assessed', 'plan_in_force'])
        .orderBy('p.submitted_at')
        .limit(500)
        .execute();
      for (const p of plans) {
        // Approval is expected within a few days of submission; the list shows the oldest first.
        const due = new Date(new Date(p.submitted_at ?? now).getTime() + 3 * 86_400_000);
        tasks.push({ kind: 'plan_approval', id: p.id, link: `/cases/${p.case_id}`, title: `Approve protection plan no. ${p.number}`, dueAt: due.toISOString(), overdue: now > due, ownerName: p.submitted_by_name });
      }
    }
    // The unit's view (a supervisor's) lists every open action of the unit's cases: the caseload counts from it.
    const unitView = scope === 'unit' && actor.roles.includes('supervisor') && actor.isProtectionUnit;
    if (scope === 'mine' || unitView) {
      const horizon = new Date(now.getTime() + ACTION_TASK_HORIZON_DAYS * 86_400_000).toISOString().slice(0, 10);
      const actions = await tx
        .selectFrom('plan_actions as pa')
        .innerJoin('plans as p', (j) => j.onRef('p.country', '=', 'pa.country').onRef('p.id', '=', 'pa.plan_id'))
        .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'p.country').onRef('k.id', '=', 'p.case_id'))
        .innerJoin('organisations as u', 'u.id', 'k.unit_id')
        .innerJoin('jurisdictions as j', 'j.code', 'u.jurisdiction_code')
        .leftJoin('users as ru', 'ru.id', 'pa.responsible_user_id')
        .leftJoin('organisations as ro', 'ro.id', 'pa.responsible_org_id')
        .select(['pa.id', 'pa.due_date', 'pa.service', 'k.id as case_id', 'k.unit_id', 'j.timezone', 'ru.display_name as user_name', 'ro.name as org_name'])
        .where('pa.country', '=', actor.country)
        .where('pa.status', 'in', ['planned', 'in_progress'])
        .where('p.status', '=', 'approved')
        .where('k.status', '<>', 'closed')
        .where('pa.due_date', '<=', horizon)
        .where((eb) => (unitView ? eb('k.unit_id', '=', actor.organisationId) : eb.or([
          eb('pa.responsible_user_id', '=', actor.userId),
          eb.and([eb('pa.responsible_user_id', 'is', null), eb('pa.responsible_org_id', '=', actor.organisationId)]),
        ])))
        .orderBy('pa.due_date')
        .limit(500)
        .execute();
      for (const a of actions) {
        tasks.push({
          kind: 'plan_action',
          id: a.id,
          // The case's own unit works from the case; any other organisation from the action's page.
          link: a.unit_id === actor.organisationId ? `/cases/${a.case_id}` : `/plan-actions/${a.id}`,
          title: `Protection plan action: ${a.service.replaceAll('_', ' ')}`,
          dueAt: endOfLocalDay(a.due_date, a.timezone).toISOString(),
          overdue: localDay(now, a.timezone) > a.due_date,
          ownerName: a.user_name ?? a.org_name,
        });
      }
    }
    return tasks;
  });
}

/** Plans whose actions are the responsible organisation's to see without any other reach: in force, or once in force. */
const AGREED_PLAN_STATUSES = ['approved', 'superseded'] as const;

/**
 * GET /plan-actions/:id: one action, for
 * - the organisation responsible for it, which need reach nothing else of the case: the action of
 *   a plan in force (or once in force), reason 'responsible_org';
 * - a reader of the case who sees that action among the case's plans (the unit; an organisation
 *   with a grant when the action concerns it or it wrote the plan), with their reason for the case.
 * It answers only the action (status, due date), the goal it serves, the unit that asked for it and
 * the child's identity fields shared with the reader's sector; 404 for anyone else, the denial
 * audited like the read.
 */
export async function getPlanAction(door: Door, actionId: string): Promise<PlanActionDetail> {
  const actor = door.actor;
  if (actor.kind !== 'user') throw new ForbiddenError();
  const detail = await door.read(async (tx, audit) => {
    const row = await actionQuery(tx)
      .innerJoin('plans as p', (j) => j.onRef('p.country', '=', 'pa.country').onRef('p.id', '=', 'pa.plan_id'))
      .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'p.country').onRef('k.id', '=', 'p.case_id'))
      .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'k.country').onRef('ch.id', '=', 'k.child_id'))
      .innerJoin('organisations as unit', 'unit.id', 'k.unit_id')
      .innerJoin('jurisdictions as uj', 'uj.code', 'unit.jurisdiction_code')
      .leftJoin('plan_goals as g', (j) => j.onRef('g.country', '=', 'pa.country').onRef('g.id', '=', 'pa.goal_id'))
      .select([
        'p.status as plan_status', 'p.author_org_id as plan_author_org_id', 'k.id as case_id', 'k.status as case_status', 'k.child_id',
        'unit.name as unit_name', 'uj.timezone', 'g.domain as goal_domain', 'g.description as goal_description',
        'ch.given_name', 'ch.family_name', 'ch.sex', 'ch.birth_date', 'ch.birth_date_estimated',
      ])
      .select((eb) => caseAccessReason(actor)(eb as never))
      .where('pa.country', '=', actor.country)
      .where('pa.id', '=', actionId)
      .where('ch.anonymised_at', 'is', null)
      .where((eb) => eb.or([
        caseInReach(actor)(eb as never),
        eb.and([eb('pa.responsible_org_id', '=', actor.organisationId), eb('p.status', 'in', [...AGREED_PLAN_STATUSES])]),
      ]))
      .executeTakeFirst();
    if (!row) return null;
    const caseReason = (row.access_reason as CaseAccessReason | null) ?? null;
    const seenOnCase = caseReason !== null
      && caseSectionVisible({ actor, reason: caseReason }, { authorOrgId: row.plan_author_org_id, concernsOrgId: row.responsible_org_id });
    const responsible = row.responsible_org_id === actor.organisationId && (AGREED_PLAN_STATUSES as readonly string[]).includes(row.plan_status);
    if (!seenOnCase && !responsible) return null;
    const reason = seenOnCase ? caseReason! : 'responsible_org';
    const unit = seenOnCase && isCaseUnitReason(caseReason!);
    const identity = {
      id: row.child_id, givenName: row.given_name, familyName: row.family_name, sex: row.sex,
      birthDate: row.birth_date == null ? null : String(row.birth_date), birthDateEstimated: row.birth_date_estimated,
    };
    const reader = { whole: unit, sector: actor.sector };
    const today = localDay(new Date(), row.timezone);
    await audit([{ chain: row.country, action: 'read', entity: 'plan_action', entityId: row.id, childId: row.child_id, reason, outcome: 'ok' }]);
    return {
      action: actionView(door, row, { caseId: row.case_id, caseStatus: row.case_status, planStatus: row.plan_status, reason: seenOnCase ? caseReason : null, today, goalIndex: null }),
      goal: row.goal_domain ? { domain: row.goal_domain as NonNullable<PlanActionDetail['goal']>['domain'], description: row.goal_description ?? '' } : null,
      child: shareFields(PLAN_ACTION_CHILD_SHARING, identity, reader),
      withheld: withheldOf(PLAN_ACTION_CHILD_SHARING, reader),
      unitName: row.unit_name,
      planStatus: row.plan_status,
      accessReason: reason,
      caseInReach: caseReason !== null,
    } satisfies PlanActionDetail;
  });
  if (!detail) {
    await door.auditAlone([{ action: 'read', entity: 'plan_action', entityId: actionId, outcome: 'denied' }]);
    throw new NotFoundError('plan action');
  }
  return detail;
}
