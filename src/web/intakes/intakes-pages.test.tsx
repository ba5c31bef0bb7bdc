// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { IntakeListItem, IntakeView } from '../../intakes/intake-schema.ts';
import { App } from '../app/App.tsx';
import { createQueryClient } from '../app/query-client.ts';
import { routes } from '../app/routes.tsx';
import type { Me } from '../auth/types.ts';
import { i18n } from '../app/i18n.ts';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** The police-station team's pages against a fake of the HTTP API (the boundary, not our database). */
const TEAM = '00000000-0000-4000-8000-0000000000aa';
const STATION = '00000000-0000-4000-8000-0000000000ab';
const INTAKE = '00000000-0000-4000-8000-0000000000b1';
const CHILD = '00000000-0000-4000-8000-0000000000c1';

const ME: Me = {
  id: '00000000-0000-4000-8000-000000000001', username: 'police_support', displayName: 'Dritan Shehu', roles: ['police_support'], language: 'en',
  organisation: { id: TEAM, name: 'Team Korçë', sector: 'social_services', jurisdictionCode: 'AL-06-03', country: 'AL', isProtectionUnit: false, timeZone: 'Europe/Tirane' },
};
const JURISDICTIONS = [
  { code: 'AL', country: 'AL', level: 'country', parentCode: null, nameLocal: 'Shqipëria', nameEn: 'Albania' },
  { code: 'AL-06', country: 'AL', level: 'region', parentCode: 'AL', nameLocal: 'Korçë', nameEn: 'Korçë' },
  { code: 'AL-06-03', country: 'AL', level: 'municipality', parentCode: 'AL-06', nameLocal: 'Korçë', nameEn: 'Korçë' },
];
const ORGANISATIONS = [
  { id: STATION, name: 'Police Korçë', sector: 'police', isProtectionUnit: false, active: true },
  { id: TEAM, name: 'Team Korçë', sector: 'social_services', isProtectionUnit: false, active: true },
];

const row = (over: Partial<IntakeListItem> = {}): IntakeListItem => ({
  id: INTAKE, calledAt: '2026-03-01T21:10:00Z', arrivedAt: '2026-03-01T21:52:00Z', responseMinutes: 42, stationName: 'Police Korçë',
  legalSituation: 'victim', outcome: 'returned_to_family', childCount: 1, unitName: 'CPU Korçë', screened: true, casesOpened: 1,
  responsibleNames: ['Elira Dervishi'], childLastSeenAt: '2026-03-05T10:00:00Z', accessReason: 'team', ...over,
});
const view: IntakeView = {
  id: INTAKE, country: 'AL', teamName: 'Team Korçë', recordedByName: 'Dritan Shehu', stationId: STATION, stationName: 'Police Korçë',
  calledAt: '2026-03-01T21:10:00Z', arrivedAt: '2026-03-01T21:52:00Z', responseMinutes: 42, teamMembers: [{ name: 'Dritan Shehu', role: 'Social worker' }],
  municipalityCode: 'AL-06-03', children: [{ id: CHILD, givenName: 'Ilir', familyName: 'Marku', sex: 'male', birthDate: '2010-06-02' }],
  legalSituation: 'victim', harmTypes: ['physical'], parentPresent: true, lawyerPresent: false, psychologistPresent: true, childFriendlyRoom: true,
  supportGiven: 'Stayed with him.', outcome: 'returned_to_family', outcomeNote: null, signalId: '00000000-0000-4000-8000-0000000000d1',
  followUp: { screened: true, screenedAt: '2026-03-02T08:00:00Z', unitName: 'CPU Korçë', children: [{ childId: CHILD, caseOpened: true, responsibleName: 'Elira Dervishi', childLastSeenAt: null }] },
  createdAt: '2026-03-01T22:30:00Z', accessReason: 'team',
};

interface Call { url: string; method: string; body: any }
function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
function fakeApi(handler: (call: Call, u: URL) => Response | undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const call = { url: input, method: init.method ?? 'GET', body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const u = new URL(input, 'http://app');
    if (u.pathname === '/api/v1/auth/me') return json({ user: ME, csrfToken: 't' });
    if (u.pathname === '/api/v1/organisations') return json({ items: ORGANISATIONS });
    if (u.pathname === '/api/v1/jurisdictions') {
      const p = u.searchParams;
      return json({ items: JURISDICTIONS.filter((j) => (!p.get('level') || j.level === p.get('level')) && (!p.get('parent') || j.parentCode === p.get('parent'))) });
    }
    if (u.pathname === '/api/v1/home') return json({});
    return handler(call, u) ?? json({ message: 'not found' }, 404);
  }));
  return calls;
}
const renderAt = (path: string) => render(<App router={createMemoryRouter(routes, { initialEntries: [path] })} queryClient={createQueryClient()} />);

