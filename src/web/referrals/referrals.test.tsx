// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { REFERRAL_ID, fakeApi, json, me, referral, renderAt } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** The referrals inbox and a referral's page against a fake of the HTTP API. */
usePageTestLifecycle();

const page = `/api/v1/referrals/${REFERRAL_ID}`;

describe('the referrals inbox', () => {
  it('a provider sees the referrals sent to it, filtered by status through the query', async () => {
    const calls = fakeApi(me(['provider'], true), ({ url }) =>
      url.startsWith('/api/v1/referrals?') ? json({ items: [referral({ overdue: true })] }) : undefined);
    renderAt('/referrals');
    const link = await screen.findByRole('link', { name: 'Arta Hoxha' });
    expect(link.getAttribute('href')).toBe(`/referrals/${REFERRAL_ID}`);
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('CPU Korçë')).toBeTruthy();
    expect(within(row).getByText('Overdue')).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/v1/referrals?direction=incoming')).toBe(true);
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'accepted' } });
    await waitFor(() => expect(calls.some((c) => c.url === '/api/v1/referrals?direction=incoming&status=accepted')).toBe(true));
  });

  it('the unit sees what it sent', async () => {
    const calls = fakeApi(me(['caseworker']), ({ url }) => (url.startsWith('/api/v1/referrals?') ? json({ items: [referral()] }) : undefined));
    renderAt('/referrals');
    const row = (await screen.findByRole('link', { name: 'Arta Hoxha' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Qendra Jeta')).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/v1/referrals?direction=outgoing')).toBe(true);
  });
});

describe('a referral\'s page', () => {
  it('the provider accepts or declines (with a reason): only the allowed steps show', async () => {
    let current = referral({ allowed: ['accept', 'decline'], consentCaregiver: 'not_asked', bestInterestsReason: 'Urgent' });
    const calls = fakeApi(me(['provider'], true), ({ url, method, body }) => {
      if (url === page && method === 'GET') return json(current);
      if (url === `${page}/decline`) {
        current = { ...current, status: 'declined', declineReason: body.reason, allowed: [], version: 2 };
        return json(current);
      }
      return undefined;
    });
    renderAt(`/referrals/${REFERRAL_ID}`);
    await screen.findByTestId('referral-accept');
    expect(screen.getByText('Not asked')).toBeTruthy();
    for (const hidden of ['referral-withdraw', 'referral-complete', 'referral-services']) expect(screen.queryByTestId(hidden)).toBeNull();
    fireEvent.click(screen.getByTestId('referral-decline'));
    fireEvent.click(screen.getByTestId('referral-step-confirm'));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(calls.some((c) => c.url.endsWith('/decline'))).toBe(false);
    fireEvent.change(screen.getByLabelText('Why it was declined', { exact: false }), { target: { value: 'No places until June' } });
    fireEvent.click(screen.getByTestId('referral-step-confirm'));
    await waitFor(() => expect(screen.getByTestId('referral-status').textContent).toContain('Declined'));
    expect(calls.find((c) => c.url === `${page}/decline`)?.body).toEqual({ reason: 'No places until June', version: 1 });
    expect(screen.queryByTestId('referral-accept')).toBeNull();
    expect(screen.getByText('No places until June')).toBeTruthy();
  });

  it('an accepted referral: the provider records a service; the referring unit may only withdraw', async () => {
    const calls = fakeApi(me(['provider'], true), ({ url, method }) => {
      if (url === page && method === 'GET') return json(referral({ status: 'accepted', allowed: ['record_service', 'complete'] }));
      if (url === `${page}/services`) return json({ id: 's' }, 201);
      return undefined;
    });
    renderAt(`/referrals/${REFERRAL_ID}`);
    fireEvent.click(await screen.findByTestId('referral-services'));
    expect(screen.queryByTestId('referral-accept')).toBeNull();
    fireEvent.change(screen.getByLabelText('Delivered on'), { target: { value: '2026-01-20' } });
    fireEvent.change(screen.getByLabelText('Sessions'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('What was delivered', { exact: false }), { target: { value: 'Two counselling sessions' } });
    fireEvent.click(screen.getByTestId('referral-step-confirm'));
    await waitFor(() => expect(calls.find((c) => c.url === `${page}/services`)?.body).toEqual({ deliveredOn: '2026-01-20', description: 'Two counselling sessions', sessions: 2 }));
    cleanup();
    vi.unstubAllGlobals();

    fakeApi(me(['caseworker']), ({ url }) => (url === page ? json(referral({ status: 'accepted', allowed: ['withdraw'] })) : undefined));
    renderAt(`/referrals/${REFERRAL_ID}`);
    await screen.findByTestId('referral-withdraw');
    const steps = within(screen.getByTestId('referral-steps')).getAllByRole('button');
    expect(steps.map((b) => b.getAttribute('data-testid'))).toEqual(['referral-withdraw']);
  });
});

describe('a referral withdrawn by the case\'s closure', () => {
  it('says so on its page and in the case\'s referrals', async () => {
    fakeApi(me(['caseworker']), ({ url: u }) => {
      if (u === `/api/v1/referrals/${REFERRAL_ID}`) return json(referral({ status: 'withdrawn', withdrawnCode: 'case_closed', withdrawnReason: null }));
      return undefined;
    });
    renderAt(`/referrals/${REFERRAL_ID}`);
    expect((await screen.findByTestId('referral-withdrawn-on-closure')).textContent).toBe('Withdrawn when the case was closed');
    expect(screen.getByTestId('referral-status').textContent).toContain('Withdrawn');
  });
});
