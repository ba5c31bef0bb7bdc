import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MonitoringReport, MonitoringReport as ReportSchema } from './report-schema.ts';
import { TAXONOMIES } from '../domain/taxonomies.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { type Counts, type Figures, assembleReport, emptyFigures } from './monitoring-figures.ts';
import { computeMonitoringReport } from './monitoring-report.ts';
import { type Child, type Meeting, type Signal, insertReportData } from './report-fixture.ts';
import { cellsToHide as hideCells, isSmallCell } from './suppression.ts';

/**
 * The attacker of issue 10: a monitor who tries to recover a child's categories from the
 * monitoring report by arithmetic. For every breakdown of the JSON (this period and the
 * previous one), it works out, from the visible total and the visible cells, which hidden cells
 * could hold each hidden count — and fails the test when a count of 1–4 has a single candidate,
 * when a hidden cell must hold a child (it cannot be 0), when a visible cell is 1–4, when a
 * figure is shown beside a hidden total of its section, or when a share gives a hidden count away.
 * It knows the rule: a hidden cell holds at most 4 unless a bigger cell was hidden with it, and
 * then at most the smallest visible cell (it is given the tightest of these that is true).
 */
type Kind = 'partition' | 'overlapping' | 'whole';

function attackLine(name: string, shown: Counts, truth: Counts, total: number | null, trueTotal: number, kind: Kind): string[] {
  const found: string[] = [];
  const keys = Object.keys(truth);
  const hidden = keys.filter((k) => shown[k] === null);
  const visible = keys.filter((k) => shown[k] !== null);
  for (const k of visible) if (isSmallCell(shown[k]!)) found.push(`${name}.${k}: ${shown[k]} shown`);
  if (total === null) {
    for (const k of visible) found.push(`${name}.${k}: shown (${shown[k]}) beside a hidden total`);
    return found;
  }
  if (hidden.length === 0) return found;
  if (kind === 'whole') {
    if (visible.length > 0) found.push(`${name}: partly hidden`);
    return found;
  }
  const visibleValues = visible.map((k) => shown[k]!);
  const visibleSum = visibleValues.reduce((a, b) => a + b, 0);
  const trueHidden = hidden.map((k) => truth[k]!);
  const cap = trueHidden.every((v) => v <= 4) ? 4 : Math.min(total, ...visibleValues);
  // What the hidden cells hold together: exactly (partition), or at least (overlapping).
  const least = Math.max(0, total - visibleSum);
  const most = kind === 'partition' ? least : cap * hidden.length;
  const k = hidden.length;
  // A hidden cell can hold v when the others (each 0…cap) can make up the rest of some feasible sum.
  const canHold = (v: number) => v <= cap && least - v <= cap * (k - 1) && v <= most;
  if (least > cap * (k - 1)) found.push(`${name}: a hidden cell must hold at least ${least - cap * (k - 1)}`);
  for (const [i, key] of hidden.entries()) {
    const c = trueHidden[i]!;
    if (!isSmallCell(c)) continue;
    const candidates = hidden.filter(() => canHold(c));
    if (candidates.length <= 1) found.push(`${name}.${key}: ${c} pinned to one cell`);
  }
  if (trueTotal !== total) found.push(`${name}: total ${total} is not the true ${trueTotal}`);
  return found;
}

