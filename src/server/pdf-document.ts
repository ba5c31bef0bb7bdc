import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * What every printed document of Safetynet shares (the monitoring report, the cross-border
 * summary, the case file): A4, DejaVu Sans registered as 'body' and 'bold' (Latin, Albanian and
 * Cyrillic print alike), the bytes collected into one Buffer, and "Page n of m" at the foot.
 */
const FONT = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export type PdfOptions = { title: string; margin: number; compress?: boolean; bufferPages?: boolean };

/** A new document with the fonts registered, and a promise of its bytes once `doc.end()` is called. */
export function startPdf(opts: PdfOptions): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4', margin: opts.margin, bufferPages: opts.bufferPages ?? false, compress: opts.compress ?? true,
    info: { Title: opts.title, Creator: 'Safetynet' },
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, done };
}

/**
 * Writes `label(n, m)` in the bottom margin of every page, right-aligned, once the number of pages
 * is known (the document needs `bufferPages: true`). Returns the labels written.
 */
export function footPages(doc: PDFKit.PDFDocument, margin: number, label: (n: number, m: number) => string): string[] {
  const range = doc.bufferedPageRange();
  const footers: string[] = [];
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footer = label(i + 1, range.count);
    footers.push(footer);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not open a page
    doc.font('body').fontSize(8).fillColor('black').text(footer, margin, doc.page.height - margin + 16, { width: doc.page.width - 2 * margin, align: 'right' });
    doc.page.margins.bottom = bottom;
  }
  return footers;
}
