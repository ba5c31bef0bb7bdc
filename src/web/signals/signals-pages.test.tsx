// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '../../domain/roles.ts';
import type { SignalView } from '../../signals/signal-schema.ts';
import { App } from '../app/App.tsx';
import { createQueryClient } from '../app/query-client.ts';
import { routes } from '../app/routes.tsx';
import type { Me } from '../auth/types.ts';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** The signals and tasks pages against a fake of the HTTP API (the boundary, not our database). */
const UNIT = '00000000-0000-4000-8000-0000000000aa';
const SIGNAL_ID = '00000000-0000-4000-8000-0000000000b1';
const KNOWN_CHILD = '00000000-0000-4000-8000-0000000000c1';

function me(roles: Role[]): Me {
  return {
    id: '00000000-0000-4000-8000-000000000001', username: 'worker', displayName: 'Worker One', roles, language: 'en',
    organisation: { id: UNIT, name: 'CPU Tirana', sector: 'social_services', jurisdictionCode: 'AL-11-01', country: 'AL', isProtectionUnit: true, timeZone: 'Europe/Tirane' },
  };
}

function signal(over: Partial<SignalView> = {}): SignalView {
  return {
    id: SIGNAL_ID, country: 'AL', ref: null, receivedAt: '2024-05-02T08:30:00Z', channel: 'phone', source: 'neighbour',
    reporterName: 'Neighbour', reporterContact: null, harmTypes: ['physical', 'neglect'], place: 'family', perpetrators: ['father'],
    description: 'Shouting at night.', urgency: 'urgent', municipalityCode: 'AL-11-01', regionCode: 'AL-11', unitId: UNIT,
    unitName: 'CPU Tirana', registeredByName: 'Worker One', registeredOrgName: 'CPU Tirana', screeningDueAt: '2024-05-03T08:30:00Z',
    status: 'unscreened', overdue: true, screening: null, children: [{ id: KNOWN_CHILD, givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: '2015-03-09' }],
    version: 1, createdAt: '2024-05-02T08:31:00Z', accessReason: 'unit_caseworker', withheld: [], allowed: ['screen'], ...over,
  };
}

const JURISDICTIONS = [
  { code: 'AL', country: 'AL', level: 'country', parentCode: null, nameLocal: 'Shqipëria', nameEn: 'Albania' },
  { code: 'AL-11', country: 'AL', level: 'region', parentCode: 'AL', nameLocal: 'Tiranë', nameEn: 'Tirana' },
  { code: 'AL-11-01', country: 'AL', level: 'municipality', parentCode: 'AL-11', nameLocal: 'Tiranë', nameEn: 'Tirana' },
];

interface Call { url: string; method: string; body: any }
type Handler = (call: Call) => Response | undefined;

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function fakeApi(user: Me, handler: Handler = () => undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const call = { url: input, method: init.method ?? 'GET', body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined };
    calls.push(call);
    const u = new URL(input, 'http://app');
    if (u.pathname === '/api/v1/auth/me') return json({ user, csrfToken: 't' });
    if (u.pathname === '/api/v1/jurisdictions') {
      const p = u.searchParams;
      return json({ items: JURISDICTIONS.filter((j) =>
        (!p.get('level') || j.level === p.get('level')) && (!p.get('parent') || j.parentCode === p.get('parent'))
        && (!p.get('country') || j.country === p.get('country'))) });
    }
    return handler(call) ?? json({ message: 'not found' }, 404);
  }));
  return calls;
}

function renderAt(path: string) {
  render(<App router={createMemoryRouter(routes, { initialEntries: [path] })} queryClient={createQueryClient()} />);
}

usePageTestLifecycle();

