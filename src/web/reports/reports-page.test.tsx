// @vitest-environment jsdom
import { render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { assembleReport, emptyFigures } from '../../reports/monitoring-figures.ts';
import { App } from '../app/App.tsx';
import { createQueryClient } from '../app/query-client.ts';
import { routes } from '../app/routes.tsx';
import { type Call, fakeApi, json, me } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import type { ServicesReport } from '../../reports/services-report.ts';

/**
 * The monitoring report page against a fake of the HTTP API: it opens on the period the server
 * names as the latest with data and writes it in the address; a period in the address is used as
 * it is; charts leave out empty and hidden categories and put the largest first, tables keep all.
 */
usePageTestLifecycle();

const REGIONS = ['AL-06', 'AL-11'];

function report(from: string, to: string) {
  const cur = emptyFigures({ from, to }, REGIONS);
  const prev = emptyFigures({ from: '2023-01-01', to: '2023-12-31' }, REGIONS);
  cur.signals.total = 20;
  Object.assign(cur.signals.bySource, { police: 3, helpline: 11, ngo: null, education: 6 });
  cur.children.total = 8;
  cur.children.byAgeGroupAndSex['8-11']!.male = 8;
  return assembleReport('AL', cur, prev, { suppress: false, regionLevel: false });
}

function start(path: string, latest: unknown) {
  const calls = fakeApi(me(['monitor']), ({ url }: Call) => {
    const u = new URL(url, 'http://app');
    if (u.pathname === '/api/v1/jurisdictions') return json({ items: [] });
    if (u.pathname === '/api/v1/reports/monitoring/latest-period') return json(latest);
    if (u.pathname === '/api/v1/reports/monitoring') return json(report(u.searchParams.get('from')!, u.searchParams.get('to')!));
    if (u.pathname === '/api/v1/reports/services') return json(SERVICES);
    return undefined;
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(<App router={router} queryClient={createQueryClient()} />);
  return { calls, router };
}

const SERVICES: ServicesReport = {
  period: { from: '2024-01-01', to: '2024-12-31' },
  jurisdiction: 'AL',
  suppressed: true,
  generatedAt: '2025-01-02T10:00:00Z',
  tables: [
    {
      id: 'shelters.destinations', service: 'shelter', title: { key: 'ui:reports.services.service.shelter' }, unit: 'days',
      columns: [{ code: 'female', label: { key: 'taxonomy:sex.female' } }, { code: 'male', label: { key: 'taxonomy:sex.male' } }],
      rows: [{ code: 'house', label: { text: 'House of Colors' }, cells: [{ value: 12.25 }, { value: null, suppressed: true }] }],
    },
  ],
};

const reportCalls = (calls: Call[]) => calls.map((c) => c.url).filter((u) => u.startsWith('/api/v1/reports/monitoring?'));

describe('the monitoring report page', () => {
  it('opens on the latest period with data and keeps it in the address', async () => {
    const { calls, router } = start('/reports/monitoring', { jurisdiction: 'AL', period: { from: '2024-01-01', to: '2024-12-31' }, yearToDate: false });
    await screen.findByTestId('report-body');
    expect(calls.some((c) => c.url === '/api/v1/reports/monitoring/latest-period?jurisdiction=AL')).toBe(true);
    expect(reportCalls(calls)).toEqual(['/api/v1/reports/monitoring?from=2024-01-01&to=2024-12-31&jurisdiction=AL']);
    const search = new URLSearchParams(router.state.location.search);
    expect([search.get('from'), search.get('to'), search.get('jurisdiction')]).toEqual(['2024-01-01', '2024-12-31', 'AL']);
    expect((screen.getByLabelText(/^From/) as HTMLInputElement).value).toBe('01/01/2024');
  });

  it('a period in the address is shown as it is, without asking for the latest', async () => {
    const { calls } = start('/reports/monitoring?from=2022-03-01&to=2022-05-31&jurisdiction=AL', { jurisdiction: 'AL', period: null, yearToDate: false });
    await screen.findByTestId('report-body');
    expect(reportCalls(calls)).toEqual(['/api/v1/reports/monitoring?from=2022-03-01&to=2022-05-31&jurisdiction=AL']);
    expect(calls.some((c) => c.url.includes('latest-period'))).toBe(false);
  });

  it('with no year of data, opens on the year to date', async () => {
    const { calls } = start('/reports/monitoring', { jurisdiction: 'AL', period: null, yearToDate: false });
    await screen.findByTestId('report-body');
    const year = new Date().getFullYear();
    expect(reportCalls(calls)[0]).toMatch(new RegExp(`^/api/v1/reports/monitoring\\?from=${year}-01-01&to=${year}-\\d\\d-\\d\\d&jurisdiction=AL$`));
  });

  it('charts only categories above zero, largest first; tables keep every category', async () => {
    start('/reports/monitoring?from=2024-01-01&to=2024-12-31&jurisdiction=AL', null);
    const body = await screen.findByTestId('report-body');
    await waitFor(() => expect(within(body).getByTestId('chart-bySource').getAttribute('data-order')).toBe('helpline education police'));
    const table = within(within(body).getByTestId('figure-bySource')).getByRole('table');
    const codes = [...table.querySelectorAll('tbody tr')].map((tr) => tr.getAttribute('data-code'));
    expect(codes).toEqual(expect.arrayContaining(['police', 'helpline', 'ngo', 'education', 'mother']));
    expect(codes.length).toBeGreaterThan(5);
    // A breakdown with nothing above zero draws no chart and says why.
    expect(within(body).getByTestId('chart-byPlace').textContent).toMatch(/^No chart/);
    expect(within(body).getByTestId('chart-byType').textContent).toMatch(/^No chart/);
  });

  it("shows the services' figures for the same period and jurisdiction, per service, hidden figures said so", async () => {
    const { calls } = start('/reports/monitoring?from=2024-01-01&to=2024-12-31&jurisdiction=AL', null);
    const part = await screen.findByTestId('services-shelter');
    expect(calls.some((c) => c.url === '/api/v1/reports/services?from=2024-01-01&to=2024-12-31&jurisdiction=AL')).toBe(true);
    expect(within(part).getByRole('heading', { level: 3 }).textContent).toBe('Emergency shelter');
    const table = within(part).getByRole('table');
    expect([...table.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Female', 'Male']);
    expect([...table.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual(['12.3', 'hidden']);
    expect(within(screen.getByTestId('services-figures')).getByText(/no child can be singled out/)).toBeTruthy();
    expect(screen.getByTestId('services-download-pdf').getAttribute('href')).toBe('/api/v1/reports/services.pdf?from=2024-01-01&to=2024-12-31&jurisdiction=AL&lang=en');
    expect(screen.queryByTestId('services-police_support')).toBeNull();
  });
});
