// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../domain/roles.ts';
import type { ChildView } from '../../children/child-schema.ts';
import type { SignalView } from '../../signals/signal-schema.ts';
import { App } from '../app/App.tsx';
import { createQueryClient } from '../app/query-client.ts';
import { routes } from '../app/routes.tsx';
import type { Me } from '../auth/types.ts';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** How the cases are reached from elsewhere (child page, signal page) and the cross-border form, against a fake API. */
const UNIT = '00000000-0000-4000-8000-0000000000aa';
const CASE_ID = '00000000-0000-4000-8000-0000000000d1';
const CHILD = '00000000-0000-4000-8000-0000000000c1';
const SIGNAL_ID = '00000000-0000-4000-8000-0000000000b1';
const CB_ID = '00000000-0000-4000-8000-0000000000f1';

function me(roles: Role[]): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001', username: 'worker', displayName: 'Worker One', roles, language: 'en',
    organisation: { id: UNIT, name: 'CPU Korçë', sector: 'social_services', jurisdictionCode: 'AL-06-03', country: 'AL', isProtectionUnit: true, timeZone: 'Europe/Tirane' },
  };
}
function child(over: Partial<ChildView> = {}): ChildView {
  return {
    id: CHILD, country: 'AL', givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: '2015-03-09',
    birthDateEstimated: false, municipalityCode: 'AL-06-03', languages: ['sq'], inSchool: true, schoolName: null,
    unitId: UNIT, unitName: 'CPU Korçë', ownerId: null, ownerName: null, version: 1,
    createdAt: '2024-01-02T10:00:00Z', updatedAt: '2024-02-03T11:00:00Z', accessReason: 'unit_caseworker',
    withheld: [], address: null, vulnerabilities: [], notes: null, ...over,
  };
}
const caseView = (over: Record<string, unknown> = {}) => ({
  id: CASE_ID, country: 'AL', ref: null, child: { id: CHILD, givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: '2015-03-09' },
  unitId: UNIT, unitName: 'CPU Korçë', ownerId: null, ownerName: null, status: 'open', riskLevel: 'medium',
  openedAt: '2024-05-02T08:30:00Z', openedByName: null, signalIds: [], initialAssessmentDueAt: '2024-05-05T21:59:59Z',
  initialAssessmentAt: null, planDueAt: '2024-06-01T21:59:59Z', reviewDueAt: null, lastContactAt: null, childLastSeenAt: null,
  planInForce: null, currentPlacement: null, pendingTransfer: null, closure: null, decisions: [], overdue: [], accessReason: 'unit_caseworker',
  allowed: ['send_cross_border', 'acknowledge_cross_border'], fullAccess: true, version: 2, updatedAt: '2024-05-02T08:30:00Z', ...over,
});

interface Call { url: string; method: string; body: any }
function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
function fakeApi(user: Me, handler: (call: Call) => Response | undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const call = { url: input, method: init.method ?? 'GET', body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const u = new URL(input, 'http://app');
    if (u.pathname === '/api/v1/auth/me') return json({ user, csrfToken: 't' });
    const answer = handler(call);
    if (answer) return answer;
    if (u.pathname === '/api/v1/jurisdictions' || u.pathname.endsWith('/timeline') || u.pathname.endsWith('/access-history')) return json({ items: [] });
    return json({ message: 'not found' }, 404);
  }));
  return calls;
}
function renderAt(path: string) {
  render(<App router={createMemoryRouter(routes, { initialEntries: [path] })} queryClient={createQueryClient()} />);
}

usePageTestLifecycle();