/** Every breakdown of one period's figures, as the attacker reads them. */
function attackFigures(label: string, shown: Figures, truth: Figures, regionLevel: boolean): string[] {
  const found: string[] = [];
  const line = (name: string, s: Counts, t: Counts, total: number | null, trueTotal: number | null, kind: Kind) =>
    found.push(...attackLine(`${label}.${name}`, s, t, total, trueTotal ?? 0, kind));
  const totals = (name: string, s: number | null, t: number | null) => {
    if (regionLevel && isSmallCell(s)) found.push(`${label}.${name}.total: ${s} shown`);
    if (s !== null && s !== t) found.push(`${label}.${name}.total: wrong`);
  };
  totals('signals', shown.signals.total, truth.signals.total);
  totals('children', shown.children.total, truth.children.total);
  totals('meetings', shown.meetings.total, truth.meetings.total);
  const mt = shown.meetings.total;
  line('meetings.byRegion', shown.meetings.byRegion, truth.meetings.byRegion, mt, truth.meetings.total, 'partition');
  if (!regionLevel) return found;
  const st = shown.signals.total;
  line('signals.bySource', shown.signals.bySource, truth.signals.bySource, st, truth.signals.total, 'partition');
  line('signals.byPlace', shown.signals.byPlace, truth.signals.byPlace, st, truth.signals.total, 'partition');
  line('signals.byHarmType', shown.signals.byHarmType, truth.signals.byHarmType, st, truth.signals.total, 'overlapping');
  line('signals.byPerpetrator', shown.signals.byPerpetrator, truth.signals.byPerpetrator, st, truth.signals.total, 'overlapping');
  const flat = (table: Record<string, Counts>) => Object.fromEntries(Object.entries(table).flatMap(([g, bySex]) => Object.entries(bySex).map(([s, n]) => [`${g}|${s}`, n])));
  // Every child has a birth date here, so the table adds up to the total (the attacker's best case).
  line('children.byAgeGroupAndSex', flat(shown.children.byAgeGroupAndSex), flat(truth.children.byAgeGroupAndSex), shown.children.total, truth.children.total, 'partition');
  line('meetings.byType', shown.meetings.byType, truth.meetings.byType, mt, truth.meetings.total, 'partition');
  line('meetings.byMandatorySector', shown.meetings.byMandatorySector, truth.meetings.byMandatorySector, mt, truth.meetings.total, 'whole');
  if (mt === null && shown.meetings.teamsThatMet !== null) found.push(`${label}.meetings.teamsThatMet: shown beside a hidden total`);
  return found;
}

/** The whole report: both periods, the shares and the changes (changes are computed from the visible figures only). */
function attackReport(shown: MonitoringReport, truth: MonitoringReport, regionLevel: boolean): string[] {
  const found = [...attackFigures(shown.jurisdiction, shown, truth, regionLevel), ...attackFigures(`${shown.jurisdiction}.previous`, shown.previous, truth.previous, regionLevel)];
  for (const [code, share] of Object.entries(shown.harmTypeShare)) {
    if (share !== null && (shown.signals.byHarmType[code] === null || shown.signals.total === null)) found.push(`${shown.jurisdiction}.harmTypeShare.${code}: shown for a hidden count`);
  }
  return found;
}

/** The rule before issue 10: cells of 1–4 hidden, nothing else (totals, zeros, shares kept). */
function oldRule(f: Figures, regionLevel: boolean): Figures {
  const hide = <T extends Counts>(c: T): T => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, isSmallCell(v) ? null : v])) as T;
  const sup = <T extends Counts>(c: T) => (regionLevel ? hide(c) : c);
  return {
    period: f.period,
    signals: { total: f.signals.total, bySource: sup(f.signals.bySource), byHarmType: sup(f.signals.byHarmType), byPlace: sup(f.signals.byPlace), byPerpetrator: sup(f.signals.byPerpetrator) },
    children: { total: f.children.total, byAgeGroupAndSex: Object.fromEntries(Object.entries(f.children.byAgeGroupAndSex).map(([g, c]) => [g, sup(c)])) },
    meetings: { ...f.meetings, byType: sup(f.meetings.byType), byRegion: hide(f.meetings.byRegion), byMandatorySector: sup(f.meetings.byMandatorySector) },
  };
}

// ---- The data: small regions of Bulgaria with 1 to 6 signals (and a few larger), two periods. ----

