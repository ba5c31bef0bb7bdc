import { type ExpressionBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { containsLiteral } from '../db/like.ts';
import type { CaseEventKind, CaseStatus } from './case-workflow.ts';
import { nameKey } from '../domain/names.ts';
import { CASE_CLOSURE_SHARING, CASE_SHARING, type CaseDecisionView, type CaseListItem, type CaseListQuery, type CaseView, CASE_SORTS } from './case-schema.ts';
import { shareFields } from '../policy/field-sharing.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import {
  type CaseRow, allowedFor, caseBaseQuery, readCase, recordCaseEvent,
} from './case-context.ts';
import { openDeadlines, overdueOf, planInForce } from './case-deadlines.ts';
import { openCaseInTx } from './case-open.ts';
import { type PlanInPreparation, caseNextStep } from './case-next-step.ts';
import { type CaseAccessReason, caseAccessReason, caseInReach, caseSectionVisible, isCaseUnitReason } from './case-reach.ts';
import type { AuditDraft, Door, Tx } from '../policy/door.ts';
import { iso } from '../domain/dates.ts';
import { sortOf } from '../domain/list-sort.ts';

type CaseSort = typeof CASE_SORTS[number];

/**
 * Reading cases: the case page (CaseView), the case list with its filters, and the timeline.
 * Everything through caseBaseQuery (reach compiled to SQL) and audited with the reason that
 * granted access; and the cases a screening decision opens or attaches to. The decisions on the
 * case row itself (assign, closure, reopen) are in case-decisions.ts.
 */
const isoOrNull = (d: Date | string | null | undefined) => (d ? iso(d) : null);

type KEB = ExpressionBuilder<DB & { k: DB['cases'] }, 'k'>;

/**
 * "A plan is in force": the case's status says so, or the status it will return to while a
 * closure or transfer is pending. Kept on the case row (not a join) so the list stays cheap.
 */
function planInForceSql(eb: KEB) {
  // previous_status is null on most cases: `= 'plan_in_force'` would be null there, and NOT of it
  // null too, hiding an overdue plan from the overdue filter; IS NOT DISTINCT FROM is never null.
  return eb.or([eb('k.status', '=', 'plan_in_force'), eb('k.previous_status', 'is not distinct from', 'plan_in_force')]);
}

/**
 * The case's own deadlines that have passed, in SQL (for the list's overdue filter and flag).
 * An imported case is history: its initial-assessment and plan deadlines (counted from the
 * file's opened_at) are never overdue; a review date set in the app counts.
 */
export function caseOverdueSql(now: Date) {
  return (eb: KEB) =>
    eb.and([
      eb('k.status', '<>', 'closed'),
      eb.or([
        eb.and([eb('k.origin', '=', 'app'), eb('k.initial_assessment_at', 'is', null), eb('k.initial_assessment_due_at', '<', now)]),
        eb.and([eb('k.origin', '=', 'app'), eb.not(planInForceSql(eb)), eb('k.plan_due_at', '<', now)]),
        eb.and([planInForceSql(eb), eb('k.review_due_at', '<', now)]),
      ]),
    ]);
}

/** The earliest deadline still to meet, as openDeadlines says it (null when none: closed, or history). */
function nextDueSql(eb: KEB) {
  return sql<Date | null>`case when ${eb.ref('k.status')} = 'closed' then null else least(
    case when ${eb.ref('k.origin')} = 'app' and ${eb.ref('k.initial_assessment_at')} is null then ${eb.ref('k.initial_assessment_due_at')} end,
    case when ${eb.ref('k.origin')} = 'app' and not (${planInForceSql(eb)}) then ${eb.ref('k.plan_due_at')} end,
    case when ${planInForceSql(eb)} then ${eb.ref('k.review_due_at')} end) end`;
}

/** The SQL a case list's sort key orders by; the id follows as the tiebreaker. */
function caseSortSql(key: ReturnType<typeof sortOf<CaseSort>>['key']) {
  return (eb: KEB & ExpressionBuilder<{ ch: DB['children'] }, 'ch'>) => {
    switch (key) {
      case 'deadline': return nextDueSql(eb);
      case 'risk': return sql<number>`case ${eb.ref('k.risk_level')} when 'low' then 1 when 'medium' then 2 else 3 end`;
      case 'status': return sql<string>`${eb.ref('k.status')}`;
      case 'child': return sql<string>`${eb.ref('ch.name_key')}`;
      case 'lastSeen': return sql<Date | null>`${eb.ref('k.child_last_seen_at')}`;
      default: return sql<Date>`${eb.ref('k.opened_at')}`;
    }
  };
}

