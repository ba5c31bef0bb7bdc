import type { DeadlineConfig } from '../domain/deadlines.ts';
import { dueAfterDays } from '../domain/deadlines.ts';

/**
 * The case's deadlines as pure rules (no database): those set when a case opens, and those still
 * to meet on a case row. The list's overdue filter says the same in SQL (caseOverdueSql in
 * case-records.ts); the country's numbers come from src/domain/deadlines.ts.
 */

/** A new case's first deadlines: the initial assessment by risk level, and the plan; end of day in the unit's zone. */
export function openingDeadlines(config: DeadlineConfig, riskLevel: 'high' | 'medium' | 'low', openedAt: Date, zone: string) {
  return {
    initialAssessmentDueAt: dueAfterDays(openedAt, config.initialAssessmentDays[riskLevel], zone),
    planDueAt: dueAfterDays(openedAt, config.planDays, zone),
  };
}

export type DeadlineFields = {
  origin: string;
  status: string;
  previous_status: string | null;
  initial_assessment_at: Date | string | null;
  initial_assessment_due_at: Date | string;
  plan_due_at: Date | string;
  review_due_at: Date | string | null;
};

export function planInForce(k: Pick<DeadlineFields, 'status' | 'previous_status'>): boolean {
  return k.status === 'plan_in_force' || k.previous_status === 'plan_in_force';
}

/** The deadlines still to meet: [kind, due]. Empty for a closed case; only the review for an imported one. */
export function openDeadlines(k: DeadlineFields): Array<['initial_assessment' | 'plan' | 'review', Date]> {
  if (k.status === 'closed') return [];
  const out: Array<['initial_assessment' | 'plan' | 'review', Date]> = [];
  const history = k.origin === 'import';
  if (!k.initial_assessment_at && !history) out.push(['initial_assessment', new Date(k.initial_assessment_due_at)]);
  if (!planInForce(k)) {
    if (!history) out.push(['plan', new Date(k.plan_due_at)]);
  } else if (k.review_due_at) out.push(['review', new Date(k.review_due_at)]);
  return out;
}

/** The kinds of the deadlines passed at `now`. */
export function overdueOf(k: DeadlineFields, now: Date) {
  return openDeadlines(k).filter(([, due]) => due.getTime() < now.getTime()).map(([kind]) => kind);
}
