/**
 * The limit a user would compare Safetynet with (issue 16 §3): the interchange CSV loaded by
 * COPY into plain tables — the file's own columns, proper types, no keys, no indexes — and the
 * monitoring report's figures computed by plain GROUP BY queries over them, as an analyst with
 * the CSV and `psql` would write them.
 */
import { PGlite } from '@electric-sql/pglite';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { type Figures, type Period, emptyFigures } from '../src/reports/monitoring-figures.ts';

/** The columns of signals.csv and meetings.csv (DOMAIN.md, "Interchange format"), typed. */
export const PLAIN_SIGNALS = `plain_signals (signal_ref text, received_at timestamptz, location text, source text, child_ref text,
  child_given_name text, child_family_name text, child_sex text, child_birth_date date, harm_types text, place text,
  perpetrators text, description text)`;
export const PLAIN_MEETINGS = 'plain_meetings (meeting_ref text, held_at timestamptz, location text, type text, signal_ref text, sectors_present text)';

/**
 * COPY of a CSV file into a fresh plain table: psql's \copy into `url` (PostgreSQL), or, without a
 * server, a PGlite in memory of its own (COPY FROM its /dev/blob). Answers the milliseconds.
 */
export async function copyCsvIntoPlainTable(file: string, table: string, url: string | null): Promise<number> {
  const name = table.slice(0, table.indexOf(' '));
  if (url) {
    const psql = (command: string) => {
      const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-c', command], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr || r.error?.message}`);
    };
    psql(`DROP TABLE IF EXISTS ${name}; CREATE TABLE ${table}`);
    const started = performance.now();
    psql(`\\copy ${name} FROM '${file}' WITH (FORMAT csv, HEADER true)`);
    const ms = performance.now() - started;
    psql(`DROP TABLE ${name}`);
    return ms;
  }
  const pglite = await PGlite.create();
  try {
    await pglite.exec(`CREATE TABLE ${table}`);
    const blob = new Blob([fs.readFileSync(file)]);
    const started = performance.now();
    await pglite.query(`COPY ${name} FROM '/dev/blob' WITH (FORMAT csv, HEADER true)`, [], { blob });
    return performance.now() - started;
  } finally {
    await pglite.close();
  }
}

/**
 * The plain tables filled with what our tables hold, as the interchange export writes it (one
 * signal row per child; `location` the municipality's code; lists `;`-separated). The content is
 * what COPY of our export would load; how it got there is not what the report bench measures.
 */