/** The case as the reader may see it (reads the small related rows in the caller's transaction). */
export async function caseView(door: Door, tx: Tx, kase: CaseRow, now = new Date()): Promise<CaseView> {
  const reason = kase.access_reason as CaseAccessReason;
  const unit = isCaseUnitReason(reason);
  const reader = { actor: door.actor, reason };
  const allowed = allowedFor(door, kase);
  const [signals, people, plan, placement, transfer, decisions, prep] = await Promise.all([
    tx.selectFrom('case_signals').select('signal_id').where('country', '=', kase.country).where('case_id', '=', kase.id).orderBy('attached_at').execute(),
    tx.selectFrom('users').select(['id', 'display_name'])
      .where('id', 'in', [kase.opened_by, kase.closure_requested_by, kase.closed_by].filter((x): x is string => Boolean(x)).concat(['00000000-0000-0000-0000-000000000000']))
      .execute(),
    planInForce(kase)
      ? tx.selectFrom('plans').select(['id', 'number', 'approved_at', 'review_due_at'])
          .where('country', '=', kase.country).where('case_id', '=', kase.id).where('status', '=', 'approved')
          .orderBy('number', 'desc').executeTakeFirst()
      : Promise.resolve(undefined),
    tx.selectFrom('placements as p').leftJoin('organisations as o', 'o.id', 'p.provider_org_id')
      .select(['p.id', 'p.kind', 'p.started_on', 'p.carer_name', 'p.author_org_id', 'p.provider_org_id', 'o.name as org_name'])
      .where('p.country', '=', kase.country).where('p.case_id', '=', kase.id).where('p.ended_on', 'is', null)
      .executeTakeFirst(),
    tx.selectFrom('case_transfers as t')
      .innerJoin('organisations as f', 'f.id', 't.from_unit_id').innerJoin('organisations as to', 'to.id', 't.to_unit_id')
      .select(['t.id', 't.requested_at', 'f.name as from_name', 'to.name as to_name'])
      .where('t.country', '=', kase.country).where('t.case_id', '=', kase.id).where('t.status', '=', 'pending')
      .executeTakeFirst(),
    // The supervisor's words stay with the unit: no other reader's query asks for them.
    unit
      ? tx.selectFrom('case_decisions').select(['id', 'kind', 'comment', 'closure_reason', 'decided_at', 'decided_by_name'])
          .where('country', '=', kase.country).where('case_id', '=', kase.id)
          .orderBy('decided_at', 'desc').orderBy('id').limit(100).execute()
      : Promise.resolve([]),
    // The plan in preparation decides the next step; only a reader with actions on the case needs it.
    allowed.length > 0
      ? tx.selectFrom('plans').select('status')
          .where('country', '=', kase.country).where('case_id', '=', kase.id).where('status', 'in', ['draft', 'submitted', 'returned'])
          .orderBy('number', 'desc').executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const overdue = overdueOf(kase, now);
  const name = (id: string | null) => (id ? (people.find((p) => p.id === id)?.display_name ?? null) : null);
  // Where a child is placed is the most sensitive fact of a case: only the unit, the organisation
  // that recorded it or the one the child is placed with see it.
  const placementSeen = placement && caseSectionVisible(reader, { authorOrgId: placement.author_org_id, concernsOrgId: placement.provider_org_id });
  const sharedWith = { whole: unit, sector: door.actor.kind === 'user' ? door.actor.sector : 'social_services' } as const;
  return shareFields(CASE_SHARING, {
    id: kase.id,
    country: kase.country,
    ref: kase.ref,
    child: { id: kase.child_id, givenName: kase.given_name, familyName: kase.family_name, sex: kase.sex, birthDate: kase.birth_date },
    unitId: kase.unit_id,
    unitName: kase.unit_name,
    ownerId: kase.owner_id,
    ownerName: kase.owner_name,
    status: kase.status as CaseStatus,
    riskLevel: kase.risk_level,
    openedAt: iso(kase.opened_at),
    openedByName: name(kase.opened_by),
    signalIds: signals.map((s) => s.signal_id),
    initialAssessmentDueAt: iso(kase.initial_assessment_due_at),
    initialAssessmentAt: isoOrNull(kase.initial_assessment_at),
    planDueAt: iso(kase.plan_due_at),
    reviewDueAt: isoOrNull(kase.review_due_at),
    lastContactAt: isoOrNull(kase.last_contact_at),
    childLastSeenAt: isoOrNull(kase.child_last_seen_at),
    planInForce: plan && plan.approved_at
      ? { id: plan.id, number: plan.number, approvedAt: iso(plan.approved_at), reviewDueAt: isoOrNull(plan.review_due_at) }
      : null,
    currentPlacement: placement && placementSeen
      ? { id: placement.id, kind: placement.kind, since: String(placement.started_on).slice(0, 10), placeName: placement.org_name ?? placement.carer_name }
      : null,
    pendingTransfer: transfer ? { id: transfer.id, fromUnitName: transfer.from_name, toUnitName: transfer.to_name, requestedAt: iso(transfer.requested_at) } : null,
    closure: kase.closure_reason
      ? shareFields(CASE_CLOSURE_SHARING, {
          reason: kase.closure_reason as NonNullable<CaseView['closure']>['reason'],
          // The worker's note stays with the unit.
          note: kase.closure_note,
          requestedAt: isoOrNull(kase.closure_requested_at),
          requestedByName: name(kase.closure_requested_by),
          closedAt: isoOrNull(kase.closed_at),
          closedByName: name(kase.closed_by),
        }, sharedWith)
      : null,
    decisions: decisions.map((d): CaseDecisionView => ({
      id: d.id,
      kind: d.kind,
      at: iso(d.decided_at),
      byName: d.decided_by_name,
      comment: d.comment,
      closureReason: d.closure_reason as CaseDecisionView['closureReason'],
    })),
    overdue,
    accessReason: reason,
    allowed,
    nextStep: caseNextStep({
      status: kase.status as CaseStatus,
      planInPreparation: (prep?.status ?? null) as PlanInPreparation,
      planInForce: planInForce(kase),
      overdue,
    }, allowed),
    fullAccess: unit,
    version: kase.version,
    updatedAt: iso(kase.updated_at),
  } as CaseView, sharedWith);
}

/** GET /cases/:id: 404 out of reach; audited either way. */
export function getCase(door: Door, caseId: string, now = new Date()): Promise<CaseView> {
  return readCase(door, caseId, 'case', ({ tx, kase }) => caseView(door, tx, kase, now));
}

/** The view after a write, read as the writer (who may no longer reach it, e.g. after a transfer). */
export async function caseViewAfterWrite(door: Door, caseId: string): Promise<CaseView> {
  const view = await door.transaction(async (tx) => {
    const kase = await caseBaseQuery(door, tx).where('k.id', '=', caseId).executeTakeFirst();
    return kase ? caseView(door, tx, kase) : null;
  });
  if (!view) throw new NotFoundError('case');
  return view;
}

/** GET /cases: the cases in reach, with filters; each row shown is audited. */
export async function listCases(door: Door, q: CaseListQuery, now = new Date()) {
  const actor = door.actor;
  const sort = sortOf<CaseSort>(q.sort ?? '-openedAt');
  return door.read(async (tx, audit) => {
    let base = tx
      .selectFrom('cases as k')
      .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'k.country').onRef('ch.id', '=', 'k.child_id'))
      .where('ch.anonymised_at', 'is', null)
      .where(caseInReach(actor));
    if (q.status === 'active') base = base.where('k.status', '<>', 'closed');
    else if (q.status) base = base.where('k.status', '=', q.status);
    if (q.owner === 'me') base = base.where('k.owner_id', '=', actor.kind === 'user' ? actor.userId : '00000000-0000-0000-0000-000000000000');
    else if (q.owner === 'unassigned') base = base.where('k.owner_id', 'is', null);
    else if (q.owner) base = base.where('k.owner_id', '=', q.owner);
    if (q.riskLevel) base = base.where('k.risk_level', '=', q.riskLevel);
    if (q.overdue === true) base = base.where(caseOverdueSql(now));
    if (q.overdue === false) base = base.where((eb) => eb.not(caseOverdueSql(now)(eb)));
    if (q.q) {
      // The same Latin key as the duplicate check: "Иван", "Ivan" and "IVAN" all find Ivan.
      // A text with nothing to search by (only punctuation, `_%_`) finds nothing, not everything.
      const key = nameKey(q.q);
      base = key ? base.where(containsLiteral('ch.name_key', key)) : base.where(sql<boolean>`false`);
    }
    const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .innerJoin('organisations as unit', 'unit.id', 'k.unit_id')
      .leftJoin('users as owner', 'owner.id', 'k.owner_id')
      .select([
        'k.id', 'k.country', 'k.ref', 'k.origin', 'k.child_id', 'k.status', 'k.previous_status', 'k.risk_level', 'k.opened_at', 'k.child_last_seen_at',
        'k.initial_assessment_at', 'k.initial_assessment_due_at', 'k.plan_due_at', 'k.review_due_at',
        'ch.given_name', 'ch.family_name', 'ch.birth_date', 'unit.name as unit_name', 'owner.display_name as owner_name',
      ])
      .select(caseAccessReason(actor))
      .orderBy(caseSortSql(sort.key), (ob) => (sort.direction === 'asc' ? ob.asc() : ob.desc()).nullsLast())
      .orderBy('k.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    if (rows.length > 0) {
      await audit(rows.map((r) => ({ chain: r.country, action: 'list', entity: 'case', entityId: r.id, childId: r.child_id, reason: r.access_reason, outcome: 'ok' as const })));
    }
    const items: CaseListItem[] = rows.map((r) => {
      const deadlines = openDeadlines(r).map(([, due]) => due.getTime());
      return {
        id: r.id,
        ref: r.ref,
        childName: `${r.given_name} ${r.family_name}`,
        childBirthDate: r.birth_date,
        status: r.status as CaseStatus,
        riskLevel: r.risk_level,
        ownerName: r.owner_name,
        unitName: r.unit_name,
        openedAt: iso(r.opened_at),
        childLastSeenAt: isoOrNull(r.child_last_seen_at),
        nextDueAt: deadlines.length ? new Date(Math.min(...deadlines)).toISOString() : null,
        overdue: overdueOf(r, now).length > 0,
        accessReason: r.access_reason as CaseAccessReason,
      };
    });
    return { items, total: Number(total.n) };
  });
}

