import { sql } from 'kysely';
import type { Counts, WriteOptions, WriteResult } from './record-types.ts';
import type { AuditFn, Door, Tx } from '../policy/door.ts';
import { matchChildren, stageChildren, storeChildren } from './children-writer.ts';
import { type Tally, UUID_PATTERN, auditImport, bump, importIds, total } from './import-batches.ts';
import { exportRef, newBatch, refMatch, refScope, requireImporter, scopeOrder } from './interchange-reach.ts';
import { STAGE, type SignalStage } from './signals-stage.ts';

/**
 * signals.csv import, the writes (signals-type.ts validates the rows, signals-stage.ts stages
 * them and checks them across rows; children in children-writer.ts). Set-based over the staging
 * tables, in the import's one transaction: a handful of statements whatever the file's size.
 * Records are matched on (country, ref) and compared: the same file twice changes nothing. A
 * record created in the app has no ref and is exported with its id as ref, which an import
 * matches too, so a round trip into the same database is also a no-op.
 */

const rows = sql.table(STAGE.rows);
const signals = sql.table(STAGE.signals);
const children = sql.table(STAGE.children);

/** The phases, for the progress bar: stage, match children, match signals, store children, store signals, links. */
const PHASES = 6;

/**
 * The links of the new and changed signals to their children. Links of children stored before
 * go through the report's trigger, which recounts those children's days from all their signals
 * (migration 0026). Every child this import creates has no other link: its days are counted
 * straight from the staged rows (report_first_links), and the trigger is told so for that one
 * statement, instead of looking each of a million new children up again.
 */
async function storeLinks(tx: Tx): Promise<void> {
  const links = (created: boolean) => sql`SELECT r.country, s.id AS signal_id, c.id AS child_id, s.received_at, s.region_code, c.birth_date, c.sex
    FROM ${rows} r
    JOIN ${signals} s ON s.country = r.country AND s.ref = r.ref AND s.status IN ('created', 'updated')
    JOIN ${children} c ON c.country = r.country AND c.ref = r.child_ref
    WHERE ${created ? sql`c.status = 'created'` : sql`c.status <> 'created'`}`;
  const insert = (created: boolean) => sql`INSERT INTO signal_children (country, signal_id, child_id)
    SELECT country, signal_id, child_id FROM (${links(created)}) l ORDER BY 1, 2, 3
    ON CONFLICT DO NOTHING`.execute(tx);
  await insert(false);
  await sql`SELECT set_config('safetynet.report_links', 'by_caller', true)`.execute(tx);
  await insert(true);
  await sql`SELECT set_config('safetynet.report_links', '', true)`.execute(tx);
  await sql`SELECT report_first_links(${links(true).compile(tx).sql})`.execute(tx);
}

