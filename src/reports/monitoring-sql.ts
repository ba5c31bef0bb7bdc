import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Figures, type Period, emptyFigures } from './monitoring-figures.ts';

/**
 * The report's SQL over the aggregates that triggers keep in step with the records (migration
 * 0025, src/reports/report-aggregates.ts: per local day in the country's time zone, which its
 * regions share). Three small statements (signals, children, meetings), each reading the current
 * and the previous period in one pass, tagged `p` = 0 (current) or 1 (previous). They return
 * counts only, never a row about a child. A period is a range of local calendar days: a signal
 * received 2019-12-31 23:30 in Sofia belongs to 2019.
 */

export type ReportTarget = {
  /** The country's code (the distribution key of every child-data table). */
  country: string;
  /** A region's code, or null for the whole country. */
  region: string | null;
  timezone: string;
  /** The regions the breakdown by region lists (every region of the country, or the one). */
  regions: string[];
};

/** Rows of either period, tagged p; of the target's region (in column `region`) when it has one. */
function periods(t: ReportTarget, cur: Period, prev: Period, region: RawBuilder<unknown> | null = sql`region_code`) {
  return {
    tag: sql<number>`CASE WHEN day >= ${cur.from}::date THEN 0 ELSE 1 END`,
    where: sql`country = ${t.country} AND day >= ${prev.from}::date AND day <= ${cur.to}::date
      ${t.region && region ? sql`AND ${region} = ${t.region}` : sql``}`,
  };
}

/**
 * A child's first day with a signal in the period of the row's tag: the day whose previous day
 * with a signal (in the same scope) is before the period.
 */
const firstInPeriod = (cur: Period, prev: Period) => sql`prev_day < CASE WHEN day >= ${cur.from}::date THEN ${cur.from}::date ELSE ${prev.from}::date END`;

/** Signals: the count of each breakdown's code (a signal with two harm types counts under both). */
function signalsSql(t: ReportTarget, cur: Period, prev: Period): RawBuilder<{ p: number; dim: string; code: string; n: number }> {
  const r = periods(t, cur, prev);
  return sql`SELECT ${r.tag} AS p, dim, code, sum(n)::int AS n FROM report_signal_days WHERE ${r.where} GROUP BY 1, 2, 3`;
}

/**
 * Children: each distinct child once per period, at their first signal in that period, in the
 * age group of their age on that local day ('' when unknown), by sex. The scope is the country
 * ('*') or the region: a child's signals there.
 */
function childrenSql(t: ReportTarget, cur: Period, prev: Period): RawBuilder<{ p: number; age_group: string; sex: string; n: number }> {
  const r = periods(t, cur, prev, null);
  return sql`
    SELECT ${r.tag} AS p, age_group, sex, sum(n)::int AS n
    FROM report_child_counts
    WHERE ${r.where} AND scope = ${t.region ?? '*'} AND ${firstInPeriod(cur, prev)}
    GROUP BY 1, 2, 3`;
}

/**
 * Meetings that were not cancelled, by region, type and team; totals, types, regions, sectors
 * present and teams are rolled up from these rows. A team is the unit that convened the meeting,
 * or the municipality where an imported meeting without a unit took place.
 */
function meetingsSql(t: ReportTarget, cur: Period, prev: Period) {
  const r = periods(t, cur, prev);
  return sql<{ p: number; region_code: string; type: string; team: string; n: number; social_services: number; police: number; education: number; lacking: number }>`
    SELECT ${r.tag} AS p, region_code, type, team, sum(n)::int AS n,
      sum(social_services)::int AS social_services, sum(police)::int AS police,
      sum(education)::int AS education, sum(lacking)::int AS lacking
    FROM report_meeting_days
    WHERE ${r.where}
    GROUP BY 1, 2, 3, 4`;
}

const add = (counts: Record<string, number | null>, code: string, n: number) => {
  counts[code] = (counts[code] ?? 0) + n;
};

