// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AssessmentsSection } from '../assessments/AssessmentsSection.tsx';
import { ContactsSection } from '../contacts/ContactsSection.tsx';
import { PlacementsSection } from '../placements/PlacementsSection.tsx';
import { PlansSection } from '../plans/PlansSection.tsx';
import { ReferralsSection } from '../referrals/ReferralsSection.tsx';
import { CASE_ID, GOAL_ID, NGO, PLAN_ID, caseView, fakeApi, json, plan, renderSection } from './test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** The case page's sections against a fake of the HTTP API (the boundary, not our database). */
usePageTestLifecycle();

const base = `/api/v1/cases/${CASE_ID}`;
const empty = ({ url }: { url: string }) =>
  url === `${base}/assessments` ? json({ items: [], riskHistory: [] })
    : [`${base}/plans`, `${base}/contacts`, `${base}/placements`, `${base}/referrals`].includes(url) ? json({ items: [] }) : undefined;

describe('the risk assessment form', () => {
  it('shows the suggested level live and asks for a reason only when the chosen level differs', async () => {
    const calls = fakeApi(null, (call) => {
      if (call.url === `${base}/assessments` && call.method === 'POST') return json({ id: 'x' }, 201);
      return empty(call);
    });
    renderSection(<AssessmentsSection caseView={caseView({ allowed: ['record_risk_assessment'] })} />);
    fireEvent.click(await screen.findByTestId('new-assessment-risk'));
    const suggested = screen.getByTestId('suggested-level');
    expect(suggested.textContent).toBe('Suggested level from the factors: Low');
    fireEvent.click(screen.getByLabelText('Domestic violence'));
    expect(suggested.textContent).toBe('Suggested level from the factors: Medium');
    fireEvent.click(screen.getByLabelText('Injury observed'));
    expect(suggested.textContent).toBe('Suggested level from the factors: High');

    // The suggested level needs no reason …
    fireEvent.change(screen.getByLabelText('Risk level', { exact: false }), { target: { value: 'high' } });
    expect(screen.queryByLabelText('Why a level other than the suggested one', { exact: false })).toBeNull();
    // … another one does, and nothing is sent without it.
    fireEvent.change(screen.getByLabelText('Risk level', { exact: false }), { target: { value: 'medium' } });
    const reason = screen.getByLabelText('Why a level other than the suggested one', { exact: false });
    fireEvent.click(screen.getByLabelText('No: say why'));
    fireEvent.change(screen.getByLabelText('Why the child was not heard', { exact: false }), { target: { value: 'Asleep' } });
    fireEvent.click(screen.getByTestId('assessment-submit'));
    expect(await screen.findByText('Say why you chose a level other than the suggested one.')).toBeTruthy();
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(reason, { target: { value: 'The father left the country yesterday.' } });
    fireEvent.click(screen.getByTestId('assessment-submit'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body.riskFactors).toHaveLength(2);
    expect(post.body).toMatchObject({
      kind: 'risk', riskFactors: expect.arrayContaining(['injury_observed', 'domestic_violence']),
      protectiveFactors: [], riskLevel: 'medium', levelReason: 'The father left the country yesterday.', childViews: null, childNotHeardReason: 'Asleep',
    });
    expect(post.body.assessedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/);
    await waitFor(() => expect(screen.queryByTestId('assessment-form-risk')).toBeNull());
  });

  it('the comprehensive form asks for all seven domains', async () => {
    const calls = fakeApi(null, empty);
    renderSection(<AssessmentsSection caseView={caseView({ allowed: ['record_comprehensive_assessment'] })} />);
    fireEvent.click(await screen.findByTestId('new-assessment-comprehensive'));
    for (const d of ['Safety', 'Health', 'Education', 'Psychosocial well-being', 'Family and caregiving', 'Economic situation', 'Legal status and documents']) {
      expect(screen.getByRole('group', { name: d })).toBeTruthy();
    }
    fireEvent.click(screen.getByTestId('assessment-submit'));
    const safety = within(screen.getByTestId('domain-safety')).getByLabelText('Level of need', { exact: false });
    await waitFor(() => expect(safety.getAttribute('aria-invalid')).toBe('true'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});

describe('buttons follow the case view\'s allowed actions', () => {
  it('offers nothing to record when nothing is allowed', async () => {
    fakeApi(null, empty);
    const cv = caseView({ allowed: [] });
    renderSection(<><AssessmentsSection caseView={cv} /><PlansSection caseView={cv} /><ContactsSection caseView={cv} /><PlacementsSection caseView={cv} /><ReferralsSection caseView={cv} /></>);
    await screen.findByText('No assessment yet.');
    await screen.findByText('No plan is being prepared.');
    await screen.findByText('No referral yet.');
    await screen.findByText('No contact recorded yet.');
    await screen.findByText('The child is not in a placement.');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('offers exactly the allowed ones', async () => {
    fakeApi(null, empty);
    const cv = caseView({ allowed: ['record_initial_assessment', 'record_contact', 'refer', 'edit_plan'] });
    renderSection(<><AssessmentsSection caseView={cv} /><PlansSection caseView={cv} /><ContactsSection caseView={cv} /><PlacementsSection caseView={cv} /><ReferralsSection caseView={cv} /></>);
    await screen.findByTestId('new-assessment-initial');
    expect(screen.queryByTestId('new-assessment-risk')).toBeNull();
    expect(screen.queryByTestId('new-assessment-comprehensive')).toBeNull();
    expect(await screen.findByTestId('new-contact')).toBeTruthy();
    expect(await screen.findByTestId('new-referral')).toBeTruthy();
    expect(await screen.findByTestId('plan-new')).toBeTruthy();
    await screen.findByText('The child is not in a placement.');
    expect(screen.queryByTestId('new-placement')).toBeNull();
  });

  it('the supervisor approves or returns a submitted plan (with a comment); the caseworker sees no such buttons', async () => {
    const submitted = plan({ status: 'submitted', allowed: ['approve_plan', 'return_plan'] });
    const calls = fakeApi(null, (call) => {
      if (call.url === `${base}/plans` && call.method === 'GET') return json({ items: [submitted] });
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
    await waitFor(() => expect(calls.find((c) => c.url === `${base}/plans/${PLAN_ID}/return`)?.body).toEqual({ comment: 'Add a school goal.', version: 3 }));
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
      if (call.url === `${base}/plans` && call.method === 'GET') return json({ items: [plan()] });
      if (call.url === `${base}/plans/${PLAN_ID}` && call.method === 'PUT') {
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

describe('referring from the case', () => {
  it('requires the best-interests reason unless the child and the caregiver both consent', async () => {
    const calls = fakeApi(null, (call) => {
      if (call.url === `${base}/referrals` && call.method === 'POST') return json({ id: 'r' }, 201);
      return empty(call);
    });
    renderSection(<ReferralsSection caseView={caseView({ allowed: ['refer'] })} />);
    fireEvent.click(await screen.findByTestId('new-referral'));
    const provider = screen.getByLabelText(/^Provider/);
    await waitFor(() => expect(within(provider).getByRole('option', { name: 'Qendra Jeta' })).toBeTruthy());
    // Protection units are not providers.
    expect(within(provider).queryByRole('option', { name: 'CPU Korçë' })).toBeNull();
    fireEvent.change(provider, { target: { value: NGO } });
    fireEvent.change(screen.getByLabelText('Service', { exact: false }), { target: { value: 'legal_aid' } });
    fireEvent.change(screen.getByLabelText('What is asked of the provider', { exact: false }), { target: { value: 'Represent the child' } });
    const child = screen.getByRole('group', { name: /The child's consent/ });
    const caregiver = screen.getByRole('group', { name: /The caregiver's consent/ });
    fireEvent.click(within(child).getByLabelText('Given'));
    fireEvent.click(within(caregiver).getByLabelText('Given'));
    expect(screen.queryByLabelText('Why the referral is in the child\'s best interests', { exact: false })).toBeNull();
    fireEvent.click(within(caregiver).getByLabelText('Refused'));
    const reason = screen.getByLabelText('Why the referral is in the child\'s best interests', { exact: false });
    fireEvent.click(screen.getByTestId('referral-submit'));
    expect(await screen.findByText('Say why: the child and the caregiver have not both consented.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(reason, { target: { value: 'The father refuses any help; the child needs counsel now.' } });
    fireEvent.click(screen.getByTestId('referral-submit'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      providerOrgId: NGO, service: 'legal_aid', request: 'Represent the child', consentChild: 'given', consentCaregiver: 'refused',
      bestInterestsReason: 'The father refuses any help; the child needs counsel now.',
    }));
  });
});
