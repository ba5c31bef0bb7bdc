import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { MonitoringReport } from './report-schema.ts';
import { InputError } from '../errors.ts';
import { assembleReport, previousPeriod } from './monitoring-figures.ts';
import { type ReportTarget, computeFigures, computeRegionTotals } from './monitoring-sql.ts';
import { type HiddenSections, hiddenByRegionTotals } from './suppression.ts';

export type MonitoringRequest = { from: string; to: string; jurisdiction: string };

/** The jurisdiction's country, time zone and regions; a 400 for anything but a country or region. */
export async function reportTarget(db: Kysely<DB>, code: string): Promise<ReportTarget & { level: 'country' | 'region' }> {
  const j = await db.selectFrom('jurisdictions').select(['code', 'country', 'level', 'timezone']).where('code', '=', code).executeTakeFirst();
  if (!j || (j.level !== 'country' && j.level !== 'region')) {
    throw new InputError('The jurisdiction must be a known country or region', [{ path: 'jurisdiction', message: 'is not a known country or region' }]);
  }
  const regions =
    j.level === 'region'
      ? [j.code]
      : (await db.selectFrom('jurisdictions').select('code').where('parent_code', '=', j.code).where('level', '=', 'region').orderBy('code').execute()).map((r) => r.code);
  return { country: j.country, region: j.level === 'region' ? j.code : null, timezone: j.timezone, regions, level: j.level };
}

/**
 * The monitoring report of DOMAIN.md for a period (local calendar days, inclusive) and a
 * jurisdiction, with the previous period of the same length. `suppress` hides small cells below
 * country level (readers without identifiable access); who gets which is src/reports/report-scope.ts.
 * The figures never depend on who asks.
 */
export async function computeMonitoringReport(db: Kysely<DB>, request: MonitoringRequest, opts: { suppress: boolean }): Promise<MonitoringReport> {
  const target = await reportTarget(db, request.jurisdiction);
  const current = { from: request.from, to: request.to };
  const previous = previousPeriod(current);
  const [cur, prev] = await computeFigures(db, target, current, previous);
  let byRegions: [HiddenSections, HiddenSections] | undefined;
  if (opts.suppress && target.region) {
    // A region's totals hide as the line of all its country's region totals says (suppression.ts, rule 6).
    const country = await reportTarget(db, target.country);
    const totals = await computeRegionTotals(db, target, country.regions, current, previous);
    byRegions = [hiddenByRegionTotals(target.region, totals[0]), hiddenByRegionTotals(target.region, totals[1])];
  }
  return assembleReport(request.jurisdiction, cur, prev, { suppress: opts.suppress, regionLevel: target.level === 'region', ...(byRegions ? { byRegions } : {}) });
}
