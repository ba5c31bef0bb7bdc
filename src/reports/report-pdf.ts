import { footPages, startPdf } from '../server/pdf-document.ts';
import { formatPercent } from '../domain/i18n/numbers.ts';
import type { MonitoringReport } from './report-schema.ts';
import { type ReportRow, reportRows, translator } from './report-rows.ts';
import { type ExportContext, titleLines } from './report-exports.ts';
import { chartItems } from './chart-items.ts';

/**
 * The printable PDF of the monitoring report (A4, DejaVu Sans for Latin, Albanian and Cyrillic):
 * the title, then per section a bar chart (categories above zero, largest first, drawn with
 * pdfkit's own shapes) and the table of every category, zeros and hidden figures included;
 * "Page n of m" at the foot of each page. Every block is measured before it is drawn (a label
 * that wraps makes its row taller) and placed by PageFlow, so no row is printed over another.
 */

const MARGIN = 48;
const COLS = [200, 55, 85, 95, 60];
const PAD = 6;
const BAR = '#1f5f99';
const CHART_LABEL = 170;

export type Placement = { page: number; top: number; bottom: number; kind: 'title' | 'section' | 'chart' | 'head' | 'row'; label?: string };

/**
 * Vertical placement of blocks on pages (pure: no drawing). A block goes where the last one ended,
 * or at the top of a new page when it — with `keep` more points that must follow it on the same
 * page — does not fit above the bottom margin.
 */
export class PageFlow {
  page = 0;
  y: number;
  readonly placements: Placement[] = [];
  constructor(readonly top: number, readonly bottom: number, private readonly newPage: () => void = () => {}) {
    this.y = top;
  }
  place(height: number, kind: Placement['kind'], keep = 0, label?: string): Placement {
    if (this.y + height + keep > this.bottom && this.y > this.top) {
      this.newPage();
      this.page += 1;
      this.y = this.top;
    }
    const p: Placement = { page: this.page, top: this.y, bottom: this.y + height, kind, ...(label === undefined ? {} : { label }) };
    this.y = p.bottom;
    this.placements.push(p);
    return p;
  }
  gap(points: number) {
    this.y = Math.min(this.y + points, this.bottom);
  }
}

export type RenderedPdf = { pdf: Buffer; placements: Placement[]; footers: string[]; pageSize: { width: number; height: number; margin: number } };

export function renderReportPdf(report: MonitoringReport, ctx: ExportContext, opts: { compress?: boolean } = {}): Promise<RenderedPdf> {
  const { t } = translator(ctx.language);
  const { doc, done } = startPdf({ title: t('reports.title'), margin: MARGIN, bufferPages: true, compress: opts.compress ?? true });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const flow = new PageFlow(MARGIN, doc.page.height - MARGIN, () => doc.addPage());
  const measure = (text: string, font: 'body' | 'bold', size: number, w: number) => {
    doc.font(font).fontSize(size);
    return doc.heightOfString(text || ' ', { width: w });
  };
  const write = (text: string, font: 'body' | 'bold', size: number, x: number, y: number, w: number, align: 'left' | 'right' = 'left') => {
    doc.font(font).fontSize(size).fillColor('black').text(text, x, y, { width: w, align });
  };

  // Title and notes.
  const [title, ...meta] = titleLines(report, ctx);
  const titleHeight = measure(title!, 'bold', 16, width);
  write(title!, 'bold', 16, left, flow.place(titleHeight, 'title').top, width);
  flow.gap(4);
  for (const line of [...meta, t('reports.harmTypeNote'), t('reports.noAgeNote')]) {
    write(line, 'body', 9, left, flow.place(measure(line, 'body', 9, width), 'title').top, width);
  }

  const fmt = (n: number | null, kind: 'count' | 'share' | 'change') =>
    n === null ? (kind === 'count' ? t('reports.suppressedCell') : '') : kind === 'change' && n > 0 ? `+${n}` : kind === 'share' ? formatPercent(ctx.language, n) : String(n);
  // A table row as tall as its tallest cell: a long label wraps within its column.
  const rowHeight = (values: string[], font: 'body' | 'bold') => Math.max(...values.map((v, i) => measure(v, font, 9, COLS[i]! - PAD))) + 3;
  const drawRow = (values: string[], font: 'body' | 'bold', kind: 'head' | 'row', keep = 0) => {
    const p = flow.place(rowHeight(values, font), kind, keep, values[0]);
    let x = left;
    values.forEach((v, i) => {
      write(v, font, 9, x, p.top + 1, COLS[i]! - PAD, i === 0 ? 'left' : 'right');
      x += COLS[i]!;
    });
  };

  const sections: Array<{ section: string; label: string; rows: ReportRow[] }> = [];
  for (const row of reportRows(report, ctx.language, ctx.regionNames)) {
    const last = sections.at(-1);
    if (last?.section === row.section) last.rows.push(row);
    else sections.push({ section: row.section, label: row.sectionLabel, rows: [row] });
  }

  for (const { section, label, rows } of sections) {
    flow.gap(10);
    const head = ['', t('reports.column.count'), section === 'signals.byHarmType' ? t('reports.column.share') : '', t('reports.column.previous'), t('reports.column.change')];
    const firstRows = rowHeight(head, 'bold') + rowHeight([rows[0]!.label], 'body');
    // The chart: one bar per category above zero, largest first; a label that wraps makes its slot taller.
    const bars = section.includes('.') ? chartItems(rows) : []; // totals get no chart
    const slots = bars.map((b) => Math.max(12, measure(b.label, 'body', 8, CHART_LABEL - PAD)) + 4);
    const chartHeight = slots.length ? slots.reduce((a, b) => a + b, 0) + 8 : 0;
    const heading = flow.place(measure(label, 'bold', 11, width) + 4, 'section', (chartHeight || 0) + firstRows, label);
    write(label, 'bold', 11, left, heading.top, width);
    if (chartHeight) {
      const chart = flow.place(chartHeight, 'chart', firstRows, label);
      const max = Math.max(...bars.map((b) => b.count));
      const barSpace = width - CHART_LABEL - 40;
      let y = chart.top + 4;
      bars.forEach((b, i) => {
        write(b.label, 'body', 8, left, y, CHART_LABEL - PAD);
        const w = Math.max(1, (barSpace * b.count) / max);
        doc.rect(left + CHART_LABEL, y + 1, w, 9).fill(BAR);
        write(String(b.count), 'body', 8, left + CHART_LABEL + w + 4, y + 1, 36);
        y += slots[i]!;
      });
    }
    drawRow(head, 'bold', 'head', rowHeight([rows[0]!.label], 'body'));
    for (const row of rows) drawRow([row.label, fmt(row.count, 'count'), fmt(row.share, 'share'), fmt(row.previous, 'count'), fmt(row.change, 'change')], 'body', 'row');
  }

  // "Page n of m" in the bottom margin of every page, once the number of pages is known.
  const footers = footPages(doc, MARGIN, (n, m) => t('reports.pageOf', { n: String(n), m: String(m) }));
  doc.end();
  return done.then((pdf) => ({ pdf, placements: flow.placements, footers, pageSize: { width: doc.page.width, height: doc.page.height, margin: MARGIN } }));
}

export async function reportPdf(report: MonitoringReport, ctx: ExportContext): Promise<Buffer> {
  return (await renderReportPdf(report, ctx)).pdf;
}
