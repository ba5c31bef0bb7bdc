// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AttachmentView } from '../../attachments/attachment-schema.ts';
import { CASE_ID, json, me, renderSection } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import { AttachmentsPanel } from './AttachmentsPanel.tsx';

/** A record's files against a fake of the HTTP API: listed with download and preview, checked before upload, removed with a reason. */
usePageTestLifecycle();

const FILE: AttachmentView = {
  id: '00000000-0000-4000-8000-0000000000f1', ownerKind: 'case', ownerId: CASE_ID, kind: 'consent', fileName: 'consent.pdf', mediaType: 'application/pdf',
  sizeBytes: 120_000, description: 'Signed by the mother', uploadedAt: '2026-11-02T09:30:00Z', uploadedByName: 'Elira Dervishi', uploaderOrgName: 'CPU Korçë',
  previewable: true, removedAt: null, removedReason: null, canRemove: true,
};

function serve() {
  const posts: Array<{ url: string; body: unknown }> = [];
  vi.stubGlobal('fetch', vi.fn(async (input: string, init: RequestInit = {}) => {
    const u = new URL(input, 'http://app');
    if (u.pathname === '/api/v1/auth/me') return json({ user: me(['caseworker']), csrfToken: 't' });
    if (init.method === 'POST') {
      posts.push({ url: u.pathname, body: init.body instanceof FormData ? Object.fromEntries(init.body) : JSON.parse(String(init.body)) });
      return json(FILE, u.pathname === '/api/v1/attachments' ? 201 : 200);
    }
    if (u.pathname === '/api/v1/attachments') return json({ items: [FILE], maxBytes: 1024 * 1024 });
    return json({ message: 'not found' }, 404);
  }));
  return posts;
}

describe('the files of a record', () => {
  it('lists each file with its download, its preview and who attached it', async () => {
    serve();
    renderSection(<AttachmentsPanel ownerKind="case" ownerId={CASE_ID} />);
    const item = await screen.findByTestId(`attachment-${FILE.id}`);
    expect(within(item).getByRole('link', { name: 'consent.pdf' }).getAttribute('href')).toBe(`/api/v1/attachments/${FILE.id}/content`);
    expect(within(item).getByRole('link', { name: 'Open' }).getAttribute('href')).toBe(`/api/v1/attachments/${FILE.id}/content?inline=true`);
    expect(item.textContent).toContain('Signed consent');
    expect(item.textContent).toContain('117 KB');
    expect(item.textContent).toContain('Elira Dervishi, CPU Korçë');
  });

  it('checks the file before sending it, then sends it with its kind', async () => {
    const posts = serve();
    renderSection(<AttachmentsPanel ownerKind="case" ownerId={CASE_ID} />);
    fireEvent.click(await screen.findByTestId('attachment-add'));
    fireEvent.click(screen.getByRole('button', { name: 'Attach' }));
    expect(await screen.findByText('Choose a file.')).toBeTruthy();
    const input = screen.getByLabelText(/^File/) as HTMLInputElement;
    fireEvent.change(screen.getByLabelText(/^What it is/), { target: { value: 'court_order' } });
    fireEvent.change(input, { target: { files: [new File([new Uint8Array(2 * 1024 * 1024)], 'order.pdf', { type: 'application/pdf' })] } });
    fireEvent.click(screen.getByRole('button', { name: 'Attach' }));
    expect(await screen.findByText('The file is larger than 1 MB.')).toBeTruthy();
    expect(posts).toEqual([]);
    fireEvent.change(input, { target: { files: [new File(['%PDF-1.4'], 'order.pdf', { type: 'application/pdf' })] } });
    fireEvent.click(screen.getByRole('button', { name: 'Attach' }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]!.url).toBe('/api/v1/attachments');
    expect(posts[0]!.body).toMatchObject({ ownerKind: 'case', ownerId: CASE_ID, kind: 'court_order' });
  });

  it('removes a file only with a reason', async () => {
    const posts = serve();
    renderSection(<AttachmentsPanel ownerKind="case" ownerId={CASE_ID} />);
    fireEvent.click(await screen.findByTestId('attachment-remove'));
    fireEvent.click(screen.getByRole('button', { name: 'Remove the file' }));
    expect(await screen.findByText('This field is required.')).toBeTruthy();
    expect(posts).toEqual([]);
    fireEvent.change(screen.getByLabelText(/^Why remove this file/), { target: { value: 'Wrong child' } });
    fireEvent.click(screen.getByRole('button', { name: 'Remove the file' }));
    await waitFor(() => expect(posts).toEqual([{ url: `/api/v1/attachments/${FILE.id}/remove`, body: { reason: 'Wrong child' } }]));
  });
});
