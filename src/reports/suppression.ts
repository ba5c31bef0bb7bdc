import type { Counts, Figures } from './monitoring-figures.ts';
import type { RegionTotals } from './monitoring-sql.ts';

/**
 * Small-cell suppression with complementary suppression, for readers without access to
 * identifiable data (monitors), below country level. Pure: it works on the small result of the
 * report's SQL, so it costs nothing next to the queries. The rule, as the README states it:
 *
 * 1. A section's total (signals, children, meetings) of 1–4 is hidden, and with it every cell of
 *    every breakdown of that section (zeros included) and, for meetings, the teams that met.
 * 2. Otherwise a breakdown with no cell of 1–4 is shown whole.
 * 3. A breakdown with a cell of 1–4 hides every cell of 0–4: the small cells, and the zeros,
 *    which would otherwise tell where the hidden children are not.
 * 4. Then, while an attacker could still pin the hidden cells — fewer than two hidden, or a hidden
 *    cell that must be non-zero given the total, the visible cells and the largest value a hidden
 *    cell can have (4, or the smallest visible cell once a cell of 5 or more is hidden) — the
 *    smallest visible cell is hidden too (ties: the first in taxonomy order), up to the whole
 *    breakdown.
 * 5. Breakdowns whose cells bound one another otherwise (attendance by mandatory sector and
 *    meetings lacking one) are hidden whole when any cell is 1–4.
 * 6. A region's totals are also cells of a breakdown of its country's total (what a national
 *    monitor adds up from all the region reports): the same rules run on the line of every
 *    region's total, and a region whose total that line hides has the whole section hidden, as
 *    in rule 1. The country report's meetings by region is that line for meetings.
 *
 * Rule 4's check ("every hidden cell could be 0") is what defeats arithmetic: the hidden children
 * could then be in any two hidden cells, so no count is pinned to a category.
 */

/**
 * How the cells of a breakdown relate to the section's total, as an attacker would use it:
 * - `partition`: each signal, child or meeting in exactly one cell (the cells add up to the total):
 *   source, place, meeting type, region. The age group × sex table is treated as one too (a child
 *   without a birth date makes it add up to less; treating it as equal hides more, never less);
 * - `overlapping`: each in one or more cells (the cells add up to at least the total): harm
 *   type, perpetrator;
 * - `whole`: hidden together whenever one cell is small.
 */
export type LineKind = 'partition' | 'overlapping' | 'whole';

/** A small cell: 1 to 4 (0 is not small: it says nothing about any child). */
export const isSmallCell = (n: number | null) => n !== null && n >= 1 && n <= 4;

/** The largest value a small or zero cell can have. */
const SMALL_MAX = 4;

/**
 * Which cells of one breakdown to hide, given its section's (visible) total; rules 2–5 above.
 * `total` is true when even the whole breakdown hidden would leave a hidden cell that must be
 * non-zero (e.g. 2 and 4 of 6 in a breakdown of two cells): then the total goes too (rule 4).
 */
export function cellsToHide(values: readonly number[], total: number, kind: LineKind): { cells: boolean[]; total: boolean } {
  if (!values.some(isSmallCell)) return { cells: values.map(() => false), total: false };
  if (kind === 'whole') return { cells: values.map(() => true), total: false };
  const hidden = values.map((v) => v <= SMALL_MAX);
  const pinned = (): boolean => {
    const k = hidden.filter(Boolean).length;
    const visible = values.filter((_, i) => !hidden[i]);
    const visibleSum = visible.reduce((a, b) => a + b, 0);
    // The least the hidden cells hold together, as the attacker knows it.
    const hiddenSum = Math.max(0, total - visibleSum);
    const complemented = values.some((v, i) => hidden[i] && v > SMALL_MAX);
    const cap = complemented ? Math.min(total, visible.length > 0 ? Math.min(...visible) : total) : SMALL_MAX;
    // Some hidden cell must be non-zero when the others, each at its largest, cannot hold it all.
    return k < 2 || hiddenSum > cap * (k - 1);
  };
  while (pinned()) {
    let next = -1;
    values.forEach((v, i) => {
      if (!hidden[i] && (next < 0 || v < values[next]!)) next = i;
    });
    if (next < 0) return { cells: hidden, total: true };
    hidden[next] = true;
  }
  return { cells: hidden, total: false };
}