describe('registering a signal', () => {
  it('names what is missing, offers the known child while typing, and sends one body with both children', async () => {
    const calls = fakeApi(me(['caseworker']), ({ url, method, body }) => {
      if (url === '/api/v1/children/duplicates' && method === 'POST') {
        return json({ items: body.givenName === 'Arta' ? [{ child: { id: KNOWN_CHILD, givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: '2015-03-09', unitName: 'CPU Tirana' }, score: 0.95 }] : [] });
      }
      if (url === '/api/v1/signals' && method === 'POST') return json(signal(), 201);
      if (url === `/api/v1/signals/${SIGNAL_ID}`) return json(signal());
      return undefined;
    });
    renderAt('/signals/new');
    fireEvent.click(await screen.findByRole('button', { name: 'Register the signal' }));
    const given = await screen.findByLabelText('Given name', { exact: false });
    await waitFor(() => expect(given.getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByLabelText('Channel', { exact: false }).getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.url === '/api/v1/signals' && c.method === 'POST')).toBe(false);

    fireEvent.change(given, { target: { value: 'Arta' } });
    fireEvent.change(screen.getByLabelText('Family name', { exact: false }), { target: { value: 'Hoxa' } });
    fireEvent.click(await screen.findByTestId('same-child', {}, { timeout: 2000 }));
    expect(within(await screen.findByTestId('known-child')).getByText('Arta Hoxha')).toBeTruthy();

    fireEvent.click(screen.getByTestId('add-child'));
    const second = screen.getByTestId('signal-child-1');
    fireEvent.change(within(second).getByLabelText('Given name', { exact: false }), { target: { value: 'Besa' } });
    fireEvent.change(within(second).getByLabelText('Family name', { exact: false }), { target: { value: 'Hoxha' } });
    fireEvent.change(screen.getByLabelText('Channel', { exact: false }), { target: { value: 'phone' } });
    fireEvent.change(screen.getByLabelText('Source', { exact: false }), { target: { value: 'anonymous' } });
    expect(await screen.findByTestId('anonymous-note')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('Physical violence', { exact: false }));
    fireEvent.click(screen.getByRole('button', { name: 'Register the signal' }));

    await screen.findByRole('heading', { name: 'Signal' });
    const post = calls.find((c) => c.url === '/api/v1/signals' && c.method === 'POST')!;
    expect(post.body).toMatchObject({
      channel: 'phone', source: 'anonymous', reporterName: null, harmTypes: ['physical'], municipalityCode: 'AL-11-01',
      children: [{ childId: KNOWN_CHILD }, { givenName: 'Besa', familyName: 'Hoxha', sex: 'unknown', birthDate: null }],
    });
    expect(post.body.ref).toMatch(/^web:/);
    expect(post.body.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00[+-]\d{2}:\d{2}$/);
    // Names never travel in a URL.
    expect(calls.every((c) => !c.url.includes('Arta') && !c.url.includes('Besa'))).toBe(true);
  });

  it('puts the server\'s issues on the child they name', async () => {
    fakeApi(me(['partner']), ({ url, method }) =>
      url === '/api/v1/signals' && method === 'POST'
        ? json({ message: 'bad', issues: [{ path: 'children.0.birthDate', message: 'must not be after the signal was received' }] }, 400)
        : url === '/api/v1/children/duplicates' ? json({ items: [] }) : undefined);
    renderAt('/signals/new');
    fireEvent.change(await screen.findByLabelText('Given name', { exact: false }), { target: { value: 'Ana' } });
    fireEvent.change(screen.getByLabelText('Family name', { exact: false }), { target: { value: 'Kola' } });
    fireEvent.change(screen.getByLabelText('Channel', { exact: false }), { target: { value: 'phone' } });
    fireEvent.change(screen.getByLabelText('Source', { exact: false }), { target: { value: 'police' } });
    fireEvent.click(screen.getByLabelText('Neglect', { exact: false }));
    fireEvent.click(screen.getByRole('button', { name: 'Register the signal' }));
    expect(await screen.findByText('The birth date cannot be after the signal was received.')).toBeTruthy();
  });
});

