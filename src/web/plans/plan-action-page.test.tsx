// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { PlanActionDetail } from '../../plans/plan-schema.ts';
import { CASE_ID, CHILD_ID, GOAL_ID, PLAN_ID, fakeApi, json, me, renderAt } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** A plan action's page (opened from the task list by the organisation responsible for it), against a fake of the HTTP API. */
usePageTestLifecycle();

const ACTION_ID = '00000000-0000-4000-8000-0000000000f1';
const url = `/api/v1/plan-actions/${ACTION_ID}`;

function detail(over: Partial<PlanActionDetail> = {}, action: Partial<PlanActionDetail['action']> = {}): PlanActionDetail {
  return {
    action: {
      id: ACTION_ID, planId: PLAN_ID, caseId: CASE_ID, position: 0, goalId: GOAL_ID, goalIndex: null, service: 'legal_aid',
      description: 'Protection order follow-up', responsibleOrgId: '00000000-0000-4000-8000-0000000000ab', responsibleOrgName: 'Police Korçë',
      responsibleUserId: null, responsibleUserName: null, responsibleName: null, dueDate: '2026-02-10', status: 'planned', statusNote: null,
      doneAt: null, overdue: true, canUpdate: true, ...action,
    },
    goal: { domain: 'safety', description: 'Arta is safe at home' },
    child: { id: CHILD_ID, givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: '2015-03-09', birthDateEstimated: false },
    withheld: [], unitName: 'CPU Korçë', planStatus: 'approved', accessReason: 'responsible_org', caseInReach: false, ...over,
  };
}

describe("a plan action's page", () => {
  it('shows the responsible organisation the child, the unit, the goal, the due date and status, and records a new status', async () => {
    let current = detail();
    const calls = fakeApi(me(['partner'], true), ({ url: u, method, body }) => {
      if (u === url && method === 'GET') return json(current);
      if (u === url && method === 'PATCH') {
        current = detail({}, { status: body.status, doneAt: '2026-02-01T10:00:00Z', overdue: false });
        return json(current.action);
      }
      return undefined;
    });
    renderAt(`/plan-actions/${ACTION_ID}`);
    const page = await screen.findByTestId('plan-action-page');
    const details = within(page).getByTestId('plan-action-details');
    expect(within(details).getByText(/Arta Hoxha/)).toBeTruthy();
    expect(within(details).getByText('CPU Korçë')).toBeTruthy();
    expect(within(page).getByTestId('plan-action-goal').textContent).toBe('Safety: Arta is safe at home');
    expect(within(page).getByTestId('plan-action-status').textContent).toContain('Planned');
    const item = within(page).getByTestId(`plan-action-item-${ACTION_ID}`);
    expect(item.textContent).toContain('Legal aid');
    expect(item.textContent).toContain('Protection order follow-up');
    expect(within(item).getByText('Overdue')).toBeTruthy();
    // No link to a case this organisation does not reach.
    expect(screen.queryByTestId('plan-action-case')).toBeNull();
    expect(screen.queryByTestId('plan-action-read-only')).toBeNull();

    fireEvent.change(within(item).getByLabelText('Status'), { target: { value: 'done' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Update the status' }));
    await waitFor(() => expect(screen.getByTestId('plan-action-status').textContent).toContain('Done'));
    expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({ url, body: { status: 'done', note: null } });
  });

  it('a superseded plan\'s action is read only; a reader of the case gets a link to it', async () => {
    const calls = fakeApi(me(['caseworker']), ({ url: u }) =>
      (u === url ? json(detail({ planStatus: 'superseded', accessReason: 'owner', caseInReach: true }, { canUpdate: false, overdue: false })) : undefined));
    renderAt(`/plan-actions/${ACTION_ID}`);
    await screen.findByTestId('plan-action-page');
    expect(screen.getByTestId('plan-action-read-only')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Update the status' })).toBeNull();
    expect(screen.getByTestId('plan-action-case').getAttribute('href')).toBe(`/cases/${CASE_ID}`);
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
  });

  it('an action out of reach shows the server\'s "not found" and a way back', async () => {
    fakeApi(me(['provider'], true));
    renderAt(`/plan-actions/${ACTION_ID}`);
    expect(await screen.findByRole('link', { name: 'Back to the tasks' })).toBeTruthy();
    expect(screen.queryByTestId('plan-action-page')).toBeNull();
  });

  it('the task list links a plan action to its page', async () => {
    fakeApi(me(['partner'], true), ({ url: u }) =>
      (u.startsWith('/api/v1/tasks') ? json({ items: [{ kind: 'plan_action', id: ACTION_ID, link: `/plan-actions/${ACTION_ID}`, title: 'x', dueAt: '2026-02-10T23:59:59.000Z', overdue: true, ownerName: 'Police Korçë' }] }) : undefined));
    renderAt('/tasks');
    const link = await screen.findByRole('link', { name: /protection plan/i });
    expect(link.getAttribute('href')).toBe(`/plan-actions/${ACTION_ID}`);
  });
});
