import { type SqlBool, sql } from 'kysely';
import {
  SIGNAL_ACTIONS, SIGNAL_LIST_SHARING, SIGNAL_SHARING, type SignalAccessReason, type SignalListItem, type SignalListQuery, SIGNAL_SORTS,
  type SignalStatus, type SignalView,
} from './signal-schema.ts';
import { NotFoundError } from '../errors.ts';
import type { Task } from '../tasks/task-sources.ts';
import type { AuditDraft, Door, Tx } from '../policy/door.ts';
import { type Reader, shareFields } from '../policy/field-sharing.ts';
import { baseQuery } from '../children/child-records.ts';
import { isUnitSignalReason, seesWholeSignal, signalAccessReason, signalInReach } from './signal-reach.ts';
import { iso } from '../domain/dates.ts';
import { sortOf } from '../domain/list-sort.ts';

/**
 * Signals (reports of concern), read only through a Door: reach compiled to SQL, fields not
 * shared with the reader left out and named, and every read audited with the reason that
 * granted it. Registration and screening are in signal-register.ts and signal-screening.ts.
 */

export function signalBaseQuery(door: Door, tx: Tx) {
  return tx
    .selectFrom('signals as s')
    .leftJoin('organisations as unit', 'unit.id', 's.unit_id')
    .leftJoin('organisations as reg_org', 'reg_org.id', 's.registered_org')
    .leftJoin('users as reg_user', 'reg_user.id', 's.registered_by')
    .leftJoin('users as screener', 'screener.id', 's.screened_by')
    .selectAll('s')
    .select([
      'unit.name as unit_name', 'reg_org.name as registered_org_name', 'reg_user.display_name as registered_by_name',
      'screener.display_name as screened_by_name',
    ])
    .select(signalAccessReason(door.actor))
    .where(signalInReach(door.actor));
}

export type SignalRow = Awaited<ReturnType<ReturnType<typeof signalBaseQuery>['executeTakeFirstOrThrow']>>;
type ChildRow = { id: string; given_name: string; family_name: string; sex: string; birth_date: string | null };

export function statusOf(row: Pick<SignalRow, 'screened_at'>): SignalStatus {
  return row.screened_at ? 'screened' : 'unscreened';
}

/** Overdue: unscreened past its deadline. An imported signal is history, never overdue. */
export function isScreeningOverdue(row: Pick<SignalRow, 'screened_at' | 'screening_due_at' | 'origin'>, now = new Date()): boolean {
  return row.origin !== 'import' && !row.screened_at && new Date(row.screening_due_at).getTime() < now.getTime();
}

/**
 * The signal as the reader may see it (SIGNAL_SHARING). The unit (and the unit responsible for its
 * case) reads it whole; its author, the registering organisation, reads back everything it wrote
 * at registration, whatever its sector, but not the unit's screening, which it did not write, nor
 * the case it led to. `links`, where the caller read them: the case the screening opened or joined
 * and the first meeting held or planned on the signal.
 */
export function signalView(row: SignalRow, children: ChildRow[], now = new Date(), links?: Pick<SignalView, 'caseId' | 'meeting'>): SignalView {
  const reason = row.access_reason as SignalAccessReason;
  const status = statusOf(row);
  const whole: SignalView = {
    id: row.id,
    country: row.country,
    ref: row.ref,
    receivedAt: iso(row.received_at),
    channel: row.channel,
    source: row.source,
    harmTypes: row.harm_types,
    place: row.place,
    urgency: row.urgency,
    municipalityCode: row.jurisdiction_code,
    regionCode: row.region_code,
    unitId: row.unit_id,
    unitName: row.unit_name,
    registeredByName: row.registered_by_name,
    registeredOrgName: row.registered_org_name,
    screeningDueAt: iso(row.screening_due_at),
    status,
    overdue: isScreeningOverdue(row, now),
    children: children.map((c) => ({ id: c.id, givenName: c.given_name, familyName: c.family_name, sex: c.sex, birthDate: c.birth_date })),
    version: row.version,
    createdAt: iso(row.created_at),
    accessReason: reason,
    withheld: [],
    allowed: isUnitSignalReason(reason) ? [...SIGNAL_ACTIONS[status]] : [],
    // SIGNAL_REGISTRATION_FIELDS: every reader in reach is the unit or the author.
    reporterName: row.reporter_name,
    reporterContact: row.reporter_contact,
    description: row.description,
    perpetrators: row.perpetrators,
    screening: row.screened_at && row.screening_decision
      ? {
          decision: row.screening_decision,
          riskLevel: row.risk_level,
          reason: row.screening_reason,
          referredTo: row.referred_to,
          screenedAt: iso(row.screened_at),
          screenedByName: row.screened_by_name,
        }
      : null,
    ...(links ?? {}),
  };
  return shareFields(SIGNAL_SHARING, whole, signalReader(reason));
}

