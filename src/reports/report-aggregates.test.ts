import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDoor } from '../policy/door.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { runHandWrittenReport } from './hand-written-sql.ts';
import { previousPeriod } from './monitoring-figures.ts';
import { computeMonitoringReport } from './monitoring-report.ts';
import { rebuildReportAggregates } from './report-aggregates.ts';
import { type Child, type Meeting, type Signal, aggregateRows, insertReportData } from './report-fixture.ts';

/**
 * The report's aggregates (migration 0025) stay in step with the records through every kind of
 * change — signals added, moved in time and region, deleted; children linked and unlinked, their
 * birth date and sex corrected or anonymised; meetings added, moved, cancelled — so that the
 * report read from them equals the hand-written SQL over the records for any period and
 * jurisdiction, and rebuilding them from the records changes no row.
 */
let database: TestDatabase;

/** A small deterministic generator (the data differs from run to run only if the seed does). */
function prng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}
const REGIONS = ['BG-16', 'BG-26', 'BG-01'];
const SOURCES = ['police', 'mother', 'helpline', 'education', 'ngo'];
const HARMS = ['physical', 'neglect', 'psychological', 'sexual', 'begging'];
const TYPES = ['initial_signal', 'follow_up', 'crisis_intervention', 'procedural'];
const SECTORS = ['social_services', 'police', 'education', 'health'];

function dataset() {
  const rnd = prng(20_261_207);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  // An instant between 2011-01-01 and 2013-12-31, often near midnight in Sofia (21:00–23:00 UTC).
  const instant = () => {
    const day = new Date(Date.UTC(2011, 0, 1) + Math.floor(rnd() * 1095) * 86_400_000);
    day.setUTCHours(rnd() < 0.4 ? 21 + Math.floor(rnd() * 3) : 6 + Math.floor(rnd() * 12), Math.floor(rnd() * 60));
    return day.toISOString();
  };
  const children: Child[] = Array.from({ length: 60 }, (_, i) => ({
    key: `agg-c${i}`,
    sex: pick(['female', 'male', 'unknown'] as const),
    birth: i % 9 === 0 ? null : `${1994 + Math.floor(rnd() * 20)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`,
  }));
  const signals: Signal[] = Array.from({ length: 160 }, (_, i) => ({
    key: `agg-s${i}`,
    at: instant(),
    region: pick(REGIONS),
    source: pick(SOURCES),
    harm: rnd() < 0.3 ? [pick(HARMS), pick(HARMS)] : [pick(HARMS)],
    children: rnd() < 0.15 ? [] : [...new Set([pick(children).key, ...(rnd() < 0.2 ? [pick(children).key] : [])])],
  }));
  const meetings: Meeting[] = Array.from({ length: 70 }, (_, i) => {
    const region = pick(REGIONS);
    return {
      at: instant(),
      region,
      municipality: `${region}-0${1 + (i % 2)}`,
      type: pick(TYPES),
      unit: pick(['plovdiv', 'harmanli', null] as const),
      present: SECTORS.filter(() => rnd() < 0.6),
      mandatory: ['social_services', 'police'],
      status: pick(['held', 'held', 'planned', 'cancelled']),
    };
  });
  // At the edges of the periods below: a child on the first day of a quarter and later in it, on
  // the last day of the quarter before, and twice on one day.
  children.push({ key: 'agg-edge', sex: 'female', birth: '2004-04-01' });
  for (const [i, at] of ['2012-04-01T07:00:00Z', '2012-05-10T07:00:00Z', '2012-03-31T07:00:00Z', '2012-05-10T09:00:00Z', '2012-06-30T20:30:00Z'].entries()) {
    signals.push({ key: `agg-edge${i}`, at, region: 'BG-16', source: 'police', harm: ['neglect'], children: ['agg-edge'] });
  }
  return { children, signals, meetings };
}

const snapshot = () => aggregateRows(database.owner);

