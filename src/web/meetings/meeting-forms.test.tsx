// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MeetingView } from '../../meetings/meeting-schema.ts';
import { NGO, UNIT, fakeApi, json, me, renderAt } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';

/**
 * The meeting page's forms against a fake of the HTTP API: attendance saved in its row,
 * removing and cancelling asked first (nothing sent until confirmed), and leaving with unsaved
 * decisions asked first (Stay keeps them, Leave goes, a saved form leaves without asking).
 */
const MEETING_ID = '00000000-0000-4000-8000-0000000000f1';
const URL_ = `/api/v1/meetings/${MEETING_ID}`;

function meeting(over: Partial<MeetingView> = {}): MeetingView {
  return {
    id: MEETING_ID, country: 'AL', heldAt: '2026-01-10T09:00:00Z', type: 'follow_up', status: 'held', municipalityCode: 'AL-06-03',
    unitId: UNIT, unitName: 'CPU Korçë', signalId: null, mandatorySectors: [], sectorsPresent: [], missingSectors: [], childCount: 0,
    openActionItems: 0, overdueActionItems: 0, accessReason: 'unit_caseworker', version: 4, decisions: null, convenedByName: 'Worker One',
    createdAt: '2026-01-09T09:00:00Z', notInvitedSectors: [], children: [], actionItems: [], deadline: null, canEdit: true,
    participants: [
      { id: 'p-unit', organisationId: UNIT, organisationName: 'CPU Korçë', userId: null, personName: null, institution: null, sector: 'social_services', attended: true },
      { id: 'p-ngo', organisationId: NGO, organisationName: 'Qendra Jeta', userId: null, personName: null, institution: null, sector: 'ngo', attended: false },
    ],
    ...over,
  };
}

/** The fake server applies a PATCH to the meeting it holds and answers the new version. */
function meetingApi() {
  let current = meeting();
  const calls = fakeApi(me(['caseworker']), ({ url, method, body }) => {
    if (url === URL_ && method === 'GET') return json(current);
    if (url === URL_ && method === 'PATCH') {
      const participants = current.participants
        .filter((p) => !(body.removeParticipantIds ?? []).includes(p.id))
        .map((p) => ({ ...p, attended: (body.attendance ?? []).find((a: any) => a.participantId === p.id)?.attended ?? p.attended }));
      current = { ...current, participants, version: current.version + 1, ...(body.status && { status: body.status }), ...('decisions' in body && { decisions: body.decisions }) };
      return json(current);
    }
    if (url.startsWith('/api/v1/meetings?') || url.startsWith('/api/v1/action-items')) return json({ items: [], total: 0 });
    return undefined;
  });
  return { calls, patches: () => calls.filter((c) => c.method === 'PATCH') };
}

usePageTestLifecycle();

describe('the meeting page saves where the change is made', () => {
  it('ticking attendance saves that participant at once, in its row', async () => {
    const { patches } = meetingApi();
    renderAt(`/meetings/${MEETING_ID}`);
    const box = await screen.findByLabelText('Qendra Jeta attended');
    fireEvent.click(box);
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]!.body).toEqual({ version: 4, attendance: [{ participantId: 'p-ngo', attended: true }] });
    const row = box.closest('tr') as HTMLElement;
    expect(await within(row).findByText('Saved.')).toBeTruthy();
    expect((screen.getByLabelText('Qendra Jeta attended') as HTMLInputElement).checked).toBe(true);
  });
});

describe('destructive actions ask first', () => {
  it('removing a participant of a held meeting: nothing is sent until confirmed; Keep keeps', async () => {
    const { patches } = meetingApi();
    renderAt(`/meetings/${MEETING_ID}`);
    fireEvent.click(await screen.findByTestId('remove-participant'));
    const ask = screen.getByTestId('remove-participant-confirm');
    expect(within(ask).getByText(/Remove Qendra Jeta from the participants\? The meeting is held/)).toBeTruthy();
    const keep = within(ask).getByRole('button', { name: 'Keep' });
    expect(document.activeElement).toBe(keep);
    fireEvent.click(keep);
    expect(patches()).toHaveLength(0);
    expect(document.activeElement).toBe(screen.getByTestId('remove-participant'));

    fireEvent.click(screen.getByTestId('remove-participant'));
    fireEvent.click(within(screen.getByTestId('remove-participant-confirm')).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]!.body).toEqual({ version: 4, removeParticipantIds: ['p-ngo'] });
    await waitFor(() => expect(screen.queryByText('Qendra Jeta')).toBeNull());
  });

  it('cancelling the meeting asks first', async () => {
    const { patches } = meetingApi();
    renderAt(`/meetings/${MEETING_ID}`);
    fireEvent.change(await screen.findByLabelText('Status'), { target: { value: 'cancelled' } });
    fireEvent.click(screen.getByTestId('save-meeting'));
    expect(patches()).toHaveLength(0);
    fireEvent.click(within(screen.getByTestId('save-meeting-confirm')).getByRole('button', { name: 'Cancel the meeting' }));
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]!.body).toEqual({ version: 4, status: 'cancelled' });
  });
});

describe('leaving with unsaved changes asks first', () => {
  it('Stay keeps the draft; Leave goes; nothing is sent', async () => {
    const { patches } = meetingApi();
    renderAt(`/meetings/${MEETING_ID}`);
    const decisions = await screen.findByRole('textbox', { name: 'Decisions' });
    fireEvent.change(decisions, { target: { value: 'Home visit on Monday.' } });
    fireEvent.click(screen.getByRole('link', { name: 'Back to the meetings' }));
    const dialog = await screen.findByTestId('unsaved-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Leave without saving?' })).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Stay on the page' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stay on the page' }));
    await waitFor(() => expect(screen.queryByTestId('unsaved-dialog')).toBeNull());
    expect((screen.getByRole('textbox', { name: 'Decisions' }) as HTMLTextAreaElement).value).toBe('Home visit on Monday.');

    fireEvent.click(screen.getByRole('link', { name: 'Back to the meetings' }));
    fireEvent.click(within(await screen.findByTestId('unsaved-dialog')).getByRole('button', { name: 'Leave without saving' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Decisions' })).toBeNull());
    expect(screen.queryByTestId('unsaved-dialog')).toBeNull();
    expect(patches()).toHaveLength(0);
  });

  it('a saved form leaves without asking', async () => {
    const { patches } = meetingApi();
    renderAt(`/meetings/${MEETING_ID}`);
    fireEvent.change(await screen.findByRole('textbox', { name: 'Decisions' }), { target: { value: 'Home visit on Monday.' } });
    fireEvent.click(screen.getByTestId('save-meeting'));
    await waitFor(() => expect(patches()).toHaveLength(1));
    expect(patches()[0]!.body).toEqual({ version: 4, decisions: 'Home visit on Monday.' });
    await screen.findByText('Changes saved.');
    fireEvent.click(screen.getByRole('link', { name: 'Back to the meetings' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Decisions' })).toBeNull());
    expect(screen.queryByTestId('unsaved-dialog')).toBeNull();
  });
});
