// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, me, renderAt } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import type { FreeText, Kiosk } from './queries.ts';

/** The feedback pages against a fake of the HTTP API: the kiosks (open, close), results with suppression, the review of free texts. */
usePageTestLifecycle();

const ID = '00000000-0000-4000-8000-0000000000b1';
const TEXT = '00000000-0000-4000-8000-0000000000b2';
const kiosk = (over: Partial<Kiosk> = {}): Kiosk => ({
  id: ID, orgId: '00000000-0000-4000-8000-0000000000b3', orgName: 'CPU Korçë', label: 'Waiting room', service: 'casework', languages: ['sq', 'en'],
  status: 'open', link: 'http://localhost/kiosk/abc', qrCode: 'data:image/svg+xml;base64,PHN2Zy8+', answers: 12, unreviewed: 1,
  createdAt: '2026-03-10T12:00:00Z', closedAt: null, version: 1, manageable: true, ...over,
});
const text: FreeText = { id: TEXT, kioskId: ID, kioskLabel: 'Waiting room', orgName: 'CPU Korçë', submittedOn: '2026-03-11', ageBand: '9_12', text: 'I want to meet at school', reviewedAt: null, signalId: null };
const TABLE = {
  id: 'feedback.byQuestion', service: 'feedback', title: { key: 'ui:feedback.figures.byQuestion' }, unit: 'count',
  columns: [{ code: 'average', label: { key: 'ui:feedback.figures.average' } }],
  rows: [{ code: 'felt', label: { key: 'ui:feedback.figures.question.felt' }, cells: [{ value: 4.5 }] }, { code: 'listened', label: { key: 'ui:feedback.figures.question.listened' }, cells: [{ value: null, suppressed: true }] }],
};
const serve = (roles: Array<'supervisor' | 'caseworker' | 'provider'> = ['supervisor']) => fakeApi(me(roles), (call) => {
  const u = new URL(call.url, 'http://app');
  if (u.pathname === '/api/v1/kiosks' && call.method === 'GET') return json({ items: [kiosk({ manageable: roles.includes('supervisor') || roles.includes('provider'), unreviewed: roles.includes('supervisor') ? 1 : 0 })] });
  if (u.pathname === '/api/v1/kiosks' && call.method === 'POST') return json(kiosk({ label: 'New' }), 201);
  if (u.pathname === `/api/v1/kiosks/${ID}/status`) return json(kiosk({ status: 'closed', version: 2 }));
  if (u.pathname === '/api/v1/kiosk-results') return json({ tables: [TABLE] });
  if (u.pathname === '/api/v1/kiosk-texts') return json({ items: [text] });
  if (u.pathname === `/api/v1/kiosk-texts/${TEXT}/reviewed`) return json({ ...text, reviewedAt: '2026-03-12T10:00:00Z' });
  return undefined;
});

describe('the feedback pages', () => {
  it('the supervisor sees the kiosk with its QR code and link, opens a new one and closes this one', async () => {
    const calls = serve();
    renderAt('/feedback');
    const card = await screen.findByTestId('kiosk-card');
    expect(within(card).getByRole('img', { name: 'QR code of the kiosk „Waiting room“' }).getAttribute('src')).toContain('data:image/svg+xml');
    expect((within(card).getByLabelText('Link of the kiosk') as HTMLInputElement).value).toBe('http://localhost/kiosk/abc');
    expect(card.textContent).toContain('12 answers');
    fireEvent.click(screen.getByTestId('kiosk-create'));
    expect((await screen.findByRole('alert')).textContent).toBe('Enter a name and choose at least one language.');
    fireEvent.change(screen.getByLabelText('Name (where the tablet is)'), { target: { value: 'New' } });
    fireEvent.click(screen.getByLabelText('English'));
    fireEvent.click(screen.getByLabelText('Shqip'));
    fireEvent.click(screen.getByTestId('kiosk-create'));
    await waitFor(() => expect(calls.find((c) => c.method === 'POST' && c.url.endsWith('/kiosks'))?.body).toEqual({ label: 'New', service: 'casework', languages: ['sq', 'en'] }));
    fireEvent.click(within(card).getByTestId('kiosk-close'));
    fireEvent.click(await within(card).findByRole('button', { name: 'Close the kiosk' }));
    await waitFor(() => expect(calls.find((c) => c.url.endsWith('/status'))?.body).toEqual({ status: 'closed', version: 1 }));
  });

  it('a caseworker sees the kiosks but neither the form nor the review', async () => {
    serve(['caseworker']);
    renderAt('/feedback');
    const card = await screen.findByTestId('kiosk-card');
    expect(screen.queryByTestId('kiosk-create')).toBeNull();
    expect(within(card).queryByTestId('kiosk-close')).toBeNull();
    expect(screen.queryByRole('link', { name: "Children's words to review" })).toBeNull();
  });

  it("a provider's staff open and close their kiosks and publish notes, but have no review (the unit's supervisor reviews their free texts)", async () => {
    serve(['provider']);
    renderAt('/feedback');
    const card = await screen.findByTestId('kiosk-card');
    expect(screen.getByTestId('kiosk-create')).toBeTruthy();
    expect(within(card).getByTestId('kiosk-close')).toBeTruthy();
    expect(screen.queryByRole('link', { name: "Children's words to review" })).toBeNull();
    expect(within(card).queryByRole('link', { name: /to review/ })).toBeNull();
  });

  it("a provider's staff who open the review page are told who reads the texts; nothing is asked of the API", async () => {
    const calls = serve(['provider']);
    renderAt('/feedback/review');
    expect((await screen.findByTestId('review-not-yours')).textContent).toContain("supervisor of the municipality's Child Protection Unit");
    expect(screen.queryByTestId('kiosk-text')).toBeNull();
    expect(calls.some((c) => c.url.includes('/kiosk-texts'))).toBe(false);
  });

  it('results: the figures, a hidden one marked as not shown', async () => {
    serve();
    renderAt(`/feedback/results?kiosk=${ID}`);
    const page = await screen.findByTestId('feedback-results');
    expect(await within(page).findByText('How the child felt when the worker visited')).toBeTruthy();
    expect(page.textContent).toContain('fewer than 5 answers');
  });

  it('review: the child\'s words, marked reviewed', async () => {
    const calls = serve();
    renderAt('/feedback/review');
    const item = await screen.findByTestId('kiosk-text');
    expect(item.textContent).toContain('I want to meet at school');
    expect(item.textContent).toContain('9 to 12');
    fireEvent.click(within(item).getByTestId('text-reviewed'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.endsWith(`/kiosk-texts/${TEXT}/reviewed`))).toBe(true));
    fireEvent.click(within(item).getByTestId('text-signal'));
    fireEvent.click(await within(item).findByTestId('signal-submit'));
    expect((await within(item).findByRole('alert')).textContent).toContain('at least one type of harm');
  });
});
