import { type ExpressionBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Caseload } from './case-schema.ts';
import { ForbiddenError } from '../errors.ts';
import { type Task, overdueByWorker, tasksFor } from '../tasks/task-sources.ts';
import { openDeadlines } from './case-deadlines.ts';
import { caseOverdueSql } from './case-records.ts';
import type { Door } from '../policy/door.ts';
import { iso } from '../domain/dates.ts';

/**
 * The deadlines of cases on the task lists, and the supervisor's caseload. Both read the unit's
 * own cases only (a unit member's tasks are their unit's work), audited by one summary entry
 * without child data; titles name no child (task lists are read over a shoulder) and link to the
 * case by id.
 */
type KEB = ExpressionBuilder<DB & { k: DB['cases'] }, 'k'>;

const TITLES = {
  initial_assessment: ['case_initial_assessment', 'Initial assessment of a case'],
  plan: ['case_plan', 'Individual protection plan of a case'],
  review: ['case_plan_review', 'Review of the protection plan of a case'],
} as const;

function unitMember(door: Door) {
  const a = door.actor;
  if (a.kind !== 'user' || !a.isProtectionUnit) return null;
  const caseworker = a.roles.includes('caseworker');
  const supervisor = a.roles.includes('supervisor');
  return caseworker || supervisor ? { actor: a, caseworker, supervisor } : null;
}

/**
 * Task source: the case deadlines (initial assessment, plan while none is in force, plan review)
 * and closures awaiting approval.
 * - mine: the deadlines of the cases I own; a supervisor also gets the unit's overdue deadlines
 *   and every closure waiting for a decision;
 * - unit (supervisor): every active case's deadlines in the unit, with the owner's name.
 * A case frozen for a decision (closure or transfer pending) has no deadline tasks.
 */
export async function caseDeadlineTasks(door: Door, scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const m = unitMember(door);
  if (!m) return [];
  const { actor, supervisor } = m;
  return door.read(async (tx, audit) => {
    let q = tx
      .selectFrom('cases as k')
      .leftJoin('users as owner', 'owner.id', 'k.owner_id')
      .select([
        'k.id', 'k.origin', 'k.status', 'k.previous_status', 'k.owner_id', 'k.initial_assessment_at', 'k.initial_assessment_due_at', 'k.plan_due_at',
        'k.review_due_at', 'k.closure_requested_at', 'owner.display_name as owner_name',
      ])
      .where('k.country', '=', actor.country)
      .where('k.unit_id', '=', actor.organisationId)
      .where('k.status', '<>', 'closed');
    if (scope === 'mine') {
      q = q.where((eb: KEB) => {
        const ors = [eb('k.owner_id', '=', actor.userId)];
        if (supervisor) ors.push(eb('k.status', '=', 'closure_pending'), caseOverdueSql(now)(eb));
        return eb.or(ors);
      });
    }
    const rows = await q.orderBy('k.initial_assessment_due_at').orderBy('k.id').limit(1000).execute();
    const tasks: Task[] = [];
    for (const r of rows) {
      const ownerName = r.owner_name;
      if (r.status === 'closure_pending') {
        if (supervisor) {
          const at = iso(r.closure_requested_at ?? now);
          tasks.push({ kind: 'case_closure_approval', id: r.id, link: `/cases/${r.id}`, title: 'Closure of a case awaiting approval', dueAt: at, overdue: false, ownerName });
        }
        continue;
      }
      if (r.status === 'transfer_pending') continue;
      const mineOnly = scope === 'mine' && r.owner_id !== actor.userId;
      for (const [kind, due] of openDeadlines(r)) {
        const overdue = due.getTime() < now.getTime();
        // A supervisor's own list carries other workers' deadlines only once they are overdue.
        if (mineOnly && !overdue) continue;
        // The plan is worked on after the initial assessment: until then only its overdue shows.
        if (kind === 'plan' && !r.initial_assessment_at && !overdue) continue;
        const [taskKind, title] = TITLES[kind];
        tasks.push({ kind: taskKind, id: r.id, link: `/cases/${r.id}`, title, dueAt: due.toISOString(), overdue, ownerName });
      }
    }
    if (rows.length > 0) {
      await audit([{ chain: actor.country, action: 'task_list', entity: 'case', reason: supervisor ? 'unit_supervisor' : 'unit_caseworker', outcome: 'ok', detail: { count: tasks.length, scope } }]);
    }
    return tasks;
  });
}

/**
 * GET /cases/caseload: per worker of the supervisor's unit (and the unassigned cases), the active
 * cases, how many are high risk, how many have a case deadline passed, and the overdue tasks that
 * are the worker's: counted by overdueByWorker over the unit's task list, the same tasks the
 * worker's own list shows as theirs (task-subjects.ts says whose each task is).
 */
export async function caseload(door: Door, now = new Date()): Promise<Caseload> {
  const actor = door.actor;
  if (actor.kind !== 'user' || !actor.isProtectionUnit || !actor.roles.includes('supervisor')) {
    throw new ForbiddenError('Only a supervisor of a Child Protection Unit sees the caseload');
  }
  // The overdue items are counted from the unit's task list, as each worker's own list shows them.
  const overdue = overdueByWorker(await tasksFor(door, 'unit', now));
  return door.read(async (tx, audit) => {
    const inUnit = (eb: KEB) => eb.and([eb('k.country', '=', actor.country), eb('k.unit_id', '=', actor.organisationId), eb('k.status', '<>', 'closed')]);
    const perCase = await tx
      .selectFrom('cases as k')
      .where(inUnit)
      .select((eb) => [
        'k.owner_id',
        eb.fn.countAll<string>().as('active'),
        sql<string>`count(*) filter (where k.risk_level = 'high')`.as('high'),
        sql<string>`count(*) filter (where ${caseOverdueSql(now)(eb)})`.as('overdue_cases'),
      ])
      .groupBy('k.owner_id')
      .execute();
    const workers = await tx
      .selectFrom('users')
      .select(['id', 'display_name', 'roles'])
      .where('organisation_id', '=', actor.organisationId)
      .where('disabled_at', 'is', null)
      .orderBy('display_name')
      .execute();
    const unit = await tx.selectFrom('organisations').select('name').where('id', '=', actor.organisationId).executeTakeFirstOrThrow();
    const row = (userId: string | null, name: string | null) => {
      const c = perCase.find((r) => r.owner_id === userId);
      return {
        userId,
        name,
        activeCases: Number(c?.active ?? 0),
        highRisk: Number(c?.high ?? 0),
        overdueCases: Number(c?.overdue_cases ?? 0),
        overdueItems: overdue.get(userId) ?? 0,
      };
    };
    const out = workers
      .filter((w) => w.roles.some((r) => r === 'caseworker' || r === 'supervisor') || perCase.some((c) => c.owner_id === w.id))
      .map((w) => row(w.id, w.display_name));
    // Cases owned by someone no longer listed (disabled) are shown under their owner id too.
    for (const c of perCase) if (c.owner_id && !workers.some((w) => w.id === c.owner_id)) out.push(row(c.owner_id, null));
    // The unassigned row: cases without an owner, and the unit's shared overdue work (signals to screen, decisions).
    if (perCase.some((c) => c.owner_id === null) || overdue.has(null)) out.push(row(null, null));
    await audit([{ chain: actor.country, action: 'caseload', entity: 'unit', entityId: actor.organisationId, reason: 'unit_supervisor', outcome: 'ok', detail: { workers: out.length } }]);
    return { unitName: unit.name, workers: out };
  });
}
