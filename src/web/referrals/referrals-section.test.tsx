// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CASE_URL, NGO, caseView, emptySections, fakeApi, json, renderSection } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import { ReferralsSection } from './ReferralsSection.tsx';

/** The case page's referrals section against a fake of the HTTP API (the boundary, not our database). */
usePageTestLifecycle();

describe('referring from the case', () => {
  it('requires the best-interests reason unless the child and the caregiver both consent', async () => {
    const calls = fakeApi(null, (call) => {
      if (call.url === `${CASE_URL}/referrals` && call.method === 'POST') return json({ id: 'r' }, 201);
      return emptySections(call);
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
