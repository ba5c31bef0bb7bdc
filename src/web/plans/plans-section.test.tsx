// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CASE_URL, GOAL_ID, NGO, PLAN_ID, caseView, fakeApi, json, plan, renderSection } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import { PlansSection } from './PlansSection.tsx';

/** The case page's plans section against a fake of the HTTP API (the boundary, not our database). */
usePageTestLifecycle();

describe('the plan decisions', () => {
  it('the supervisor approves or returns a submitted plan (with a comment); the caseworker sees no such buttons', async () => {
    const submitted = plan({ status: 'submitted', allowed: ['approve_plan', 'return_plan'] });
    const calls = fakeApi(null, (call) => {
      if (call.url === `${CASE_URL}/plans` && call.method === 'GET') return json({ items: [submitted] });
      if (call.url.endsWith('/return')) return json(plan({ status: 'returned', allowed: [] }));
      return undefined;
    });
    renderSection(<PlansSection caseView={caseView({ allowed: ['approve_plan', 'return_plan'] })} />);
    await screen.findByTestId('plan-approve');
    expect(screen.queryByTestId('plan-submit')).toBeNull();
    expect(screen.queryByTestId('plan-edit')).toBeNull();
    fireEvent.click(screen.getByTestId('plan-return'));
    fireEvent.click(screen.getByTestId('plan-return-confirm'));
    expect(await screen.findByText('This field is required.', { exact: false })).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/return'))).toBe(false);
    fireEvent.change(screen.getByLabelText('Comment for the caseworker', { exact: false }), { target: { value: 'Add a school goal.' } });
    fireEvent.click(screen.getByTestId('plan-return-confirm'));
    await waitFor(() => expect(calls.find((c) => c.url === `${CASE_URL}/plans/${PLAN_ID}/return`)?.body).toEqual({ comment: 'Add a school goal.', version: 3 }));
  });
});

describe('the plan editor', () => {
  it('on a conflicting save shows the other\'s version beside mine, and reloads theirs before saving again', async () => {
    const theirs = plan({
      version: 4, updatedByName: 'Besa Kola',
      goals: [{ id: GOAL_ID, position: 0, domain: 'education', description: 'Arta returns to school' }],
    });
    let puts = 0;
    const calls = fakeApi(null, (call) => {
      if (call.url === `${CASE_URL}/plans` && call.method === 'GET') return json({ items: [plan()] });
      if (call.url === `${CASE_URL}/plans/${PLAN_ID}` && call.method === 'PUT') {
        puts += 1;
        return puts === 1 ? json({ message: 'changed meanwhile', current: theirs, changedBy: 'Besa Kola' }, 409) : json(theirs);
      }
      return undefined;
    });
    renderSection(<PlansSection caseView={caseView({ allowed: ['edit_plan', 'submit_plan'] })} />);
    fireEvent.click(await screen.findByTestId('plan-edit'));
    const goal = within(screen.getByTestId('plan-goal-0')).getByLabelText('Goal', { exact: false });
    fireEvent.change(goal, { target: { value: 'Arta sleeps safely' } });
    fireEvent.click(screen.getByTestId('add-action'));
    const action = screen.getByTestId('plan-action-0');
    fireEvent.change(within(action).getByLabelText('Service', { exact: false }), { target: { value: 'family_support' } });
    fireEvent.change(within(action).getByLabelText('What will be done', { exact: false }), { target: { value: 'Parenting sessions' } });
    fireEvent.change(within(action).getByLabelText('Due date', { exact: false }), { target: { value: '2026-03-01' } });
    // Nobody named as responsible: refused on the form, at the server's path.
    fireEvent.click(screen.getByTestId('plan-save'));
    expect(await within(action).findByText('Say who is responsible.')).toBeTruthy();
    fireEvent.change(within(action).getByLabelText('Responsible organisation'), { target: { value: NGO } });
    await waitFor(() => expect(within(action).getByRole('option', { name: 'Qendra Jeta' })).toBeTruthy());
    fireEvent.change(within(action).getByLabelText('Responsible organisation'), { target: { value: NGO } });
    fireEvent.click(screen.getByTestId('plan-save'));

    const conflict = await screen.findByTestId('plan-conflict');
    expect(within(conflict).getByText('Besa Kola saved this plan while you were editing it. Nothing of yours was saved.')).toBeTruthy();
    expect(within(screen.getByTestId('plan-conflict-theirs')).getByText('Education: Arta returns to school')).toBeTruthy();
    expect(within(screen.getByTestId('plan-conflict-mine')).getByText('Safety: Arta sleeps safely')).toBeTruthy();
    const firstPut = calls.find((c) => c.method === 'PUT')!;
    expect(firstPut.body).toMatchObject({ version: 3, goals: [{ id: GOAL_ID, domain: 'safety', description: 'Arta sleeps safely' }],
      actions: [{ service: 'family_support', responsibleOrgId: NGO, dueDate: '2026-03-01', status: 'planned' }] });
    expect((screen.getByTestId('plan-save') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByTestId('plan-conflict-reload'));
    expect(screen.queryByTestId('plan-conflict')).toBeNull();
    expect((within(screen.getByTestId('plan-goal-0')).getByLabelText('Goal', { exact: false }) as HTMLTextAreaElement).value).toBe('Arta returns to school');
    fireEvent.click(screen.getByTestId('plan-save'));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'PUT')[1]!.body).toMatchObject({ version: 4, goals: [{ description: 'Arta returns to school', domain: 'education' }] });
  });
});
