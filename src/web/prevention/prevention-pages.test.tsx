// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, me, renderAt } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import type { Activity } from './queries.ts';

/** The prevention pages against a fake of the HTTP API: the list and its filters in the address, the form, one activity. */
usePageTestLifecycle();

const ID = '00000000-0000-4000-8000-0000000000a1';
const MUNICIPALITIES = [
  { code: 'AL-06-03', country: 'AL', level: 'municipality', parentCode: 'AL-06', nameLocal: 'Korçë', nameEn: 'Korçë' },
  { code: 'AL-03-03', country: 'AL', level: 'municipality', parentCode: 'AL-03', nameLocal: 'Elbasan', nameEn: 'Elbasan' },
];
const activity = (over: Partial<Activity> = {}): Activity => ({
  id: ID, country: 'AL', ref: 'KO-1', orgId: '00000000-0000-4000-8000-0000000000a2', orgName: 'CPU Korçë', heldOn: '2026-03-10', place: 'school',
  municipalityCode: 'AL-06-03', regionCode: 'AL-06', topic: 'bullying', title: 'Bullying session', facilitators: ['NJMF Korçë'],
  childrenReached: [{ ageGroup: '12-16', sex: 'female', children: 12 }], adults: { parents: 0, teachers: 3, professionals: 0 }, childrenCoOrganised: true,
  totals: { children: 12, adults: 3 }, authorName: 'Worker One', createdAt: '2026-03-10T12:00:00Z', version: 1, editable: true, ...over,
});
const serve = () => fakeApi(me(['caseworker']), (call) => {
  const u = new URL(call.url, 'http://app');
  if (u.pathname === '/api/v1/jurisdictions') return json({ items: MUNICIPALITIES });
  if (u.pathname === '/api/v1/prevention-activities' && call.method === 'GET') return json({ items: [activity()], total: 1 });
  if (u.pathname === '/api/v1/prevention-activities' && call.method === 'POST') return json(activity({ title: 'New session' }), 201);
  if (u.pathname === `/api/v1/prevention-activities/${ID}`) return json(activity());
  return undefined;
});

describe('the prevention pages', () => {
  it('lists activities; a topic filter goes to the address and to the query', async () => {
    const calls = serve();
    renderAt('/prevention?municipality=AL-06-03');
    const row = (await screen.findAllByTestId('prevention-row'))[0]!;
    expect(within(row).getByRole('link', { name: 'Bullying session' }).getAttribute('href')).toBe(`/prevention/${ID}`);
    expect(row.textContent).toContain('Bullying and cyberbullying');
    expect(row.textContent).toContain('Korçë');
    fireEvent.change(screen.getByLabelText('Topic'), { target: { value: 'online_safety' } });
    await waitFor(() => expect(calls.some((c) => c.url.includes('topic=online_safety') && c.url.includes('municipality=AL-06-03'))).toBe(true));
  });

  it('the form refuses an activity that reached nobody, then sends the grid as cells', async () => {
    const calls = serve();
    renderAt('/prevention/new');
    const form = await screen.findByTestId('prevention-form');
    fireEvent.change(within(form).getByLabelText(/^Date/), { target: { value: '2026-03-10' } });
    fireEvent.change(within(form).getByLabelText(/^Place/), { target: { value: 'school' } });
    await waitFor(() => expect((within(form).getByLabelText(/^Municipality/) as HTMLSelectElement).value).toBe('AL-06-03'));
    fireEvent.change(within(form).getByLabelText(/^Topic/), { target: { value: 'online_safety' } });
    fireEvent.change(within(form).getByLabelText(/^What was done/), { target: { value: 'New session' } });
    fireEvent.click(within(form).getByTestId('prevention-save'));
    expect((await within(form).findByTestId('reach-error')).textContent).toBe('Enter at least one child or adult reached.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.change(within(form).getByLabelText('8–11 years: Girls'), { target: { value: '7' } });
    fireEvent.change(within(form).getByLabelText('Teachers'), { target: { value: '2' } });
    fireEvent.click(within(form).getByTestId('prevention-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({
      heldOn: '2026-03-10', place: 'school', municipalityCode: 'AL-06-03', topic: 'online_safety', title: 'New session',
      childrenReached: [{ ageGroup: '8-11', sex: 'female', children: 7 }], adults: { parents: 0, teachers: 2, professionals: 0 },
    });
    expect(await screen.findByTestId('prevention-activity')).toBeTruthy();
  });

  it('one activity: the reach by age group and sex; the change button for its own organisation only', async () => {
    serve();
    renderAt(`/prevention/${ID}`);
    const page = await screen.findByTestId('prevention-activity');
    expect(within(page).getByRole('heading', { level: 1 }).textContent).toBe('Bullying session');
    expect(within(page).getByTestId('prevention-edit')).toBeTruthy();
    expect(within(page).getByTestId('prevention-reach').textContent).toContain('12');
  });
});
