// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, me, renderAt } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import type { SessionDetail } from './queries.ts';

/** The trainings pages against a fake of the HTTP API: a session's attendance grid, scores and certificates; the import's problems. */
usePageTestLifecycle();

const S = '00000000-0000-4000-8000-0000000000b1';
const P = '00000000-0000-4000-8000-0000000000b2';
const Q = '00000000-0000-4000-8000-0000000000b3';
const participant = (id: string, name: string, over: Record<string, unknown> = {}) => ({
  id, sessionId: S, name, sector: 'education', organisation: 'School No. 3', organisationId: null, position: 'Teacher', municipalityCode: null, userId: null,
  scoreBefore: 40, scoreAfter: 80, rating: 5, days: ['2026-03-02'], eligible: false, certificateCode: null, ...over,
});
const detail: SessionDetail = {
  session: {
    id: S, country: 'AL', moduleId: '00000000-0000-4000-8000-0000000000b4', moduleTitle: 'Working with parents', topics: ['case_management_parents'], hours: 12,
    startsOn: '2026-03-02', endsOn: '2026-03-03', days: ['2026-03-02', '2026-03-03'], place: 'Town hall', municipalityCode: 'AL-06-03', regionCode: 'AL-06',
    trainers: ['Ardit Gjoka'], mode: 'in_person', orgName: 'Training centre', participants: 2, certificates: 1,
  },
  participants: [participant(P, 'Arta Leka'), participant(Q, 'Besa Hoxha', { days: ['2026-03-02', '2026-03-03'], eligible: true, certificateCode: 'K7QM-3XWA-P9DT' })],
};
const serve = () => fakeApi(me(['trainer']), (call) => {
  const u = new URL(call.url, 'http://app');
  if (u.pathname === '/api/v1/jurisdictions') return json({ items: [] });
  if (u.pathname === `/api/v1/training-sessions/${S}`) return json(detail);
  if (u.pathname.endsWith('/attendance')) return json(participant(P, 'Arta Leka', { days: ['2026-03-02', '2026-03-03'], eligible: true }));
  if (u.pathname.endsWith('/import')) return json({ message: 'The file has 1 problem; nothing was stored', issues: [{ path: 'line 3, column name', message: 'is already a participant of this session (same name and organisation)' }] }, 400);
  return undefined;
});

describe('the trainings pages', () => {
  it('a session: the attendance grid sends the days ticked; a certificate is a download link with its code', async () => {
    const calls = serve();
    renderAt(`/trainings/sessions/${S}`);
    const grid = await screen.findByTestId('attendance-grid');
    const row = within(grid).getByText('Arta Leka').closest('tr')!;
    const boxes = within(row).getAllByRole('checkbox');
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([true, false]);
    fireEvent.click(boxes[1]!);
    fireEvent.click(screen.getByTestId('attendance-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT' && c.url.endsWith(`/participants/${P}/attendance`))).toBe(true));
    const put = calls.find((c) => c.method === 'PUT' && c.url.endsWith('/attendance'))!;
    expect(put.body).toEqual({ days: ['2026-03-02', '2026-03-03'] });
    const link = screen.getByTestId('certificate-download');
    expect(link.getAttribute('href')).toContain('/api/v1/training-certificates/K7QM-3XWA-P9DT/certificate.pdf');
    expect(link.textContent).toContain('K7QM-3XWA-P9DT');
  });
});
