// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { CASE_WORKFLOW, type CaseAction, allowedCaseActions } from '../../cases/case-workflow.ts';
import type { Role } from '../../domain/roles.ts';
import type { CaseView } from '../../cases/case-schema.ts';
import { App } from '../app/App.tsx';
import { createQueryClient } from '../app/query-client.ts';
import { routes } from '../app/routes.tsx';
import type { Me } from '../auth/types.ts';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** The cases pages against a fake of the HTTP API (the boundary, not our database). */
const UNIT = '00000000-0000-4000-8000-0000000000aa';
const CASE_ID = '00000000-0000-4000-8000-0000000000d1';
const CHILD = '00000000-0000-4000-8000-0000000000c1';
const WORKER = '00000000-0000-4000-8000-000000000002';
const TRANSFER = '00000000-0000-4000-8000-0000000000e1';
const OTHER_UNIT = '00000000-0000-4000-8000-0000000000ab';

function me(roles: Role[]): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001', username: 'worker', displayName: 'Worker One', roles, language: 'en',
    organisation: { id: UNIT, name: 'CPU Korçë', sector: 'social_services', jurisdictionCode: 'AL-06-03', country: 'AL', isProtectionUnit: true, timeZone: 'Europe/Tirane' },
  };
}

function kase(over: Partial<CaseView> = {}): CaseView {
  return {
    id: CASE_ID, country: 'AL', ref: null, child: { id: CHILD, givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: '2015-03-09' },
    unitId: UNIT, unitName: 'CPU Korçë', ownerId: null, ownerName: null, status: 'open', riskLevel: 'high',
    openedAt: '2024-05-02T08:30:00Z', openedByName: 'Worker One', signalIds: [], initialAssessmentDueAt: '2024-05-05T21:59:59Z',
    initialAssessmentAt: null, planDueAt: '2024-06-01T21:59:59Z', reviewDueAt: null, lastContactAt: null, childLastSeenAt: null,
    planInForce: null, currentPlacement: null, pendingTransfer: null, closure: null, decisions: [], overdue: ['initial_assessment'],
    accessReason: 'unit_supervisor', allowed: allowedCaseActions('open', { unit: true, supervisor: true, receivingSupervisor: false }),
    nextStep: 'record_initial_assessment', fullAccess: true, version: 3, updatedAt: '2024-05-02T08:30:00Z', ...over,
  };
}

interface Call { url: string; method: string; body: any }
type Handler = (call: Call) => Response | undefined;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Answers the case page's reads; `handler` answers the rest (and may override these). */
function fakeApi(user: Me, handler: Handler = () => undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const call = { url: input, method: init.method ?? 'GET', body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const u = new URL(input, 'http://app');
    if (u.pathname === '/api/v1/auth/me') return json({ user, csrfToken: 't' });
    const answer = handler(call);
    if (answer) return answer;
    if (u.pathname === `/api/v1/cases/${CASE_ID}/timeline`) return json({ items: [] });
    if (u.pathname === `/api/v1/cases/${CASE_ID}/cross-border`) return json({ items: [] });
    if (u.pathname === '/api/v1/jurisdictions') return json({ items: [] });
    return json({ message: 'not found' }, 404);
  }));
  return calls;
}

function renderAt(path: string) {
  render(<App router={createMemoryRouter(routes, { initialEntries: [path] })} queryClient={createQueryClient()} />);
}

const actionButtons = () => Array.from(screen.getByTestId('case-actions').querySelectorAll('button[data-action]')).map((b) => b.getAttribute('data-action'));

usePageTestLifecycle();