export async function fillPlainTables(db: Kysely<DB>): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS plain_signals; DROP TABLE IF EXISTS plain_meetings;
    CREATE TABLE ${PLAIN_SIGNALS}; CREATE TABLE ${PLAIN_MEETINGS}`).execute(db);
  await sql`
    INSERT INTO plain_signals
    SELECT COALESCE(s.ref, s.id::text), s.received_at, s.jurisdiction_code, s.source, c.id::text, c.given_name, c.family_name,
           c.sex, c.birth_date, array_to_string(s.harm_types, ';'), s.place, array_to_string(s.perpetrators, ';'), s.description
    FROM signals s JOIN signal_children sc ON sc.country = s.country AND sc.signal_id = s.id
    JOIN children c ON c.country = sc.country AND c.id = sc.child_id`.execute(db);
  await sql`
    INSERT INTO plain_meetings
    SELECT m.id::text, m.held_at, m.jurisdiction_code, m.type, NULL, array_to_string(m.sectors_present, ';')
    FROM meetings m WHERE m.status <> 'cancelled'`.execute(db);
  await sql`ANALYZE plain_signals`.execute(db);
  await sql`ANALYZE plain_meetings`.execute(db);
}

type Row = { k1: string | null; k2: string | null; n: number };

/** A country's figures for one period by plain GROUP BY queries over the plain tables. */
export async function plainFigures(db: Kysely<DB>, period: Period, country: { code: string; timezone: string; mandatory: string[] }, regions: string[]): Promise<Figures> {
  const f = emptyFigures(period, regions);
  const lo = sql`(${period.from}::date::timestamp AT TIME ZONE ${country.timezone})`;
  const hi = sql`((${period.to}::date + 1)::timestamp AT TIME ZONE ${country.timezone})`;
  const inPeriod = sql`received_at >= ${lo} AND received_at < ${hi}`;
  const run = async (q: ReturnType<typeof sql>) => (await q.execute(db)).rows as Row[];
  const put = (counts: Record<string, number | null>, rows: Row[]) => { for (const r of rows) counts[r.k1!] = r.n; };
  f.signals.total = (await run(sql`SELECT count(DISTINCT signal_ref)::int AS n FROM plain_signals WHERE ${inPeriod}`))[0]!.n;
  put(f.signals.bySource, await run(sql`SELECT source AS k1, count(DISTINCT signal_ref)::int AS n FROM plain_signals WHERE ${inPeriod} GROUP BY 1`));
  put(f.signals.byHarmType, await run(sql`SELECT h AS k1, count(DISTINCT signal_ref)::int AS n FROM plain_signals, unnest(string_to_array(harm_types, ';')) h WHERE ${inPeriod} GROUP BY 1`));
  put(f.signals.byPlace, await run(sql`SELECT place AS k1, count(DISTINCT signal_ref)::int AS n FROM plain_signals WHERE ${inPeriod} GROUP BY 1`));
  put(f.signals.byPerpetrator, await run(sql`SELECT p AS k1, count(DISTINCT signal_ref)::int AS n FROM plain_signals, unnest(string_to_array(perpetrators, ';')) p WHERE ${inPeriod} GROUP BY 1`));
  const children = await run(sql`
    SELECT CASE WHEN a BETWEEN 0 AND 3 THEN '0-3' WHEN a BETWEEN 4 AND 7 THEN '4-7' WHEN a BETWEEN 8 AND 11 THEN '8-11'
                WHEN a BETWEEN 12 AND 16 THEN '12-16' WHEN a BETWEEN 17 AND 18 THEN '17-18' END AS k1, child_sex AS k2, count(*)::int AS n
    FROM (SELECT DISTINCT ON (child_ref) child_sex, date_part('year', age((received_at AT TIME ZONE ${country.timezone})::date, child_birth_date)) AS a
          FROM plain_signals WHERE ${inPeriod} ORDER BY child_ref, received_at) first_signals
    GROUP BY 1, 2`);
  for (const r of children) {
    f.children.total = (f.children.total ?? 0) + r.n;
    if (r.k1) f.children.byAgeGroupAndSex[r.k1]![r.k2!] = r.n;
  }
  const held = sql`held_at >= ${lo} AND held_at < ${hi}`;
  f.meetings.total = (await run(sql`SELECT count(*)::int AS n FROM plain_meetings WHERE ${held}`))[0]!.n;
  put(f.meetings.byType, await run(sql`SELECT type AS k1, count(*)::int AS n FROM plain_meetings WHERE ${held} GROUP BY 1`));
  put(f.meetings.byRegion, await run(sql`
    SELECT j.parent_code AS k1, count(*)::int AS n FROM plain_meetings m JOIN jurisdictions j ON j.code = m.location WHERE ${held} GROUP BY 1`));
  const mandatory = sql`${country.mandatory}::text[]`;
  put(f.meetings.byMandatorySector, await run(sql`
    SELECT sector AS k1, count(*)::int AS n FROM plain_meetings, unnest(${mandatory}) sector
    WHERE ${held} AND sector = ANY (string_to_array(sectors_present, ';')) GROUP BY 1
    UNION ALL
    SELECT 'lackingOne', count(*)::int FROM plain_meetings WHERE ${held} AND NOT (${mandatory} <@ string_to_array(sectors_present, ';'))`));
  f.meetings.teamsThatMet = (await run(sql`SELECT count(DISTINCT location)::int AS n FROM plain_meetings WHERE ${held}`))[0]!.n;
  return f;
}
