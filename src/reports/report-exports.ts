import { createRequire } from 'node:module';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import type { Language } from '../domain/i18n/i18n-resources.ts';
import { formatPercent } from '../domain/i18n/numbers.ts';
import type { MonitoringReport } from './report-schema.ts';
import { safeCell } from '../domain/spreadsheet-safe.ts';
import { type ReportRow, reportRows, shownCount, translator } from './report-rows.ts';

/**
 * The report as CSV, XLSX, PDF and plain text, in one language. Every format carries the same
 * rows (report-rows.ts); text cells of CSV and XLSX go through safeCell (formula injection).
 */
export type ExportContext = { language: Language; jurisdictionName: string; regionNames: Record<string, string> };

const FONT = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

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

function titleLines(report: MonitoringReport, ctx: ExportContext): string[] {
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

/** A printable A4 PDF with a table per section, in DejaVu Sans (Latin, Albanian and Cyrillic). */
export function reportPdf(report: MonitoringReport, ctx: ExportContext): Promise<Buffer> {
  const { t } = translator(ctx.language);
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: t('reports.title'), Creator: 'Safetynet' } });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const [title, ...meta] = titleLines(report, ctx);
  doc.font('bold').fontSize(16).text(title!);
  doc.moveDown(0.3).font('body').fontSize(9);
  for (const line of meta) doc.text(line);
  doc.text(t('reports.harmTypeNote'));
  doc.text(t('reports.noAgeNote'));

  const left = doc.page.margins.left;
  const cols = [200, 55, 85, 95, 60];
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  // A row as tall as its tallest cell: headers may wrap onto two lines, labels are cut short.
  const line = (values: string[], font: 'body' | 'bold') => {
    doc.font(font).fontSize(9);
    const wrap = font === 'bold';
    const height = Math.max(...values.map((v, i) => (wrap ? doc.heightOfString(v || ' ', { width: cols[i]! - 6 }) : 11))) + 2;
    if (doc.y + height > bottom()) doc.addPage();
    const y = doc.y;
    let x = left;
    values.forEach((v, i) => {
      doc.text(v, x, y, { width: cols[i]! - 6, align: i === 0 ? 'left' : 'right', lineBreak: wrap, ellipsis: !wrap });
      x += cols[i]!;
    });
    doc.x = left;
    doc.y = y + height;
  };
  const fmt = (n: number | null, kind: 'count' | 'share' | 'change') =>
    n === null ? (kind === 'count' ? t('reports.suppressedCell') : '') : kind === 'change' && n > 0 ? `+${n}` : kind === 'share' ? formatPercent(ctx.language, n) : String(n);

  let section = '';
  for (const row of reportRows(report, ctx.language, ctx.regionNames)) {
    if (row.section !== section) {
      section = row.section;
      if (doc.y + 40 > bottom()) doc.addPage();
      doc.moveDown(0.6).font('bold').fontSize(11).text(row.sectionLabel, left);
      doc.moveDown(0.2);
      line(['', t('reports.column.count'), row.section === 'signals.byHarmType' ? t('reports.column.share') : '', t('reports.column.previous'), t('reports.column.change')], 'bold');
    }
    line([row.label, fmt(row.count, 'count'), fmt(row.share, 'share'), fmt(row.previous, 'count'), fmt(row.change, 'change')], 'body');
  }
  doc.end();
  return done;
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
