import { describe, expect, it } from 'vitest';
import { type NextStepState, caseNextStep } from './case-next-step.ts';
import { type CaseStatus, allowedCaseActions } from './case-workflow.ts';

/** The next step per state and per reader, with `allowed` as the server computes it (the workflow table). */
const WORKER = { unit: true, supervisor: false, receivingSupervisor: false };
const SUPERVISOR = { unit: true, supervisor: true, receivingSupervisor: false };
const RECEIVING = { unit: false, supervisor: false, receivingSupervisor: true };
const OUTSIDER = { unit: false, supervisor: false, receivingSupervisor: false };

const state = (status: CaseStatus, over: Partial<NextStepState> = {}): NextStepState => ({
  status, planInPreparation: null, planInForce: status === 'plan_in_force', overdue: [], ...over,
});
const next = (s: NextStepState, who: typeof WORKER) => caseNextStep(s, allowedCaseActions(s.status, who));

describe('the next step of a case', () => {
  it('an open case: record the initial assessment (worker and supervisor); nothing for a partner', () => {
    expect(next(state('open'), WORKER)).toBe('record_initial_assessment');
    expect(next(state('open', { overdue: ['initial_assessment'] }), SUPERVISOR)).toBe('record_initial_assessment');
    expect(next(state('open'), OUTSIDER)).toBeNull();
  });

  it('assessed with no plan: draft the protection plan; never the initial assessment again', () => {
    expect(next(state('assessed'), WORKER)).toBe('edit_plan');
    expect(allowedCaseActions('assessed', WORKER)).not.toContain('record_initial_assessment');
    expect(allowedCaseActions('plan_in_force', SUPERVISOR)).not.toContain('record_initial_assessment');
  });

  it('a draft: submit it; a returned plan: revise it (no second draft offered)', () => {
    expect(next(state('assessed', { planInPreparation: 'draft' }), WORKER)).toBe('submit_plan');
    expect(next(state('assessed', { planInPreparation: 'returned' }), WORKER)).toBe('edit_plan');
  });

  it('a submitted plan: the supervisor approves it; the worker goes on with contacts', () => {
    expect(next(state('assessed', { planInPreparation: 'submitted' }), SUPERVISOR)).toBe('approve_plan');
    expect(next(state('assessed', { planInPreparation: 'submitted' }), WORKER)).toBe('record_contact');
    expect(next(state('plan_in_force', { planInPreparation: 'submitted' }), SUPERVISOR)).toBe('approve_plan');
  });

  it('a plan in force: record a contact; review the plan once its review is overdue', () => {
    expect(next(state('plan_in_force'), WORKER)).toBe('record_contact');
    expect(next(state('plan_in_force', { overdue: ['review'] }), WORKER)).toBe('review_plan');
    expect(next(state('plan_in_force', { planInPreparation: 'draft' }), WORKER)).toBe('submit_plan');
  });

  it('a closure requested: the supervisor approves it; the worker has no step', () => {
    expect(next(state('closure_pending'), SUPERVISOR)).toBe('approve_closure');
    expect(next(state('closure_pending'), WORKER)).toBeNull();
  });

  it('a transfer pending: the receiving supervisor accepts it; the sending unit waits', () => {
    expect(next(state('transfer_pending'), RECEIVING)).toBe('accept_transfer');
    expect(next(state('transfer_pending'), SUPERVISOR)).toBeNull();
  });

  it('a closed case has no next step (reopening stays a weighty, secondary action)', () => {
    expect(next(state('closed'), SUPERVISOR)).toBeNull();
  });
});
