import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Language } from '../domain/i18n/i18n-resources.ts';
import type { MonitoringReport } from './report-schema.ts';
import type { Door } from '../policy/door.ts';
import { runReport } from './report-scope.ts';
import { type ExportContext, reportCsv, reportText, reportXlsx } from './report-exports.ts';
import { reportPdf } from './report-pdf.ts';
import { computeMonitoringReport } from './monitoring-report.ts';
import { type LatestPeriod, latestPeriodWithData } from './report-latest.ts';

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf', 'text'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * The monitoring report for the door's actor: the scope check, the figures (suppressed for
 * readers without identifiable access) and the audit entry, in one transaction.
 */
export function monitoringReportFor(door: Door, query: { from: string; to: string; jurisdiction?: string | undefined }, format: ReportFormat): Promise<MonitoringReport> {
  return runReport(door, { ...query, format }, (tx, scope) =>
    computeMonitoringReport(tx, { from: query.from, to: query.to, jurisdiction: scope.code }, { suppress: scope.suppress }),
  );
}

/**
 * The period the report page opens on (report-latest.ts), for the door's actor: the same scope
 * check, suppression and audit as the report itself (format `latest-period`).
 */
export function latestPeriodFor(door: Door, query: { jurisdiction?: string | undefined }, now?: Date): Promise<LatestPeriod & { jurisdiction: string }> {
  return runReport(door, { ...query, format: 'latest-period' }, async (tx, scope) => ({ jurisdiction: scope.code, ...(await latestPeriodWithData(tx, scope, now)) }));
}

/** A jurisdiction's name as the web app writes it: local name, with the English one beside it. */
const nameOf = (j: { name_local: string; name_en: string }) => (j.name_local === j.name_en ? j.name_local : `${j.name_local} (${j.name_en})`);

/** Names of the jurisdiction and its regions, for the labels of an export. */
export async function exportContext(db: Kysely<DB>, report: MonitoringReport, language: Language): Promise<ExportContext> {
  const codes = [report.jurisdiction, ...Object.keys(report.meetings.byRegion)];
  const rows = await db.selectFrom('jurisdictions').select(['code', 'name_local', 'name_en']).where('code', 'in', codes).execute();
  const names = Object.fromEntries(rows.map((r) => [r.code, language === 'en' ? r.name_en : nameOf(r)]));
  return { language, jurisdictionName: names[report.jurisdiction] ?? report.jurisdiction, regionNames: names };
}

/** A jurisdiction's name in a language, as the exports' titles write it. */
export async function jurisdictionName(db: Kysely<DB>, code: string, language: Language): Promise<string> {
  const j = await db.selectFrom('jurisdictions').select(['name_local', 'name_en']).where('code', '=', code).executeTakeFirst();
  return j ? (language === 'en' ? j.name_en : nameOf(j)) : code;
}

export type RenderedReport = { body: string | Buffer; contentType: string };

export async function renderReport(report: MonitoringReport, format: Exclude<ReportFormat, 'json'>, ctx: ExportContext): Promise<RenderedReport> {
  switch (format) {
    case 'csv':
      return { body: reportCsv(report, ctx), contentType: 'text/csv; charset=utf-8' };
    case 'xlsx':
      return { body: await reportXlsx(report, ctx), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    case 'pdf':
      return { body: await reportPdf(report, ctx), contentType: 'application/pdf' };
    case 'text':
      return { body: reportText(report, ctx), contentType: 'text/plain; charset=utf-8' };
  }
}
