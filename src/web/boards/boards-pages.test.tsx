// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeApi, json, me, renderAt } from '../cases/test-harness.tsx';
import { usePageTestLifecycle } from '../testing/page-test-lifecycle.ts';
import type { Board } from './queries.ts';

/** The consultation board pages against a fake of the HTTP API: the list, a board, recording a meeting with a view, answering a view. */
usePageTestLifecycle();

const ID = '00000000-0000-4000-8000-0000000000b1';
const MEMBER = '00000000-0000-4000-8000-0000000000b2';
const LEFT = '00000000-0000-4000-8000-0000000000b3';
const VIEW = '00000000-0000-4000-8000-0000000000b4';
const MEETING = '00000000-0000-4000-8000-0000000000b5';
const board = (over: Partial<Board> = {}): Board => ({
  id: ID, country: 'AL', orgId: '00000000-0000-4000-8000-0000000000a2', orgName: 'CPU Korçë', name: 'Children’s board Korçë',
  municipalityCode: 'AL-06-03', municipalityName: 'Korçë', regionCode: 'AL-06', establishedOn: '2026-01-01', active: true, version: 1,
  currentMembers: 1, meetingCount: 1, lastMeetingOn: '2026-02-10', views: { open: 1, inProgress: 0, answered: 0, overdue: 1 }, editable: true,
  members: [
    { id: MEMBER, pseudonym: 'Dielli', ageBand: '12-16', sex: 'male', childConsentOn: '2026-01-05', guardianConsentOn: '2026-01-05', joinedOn: '2026-01-05', leftOn: null },
    { id: LEFT, pseudonym: 'Hëna', ageBand: '8-11', sex: 'female', childConsentOn: '2026-01-05', guardianConsentOn: '2026-01-05', joinedOn: '2026-01-05', leftOn: '2026-02-01' },
  ],
  meetings: [{ id: MEETING, heldOn: '2026-02-10', place: 'Youth centre', topics: ['School'], attendance: [MEMBER] }],
  viewList: [{ id: VIEW, meetingId: MEETING, raisedOn: '2026-02-10', statement: 'The yard is not safe.', themes: ['school_bullying'], status: 'open', answeredOn: null, dueOn: '2026-04-11', overdue: true, responses: [] }],
  advocacy: [{ id: '00000000-0000-4000-8000-0000000000b6', description: 'Letter to the mayor', chosenOn: '2026-02-10', status: 'planned', version: 1 }],
  ...over,
});
const serve = (b: Board = board()) => fakeApi(me(['caseworker']), (call) => {
  const u = new URL(call.url, 'http://app');
  if (u.pathname === '/api/v1/boards' && call.method === 'GET') return json({ items: [b] });
  if (u.pathname === `/api/v1/boards/${ID}` && call.method === 'GET') return json(b);
  if (u.pathname === `/api/v1/boards/${ID}/meetings`) return json(board({ meetingCount: 2 }), 201);
  if (u.pathname === `/api/v1/boards/${ID}/responses`) {
    return json(board({ viewList: [{ ...b.viewList[0]!, status: 'answered', answeredOn: '2026-03-01', overdue: false, responses: [{ id: MEETING, action: 'Teachers watch the yard.', byWhom: 'The school', respondedOn: '2026-03-01', status: 'answered', authorName: null }] }] }), 201);
  }
  return undefined;
});

describe('the consultation board pages', () => {
  it('lists the boards with their members, meetings and overdue views', async () => {
    serve();
    renderAt('/boards');
    const row = (await screen.findAllByTestId('board-row'))[0]!;
    expect(within(row).getByRole('link', { name: 'Children’s board Korçë' }).getAttribute('href')).toBe(`/boards/${ID}`);
    expect(row.textContent).toContain('Korçë');
    expect(row.textContent).toContain('Active');
  });

  it('a board: members by pseudonym, meetings, views with their due day; a meeting is recorded with attendance of current members and a view', async () => {
    const calls = serve();
    renderAt(`/boards/${ID}`);
    const page = await screen.findByTestId('board-page');
    expect(within(page).getByRole('heading', { level: 1 }).textContent).toBe('Children’s board Korçë');
    expect(within(page).getAllByTestId('board-member').map((r) => r.querySelector('th')!.textContent)).toEqual(['Dielli', 'Hëna']);
    const view = within(page).getByTestId('board-view');
    expect(view.textContent).toContain('School and bullying');
    expect(view.textContent).toContain('Overdue');
    fireEvent.click(within(page).getByTestId('meeting-add'));
    const form = await within(page).findByTestId('meeting-form');
    fireEvent.click(within(form).getByTestId('meeting-save'));
    expect(await within(form).findAllByText('This field is required.')).toHaveLength(2);
    fireEvent.change(within(form).getByLabelText(/^Held on/), { target: { value: '2026-03-10' } });
    fireEvent.change(within(form).getByLabelText(/^Place/), { target: { value: 'School hall' } });
    // Hëna left before the day: not offered.
    const attendance = within(form).getByTestId('meeting-attendance');
    expect(within(attendance).queryByLabelText('Hëna')).toBeNull();
    fireEvent.click(within(attendance).getByLabelText('Dielli'));
    fireEvent.click(within(form).getByTestId('view-add'));
    const drafted = within(form).getByTestId('meeting-view');
    fireEvent.change(within(drafted).getByLabelText(/^What the children said/), { target: { value: 'No light on the road.' } });
    fireEvent.click(within(drafted).getByLabelText('Safety in the community'));
    fireEvent.click(within(form).getByTestId('meeting-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      heldOn: '2026-03-10', place: 'School hall', topics: [], attendance: [MEMBER], views: [{ statement: 'No light on the road.', themes: ['community_safety'] }],
    });
  });

  it('a view is answered: the response is sent and the view shows answered', async () => {
    const calls = serve();
    renderAt(`/boards/${ID}`);
    const view = await screen.findByTestId('board-view');
    fireEvent.click(within(view).getByTestId('view-respond'));
    const form = await within(view).findByTestId('response-form');
    fireEvent.change(within(form).getByLabelText(/^What was done/), { target: { value: 'Teachers watch the yard.' } });
    fireEvent.change(within(form).getByLabelText(/^By whom/), { target: { value: 'The school' } });
    fireEvent.change(within(form).getByLabelText(/^On/), { target: { value: '2026-03-01' } });
    fireEvent.click(within(form).getByTestId('response-save'));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ viewId: VIEW, action: 'Teachers watch the yard.', byWhom: 'The school', respondedOn: '2026-03-01', status: 'answered' });
    await waitFor(() => expect(screen.getByTestId('view-status').textContent).toBe('Answered'));
    expect(screen.getByTestId('view-response').textContent).toContain('The school');
  });

  it("a partner organisation's board is read only", async () => {
    serve(board({ editable: false }));
    renderAt(`/boards/${ID}`);
    await screen.findByTestId('board-read-only');
    expect(screen.queryByTestId('meeting-add')).toBeNull();
    expect(screen.queryByTestId('view-respond')).toBeNull();
    expect(screen.queryByTestId('member-add')).toBeNull();
  });
});
