import { z } from 'zod';

/**
 * A service's figures as labelled tables (issue 13: police-station intake, the shelter,
 * deinstitutionalisation): one description that the services report (JSON), its page and its
 * CSV, XLSX and PDF exports all render the same way, and that small-cell suppression works on.
 *
 * Labels are translation keys with their namespace (`ui:` or `taxonomy:`), resolved in the
 * reader's language by the web app (i18next) and by the exports (report-rows.ts translator);
 * `label` is a literal for what has no key (an organisation's name, a month `2026-03`).
 */
export const FigureLabel = z.object({
  /** `ui:intakes.figures.byStation` or `taxonomy:legalSituation.victim`. */
  key: z.string().optional(),
  /** A literal label: an organisation's name, a month, an hour. */
  text: z.string().optional(),
});
export type FigureLabel = z.infer<typeof FigureLabel>;

export const FigureCell = z.object({
  /** The figure; null when suppressed (or when there is nothing to compute, e.g. a median of none). */
  value: z.number().nullable(),
  /**
   * How many children (or records about children) are behind the figure: for a count, the count
   * itself; for a median, average or share, the size of the group. Suppression hides a cell whose
   * `n` is 1–4. Never sent to readers for whom cells are suppressed.
   */
  n: z.number().int().nonnegative().optional(),
  /** Set when suppression hid the figure (its value is then null). */
  suppressed: z.literal(true).optional(),
});
export type FigureCell = z.infer<typeof FigureCell>;

export const FigureTable = z.object({
  /** Stable id, `<service>.<figure>`: `intakes.byStation`. */
  id: z.string(),
  service: z.enum(['police_support', 'shelter', 'deinstitutionalisation', 'prevention', 'boards', 'feedback', 'trainings']),
  title: FigureLabel,
  /** What a value is: a count, days, minutes, or a percent (0–100). */
  unit: z.enum(['count', 'days', 'minutes', 'percent']),
  columns: z.array(z.object({ code: z.string(), label: FigureLabel })),
  rows: z.array(z.object({ code: z.string(), label: FigureLabel, cells: z.array(FigureCell) })),
  /** A note under the table (what is counted, the standard compared with), if any. */
  note: FigureLabel.optional(),
});
export type FigureTable = z.infer<typeof FigureTable>;

/** What a service's figures are computed for: a country or one of its regions, a period of local days. */
export type FigureScope = {
  country: string;
  /** A region's code, or null for the whole country. */
  region: string | null;
  timezone: string;
  from: string;
  to: string;
};

/**
 * Keep columns few (at most about 8: sexes, outcomes, a measure and its count); long dimensions
 * (stations, months, hours of the day, institutions) are rows, so that every format prints them.
 */
/** A count cell. */
export const count = (n: number): FigureCell => ({ value: n, n });
/** A computed figure (median, average, share) over a group of `n`. */
export const measure = (value: number | null, n: number): FigureCell => ({ value, n });
export const keyLabel = (key: string): FigureLabel => ({ key });
export const textLabel = (text: string): FigureLabel => ({ text });

/**
 * Small-cell suppression for readers without identifiable access (monitors): every cell about
 * 1–4 children is hidden — a count of 1–4, or a median, average or share over a group of 1–4.
 * Service figures are broken down by station, shelter or institution, all below country level, so
 * this holds for a country's figures too. Service tables carry no totals row, so a hidden cell
 * cannot be subtracted back from one. `n` is dropped from every cell whatever the reader: only the
 * figure itself leaves the server.
 */
export function suppressTables(tables: FigureTable[], suppress: boolean): FigureTable[] {
  return tables.map((t) => ({
    ...t,
    rows: t.rows.map((r) => ({
      ...r,
      cells: r.cells.map((c): FigureCell => (suppress && c.n !== undefined && c.n >= 1 && c.n <= 4 ? { value: null, suppressed: true } : { value: c.value })),
    })),
  }));
}
