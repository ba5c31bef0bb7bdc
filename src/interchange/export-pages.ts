import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { ForbiddenError, InputError } from '../errors.ts';
import type { ExportQuery } from './record-types.ts';
import { formatLocal } from './values.ts';
import { hasRole } from '../policy/actor.ts';
import { caseInReach } from '../cases/case-reach.ts';
import type { AuditFn, Door, Tx } from '../policy/door.ts';
import { auditExportPage, exportRef, unitRows } from './interchange-reach.ts';
import { meetingInReach } from '../meetings/meeting-reach.ts';
import { signalInReach } from '../signals/signal-reach.ts';

/**
 * Export of the interchange format (signals.csv, meetings.csv, cases.csv), through the door:
 * a supervisor exports the records of their own unit (the reach functions compiled into the
 * query, narrowed to the unit's own records: a record the unit reaches only through a grant is
 * someone else's to export); a system handle (the CLI) exports everything. Each page of rows is
 * read in one transaction with its audit entry and the links from each child it carries to that
 * entry (interchange-reach.ts), so a child's access history shows every export that carried it,
 * and no page is answered before its entry is committed. Monitors and others: 403.
 */
const PAGE = 5000;

export function requireExporter(door: Door, query: ExportQuery): void {
  if (query.from && query.to && query.from > query.to) throw new InputError('Invalid period', [{ path: 'to', message: 'must not be before from' }]);
  const { actor } = door;
  if (actor.kind === 'system') return;
  if (!hasRole(actor, 'supervisor')) throw new ForbiddenError('Only supervisors export records');
  if (query.jurisdiction && query.jurisdiction.slice(0, 2) !== actor.country) throw new ForbiddenError('You may export records of your own country only');
}

/** The query's jurisdiction and period on `alias` (times read in the zone `tz.timezone`). */
export function periodAndPlace(query: ExportQuery, at: string, place: (code: string) => ReturnType<typeof sql>) {
  const j = query.jurisdiction;
  return sql<SqlBool>`${sql.join([
    !j ? sql`true` : place(j),
    query.from ? sql`(${sql.ref(at)} AT TIME ZONE tz.timezone)::date >= ${query.from}::date` : sql`true`,
    query.to ? sql`(${sql.ref(at)} AT TIME ZONE tz.timezone)::date <= ${query.to}::date` : sql`true`,
  ], sql` AND `)}`;
}

export function exportDetail(query: ExportQuery, page: number, rows: number) {
  return { rows, page, from: query.from ?? null, to: query.to ?? null, jurisdiction: query.jurisdiction ?? null };
}

/**
 * The one export loop: pages of at most PAGE records in (time, id) order after a cursor, each read
 * in its own transaction with its audit entry (the children it carries linked to that entry),
 * until a page comes back short. `read` gets the cursor as a condition on `order`'s columns.
 */
