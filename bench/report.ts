/**
 * `npm run bench -- report`: the monitoring report for one country-year against the limit an
 * analyst would compare it with — the same figures by plain GROUP BY over the interchange files'
 * rows in plain tables without indexes (bench/plain.ts) — and against hand-written SQL of the same
 * figures over our own tables (src/reports/hand-written-sql.ts), all measured in the same run.
 * Generates, with set-based SQL, BENCH_SIGNALS signals (default 2,000,000; each with one child,
 * every fifth with two; about 0.75 children per signal, so many children have several signals)
 * and BENCH_MEETINGS meetings (default 1,500,000) in Bulgaria in 2019, on PGlite in memory, or
 * on PostgreSQL with DATABASE_URL (a scratch database, dropped afterwards). Runs alternate
 * between the two, three each; the median is reported.
 */
import { scratchDatabase } from './scratch.ts';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { prepareDatabase } from '../src/db/open.ts';
import { TAXONOMIES } from '../src/domain/taxonomies.ts';
import { runHandWrittenReport } from '../src/reports/hand-written-sql.ts';
import { previousPeriod } from '../src/reports/monitoring-figures.ts';
import { computeMonitoringReport, reportTarget } from '../src/reports/monitoring-report.ts';
import { fillPlainTables, plainFigures } from './plain.ts';

const SIGNALS = Number(process.env.BENCH_SIGNALS ?? 2_000_000);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 1_500_000);
const CHILDREN = Math.max(1, Math.round(SIGNALS * 0.75));
const RUNS = 3;
/** One set of mandatory sectors for the country, as its configuration gives (the CSV does not carry it). */
const MANDATORY = ['social_services', 'police', 'education'];
const PERIOD = { from: '2019-01-01', to: '2019-12-31' };

const arr = (codes: readonly string[]) => sql.raw(`ARRAY[${codes.map((c) => `'${c}'`).join(',')}]`);