const PERIODS = [
  { from: '2012-01-01', to: '2012-12-31' },
  { from: '2011-01-01', to: '2013-12-31' },
  { from: '2012-04-01', to: '2012-06-30' },
  { from: '2012-02-01', to: '2012-02-29' },
  { from: '2012-12-31', to: '2013-01-01' },
  { from: '2012-03-15', to: '2012-09-14' },
  { from: '2013-06-06', to: '2013-06-06' },
];

async function expectReportsEqualTheRecords() {
  for (const jurisdiction of ['BG', ...REGIONS]) {
    const regions = jurisdiction === 'BG' ? Array.from({ length: 28 }, (_, i) => `BG-${String(i + 1).padStart(2, '0')}`) : [jurisdiction];
    for (const period of PERIODS) {
      const r = await computeMonitoringReport(database.unguarded, { ...period, jurisdiction }, { suppress: false });
      const { jurisdiction: _j, harmTypeShare: _h, previous, suppressed: _s, generatedAt: _g, ...current } = r;
      expect(current, `${jurisdiction} ${period.from}…${period.to}`).toEqual(await runHandWrittenReport(database.unguarded, { ...period, jurisdiction }, regions));
      expect(previous, `${jurisdiction} before ${period.from}`).toEqual(await runHandWrittenReport(database.unguarded, { ...previousPeriod(period), jurisdiction }, regions));
    }
  }
}

beforeAll(async () => {
  database = await freshDatabase();
  await insertReportData(database.owner, dataset());
}, 120_000);
afterAll(() => database?.close());