async function* exportPages<R>(door: Door, query: ExportQuery, page: {
  entity: 'signals' | 'meetings' | 'cases';
  /** The record's time and id columns, the order of the export. */
  order: [at: string, id: string];
  read: (tx: Tx, after: RawBuilder<SqlBool>) => Promise<R[]>;
  children: (rows: R[]) => Array<{ country: string; id: string }>;
  cursor: (row: R) => { at: Date; id: string };
  line: (row: R) => string[];
  /** How many records the rows hold (signals.csv has a row per child of a signal); by default one a row. */
  records?: (rows: R[]) => number;
}): AsyncGenerator<string[][]> {
  const records = page.records ?? ((rows: R[]) => rows.length);
  let after: { at: Date; id: string } | null = null;
  for (let n = 1; ; n++) {
    const rows: R[] = await door.transaction(async (tx, audit: AuditFn) => {
      const [at, id] = page.order;
      const cursor = after ? sql<SqlBool>`(${sql.ref(at)}, ${sql.ref(id)}) > (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : sql<SqlBool>`true`;
      const found = await page.read(tx, cursor);
      await auditExportPage(door, tx, audit, page.entity, page.children(found), exportDetail(query, n, found.length));
      return found;
    });
    if (rows.length === 0) break;
    yield rows.map(page.line);
    after = page.cursor(rows[rows.length - 1]!);
    if (records(rows) < PAGE) break;
  }
}

type SignalExportRow = {
  id: string; ref: string; received_at: Date; jurisdiction_code: string; source: string; harm_types: string[]; place: string;
  perpetrators: string[]; description: string | null; timezone: string; country: string; child_id: string | null; child_ref: string | null;
  given_name: string | null; family_name: string | null; sex: string | null; birth_date: string | null;
};

/** signals.csv rows (one per child per signal), in pages, oldest first. */
export async function* exportSignalRows(door: Door, query: ExportQuery): AsyncGenerator<string[][]> {
  requireExporter(door, query);
  const { actor } = door;
  const where = periodAndPlace(query, 's.received_at', (j) =>
    j.length === 2 ? sql`s.country = ${j}` : sql`(s.region_code = ${j} OR s.jurisdiction_code = ${j})`);
  yield* exportPages<SignalExportRow>(door, query, {
    entity: 'signals',
    order: ['s.received_at', 's.id'],
    async read(tx, cursor) {
      const signals = tx
        .selectFrom('signals as s')
        .innerJoin('jurisdictions as tz', 'tz.code', 's.country')
        .selectAll('s')
        .select('tz.timezone')
        .select(exportRef(actor, 's').as('export_ref'))
        .where(signalInReach(actor))
        .where(sql<SqlBool>`${unitRows(actor, 's', 'signals')} AND ${where} AND ${cursor}`)
        .orderBy('s.received_at')
        .orderBy('s.id')
        .limit(PAGE);
      return (await sql<SignalExportRow>`
        SELECT s.id::text AS id, s.export_ref AS ref, s.received_at, s.jurisdiction_code, s.source, s.harm_types, s.place, s.perpetrators,
          s.description, s.timezone, s.country, c.id::text AS child_id, ${exportRef(actor, 'c')} AS child_ref, c.given_name, c.family_name, c.sex, c.birth_date
        FROM ${signals.as('s')}
        LEFT JOIN signal_children sc ON sc.country = s.country AND sc.signal_id = s.id
        LEFT JOIN children c ON c.country = sc.country AND c.id = sc.child_id
        ORDER BY s.received_at, s.id, child_ref`.execute(tx)).rows;
    },
    children: (rows) => rows.filter((r) => r.child_id).map((r) => ({ country: r.country, id: r.child_id! })),
    cursor: (r) => ({ at: r.received_at, id: r.id }),
    line: (r) => [
      r.ref, formatLocal(r.received_at.getTime(), r.timezone), r.jurisdiction_code, r.source,
      r.child_id ? (r.child_ref ?? r.child_id) : '', r.given_name ?? '', r.family_name ?? '', r.sex ?? '', r.birth_date ?? '',
      r.harm_types.join(';'), r.place, r.perpetrators.join(';'), r.description ?? '',
    ],
    records: (rows) => new Set(rows.map((r) => r.id)).size,
  });
}

type MeetingExportRow = {
  id: string; ref: string; held_at: Date; jurisdiction_code: string; type: string; signal_ref: string | null; sectors_present: string[]; timezone: string;
};

/** meetings.csv rows, in pages, oldest first (the file names no child: each page is audited, no child linked). */
export async function* exportMeetingRows(door: Door, query: ExportQuery): AsyncGenerator<string[][]> {
  requireExporter(door, query);
  const { actor } = door;
  const where = periodAndPlace(query, 'm.held_at', (j) =>
    j.length === 2 ? sql`m.country = ${j}` : sql`(m.region_code = ${j} OR m.jurisdiction_code = ${j})`);
  yield* exportPages<MeetingExportRow>(door, query, {
    entity: 'meetings',
    order: ['m.held_at', 'm.id'],
    async read(tx, cursor) {
      const rows = await tx
        .selectFrom('meetings as m')
        .innerJoin('jurisdictions as tz', 'tz.code', 'm.country')
        .leftJoin('signals as s', (j) => j.onRef('s.country', '=', 'm.country').onRef('s.id', '=', 'm.signal_id'))
        .select([
          sql<string>`m.id::text`.as('id'), exportRef(actor, 'm').as('ref'), 'm.held_at', 'm.jurisdiction_code', 'm.type',
          sql<string | null>`CASE WHEN s.id IS NULL THEN NULL ELSE ${exportRef(actor, 's')} END`.as('signal_ref'), 'm.sectors_present', 'tz.timezone',
        ])
        .where(meetingInReach(actor))
        .where(sql<SqlBool>`${unitRows(actor, 'm', 'meetings')} AND ${where} AND ${cursor} AND m.status = 'held'`)
        .orderBy('m.held_at')
        .orderBy('m.id')
        .limit(PAGE)
        .execute();
      return rows as MeetingExportRow[];
    },
    children: () => [],
    cursor: (r) => ({ at: r.held_at, id: r.id }),
    line: (r) => [r.ref, formatLocal(r.held_at.getTime(), r.timezone), r.jurisdiction_code, r.type, r.signal_ref ?? '', r.sectors_present.join(';')],
  });
}

type CaseExportRow = {
  id: string; ref: string; country: string; child_id: string; child_ref: string; opened_at: Date; unit: string; status: string;
  previous_status: string | null; risk_level: string; closed_at: Date | null; closure_reason: string | null; timezone: string;
};

/** cases.csv rows, in pages, oldest first. */
export async function* exportCaseRows(door: Door, query: ExportQuery): AsyncGenerator<string[][]> {
  requireExporter(door, query);
  const { actor } = door;
  const where = periodAndPlace(query, 'k.opened_at', (j) => (j.length === 2 ? sql`k.country = ${j}` : sql`(tz.code = ${j} OR tz.parent_code = ${j})`));
  yield* exportPages<CaseExportRow>(door, query, {
    entity: 'cases',
    order: ['k.opened_at', 'k.id'],
    async read(tx, cursor) {
      // A unit is written by name when no other active unit shares it (readable, and the import finds it), else by id.
      const rows = await tx
        .selectFrom('cases as k')
        .innerJoin('children as ch', (j) => j.onRef('ch.country', '=', 'k.country').onRef('ch.id', '=', 'k.child_id'))
        .innerJoin('organisations as o', 'o.id', 'k.unit_id')
        .innerJoin('jurisdictions as tz', 'tz.code', 'o.jurisdiction_code')
        .select([
          sql<string>`k.id::text`.as('id'), exportRef(actor, 'k').as('ref'), 'k.country', sql<string>`ch.id::text`.as('child_id'),
          exportRef(actor, 'ch').as('child_ref'), 'k.opened_at',
          sql<string>`CASE WHEN (SELECT count(*) FROM organisations o2 WHERE o2.is_protection_unit AND o2.active AND lower(o2.name) = lower(o.name)) = 1
            THEN o.name ELSE o.id::text END`.as('unit'),
          'k.status', 'k.previous_status', 'k.risk_level', 'k.closed_at', 'k.closure_reason', 'tz.timezone',
        ])
        .where(caseInReach(actor))
        .where(sql<SqlBool>`${unitRows(actor, 'k', 'cases')} AND ${where} AND ${cursor}`)
        .orderBy('k.opened_at')
        .orderBy('k.id')
        .limit(PAGE)
        .execute();
      return rows as CaseExportRow[];
    },
    children: (rows) => rows.map((r) => ({ country: r.country, id: r.child_id })),
    cursor: (r) => ({ at: r.opened_at, id: r.id }),
    line: (r) => [
      r.ref, r.child_ref, formatLocal(r.opened_at.getTime(), r.timezone), r.unit,
      // A pending closure or transfer is a step inside the app: the file carries the status it returns to.
      r.status === 'closure_pending' || r.status === 'transfer_pending' ? (r.previous_status ?? 'open') : r.status,
      r.risk_level, r.closed_at ? formatLocal(r.closed_at.getTime(), r.timezone) : '', r.status === 'closed' ? (r.closure_reason ?? '') : '',
    ],
  });
}
