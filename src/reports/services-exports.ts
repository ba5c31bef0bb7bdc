import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Language } from '../domain/i18n/i18n-resources.ts';
import { formatPercent } from '../domain/i18n/numbers.ts';
import { safeCell } from '../domain/spreadsheet-safe.ts';
import { footPages, startPdf } from '../server/pdf-document.ts';
import type { FigureCell, FigureLabel, FigureTable } from './figure-table.ts';
import { translator } from './report-rows.ts';
import { PageFlow } from './report-pdf.ts';
import type { ServicesReport } from './services-report.ts';

/**
 * The services' figures as CSV (one line per cell: service, figure, row, column, value), XLSX (a
 * sheet per service, each figure a labelled table) and a printable PDF, in one language, with the
 * same labels as the web page. Text cells of CSV and XLSX go through safeCell (formula injection).
 */
/** `title`: the document's title when not the services report's (the trainings' figures of their keepers). */
export type ServicesExportContext = { language: Language; jurisdictionName: string; title?: string };

/** A figure label in a language: `ui:` keys from the app's strings, `taxonomy:` keys from the code lists, or the literal text. */
export function labelText(label: FigureLabel | undefined, language: Language): string {
  if (!label) return '';
  if (label.text !== undefined) return label.text;
  const key = label.key ?? '';
  const { t, taxonomy } = translator(language);
  if (key.startsWith('taxonomy:')) {
    const [name, ...code] = key.slice('taxonomy:'.length).split('.');
    return taxonomy(name!, code.join('.'));
  }
  return t(key.startsWith('ui:') ? key.slice(3) : key);
}

/** A cell as exported: the number (a percent or a measure rounded to one decimal), the suppressed mark, or blank. */
export function cellText(cell: FigureCell, unit: FigureTable['unit'], language: Language): string | number {
  if (cell.suppressed) return translator(language).t('reports.suppressedCell');
  if (cell.value === null) return '';
  if (unit === 'percent') return formatPercent(language, cell.value);
  return unit === 'count' ? cell.value : Math.round(cell.value * 10) / 10;
}

export function servicesFileName(report: ServicesReport, ext: string): string {
  return `services-figures_${report.jurisdiction}_${report.period.from}_${report.period.to}.${ext}`;
}

