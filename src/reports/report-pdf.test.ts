import { describe, expect, it } from 'vitest';
import { chartItems } from './chart-items.ts';
import { assembleReport, emptyFigures } from './monitoring-figures.ts';
import { type Placement, PageFlow, renderReportPdf } from './report-pdf.ts';

/**
 * The printable PDF: charts drawn, "Page n of m" on every page, and no row over another — with
 * the Bulgarian helpline's long label, which wraps onto a second line.
 */
const REGIONS = Array.from({ length: 28 }, (_, i) => `BG-${String(i + 1).padStart(2, '0')}`);

function fixture() {
  const cur = emptyFigures({ from: '2024-01-01', to: '2024-12-31' }, REGIONS);
  const prev = emptyFigures({ from: '2023-01-01', to: '2023-12-31' }, REGIONS);
  cur.signals.total = 40;
  Object.assign(cur.signals.bySource, { helpline: 17, police: 12, education: 6, ngo: 5 });
  Object.assign(cur.signals.byHarmType, { physical: 20, neglect: 25 });
  cur.children.total = 30;
  cur.children.byAgeGroupAndSex['4-7']!.female = 9;
  cur.meetings.total = 28;
  REGIONS.forEach((r, i) => (cur.meetings.byRegion[r] = i % 3 === 0 ? 0 : i + 1));
  prev.signals.total = 31;
  prev.signals.bySource.helpline = 9;
  return assembleReport('BG', cur, prev, { suppress: false, regionLevel: false, generatedAt: new Date('2025-01-02T08:00:00Z') });
}

const overlaps = (placements: Placement[]) => {
  const found: string[] = [];
  const byPage = new Map<number, Placement[]>();
  for (const p of placements) byPage.set(p.page, [...(byPage.get(p.page) ?? []), p]);
  for (const [page, list] of byPage) {
    const sorted = [...list].sort((a, b) => a.top - b.top);
    for (let i = 1; i < sorted.length; i++) if (sorted[i]!.top < sorted[i - 1]!.bottom - 1e-6) found.push(`page ${page}: ${sorted[i - 1]!.label} / ${sorted[i]!.label}`);
  }
  return found;
};

describe('the PDF export', () => {
  it('in Bulgarian: the helpline row wraps and is taller, no block overlaps another, every block inside the margins', async () => {
    const ctx = { language: 'bg' as const, jurisdictionName: 'България (Bulgaria)', regionNames: Object.fromEntries(REGIONS.map((r) => [r, `Област ${r}`])) };
    const { pdf, placements, footers, pageSize } = await renderReportPdf(fixture(), ctx, { compress: false });
    const rows = placements.filter((p) => p.kind === 'row');
    const helpline = rows.find((p) => p.label === 'Национална телефонна линия за деца 116 111')!;
    const police = rows.find((p) => p.label === 'Полиция')!;
    expect(helpline).toBeDefined();
    const height = (p: Placement) => p.bottom - p.top;
    expect(height(helpline)).toBeGreaterThan(1.5 * height(police));
    expect(overlaps(placements)).toEqual([]);
    for (const p of placements) {
      expect(p.top).toBeGreaterThanOrEqual(pageSize.margin);
      expect(p.bottom).toBeLessThanOrEqual(pageSize.height - pageSize.margin);
    }
    // Several pages, each numbered "Страница n от m", and as many page objects in the file.
    const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    expect(footers).toEqual(Array.from({ length: pages }, (_, i) => `Страница ${i + 1} от ${pages}`));
    expect(Math.max(...placements.map((p) => p.page)) + 1).toBe(pages);
    // What was drawn: each text line's baseline (from the uncompressed content streams, one per
    // page) lies inside a placed block, and the helpline's label is drawn on two lines of its own row.
    const streams = [...pdf.toString('latin1').matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) => m[1]!).filter((c) => / Tm\n/.test(c));
    expect(streams.length).toBe(pages);
    const lines = streams.map((c) => [...c.matchAll(/1 0 0 1 ([\d.]+) ([\d.]+) Tm/g)].map((m) => ({ x: Number(m[1]), y: pageSize.height - Number(m[2]) })));
    lines.forEach((onPage, page) => {
      const blocks = placements.filter((p) => p.page === page);
      const body = onPage.filter((l) => l.y < pageSize.height - pageSize.margin);
      expect(onPage.length - body.length, `footer of page ${page}`).toBe(1);
      for (const l of body) expect(blocks.some((b) => l.y >= b.top && l.y <= b.bottom), `line at ${l.y} on page ${page}`).toBe(true);
    });
    const inHelpline = lines[helpline.page]!.filter((l) => l.x === pageSize.margin && l.y >= helpline.top && l.y <= helpline.bottom);
    expect(inHelpline.length).toBe(2);
    // The charts: one filled rectangle per category above zero (4 sources, 2 harm types, 1 age × sex, 18 regions).
    expect((pdf.toString('latin1').match(/ re\n/g) ?? []).length).toBe(4 + 2 + 1 + 18);
    expect(placements.filter((p) => p.kind === 'chart').map((p) => p.label)).toEqual([
      'Сигнали по източник', 'Сигнали по вид насилие или вреда', 'Деца по възрастова група и пол', 'Срещи по области',
    ].map((l) => expect.stringContaining(l.split(' ')[0]!)));
  });

  it('in Albanian and English the pages are numbered in their language', async () => {
    for (const [language, first] of [['sq', 'Faqja 1 nga'], ['en', 'Page 1 of']] as const) {
      const { footers } = await renderReportPdf(fixture(), { language, jurisdictionName: 'Bulgaria', regionNames: {} });
      expect(footers[0]).toMatch(new RegExp(`^${first} \\d+$`));
    }
  });
});

describe('PageFlow', () => {
  it('puts a block that does not fit, with what must follow it, on a new page', () => {
    let pages = 0;
    const flow = new PageFlow(10, 100, () => pages++);
    flow.place(50, 'row');
    expect(flow.place(30, 'row', 30)).toMatchObject({ page: 1, top: 10, bottom: 40 });
    expect(flow.place(60, 'row')).toMatchObject({ page: 1, top: 40, bottom: 100 });
    expect(flow.place(1, 'row')).toMatchObject({ page: 2, top: 10 });
    expect(pages).toBe(2);
    expect(overlaps(flow.placements)).toEqual([]);
  });
});

describe('chartItems', () => {
  it('keeps counts above zero, largest first, ties in taxonomy order; zeros and hidden figures are left out', () => {
    const rows = [{ code: 'a', count: 3 }, { code: 'b', count: 0 }, { code: 'c', count: null }, { code: 'd', count: 9 }, { code: 'e', count: 3 }];
    expect(chartItems(rows).map((r) => r.code)).toEqual(['d', 'a', 'e']);
    expect(chartItems([{ count: 0 }, { count: null }])).toEqual([]);
  });
});