/** A breakdown with its hidden cells as null; `hit.any` set when one was hidden, `hit.total` when the total must go. */
export function suppressLine<T extends Counts>(counts: T, total: number, kind: LineKind, hit: { any: boolean; total?: boolean }): T {
  const entries = Object.entries(counts);
  const hide = cellsToHide(entries.map(([, v]) => v ?? 0), total, kind);
  if (hide.cells.some(Boolean)) hit.any = true;
  if (hide.total) hit.total = true;
  return Object.fromEntries(entries.map(([k, v], i) => [k, hide.cells[i] ? null : v])) as T;
}

/** Every figure of a section hidden (rule 1): each count, and each count of a nested table. */
function hideAll<T>(value: T): T {
  if (typeof value === 'number') return null as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hideAll(v)])) as T;
  return value;
}

/**
 * One section (signals, children or meetings): its breakdowns from `lines`, or everything hidden
 * when the total is 1–4 or a breakdown could only be protected by hiding the total.
 */
function section<T>(total: number | null, lines: (total: number, hit: { any: boolean; total?: boolean }) => T, hit: { any: boolean }, hiddenByRegions = false): { total: number | null; value: T } {
  const n = total ?? 0;
  const own: { any: boolean; total?: boolean } = { any: false };
  const value = lines(n, own);
  if (isSmallCell(n) || own.total || hiddenByRegions) {
    hit.any = true;
    return { total: null, value: hideAll(value) };
  }
  if (own.any) hit.any = true;
  return { total: n, value };
}

/** The age group × sex table as one breakdown (keys "group|sex"), and back. */
function suppressTable(table: Record<string, Counts>, total: number, hit: { any: boolean }): Record<string, Counts> {
  const flat: Counts = {};
  for (const [group, bySex] of Object.entries(table)) for (const [sex, n] of Object.entries(bySex)) flat[`${group}|${sex}`] = n;
  const shown = suppressLine(flat, total, 'partition', hit);
  return Object.fromEntries(Object.entries(table).map(([group, bySex]) => [group, Object.fromEntries(Object.keys(bySex).map((sex) => [sex, shown[`${group}|${sex}`]!]))]));
}

/**
 * The figures of one period as a monitor sees them. For a region's report every figure is below
 * country level; for a country's report only the meetings by region are (each region's cell is a
 * region's figure), so only that breakdown is suppressed there, against the country's total.
 */
export function suppressFigures(figures: Figures, regionLevel: boolean, hit: { any: boolean }, byRegions: HiddenSections = NONE_HIDDEN): Figures {
  const { signals, children, meetings } = figures;
  if (!regionLevel) {
    // The country's total stays (it is at country level, and the meeting types add up to it):
    // at worst, with every region hidden, the attacker learns that each region met at least once.
    return { ...figures, meetings: { ...meetings, byRegion: suppressLine(meetings.byRegion, meetings.total ?? 0, 'partition', hit) } };
  }
  const sig = section(signals.total, (total, h) => ({
    bySource: suppressLine(signals.bySource, total, 'partition', h),
    byHarmType: suppressLine(signals.byHarmType, total, 'overlapping', h),
    byPlace: suppressLine(signals.byPlace, total, 'partition', h),
    byPerpetrator: suppressLine(signals.byPerpetrator, total, 'overlapping', h),
  }), hit, byRegions.signals);
  const chi = section(children.total, (total, h) => ({ byAgeGroupAndSex: suppressTable(children.byAgeGroupAndSex, total, h) }), hit, byRegions.children);
  const mee = section(meetings.total, (total, h) => ({
    byType: suppressLine(meetings.byType, total, 'partition', h),
    byRegion: suppressLine(meetings.byRegion, total, 'partition', h),
    byMandatorySector: suppressLine(meetings.byMandatorySector, total, 'whole', h),
    teamsThatMet: meetings.teamsThatMet,
  }), hit, byRegions.meetings);
  return {
    period: figures.period,
    signals: { total: sig.total, ...sig.value },
    children: { total: chi.total, ...chi.value },
    meetings: { total: mee.total, ...mee.value },
  };
}

/** Which sections of a region's report the line of its country's region totals hides (rule 6). */
export type HiddenSections = { signals: boolean; children: boolean; meetings: boolean };
const NONE_HIDDEN: HiddenSections = { signals: false, children: false, meetings: false };

export function hiddenByRegionTotals(region: string, totals: RegionTotals): HiddenSections {
  const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
  const hidden = (counts: Record<string, number>, total: number, kind: LineKind) => suppressLine(counts, total, kind, { any: false })[region] === null;
  return {
    signals: hidden(totals.signals, sum(totals.signals), 'partition'),
    // A child with signals in two regions counts in both: the regions add up to at least the country.
    children: hidden(totals.children, totals.countryChildren, 'overlapping'),
    meetings: hidden(totals.meetings, sum(totals.meetings), 'partition'),
  };
}
