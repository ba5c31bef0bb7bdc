import { z } from 'zod';
import { TZDate } from '@date-fns/tz';
import { addDays, endOfDay, format } from 'date-fns';
import al from './reference/deadlines/AL.json' with { type: 'json' };
import bg from './reference/deadlines/BG.json' with { type: 'json' };
import { AppError } from '../errors.ts';

/**
 * Deadlines are configuration per country, not code: one JSON file per country in
 * src/domain/reference/deadlines for the shipped countries (a deployment may replace them), and
 * the `deadlines` of a country file for a country loaded with `safetynet jurisdictions load`
 * (kept on the country's row, read back at start). A country with neither has no deadlines: work
 * that needs one is refused (MissingDeadlinesError), never given another country's. Hours for the
 * first response, days for the work that follows.
 */
const ByRisk = z.strictObject({ high: z.number().positive(), medium: z.number().positive(), low: z.number().positive() });

export const DeadlineConfig = z.strictObject({
  screeningHours: z.number().positive(),
  initialMeetingHours: z.number().positive(),
  crisisMeetingHours: z.number().positive(),
  actionItemDefaultDays: z.number().positive(),
  initialAssessmentDays: ByRisk,
  planDays: z.number().positive(),
  planReviewDays: ByRisk,
  referralResponseDays: z.number().positive(),
  referralCompletionDays: z.number().positive(),
  /** Deinstitutionalisation: months after a child's transition out of an institution when a follow-up visit is due (a file without it: 3, 6, 12 — diFollowUpMonthsFor). */
  diFollowUpMonths: z.array(z.number().int().min(1).max(60)).min(1).max(12).optional(),
  /** Issue 13 (shelter): hours within which an emergency shelter admission must be linked to a case of the responsible unit; a country without it takes no emergency admissions. */
  shelterCaseLinkHours: z.number().positive().optional(),
  /** Issue 13 (shelter): the standard length of a shelter stay in days; a longer stay is flagged. */
  shelterStayStandardDays: z.number().positive().optional(),
  /** Issue 15 (retention): whole years after a child's last case closed when their identifying data is anonymised; a country without it anonymises nothing. */
  retentionYearsAfterClosure: z.number().int().min(1).max(100).optional(),
});
export type DeadlineConfig = z.infer<typeof DeadlineConfig>;

const SHIPPED: Record<string, DeadlineConfig> = { AL: DeadlineConfig.parse(al), BG: DeadlineConfig.parse(bg) };
/** Countries loaded from a file with their own deadlines (`safetynet jurisdictions load`), by code. */
const LOADED = new Map<string, DeadlineConfig>();

/** Whether deadlines ship with the system for a country (its file then need not carry them). */
export function shipsDeadlines(country: string): boolean {
  return Object.hasOwn(SHIPPED, country);
}

/** Makes a loaded country's deadlines known to this process (from its file, or from the database at start). */
export function configureDeadlines(country: string, config: DeadlineConfig): void {
  LOADED.set(country, DeadlineConfig.parse(config));
}

/** A country with no deadline configuration: no deadline is guessed for it (409, naming the country). */
export class MissingDeadlinesError extends AppError {
  constructor(country: string) {
    super(409, `The country ${country} has no deadline configuration; load its jurisdictions file with "deadlines" (safetynet jurisdictions load)`);
  }
}

/** The country's deadlines: loaded ones first, then the shipped ones; never another country's. */
export function deadlinesFor(country: string): DeadlineConfig {
  const config = LOADED.get(country) ?? (shipsDeadlines(country) ? SHIPPED[country] : undefined);
  if (!config) throw new MissingDeadlinesError(country);
  return config;
}

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * 3_600_000);
}

/**
 * A deadline of N days, in the unit's time zone: the end of the Nth calendar day after `from`
 * there (a case opened on Monday evening with 7 days is due by the end of the next Monday, local
 * time, whatever the server's zone and across daylight-saving changes).
 */
export function dueAfterDays(from: Date, days: number, timeZone: string): Date {
  return new Date(endOfDay(addDays(new TZDate(from, timeZone), days)).getTime());
}

/** The calendar day (YYYY-MM-DD) of an instant in a time zone. */
export function localDay(at: Date, timeZone: string): string {
  return format(new TZDate(at, timeZone), 'yyyy-MM-dd');
}

/**
 * The last instant of a calendar day (YYYY-MM-DD) in a time zone: a deadline given as a day (an
 * action item's, a plan action's) ends there, like the deadlines counted in days
 * (dueAfterDays), never at midnight UTC.
 */
export function endOfLocalDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(endOfDay(new TZDate(y, m - 1, d, timeZone)).getTime());
}