usePageTestLifecycle();

describe('the team\'s intakes', () => {
  it('the list shows the follow-up in columns and sends the filters of the address', async () => {
    const calls = fakeApi((_c, u) => (u.pathname === '/api/v1/intakes' ? json({ items: [row(), row({ id: '00000000-0000-4000-8000-0000000000b2', screened: false, casesOpened: 0, responsibleNames: [], childLastSeenAt: null })], total: 2 }) : undefined));
    renderAt('/intakes?screened=true&legalSituation=victim');
    const table = await screen.findByRole('table');
    await within(table).findByText('Elira Dervishi');
    expect(within(table).getByText('Not screened yet')).toBeTruthy();
    expect(within(table).getByText('No case')).toBeTruthy();
    const list = calls.find((c) => c.url.startsWith('/api/v1/intakes?'))!;
    expect(list.url).toContain('screened=true');
    expect(list.url).toContain('legalSituation=victim');
    expect((screen.getByLabelText('Situation with the law') as HTMLSelectElement).value).toBe('victim');
  });

  it('the intake page shows what the team wrote and the unit\'s follow-up', async () => {
    fakeApi((_c, u) => (u.pathname === `/api/v1/intakes/${INTAKE}` ? json(view) : undefined));
    renderAt(`/intakes/${INTAKE}`);
    const followUp = await screen.findByTestId('intake-follow-up');
    expect(followUp.textContent).toContain('CPU Korçë');
    expect(screen.getByText('Case opened – Elira Dervishi')).toBeTruthy();
    expect(screen.getByTestId('intake-children').textContent).toContain('Ilir Marku');
    expect(screen.getByText('42 minutes')).toBeTruthy();
  });

  it('the form names what is missing, refuses an arrival before the call, and places the server\'s refusal in the reader\'s language', async () => {
    const calls = fakeApi(({ url, method }) => (url === '/api/v1/intakes' && method === 'POST'
      ? json({ message: 'The intake has errors', issues: [{ path: 'stationId', message: 'is not a police station of your country' }] }, 400) : undefined));
    renderAt('/intakes/new');
    await screen.findByRole('option', { name: 'Police Korçë' });
    const submit = screen.getByRole('button', { name: 'Save and refer to the unit' });
    fireEvent.click(submit);
    await waitFor(() => expect(document.getElementById('intake-legal-situation')!.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('intake-station')!.getAttribute('aria-invalid')).toBe('true');
    const set = (id: string, value: string) => fireEvent.change(document.getElementById(id)!, { target: { value } });
    set('intake-station', STATION);
    set('intake-called-at', '2026-03-01T22:00');
    set('intake-arrived-at', '2026-03-01T21:00');
    set('intake-member-0-role', 'Social worker');
    set('signal-child-0-given-name', 'Ilir');
    set('signal-child-0-family-name', 'Marku');
    set('intake-legal-situation', 'victim');
    set('intake-outcome', 'returned_to_family');
    fireEvent.click(screen.getByLabelText('Physical violence', { exact: false }));
    fireEvent.click(submit);
    expect(await screen.findByText('must not be before the call')).toBeTruthy();
    expect(calls.some((c) => c.url === '/api/v1/intakes' && c.method === 'POST')).toBe(false);

    // The server's refusal of the station, placed on the field in the reader's language (Albanian).
    await act(() => i18n.changeLanguage('sq'));
    set('intake-arrived-at', '2026-03-01T22:30');
    fireEvent.click(screen.getByTestId('record-intake-submit'));
    expect(await screen.findByText('nuk është komisariat policie i vendit tuaj')).toBeTruthy();
    expect(document.getElementById('intake-station')!.getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.url === '/api/v1/intakes' && c.method === 'POST')).toHaveLength(1);
  });

  it('Home shows the team\'s block: awaiting screening and followed up, each a link to the filtered list', async () => {
    fakeApi((_c, u) => {
      if (u.pathname !== '/api/v1/intakes') return undefined;
      const total = u.searchParams.get('screened') === 'false' ? 3 : u.searchParams.get('followedUp') === 'true' ? 2 : 7;
      return json({ items: [], total });
    });
    renderAt('/');
    const awaiting = await screen.findByTestId('home-intakes-awaiting');
    expect(awaiting.textContent).toBe('3 intakes awaiting screening by the unit');
    expect(awaiting.getAttribute('href')).toBe('/intakes?screened=false');
    expect((await screen.findByTestId('home-intakes-with-case')).getAttribute('href')).toBe('/intakes?followedUp=true');
    expect(screen.getByTestId('home-intakes-all').textContent).toBe('7 intakes in all');
  });
});
