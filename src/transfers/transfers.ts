import { sql } from 'kysely';
import { deadlinesFor, dueAfterDays } from '../domain/deadlines.ts';
import type { TransferAction, TransferInput, TransferListQuery, TransferUnit, TransferView } from './transfer-schema.ts';
import { ConflictError, InputError, NotFoundError } from '../errors.ts';
import type { Task } from '../tasks/task-sources.ts';
import { actorUserId, caseBaseQuery, grantInTx, unitTimeZone, withCase } from '../cases/case-context.ts';
import { type CaseAccessReason, caseAccessReason, caseInReach } from '../cases/case-reach.ts';
import type { Door, Tx } from '../policy/door.ts';
import { iso } from '../domain/dates.ts';

/**
 * Transfers of a case to another Child Protection Unit of the same country. The sending unit asks;
 * the receiving unit's supervisor sees the case (reach 'receiving_unit') and accepts or declines;
 * the sender may cancel while it is pending. On acceptance the case and the child move to the
 * receiving unit in one transaction, and the sending unit keeps a 'transfer' grant so it still
 * sees exactly what it wrote (caseSectionVisible by author_org_id).
 */

function transferQuery(tx: Tx) {
  return tx
    .selectFrom('case_transfers as t')
    .innerJoin('cases as k', (j) => j.onRef('k.country', '=', 't.country').onRef('k.id', '=', 't.case_id'))
    .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'k.country').onRef('ch.id', '=', 'k.child_id'))
    .innerJoin('organisations as fu', 'fu.id', 't.from_unit_id')
    .innerJoin('organisations as tu', 'tu.id', 't.to_unit_id')
    .leftJoin('users as rq', 'rq.id', 't.requested_by')
    .leftJoin('users as dc', 'dc.id', 't.decided_by')
    .selectAll('t')
    .select([
      'k.unit_id as case_unit_id', 'k.risk_level', 'ch.given_name', 'ch.family_name',
      'fu.name as from_unit_name', 'tu.name as to_unit_name', 'rq.display_name as requested_by_name', 'dc.display_name as decided_by_name',
    ]);
}
type TransferRow = Awaited<ReturnType<ReturnType<typeof transferQuery>['executeTakeFirstOrThrow']>>;

function transferActions(door: Door, r: TransferRow): TransferAction[] {
  const actor = door.actor;
  if (r.status !== 'pending' || actor.kind !== 'user') return [];
  const out: TransferAction[] = [];
  if (actor.organisationId === r.to_unit_id && actor.roles.includes('supervisor')) out.push('accept', 'decline');
  if (actor.organisationId === r.case_unit_id && (actor.roles.includes('caseworker') || actor.roles.includes('supervisor'))) out.push('cancel');
  return out;
}

function transferView(door: Door, r: TransferRow): TransferView {
  return {
    id: r.id,
    caseId: r.case_id,
    childName: `${r.given_name} ${r.family_name}`,
    riskLevel: r.risk_level as TransferView['riskLevel'],
    fromUnitId: r.from_unit_id,
    fromUnitName: r.from_unit_name,
    toUnitId: r.to_unit_id,
    toUnitName: r.to_unit_name,
    reason: r.reason,
    status: r.status,
    requestedAt: iso(r.requested_at),
    requestedByName: r.requested_by_name ?? null,
    decidedAt: r.decided_at == null ? null : iso(r.decided_at),
    decidedByName: r.decided_by_name ?? null,
    decisionNote: r.decision_note,
    allowed: transferActions(door, r),
  };
}

/** The other Child Protection Units of the reader's country: the transfer picker. */
export async function transferUnits(door: Door): Promise<{ items: TransferUnit[] }> {
  const actor = door.actor;
  if (actor.kind !== 'user') return { items: [] };
  const rows = await door.transaction((tx) => tx
    .selectFrom('organisations')
    .select(['id', 'name', 'jurisdiction_code'])
    .where('country', '=', actor.country)
    .where('is_protection_unit', '=', true)
    .where('active', '=', true)
    .where('id', '<>', actor.organisationId)
    .orderBy('name')
    .execute());
  return { items: rows.map((r) => ({ id: r.id, name: r.name, jurisdictionCode: r.jurisdiction_code })) };
}