/**
 * GET /cases/:id/timeline: the unit sees every step; any other reader only the steps its own
 * organisation took (what it wrote is what it keeps, as after a transfer).
 */
export function caseTimeline(door: Door, caseId: string) {
  return readCase(door, caseId, 'case_timeline', async ({ tx, kase, reason }) => {
    let q = tx
      .selectFrom('case_events as e')
      .leftJoin('organisations as o', 'o.id', 'e.author_org_id')
      .leftJoin('users as u', 'u.id', 'e.actor_id')
      .select(['e.id', 'e.at', 'e.kind', 'e.actor_name', 'u.display_name', 'e.entity', 'e.entity_id', 'e.detail', 'o.name as org_name'])
      .where('e.country', '=', kase.country)
      .where('e.case_id', '=', kase.id);
    if (!isCaseUnitReason(reason) && door.actor.kind === 'user') q = q.where('e.author_org_id', '=', door.actor.organisationId);
    const rows = await q.orderBy('e.at', 'desc').orderBy('e.id').limit(1000).execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: iso(r.at),
        kind: r.kind as CaseEventKind,
        // The person's name as it is now; the stored name (the username, or a system handle) otherwise.
        actorName: r.display_name ?? r.actor_name,
        authorOrgName: r.org_name,
        entity: r.entity,
        entityId: r.entity_id,
        detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
      })),
    };
  });
}