/** The unsuppressed figures of the current and the previous period. */
export async function computeFigures(db: Kysely<DB>, t: ReportTarget, cur: Period, prev: Period): Promise<[Figures, Figures]> {
  const figures: [Figures, Figures] = [emptyFigures(cur, t.regions), emptyFigures(prev, t.regions)];
  // One after the other: PGlite is a single connection, and on PostgreSQL each is already parallel.
  const signals = await signalsSql(t, cur, prev).execute(db);
  const children = await childrenSql(t, cur, prev).execute(db);
  const meetings = await meetingsSql(t, cur, prev).execute(db);

  for (const row of signals.rows) {
    const s = figures[row.p]!.signals;
    if (row.dim === 'total') s.total = row.n;
    else if (row.dim === 'source') add(s.bySource, row.code, row.n);
    else if (row.dim === 'place') add(s.byPlace, row.code, row.n);
    else if (row.dim === 'harm') add(s.byHarmType, row.code, row.n);
    else add(s.byPerpetrator, row.code, row.n);
  }
  for (const row of children.rows) {
    const c = figures[row.p]!.children;
    c.total = (c.total ?? 0) + row.n;
    if (row.age_group) add(c.byAgeGroupAndSex[row.age_group]!, row.sex, row.n);
  }
  const teams = [new Set<string>(), new Set<string>()];
  for (const row of meetings.rows) {
    const m = figures[row.p]!.meetings;
    m.total = (m.total ?? 0) + row.n;
    add(m.byType, row.type, row.n);
    add(m.byRegion, row.region_code, row.n);
    const s = m.byMandatorySector as Record<string, number>;
    s.social_services! += row.social_services;
    s.police! += row.police;
    s.education! += row.education;
    s.lackingOne! += row.lacking;
    teams[row.p]!.add(row.team);
  }
  figures[0].meetings.teamsThatMet = teams[0]!.size;
  figures[1].meetings.teamsThatMet = teams[1]!.size;
  return figures;
}

/** Each region's totals in a country (signals, distinct children, meetings), with the country's distinct children. */
export type RegionTotals = { signals: Record<string, number>; children: Record<string, number>; meetings: Record<string, number>; countryChildren: number };

/**
 * The totals of every region of the country, for both periods: what a national monitor could add
 * up from all the region reports, so that a region's report hides its totals consistently with
 * the other regions' (suppression.ts, `regionTotalsHidden`). From the same aggregates.
 */
export async function computeRegionTotals(db: Kysely<DB>, t: ReportTarget, allRegions: readonly string[], cur: Period, prev: Period): Promise<[RegionTotals, RegionTotals]> {
  const r = periods({ ...t, region: null }, cur, prev);
  const rows = await sql<{ p: number; dim: string; code: string | null; n: number }>`
    SELECT ${r.tag} AS p, 'signals' AS dim, region_code AS code, sum(n)::int AS n FROM report_signal_days WHERE ${r.where} AND dim = 'total' GROUP BY 1, 3
    UNION ALL
    SELECT ${r.tag}, 'children', CASE WHEN scope = '*' THEN NULL ELSE scope END, sum(n)::int FROM report_child_counts
    WHERE ${r.where} AND ${firstInPeriod(cur, prev)} GROUP BY 1, 3
    UNION ALL
    SELECT ${r.tag}, 'meetings', region_code, sum(n)::int FROM report_meeting_days WHERE ${r.where} GROUP BY 1, 3`.execute(db);
  const empty = (): RegionTotals => {
    const zeros = () => Object.fromEntries(allRegions.map((r) => [r, 0]));
    return { signals: zeros(), children: zeros(), meetings: zeros(), countryChildren: 0 };
  };
  const out: [RegionTotals, RegionTotals] = [empty(), empty()];
  for (const row of rows.rows) {
    const o = out[row.p]!;
    if (row.dim === 'children' && row.code === null) o.countryChildren = row.n;
    else if (row.code !== null) o[row.dim as 'signals' | 'children' | 'meetings'][row.code] = row.n;
  }
  return out;
}
