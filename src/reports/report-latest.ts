import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { MonitoringReport } from './report-schema.ts';
import type { ReportScope } from './report-scope.ts';
import { computeMonitoringReport } from './monitoring-report.ts';

/**
 * The period the monitoring report opens on: the latest calendar year whose report, as this
 * reader gets it (suppressed or not), shows at least one figure above zero — the year to date
 * when that is the current year. Only years with a signal or a meeting are tried, newest first,
 * and each is tried by computing its report exactly as the reader would get it, so the answer
 * reveals nothing the reports themselves do not: a year whose every figure is hidden is not
 * "with data" for a monitor.
 */
export type LatestPeriod = { period: { from: string; to: string } | null; yearToDate: boolean };

/** At most this many years with rows are tried (each costs one report). */
const MAX_TRIES = 12;

/** Today's date in a time zone, as YYYY-MM-DD. */
export function localToday(timezone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whether a report shows any figure of its own period above zero (hidden figures are null). */
export function hasShownFigure(report: Pick<MonitoringReport, 'signals' | 'children' | 'meetings'>): boolean {
  const values = (o: unknown): unknown[] => (o !== null && typeof o === 'object' ? Object.values(o).flatMap(values) : [o]);
  return values([report.signals, report.children, report.meetings]).some((v) => typeof v === 'number' && v > 0);
}

/** Local years (newest first, none after this year) with a signal or a meeting not cancelled in the jurisdiction. */
async function yearsWithRows(db: Kysely<DB>, scope: ReportScope, thisYear: number): Promise<number[]> {
  const tz = scope.timezone;
  const region = (alias: string) => (scope.level === 'region' ? sql`AND ${sql.ref(`${alias}.region_code`)} = ${scope.code}` : sql``);
  const rows = await sql<{ y: number }>`
    SELECT y FROM (
      SELECT DISTINCT date_part('year', s.received_at AT TIME ZONE ${tz}::text)::int AS y
        FROM signals s WHERE s.country = ${scope.country} ${region('s')}
      UNION
      SELECT DISTINCT date_part('year', m.held_at AT TIME ZONE ${tz}::text)::int
        FROM meetings m WHERE m.country = ${scope.country} AND m.status <> 'cancelled' AND m.held_at IS NOT NULL ${region('m')}
    ) years WHERE y <= ${thisYear} ORDER BY y DESC LIMIT ${MAX_TRIES}`.execute(db);
  return rows.rows.map((r) => Number(r.y));
}

export async function latestPeriodWithData(db: Kysely<DB>, scope: ReportScope, now = new Date()): Promise<LatestPeriod> {
  const today = localToday(scope.timezone, now);
  const thisYear = Number(today.slice(0, 4));
  for (const year of await yearsWithRows(db, scope, thisYear)) {
    const yearToDate = year === thisYear;
    const period = { from: `${year}-01-01`, to: yearToDate ? today : `${year}-12-31` };
    const report = await computeMonitoringReport(db, { ...period, jurisdiction: scope.code }, { suppress: scope.suppress });
    if (hasShownFigure(report)) return { period, yearToDate };
  }
  return { period: null, yearToDate: false };
}
