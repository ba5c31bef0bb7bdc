// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, me, renderAt } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import type { HomeSummary } from './queries.ts';

/** Home against a fake of the HTTP API: figures as links to their lists, plural forms, empty states, error and retry. */
usePageTestLifecycle();

const f = (count: number, link: string) => ({ count, link });
const caseworker = (over: Partial<NonNullable<HomeSummary['caseworker']>> = {}): HomeSummary => ({
  caseworker: {
    overdue: f(0, '/tasks?overdue=1'), dueToday: f(0, '/tasks?due=today'),
    signalsToScreen: { ...f(0, '/tasks?kind=signal_screening'), top: [] },
    casesByRisk: (['high', 'medium', 'low', 'none'] as const).map((level) => ({ level, ...f(0, `/cases?risk=${level}`) })),
    notSeen: { ...f(0, '/cases?owner=me&status=active'), days: 30, top: [] },
    ...over,
  },
  supervisor: null, organisation: null, monitor: null, admin: null,
});

describe('Home', () => {
  it('says what will appear where there is nothing yet', async () => {
    fakeApi(me(['caseworker']), ({ url }) => (url.startsWith('/api/v1/home') ? json(caseworker()) : undefined));
    renderAt('/');
    const block = await screen.findByTestId('home-caseworker');
    expect(within(block).getByText('Nothing overdue')).toBeTruthy();
    expect(within(block).getByText('Nothing due today')).toBeTruthy();
    expect(within(block).getByText(/No signal is waiting for its screening/)).toBeTruthy();
    expect(within(block).getByText(/You have no open case/)).toBeTruthy();
    expect(within(block).getByText('Every child of your cases was seen in the last 30 days.')).toBeTruthy();
    expect(within(block).queryAllByRole('link')).toEqual([]);
  });

  it('each figure is a link to its filtered list, in the plural form its number asks for', async () => {
    const data = caseworker({
      overdue: f(1, '/tasks?overdue=1'), dueToday: f(3, '/tasks?due=today'),
      casesByRisk: [{ level: 'high', ...f(2, '/cases?owner=me&status=active&risk=high') }],
      signalsToScreen: { ...f(1, '/tasks?kind=signal_screening'), top: [{ id: 's1', ref: 'B1C2D3E4', urgency: 'immediate', dueAt: '2099-01-01T10:00:00Z', overdue: false, childName: null, link: '/signals/s1' }] },
    });
    fakeApi(me(['caseworker']), ({ url }) => (url.startsWith('/api/v1/home') ? json(data) : undefined));
    renderAt('/');
    const overdue = await screen.findByTestId('home-overdue');
    expect(overdue.textContent).toBe('1 overdue task');
    expect(overdue.getAttribute('href')).toBe('/tasks?overdue=1');
    expect(screen.getByTestId('home-due-today').textContent).toBe('3 tasks due today');
    expect(screen.getByTestId('home-risk-high').textContent).toBe('2 cases');
    expect(screen.getByTestId('home-risk-high').getAttribute('href')).toBe('/cases?owner=me&status=active&risk=high');
    // Without the child's name, the signal's reference; its urgency and the time left.
    const signal = screen.getByTestId('home-signal');
    expect(within(signal).getByRole('link').textContent).toBe('Signal B1C2D3E4');
    expect(signal.textContent).toContain('Immediate (child in danger)');
    expect(signal.textContent).toMatch(/\d+ days left/);
  });

  it('a failed load says so and offers to try again', async () => {
    let broken = true;
    fakeApi(me(['caseworker']), ({ url }) => (url.startsWith('/api/v1/home') ? (broken ? json({ message: 'down' }, 500) : json(caseworker())) : undefined));
    renderAt('/');
    const retry = await screen.findByRole('button', { name: 'Try again' }, { timeout: 10_000 });
    expect(screen.getByText('Your summary could not be loaded.')).toBeTruthy();
    broken = false;
    fireEvent.click(retry);
    await waitFor(() => expect(screen.getByTestId('home-caseworker')).toBeTruthy());
  });
});
