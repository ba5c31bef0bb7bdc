import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { slowedUntil } from '../auth/login-throttle.ts';
import { caseload } from '../cases/case-tasks.ts';
import { meetingInReach } from '../meetings/meeting-reach.ts';
import type { Door } from '../policy/door.ts';
import { computeMonitoringReport } from '../reports/monitoring-report.ts';
import { latestPeriodWithData } from '../reports/report-latest.ts';
import { runReport } from '../reports/report-scope.ts';
import { listTransfers } from '../transfers/transfers.ts';
import { type ListedTask, tasksFor } from '../tasks/task-sources.ts';
import { taskSubjects } from '../tasks/task-subjects.ts';
import type { AdminHome, CaseworkerHome, HomeSummary, MonitorHome, OrganisationHome, SupervisorHome } from './home-schema.ts';

/**
 * The figures of Home, each computed by the functions the lists behind them use: the task list
 * (tasksFor, overdueByWorker through the caseload), the caseload, the monitoring report (the
 * latest period with data, suppressed as the reader gets it). Only what no list function counts
 * is counted here (own cases per risk level, children not seen, meeting invitations), each in one
 * read of the Door with one audit entry naming no child.
 */

/** A child of an own open case last seen (never seen: the case opened) more than this many days ago is listed on Home. */
export const NOT_SEEN_DAYS = 30;
/** How many signals, children and meetings Home names in each short list. */
const TOP = 5;

const q = (path: string, params: Record<string, string>) => `${path}?${new URLSearchParams(params).toString()}`;
const count = (tasks: ListedTask[], link: string, keep: (t: ListedTask) => boolean) => ({ count: tasks.filter(keep).length, link });

