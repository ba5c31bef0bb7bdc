// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { LegalHolds } from '../../retention/retention-schema.ts';
import { CASE_ID, json, me, renderSection } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import { LegalHoldPanel } from './LegalHoldPanel.tsx';

/** A case's legal hold against a fake of the HTTP API: shown to the unit, placed and lifted by the supervisor with a reason. */
usePageTestLifecycle();

const HOLD = {
  id: '00000000-0000-4000-8000-0000000000a1', caseId: CASE_ID, reason: 'Criminal proceedings', placedAt: '2026-11-02T09:30:00Z', placedByName: 'Arben Hoxha',
  liftedAt: null, liftedByName: null, liftReason: null,
};

function serve(state: LegalHolds) {
  const posts: Array<{ url: string; body: unknown }> = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const u = new URL(input, 'http://app');
    if (u.pathname === '/api/v1/auth/me') return json({ user: me([state.canChange ? 'supervisor' : 'caseworker']), csrfToken: 't' });
    if (init.method === 'POST') {
      posts.push({ url: u.pathname, body: JSON.parse(String(init.body)) });
      return json({ ...state, inForce: HOLD });
    }
    if (u.pathname === `/api/v1/cases/${CASE_ID}/legal-hold`) return json(state);
    return json({ message: 'not found' }, 404);
  }));
  return posts;
}

describe('the legal hold of a case', () => {
  it('shows the hold in force, who placed it and why; a caseworker cannot change it', async () => {
    serve({ inForce: HOLD, history: [], canChange: false, retentionYears: 10 });
    renderSection(<LegalHoldPanel caseId={CASE_ID} />);
    const inForce = await screen.findByTestId('legal-hold-in-force');
    expect(inForce.textContent).toContain('Arben Hoxha');
    expect(inForce.textContent).toContain('Criminal proceedings');
    expect(screen.getByText(/10 years after/)).toBeTruthy();
    expect(screen.queryByTestId('legal-hold-change')).toBeNull();
    expect(screen.getByText("Only the unit's supervisor places or lifts a legal hold.")).toBeTruthy();
  });

  it('lets the supervisor place a hold only with a reason', async () => {
    const posts = serve({ inForce: null, history: [], canChange: true, retentionYears: 10 });
    renderSection(<LegalHoldPanel caseId={CASE_ID} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Place a legal hold' }));
    fireEvent.click(screen.getByRole('button', { name: 'Place the hold' }));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(posts).toEqual([]);
    fireEvent.change(screen.getByLabelText(/^Why must the case be kept/), { target: { value: 'Criminal proceedings' } });
    fireEvent.click(screen.getByRole('button', { name: 'Place the hold' }));
    await waitFor(() => expect(posts).toEqual([{ url: `/api/v1/cases/${CASE_ID}/legal-hold`, body: { reason: 'Criminal proceedings' } }]));
    expect(await screen.findByTestId('legal-hold-in-force')).toBeTruthy();
  });

  it('lets the supervisor lift the hold with a reason', async () => {
    const posts = serve({ inForce: HOLD, history: [], canChange: true, retentionYears: 10 });
    renderSection(<LegalHoldPanel caseId={CASE_ID} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Lift the hold' }));
    fireEvent.change(screen.getByLabelText(/^Why is the hold lifted/), { target: { value: 'Proceedings ended' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Lift the hold' }).at(-1)!);
    await waitFor(() => expect(posts).toEqual([{ url: `/api/v1/cases/${CASE_ID}/legal-hold/lift`, body: { reason: 'Proceedings ended' } }]));
  });
});