describe('a signal and its screening', () => {
  it('the unit screens: the risk level is required to open a case, then the result shows', async () => {
    const calls = fakeApi(me(['caseworker']), ({ url, method, body }) => {
      if (url === `/api/v1/signals/${SIGNAL_ID}` && method === 'GET') return json(signal());
      if (url === `/api/v1/signals/${SIGNAL_ID}/screening`) {
        return json(signal({ status: 'screened', overdue: false, allowed: [], version: 2, screening: { decision: body.decision, riskLevel: body.riskLevel, reason: body.reason, referredTo: null, screenedAt: '2024-05-02T10:00:00Z', screenedByName: 'Worker One' } }));
      }
      return undefined;
    });
    renderAt(`/signals/${SIGNAL_ID}`);
    expect(await screen.findByText('The screening deadline has passed.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Arta Hoxha' }).getAttribute('href')).toBe(`/children/${KNOWN_CHILD}`);
    fireEvent.click(screen.getByLabelText('Open a case'));
    fireEvent.click(screen.getByTestId('screening-submit'));
    const risk = screen.getByLabelText('Initial risk level', { exact: false });
    await waitFor(() => expect(risk.getAttribute('aria-invalid')).toBe('true'));
    fireEvent.change(risk, { target: { value: 'high' } });
    fireEvent.click(screen.getByTestId('screening-submit'));
    const result = await screen.findByTestId('screening-result');
    expect(within(result).getByText('High')).toBeTruthy();
    expect(calls.find((c) => c.url.endsWith('/screening'))?.body).toEqual({ decision: 'open_case', riskLevel: 'high', reason: null, referredTo: null, version: 1 });
    expect(screen.queryByTestId('screening-form')).toBeNull();
  });

  it('the registering partner sees what is withheld and no screening form', async () => {
    fakeApi(me(['partner']), ({ url }) =>
      url === `/api/v1/signals/${SIGNAL_ID}`
        ? json(signal({ accessReason: 'signal', allowed: [], withheld: ['description', 'perpetrators', 'reporterName', 'reporterContact', 'screening'], description: undefined, perpetrators: undefined, reporterName: undefined, reporterContact: undefined }))
        : undefined);
    renderAt(`/signals/${SIGNAL_ID}`);
    await screen.findByText('Some details stay with the Child Protection Unit and are not shared with your sector.');
    expect(screen.getAllByText('Not shared with your sector')).toHaveLength(4);
    expect(screen.queryByTestId('screening-form')).toBeNull();
  });
});

describe('an unscreened signal opens on its screening', () => {
  const DUE = Date.parse('2024-05-03T08:30:00Z');
  it('urgency and the clock first, then the form, then the details; the countdown renews each minute and speaks only at thresholds', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      vi.setSystemTime(DUE - (2 * 60 + 14) * 60_000 - 30_000);
      fakeApi(me(['caseworker']), ({ url }) => (url === `/api/v1/signals/${SIGNAL_ID}` ? json(signal({ overdue: false, urgency: 'immediate' })) : undefined));
      renderAt(`/signals/${SIGNAL_ID}`);
      const clock = await screen.findByTestId('screening-clock');
      const form = screen.getByTestId('screening-form');
      const details = screen.getByTestId('signal-children');
      expect(clock.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(form.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      expect(within(clock).getByTestId('signal-urgency').textContent).toContain('Immediate (child in danger)');
      const countdown = screen.getByTestId('screening-countdown');
      expect(countdown.textContent).toContain('2 h 14 min left');
      // The absolute time in the unit's zone (Tirana, summer time: UTC+2).
      expect(countdown.textContent).toContain('10:30');
      const announcement = screen.getByTestId('screening-countdown-announcement');
      expect(announcement.getAttribute('role')).toBe('status');
      expect(countdown.closest('[aria-live]')).toBeNull();

      act(() => vi.advanceTimersByTime(60 * 60_000));
      expect(countdown.textContent).toContain('1 h 14 min left');
      expect(announcement.textContent).toBe('');
      act(() => vi.advanceTimersByTime(15 * 60_000));
      expect(countdown.textContent).toContain('59 min left');
      expect(announcement.textContent).toBe('Less than an hour left to screen this signal.');
      act(() => vi.advanceTimersByTime(95 * 60_000));
      expect(countdown.textContent).toContain('Overdue by 35 min');
      expect(announcement.textContent).toBe('The screening deadline has now passed.');
    } finally {
      vi.useRealTimers();
    }
  });

  const screened = { status: 'screened' as const, overdue: false, allowed: [], screening: { decision: 'open_case' as const, riskLevel: 'high' as const, reason: null, referredTo: null, screenedAt: '2024-05-02T10:00:00Z', screenedByName: 'Worker One' } };

  it('a screened signal reads its decision as a state and offers to convene while no meeting is held or planned', async () => {
    fakeApi(me(['caseworker']), ({ url }) => (url === `/api/v1/signals/${SIGNAL_ID}` ? json(signal({ ...screened, meeting: null })) : undefined));
    renderAt(`/signals/${SIGNAL_ID}`);
    expect(await screen.findByRole('link', { name: 'Convene a meeting on this signal' })).toBeTruthy();
    expect(within(screen.getByTestId('screening-result')).getByText('Case opened')).toBeTruthy();
    expect(screen.queryByTestId('screening-clock')).toBeNull();
  });

  it('no offer to convene once the initial meeting is held: the meeting\'s link instead', async () => {
    const MEETING = '00000000-0000-4000-8000-0000000000f1';
    fakeApi(me(['caseworker']), ({ url }) =>
      url === `/api/v1/signals/${SIGNAL_ID}` ? json(signal({ ...screened, meeting: { id: MEETING, status: 'held', heldAt: '2024-05-03T07:00:00Z' } })) : undefined);
    renderAt(`/signals/${SIGNAL_ID}`);
    const note = await screen.findByTestId('signal-meeting');
    expect(note.textContent).toContain('The initial meeting was held on');
    expect(within(note).getByRole('link', { name: 'Open the meeting' }).getAttribute('href')).toBe(`/meetings/${MEETING}`);
    expect(screen.queryByTestId('signal-convene-link')).toBeNull();
    expect(screen.queryByRole('link', { name: 'Convene a meeting on this signal' })).toBeNull();
  });
});