const SEXES = ['female', 'male', 'unknown'] as const;
const SMALL = ['BG-01', 'BG-02', 'BG-03', 'BG-04', 'BG-05', 'BG-06'];
const LARGER: Array<[string, number]> = [['BG-07', 7], ['BG-08', 12], ['BG-09', 23]];

/** A deterministic generator, so that a failure can be replayed. */
function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

function dataset(): { children: Child[]; signals: Signal[]; meetings: Meeting[] } {
  const rand = rng(10);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const children: Child[] = [];
  const signals: Signal[] = [];
  const meetings: Meeting[] = [];
  const regions: Array<[string, number]> = [...SMALL.map((r, i): [string, number] => [r, i + 1]), ...LARGER];
  for (const [year, shift] of [['2014', 0], ['2013', 2]] as const) {
    for (const [region, base] of regions) {
      // The previous year has other counts: two more in the small regions (so 3…8).
      const n = base + shift;
      for (let i = 0; i < n; i++) {
        const key = `${region}-${year}-${i}`;
        const birthYear = 1997 + Math.floor(rand() * 17);
        children.push({ key, sex: pick(SEXES), birth: `${birthYear}-0${1 + Math.floor(rand() * 9)}-15` });
        // A few alike, so that cells of 5 and more stand beside small ones in the larger regions.
        const common = i % 3 !== 0;
        signals.push({
          key,
          at: `${year}-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`,
          region,
          source: common ? 'police' : pick(TAXONOMIES.signalSource),
          harm: i % 4 === 0 ? [pick(TAXONOMIES.harmType), 'neglect'].filter((h, j, a) => a.indexOf(h) === j) : [common ? 'physical' : pick(TAXONOMIES.harmType)],
          place: common ? 'family' : pick(TAXONOMIES.place),
          perps: [common ? 'father' : pick(TAXONOMIES.perpetrator)],
          children: [key],
        });
        const present = (['social_services', 'police', 'education'] as const).filter(() => rand() < 0.8);
        meetings.push({ at: `${year}-0${1 + (i % 9)}-2${i % 8}T09:00:00Z`, region, municipality: `${region}-01`, type: common ? 'follow_up' : pick(TAXONOMIES.meetingType), unit: null, present: [...present], mandatory: ['social_services', 'police', 'education'] });
      }
    }
  }
  return { children, signals, meetings };
}

let database: TestDatabase;
const Y2014 = { from: '2014-01-01', to: '2014-12-31' };
const report = (jurisdiction: string, suppress: boolean) => computeMonitoringReport(database.unguarded, { ...Y2014, jurisdiction }, { suppress });

beforeAll(async () => {
  database = await freshDatabase();
  await insertReportData(database.owner, dataset());
}, 120_000);
afterAll(() => database?.close());

