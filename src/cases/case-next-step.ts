import type { CaseAction, CaseStatus } from './case-workflow.ts';

/**
 * The one next step the workflow expects of the reader on a case: the case page offers it first,
 * as its one primary button. Pure: from the case's state and the reader's `allowed` actions
 * (CASE_WORKFLOW narrowed by their relationship), so it never offers what the server would refuse.
 *
 * - closure or transfer pending: the supervisor's decision (approve the closure; the receiving
 *   supervisor accepts the transfer) — nobody else has a next step;
 * - open (no initial assessment): record the initial assessment;
 * - a plan submitted: the supervisor approves it (the worker waits: their everyday step follows);
 * - a plan returned: revise it; a draft: submit it;
 * - assessed, no plan in force and none in preparation: draft the protection plan;
 * - plan in force and its review due (passed): review the plan;
 * - otherwise: record a contact with the child.
 * Null when the reader may do none of these (a partner, a provider, a closed case).
 */
export type PlanInPreparation = 'draft' | 'submitted' | 'returned' | null;

export type NextStepState = {
  status: CaseStatus;
  /** The prepared plan not yet approved, if any (its status). */
  planInPreparation: PlanInPreparation;
  planInForce: boolean;
  /** Deadlines of the case that have passed. */
  overdue: readonly ('initial_assessment' | 'plan' | 'review')[];
};

export function caseNextStep(state: NextStepState, allowed: readonly CaseAction[]): CaseAction | null {
  const may = (a: CaseAction) => allowed.includes(a);
  const first = (...steps: Array<CaseAction | false>): CaseAction | null => steps.find((s): s is CaseAction => s !== false && may(s)) ?? null;
  switch (state.status) {
    case 'closed': return null;
    case 'closure_pending': return first('approve_closure');
    case 'transfer_pending': return first('accept_transfer');
    default: break;
  }
  const prep = state.planInPreparation;
  return first(
    state.status === 'open' && 'record_initial_assessment',
    prep === 'submitted' && 'approve_plan',
    prep === 'returned' && 'edit_plan',
    prep === 'draft' && 'submit_plan',
    state.status === 'assessed' && !state.planInForce && prep === null && 'edit_plan',
    state.planInForce && state.overdue.includes('review') && 'review_plan',
    'record_contact',
  );
}