async function generate(db: Database['owner']): Promise<void> {
  const t0 = performance.now();
  let last = t0;
  // Each statement's time: the aggregates' triggers (migration 0025) run inside the inserts.
  const step = (what: string) => {
    const now = performance.now();
    console.log(`    ${what}: ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
  // One Child Protection Unit per municipality of Bulgaria; ids derived from codes (md5 → uuid).
  await sql`
    CREATE TEMP TABLE bench_mun AS
    SELECT row_number() OVER (ORDER BY code) AS i, code, parent_code AS region, md5('unit' || code)::uuid AS unit
    FROM jurisdictions WHERE country = 'BG' AND level = 'municipality'`.execute(db);
  await sql`
    INSERT INTO organisations (id, country, name, sector, jurisdiction_code, is_protection_unit)
    SELECT unit, 'BG', 'Bench unit ' || code, 'social_services', code, true FROM bench_mun`.execute(db);
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM bench_mun`.execute(db);
  const mun = rows[0]!.n;
  await sql`
    INSERT INTO children (country, id, municipality_code, given_name, family_name, name_key, sex, birth_date)
    SELECT 'BG', md5('child' || g)::uuid, m.code, 'Bench', 'Child' || g, 'bench child' || g,
           (ARRAY['female', 'male', 'unknown'])[1 + (g % 7) % 3],
           CASE WHEN g % 50 = 0 THEN NULL ELSE DATE '2000-06-01' + (g * 37 % 7300) END
    FROM generate_series(1, ${CHILDREN}::int) g JOIN bench_mun m ON m.i = 1 + g % ${mun}::int`.execute(db);
  step('children');
  // A signal's second harm type and perpetrator on some; a blank place (unknown) on a few.
  await sql`
    INSERT INTO signals (country, id, received_at, jurisdiction_code, region_code, unit_id, source, harm_types, place, perpetrators, screening_due_at)
    SELECT 'BG', md5('signal' || g)::uuid, at, m.code, m.region, m.unit,
           (${arr(TAXONOMIES.signalSource)})[1 + (g * 7) % 19],
           CASE WHEN g % 3 = 0 THEN ARRAY[(${arr(TAXONOMIES.harmType)})[1 + g % 14], (${arr(TAXONOMIES.harmType)})[1 + (g + 5) % 14]]
                ELSE ARRAY[(${arr(TAXONOMIES.harmType)})[1 + g % 14]] END,
           (${arr(TAXONOMIES.place)})[1 + (g * 11) % 9],
           CASE WHEN g % 4 = 0 THEN ARRAY[(${arr(TAXONOMIES.perpetrator)})[1 + g % 12], (${arr(TAXONOMIES.perpetrator)})[1 + (g + 3) % 12]]
                ELSE ARRAY[(${arr(TAXONOMIES.perpetrator)})[1 + (g * 5) % 12]] END,
           at + interval '1 day'
    FROM (SELECT g, TIMESTAMPTZ '2019-01-01 00:00:00+02' + ((g - 1) * 31536000.0 / ${SIGNALS}::int) * interval '1 second' AS at
          FROM generate_series(1, ${SIGNALS}::int) g) s
    JOIN bench_mun m ON m.i = 1 + (g * 13) % ${mun}::int`.execute(db);
  step('signals');
  await sql`
    INSERT INTO signal_children (country, signal_id, child_id)
    SELECT 'BG', md5('signal' || g)::uuid, md5('child' || (1 + (g::bigint * 7919) % ${CHILDREN}::int))::uuid FROM generate_series(1, ${SIGNALS}::int) g
    UNION ALL
    SELECT 'BG', md5('signal' || g)::uuid, md5('child' || (1 + (g::bigint * 7919 + 1) % ${CHILDREN}::int))::uuid FROM generate_series(5, ${SIGNALS}::int, 5) g`.execute(db);
  step('signal_children');
  await sql`
    INSERT INTO meetings (country, held_at, jurisdiction_code, region_code, unit_id, type, status, sectors_present, mandatory_sectors)
    SELECT 'BG', TIMESTAMPTZ '2019-01-01 09:00:00+02' + ((g - 1) * 31536000.0 / ${MEETINGS}::int) * interval '1 second',
           m.code, m.region, m.unit,
           (${arr(TAXONOMIES.meetingType)})[1 + g % 4],
           CASE WHEN g % 50 = 0 THEN 'cancelled' WHEN g % 25 = 0 THEN 'planned' ELSE 'held' END,
           CASE g % 5 WHEN 0 THEN ARRAY['social_services'] WHEN 1 THEN ARRAY['social_services', 'police']
                      ELSE ARRAY['social_services', 'police', 'education', 'health'] END,
           ${MANDATORY}::text[]
    FROM generate_series(1, ${MEETINGS}::int) g JOIN bench_mun m ON m.i = 1 + (g * 17) % ${mun}::int`.execute(db);
  step('meetings');
  await sql`ANALYZE`.execute(db);
  console.log(`  generated ${SIGNALS.toLocaleString('en')} signals, ${CHILDREN.toLocaleString('en')} children, ${MEETINGS.toLocaleString('en')} meetings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

export async function runReportBench(): Promise<void> {
  const { database, drop } = await scratchDatabase('report');
  try {
    console.log(`Monitoring report bench on ${database.kind === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL'}: one country-year`);
    await prepareDatabase(database);
    await generate(database.owner);
    // Below the Door (the guarded handle refuses child tables outside one): what is measured is the figures' SQL.
    const db = database.owner;
    const jurisdiction = 'BG';
    const { regions } = await reportTarget(db, jurisdiction);
    // The hand-written SQL over our own tables for the same figures: the period and the previous one.
    const handWritten = async () => {
      await runHandWrittenReport(db, { ...PERIOD, jurisdiction }, regions);
      await runHandWrittenReport(db, { ...previousPeriod(PERIOD), jurisdiction }, regions);
    };
    const report = () => computeMonitoringReport(db, { ...PERIOD, jurisdiction }, { suppress: false });
    // The limit: the same rows as the interchange files have them, in plain tables without
    // indexes, and the same figures (the period and the previous one) by plain GROUP BY.
    const t1 = performance.now();
    await fillPlainTables(database.owner);
    console.log(`  plain tables (signals.csv and meetings.csv's columns, no indexes) filled in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    const { timezone } = await db.selectFrom('jurisdictions').select('timezone').where('code', '=', jurisdiction).executeTakeFirstOrThrow();
    const country = { code: jurisdiction, timezone, mandatory: MANDATORY };
    const plain = async () => [
      await plainFigures(database.owner, PERIOD, country, regions),
      await plainFigures(database.owner, previousPeriod(PERIOD), country, regions),
    ];
    // Warm each once (caches, plans), check that they count the same, then alternate.
    const hand = await runHandWrittenReport(db, { ...PERIOD, jurisdiction }, regions);
    const [plainNow] = await plain();
    const check = await report();
    const agree = JSON.stringify(plainNow) === JSON.stringify(hand);
    console.log(`  the plain queries' figures ${agree ? 'agree with' : 'DIFFER from'} the hand-written SQL over our tables`);
    if (!agree) console.log(`    plain: ${JSON.stringify(plainNow)}\n    ours:  ${JSON.stringify(hand)}`);
    const { jurisdiction: _j, harmTypeShare: _h, previous: _p, suppressed: _s, generatedAt: _g, ...current } = check;
    const exact = JSON.stringify(current) === JSON.stringify(hand);
    console.log(`  the report's figures (read from the aggregates) ${exact ? 'agree with' : 'DIFFER from'} the hand-written SQL over the records`);
    const times = { ours: [] as number[], hand: [] as number[], plain: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      times.ours.push(await timed(report));
      times.hand.push(await timed(handWritten));
      times.plain.push(await timed(plain));
    }
    const [o, h, p] = [median(times.ours), median(times.hand), median(times.plain)];
    const runs = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(', ');
    console.log(`  report: ${(check.signals.total ?? 0).toLocaleString('en')} signals, ${(check.children.total ?? 0).toLocaleString('en')} children, ${(check.meetings.total ?? 0).toLocaleString('en')} meetings counted`);
    console.log(`  computeMonitoringReport            median ${o.toFixed(3)} s   (runs: ${runs(times.ours)})`);
    console.log(`  hand-written SQL over our tables   median ${h.toFixed(3)} s   (runs: ${runs(times.hand)})`);
    console.log(`  plain GROUP BY over plain tables   median ${p.toFixed(3)} s   (runs: ${runs(times.plain)})`);
    console.log(`  ratio report / plain GROUP BY: ${(o / p).toFixed(2)}x   (report / hand-written: ${(o / h).toFixed(2)}x)`);
    // Other periods and jurisdictions the report accepts: a region's year, a quarter, a month, a day.
    for (const [j, period] of [
      ['BG-16', PERIOD],
      ['BG', { from: '2019-04-01', to: '2019-06-30' }],
      ['BG-22', { from: '2019-02-01', to: '2019-02-28' }],
      ['BG', { from: '2019-07-14', to: '2019-07-14' }],
    ] as const) {
      const runsOf: number[] = [];
      for (let i = 0; i < RUNS; i++) runsOf.push(await timed(() => computeMonitoringReport(db, { ...period, jurisdiction: j }, { suppress: false })));
      console.log(`  computeMonitoringReport ${j} ${period.from}…${period.to}: median ${median(runsOf).toFixed(3)} s`);
    }
  } finally {
    await drop();
  }
}