describe('a page that could not be read', () => {
  it('says so, and "Try again" reads it again', async () => {
    let fail = true;
    const calls = fakeApi(me(['caseworker']), ({ url }) =>
      url === `/api/v1/signals/${SIGNAL_ID}` ? (fail ? json({ message: 'down' }, 503) : json(signal({ overdue: false }))) : undefined);
    // Without the client's own retries (they would only delay the answer here).
    const queryClient = createQueryClient();
    queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
    render(<App router={createMemoryRouter(routes, { initialEntries: [`/signals/${SIGNAL_ID}`] })} queryClient={queryClient} />);
    const error = await screen.findByTestId('load-error');
    expect(error.textContent).toContain('The server could not complete the request.');
    const reads = () => calls.filter((c) => c.url === `/api/v1/signals/${SIGNAL_ID}`).length;
    expect(reads()).toBe(1);
    fail = false;
    fireEvent.click(within(error).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('screening-form')).toBeTruthy();
    expect(reads()).toBe(2);
  });

  it('a signal out of reach (404) offers the way back, not a retry', async () => {
    fakeApi(me(['caseworker']));
    renderAt(`/signals/${SIGNAL_ID}`);
    expect(await screen.findByRole('link', { name: 'Back to the signals' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
  });
});

describe('lists', () => {
  it('the signals list filters by status through the query and marks overdue rows', async () => {
    const calls = fakeApi(me(['supervisor']), ({ url }) =>
      url.startsWith('/api/v1/signals?')
        ? json({ total: 1, items: [{ id: SIGNAL_ID, receivedAt: '2024-05-02T08:30:00Z', channel: 'phone', source: 'police', harmTypes: ['physical'], urgency: 'urgent', municipalityCode: 'AL-11-01', unitName: 'CPU Tirana', childCount: 2, status: 'unscreened', overdue: true, screeningDueAt: '2024-05-03T08:30:00Z', accessReason: 'unit_supervisor' }] })
        : undefined);
    renderAt('/signals');
    const row = (await screen.findByText('Screening overdue')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Physical violence')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'unscreened' } });
    await waitFor(() => expect(calls.some((c) => c.url.includes('status=unscreened'))).toBe(true));
  });

  it('the task list shows overdue work first, and the supervisor switches to the unit\'s', async () => {
    const calls = fakeApi(me(['supervisor']), ({ url }) =>
      url.startsWith('/api/v1/tasks')
        ? json({ items: [{ kind: 'signal_screening', id: SIGNAL_ID, link: `/signals/${SIGNAL_ID}`, title: 'Screen the signal', dueAt: '2024-05-03T08:30:00Z', overdue: true, ownerName: null }, { kind: 'other_kind', id: 'x', link: '/meetings/x', title: 'Server title', dueAt: '2030-01-01T00:00:00Z', overdue: false, ownerName: 'Someone' }] })
        : undefined);
    renderAt('/tasks');
    const link = await screen.findByRole('link', { name: 'Screen a signal' });
    expect(link.getAttribute('href')).toBe(`/signals/${SIGNAL_ID}`);
    expect(within(link.closest('tr') as HTMLElement).getByText('Overdue')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Server title' })).toBeTruthy();
    fireEvent.click(screen.getByTestId('tasks-scope-unit'));
    await waitFor(() => expect(calls.some((c) => c.url === '/api/v1/tasks?scope=unit')).toBe(true));
  });
});