function titleLines(report: ServicesReport, ctx: ServicesExportContext): string[] {
  const { t } = translator(ctx.language);
  const lines = [
    `${ctx.title ?? t('reports.services.title')} — ${ctx.jurisdictionName} (${report.jurisdiction})`,
    `${t('reports.period')}: ${t('reports.periodRange', report.period)}`,
    `${t('reports.generatedAt')}: ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
  ];
  if (report.suppressed) lines.push(t('reports.services.suppressedNote'));
  return lines;
}

const serviceLabel = (service: FigureTable['service'], language: Language) => translator(language).t(`reports.services.service.${service}`);

export function servicesCsv(report: ServicesReport, ctx: ServicesExportContext): string {
  const { t } = translator(ctx.language);
  const head = ['service', 'figure', 'row', 'column', 'value', 'unit'].map((c) => t(`reports.services.column.${c}`));
  const lines: Array<Array<string | number>> = [head];
  for (const table of report.tables) {
    for (const row of table.rows) {
      row.cells.forEach((cell, i) => {
        lines.push([
          safeCell(serviceLabel(table.service, ctx.language)), safeCell(labelText(table.title, ctx.language)), safeCell(labelText(row.label, ctx.language)),
          safeCell(labelText(table.columns[i]?.label, ctx.language)), safeCell(cellText(cell, table.unit, ctx.language)), safeCell(t(`reports.services.unit.${table.unit}`)),
        ]);
      });
    }
  }
  return `\uFEFF${stringify(lines)}`;
}

export async function servicesXlsx(report: ServicesReport, ctx: ServicesExportContext): Promise<Buffer> {
  const { t } = translator(ctx.language);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Safetynet';
  const services = [...new Set(report.tables.map((x) => x.service))];
  const summary = workbook.addWorksheet(report.jurisdiction);
  for (const line of titleLines(report, ctx)) summary.addRow([safeCell(line)]);
  summary.getRow(1).font = { bold: true, size: 14 };
  summary.getColumn(1).width = 90;
  for (const service of services) {
    const sheet = workbook.addWorksheet(serviceLabel(service, ctx.language).slice(0, 31).replace(/[*?:\\/[\]]/g, ' '));
    sheet.getColumn(1).width = 40;
    for (const table of report.tables.filter((x) => x.service === service)) {
      const title = sheet.addRow([safeCell(`${labelText(table.title, ctx.language)} (${t(`reports.services.unit.${table.unit}`)})`)]);
      title.font = { bold: true };
      const head = sheet.addRow(['', ...table.columns.map((c) => safeCell(labelText(c.label, ctx.language)))]);
      head.font = { bold: true };
      for (const row of table.rows) sheet.addRow([safeCell(labelText(row.label, ctx.language)), ...row.cells.map((c) => safeCell(cellText(c, table.unit, ctx.language)))]);
      if (table.note) sheet.addRow([safeCell(labelText(table.note, ctx.language))]);
      sheet.addRow([]);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const MARGIN = 48;
const LABEL_WIDTH = 170;
/** At most this many figure columns side by side on A4; a wider table continues below. */
const MAX_COLUMNS = 7;

export async function servicesPdf(report: ServicesReport, ctx: ServicesExportContext): Promise<Buffer> {
  const { t } = translator(ctx.language);
  const { doc, done } = startPdf({ title: ctx.title ?? t('reports.services.title'), margin: MARGIN, bufferPages: true });
  const width = doc.page.width - 2 * MARGIN;
  const flow = new PageFlow(MARGIN, doc.page.height - MARGIN, () => doc.addPage());
  const measure = (text: string, font: 'body' | 'bold', size: number, w: number) => doc.font(font).fontSize(size).heightOfString(text || ' ', { width: w });
  const write = (text: string, font: 'body' | 'bold', size: number, x: number, y: number, w: number, align: 'left' | 'right' = 'left') =>
    doc.font(font).fontSize(size).fillColor('black').text(text, x, y, { width: w, align });
  const line = (text: string, font: 'body' | 'bold', size: number, kind: 'title' | 'section') =>
    write(text, font, size, MARGIN, flow.place(measure(text, font, size, width) + 2, kind, kind === 'section' ? 40 : 0, text).top, width);

  const [title, ...meta] = titleLines(report, ctx);
  line(title!, 'bold', 16, 'title');
  for (const m of meta) line(m, 'body', 9, 'title');
  if (report.tables.length === 0) line(t('reports.services.none'), 'body', 10, 'title');

  let service = '';
  for (const table of report.tables) {
    if (table.service !== service) {
      service = table.service;
      flow.gap(12);
      line(serviceLabel(table.service, ctx.language), 'bold', 13, 'section');
    }
    flow.gap(8);
    line(`${labelText(table.title, ctx.language)} (${t(`reports.services.unit.${table.unit}`)})`, 'bold', 10, 'section');
    for (let start = 0; start < Math.max(1, table.columns.length); start += MAX_COLUMNS) {
      const cols = table.columns.slice(start, start + MAX_COLUMNS);
      const colWidth = (width - LABEL_WIDTH) / Math.max(1, cols.length);
      const drawRow = (values: string[], font: 'body' | 'bold', kind: 'head' | 'row') => {
        const height = Math.max(...values.map((v, i) => measure(v, font, 8, (i === 0 ? LABEL_WIDTH : colWidth) - 6))) + 3;
        const p = flow.place(height, kind, 0, values[0]);
        values.forEach((v, i) => write(v, font, 8, i === 0 ? MARGIN : MARGIN + LABEL_WIDTH + (i - 1) * colWidth, p.top + 1, (i === 0 ? LABEL_WIDTH : colWidth) - 6, i === 0 ? 'left' : 'right'));
      };
      drawRow(['', ...cols.map((c) => labelText(c.label, ctx.language))], 'bold', 'head');
      for (const row of table.rows) {
        drawRow([labelText(row.label, ctx.language), ...row.cells.slice(start, start + MAX_COLUMNS).map((c) => String(cellText(c, table.unit, ctx.language)))], 'body', 'row');
      }
    }
    if (table.note) line(labelText(table.note, ctx.language), 'body', 8, 'title');
  }
  footPages(doc, MARGIN, (n, m) => t('reports.pageOf', { n: String(n), m: String(m) }));
  doc.end();
  return done;
}