describe('a monitor cannot recover a child from the report by arithmetic', () => {
  it('in every region of 1 to 6 signals (and larger ones), every breakdown of both periods resists the attacker', async () => {
    const regions = [...SMALL, ...LARGER.map(([r]) => r)];
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) {
      const truth = await report(region, false);
      const shown = await report(region, true);
      expect(ReportSchema.parse(shown)).toEqual(shown);
      expect(truth.signals.total, region).toBeGreaterThan(0);
      expect(attackReport(shown, truth, true), region).toEqual([]);
      // Something was hidden in each (every one of these regions has small cells).
      expect(shown.suppressed, region).toBe(true);
    }
  });

  it('a region with one signal shows nothing of that child: the totals are hidden, and every cell with them', async () => {
    const shown = await report('BG-01', true);
    expect(shown.signals.total).toBeNull();
    expect(shown.children.total).toBeNull();
    expect(shown.meetings.total).toBeNull();
    expect(shown.meetings.teamsThatMet).toBeNull();
    const cells = [
      ...Object.values(shown.signals.bySource), ...Object.values(shown.signals.byHarmType), ...Object.values(shown.signals.byPlace),
      ...Object.values(shown.signals.byPerpetrator), ...Object.values(shown.children.byAgeGroupAndSex).flatMap((c) => Object.values(c)),
      ...Object.values(shown.meetings.byType), ...Object.values(shown.meetings.byRegion), ...Object.values(shown.meetings.byMandatorySector),
      ...Object.values(shown.harmTypeShare),
    ];
    expect(cells.length).toBeGreaterThan(40);
    expect(cells.every((n) => n === null)).toBe(true);
    // Its previous year had 3 signals: hidden too.
    expect(shown.previous.signals.total).toBeNull();
  });

  it('the region cells of a country report are below country level: suppressed, with their complements', async () => {
    const truth = await report('BG', false);
    const shown = await report('BG', true);
    expect(attackReport(shown, truth, false)).toEqual([]);
    // The country's own breakdowns are not below country level.
    expect(shown.signals).toEqual(truth.signals);
    expect(shown.meetings.byRegion['BG-01']).toBeNull();
    expect(shown.meetings.byRegion['BG-09']).toBe(23);
  });

  it('across reports: the country total minus every visible region total pins no region, and the region cells of the country agree', async () => {
    const country = await report('BG', true);
    const regions = Object.keys(country.meetings.byRegion);
    expect(regions).toHaveLength(28);
    const shown = await Promise.all(regions.map((r) => report(r, true)));
    const truth = await Promise.all(regions.map((r) => report(r, false)));
    const line = (pick: (r: MonitoringReport) => number | null, from: MonitoringReport[]) => Object.fromEntries(regions.map((r, i) => [r, pick(from[i]!)]));
    const found: string[] = [];
    for (const [name, pick, kind] of [
      ['signals', (r: MonitoringReport) => r.signals.total, 'partition'],
      ['children', (r: MonitoringReport) => r.children.total, 'overlapping'],
      ['meetings', (r: MonitoringReport) => r.meetings.total, 'partition'],
      ['previous signals', (r: MonitoringReport) => r.previous.signals.total, 'partition'],
    ] as const) {
      const total = name === 'previous signals' ? country.previous.signals.total : country[name].total;
      found.push(...attackLine(`regions.${name}`, line(pick, shown), line(pick, truth) as Counts, total, total ?? 0, kind));
    }
    expect(found).toEqual([]);
    // The country's meetings by region show exactly what each region's report shows as its total.
    expect(country.meetings.byRegion).toEqual(line((r) => r.meetings.total, shown));
    // BG-05 (5 signals) is shown; a region with none is hidden beside the small ones.
    expect(shown[regions.indexOf('BG-05')]!.signals.total).toBe(5);
    expect(shown[regions.indexOf('BG-20')]!.signals.total).toBeNull();
  });

  it('the same data under the rule before issue 10 gives children away', async () => {
    const found: string[] = [];
    for (const region of SMALL) {
      const truth = await report(region, false);
      const old: MonitoringReport = { ...truth, ...oldRule(truth, true), previous: oldRule({ ...truth.previous }, true) };
      found.push(...attackReport({ ...old, jurisdiction: region }, truth, true));
    }
    expect(found.length).toBeGreaterThan(0);
    // The one child of BG-01: its sex and age group, source and harm are pinned to one cell.
    expect(found).toEqual(expect.arrayContaining([
      expect.stringMatching(/^BG-01\.children\.byAgeGroupAndSex\..*pinned to one cell$/),
      expect.stringMatching(/^BG-01\.signals\.bySource\..*pinned to one cell$/),
      expect.stringMatching(/^BG-01\.signals\.total: 1 shown$/),
    ]));
  });
});