/** Writes (or, in a dry run, only counts) the signals and children of a validated, staged signals.csv. */
export async function writeSignals(door: Door, stage: SignalStage, audit: AuditFn, options: WriteOptions): Promise<WriteResult> {
  const { tx } = stage;
  const actor = door.actor;
  const countries = new Set((await sql<{ country: string }>`SELECT DISTINCT country FROM ${rows}`.execute(tx)).rows.map((r) => r.country));
  requireImporter(door, countries);
  const userId = actor.kind === 'user' ? actor.userId : null;
  const orgId = actor.kind === 'user' ? actor.organisationId : null;
  let phase = 0;
  const step = () => options.onProgress?.(Math.round((stage.staged * ++phase) / PHASES), stage.staged);

  // One row per signal (its first row: all its rows agree), and per child.
  // A new record's id is made here, in the order of the refs (importIds); `created` until matched.
  const ids = importIds();
  await sql`CREATE TEMP TABLE ${signals} ON COMMIT DROP AS
    SELECT d.*, ${ids(1, sql`row_number() OVER (ORDER BY country, ref)`)} AS id, 'created'::text AS status
    FROM (SELECT DISTINCT ON (country, ref) country, ref, received_at, screening_due_at, jurisdiction_code, region_code, unit_id, source,
        harm_types, place, perpetrators, description
      FROM ${rows} ORDER BY country, ref, line) d`.execute(tx);
  await sql`ANALYZE ${signals}`.execute(tx);
  await stageChildren(tx, ids);
  step();

  await matchChildren(tx, actor);
  step();

  // Signals, by ref then by id, compared column by column …
  for (const byId of [false, true]) {
    const key = byId ? sql`CASE WHEN ref ~* ${UUID_PATTERN} THEN lower(ref)::uuid END` : sql`ref`;
    const only = byId ? sql`WHERE status = 'created' AND ref ~* ${UUID_PATTERN}` : sql``;
    await sql`UPDATE ${signals} t SET id = m.id, status = CASE WHEN m.same THEN 'unchanged' ELSE 'updated' END
      FROM (
        SELECT DISTINCT ON (k.country, k.key_ref) k.country, k.key_ref, s.id,
          (s.received_at = k.received_at AND s.jurisdiction_code = k.jurisdiction_code AND s.source = k.source
            AND array_to_string(s.harm_types, ';') = k.harm_types AND s.place = k.place
            AND array_to_string(s.perpetrators, ';') = k.perpetrators AND s.description IS NOT DISTINCT FROM k.description) AS same
        FROM (SELECT country, ref AS key_ref, ${key} AS ref, received_at, jurisdiction_code, source, harm_types, place, perpetrators, description
              FROM ${signals} ${only}) k
        JOIN signals s ON ${refMatch(actor, 's', 'signals', byId)}
        ORDER BY k.country, k.key_ref, ${scopeOrder(actor, 's')} DESC
      ) m
      WHERE t.country = m.country AND t.ref = m.key_ref`.execute(tx);
  }
  // … and by the refs of their children (as the file writes them; stored: as an export would).
  // (The statuses just set change the plans: the staged tables' statistics are renewed.)
  await sql`ANALYZE ${signals}`.execute(tx);
  await sql`UPDATE ${signals} t SET status = 'updated'
    FROM (
      SELECT r.country, r.ref, coalesce(array_agg(r.child_ref ORDER BY r.child_ref COLLATE "C") FILTER (WHERE r.child_ref IS NOT NULL), '{}') AS refs
      FROM ${rows} r JOIN ${signals} u ON u.country = r.country AND u.ref = r.ref AND u.status = 'unchanged'
      GROUP BY r.country, r.ref
    ) f
    WHERE t.country = f.country AND t.ref = f.ref AND f.refs <> coalesce((
      SELECT array_agg(x.ref ORDER BY x.ref COLLATE "C") FROM (
        SELECT ${exportRef(actor, 'c')} AS ref FROM signal_children sc JOIN children c ON c.country = sc.country AND c.id = sc.child_id
        WHERE sc.country = t.country AND sc.signal_id = t.id) x), '{}')`.execute(tx);
  await sql`ANALYZE ${signals}`.execute(tx);
  step();

  if (!options.dryRun) {
    await storeChildren(tx, actor);
    step();
    await sql`INSERT INTO signals (country, id, ref, received_at, jurisdiction_code, region_code, unit_id, source, harm_types, place,
        perpetrators, description, screening_due_at, registered_by, registered_org, origin, ref_scope)
      SELECT country, id, ref, received_at, jurisdiction_code, region_code, unit_id, source, string_to_array(harm_types, ';'), place,
        string_to_array(perpetrators, ';'), description, screening_due_at, ${userId}::uuid, ${orgId}::uuid, 'import', ${refScope(actor)}
      FROM ${signals} WHERE status = 'created' ORDER BY id`.execute(tx);
    await sql`UPDATE signals s SET received_at = u.received_at, jurisdiction_code = u.jurisdiction_code, region_code = u.region_code,
        unit_id = u.unit_id, source = u.source, harm_types = string_to_array(u.harm_types, ';'), place = u.place,
        perpetrators = string_to_array(u.perpetrators, ';'), description = u.description,
        screening_due_at = CASE WHEN s.screened_at IS NULL THEN u.screening_due_at ELSE s.screening_due_at END, version = s.version + 1
      FROM ${signals} u WHERE u.status = 'updated' AND s.country = u.country AND s.id = u.id`.execute(tx);
    await sql`DELETE FROM signal_children sc USING ${signals} u
      WHERE u.status = 'updated' AND sc.country = u.country AND sc.signal_id = u.id`.execute(tx);
    step();
    await storeLinks(tx);
    step();
  }

  const tally: Tally = new Map();
  for (const [kind, table] of [['children', children], ['signals', signals]] as const) {
    const counts = await sql<{ country: string; status: keyof Counts; n: string | number }>`
      SELECT country, status, count(*) AS n FROM ${table} GROUP BY country, status`.execute(tx);
    for (const c of counts.rows) bump(tally, c.country, kind, c.status, Number(c.n));
  }
  // The children this file created or changed: their access history shows the import.
  const batch = newBatch();
  if (!options.dryRun) {
    await sql`INSERT INTO bulk_access (country, child_id, batch_id)
      SELECT country, id, ${batch}::uuid FROM ${children} WHERE status IN ('created', 'updated') ORDER BY 1, 2
      ON CONFLICT DO NOTHING`.execute(tx);
  }
  await auditImport(audit, 'signals', tally, countries, options, batch);
  return { ok: true as const, counts: total(tally, ['signals', 'children']) };
}
