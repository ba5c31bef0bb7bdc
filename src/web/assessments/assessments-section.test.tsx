// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CASE_URL, caseView, emptySections, fakeApi, json, renderSection } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import { AssessmentsSection } from './AssessmentsSection.tsx';

/** The case page's assessments section against a fake of the HTTP API (the boundary, not our database). */
usePageTestLifecycle();

describe('the risk assessment form', () => {
  it('shows the suggested level live and asks for a reason only when the chosen level differs', async () => {
    const calls = fakeApi(null, (call) => {
      if (call.url === `${CASE_URL}/assessments` && call.method === 'POST') return json({ id: 'x' }, 201);
      return emptySections(call);
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
    const calls = fakeApi(null, emptySections);
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
