// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ServicesReport } from '../../reports/services-report.ts';
import { fakeApi, json, me, renderAt } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/** The trainer's figures page against a fake of the HTTP API: the tables, the downloads, the period and region asked for. */
usePageTestLifecycle();

const report = (jurisdiction: string, from: string, to: string): ServicesReport => ({
  period: { from, to }, jurisdiction, suppressed: false, generatedAt: '2026-07-01T08:00:00Z',
  tables: [{
    id: 'trainings.byRegion', service: 'trainings', title: { key: 'ui:trainings.figures.byRegion' }, unit: 'count',
    columns: ['sessions', 'trained', 'certified'].map((code) => ({ code, label: { key: `ui:trainings.figures.${code}` } })),
    rows: [{ code: 'AL-06', label: { text: 'Korçë' }, cells: [{ value: 1 }, { value: 5 }, { value: 3 }] }],
    note: { key: 'ui:trainings.figures.note' },
  }],
});
const serve = () => fakeApi(me(['trainer']), (call) => {
  const u = new URL(call.url, 'http://app');
  if (u.pathname === '/api/v1/jurisdictions') {
    return json({ items: [{ code: 'AL-06', country: 'AL', level: 'region', parentCode: 'AL', nameLocal: 'Korçë', nameEn: 'Korçë' }] });
  }
  if (u.pathname === '/api/v1/trainings/figures') return json(report(u.searchParams.get('jurisdiction')!, u.searchParams.get('from')!, u.searchParams.get('to')!));
  return undefined;
});
const figureCalls = (calls: Array<{ url: string }>) => calls.map((c) => new URL(c.url, 'http://app')).filter((u) => u.pathname === '/api/v1/trainings/figures');

describe("the trainer's figures page", () => {
  it('shows the tables of the period in the address, with CSV, XLSX and PDF downloads of the same', async () => {
    const calls = serve();
    renderAt('/trainings/figures?from=2026-01-01&to=2026-06-30&jurisdiction=AL');
    const table = await screen.findByTestId('figure-trainings.byRegion');
    expect(within(table).getByRole('heading').textContent).toBe('Sessions and professionals trained, by region');
    const row = within(table).getByRole('rowheader', { name: 'Korçë' }).closest('tr')!;
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1', '5', '3']);
    expect(figureCalls(calls).at(-1)!.search).toBe('?from=2026-01-01&to=2026-06-30&jurisdiction=AL');
    for (const f of ['csv', 'xlsx', 'pdf']) {
      expect(screen.getByTestId(`trainings-figures-${f}`).getAttribute('href')).toBe(`/api/v1/trainings/figures.${f}?from=2026-01-01&to=2026-06-30&jurisdiction=AL&lang=en`);
    }
    // The register's tabs lead here.
    expect(screen.getByRole('link', { name: 'Figures' }).getAttribute('href')).toBe('/trainings/figures');
  });

  it('asks for a region chosen in the form, and for the last twelve months of the country by default', async () => {
    const calls = serve();
    renderAt('/trainings/figures');
    await screen.findByTestId('figure-trainings.byRegion');
    const first = figureCalls(calls)[0]!;
    expect(first.searchParams.get('jurisdiction')).toBe('AL');
    expect(first.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-01$/);
    expect(Number(first.searchParams.get('to')!.slice(0, 4)) - Number(first.searchParams.get('from')!.slice(0, 4))).toBe(1);
    const select = await screen.findByLabelText('Jurisdiction');
    fireEvent.change(select, { target: { value: 'AL-06' } });
    fireEvent.click(screen.getByTestId('trainings-figures-show'));
    await waitFor(() => expect(figureCalls(calls).at(-1)!.searchParams.get('jurisdiction')).toBe('AL-06'));
    await waitFor(() => expect(screen.getByTestId('trainings-figures-body').getAttribute('data-jurisdiction')).toBe('AL-06'));
  });
});
