import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.ts';
import type { Door } from '../policy/door.ts';
import { IsoDate } from '../domain/common-schema.ts';
import { type FigureScope, FigureTable, suppressTables } from './figure-table.ts';
import { reportTarget } from './monitoring-report.ts';
import { runReport } from './report-scope.ts';
import { SERVICE_FIGURES } from './service-figures.ts';

/**
 * The services' figures (issue 13: police-station intake, the emergency shelter,
 * deinstitutionalisation) for a period and a country or region: every service's figure tables,
 * for the readers of the monitoring report (report-scope.ts decides who and whether small cells
 * are hidden), in one transaction with its audit entry (report `services`).
 */
export const ServicesReport = z.object({
  period: z.object({ from: IsoDate, to: IsoDate }),
  jurisdiction: z.string(),
  suppressed: z.boolean(),
  generatedAt: z.string(),
  tables: z.array(FigureTable),
});
export type ServicesReport = z.infer<typeof ServicesReport>;

export type ServiceFigures = (tx: Transaction<DB>, scope: FigureScope) => Promise<FigureTable[]>;

export function servicesReportFor(
  door: Door,
  query: { from: string; to: string; jurisdiction?: string | undefined },
  format: string,
  services: readonly ServiceFigures[] = SERVICE_FIGURES,
): Promise<ServicesReport> {
  return runReport(door, { ...query, format, report: 'services' }, async (tx, scope) => {
    const target = await reportTarget(tx, scope.code);
    const figureScope: FigureScope = { country: target.country, region: target.region, timezone: target.timezone, from: query.from, to: query.to };
    const tables: FigureTable[] = [];
    // One after another: a transaction is one session.
    for (const figures of services) tables.push(...(await figures(tx, figureScope)));
    return {
      period: { from: query.from, to: query.to },
      jurisdiction: scope.code,
      suppressed: scope.suppress,
      generatedAt: new Date().toISOString(),
      tables: suppressTables(tables, scope.suppress),
    };
  });
}
