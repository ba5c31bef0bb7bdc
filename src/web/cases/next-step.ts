import { createContext, useContext, useEffect, useRef } from 'react';
import type { CaseAction } from '../../cases/case-workflow.ts';

/**
 * The case page's one primary button (the server's `nextStep`) asks a section to open its form:
 * the page puts the request here, the section that handles the action opens its form. `seq` makes
 * a second click of the same step a new request.
 */
export type NextStepRequest = { action: CaseAction; seq: number };
export const NextStepContext = createContext<NextStepRequest | null>(null);

/** Where each next step is done: the anchor of its section on the case page. */
export const NEXT_STEP_SECTION: Partial<Record<CaseAction, string>> = {
  record_initial_assessment: 'case-assessments',
  edit_plan: 'case-plan',
  submit_plan: 'case-plan',
  approve_plan: 'case-plan',
  review_plan: 'case-plan',
  record_contact: 'case-contacts',
  approve_closure: 'case-actions',
  accept_transfer: 'case-actions',
};

/** A section opens its form when the page asks for one of `handles` (a constant array). */
export function useNextStepRequest(handles: readonly CaseAction[], open: (action: CaseAction) => void) {
  const request = useContext(NextStepContext);
  const latest = useRef(open);
  latest.current = open;
  useEffect(() => {
    if (request && handles.includes(request.action)) latest.current(request.action);
  }, [request, handles]);
}