/** Signals are shared by the reader's relation to them alone (no field goes by sector). */
function signalReader(reason: SignalAccessReason): Reader {
  return { whole: seesWholeSignal(reason), sector: 'social_services' };
}

export async function signalChildren(tx: Tx, country: string, signalId: string): Promise<ChildRow[]> {
  return tx
    .selectFrom('signal_children as sc')
    .innerJoin('children as c', (j) => j.onRef('c.country', '=', 'sc.country').onRef('c.id', '=', 'sc.child_id'))
    .select(['c.id', 'c.given_name', 'c.family_name', 'c.sex', 'c.birth_date'])
    .where('sc.country', '=', country)
    .where('sc.signal_id', '=', signalId)
    .orderBy('c.family_name')
    .orderBy('c.given_name')
    .orderBy('c.id')
    .execute();
}

/**
 * Reads a signal inside the caller's transaction and audits it (the signal, and each child whose
 * details the answer shows). Null when out of reach; for the other policy modules.
 */
export async function findSignalIn(door: Door, tx: Tx, audit: (entries: AuditDraft[]) => Promise<void>, id: string) {
  const row = await signalBaseQuery(door, tx).where('s.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const reason = row.access_reason;
  let children = await signalChildren(tx, row.country, row.id);
  if (reason === 'case' && children.length > 0) {
    // The unit responsible for one child's case is told of the others only where it reaches them.
    const reached = new Set((await baseQuery(door, tx).select('c.id as reached_id').where('c.country', '=', row.country)
      .where('c.id', 'in', children.map((c) => c.id)).execute()).map((c) => c.reached_id));
    children = children.filter((c) => reached.has(c.id));
  }
  await audit([
    { chain: row.country, action: 'read', entity: 'signal', entityId: row.id, reason, outcome: 'ok', detail: { children: children.length } },
    ...children.map((c) => ({ chain: row.country, action: 'read', entity: 'child', entityId: c.id, childId: c.id, reason, outcome: 'ok' as const, detail: { via: 'signal', signal: row.id } })),
  ]);
  // The case screening opened or joined: for the unit, which follows it there (the unit
  // responsible for a case it is attached to: that case). Asked only for who may see it.
  let caseId: string | null | undefined;
  if (seesWholeSignal(reason as SignalAccessReason)) {
    let link = tx.selectFrom('case_signals as cs').innerJoin('cases as k', (j) => j.onRef('k.country', '=', 'cs.country').onRef('k.id', '=', 'cs.case_id'))
      .select('cs.case_id').where('cs.country', '=', row.country).where('cs.signal_id', '=', row.id);
    if (reason === 'case' && door.actor.kind === 'user') link = link.where('k.unit_id', '=', door.actor.organisationId);
    caseId = (await link.orderBy('cs.attached_at').orderBy('cs.case_id').executeTakeFirst())?.case_id ?? null;
  }
  if (caseId === undefined) return signalView(row, children, new Date());
  // The meeting on the signal (the unit convenes it from the signal's page): the first not cancelled.
  const m = await tx.selectFrom('meetings').select(['id', 'status', 'held_at']).where('country', '=', row.country)
    .where('signal_id', '=', row.id).where('status', '!=', 'cancelled').orderBy('held_at').orderBy('id').executeTakeFirst();
  const meeting = m ? { id: m.id, status: m.status as 'planned' | 'held', heldAt: iso(m.held_at) } : null;
  return signalView(row, children, new Date(), { caseId, meeting });
}

export async function getSignal(door: Door, id: string): Promise<SignalView> {
  const view = await door.read((tx, audit) => findSignalIn(door, tx, audit, id));
  if (!view) {
    await door.auditAlone([{ action: 'read', entity: 'signal', entityId: id, outcome: 'denied' }]);
    throw new NotFoundError('signal');
  }
  return view;
}

/** Signals in reach, newest first, with filters; each row shown is audited. */
/** The SQL a signal list's sort key orders by (the id follows). */
function signalSortSql(key: typeof SIGNAL_SORTS[number]) {
  switch (key) {
    case 'due': return sql<Date>`s.screening_due_at`;
    case 'urgency': return sql<number>`case s.urgency when 'immediate' then 1 when 'urgent' then 2 else 3 end`;
    default: return sql<Date>`s.received_at`;
  }
}

export async function listSignals(door: Door, q: SignalListQuery, now = new Date()) {
  const sort = sortOf<typeof SIGNAL_SORTS[number]>(q.sort ?? '-receivedAt');
  return door.read(async (tx, audit) => {
    let base = tx.selectFrom('signals as s').where(signalInReach(door.actor));
    if (q.status === 'unscreened') base = base.where('s.screened_at', 'is', null);
    if (q.status === 'screened') base = base.where('s.screened_at', 'is not', null);
    if (q.overdue === true) base = base.where('s.screened_at', 'is', null).where('s.screening_due_at', '<', now).where('s.origin', '=', 'app');
    if (q.overdue === false) {
      base = base.where((eb) => eb.or([eb('s.screened_at', 'is not', null), eb('s.screening_due_at', '>=', now), eb('s.origin', '=', 'import')]));
    }
    if (q.urgency) base = base.where('s.urgency', '=', q.urgency);
    if (q.harmType) base = base.where(sql<SqlBool>`${q.harmType} = ANY(s.harm_types)`);
    // Calendar days in UTC; `to` is inclusive.
    if (q.from) base = base.where('s.received_at', '>=', new Date(`${q.from}T00:00:00Z`));
    if (q.to) base = base.where('s.received_at', '<', new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000));
    const total = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .leftJoin('organisations as unit', 'unit.id', 's.unit_id')
      .select([
        's.id', 's.country', 's.received_at', 's.channel', 's.source', 's.harm_types', 's.urgency', 's.jurisdiction_code',
        's.screened_at', 's.screening_due_at', 's.screening_decision', 's.risk_level', 's.origin', 'unit.name as unit_name',
      ])
      .select(signalAccessReason(door.actor))
      .select((eb) =>
        eb
          .selectFrom('signal_children as sc')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('sc.country', '=', 's.country')
          .whereRef('sc.signal_id', '=', 's.id')
          .as('child_count'),
      )
      .orderBy(signalSortSql(sort.key), sort.direction)
      .orderBy('s.id')
      .limit(q.limit)
      .offset(q.offset)
      .execute();
    if (rows.length > 0) {
      await audit(rows.map((r) => ({ chain: r.country, action: 'list', entity: 'signal', entityId: r.id, reason: r.access_reason, outcome: 'ok' as const })));
    }
    const items: SignalListItem[] = rows.map((r) => {
      const reason = r.access_reason as SignalAccessReason;
      return shareFields(SIGNAL_LIST_SHARING, {
        id: r.id,
        receivedAt: iso(r.received_at),
        channel: r.channel,
        source: r.source,
        harmTypes: r.harm_types,
        urgency: r.urgency,
        municipalityCode: r.jurisdiction_code,
        unitName: r.unit_name,
        childCount: Number(r.child_count ?? 0),
        status: statusOf(r),
        overdue: isScreeningOverdue(r, now),
        screeningDueAt: iso(r.screening_due_at),
        accessReason: reason,
        decision: r.screening_decision,
        riskLevel: r.risk_level,
      } satisfies SignalListItem, signalReader(reason));
    });
    return { items, total: Number(total.n) };
  });
}