describe('the case page', () => {
  it('shows the header with overdue marks and the timeline with translated kinds', async () => {
    fakeApi(me(['supervisor']), ({ url }) => {
      if (url === `/api/v1/cases/${CASE_ID}`) return json(kase({ ownerName: 'Ana Worker', pendingTransfer: null, currentPlacement: { id: 'p', kind: 'kinship_care', since: '2024-05-03', placeName: null } }));
      if (url === `/api/v1/cases/${CASE_ID}/timeline`) return json({ items: [{ id: 'e1', at: '2024-05-02T08:30:00Z', kind: 'opened', actorName: 'Worker One', authorOrgName: 'CPU Korçë', entity: null, entityId: null, detail: { riskLevel: 'high' } }] });
      return undefined;
    });
    renderAt(`/cases/${CASE_ID}`);
    expect(await screen.findByTestId('case-child')).toHaveProperty('textContent', 'Arta Hoxha');
    const header = screen.getByTestId('case-header');
    expect(within(header).getByText('Ana Worker')).toBeTruthy();
    expect(within(header.querySelector('[data-field="initialAssessmentDueAt"]') as HTMLElement).getByText('Overdue')).toBeTruthy();
    expect(within(header).getByText(/Kinship care/)).toBeTruthy();
    expect(screen.getByTestId('case-overdue').textContent).toContain('initial assessment');
    const timeline = screen.getByTestId('case-timeline');
    expect(await within(timeline).findByText('Case opened')).toBeTruthy();
    expect(within(timeline).getByText('High')).toBeTruthy();
  });

  it('offers exactly the bar actions the server allows, for every status and relationship', async () => {
    const relations = [
      { unit: true, supervisor: true, receivingSupervisor: false },
      { unit: true, supervisor: false, receivingSupervisor: false },
      { unit: false, supervisor: false, receivingSupervisor: true },
      { unit: false, supervisor: false, receivingSupervisor: false },
    ];
    // The decisions waiting on the reader first, then assigning; the weighty, rare ones behind "More actions".
    const bar: CaseAction[] = ['approve_closure', 'return_closure', 'accept_transfer', 'decline_transfer', 'assign', 'request_closure', 'request_transfer', 'cancel_transfer', 'send_cross_border', 'reopen'];
    let current = kase();
    fakeApi(me(['supervisor']), ({ url }) => (url === `/api/v1/cases/${CASE_ID}` ? json(current) : undefined));
    for (const status of Object.keys(CASE_WORKFLOW) as (keyof typeof CASE_WORKFLOW)[]) {
      for (const relation of relations) {
        const allowed = allowedCaseActions(status, relation);
        current = kase({ status, allowed });
        cleanup();
        renderAt(`/cases/${CASE_ID}`);
        await screen.findByTestId('case-actions');
        expect(actionButtons()).toEqual(bar.filter((a) => allowed.includes(a)));
      }
    }
    // And nothing the server does not list, even for a supervisor of the unit.
    current = kase({ status: 'open', allowed: ['record_contact'] });
    cleanup();
    renderAt(`/cases/${CASE_ID}`);
    await screen.findByTestId('case-actions');
    expect(actionButtons()).toEqual([]);
  });

  it('requests closure: the reason is required, "other" needs a note, and the body carries the version', async () => {
    const calls = fakeApi(me(['caseworker']), ({ url, method, body }) => {
      if (url === `/api/v1/cases/${CASE_ID}` && method === 'GET') return json(kase({ allowed: ['request_closure'] }));
      if (url === `/api/v1/cases/${CASE_ID}/closure`) {
        return json(kase({ status: 'closure_pending', allowed: [], version: 4, closure: { reason: body.reason, note: body.note, requestedAt: '2024-06-01T10:00:00Z', requestedByName: 'Worker One', closedAt: null, closedByName: null } }));
      }
      return undefined;
    });
    renderAt(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'More actions' }));
    fireEvent.click(screen.getByRole('button', { name: 'Request closure' }));
    fireEvent.click(screen.getByTestId('closure-submit'));
    const reason = screen.getByLabelText('Reason for closure', { exact: false });
    await waitFor(() => expect(reason.getAttribute('aria-invalid')).toBe('true'));
    fireEvent.change(reason, { target: { value: 'other' } });
    fireEvent.click(screen.getByTestId('closure-submit'));
    await waitFor(() => expect(screen.getByLabelText('Note', { exact: false }).getAttribute('aria-invalid')).toBe('true'));
    expect(calls.some((c) => c.url.endsWith('/closure'))).toBe(false);
    fireEvent.change(screen.getByLabelText('Note', { exact: false }), { target: { value: 'Family moved in with grandparents.' } });
    fireEvent.click(screen.getByTestId('closure-submit'));
    expect(await screen.findByTestId('case-closure')).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/closure'))?.body).toEqual({ reason: 'other', note: 'Family moved in with grandparents.', version: 3 });
    expect(screen.getAllByText('Closure waiting for approval').length).toBeGreaterThan(0);
    expect(actionButtons()).toEqual([]);
  });

  it('a 409 shows what the case allows now and the page reloads the case', async () => {
    let gets = 0;
    fakeApi(me(['supervisor']), ({ url, method }) => {
      if (url === `/api/v1/cases/${CASE_ID}` && method === 'GET') {
        gets += 1;
        return json(gets === 1 ? kase({ status: 'closure_pending', allowed: ['approve_closure', 'return_closure'] }) : kase({ status: 'open', allowed: ['assign', 'request_closure'], version: 5 }));
      }
      if (url === `/api/v1/cases/${CASE_ID}/closure/approve`) return json({ message: 'not allowed in status open', allowed: ['assign', 'request_closure'] }, 409);
      return undefined;
    });
    renderAt(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Approve the closure' }));
    const conflict = await screen.findByTestId('case-conflict');
    expect(conflict.textContent).toContain('What can be done now: Assign, Request closure.');
    await waitFor(() => expect(actionButtons()).toEqual(['assign', 'request_closure']));
    expect(gets).toBe(2);
    // The explanation stays once the case has been read again.
    expect(screen.getByTestId('case-conflict')).toBeTruthy();
  });

  it('assigns to one of the users the server says may own the case, and requests a transfer to a listed unit', async () => {
    const calls = fakeApi(me(['supervisor']), ({ url, method }) => {
      if (url === `/api/v1/cases/${CASE_ID}` && method === 'GET') return json(kase());
      if (url === `/api/v1/cases/${CASE_ID}/assignable-users`) return json({ items: [{ id: WORKER, name: 'Ana Worker', roles: ['caseworker'], current: false }] });
      if (url === `/api/v1/cases/${CASE_ID}/assign`) return json(kase({ ownerId: WORKER, ownerName: 'Ana Worker', version: 4 }));
      if (url === '/api/v1/transfer-units') return json({ items: [{ id: OTHER_UNIT, name: 'CPU Elbasan' }] });
      if (url === `/api/v1/cases/${CASE_ID}/transfers`) return json({ id: TRANSFER, status: 'pending' }, 201);
      return undefined;
    });
    renderAt(`/cases/${CASE_ID}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Assign' }));
    const owner = screen.getByLabelText('Case manager', { exact: false });
    await within(owner).findByText('Ana Worker');
    expect(owner.querySelectorAll('option')).toHaveLength(2);
    // The unit's users come from the case's own endpoint, not from the caseload.
    expect(calls.some((c) => c.url === '/api/v1/cases/caseload')).toBe(false);
    fireEvent.change(owner, { target: { value: WORKER } });
    fireEvent.click(screen.getByTestId('assign-submit'));
    await screen.findByTestId('case-action-done');
    expect(calls.find((c) => c.url.endsWith('/assign'))?.body).toEqual({ ownerId: WORKER, version: 3 });
    expect(within(screen.getByTestId('case-header')).getByText('Ana Worker')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'More actions' }));
    fireEvent.click(screen.getByRole('button', { name: 'Request a transfer' }));
    const unit = screen.getByLabelText('Receiving unit', { exact: false });
    await within(unit).findByText('CPU Elbasan');
    fireEvent.change(unit, { target: { value: OTHER_UNIT } });
    fireEvent.change(screen.getByLabelText('Reason for the transfer', { exact: false }), { target: { value: 'The family moved.' } });
    fireEvent.click(screen.getByTestId('transfer-submit'));
    await waitFor(() => expect(calls.find((c) => c.url.endsWith('/transfers'))?.body).toEqual({ toUnitId: OTHER_UNIT, reason: 'The family moved.' }));
    // The transfer answer is not a case: the case is read again.
    await waitFor(() => expect(calls.filter((c) => c.url === `/api/v1/cases/${CASE_ID}`).length).toBeGreaterThanOrEqual(2));
  });

  it("shows the supervisor's returned closures and reopenings with their words, and the timeline's new codes", async () => {
    fakeApi(me(['supervisor']), ({ url }) => {
      if (url === `/api/v1/cases/${CASE_ID}`) {
        return json(kase({ decisions: [
          { id: 'd2', kind: 'reopened', at: '2024-07-02T10:00:00Z', byName: 'Arben Hoxha', comment: 'A new signal from the school.', closureReason: null },
          { id: 'd1', kind: 'closure_returned', at: '2024-06-02T10:00:00Z', byName: 'Arben Hoxha', comment: 'Visit once more.', closureReason: 'goals_met' },
        ] }));
      }
      if (url === `/api/v1/cases/${CASE_ID}/timeline`) {
        return json({ items: [
          { id: 'e2', at: '2024-07-01T10:00:00Z', kind: 'referral_withdrawn', actorName: 'supervisor', authorOrgName: 'CPU Korçë', entity: 'referral', entityId: null, detail: { service: 'legal_aid', withdrawal: 'case_closed' } },
          { id: 'e1', at: '2024-05-02T08:30:00Z', kind: 'assessment_recorded', actorName: 'system:import', authorOrgName: null, entity: null, entityId: null, detail: { kind: 'initial', origin: 'import' } },
        ] });
      }
      return undefined;
    });
    renderAt(`/cases/${CASE_ID}`);
    const decisions = await screen.findByTestId('case-decisions');
    const items = within(decisions).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-kind'))).toEqual(['reopened', 'closure_returned']);
    expect(items[0]!.textContent).toContain('Reopened on');
    expect(items[0]!.textContent).toContain('A new signal from the school.');
    expect(items[1]!.textContent).toContain('Closure returned on');
    expect(items[1]!.textContent).toContain('(Plan goals met)');
    expect(items[1]!.textContent).toContain('Visit once more.');
    const timeline = screen.getByTestId('case-timeline');
    expect(await within(timeline).findByText(/withdrawn when the case was closed/)).toBeTruthy();
    expect(within(timeline).getByText(/Initial assessment · Imported/)).toBeTruthy();
    // A step taken by a system handle names it in words, never as `system:…`.
    expect(within(timeline).getByText('Data import')).toBeTruthy();
    expect(timeline.textContent).not.toContain('system:');
  });

  it('a closed case shows no plan or review still to come', async () => {
    fakeApi(me(['caseworker']), ({ url }) => (url === `/api/v1/cases/${CASE_ID}`
      ? json(kase({ status: 'closed', allowed: [], closure: { reason: 'goals_met', note: null, requestedAt: '2024-06-01T10:00:00Z', requestedByName: 'Worker One', closedAt: '2024-06-02T10:00:00Z', closedByName: 'Arben Hoxha' } }))
      : undefined));
    renderAt(`/cases/${CASE_ID}`);
    const header = await screen.findByTestId('case-header');
    expect(header.querySelector('[data-field="closure"]')).not.toBeNull();
    expect(header.querySelector('[data-field="initialAssessmentDueAt"]')).not.toBeNull();
    for (const field of ['planDueAt', 'reviewDueAt', 'planInForce']) expect(header.querySelector(`[data-field="${field}"]`)).toBeNull();
  });

  it('shows no decisions row when the server sends none (a partner reading the case)', async () => {
    fakeApi(me(['partner']), ({ url }) => (url === `/api/v1/cases/${CASE_ID}` ? json(kase({ fullAccess: false, accessReason: 'meeting', allowed: [], decisions: [] })) : undefined));
    renderAt(`/cases/${CASE_ID}`);
    await screen.findByTestId('case-header');
    expect(screen.queryByTestId('case-decisions')).toBeNull();
  });

  it('the receiving supervisor accepts the pending transfer by its id', async () => {
    const calls = fakeApi(me(['supervisor']), ({ url, method }) => {
      if (url === `/api/v1/cases/${CASE_ID}` && method === 'GET') {
        return json(kase({ status: 'transfer_pending', accessReason: 'receiving_unit', fullAccess: false, allowed: ['accept_transfer', 'decline_transfer'], pendingTransfer: { id: TRANSFER, fromUnitName: 'CPU Elbasan', toUnitName: 'CPU Korçë', requestedAt: '2024-05-10T10:00:00Z' } }));
      }
      if (url === `/api/v1/transfers/${TRANSFER}/accept`) return json({ id: TRANSFER, status: 'accepted' });
      return undefined;
    });
    renderAt(`/cases/${CASE_ID}`);
    expect(await screen.findByText(/From CPU Elbasan to CPU Korçë/)).toBeTruthy();
    expect(screen.queryByTestId('cross-border')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Accept the transfer' }));
    await waitFor(() => expect(calls.some((c) => c.url === `/api/v1/transfers/${TRANSFER}/accept` && c.method === 'POST')).toBe(true));
  });
});

describe('the case list', () => {
  it('starts on my active cases, sends each filter as a query parameter, and links rows to the case', async () => {
    const calls = fakeApi(me(['caseworker']), ({ url }) =>
      url.startsWith('/api/v1/cases?') || url === '/api/v1/cases/search'
        ? json({ total: 1, items: [{ id: CASE_ID, ref: null, childName: 'Arta Hoxha', childBirthDate: '2015-03-09', status: 'open', riskLevel: 'high', ownerName: null, unitName: 'CPU Korçë', openedAt: '2024-05-02T08:30:00Z', childLastSeenAt: null, nextDueAt: '2024-05-05T21:59:59Z', overdue: true, accessReason: 'unit_caseworker' }] })
        : undefined);
    renderAt('/cases');
    const link = await screen.findByRole('link', { name: 'Arta Hoxha' });
    expect(link.getAttribute('href')).toBe(`/cases/${CASE_ID}`);
    expect(within(link.closest('tr') as HTMLElement).getByText('Overdue')).toBeTruthy();
    const first = new URL(calls.find((c) => c.url.startsWith('/api/v1/cases?'))!.url, 'http://app').searchParams;
    expect(first.get('owner')).toBe('me');
    expect(first.get('status')).toBe('active');

    const lastQuery = () => new URL(calls.filter((c) => c.url.startsWith('/api/v1/cases?')).at(-1)!.url, 'http://app').searchParams;
    fireEvent.change(screen.getByLabelText('Case manager'), { target: { value: 'unassigned' } });
    await waitFor(() => expect(lastQuery().get('owner')).toBe('unassigned'));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'closure_pending' } });
    await waitFor(() => expect(lastQuery().get('status')).toBe('closure_pending'));
    fireEvent.change(screen.getByLabelText('Risk level'), { target: { value: 'medium' } });
    await waitFor(() => expect(lastQuery().get('riskLevel')).toBe('medium'));
    fireEvent.click(screen.getByLabelText('Only overdue'));
    await waitFor(() => expect(lastQuery().get('overdue')).toBe('true'));
    fireEvent.change(screen.getByLabelText("Child's name"), { target: { value: 'A' } });
    fireEvent.change(screen.getByLabelText("Child's name"), { target: { value: 'Ar' } });
    // A name is searched in a POST body with the other filters, never in a URL.
    await waitFor(() => expect(calls.filter((c) => c.url === '/api/v1/cases/search').at(-1)?.body).toEqual({
      owner: 'unassigned', status: 'closure_pending', riskLevel: 'medium', overdue: 'true', q: 'Ar', limit: 25, offset: 0,
    }));
    expect(calls.some((c) => c.body?.q === 'A')).toBe(false);
    expect(calls.every((c) => !c.url.includes('Ar'))).toBe(true);
    fireEvent.change(screen.getByLabelText("Child's name"), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Case manager'), { target: { value: '' } });
    await waitFor(() => expect(lastQuery().has('owner')).toBe(false));
  });

  it('the caseload lists each worker of the unit for the supervisor', async () => {
    fakeApi(me(['supervisor']), ({ url }) =>
      url === '/api/v1/cases/caseload' ? json({ unitName: 'CPU Korçë', workers: [{ userId: WORKER, name: 'Ana Worker', activeCases: 7, highRisk: 2, overdueCases: 1, overdueItems: 3 }] }) : undefined);
    renderAt('/cases/caseload');
    const row = (await screen.findByText('Ana Worker')).closest('tr') as HTMLElement;
    expect(within(row).getByText('7')).toBeTruthy();
    expect(within(row).getByText('3')).toBeTruthy();
  });
});