async function caseworkerBlock(door: Door, mine: ListedTask[], now: Date): Promise<CaseworkerHome> {
  const actor = door.actor;
  if (actor.kind !== 'user') throw new Error('unreachable');
  const screening = mine.filter((t) => t.kind === 'signal_screening').sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const cutoff = new Date(now.getTime() - NOT_SEEN_DAYS * 86_400_000);
  const { perRisk, notSeen, notSeenCount } = await door.read(async (tx, audit) => {
    const own = tx.selectFrom('cases as k')
      .where('k.country', '=', actor.country).where('k.unit_id', '=', actor.organisationId)
      .where('k.owner_id', '=', actor.userId).where('k.status', '<>', 'closed');
    const perRisk = await own.select(['k.risk_level', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('k.risk_level').execute();
    // Last seen — or, never seen, opened — more than NOT_SEEN_DAYS ago: a case opened yesterday is not yet "long".
    const seen = sql<Date>`coalesce(k.child_last_seen_at, k.opened_at)`;
    const stale = own.where(seen, '<', cutoff);
    const n = await stale.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const notSeen = await stale.select(['k.id', 'k.child_last_seen_at'])
      .orderBy(seen).orderBy('k.id').limit(TOP).execute();
    await audit([{ chain: actor.country, action: 'home', entity: 'case', reason: 'unit_caseworker', outcome: 'ok', detail: { cases: perRisk.reduce((s, r) => s + Number(r.n), 0) } }]);
    return { perRisk, notSeen, notSeenCount: Number(n.n) };
  });
  // Who each not-seen case is about, named as the task list names it (task-subjects.ts).
  const subjects = await taskSubjects(door, notSeen.map((r) => ({ kind: 'case_plan', id: r.id })));
  const ownCases = { owner: 'me', status: 'active' };
  return {
    overdue: count(mine, q('/tasks', { overdue: '1' }), (t) => t.overdue),
    dueToday: count(mine, q('/tasks', { due: 'today' }), (t) => t.dueState === 'today'),
    signalsToScreen: {
      count: screening.length,
      link: q('/tasks', { kind: 'signal_screening' }),
      top: screening.slice(0, TOP).map((t) => ({
        id: t.id, ref: t.subjectRef, urgency: t.urgency, dueAt: t.dueAt, overdue: t.overdue, childName: t.child?.name ?? null, link: t.link,
      })),
    },
    casesByRisk: (['high', 'medium', 'low', 'none'] as const).map((level) => ({
      level,
      count: Number(perRisk.find((r) => (r.risk_level ?? 'none') === level)?.n ?? 0),
      link: q('/cases', level === 'none' ? ownCases : { ...ownCases, risk: level }),
    })),
    notSeen: {
      days: NOT_SEEN_DAYS,
      count: notSeenCount,
      // The case list has no "last seen" filter: the worker's own open cases (their rows show "last seen").
      link: q('/cases', ownCases),
      top: notSeen.map((r) => {
        const s = subjects.get(`case_plan:${r.id}`);
        return { caseId: r.id, ref: s?.subjectRef ?? null, childName: s?.child?.name ?? null, lastSeenAt: r.child_last_seen_at ? new Date(r.child_last_seen_at).toISOString() : null, link: `/cases/${r.id}` };
      }),
    },
  };
}

async function supervisorBlock(door: Door, mine: ListedTask[], now: Date): Promise<SupervisorHome> {
  // The caseload counts each worker's overdue items with overdueByWorker over the unit's task list.
  const load = await caseload(door, now);
  const outgoing = await listTransfers(door, { direction: 'outgoing', status: 'pending' });
  return {
    overdueByWorker: load.workers.filter((w) => w.overdueItems > 0).map((w) => ({
      userId: w.userId, name: w.name, count: w.overdueItems,
      // The task list has no worker filter: the unit's overdue items (each row names its worker).
      link: q('/tasks', { scope: 'unit', overdue: '1' }),
    })),
    approvals: {
      plans: count(mine, q('/tasks', { kind: 'plan_approval' }), (t) => t.kind === 'plan_approval'),
      closures: count(mine, q('/tasks', { kind: 'case_closure_approval' }), (t) => t.kind === 'case_closure_approval'),
    },
    transfers: {
      incoming: count(mine, q('/tasks', { kind: 'transfer_decision' }), (t) => t.kind === 'transfer_decision'),
      // No transfers list in the web app: the cases waiting for a transfer (incoming ones show there too).
      outgoing: { count: outgoing.items.length, link: q('/cases', { status: 'transfer_pending' }) },
    },
    caseload: load.workers.map((w) => ({
      userId: w.userId, name: w.name, count: w.activeCases, highRisk: w.highRisk, overdueItems: w.overdueItems,
      link: q('/cases', { owner: w.userId ?? 'unassigned', status: 'active' }),
    })),
  };
}

async function organisationBlock(door: Door, mine: ListedTask[], now: Date): Promise<OrganisationHome> {
  const actor = door.actor;
  if (actor.kind !== 'user') throw new Error('unreachable');
  const of = (kind: string) => mine.filter((t) => t.kind === kind);
  const meetings = await door.read(async (tx, audit) => {
    const invited = tx.selectFrom('meetings as m')
      .where(meetingInReach(actor))
      .where('m.status', '=', 'planned').where('m.held_at', '>=', now)
      .where((eb) => eb.exists(eb.selectFrom('meeting_participants as p').select(sql`1`.as('one'))
        .whereRef('p.country', '=', 'm.country').whereRef('p.meeting_id', '=', 'm.id')
        .where((e) => e.or([e('p.organisation_id', '=', actor.organisationId), e('p.user_id', '=', actor.userId)]))));
    const n = await invited.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const top = await invited.select(['m.id', 'm.held_at', 'm.type']).orderBy('m.held_at').orderBy('m.id').limit(TOP).execute();
    await audit([{ chain: actor.country, action: 'home', entity: 'meeting', outcome: 'ok', detail: { count: Number(n.n) } }]);
    return { count: Number(n.n), top };
  });
  return {
    referralsToAnswer: { count: of('referral_to_answer').length, overdue: of('referral_to_answer').filter((t) => t.overdue).length, link: q('/referrals', { status: 'pending' }) },
    referralsToCarryOut: { count: of('referral_to_complete').length, overdue: of('referral_to_complete').filter((t) => t.overdue).length, link: q('/referrals', { status: 'accepted' }) },
    actionItems: count(mine, q('/tasks', { kind: 'action_item' }), (t) => t.kind === 'action_item'),
    actionItemsOverdue: count(mine, q('/tasks', { kind: 'action_item', overdue: '1' }), (t) => t.kind === 'action_item' && t.overdue),
    planActions: count(mine, q('/tasks', { kind: 'plan_action' }), (t) => t.kind === 'plan_action'),
    meetings: {
      count: meetings.count,
      // The meetings list has no "invited" filter: the planned meetings the reader sees.
      link: q('/meetings', { status: 'planned' }),
      top: meetings.top.map((m) => ({ id: m.id, heldAt: new Date(m.held_at).toISOString(), type: m.type, link: `/meetings/${m.id}` })),
    },
  };
}

/** The latest period with data and its headline figures, in one report transaction (scope, suppression, audit). */
async function monitorBlock(door: Door, now: Date): Promise<MonitorHome> {
  return runReport(door, { format: 'home' }, async (tx, scope) => {
    const latest = await latestPeriodWithData(tx, scope, now);
    const empty = { jurisdiction: scope.code, period: null, previous: null, yearToDate: false, figures: [] };
    if (!latest.period) return empty;
    const r = await computeMonitoringReport(tx, { ...latest.period, jurisdiction: scope.code }, { suppress: scope.suppress });
    const link = q('/reports/monitoring', { from: r.period.from, to: r.period.to, jurisdiction: scope.code });
    return {
      jurisdiction: scope.code, period: r.period, previous: r.previous.period, yearToDate: latest.yearToDate,
      figures: [
        { key: 'signals' as const, value: r.signals.total, previous: r.previous.signals.total, link },
        { key: 'children' as const, value: r.children.total, previous: r.previous.children.total, link },
        { key: 'meetings' as const, value: r.meetings.total, previous: r.previous.meetings.total, link },
        { key: 'teamsThatMet' as const, value: r.meetings.teamsThatMet, previous: r.previous.meetings.teamsThatMet, link },
      ],
    };
  });
}

/** Accounts only (no child data): all users, those whose sign-in is slowed now, the disabled. */
async function adminBlock(db: Kysely<DB>): Promise<AdminHome> {
  const users = await db.selectFrom('users').select(['username', 'disabled_at']).execute();
  const locked = await slowedUntil(db, users.map((u) => u.username));
  return {
    users: { count: users.length, link: '/admin/users' },
    locked: { count: locked.size, link: q('/admin/users', { status: 'locked' }) },
    disabled: { count: users.filter((u) => u.disabled_at !== null).length, link: q('/admin/users', { status: 'disabled' }) },
  };
}

export async function homeSummary(door: Door, db: Kysely<DB>, now = new Date()): Promise<HomeSummary> {
  const actor = door.actor;
  const out: HomeSummary = { caseworker: null, supervisor: null, organisation: null, monitor: null, admin: null };
  if (actor.kind !== 'user') return out;
  const has = (r: string) => (actor.roles as readonly string[]).includes(r);
  const unit = actor.isProtectionUnit;
  const partner = has('partner') || has('provider') || has('police_support');
  const needsTasks = (unit && (has('caseworker') || has('supervisor'))) || partner;
  const mine = needsTasks ? await tasksFor(door, 'mine', now) : [];
  if (unit && has('caseworker')) out.caseworker = await caseworkerBlock(door, mine, now);
  if (unit && has('supervisor')) out.supervisor = await supervisorBlock(door, mine, now);
  if (partner) out.organisation = await organisationBlock(door, mine, now);
  if (has('monitor')) out.monitor = await monitorBlock(door, now);
  if (has('admin')) out.admin = await adminBlock(db);
  return out;
}
