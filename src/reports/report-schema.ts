import { z } from 'zod';
import { IsoDate, latestToday } from '../domain/common-schema.ts';

/**
 * The monitoring report (DOMAIN.md, "The monitoring report"): the machine-readable form shared by
 * the CLI (`--format json`), the API and the web page. Every code of each taxonomy is present,
 * zeros included. A suppressed figure (for readers without access to identifiable data, below
 * country level: a cell or total of 1–4 and the cells hidden with it, src/reports/suppression.ts)
 * is `null`, totals included, and `suppressed` says so.
 */
const Counts = z.record(z.string(), z.number().int().nullable());

const MonitoringQueryFields = z.strictObject({
  from: IsoDate,
  to: IsoDate,
  jurisdiction: z.string().regex(/^[A-Z]{2}(-[0-9A-Z]{1,3})?$/, 'must be a country (BG) or region (BG-16) code').optional(),
});
const periodInOrder = (q: { from: string; to: string }) => q.from <= q.to;
const periodIssue = { path: ['to'], message: 'must not be before from' };
/** A report period ends at most a year from today and spans at most 25 years. */
export const MAX_PERIOD_YEARS = 25;
const addYears = (date: string, years: number) => `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;
const periodBounded = (q: { from: string; to: string }) => q.to <= addYears(latestToday(), 1);
const boundIssue = { path: ['to'], message: 'must be at most a year from today' };
const periodShort = (q: { from: string; to: string }) => q.to < addYears(q.from, MAX_PERIOD_YEARS);
const lengthIssue = { path: ['to'], message: `must be less than ${MAX_PERIOD_YEARS} years after from` };

export const MonitoringQuery = MonitoringQueryFields.refine(periodInOrder, periodIssue).refine(periodBounded, boundIssue).refine(periodShort, lengthIssue);
/** The query of the CSV, XLSX and PDF exports: the labels' language besides (default: the user's). */
export const MonitoringExportQuery = MonitoringQueryFields.extend({ lang: z.enum(['sq', 'bg', 'en']).optional() })
  .refine(periodInOrder, periodIssue)
  .refine(periodBounded, boundIssue)
  .refine(periodShort, lengthIssue);
export type MonitoringQuery = z.infer<typeof MonitoringQuery>;

export const MonitoringCore = z.object({
  period: z.object({ from: IsoDate, to: IsoDate }),
  jurisdiction: z.string(),
  signals: z.object({
    total: z.number().int().nullable(),
    bySource: Counts,
    byHarmType: Counts,
    byPlace: Counts,
    byPerpetrator: Counts,
  }),
  children: z.object({
    total: z.number().int().nullable(),
    byAgeGroupAndSex: z.record(z.string(), Counts),
  }),
  meetings: z.object({
    total: z.number().int().nullable(),
    byType: Counts,
    byRegion: Counts,
    /** Meetings attended by each mandatory sector, and those that lacked at least one. */
    byMandatorySector: z.object({
      social_services: z.number().int().nullable(),
      police: z.number().int().nullable(),
      education: z.number().int().nullable(),
      lackingOne: z.number().int().nullable(),
    }),
    teamsThatMet: z.number().int().nullable(),
  }),
});
export type MonitoringCore = z.infer<typeof MonitoringCore>;

export const MonitoringReport = MonitoringCore.extend({
  /** Percentages of all signals, for the harm-type breakdown (a signal with two types counts twice). */
  harmTypeShare: z.record(z.string(), z.number().nullable()),
  previous: MonitoringCore.pick({ period: true, signals: true, children: true, meetings: true }),
  suppressed: z.boolean(),
  generatedAt: z.string(),
});
export type MonitoringReport = z.infer<typeof MonitoringReport>;

/** The question which period the report should open on: a jurisdiction (default: the reader's). */
export const LatestPeriodQuery = MonitoringQueryFields.pick({ jurisdiction: true });
/**
 * The latest calendar year whose report, as the reader gets it, shows a figure above zero — the
 * year to date when that is the current year; `period` null when no year has one.
 */
export const LatestPeriod = z.object({
  jurisdiction: z.string(),
  period: z.object({ from: IsoDate, to: IsoDate }).nullable(),
  yearToDate: z.boolean(),
});
export type LatestPeriod = z.infer<typeof LatestPeriod>;
