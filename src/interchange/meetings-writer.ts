import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { iso } from '../domain/dates.ts';
import { IssueList } from './issues.ts';
import type { WriteOptions, WriteResult } from './record-types.ts';
import type { Door } from '../policy/door.ts';
import { type Tally, auditImport, bump, chunks, findByRef, total } from './import-batches.ts';
import { newBatch, refMatch, refScope, requireImporter, scopeOrder } from './interchange-reach.ts';

/**
 * meetings.csv import (meetings-type.ts validates the file; every statement on meetings for it
 * lives here). Meetings are matched on (country, ref), or on the id of a meeting made in the app,
 * and compared: the same file twice changes nothing. A meeting is about the children of its
 * signal (meeting_children follows signal_children).
 */

/** A held meeting as a file describes it, planned for import. */
export type MeetingImportRow = {
  key: string;
  country: string;
  ref: string;
  line: number;
  heldAt: number;
  jurisdictionCode: string;
  regionCode: string;
  unitId: string | null;
  type: string;
  signalRef: string | null;
  sectorsPresent: string[];
  mandatorySectors: string[];
};

type StoredMeeting = {
  country: string; key_ref: string; id: string; held_at: Date; jurisdiction_code: string; type: string; signal_id: string | null; sectors_present: string[];
};

/** Writes (or counts) the meetings of a validated meetings.csv; a signal_ref must name a stored signal. */
export async function writeMeetings(door: Door, rows: MeetingImportRow[], options: WriteOptions): Promise<WriteResult> {
  const countries = new Set(rows.map((m) => m.country));
  requireImporter(door, countries);
  const actor = door.actor;
  const userId = actor.kind === 'user' ? actor.userId : null;
  return door.transaction(async (tx, audit) => {
    const tally: Tally = new Map();
    const wanted = rows.filter((m) => m.signalRef).map((m) => ({ country: m.country, ref: m.signalRef! }));
    const signals = await findByRef<{ country: string; key_ref: string; id: string }>(tx, wanted, (keys, byId) => sql`
      SELECT s.country, k.ref::text AS key_ref, s.id::text AS id FROM ${keys}
      JOIN signals s ON ${refMatch(actor, 's', 'signals', byId)} ORDER BY ${scopeOrder(actor, 's')}`);
    const issues = new IssueList();
    for (const m of rows) {
      if (m.signalRef && !signals.has(`${m.country}\u0000${m.signalRef}`)) {
        issues.add(m.line, 'signal_ref', 'names no signal in your records (import signals.csv first)');
      }
    }
    if (!issues.empty) {
      issues.items.sort((a, b) => a.line - b.line);
      return { ok: false as const, issues };
    }
    const signalId = (m: MeetingImportRow) => (m.signalRef ? signals.get(`${m.country}\u0000${m.signalRef}`)!.id : null);

    const old = await findByRef<StoredMeeting>(tx, rows, (keys, byId) => sql<StoredMeeting>`
      SELECT m.country, k.ref::text AS key_ref, m.id::text AS id, m.held_at, m.jurisdiction_code, m.type, m.signal_id::text AS signal_id, m.sectors_present
      FROM ${keys} JOIN meetings m ON ${refMatch(actor, 'm', 'meetings', byId)} ORDER BY ${scopeOrder(actor, 'm')}`);
    const created: Array<MeetingImportRow & { id: string; signalId: string | null }> = [];
    const changed: Array<MeetingImportRow & { id: string; signalId: string | null }> = [];
    for (const m of rows) {
      const o = old.get(m.key);
      const sid = signalId(m);
      if (!o) {
        created.push({ ...m, id: randomUUID(), signalId: sid });
        bump(tally, m.country, 'meetings', 'created');
        continue;
      }
      const same = o.held_at.getTime() === m.heldAt && o.jurisdiction_code === m.jurisdictionCode && o.type === m.type && o.signal_id === sid &&
        [...o.sectors_present].sort().join(';') === [...m.sectorsPresent].sort().join(';');
      if (same) bump(tally, m.country, 'meetings', 'unchanged');
      else {
        changed.push({ ...m, id: o.id, signalId: sid });
        bump(tally, m.country, 'meetings', 'updated');
      }
    }
    if (!options.dryRun) {
      const columns = (part: typeof created) => sql`unnest(
          ${part.map((m) => m.country)}::text[], ${part.map((m) => m.id)}::uuid[], ${part.map((m) => m.ref)}::text[], ${part.map((m) => iso(m.heldAt))}::timestamptz[],
          ${part.map((m) => m.jurisdictionCode)}::text[], ${part.map((m) => m.regionCode)}::text[], ${part.map((m) => m.unitId)}::uuid[],
          ${part.map((m) => m.type)}::text[], ${part.map((m) => m.signalId)}::uuid[], ${part.map((m) => m.sectorsPresent.join(';'))}::text[],
          ${part.map((m) => m.mandatorySectors.join(';'))}::text[])
        AS u(country, id, ref, held_at, jurisdiction_code, region_code, unit_id, type, signal_id, sectors_present, mandatory_sectors)`;
      for (const part of chunks(created)) {
        await sql`INSERT INTO meetings (country, id, ref, held_at, jurisdiction_code, region_code, unit_id, type, signal_id, status,
            sectors_present, mandatory_sectors, convened_by, ref_scope)
          SELECT u.country, u.id, u.ref, u.held_at, u.jurisdiction_code, u.region_code, u.unit_id, u.type, u.signal_id, 'held',
            string_to_array(u.sectors_present, ';'), string_to_array(u.mandatory_sectors, ';'), ${userId}::uuid, ${refScope(actor)}
          FROM ${columns(part)}`.execute(tx);
        options.onProgress?.(part.length, rows.length);
      }
      for (const part of chunks(changed)) {
        await sql`UPDATE meetings m SET held_at = u.held_at, jurisdiction_code = u.jurisdiction_code, region_code = u.region_code,
            unit_id = u.unit_id, type = u.type, signal_id = u.signal_id, sectors_present = string_to_array(u.sectors_present, ';'),
            mandatory_sectors = string_to_array(u.mandatory_sectors, ';'), version = m.version + 1
          FROM ${columns(part)} WHERE m.country = u.country AND m.id = u.id`.execute(tx);
        await sql`DELETE FROM meeting_children mc USING unnest(${part.map((m) => m.country)}::text[], ${part.map((m) => m.id)}::uuid[]) AS u(country, id)
          WHERE mc.country = u.country AND mc.meeting_id = u.id`.execute(tx);
      }
      // The meeting is about the children of its signal.
      const linked = [...created, ...changed].filter((m) => m.signalId);
      for (const part of chunks(linked)) {
        await sql`INSERT INTO meeting_children (country, meeting_id, child_id)
          SELECT u.country, u.id, sc.child_id
          FROM unnest(${part.map((m) => m.country)}::text[], ${part.map((m) => m.id)}::uuid[], ${part.map((m) => m.signalId)}::uuid[]) AS u(country, id, signal_id)
          JOIN signal_children sc ON sc.country = u.country AND sc.signal_id = u.signal_id
          ON CONFLICT DO NOTHING`.execute(tx);
      }
    }
    await auditImport(audit, 'meetings', tally, countries, options, newBatch());
    return { ok: true as const, counts: total(tally, ['meetings']) };
  });
}
