import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Figures, emptyFigures } from './monitoring-figures.ts';

/**
 * The monitoring report's figures for ONE period as an analyst would write them by hand: one
 * plain query per figure, straight off the tables. It is the baseline of `npm run bench -- report`
 * and, in the tests, an independent check that computeMonitoringReport counts the same.
 */
export type HandWrittenQuery = { figure: string; query: RawBuilder<{ k1: string | null; k2: string | null; n: number }> };

export function handWrittenReportSql(q: { from: string; to: string; jurisdiction: string }): HandWrittenQuery[] {
  const country = q.jurisdiction.slice(0, 2);
  const region = q.jurisdiction.length > 2 ? q.jurisdiction : null;
  const tz = sql`(SELECT timezone FROM jurisdictions WHERE code = ${q.jurisdiction})`;
  const lo = sql`(${q.from}::date::timestamp AT TIME ZONE ${tz})`;
  const hi = sql`((${q.to}::date + 1)::timestamp AT TIME ZONE ${tz})`;
  const inRegion = (alias: string) => (region ? sql`AND ${sql.ref(`${alias}.region_code`)} = ${region}` : sql``);
  const signals = sql`s.country = ${country} AND s.received_at >= ${lo} AND s.received_at < ${hi} ${inRegion('s')}`;
  const meetings = sql`m.country = ${country} AND m.held_at >= ${lo} AND m.held_at < ${hi} AND m.status <> 'cancelled' ${inRegion('m')}`;
  const list = (figure: string, query: RawBuilder<unknown>): HandWrittenQuery => ({ figure, query: query as HandWrittenQuery['query'] });
  return [
    list('signals.total', sql`SELECT NULL AS k1, NULL AS k2, count(*)::int AS n FROM signals s WHERE ${signals}`),
    list('signals.bySource', sql`SELECT s.source AS k1, NULL AS k2, count(*)::int AS n FROM signals s WHERE ${signals} GROUP BY s.source`),
    list('signals.byHarmType', sql`SELECT h AS k1, NULL AS k2, count(*)::int AS n FROM signals s, unnest(s.harm_types) h WHERE ${signals} GROUP BY h`),
    list('signals.byPlace', sql`SELECT s.place AS k1, NULL AS k2, count(*)::int AS n FROM signals s WHERE ${signals} GROUP BY s.place`),
    list('signals.byPerpetrator', sql`SELECT x AS k1, NULL AS k2, count(*)::int AS n FROM signals s, unnest(s.perpetrators) x WHERE ${signals} GROUP BY x`),
    list('children.byAgeGroupAndSex', sql`
      WITH first_signal AS (
        SELECT DISTINCT ON (sc.child_id) sc.child_id, (s.received_at AT TIME ZONE ${tz})::date AS day, sc.age_at_signal
        FROM signals s JOIN signal_children sc ON sc.country = s.country AND sc.signal_id = s.id
        WHERE ${signals}
        ORDER BY sc.child_id, s.received_at
      ), aged AS (
        SELECT c.sex, COALESCE(f.age_at_signal, date_part('year', age(f.day, c.birth_date))) AS a
        FROM first_signal f JOIN children c ON c.country = ${country} AND c.id = f.child_id
      )
      SELECT CASE WHEN a BETWEEN 0 AND 3 THEN '0-3' WHEN a BETWEEN 4 AND 7 THEN '4-7'
                  WHEN a BETWEEN 8 AND 11 THEN '8-11' WHEN a BETWEEN 12 AND 16 THEN '12-16'
                  WHEN a BETWEEN 17 AND 18 THEN '17-18' END AS k1,
             sex AS k2, count(*)::int AS n
      FROM aged GROUP BY 1, 2`),
    list('meetings.total', sql`SELECT NULL AS k1, NULL AS k2, count(*)::int AS n FROM meetings m WHERE ${meetings}`),
    list('meetings.byType', sql`SELECT m.type AS k1, NULL AS k2, count(*)::int AS n FROM meetings m WHERE ${meetings} GROUP BY m.type`),
    list('meetings.byRegion', sql`SELECT m.region_code AS k1, NULL AS k2, count(*)::int AS n FROM meetings m WHERE ${meetings} GROUP BY m.region_code`),
    list('meetings.byMandatorySector', sql`
      SELECT sector AS k1, NULL AS k2, count(*)::int AS n
      FROM meetings m, unnest(ARRAY['social_services', 'police', 'education']) sector
      WHERE ${meetings} AND sector = ANY (m.sectors_present) GROUP BY sector
      UNION ALL
      SELECT 'lackingOne', NULL, count(*)::int FROM meetings m WHERE ${meetings} AND NOT (m.mandatory_sectors <@ m.sectors_present)`),
    list('meetings.teamsThatMet', sql`SELECT NULL AS k1, NULL AS k2, count(DISTINCT COALESCE(m.unit_id::text, m.jurisdiction_code))::int AS n FROM meetings m WHERE ${meetings}`),
  ];
}

/** Runs the hand-written queries and lays their answers out as the report's figures. */
export async function runHandWrittenReport(db: Kysely<DB>, q: { from: string; to: string; jurisdiction: string }, regions: string[]): Promise<Figures> {
  const f = emptyFigures({ from: q.from, to: q.to }, regions);
  for (const { figure, query } of handWrittenReportSql(q)) {
    const { rows } = await query.execute(db);
    const put = (counts: Record<string, number | null>) => {
      for (const r of rows) counts[r.k1!] = r.n;
    };
    switch (figure) {
      case 'signals.total': f.signals.total = rows[0]!.n; break;
      case 'signals.bySource': put(f.signals.bySource); break;
      case 'signals.byHarmType': put(f.signals.byHarmType); break;
      case 'signals.byPlace': put(f.signals.byPlace); break;
      case 'signals.byPerpetrator': put(f.signals.byPerpetrator); break;
      case 'children.byAgeGroupAndSex':
        for (const r of rows) {
          f.children.total = (f.children.total ?? 0) + r.n;
          if (r.k1) f.children.byAgeGroupAndSex[r.k1]![r.k2!] = r.n;
        }
        break;
      case 'meetings.total': f.meetings.total = rows[0]!.n; break;
      case 'meetings.byType': put(f.meetings.byType); break;
      case 'meetings.byRegion': put(f.meetings.byRegion); break;
      case 'meetings.byMandatorySector': put(f.meetings.byMandatorySector); break;
      case 'meetings.teamsThatMet': f.meetings.teamsThatMet = rows[0]!.n; break;
    }
  }
  return f;
}