/**
 * open_case: one case per child of the signal; a child who already has an active case in the
 * unit gets the signal attached to it instead. attach_case: the signal joins each child's active
 * case; 409 when no child has one. Returns the case ids, in the children's order.
 */
export async function casesFromScreening(
  door: Door, tx: Tx, audit: (entries: AuditDraft[]) => Promise<void>,
  signal: { id: string; country: string }, decision: 'open_case' | 'attach_case', riskLevel: 'high' | 'medium' | 'low',
  opts: { at?: Date | null } = {},
): Promise<string[]> {
  const children = await tx.selectFrom('signal_children').select('child_id').where('country', '=', signal.country).where('signal_id', '=', signal.id).orderBy('child_id').execute();
  const ids: string[] = [];
  for (const { child_id } of children) {
    const active = await caseBaseQuery(door, tx).where('k.country', '=', signal.country).where('k.child_id', '=', child_id).where('k.status', '<>', 'closed').forUpdate('k').executeTakeFirst();
    if (active) {
      const added = await tx.insertInto('case_signals').values({ country: active.country, case_id: active.id, signal_id: signal.id })
        .onConflict((oc) => oc.doNothing()).returning('case_id').executeTakeFirst();
      if (added) {
        await recordCaseEvent(door, tx, active, 'signal_attached', { entity: 'signal', entityId: signal.id, detail: { riskLevel } });
        await audit([{ chain: active.country, action: 'attach_signal', entity: 'case', entityId: active.id, childId: child_id, reason: active.access_reason, outcome: 'ok' }]);
      }
      ids.push(active.id);
    } else if (decision === 'open_case') {
      ids.push((await openCaseInTx(door, tx, audit, { childId: child_id, riskLevel, signalId: signal.id, ...(opts.at ? { openedAt: opts.at } : {}) })).id);
    }
  }
  // A system handle records past decisions (demo data, an import): the case they attached to may
  // predate this database, so the decision stands without a link.
  if (ids.length === 0 && door.actor.kind === 'system') return ids;
  if (ids.length === 0) throw new ConflictError('No child of this signal has an open case to attach to; open a case instead', { allowed: ['open_case'] });
  return ids;
}
