import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Language } from '../domain/i18n/i18n-resources.ts';
import { formatPercent } from '../domain/i18n/numbers.ts';
import type { MonitoringReport } from './report-schema.ts';
import { safeCell } from '../domain/spreadsheet-safe.ts';
import { type ReportRow, reportRows, shownCount, translator } from './report-rows.ts';

/**
 * The report as CSV, XLSX and plain text (the PDF: report-pdf.ts), in one language. Every format carries the same
 * rows (report-rows.ts); text cells of CSV and XLSX go through safeCell (formula injection).
 */
export type ExportContext = { language: Language; jurisdictionName: string; regionNames: Record<string, string> };

function header(language: Language): string[] {
  const { t } = translator(language);
  return ['section', 'code', 'label', 'count', 'share', 'previous', 'change'].map((c) => t(`reports.column.${c}`));
}

function cells(row: ReportRow, language: Language): Array<string | number> {
  return [
    safeCell(row.sectionLabel), safeCell(row.code), safeCell(row.label), safeCell(shownCount(row.count, language)),
    safeCell(row.share), safeCell(shownCount(row.previous, language)), safeCell(row.change),
  ];
}

/** A file name for the download: the report, the jurisdiction and the period; no child data. */
export function exportFileName(report: MonitoringReport, ext: string): string {
  return `monitoring-report_${report.jurisdiction}_${report.period.from}_${report.period.to}.${ext}`;
}

export function reportCsv(report: MonitoringReport, ctx: ExportContext): string {
  const rows = reportRows(report, ctx.language, ctx.regionNames);
  // A byte-order mark, so that spreadsheet programs read the UTF-8 (Cyrillic, ë, ç) as UTF-8.
  return `\uFEFF${stringify([header(ctx.language), ...rows.map((r) => cells(r, ctx.language))])}`;
}

export function titleLines(report: MonitoringReport, ctx: ExportContext): string[] {
  const { t } = translator(ctx.language);
  const lines = [
    `${t('reports.title')} — ${ctx.jurisdictionName} (${report.jurisdiction})`,
    `${t('reports.period')}: ${t('reports.periodRange', report.period)}`,
    `${t('reports.previousPeriod')}: ${t('reports.periodRange', report.previous.period)}`,
    `${t('reports.generatedAt')}: ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
  ];
  if (report.suppressed) lines.push(t('reports.suppressedNote'));
  return lines;
}

export async function reportXlsx(report: MonitoringReport, ctx: ExportContext): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Safetynet';
  const sheet = workbook.addWorksheet(report.jurisdiction);
  for (const line of titleLines(report, ctx)) sheet.addRow([safeCell(line)]);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([]);
  const head = sheet.addRow(header(ctx.language));
  head.font = { bold: true };
  for (const row of reportRows(report, ctx.language, ctx.regionNames)) sheet.addRow(cells(row, ctx.language));
  sheet.columns.forEach((col, i) => {
    col.width = [28, 22, 44, 10, 12, 16, 10][i] ?? 12;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A readable table for the terminal. */
export function reportText(report: MonitoringReport, ctx: ExportContext): string {
  const { t } = translator(ctx.language);
  const out = [...titleLines(report, ctx), ''];
  const width = 46;
  let section = '';
  const cell = (v: string, w: number) => v.padStart(w);
  for (const row of reportRows(report, ctx.language, ctx.regionNames)) {
    if (row.section !== section) {
      section = row.section;
      out.push('', row.sectionLabel);
      out.push(`${''.padEnd(width)}${cell(t('reports.column.count'), 10)}${cell(t('reports.column.previous'), 20)}${cell(t('reports.column.change'), 10)}`);
    }
    const share = row.share === null ? '' : ` (${formatPercent(ctx.language, row.share)})`;
    const change = row.change === null ? '' : row.change > 0 ? `+${row.change}` : String(row.change);
    out.push(`${`  ${row.label}${share}`.padEnd(width)}${cell(String(shownCount(row.count, ctx.language)), 10)}${cell(String(shownCount(row.previous, ctx.language)), 20)}${cell(change, 10)}`);
  }
  return `${out.join('\n')}\n`;
}
