import { describe, expect, it } from 'vitest';
import { deadlinesFor } from '../domain/deadlines.ts';
import { type DeadlineFields, openDeadlines, openingDeadlines, overdueOf, planInForce } from './case-deadlines.ts';

const row = (over: Partial<DeadlineFields> = {}): DeadlineFields => ({
  origin: 'app', status: 'open', previous_status: null, initial_assessment_at: null,
  initial_assessment_due_at: '2026-01-08T22:59:59.999Z', plan_due_at: '2026-01-31T22:59:59.999Z', review_due_at: null, ...over,
});

describe('case deadlines (pure rules)', () => {
  it('a new case is due its initial assessment by risk and its plan, at the end of the day in the unit\'s zone', () => {
    const opened = new Date('2026-01-01T20:00:00Z'); // 21:00 in Tirana
    const high = openingDeadlines(deadlinesFor('AL'), 'high', opened, 'Europe/Tirane');
    expect(high.initialAssessmentDueAt.toISOString()).toBe('2026-01-08T22:59:59.999Z');
    expect(high.planDueAt.toISOString()).toBe('2026-01-31T22:59:59.999Z');
    expect(openingDeadlines(deadlinesFor('AL'), 'low', opened, 'Europe/Tirane').initialAssessmentDueAt.toISOString()).toBe('2026-01-15T22:59:59.999Z');
  });

  it('open deadlines: assessment and plan until met; the review once a plan is in force; none when closed', () => {
    expect(openDeadlines(row()).map(([k]) => k)).toEqual(['initial_assessment', 'plan']);
    expect(openDeadlines(row({ initial_assessment_at: '2026-01-02T10:00:00Z' })).map(([k]) => k)).toEqual(['plan']);
    expect(openDeadlines(row({ status: 'plan_in_force', review_due_at: '2026-04-01T00:00:00Z' })).map(([k]) => k)).toEqual(['initial_assessment', 'review']);
    expect(planInForce({ status: 'closure_pending', previous_status: 'plan_in_force' })).toBe(true);
    expect(openDeadlines(row({ status: 'closed' }))).toEqual([]);
  });

  it('an imported case is history: only a review set in the app can be overdue', () => {
    const late = new Date('2027-01-01T00:00:00Z');
    expect(overdueOf(row({ origin: 'import' }), late)).toEqual([]);
    expect(overdueOf(row(), late)).toEqual(['initial_assessment', 'plan']);
    expect(overdueOf(row(), new Date('2026-01-05T00:00:00Z'))).toEqual([]);
    expect(overdueOf(row({ origin: 'import', status: 'plan_in_force', review_due_at: '2026-06-01T00:00:00Z' }), late)).toEqual(['review']);
  });
});
