// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { json, me, renderSection } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import { RetentionPage } from './RetentionPage.tsx';

/** The administrator's dry run against a fake of the HTTP API: the cases due with their days, the count held, no names. */
usePageTestLifecycle();

function serve(body: unknown) {
  vi.stubGlobal('fetch', vi.fn(async (input: string) => {
    const u = new URL(input, 'http://app');
    if (u.pathname === '/api/v1/auth/me') return json({ user: me(['admin']), csrfToken: 't' });
    if (u.pathname === '/api/v1/retention/due') return json(body);
    return json({ message: 'not found' }, 404);
  }));
}

describe('the retention page', () => {
  it('lists each case due with its closed and due days, and how many a legal hold keeps', async () => {
    serve({
      due: [{ childId: '00000000-0000-4000-8000-0000000000c1', country: 'AL', dueOn: '2036-03-01', cases: [
        { caseId: '00000000-0000-4000-8000-0000000000a1', caseRef: 'AL-2026-0007', country: 'AL', closedOn: '2026-03-01', dueOn: '2036-03-01' },
      ] }],
      held: 2,
    });
    renderSection(<RetentionPage />);
    const table = await screen.findByRole('table', { name: 'Retention: due for anonymisation' });
    expect(table.textContent).toContain('AL-2026-0007');
    expect(screen.getByTestId('retention-counts').textContent).toBe('Children due: 1 · Kept by a legal hold: 2');
  });

  it('says when nothing is due', async () => {
    serve({ due: [], held: 0 });
    renderSection(<RetentionPage />);
    expect(await screen.findByText('Nothing is due for anonymisation.')).toBeTruthy();
  });
});
