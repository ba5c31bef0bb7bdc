import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { iso } from '../domain/dates.ts';
import type { WriteOptions, WriteResult } from './record-types.ts';
import type { Door } from '../policy/door.ts';
import { type ChildImportRow, matchChildren, storeChildren } from './children-writer.ts';
import { type Tally, auditImport, bump, chunks, findByRef, total } from './import-batches.ts';
import { exportRef, linkChildren, newBatch, refMatch, refScope, requireImporter, scopeOrder } from './interchange-reach.ts';

/**
 * signals.csv import (signals-type.ts validates the file; every statement on signals for it lives
 * here, on children in children-writer.ts). Writes are set-based: rows go to the database as
 * arrays and are unnested there, thousands per statement, so a million-row file is a few hundred
 * statements. Records are matched on (country, ref) and compared: the same file twice changes
 * nothing. A record created in the app has no ref and is exported with its id as ref, which an
 * import matches too, so a round trip into the same database is also a no-op.
 */

/** A signal as a file describes it, planned for import (its children by key in `childKeys`). */
export type SignalImportRow = {
  key: string;
  country: string;
  ref: string;
  line: number;
  receivedAt: number;
  screeningDueAt: number;
  jurisdictionCode: string;
  regionCode: string;
  unitId: string | null;
  source: string;
  harmTypes: string[];
  place: string;
  perpetrators: string[];
  description: string | null;
  childKeys: string[];
};

type StoredSignal = {
  country: string; key_ref: string; id: string; received_at: Date; jurisdiction_code: string; source: string;
  harm_types: string[]; place: string; perpetrators: string[]; description: string | null; child_refs: string[];
};

