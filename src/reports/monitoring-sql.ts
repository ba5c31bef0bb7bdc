import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Figures, type Period, emptyFigures } from './monitoring-figures.ts';

/**
 * The report's SQL: three set-based statements (signals, children, meetings), each reading the
 * current and the previous period in one pass, tagged `p` = 0 (current) or 1 (previous). They
 * return counts only, never a row about a child. The period is a range of local calendar days in
 * the jurisdiction's time zone: a signal received 2019-12-31 23:30 in Sofia belongs to 2019.
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

/** The first instant of a local day, as timestamptz. */
const startOf = (day: string, tz: string) => sql`((${day}::date)::timestamp AT TIME ZONE ${tz}::text)`;
/** The first instant after a local day. */
const endOf = (day: string, tz: string) => sql`(((${day}::date) + 1)::timestamp AT TIME ZONE ${tz}::text)`;

/** Rows of the table `alias` in the jurisdiction whose `column` falls in either period, tagged p. */
function periods(alias: string, column: string, t: ReportTarget, cur: Period, prev: Period) {
  const col = sql.ref(`${alias}.${column}`);
  return {
    tag: sql<number>`CASE WHEN ${col} >= ${startOf(cur.from, t.timezone)} THEN 0 ELSE 1 END`,
    where: sql`${sql.ref(`${alias}.country`)} = ${t.country}
      AND ${col} >= ${startOf(prev.from, t.timezone)} AND ${col} < ${endOf(cur.to, t.timezone)}
      ${t.region ? sql`AND ${sql.ref(`${alias}.region_code`)} = ${t.region}` : sql``}`,
  };
}

/**
 * Signals: one scan groups by the whole signal profile (source, place, harm types,
 * perpetrators); the breakdowns are then read from that small aggregate, unnesting the arrays so
 * that a signal with two harm types counts under both.
 */
function signalsSql(t: ReportTarget, cur: Period, prev: Period): RawBuilder<{ p: number; dim: string; code: string; n: number }> {
  const r = periods('s', 'received_at', t, cur, prev);
  return sql`
    WITH profile AS (
      SELECT ${r.tag} AS p, s.source, s.place, s.harm_types, s.perpetrators, count(*)::int AS n
      FROM signals s WHERE ${r.where}
      GROUP BY 1, 2, 3, 4, 5
    )
    SELECT p, 'total' AS dim, '' AS code, sum(n)::int AS n FROM profile GROUP BY p
    UNION ALL SELECT p, 'source', source, sum(n)::int FROM profile GROUP BY p, source
    UNION ALL SELECT p, 'place', place, sum(n)::int FROM profile GROUP BY p, place
    UNION ALL SELECT p, 'harm', h, sum(n)::int FROM profile CROSS JOIN LATERAL unnest(harm_types) h GROUP BY p, h
    UNION ALL SELECT p, 'perpetrator', x, sum(n)::int FROM profile CROSS JOIN LATERAL unnest(perpetrators) x GROUP BY p, x`;
}

/**
 * The age group of DOMAIN.md (`ageGroupOf` in src/domain/taxonomies.ts) of an age in completed
 * years; null for an unknown age (no birth date) or one outside 0–18.
 */
export function ageGroupSql(age: RawBuilder<unknown>) {
  return sql<string | null>`CASE WHEN ${age} IS NULL OR ${age} < 0 OR ${age} > 18 THEN NULL
    WHEN ${age} <= 3 THEN '0-3' WHEN ${age} <= 7 THEN '4-7' WHEN ${age} <= 11 THEN '8-11'
    WHEN ${age} <= 16 THEN '12-16' ELSE '17-18' END`;
}

/** Completed years between a birth date and a local day (null without a birth date). */
export function ageSql(day: RawBuilder<unknown>, birthDate: RawBuilder<unknown>) {
  return sql<number | null>`date_part('year', age(${day}, ${birthDate}))::int`;
}