export async function requestTransfer(door: Door, caseId: string, input: TransferInput): Promise<TransferView> {
  return withCase(door, caseId, 'request_transfer', async (ctx) => {
    const { tx, kase } = ctx;
    const unit = await tx.selectFrom('organisations').select(['id', 'country', 'is_protection_unit', 'active'])
      .where('id', '=', input.toUnitId).executeTakeFirst();
    if (!unit || !unit.is_protection_unit || !unit.active || unit.country !== kase.country || unit.id === kase.unit_id) {
      throw new InputError('The receiving unit is not valid', [{ path: 'toUnitId', message: 'must be another Child Protection Unit of this country' }]);
    }
    const inserted = await tx
      .insertInto('case_transfers')
      .values({ country: kase.country, case_id: kase.id, from_unit_id: kase.unit_id, to_unit_id: unit.id, reason: input.reason, requested_by: actorUserId(door) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.event('transfer_requested', { entity: 'transfer', entityId: inserted.id, detail: { toUnitId: unit.id } });
    return transferView(door, await transferQuery(tx).where('t.country', '=', kase.country).where('t.id', '=', inserted.id).executeTakeFirstOrThrow());
  }, { detail: { toUnitId: input.toUnitId } });
}

/** The case a transfer belongs to, if the reader reaches that case (404 otherwise, audited). */
async function caseOfTransfer(door: Door, transferId: string): Promise<string> {
  const row = await door.transaction(async (tx) =>
    caseBaseQuery(door, tx)
      .innerJoin('case_transfers as t', (j) => j.onRef('t.country', '=', 'k.country').onRef('t.case_id', '=', 'k.id'))
      .select('t.case_id')
      .where('t.id', '=', transferId)
      .executeTakeFirst());
  if (!row) {
    await door.auditAlone([{ action: 'read', entity: 'transfer', entityId: transferId, outcome: 'denied' }]);
    throw new NotFoundError('transfer');
  }
  return row.case_id;
}

type Decision = 'accept_transfer' | 'decline_transfer' | 'cancel_transfer';
const STATUS_AFTER: Record<Decision, 'accepted' | 'declined' | 'cancelled'> = {
  accept_transfer: 'accepted', decline_transfer: 'declined', cancel_transfer: 'cancelled',
};

async function decide(door: Door, transferId: string, action: Decision, opts: { note?: string; version?: number }): Promise<TransferView> {
  const caseId = await caseOfTransfer(door, transferId);
  return withCase(door, caseId, action, async (ctx) => {
    const { tx, kase } = ctx;
    const t = await tx.selectFrom('case_transfers').selectAll().where('country', '=', kase.country).where('id', '=', transferId).forUpdate().executeTakeFirstOrThrow();
    // The case is transfer_pending (the guard checked), but maybe for another, newer request.
    if (t.status !== 'pending') throw new ConflictError(`This transfer is already ${t.status}`, { allowed: [] });
    const status = STATUS_AFTER[action];
    await tx.updateTable('case_transfers')
      .set({ status, decided_at: sql<Date>`now()`, decided_by: actorUserId(door), decision_note: opts.note ?? null })
      .where('country', '=', t.country).where('id', '=', t.id).execute();
    if (status === 'accepted') {
      // The receiving supervisor assigns a worker; the child's municipality is where the child lives, so it stays.
      await tx.updateTable('cases').set({ unit_id: t.to_unit_id, owner_id: null })
        .where('country', '=', kase.country).where('id', '=', kase.id).execute();
      await tx.updateTable('children').set({ unit_id: t.to_unit_id, owner_id: null, updated_at: sql<Date>`now()`, version: sql<number>`version + 1` })
        .where('country', '=', kase.country).where('id', '=', kase.child_id).execute();
      // A unit that receives back a case it once handed over needs no grant any more: it owns it.
      await tx.updateTable('child_access').set({ revoked_at: sql<Date>`now()` })
        .where('country', '=', kase.country).where('child_id', '=', kase.child_id).where('reason', '=', 'transfer')
        .where('organisation_id', '=', t.to_unit_id).where('revoked_at', 'is', null).execute();
      await grantInTx(tx, kase.country, kase.child_id, { reason: 'transfer', organisationId: t.from_unit_id, sourceId: t.id });
    }
    const kind = status === 'accepted' ? 'transfer_accepted' : status === 'declined' ? 'transfer_declined' : 'transfer_cancelled';
    await ctx.event(kind, { entity: 'transfer', entityId: t.id, detail: { fromUnitId: t.from_unit_id, toUnitId: t.to_unit_id } });
    return transferView(door, await transferQuery(tx).where('t.country', '=', kase.country).where('t.id', '=', t.id).executeTakeFirstOrThrow());
  }, { detail: { transferId }, ...(opts.version === undefined ? {} : { version: opts.version }) });
}

export const acceptTransfer = (door: Door, id: string, version?: number) => decide(door, id, 'accept_transfer', version === undefined ? {} : { version });
export const declineTransfer = (door: Door, id: string, note: string) => decide(door, id, 'decline_transfer', { note });
export const cancelTransfer = (door: Door, id: string) => decide(door, id, 'cancel_transfer', {});

/**
 * Transfers to (incoming) or from (outgoing) the reader's unit, of cases still in their reach:
 * a declined incoming request leaves the receiving unit's reach with it.
 */
export async function listTransfers(door: Door, query: TransferListQuery): Promise<{ items: TransferView[] }> {
  const actor = door.actor;
  if (actor.kind !== 'user') return { items: [] };
  return door.transaction(async (tx, audit) => {
    let q = transferQuery(tx)
      .where('ch.anonymised_at', 'is', null)
      .where(caseInReach(actor))
      .select(caseAccessReason(actor))
      .where(query.direction === 'incoming' ? 't.to_unit_id' : 't.from_unit_id', '=', actor.organisationId);
    if (query.status) q = q.where('t.status', '=', query.status);
    const rows = await q.orderBy('t.requested_at', 'desc').limit(500).execute();
    if (rows.length > 0) {
      const reason = (rows[0]!.access_reason ?? 'receiving_unit') as CaseAccessReason;
      await audit([{ chain: actor.country, action: 'list', entity: 'transfer', reason, outcome: 'ok', detail: { count: rows.length, direction: query.direction } }]);
    }
    return { items: rows.map((r) => transferView(door, r)) };
  });
}

/** Incoming transfers awaiting the reader's decision (supervisors of the receiving unit). */
export async function transferTasks(door: Door, _scope: 'mine' | 'unit', now: Date): Promise<Task[]> {
  const actor = door.actor;
  if (actor.kind !== 'user' || !actor.roles.includes('supervisor')) return [];
  return door.transaction(async (tx, audit) => {
    const rows = await tx.selectFrom('case_transfers as t').select(['t.id', 't.case_id', 't.requested_at'])
      .where('t.country', '=', actor.country).where('t.to_unit_id', '=', actor.organisationId).where('t.status', '=', 'pending')
      .orderBy('t.requested_at').limit(500).execute();
    if (rows.length === 0) return [];
    await audit([{ chain: actor.country, action: 'task_list', entity: 'transfer', reason: 'receiving_unit', outcome: 'ok', detail: { count: rows.length } }]);
    const zone = await unitTimeZone(tx, actor.organisationId);
    // No deadline of its own: a transfer is answered as fast as a referral must be.
    const days = deadlinesFor(actor.country).referralResponseDays;
    return rows.map((r) => {
      const due = dueAfterDays(new Date(r.requested_at), days, zone);
      return {
        kind: 'transfer_decision',
        id: r.id,
        link: `/cases/${r.case_id}`,
        title: 'Decide on an incoming case transfer',
        dueAt: due.toISOString(),
        overdue: due.getTime() < now.getTime(),
        ownerName: null,
      };
    });
  });
}
