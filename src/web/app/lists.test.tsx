// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { CaseListItem } from '../../cases/case-schema.ts';
import { App } from './App.tsx';
import { createQueryClient } from './query-client.ts';
import { routes } from './routes.tsx';
import { fakeApi, json, me } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/**
 * The lists against a fake of the HTTP API: the view (filters, sort, page) lives in the address —
 * an address opens the list filtered, a change writes the address, the back button returns; the
 * headers sort on the server; empty and failed states; the supervisor's bulk assignment.
 */
usePageTestLifecycle();

const WORKER = '00000000-0000-4000-8000-0000000000aa';
const ids = ['00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000c2', '00000000-0000-4000-8000-0000000000c3'];
const row = (id: string, childName: string): CaseListItem => ({
  id, ref: null, childName, childBirthDate: '2015-03-09', status: 'open', riskLevel: 'high', ownerName: null, unitName: 'CPU Korçë',
  openedAt: '2026-11-02T08:30:00Z', childLastSeenAt: null, nextDueAt: '2026-11-05T22:59:59Z', overdue: true, accessReason: 'unit_supervisor',
});
const ROWS = [row(ids[0]!, 'Arta Hoxha'), row(ids[1]!, 'Besa Kola'), row(ids[2]!, 'Dritan Meta')];

function open(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<App router={router} queryClient={createQueryClient()} />);
  return router;
}
const lastQuery = (calls: Array<{ url: string }>, path: string) =>
  new URL(calls.filter((c) => c.url.startsWith(`${path}?`)).at(-1)!.url, 'http://app').searchParams;
const search = (router: ReturnType<typeof open>) => new URLSearchParams(router.state.location.search);

