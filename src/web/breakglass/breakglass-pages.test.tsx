// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { BreakGlassGrant } from '../../breakglass/breakglass-schema.ts';
import { App } from '../app/App.tsx';
import { createQueryClient } from '../app/query-client.ts';
import { routes } from '../app/routes.tsx';
import type { Me } from '../auth/types.ts';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** The emergency access pages against a fake of the HTTP API (the boundary, not our database). */
const TEAM = '00000000-0000-4000-8000-0000000000aa';
const UNIT = '00000000-0000-4000-8000-0000000000ab';
const GRANT = '00000000-0000-4000-8000-0000000000b1';
const CHILD = '00000000-0000-4000-8000-0000000000c1';
const org = (id: string, name: string, isProtectionUnit: boolean) =>
  ({ id, name, sector: 'social_services' as const, jurisdictionCode: 'AL-06-03', country: 'AL', isProtectionUnit, timeZone: 'Europe/Tirane' });
const TEAM_ME: Me = { id: '00000000-0000-4000-8000-000000000001', username: 'police_support', displayName: 'Dritan Shehu', roles: ['police_support'], language: 'en', organisation: org(TEAM, 'Team Korçë', false) };
const SUPERVISOR: Me = { id: '00000000-0000-4000-8000-000000000002', username: 'supervisor', displayName: 'Arben Hoxha', roles: ['supervisor'], language: 'en', organisation: org(UNIT, 'CPU Korçë', true) };

const grant: BreakGlassGrant = {
  id: GRANT, childId: CHILD, requesterName: 'Dritan Shehu', organisationName: 'Team Korçë', unitName: 'CPU Korçë',
  reason: 'Child at the station at night; is a case open?', grantedAt: '2026-03-01T01:00:00Z', expiresAt: '2026-03-01T05:00:00Z', active: true,
  review: null, reviewNote: null, reviewerName: null, reviewedAt: null,
};

interface Call { url: string; method: string; body: any }
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
function fakeApi(me: Me, handler: (call: Call, u: URL) => Response | undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const call = { url: input, method: init.method ?? 'GET', body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const u = new URL(input, 'http://app');
    if (u.pathname === '/api/v1/auth/me') return json({ user: me, csrfToken: 't' });
    if (u.pathname === '/api/v1/jurisdictions') return json({ items: [] });
    return handler(call, u) ?? json({ message: 'not found' }, 404);
  }));
  return calls;
}
const renderAt = (path: string) => render(<App router={createMemoryRouter(routes, { initialEntries: [path] })} queryClient={createQueryClient()} />);

usePageTestLifecycle();

describe('emergency access pages', () => {
  it('the request names what is missing; no match answers with the same shape and says so', async () => {
    const calls = fakeApi(TEAM_ME, ({ url, method }, u) => {
      if (u.pathname === '/api/v1/break-glass/grants') return json({ items: [] });
      if (url === '/api/v1/break-glass/requests' && method === 'POST') return json({ grants: [], inReach: [] });
      return undefined;
    });
    renderAt('/break-glass');
    await screen.findByText('You have not used emergency access.');
    const submit = screen.getByRole('button', { name: 'Ask for emergency access' });
    fireEvent.click(submit);
    await waitFor(() => expect(document.getElementById('bg-reason')!.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('bg-given-name')!.getAttribute('aria-invalid')).toBe('true');
    const set = (id: string, value: string) => fireEvent.change(document.getElementById(id)!, { target: { value } });
    set('bg-given-name', 'Nobody');
    set('bg-family-name', 'Unknown');
    set('bg-birth-date', '02/03/2015');
    set('bg-reason', 'too short');
    fireEvent.click(submit);
    await waitFor(() => expect(document.getElementById('bg-reason')!.getAttribute('aria-invalid')).toBe('true'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    set('bg-reason', 'Child at the station at night; is a case open?');
    fireEvent.click(submit);
    expect(await screen.findByText(/No record out of your reach matches these details/)).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ givenName: 'Nobody', familyName: 'Unknown', birthDate: '2015-03-02', reason: 'Child at the station at night; is a case open?' });
  });

  it('an expired grant\'s record says the access is gone (the server answers 404)', async () => {
    fakeApi(TEAM_ME, () => undefined);
    renderAt(`/break-glass/grants/${GRANT}`);
    expect(await screen.findByText('This access has expired or is not yours.')).toBeTruthy();
  });

  it('the supervisor reviews; a review made meanwhile by another supervisor (409) is said, not lost', async () => {
    const calls = fakeApi(SUPERVISOR, ({ method }, u) => {
      if (u.pathname === '/api/v1/break-glass/reviews') return json({ items: [{ ...grant, childName: 'Ela Marku' }] });
      if (u.pathname === '/api/v1/break-glass/users') return json({ items: [{ userId: TEAM_ME.id, name: 'Dritan Shehu', username: 'police_support', organisationName: 'Team Korçë', grants: 3, justified: 1, unjustified: 2, pending: 0 }] });
      if (u.pathname === `/api/v1/break-glass/grants/${GRANT}/review` && method === 'POST') return json({ message: 'This emergency access has already been reviewed', current: { ...grant, review: 'justified' } }, 409);
      return undefined;
    });
    renderAt(`/break-glass/reviews?grant=${GRANT}`);
    expect(await screen.findByText('Ela Marku')).toBeTruthy();
    const users = await screen.findByTestId('break-glass-users');
    expect(users.querySelector('[data-username="police_support"]')!.textContent).toContain('Dritan Shehu (police_support)');
    fireEvent.change(screen.getByLabelText(/Your review/), { target: { value: 'unjustified' } });
    fireEvent.change(screen.getByLabelText(/^Note/), { target: { value: 'No call was logged.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the review' }));
    await screen.findByRole('alert');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ verdict: 'unjustified', note: 'No call was logged.' });
  });
});
