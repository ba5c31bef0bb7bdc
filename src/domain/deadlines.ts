import { z } from 'zod';
import { TZDate } from '@date-fns/tz';
import { addDays, endOfDay, format } from 'date-fns';
import al from './reference/deadlines/AL.json' with { type: 'json' };
import bg from './reference/deadlines/BG.json' with { type: 'json' };

/**
 * Deadlines are configuration per country, not code: one JSON file per country in
 * src/domain/reference/deadlines (a deployment may replace them). Hours for the first response,
 * days for the work that follows.
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
});
export type DeadlineConfig = z.infer<typeof DeadlineConfig>;

const SHIPPED: Record<string, DeadlineConfig> = { AL: DeadlineConfig.parse(al), BG: DeadlineConfig.parse(bg) };

export function deadlinesFor(country: string): DeadlineConfig {
  return SHIPPED[country] ?? SHIPPED.AL!;
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