describe('the pure rule (cellsToHide) against the attacker, on many breakdowns', () => {
  /** Random breakdowns of 2 to 14 cells, mostly small counts, each with its total. */
  function* breakdowns(count: number) {
    const rand = rng(7);
    for (let n = 0; n < count; n++) {
      const size = 2 + Math.floor(rand() * 13);
      const values = Array.from({ length: size }, () => (rand() < 0.4 ? 0 : rand() < 0.6 ? 1 + Math.floor(rand() * 4) : 5 + Math.floor(rand() * 20)));
      yield values;
    }
  }
  const asCounts = (values: number[]) => Object.fromEntries(values.map((v, i) => [`c${i}`, v]));

  it('never leaves a count of 1–4 to one cell, nor a hidden cell that must be non-zero; the old rule does', () => {
    let checked = 0;
    let oldFailures = 0;
    let totalsHidden = 0;
    for (const values of breakdowns(3000)) {
      const total = values.reduce((a, b) => a + b, 0);
      if (isSmallCell(total)) continue;
      const truth = asCounts(values);
      for (const kind of ['partition', 'overlapping'] as const) {
        // Overlapping: some items are in two cells, so the cells add up to more than the total.
        const t = kind === 'partition' ? total : Math.max(Math.max(...values), Math.ceil(total * 0.8));
        if (isSmallCell(t)) continue;
        const hide = hideCells(values, t, kind);
        const shown = Object.fromEntries(values.map((v, i) => [`c${i}`, hide.cells[i] ? null : v]));
        expect(attackLine('line', shown, truth, hide.total ? null : t, t, kind), JSON.stringify({ values, t, kind })).toEqual([]);
        if (hide.total) totalsHidden++;
        const old = Object.fromEntries(values.map((v, i) => [`c${i}`, isSmallCell(v) ? null : v]));
        if (attackLine('line', old, truth, t, t, kind).length > 0) oldFailures++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(3000);
    expect(oldFailures).toBeGreaterThan(checked / 4);
    // The total goes only when even the whole breakdown cannot hide where the children are.
    expect(totalsHidden).toBeGreaterThan(0);
    expect(totalsHidden).toBeLessThan(checked / 10);
  });

  it('examples: zeros hidden beside a small cell; the next-smallest cell as complement; nothing hidden without a small cell', () => {
    const cellsToHide = (values: number[], total: number, kind: 'partition' | 'whole') => hideCells(values, total, kind).cells;
    expect(cellsToHide([5, 0, 7], 12, 'partition')).toEqual([false, false, false]);
    // 1 and two zeros: three hidden cells, 1 could be in any.
    expect(cellsToHide([1, 0, 0, 9], 10, 'partition')).toEqual([true, true, true, false]);
    // A lone 3 beside cells of 5 or more: the smallest of them is hidden with it (6), and then the
    // next (8), for 3 + 6 = 9 in two cells of at most 8 would put a child in each.
    expect(cellsToHide([3, 8, 6, 9], 26, 'partition')).toEqual([true, true, true, false]);
    // 4 and 4 alone would be pinned (8 = 4 + 4): a complement is added.
    expect(cellsToHide([4, 4, 10, 12], 30, 'partition')).toEqual([true, true, true, false]);
    expect(cellsToHide([2, 7, 9, 8], 26, 'whole')).toEqual([true, true, true, true]);
    // 2 and 4 of 6 in two cells: each would hold a child even with both hidden, so the total goes too.
    expect(hideCells([2, 4], 6, 'partition')).toEqual({ cells: [true, true], total: true });
  });

  it('a hidden total hides the shares, and the report says it suppressed', () => {
    const f = emptyFigures(Y2014, ['BG-16']);
    f.signals.total = 2;
    f.signals.byHarmType.physical = 2;
    const r = assembleReport('BG-16', f, emptyFigures(Y2014, ['BG-16']), { suppress: true, regionLevel: true });
    expect(r.suppressed).toBe(true);
    expect(r.signals.total).toBeNull();
    expect(Object.values(r.harmTypeShare).every((s) => s === null)).toBe(true);
    // Supervisors: nothing hidden.
    const open = assembleReport('BG-16', f, f, { suppress: false, regionLevel: true });
    expect(open.signals.total).toBe(2);
    expect(open.harmTypeShare.physical).toBe(100);
  });
});