describe('the monitoring report\'s aggregates', () => {
  it('are filled by the migration and the inserts, and the report read from them equals the records', async () => {
    for (const table of ['report_signal_days', 'report_meeting_days', 'report_child_counts'] as const) {
      const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.owner);
      expect(n.rows[0]!.n, table).toBeGreaterThan(0);
    }
    await expectReportsEqualTheRecords();
  });

  it('follow every kind of change in the same transaction, and rebuilding changes no row', async () => {
    const db = database.owner;
    const ids = (await sql<{ id: string }>`SELECT id FROM signals WHERE ref LIKE 'report-agg-%' ORDER BY ref`.execute(db)).rows.map((r) => r.id);
    // Signals moved across midnight, a year's end and into another region; some deleted with their links.
    await sql`UPDATE signals SET received_at = received_at + interval '3 hours' WHERE id = ANY (${ids.slice(0, 40)}::uuid[])`.execute(db);
    await sql`UPDATE signals SET received_at = TIMESTAMPTZ '2012-12-31 22:30:00+00' WHERE id = ANY (${ids.slice(40, 45)}::uuid[])`.execute(db);
    await sql`UPDATE signals SET region_code = 'BG-26', jurisdiction_code = 'BG-26-01' WHERE id = ANY (${ids.slice(45, 60)}::uuid[]) AND region_code <> 'BG-26'`.execute(db);
    await sql`UPDATE signals SET source = 'anonymous', harm_types = ARRAY['trafficking'], perpetrators = ARRAY['father', 'mother'] WHERE id = ANY (${ids.slice(60, 70)}::uuid[])`.execute(db);
    await sql`DELETE FROM signal_children WHERE signal_id = ANY (${ids.slice(70, 80)}::uuid[])`.execute(db);
    await sql`DELETE FROM signals WHERE id = ANY (${ids.slice(70, 80)}::uuid[])`.execute(db);
    // Links: a child unlinked from one signal, another linked to several.
    const kids = (await sql<{ id: string }>`SELECT id FROM children WHERE family_name LIKE 'agg-c%' ORDER BY family_name`.execute(db)).rows.map((r) => r.id);
    await sql`DELETE FROM signal_children WHERE child_id = ${kids[1]!} AND signal_id = (SELECT signal_id FROM signal_children WHERE child_id = ${kids[1]!} LIMIT 1)`.execute(db);
    await sql`INSERT INTO signal_children (country, signal_id, child_id) SELECT 'BG', s, ${kids[2]!}::uuid FROM unnest(${ids.slice(80, 90)}::uuid[]) s ON CONFLICT DO NOTHING`.execute(db);
    await sql`UPDATE signal_children SET child_id = ${kids[3]!} WHERE child_id = ${kids[4]!} AND NOT EXISTS (SELECT 1 FROM signal_children x WHERE x.child_id = ${kids[3]!} AND x.signal_id = signal_children.signal_id)`.execute(db);
    // Children corrected: a birth date, a sex, a birth date removed; one anonymised as retention does (age kept beside each signal).
    await sql`UPDATE children SET birth_date = DATE '2009-12-31' WHERE id = ${kids[5]!}`.execute(db);
    await sql`UPDATE children SET sex = 'female' WHERE id = ANY (${kids.slice(6, 12)}::uuid[])`.execute(db);
    await sql`UPDATE children SET birth_date = NULL WHERE id = ${kids[13]!}`.execute(db);
    await sql`UPDATE signal_children sc SET age_at_signal = date_part('year', age((s.received_at AT TIME ZONE 'Europe/Sofia')::date, c.birth_date))::int
      FROM signals s, children c WHERE s.id = sc.signal_id AND c.id = sc.child_id AND sc.child_id = ${kids[14]!}`.execute(db);
    await sql`UPDATE children SET birth_date = make_date(date_part('year', birth_date)::int, 1, 1), given_name = 'Anonymised' WHERE id = ${kids[14]!}`.execute(db);
    // Meetings moved, cancelled, reinstated, their sectors changed; one deleted; some added.
    await sql`UPDATE meetings SET held_at = held_at - interval '20 days' WHERE ref IN ('report-m1', 'report-m2', 'report-m3')`.execute(db);
    await sql`UPDATE meetings SET status = CASE status WHEN 'cancelled' THEN 'held' ELSE 'cancelled' END WHERE ref IN ('report-m4', 'report-m5', 'report-m6', 'report-m7')`.execute(db);
    await sql`UPDATE meetings SET sectors_present = ARRAY['social_services', 'police', 'education'] WHERE ref IN ('report-m8', 'report-m9')`.execute(db);
    await sql`DELETE FROM meetings WHERE ref = 'report-m10'`.execute(db);
    await insertReportData(db, {
      children: [{ key: 'agg-late', sex: 'male', birth: '2010-02-02' }],
      signals: [{ key: 'agg-late', at: '2013-01-01T10:00:00Z', region: 'BG-01', source: 'police', harm: ['physical'], children: ['agg-late'] }],
      meetings: [],
    });
    await sql`INSERT INTO meetings (country, held_at, jurisdiction_code, region_code, type, sectors_present, mandatory_sectors)
      VALUES ('BG', '2012-12-31T22:30:00Z', 'BG-01-01', 'BG-01', 'follow_up', ARRAY['police'], ARRAY['police'])`.execute(db);
    // A change that rolls back leaves the aggregates as they were.
    const before = await snapshot();
    await expect(db.transaction().execute(async (tx) => {
      await sql`DELETE FROM signal_children`.execute(tx);
      await sql`UPDATE meetings SET status = 'cancelled'`.execute(tx);
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(await snapshot()).toEqual(before);

    await expectReportsEqualTheRecords();
    const rows = await rebuildReportAggregates(systemDoor(database.db, 'test'));
    expect(await snapshot()).toEqual(before);
    expect(rows.report_signal_days).toBe(before.report_signal_days!.length);
    const audit = await db.selectFrom('audit_log').select(['actor_name', 'detail']).where('action', '=', 'report_rebuild').execute();
    expect(audit).toEqual([{ actor_name: 'system:test', detail: expect.objectContaining({ report_child_counts: before.report_child_counts!.length }) }]);
  });

  it('a rebuild restores aggregates that went out of step (e.g. a restore of an old dump)', async () => {
    const db = database.owner;
    const before = await snapshot();
    await sql`DELETE FROM report_child_counts WHERE scope = 'BG-16'`.execute(db);
    await sql`UPDATE report_signal_days SET n = n + 1 WHERE dim = 'total'`.execute(db);
    expect(await snapshot()).not.toEqual(before);
    await rebuildReportAggregates(systemDoor(database.db, 'test'));
    expect(await snapshot()).toEqual(before);
    await expectReportsEqualTheRecords();
  });
});
