import { randomUUID } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { nameKey } from '../domain/names.ts';
import { IssueList } from './issues.ts';
import type { Counts, WriteOptions, WriteResult } from './record-types.ts';
import type { AuditDraft, Door } from '../policy/door.ts';
import { exportRef, linkChildren, newBatch, refMatch, refScope, requireImporter, scopeOrder } from './interchange-reach.ts';

/**
 * Bulk import and export of the interchange format (src/interchange validates; this file holds
 * every statement that touches child tables for it). Writes are set-based: rows go to the
 * database as arrays and are unnested there, thousands per statement, so a million-row file is
 * a few hundred statements. Records are matched on (country, ref) and compared: the same file
 * twice changes nothing. A record created in the app has no ref and is exported with its id as
 * ref, which an import matches too, so a round trip into the same database is also a no-op.
 * One audit entry per import per country (counts and the file's sha256), one per export.
 */

type Tx = Parameters<Parameters<Door['transaction']>[0]>[0];

export type ChildPlan = {
  key: string;
  id: string | null;
  country: string;
  ref: string;
  givenName: string;
  familyName: string;
  sex: string;
  birthDate: string | null;
  municipalityCode: string;
  unitId: string | null;
  line: number;
};

export type SignalPlan = {
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

export type MeetingPlan = {
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

const CHUNK = 5000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Existing rows of `table` for (country, ref) pairs, then (for refs that look like ids and
 * matched nothing) for (country, id): a record created in the app is exported with its id.
 */
async function findByRef<R extends { country: string; key_ref: string }>(
  tx: Tx,
  pairs: Array<{ country: string; ref: string }>,
  query: (keys: RawBuilder<unknown>, byId: boolean) => RawBuilder<R>,
): Promise<Map<string, R>> {
  const found = new Map<string, R>();
  for (const part of chunks(pairs, 20_000)) {
    const keys = sql`unnest(${part.map((p) => p.country)}::text[], ${part.map((p) => p.ref)}::text[]) AS k(country, ref)`;
    for (const r of (await query(keys, false).execute(tx)).rows) found.set(`${r.country}\u0000${r.key_ref}`, r);
  }
  const ids = pairs.filter((p) => UUID.test(p.ref) && !found.has(`${p.country}\u0000${p.ref}`));
  for (const part of chunks(ids, 20_000)) {
    const keys = sql`unnest(${part.map((p) => p.country)}::text[], ${part.map((p) => p.ref.toLowerCase())}::uuid[]) AS k(country, ref)`;
    for (const r of (await query(keys, true).execute(tx)).rows) found.set(`${r.country}\u0000${r.key_ref}`, r);
  }
  return found;
}

type Tally = Map<string, Record<string, Counts>>;
function bump(tally: Tally, country: string, kind: string, what: keyof Counts) {
  let byKind = tally.get(country);
  if (!byKind) tally.set(country, (byKind = {}));
  const c = (byKind[kind] ??= { created: 0, updated: 0, unchanged: 0 });
  c[what] += 1;
}

function total(tally: Tally, kinds: string[]): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  for (const k of kinds) out[k] = { created: 0, updated: 0, unchanged: 0 };
  for (const byKind of tally.values()) {
    for (const [k, c] of Object.entries(byKind)) {
      const o = (out[k] ??= { created: 0, updated: 0, unchanged: 0 });
      o.created += c.created;
      o.updated += c.updated;
      o.unchanged += c.unchanged;
    }
  }
  return out;
}

function flatCounts(byKind: Record<string, Counts>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [kind, c] of Object.entries(byKind)) for (const [what, n] of Object.entries(c)) out[`${kind}_${what}`] = n;
  return out;
}

async function auditImport(audit: (entries: AuditDraft[]) => Promise<void>, entity: string, tally: Tally, countries: Set<string>, options: WriteOptions, batch: string) {
  await audit(
    [...countries].sort().map((country) => ({
      chain: country,
      action: options.dryRun ? 'import_dry_run' : 'import',
      entity,
      entityId: batch,
      reason: 'import',
      outcome: 'ok' as const,
      detail: { rows: options.rows, sha256: options.sha256, ...flatCounts(tally.get(country) ?? {}) },
    })),
  );
}

