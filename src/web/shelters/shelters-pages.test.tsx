// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Me } from '../auth/types.ts';
import { CHILD_ID, UNIT, fakeApi, json, me, renderAt } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import type { Stay } from './queries.ts';

/** The shelter's pages against a fake of the HTTP API: beds free, the stay page for the shelter and for the unit. */
usePageTestLifecycle();

const SHELTER = '00000000-0000-4000-8000-0000000000f1';
const STAY = '00000000-0000-4000-8000-0000000000f2';
const KASE = '00000000-0000-4000-8000-0000000000f3';
const staff: Me = {
  ...me(['provider']),
  organisation: { id: SHELTER, name: 'Shtëpia e Ngjyrave', sector: 'shelter', jurisdictionCode: 'AL-03-03', country: 'AL', isProtectionUnit: false, timeZone: 'Europe/Tirane' },
};
const stay = (over: Partial<Stay> = {}): Stay => ({
  id: STAY, ref: null, shelterId: SHELTER, shelterName: 'Shtëpia e Ngjyrave', groupId: STAY,
  child: { id: CHILD_ID, givenName: 'Besa', familyName: 'Doda', sex: 'female', birthDate: '2013-04-09' }, siblings: [],
  companionName: 'Mira Doda', companionRelation: 'mother', admittedAt: '2026-11-18T01:30:00Z', admittedOn: '2026-11-18', referredBy: 'police_station',
  harmTypes: ['physical'], emergency: true, responsibleUnitId: UNIT, responsibleUnitName: 'CPU Korçë', linked: false, caseOwnerName: null,
  linkDueAt: '2026-11-21T01:30:00Z', linkOverdue: true, overCapacityReason: null, planGoal: null, steps: [], stayDays: 95, standardDays: 90,
  stayExceeded: true, current: true, dischargedOn: null, destination: null, dischargedWith: null, followUpOn: null, followUpNote: null, version: 1,
  withheld: ['vulnerabilities'], ...over,
});
const beds = { items: [{ id: SHELTER, name: 'Shtëpia e Ngjyrave', jurisdictionCode: 'AL-03-03', jurisdictionName: 'Elbasan', beds: 12, bedsFree: 0, bedsOver: 1, motherChildPlaces: 3, motherChildFree: 2 }] };

describe('the shelter pages', () => {
  it('beds free: counts only, full with one over capacity, for the country or a region; the shelter lists its children', async () => {
    const calls = fakeApi(staff, ({ url }) => {
      if (url === '/api/v1/jurisdictions?parent=AL') return json({ items: [{ code: 'AL-03', country: 'AL', level: 'region', parentCode: 'AL', nameLocal: 'Elbasan', nameEn: 'Elbasan' }] });
      if (url.startsWith('/api/v1/shelters/beds-free')) return json(beds);
      if (url.startsWith('/api/v1/shelter-admissions?')) return json({ items: [stay()], total: 1 });
      return undefined;
    });
    renderAt('/shelters');
    const row = (await screen.findAllByTestId('beds-free-row'))[0]!;
    expect(within(row).getByText(/0 of 12/)).toBeTruthy();
    expect(within(row).getByText('1 admitted over capacity')).toBeTruthy();
    expect(within(row).getByText('2 of 3')).toBeTruthy();
    const link = await screen.findByRole('link', { name: 'Besa Doda' });
    expect(link.getAttribute('href')).toBe(`/shelters/stays/${STAY}`);
    expect(within(link.closest('tr') as HTMLElement).getByText('Overdue')).toBeTruthy();
    await screen.findByRole('option', { name: 'Elbasan' });
    fireEvent.change(screen.getByLabelText('Region'), { target: { value: 'AL-03' } });
    await waitFor(() => expect(calls.some((c) => c.url === '/api/v1/shelters/beds-free?region=AL-03')).toBe(true));
  });

  it('the shelter discharges after asking, and sets the plan goal; it sees no link form', async () => {
    let current = stay();
    const calls = fakeApi(staff, ({ url, method, body }) => {
      if (url === `/api/v1/shelter-admissions/${STAY}` && method === 'GET') return json(current);
      if (url === `/api/v1/shelter-admissions/${STAY}/discharge`) {
        current = stay({ current: false, dischargedOn: body.dischargedOn, destination: body.destination, dischargedWith: body.dischargedWith });
        return json(current);
      }
      if (url === `/api/v1/shelter-admissions/${STAY}/plan`) return json((current = stay({ planGoal: body.goal })));
      return undefined;
    });
    renderAt(`/shelters/stays/${STAY}`);
    await screen.findByTestId('stay-page');
    expect(screen.getByText('Longer than the standard')).toBeTruthy();
    expect(screen.queryByTestId('stay-link-form')).toBeNull();
    fireEvent.change(screen.getByLabelText('Goal'), { target: { value: 'return_to_family' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the goal' }));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/plan') && c.body.goal === 'return_to_family')).toBe(true));
    fireEvent.change(screen.getByLabelText(/Left with/), { target: { value: 'Grandmother' } });
    fireEvent.change(screen.getByLabelText(/Destination/), { target: { value: 'kinship_care' } });
    fireEvent.click(screen.getByTestId('discharge-submit'));
    expect(calls.some((c) => c.url.endsWith('/discharge'))).toBe(false);
    fireEvent.click(await screen.findByRole('button', { name: 'Discharge' }));
    await waitFor(() => expect(calls.find((c) => c.url.endsWith('/discharge'))?.body).toMatchObject({ destination: 'kinship_care', dischargedWith: 'Grandmother' }));
    await screen.findByTestId('stay-follow-up');
  });

  it('the unit links the stay to one of its cases of the child', async () => {
    let current = stay({ withheld: [], vulnerabilities: ['poverty'], caseId: null, unitCases: [{ id: KASE, ref: 'K-7', status: 'open', openedAt: '2026-11-19T09:00:00Z' }] });
    const calls = fakeApi(me(['caseworker']), ({ url, method }) => {
      if (url === `/api/v1/shelter-admissions/${STAY}` && method === 'GET') return json(current);
      if (url === `/api/v1/shelter-admissions/${STAY}/link`) return json((current = { ...current, linked: true, caseId: KASE, caseOwnerName: 'Elira Dervishi', linkOverdue: false }));
      return undefined;
    });
    renderAt(`/shelters/stays/${STAY}`);
    await screen.findByTestId('stay-link-form');
    expect(screen.getByText('Poverty')).toBeTruthy();
    fireEvent.click(screen.getByTestId('stay-link-submit'));
    await waitFor(() => expect(calls.find((c) => c.url.endsWith('/link'))?.body).toEqual({ caseId: KASE }));
    expect((await screen.findByRole('link', { name: /Elira Dervishi/ })).getAttribute('href')).toBe(`/cases/${KASE}`);
    expect(screen.queryByTestId('stay-link-form')).toBeNull();
  });
});
