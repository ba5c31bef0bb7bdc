import { z } from 'zod';
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