type ExistingChild = { country: string; key_ref: string; id: string; given_name: string; family_name: string; sex: string; birth_date: string | null };
type ExistingSignal = {
  country: string; key_ref: string; id: string; received_at: Date; jurisdiction_code: string; source: string;
  harm_types: string[]; place: string; perpetrators: string[]; description: string | null; child_refs: string[];
};

/** Writes (or, in a dry run, only counts) the signals and children of a validated signals.csv. */
export async function writeSignals(door: Door, plan: { signals: SignalPlan[]; children: ChildPlan[] }, options: WriteOptions): Promise<WriteResult> {
  const countries = new Set(plan.signals.map((s) => s.country));
  requireImporter(door, countries);
  const actor = door.actor;
  const userId = actor.kind === 'user' ? actor.userId : null;
  const orgId = actor.kind === 'user' ? actor.organisationId : null;
  return door.transaction(async (tx, audit) => {
    const tally: Tally = new Map();
    const work = plan.children.length + plan.signals.length * 2;
    let done = 0;
    const step = (n: number) => options.onProgress?.((done += n), work);

    // Children, by ref.
    const oldChildren = await findByRef<ExistingChild>(tx, plan.children, (keys, byId) => sql<ExistingChild>`
      SELECT c.country, k.ref::text AS key_ref, r.id::text AS id, r.given_name, r.family_name, r.sex, r.birth_date
      FROM ${keys} JOIN children c ON ${refMatch(actor, 'c', 'children', byId)}
      -- A ref of a record merged into another names the record it was merged into.
      JOIN children r ON r.country = c.country AND r.id = coalesce(c.merged_into, c.id)
      ORDER BY ${scopeOrder(actor, 'c')}`);
    const newChildren: ChildPlan[] = [];
    const changedChildren: ChildPlan[] = [];
    for (const c of plan.children) {
      const old = oldChildren.get(c.key);
      if (!old) {
        c.id = randomUUID();
        newChildren.push(c);
        bump(tally, c.country, 'children', 'created');
      } else {
        c.id = old.id;
        const same = old.given_name === c.givenName && old.family_name === c.familyName && old.sex === c.sex && old.birth_date === c.birthDate;
        if (same) bump(tally, c.country, 'children', 'unchanged');
        else {
          changedChildren.push(c);
          bump(tally, c.country, 'children', 'updated');
        }
      }
    }
    const childId = new Map(plan.children.map((c) => [c.key, c.id!]));
    const childRef = new Map(plan.children.map((c) => [c.key, c.ref]));

    // Signals, by ref, with the refs of the children they name.
    const oldSignals = await findByRef<ExistingSignal>(tx, plan.signals, (keys, byId) => sql<ExistingSignal>`
      SELECT s.country, k.ref::text AS key_ref, s.id::text AS id, s.received_at, s.jurisdiction_code, s.source, s.harm_types,
        s.place, s.perpetrators, s.description,
        coalesce((SELECT array_agg(${exportRef(actor, 'c')}) FROM signal_children sc
          JOIN children c ON c.country = sc.country AND c.id = sc.child_id
          WHERE sc.country = s.country AND sc.signal_id = s.id), '{}') AS child_refs
      FROM ${keys} JOIN signals s ON ${refMatch(actor, 's', 'signals', byId)} ORDER BY ${scopeOrder(actor, 's')}`);
    const newSignals: Array<SignalPlan & { id: string }> = [];
    const changedSignals: Array<SignalPlan & { id: string }> = [];
    for (const s of plan.signals) {
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
    step(plan.children.length);

    if (!options.dryRun) {
      for (const part of chunks(newChildren)) {
        await sql`INSERT INTO children (country, id, ref, unit_id, municipality_code, given_name, family_name, name_key, sex, birth_date, created_by, ref_scope)
          SELECT *, ${refScope(actor)} FROM unnest(${part.map((c) => c.country)}::text[], ${part.map((c) => c.id)}::uuid[], ${part.map((c) => c.ref)}::text[],
            ${part.map((c) => c.unitId)}::uuid[], ${part.map((c) => c.municipalityCode)}::text[], ${part.map((c) => c.givenName)}::text[],
            ${part.map((c) => c.familyName)}::text[], ${part.map((c) => nameKey(c.givenName, c.familyName))}::text[], ${part.map((c) => c.sex)}::text[],
            ${part.map((c) => c.birthDate)}::date[], ${part.map(() => userId)}::uuid[])`.execute(tx);
        step(0);
      }
      for (const part of chunks(changedChildren)) {
        await sql`UPDATE children c SET given_name = u.given, family_name = u.family, name_key = u.key, sex = u.sex, birth_date = u.birth,
            version = c.version + 1, updated_at = now()
          FROM unnest(${part.map((c) => c.country)}::text[], ${part.map((c) => c.id)}::uuid[], ${part.map((c) => c.givenName)}::text[],
            ${part.map((c) => c.familyName)}::text[], ${part.map((c) => nameKey(c.givenName, c.familyName))}::text[], ${part.map((c) => c.sex)}::text[],
            ${part.map((c) => c.birthDate)}::date[]) AS u(country, id, given, family, key, sex, birth)
          WHERE c.country = u.country AND c.id = u.id`.execute(tx);
      }
      const columns = (part: Array<SignalPlan & { id: string }>) => sql`unnest(
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
        step(Math.round((part.length / Math.max(1, links.length)) * plan.signals.length));
      }
    }
    // The children this file created or changed: their access history shows the import.
    const batch = newBatch();
    if (!options.dryRun) await linkChildren(tx, batch, [...newChildren, ...changedChildren].map((c) => ({ country: c.country, id: c.id! })));
    await auditImport(audit, 'signals', tally, countries, options, batch);
    return { ok: true as const, counts: total(tally, ['signals', 'children']) };
  });
}

type ExistingMeeting = {
  country: string; key_ref: string; id: string; held_at: Date; jurisdiction_code: string; type: string; signal_id: string | null; sectors_present: string[];
};

/** Writes (or counts) the meetings of a validated meetings.csv; a signal_ref must name a stored signal. */
export async function writeMeetings(door: Door, plan: MeetingPlan[], options: WriteOptions): Promise<WriteResult> {
  const countries = new Set(plan.map((m) => m.country));
  requireImporter(door, countries);
  const actor = door.actor;
  const userId = actor.kind === 'user' ? actor.userId : null;
  return door.transaction(async (tx, audit) => {
    const tally: Tally = new Map();
    const wanted = plan.filter((m) => m.signalRef).map((m) => ({ country: m.country, ref: m.signalRef! }));
    const signals = await findByRef<{ country: string; key_ref: string; id: string }>(tx, wanted, (keys, byId) => sql`
      SELECT s.country, k.ref::text AS key_ref, s.id::text AS id FROM ${keys}
      JOIN signals s ON ${refMatch(actor, 's', 'signals', byId)} ORDER BY ${scopeOrder(actor, 's')}`);
    const issues = new IssueList();
    for (const m of plan) {
      if (m.signalRef && !signals.has(`${m.country}\u0000${m.signalRef}`)) {
        issues.add(m.line, 'signal_ref', 'names no signal in your records (import signals.csv first)');
      }
    }
    if (!issues.empty) {
      issues.items.sort((a, b) => a.line - b.line);
      return { ok: false as const, issues };
    }
    const signalId = (m: MeetingPlan) => (m.signalRef ? signals.get(`${m.country}\u0000${m.signalRef}`)!.id : null);

    const old = await findByRef<ExistingMeeting>(tx, plan, (keys, byId) => sql<ExistingMeeting>`
      SELECT m.country, k.ref::text AS key_ref, m.id::text AS id, m.held_at, m.jurisdiction_code, m.type, m.signal_id::text AS signal_id, m.sectors_present
      FROM ${keys} JOIN meetings m ON ${refMatch(actor, 'm', 'meetings', byId)} ORDER BY ${scopeOrder(actor, 'm')}`);
    const created: Array<MeetingPlan & { id: string; signalId: string | null }> = [];
    const changed: Array<MeetingPlan & { id: string; signalId: string | null }> = [];
    for (const m of plan) {
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
        options.onProgress?.(part.length, plan.length);
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

/** Records an import that was refused for bad rows: who tried, the file's hash and the count of problems. */
export async function auditRefusedImport(door: Door, entity: string, detail: { rows: number; sha256: string; problems: number }) {
  await door.auditAlone([{ action: 'import', entity, reason: 'import', outcome: 'refused', detail }]);
}