describe('reaching a case', () => {
  it('the unit opens a case from the child page: the risk level is required, then the case page shows', async () => {
    const calls = fakeApi(me(['caseworker']), ({ url, method }) => {
      if (url === `/api/v1/children/${CHILD}`) return json(child());
      if (url === '/api/v1/cases' && method === 'POST') return json(caseView({ allowed: [] }), 201);
      if (url === `/api/v1/cases/${CASE_ID}`) return json(caseView({ allowed: [] }));
      if (url.startsWith(`/api/v1/cases/${CASE_ID}/cross-border`)) return json({ items: [] });
      return undefined;
    });
    renderAt(`/children/${CHILD}`);
    fireEvent.click(await screen.findByTestId('open-case'));
    fireEvent.click(screen.getByTestId('open-case-submit'));
    const risk = screen.getByLabelText('Initial risk level', { exact: false });
    expect(risk.getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(risk, { target: { value: 'medium' } });
    fireEvent.click(screen.getByTestId('open-case-submit'));
    expect(await screen.findByTestId('case-header')).toBeTruthy();
    expect(calls.find((c) => c.url === '/api/v1/cases' && c.method === 'POST')?.body).toEqual({ childId: CHILD, riskLevel: 'medium' });
  });

  it('a child with an active case: the 409 links to that case', async () => {
    fakeApi(me(['supervisor']), ({ url, method }) => {
      if (url === `/api/v1/children/${CHILD}`) return json(child({ accessReason: 'unit_supervisor' }));
      if (url === '/api/v1/cases' && method === 'POST') return json({ message: 'This child already has an open case', caseId: CASE_ID }, 409);
      return undefined;
    });
    renderAt(`/children/${CHILD}`);
    fireEvent.click(await screen.findByTestId('open-case'));
    fireEvent.change(screen.getByLabelText('Initial risk level', { exact: false }), { target: { value: 'low' } });
    fireEvent.click(screen.getByTestId('open-case-submit'));
    expect((await screen.findByTestId('existing-case')).getAttribute('href')).toBe(`/cases/${CASE_ID}`);
    expect(screen.getByText('This child already has an active case.', { exact: false })).toBeTruthy();
  });

  it('no "Open a case" for a reader outside the unit', async () => {
    fakeApi(me(['partner']), ({ url }) => (url === `/api/v1/children/${CHILD}` ? json(child({ accessReason: 'signal' })) : undefined));
    renderAt(`/children/${CHILD}`);
    await screen.findByRole('heading', { name: 'Arta Hoxha' });
    expect(screen.queryByTestId('open-case')).toBeNull();
  });

  it('a screened signal links to its case', async () => {
    const signal = {
      id: SIGNAL_ID, country: 'AL', ref: null, receivedAt: '2024-05-02T08:30:00Z', channel: 'phone', source: 'neighbour',
      reporterName: null, reporterContact: null, harmTypes: ['neglect'], place: 'family', perpetrators: [], description: 'x', urgency: 'normal',
      municipalityCode: 'AL-06-03', regionCode: 'AL-06', unitId: UNIT, unitName: 'CPU Korçë', registeredByName: null, registeredOrgName: null,
      screeningDueAt: '2024-05-03T08:30:00Z', status: 'screened', overdue: false,
      screening: { decision: 'open_case', riskLevel: 'medium', reason: null, referredTo: null, screenedAt: '2024-05-02T10:00:00Z', screenedByName: null },
      children: [], version: 2, createdAt: '2024-05-02T08:31:00Z', accessReason: 'unit_caseworker', withheld: [], allowed: [], caseId: CASE_ID,
    } as unknown as SignalView;
    fakeApi(me(['caseworker']), ({ url }) => (url === `/api/v1/signals/${SIGNAL_ID}` ? json(signal) : undefined));
    renderAt(`/signals/${SIGNAL_ID}`);
    const link = within(await screen.findByTestId('signal-case-link')).getByRole('link');
    expect(link.getAttribute('href')).toBe(`/cases/${CASE_ID}`);
  });
});

describe('cross-border referrals', () => {
  it('sends one (a best-interests reason without both consents), offers the downloads and records the acknowledgement', async () => {
    let items: unknown[] = [];
    const calls = fakeApi(me(['caseworker']), ({ url, method, body }) => {
      if (url === `/api/v1/cases/${CASE_ID}`) return json(caseView());
      if (url === `/api/v1/cases/${CASE_ID}/cross-border` && method === 'GET') return json({ items });
      if (url === `/api/v1/cases/${CASE_ID}/cross-border` && method === 'POST') {
        items = [{ id: CB_ID, caseId: CASE_ID, ...body, language: 'bg', status: 'sent', keyId: 'k', sentAt: '2024-06-01T10:00:00Z', sentByName: null, acknowledgedAt: null, acknowledgedByName: null, acknowledgementNote: null }];
        return json(items[0], 201);
      }
      if (url === `/api/v1/cross-border/${CB_ID}/acknowledgement`) return json({ ...(items[0] as object), status: 'acknowledged' });
      return undefined;
    });
    renderAt(`/cases/${CASE_ID}`);
    expect(await screen.findByText('No cross-border referrals.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'More actions' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send a cross-border referral' }));
    fireEvent.change(screen.getByLabelText('Destination country', { exact: false }), { target: { value: 'BG' } });
    fireEvent.change(screen.getByLabelText('Receiving authority', { exact: false }), { target: { value: 'ASP Sofia' } });
    fireEvent.change(screen.getByLabelText(/^Reason/), { target: { value: 'Family moved to Sofia.' } });
    fireEvent.change(screen.getByLabelText("Child's consent", { exact: false }), { target: { value: 'given' } });
    fireEvent.change(screen.getByLabelText("Caregiver's consent", { exact: false }), { target: { value: 'refused' } });
    fireEvent.click(screen.getByTestId('cross-border-submit'));
    await waitFor(() => expect(screen.getByLabelText('Best-interests reason').getAttribute('aria-invalid')).toBe('true'));
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(screen.getByLabelText('Best-interests reason'), { target: { value: 'Continuity of protection.' } });
    fireEvent.click(screen.getByTestId('cross-border-submit'));
    const item = await screen.findByTestId('cross-border-item');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      destinationCountry: 'BG', destinationAuthority: 'ASP Sofia', reason: 'Family moved to Sofia.', consentChild: 'given', consentCaregiver: 'refused', bestInterestsReason: 'Continuity of protection.',
    });
    expect(within(item).getByTestId('cross-border-file').getAttribute('href')).toBe(`/api/v1/cross-border/${CB_ID}/file`);
    expect(within(item).getByTestId('cross-border-summary').getAttribute('href')).toBe(`/api/v1/cross-border/${CB_ID}/summary`);
    fireEvent.click(within(item).getByRole('button', { name: 'Record the acknowledgement' }));
    fireEvent.change(within(item).getByLabelText('Acknowledged on', { exact: false }), { target: { value: '2024-06-05' } });
    fireEvent.change(within(item).getByLabelText('Acknowledged by', { exact: false }), { target: { value: 'I. Petrova' } });
    fireEvent.click(within(item).getByRole('button', { name: 'Record the acknowledgement' }));
    await waitFor(() => expect(calls.find((c) => c.url.endsWith('/acknowledgement'))?.body).toEqual({ acknowledgedAt: '2024-06-05', acknowledgedByName: 'I. Petrova', note: null }));
  });
});