describe('the case list keeps its view in the address', () => {
  it('opens filtered, sorted and paged from a shared address; a change writes the address and goes back to page 1; back returns', async () => {
    const calls = fakeApi(me(['supervisor']), ({ url }) =>
      url.startsWith('/api/v1/cases?') ? json({ total: 60, items: ROWS }) : url === '/api/v1/cases/caseload' ? json({ unitName: 'CPU Korçë', workers: [] }) : undefined);
    const router = open('/cases?owner=all&status=closure_pending&risk=high&overdue=1&sort=deadline&page=2');
    await screen.findByRole('link', { name: 'Arta Hoxha' });
    const q = lastQuery(calls, '/api/v1/cases');
    expect(Object.fromEntries(q)).toEqual({ status: 'closure_pending', riskLevel: 'high', overdue: 'true', sort: 'deadline', limit: '25', offset: '25' });
    expect((screen.getByLabelText('Case manager') as HTMLSelectElement).value).toBe('all');
    expect((screen.getByLabelText('Only overdue') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('columnheader', { name: /Next deadline/ }).getAttribute('aria-sort')).toBe('ascending');

    fireEvent.change(screen.getByLabelText('Risk level'), { target: { value: 'low' } });
    await waitFor(() => expect(lastQuery(calls, '/api/v1/cases').get('riskLevel')).toBe('low'));
    expect(Object.fromEntries(search(router))).toEqual({ owner: 'all', status: 'closure_pending', risk: 'low', overdue: '1', sort: 'deadline' });
    expect(lastQuery(calls, '/api/v1/cases').get('offset')).toBe('0');

    await router.navigate(-1);
    // The earlier view comes back (from the cache: its rows were read already).
    await waitFor(() => expect((screen.getByLabelText('Risk level') as HTMLSelectElement).value).toBe('high'));
    expect(Object.fromEntries(search(router))).toMatchObject({ risk: 'high', page: '2' });
  });

  it('a worker without filters in the address starts on their own active cases; the headers sort on the server, keyboard first', async () => {
    const calls = fakeApi(me(['caseworker']), ({ url }) => (url.startsWith('/api/v1/cases?') ? json({ total: 3, items: ROWS }) : undefined));
    const router = open('/cases');
    await screen.findByRole('link', { name: 'Arta Hoxha' });
    expect(Object.fromEntries(lastQuery(calls, '/api/v1/cases'))).toMatchObject({ owner: 'me', status: 'active' });
    expect(lastQuery(calls, '/api/v1/cases').has('sort')).toBe(false);
    const header = screen.getByRole('columnheader', { name: /Next deadline/ });
    expect(header.getAttribute('aria-sort')).toBe('none');
    const button = within(header).getByRole('button', { name: /Next deadline/ });
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(lastQuery(calls, '/api/v1/cases').get('sort')).toBe('deadline'));
    expect(screen.getByRole('columnheader', { name: /Next deadline/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(within(screen.getByRole('columnheader', { name: /Next deadline/ })).getByRole('button'));
    await waitFor(() => expect(lastQuery(calls, '/api/v1/cases').get('sort')).toBe('-deadline'));
    expect(screen.getByRole('columnheader', { name: /Next deadline/ }).getAttribute('aria-sort')).toBe('descending');
    expect(search(router).get('sort')).toBe('-deadline');
    // The columns that may hide at tablet width say so; status and the deadline never do.
    expect(screen.getByRole('columnheader', { name: /Opened/ }).className).toContain('col-low');
    expect(screen.getByRole('columnheader', { name: 'Status' }).className).not.toContain('col-low');
    expect(screen.getByRole('columnheader', { name: /Next deadline/ }).className).not.toContain('col-low');
  });
});

describe('empty and failed lists', () => {
  it('says none match the filters with a way to clear them, or what will appear; a failed read offers Try again', async () => {
    let fail = true;
    const calls = fakeApi(me(['partner']), ({ url }) => {
      if (!url.startsWith('/api/v1/cases?')) return undefined;
      if (fail) return json({ message: 'down' }, 500);
      return json({ total: 0, items: [] });
    });
    const router = open('/cases?risk=high');
    const retry = await screen.findByRole('button', { name: 'Try again' });
    fail = false;
    fireEvent.click(retry);
    await screen.findByText('No cases match these filters.');
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByText('No cases yet. Cases opened by your unit appear here.');
    expect(router.state.location.search).toBe('');
    expect(lastQuery(calls, '/api/v1/cases').has('riskLevel')).toBe(false);
  });
});

describe('the other lists read their filters from the address', () => {
  it('signals to screen by urgency, meetings planned, referrals pending, users locked and newest first', async () => {
    const calls = fakeApi(me(['supervisor']), ({ url }) => {
      if (url.startsWith('/api/v1/signals?') || url.startsWith('/api/v1/meetings?')) return json({ total: 0, items: [] });
      if (url.startsWith('/api/v1/referrals?') || url.startsWith('/api/v1/tasks')) return json({ items: [] });
      return undefined;
    });
    const router = open('/signals?unscreened=1&urgency=immediate&sort=due');
    await screen.findByText('No signals match these filters.');
    expect(Object.fromEntries(lastQuery(calls, '/api/v1/signals'))).toMatchObject({ status: 'unscreened', urgency: 'immediate', sort: 'due' });
    fireEvent.change(screen.getByLabelText('Urgency'), { target: { value: 'urgent' } });
    await waitFor(() => expect(search(router).get('urgency')).toBe('urgent'));
    expect(search(router).get('unscreened')).toBe('1');

    await router.navigate('/meetings?status=planned');
    await screen.findByText('No meetings match these filters.');
    expect(lastQuery(calls, '/api/v1/meetings').get('status')).toBe('planned');

    await router.navigate('/referrals?status=pending');
    await screen.findByText('No referrals match this filter.');
    expect(lastQuery(calls, '/api/v1/referrals').get('status')).toBe('pending');
  });

  it('the admin opens the locked accounts, newest first', async () => {
    const calls = fakeApi(me(['admin']), ({ url }) => (url.startsWith('/api/v1/users?') ? json({ total: 0, items: [] }) : undefined));
    open('/admin/users?status=locked&sort=-createdAt');
    await screen.findByText('No user accounts match this filter.');
    expect(Object.fromEntries(lastQuery(calls, '/api/v1/users'))).toMatchObject({ status: 'locked', sort: '-createdAt' });
    expect(screen.getByRole('columnheader', { name: /Created/ }).getAttribute('aria-sort')).toBe('descending');
  });
});

describe("the supervisor's bulk assignment", () => {
  it('ticks the page, picks a worker and assigns the cases at once; a refusal names the child and nothing is said assigned', async () => {
    let refuse = true;
    const calls = fakeApi(me(['supervisor']), ({ url, method }) => {
      if (url.startsWith('/api/v1/cases?')) return json({ total: 3, items: ROWS });
      if (url === '/api/v1/cases/caseload') return json({ unitName: 'CPU Korçë', workers: [{ userId: WORKER, name: 'Ana Worker', activeCases: 1, highRisk: 0, overdueCases: 0, overdueItems: 0 }, { userId: null, name: null, activeCases: 2, highRisk: 0, overdueCases: 0, overdueItems: 0 }] });
      if (url === '/api/v1/cases/assign' && method === 'POST') {
        return refuse
          ? json({ message: 'No such case', issues: [{ path: 'caseIds.1', message: 'No such case', code: 'case.notFound' }] }, 404)
          : json({ assigned: ids, ownerName: 'Ana Worker' });
      }
      return undefined;
    });
    open('/cases?owner=unassigned');
    await screen.findByRole('link', { name: 'Arta Hoxha' });
    expect(screen.getByRole('checkbox', { name: 'Select the case of Besa Kola' })).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select every case on this page' }));
    const bar = await screen.findByRole('form', { name: '3 cases selected' });
    fireEvent.change(within(bar).getByLabelText('Assign to'), { target: { value: WORKER } });
    fireEvent.click(within(bar).getByRole('button', { name: 'Assign' }));
    await within(bar).findByText('These cases could not be assigned: Besa Kola. Nothing was changed.');
    expect(calls.find((c) => c.url === '/api/v1/cases/assign')?.body).toEqual({ caseIds: ids, ownerId: WORKER });

    refuse = false;
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select the case of Besa Kola' }));
    await screen.findByRole('form', { name: '2 cases selected' });
    fireEvent.click(screen.getByRole('button', { name: 'Assign' }));
    await screen.findByText('3 cases assigned to Ana Worker.');
    expect(calls.filter((c) => c.url === '/api/v1/cases/assign').at(-1)?.body).toEqual({ caseIds: [ids[0], ids[2]], ownerId: WORKER });
    expect(screen.queryByRole('form', { name: /selected/ })).toBeNull();
  });

  it('a caseworker has no checkboxes', async () => {
    fakeApi(me(['caseworker']), ({ url }) => (url.startsWith('/api/v1/cases?') ? json({ total: 3, items: ROWS }) : undefined));
    open('/cases');
    await screen.findByRole('link', { name: 'Arta Hoxha' });
    expect(screen.queryAllByRole('checkbox').filter((c) => c.id !== 'cases-filter-overdue')).toEqual([]);
  });
});