/**
 * Children: each distinct child once per period, at their first signal in that period (the
 * earliest received_at), in the age group of their age on that local day, by sex.
 */
function childrenSql(t: ReportTarget, cur: Period, prev: Period): RawBuilder<{ p: number; age_group: string | null; sex: string; n: number }> {
  const r = periods('s', 'received_at', t, cur, prev);
  const day = sql`(f.first_at AT TIME ZONE ${t.timezone}::text)::date`;
  return sql`
    WITH f AS (
      SELECT ${r.tag} AS p, sc.child_id, min(s.received_at) AS first_at,
        -- An anonymised child's age on that day, kept when the birth date went (src/retention/).
        (array_agg(sc.age_at_signal ORDER BY s.received_at))[1] AS kept_age
      FROM signals s
      JOIN signal_children sc ON sc.country = s.country AND sc.signal_id = s.id
      WHERE ${r.where}
      GROUP BY 1, 2
    )
    SELECT p, ${ageGroupSql(sql`a`)} AS age_group, sex, count(*)::int AS n
    FROM (
      SELECT f.p, COALESCE(f.kept_age, ${ageSql(day, sql`c.birth_date`)}) AS a, c.sex
      FROM f JOIN children c ON c.country = ${t.country} AND c.id = f.child_id
    ) aged
    GROUP BY 1, 2, 3`;
}

/**
 * Meetings that were not cancelled, grouped finely (region, type, team); totals, types, regions,
 * sectors present and teams are rolled up from these few rows. A team is the unit that convened
 * the meeting, or the municipality where an imported meeting without a unit took place.
 */
function meetingsSql(t: ReportTarget, cur: Period, prev: Period) {
  const r = periods('m', 'held_at', t, cur, prev);
  return sql<{ p: number; region_code: string; type: string; team: string; n: number; social_services: number; police: number; education: number; lacking: number }>`
    SELECT ${r.tag} AS p, m.region_code, m.type, COALESCE(m.unit_id::text, m.jurisdiction_code) AS team,
      count(*)::int AS n,
      count(*) FILTER (WHERE 'social_services' = ANY (m.sectors_present))::int AS social_services,
      count(*) FILTER (WHERE 'police' = ANY (m.sectors_present))::int AS police,
      count(*) FILTER (WHERE 'education' = ANY (m.sectors_present))::int AS education,
      count(*) FILTER (WHERE NOT (m.mandatory_sectors <@ m.sectors_present))::int AS lacking
    FROM meetings m
    WHERE ${r.where} AND m.status <> 'cancelled'
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
 * the other regions' (suppression.ts, `regionTotalsHidden`). Three small aggregates.
 */
export async function computeRegionTotals(db: Kysely<DB>, t: ReportTarget, allRegions: readonly string[], cur: Period, prev: Period): Promise<[RegionTotals, RegionTotals]> {
  const country: ReportTarget = { ...t, region: null };
  const s = periods('s', 'received_at', country, cur, prev);
  const m = periods('m', 'held_at', country, cur, prev);
  const rows = await sql<{ p: number; dim: string; code: string | null; n: number }>`
    SELECT ${s.tag} AS p, 'signals' AS dim, s.region_code AS code, count(*)::int AS n FROM signals s WHERE ${s.where} GROUP BY 1, 3
    UNION ALL
    SELECT p, 'children', code, count(DISTINCT child_id)::int FROM (
      SELECT ${s.tag} AS p, s.region_code AS code, sc.child_id
      FROM signals s JOIN signal_children sc ON sc.country = s.country AND sc.signal_id = s.id WHERE ${s.where}
    ) c GROUP BY GROUPING SETS ((p, code), (p))
    UNION ALL
    SELECT ${m.tag}, 'meetings', m.region_code, count(*)::int FROM meetings m WHERE ${m.where} AND m.status <> 'cancelled' GROUP BY 1, 3`.execute(db);
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
