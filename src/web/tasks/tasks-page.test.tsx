// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { App } from '../app/App.tsx';
import { createQueryClient } from '../app/query-client.ts';
import { routes } from '../app/routes.tsx';
import { CASE_ID, CHILD_ID, fakeApi, json, me } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import type { TaskItem } from './queries.ts';

/** The task list against a fake of the HTTP API: rows name the child, group and filter through the URL. */
usePageTestLifecycle();

const SIGNAL_ID = '00000000-0000-4000-8000-0000000000b1';
const base = { ownerName: null, workerId: null, childCount: 1, subjectRef: null, riskLevel: null, urgency: null } as const;
const TASKS: TaskItem[] = [
  { ...base, kind: 'case_initial_assessment', id: CASE_ID, link: `/cases/${CASE_ID}`, title: 'Initial assessment of a case', dueAt: '2026-11-18T22:59:59Z', overdue: true, dueState: 'overdue', child: { id: CHILD_ID, name: 'Arta Hoxha' }, subjectKind: 'case', subjectRef: '3F2A9C1B', riskLevel: 'high' },
  { ...base, kind: 'signal_screening', id: SIGNAL_ID, link: `/signals/${SIGNAL_ID}`, title: 'Screen the signal', dueAt: '2026-11-20T09:00:00Z', overdue: false, dueState: 'today', child: { id: CHILD_ID, name: 'Arta Hoxha' }, childCount: 3, subjectKind: 'signal', subjectRef: 'B1C2D3E4', urgency: 'immediate' },
  { ...base, kind: 'referral_to_answer', id: 'r1', link: '/referrals/r1', title: 'Answer the referral', dueAt: '2026-12-20T22:59:59Z', overdue: false, dueState: 'later', child: null, subjectKind: 'case', subjectRef: '77AA0011', riskLevel: 'medium' },
];

function open(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<App router={router} queryClient={createQueryClient()} />);
  return router;
}

describe('the task list', () => {
  it('names the child (or the reference where the name is not given), what is due, when and the risk, grouped by due state', async () => {
    fakeApi(me(['caseworker']), ({ url }) => (url.startsWith('/api/v1/tasks') ? json({ items: TASKS }) : undefined));
    open('/tasks');
    const link = await screen.findByRole('link', { name: 'Record the initial assessment of a case' });
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByText('Arta Hoxha')).toBeTruthy();
    expect(within(row).getByText('Overdue')).toBeTruthy();
    expect(within(row).getByText('High')).toBeTruthy();
    const screening = screen.getByRole('link', { name: 'Screen a signal' }).closest('tr') as HTMLElement;
    expect(within(screening).getByText('Arta Hoxha and 2 more children')).toBeTruthy();
    expect(within(screening).getByText('Immediate (child in danger)')).toBeTruthy();
    expect(within(screening).getByText('Due today')).toBeTruthy();
    const referral = screen.getByRole('link', { name: 'Answer a referral' }).closest('tr') as HTMLElement;
    expect(within(referral).getByText('Case 77AA0011')).toBeTruthy();
    // One table per due state, overdue first, each named by its caption.
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Overdue: 1 task', 'Due today: 1 task', 'Later: 1 task']);
    expect(screen.getAllByRole('table').map((t) => t.querySelector('caption')?.textContent)).toEqual(['Overdue', 'Due today', 'Later']);
  });

  it('keeps filters and grouping in the query string, and opens on them from a shared address', async () => {
    fakeApi(me(['caseworker']), ({ url }) => (url.startsWith('/api/v1/tasks') ? json({ items: TASKS }) : undefined));
    const router = open('/tasks');
    await screen.findByRole('link', { name: 'Screen a signal' });
    fireEvent.click(screen.getByLabelText('Overdue only'));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Screen a signal' })).toBeNull());
    expect(new URLSearchParams(router.state.location.search).get('overdue')).toBe('1');
    fireEvent.click(screen.getByLabelText('Overdue only'));
    fireEvent.change(screen.getByLabelText('What is due'), { target: { value: 'referral_to_answer' } });
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'child' } });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Record the initial assessment of a case' })).toBeNull());
    const params = new URLSearchParams(router.state.location.search);
    expect([params.get('kind'), params.get('group'), params.get('overdue')]).toEqual(['referral_to_answer', 'child', null]);
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Case 77AA0011: 1 task']);
  });

  it('a shared address with filters opens filtered; in Bulgarian the counts agree in number', async () => {
    fakeApi({ ...me(['caseworker']), language: 'bg' }, ({ url }) => (url.startsWith('/api/v1/tasks') ? json({ items: TASKS }) : undefined));
    open('/tasks?group=child&overdue=1');
    expect(await screen.findByRole('heading', { level: 2, name: 'Arta Hoxha: 1 задача' })).toBeTruthy();
    expect(screen.queryByText('Случай 77AA0011')).toBeNull();
    expect((screen.getByLabelText('Само просрочените') as HTMLInputElement).checked).toBe(true);
  });

  it("the supervisor's scope is in the URL too", async () => {
    const calls = fakeApi(me(['supervisor']), ({ url }) => (url.startsWith('/api/v1/tasks') ? json({ items: TASKS }) : undefined));
    const router = open('/tasks');
    await screen.findByRole('link', { name: 'Screen a signal' });
    fireEvent.click(screen.getByTestId('tasks-scope-unit'));
    await waitFor(() => expect(calls.some((c) => c.url === '/api/v1/tasks?scope=unit')).toBe(true));
    expect(new URLSearchParams(router.state.location.search).get('scope')).toBe('unit');
  });

  it('the caseload links its overdue counts to the unit\'s overdue tasks', async () => {
    fakeApi(me(['supervisor']), ({ url }) => (url === '/api/v1/cases/caseload'
      ? json({ unitName: 'CPU Korçë', workers: [{ userId: CHILD_ID, name: 'Ana Worker', activeCases: 7, highRisk: 2, overdueCases: 1, overdueItems: 3 }] })
      : url.startsWith('/api/v1/tasks') ? json({ items: TASKS }) : undefined));
    const router = open('/cases/caseload');
    fireEvent.click(await screen.findByRole('link', { name: /counted as each worker’s own task list counts them/ }));
    await screen.findByRole('link', { name: 'Record the initial assessment of a case' });
    expect(router.state.location.pathname + router.state.location.search).toBe('/tasks?scope=unit&overdue=1');
    expect(screen.queryByRole('link', { name: 'Screen a signal' })).toBeNull();
  });
});