/** Writes (or, in a dry run, only counts) the signals and children of a validated signals.csv. */
export async function writeSignals(door: Door, rows: { signals: SignalImportRow[]; children: ChildImportRow[] }, options: WriteOptions): Promise<WriteResult> {
  const countries = new Set(rows.signals.map((s) => s.country));
  requireImporter(door, countries);
  const actor = door.actor;
  const userId = actor.kind === 'user' ? actor.userId : null;
  const orgId = actor.kind === 'user' ? actor.organisationId : null;
  return door.transaction(async (tx, audit) => {
    const tally: Tally = new Map();
    const work = rows.children.length + rows.signals.length * 2;
    let done = 0;
    const step = (n: number) => options.onProgress?.((done += n), work);

    // Children, by ref.
    const children = await matchChildren(tx, actor, rows.children, tally);
    const childId = new Map(rows.children.map((c) => [c.key, c.id!]));
    const childRef = new Map(rows.children.map((c) => [c.key, c.ref]));

    // Signals, by ref, with the refs of the children they name.
    const oldSignals = await findByRef<StoredSignal>(tx, rows.signals, (keys, byId) => sql<StoredSignal>`
      SELECT s.country, k.ref::text AS key_ref, s.id::text AS id, s.received_at, s.jurisdiction_code, s.source, s.harm_types,
        s.place, s.perpetrators, s.description,
        coalesce((SELECT array_agg(${exportRef(actor, 'c')}) FROM signal_children sc
          JOIN children c ON c.country = sc.country AND c.id = sc.child_id
          WHERE sc.country = s.country AND sc.signal_id = s.id), '{}') AS child_refs
      FROM ${keys} JOIN signals s ON ${refMatch(actor, 's', 'signals', byId)} ORDER BY ${scopeOrder(actor, 's')}`);
    const newSignals: Array<SignalImportRow & { id: string }> = [];
    const changedSignals: Array<SignalImportRow & { id: string }> = [];
    for (const s of rows.signals) {
      const old = oldSignals.get(s.key);
      if (!old) {
        newSignals.push({ ...s, id: randomUUID() });
        bump(tally, s.country, 'signals', 'created');
        continue;
      }
      const refs = s.childKeys.map((k) => childRef.get(k)!).sort();
      const same =
        old.received_at.getTime() === s.receivedAt && old.jurisdiction_code === s.jurisdictionCode && old.source === s.source &&
        old.harm_types.join(';') === s.harmTypes.join(';') && old.place === s.place && old.perpetrators.join(';') === s.perpetrators.join(';') &&
        old.description === s.description && [...old.child_refs].sort().join('\u0000') === refs.join('\u0000');
      if (same) bump(tally, s.country, 'signals', 'unchanged');
      else {
        changedSignals.push({ ...s, id: old.id });
        bump(tally, s.country, 'signals', 'updated');
      }
    }
    step(rows.children.length);

    if (!options.dryRun) {
      await storeChildren(tx, actor, children, () => step(0));
      const columns = (part: Array<SignalImportRow & { id: string }>) => sql`unnest(
          ${part.map((s) => s.country)}::text[], ${part.map((s) => s.id)}::uuid[], ${part.map((s) => s.ref)}::text[],
          ${part.map((s) => iso(s.receivedAt))}::timestamptz[], ${part.map((s) => s.jurisdictionCode)}::text[], ${part.map((s) => s.regionCode)}::text[],
          ${part.map((s) => s.unitId)}::uuid[], ${part.map((s) => s.source)}::text[], ${part.map((s) => s.harmTypes.join(';'))}::text[],
          ${part.map((s) => s.place)}::text[], ${part.map((s) => s.perpetrators.join(';'))}::text[], ${part.map((s) => s.description)}::text[],
          ${part.map((s) => iso(s.screeningDueAt))}::timestamptz[])
        AS u(country, id, ref, received_at, jurisdiction_code, region_code, unit_id, source, harm_types, place, perpetrators, description, screening_due_at)`;
      for (const part of chunks(newSignals)) {
        await sql`INSERT INTO signals (country, id, ref, received_at, jurisdiction_code, region_code, unit_id, source, harm_types, place,
            perpetrators, description, screening_due_at, registered_by, registered_org, origin, ref_scope)
          SELECT u.country, u.id, u.ref, u.received_at, u.jurisdiction_code, u.region_code, u.unit_id, u.source,
            string_to_array(u.harm_types, ';'), u.place, string_to_array(u.perpetrators, ';'), u.description, u.screening_due_at,
            ${userId}::uuid, ${orgId}::uuid, 'import', ${refScope(actor)}
          FROM ${columns(part)}`.execute(tx);
        step(part.length);
      }
      for (const part of chunks(changedSignals)) {
        await sql`UPDATE signals s SET received_at = u.received_at, jurisdiction_code = u.jurisdiction_code, region_code = u.region_code,
            unit_id = u.unit_id, source = u.source, harm_types = string_to_array(u.harm_types, ';'), place = u.place,
            perpetrators = string_to_array(u.perpetrators, ';'), description = u.description,
            screening_due_at = CASE WHEN s.screened_at IS NULL THEN u.screening_due_at ELSE s.screening_due_at END, version = s.version + 1
          FROM ${columns(part)} WHERE s.country = u.country AND s.id = u.id`.execute(tx);
        await sql`DELETE FROM signal_children sc USING unnest(${part.map((s) => s.country)}::text[], ${part.map((s) => s.id)}::uuid[]) AS u(country, id)
          WHERE sc.country = u.country AND sc.signal_id = u.id`.execute(tx);
        step(part.length);
      }
      const links = [...newSignals, ...changedSignals].flatMap((s) => s.childKeys.map((k) => ({ country: s.country, signal: s.id, child: childId.get(k)! })));
      for (const part of chunks(links, 10_000)) {
        await sql`INSERT INTO signal_children (country, signal_id, child_id)
          SELECT * FROM unnest(${part.map((l) => l.country)}::text[], ${part.map((l) => l.signal)}::uuid[], ${part.map((l) => l.child)}::uuid[])
          ON CONFLICT DO NOTHING`.execute(tx);
        step(Math.round((part.length / Math.max(1, links.length)) * rows.signals.length));
      }
    }
    // The children this file created or changed: their access history shows the import.
    const batch = newBatch();
    if (!options.dryRun) await linkChildren(tx, batch, [...children.created, ...children.changed].map((c) => ({ country: c.country, id: c.id! })));
    await auditImport(audit, 'signals', tally, countries, options, batch);
    return { ok: true as const, counts: total(tally, ['signals', 'children']) };
  });
}