/**
 * The task source of signals: unscreened signals of the caller's unit. A caseworker gets all of
 * them; a supervisor gets the overdue ones as their own work and all of them in the unit view.
 * Titles carry no child data (task lists are read over a shoulder); one summary audit entry.
 */
export async function signalScreeningTasks(door: Door, scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const actor = door.actor;
  if (actor.kind !== 'user') return [];
  const caseworker = actor.roles.includes('caseworker');
  const supervisor = actor.roles.includes('supervisor');
  if (!caseworker && !supervisor) return [];
  const onlyOverdue = scope === 'mine' && !caseworker;
  return door.read(async (tx, audit) => {
    let q = tx
      .selectFrom('signals as s')
      .select(['s.id', 's.received_at', 's.screening_due_at', 's.urgency'])
      .where('s.country', '=', actor.country)
      .where('s.unit_id', '=', actor.organisationId)
      .where('s.screened_at', 'is', null)
      // Imported signals are history, not work to do.
      .where('s.origin', '=', 'app');
    if (onlyOverdue) q = q.where('s.screening_due_at', '<', now);
    const rows = await q.orderBy('s.screening_due_at').orderBy('s.id').limit(500).execute();
    if (rows.length > 0) {
      await audit([{ chain: actor.country, action: 'task_list', entity: 'signal', reason: supervisor ? 'unit_supervisor' : 'unit_caseworker', outcome: 'ok', detail: { count: rows.length, scope } }]);
    }
    return rows.map((r) => ({
      kind: 'signal_screening',
      id: r.id,
      link: `/signals/${r.id}`,
      title: `Screen the signal received ${iso(r.received_at).slice(0, 16).replace('T', ' ')} UTC`,
      dueAt: iso(r.screening_due_at),
      overdue: new Date(r.screening_due_at).getTime() < now.getTime(),
      ownerName: null,
    }));
  });
}
