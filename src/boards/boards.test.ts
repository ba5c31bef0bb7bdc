import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';

/** Child consultation boards (issue 14 §3): who manages and reads them, bad input, responses followed until answered, tasks, audit. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let n = 0;
const member = (over: Record<string, unknown> = {}) => ({
  pseudonym: `Ylli-${++n}`, ageBand: '12-16', sex: 'female', childConsentOn: '2025-01-10', guardianConsentOn: '2025-01-09', joinedOn: '2025-01-15', ...over,
});
const count = async (table: keyof DB) => Number((await t.database.unguarded.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const counts = async () => Object.fromEntries(await Promise.all((['consultation_boards', 'board_members', 'board_meetings', 'board_attendance', 'board_views', 'board_responses', 'board_advocacy'] as const).map(async (x) => [x, await count(x)])));

async function board(c: Client, over: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/boards', { name: `Board ${++n}`, municipalityCode: 'AL-06-03', establishedOn: '2025-01-01', ...over });
  if (res.statusCode !== 201) throw new Error(`board: ${res.statusCode} ${res.body}`);
  return res.json();
}
/** A board with two members (one left on 2025-03-01) and a meeting on 2025-02-10 with two views. */
async function fullBoard(c: Client, over: Record<string, unknown> = {}) {
  const b = await board(c, over);
  await c.post(`/api/v1/boards/${b.id}/members`, member({ pseudonym: 'Dielli' }));
  const two = (await c.post(`/api/v1/boards/${b.id}/members`, member({ pseudonym: 'Hëna', leftOn: '2025-03-01', sex: 'male', ageBand: '8-11' }))).json();
  const ids = two.members.map((m: { id: string }) => m.id);
  const met = await c.post(`/api/v1/boards/${b.id}/meetings`, {
    heldOn: '2025-02-10', place: 'Youth centre', topics: ['School'], attendance: ids,
    views: [{ statement: 'The schoolyard is not safe at break.', themes: ['school_bullying', 'community_safety'] }, { statement: 'We want to meet at school.', themes: ['unit_services'] }],
  });
  expect(met.statusCode, met.body).toBe(201);
  return met.json();
}

describe('consultation boards', () => {
  it('a unit sets up a board, adds members by pseudonym, records a meeting with views, answers them until answered', async () => {
    const c = await t.login('caseworker');
    const b = await fullBoard(c);
    expect(b).toMatchObject({ country: 'AL', municipalityCode: 'AL-06-03', regionCode: 'AL-06', active: true, editable: true, meetingCount: 1, lastMeetingOn: '2025-02-10' });
    expect(b.members.map((m: { pseudonym: string }) => m.pseudonym)).toEqual(['Dielli', 'Hëna']);
    expect(b.meetings[0].attendance).toHaveLength(2);
    expect(b.viewList).toHaveLength(2);
    expect(b.viewList.every((v: { status: string; overdue: boolean; dueOn: string }) => v.status === 'open' && v.overdue && v.dueOn === '2025-04-11')).toBe(true);
    const view = b.viewList.find((v: { statement: string }) => v.statement.startsWith('The schoolyard')).id;
    const step = await c.post(`/api/v1/boards/${b.id}/responses`, { viewId: view, action: 'Met the head teacher.', byWhom: 'The unit', respondedOn: '2025-02-20', status: 'in_progress' });
    expect(step.statusCode, step.body).toBe(201);
    expect(step.json().viewList.find((v: { id: string }) => v.id === view)).toMatchObject({ status: 'in_progress', answeredOn: null });
    const done = await c.post(`/api/v1/boards/${b.id}/responses`, { viewId: view, action: 'Teachers watch the yard at break.', byWhom: 'The school', respondedOn: '2025-03-05', status: 'answered' });
    expect(done.json().viewList.find((v: { id: string }) => v.id === view)).toMatchObject({ status: 'answered', answeredOn: '2025-03-05', overdue: false, responses: [{ status: 'in_progress' }, { status: 'answered', byWhom: 'The school' }] });
    expect(done.json().views).toEqual({ open: 1, inProgress: 0, answered: 1, overdue: 1 });
    // An answered view takes no more responses.
    expect((await c.post(`/api/v1/boards/${b.id}/responses`, { viewId: view, action: 'Again.', byWhom: 'x', respondedOn: '2025-03-06', status: 'answered' })).statusCode).toBe(400);
    const adv = await c.post(`/api/v1/boards/${b.id}/advocacy`, { description: 'A letter to the mayor', chosenOn: '2025-02-10', status: 'planned' });
    expect(adv.statusCode).toBe(201);
    const action = adv.json().advocacy[0];
    const moved = await c.request('PUT', `/api/v1/boards/${b.id}/advocacy/${action.id}`, { status: 'done', version: action.version });
    expect(moved.json().advocacy[0]).toMatchObject({ status: 'done', version: 2 });
    expect((await c.request('PUT', `/api/v1/boards/${b.id}/advocacy/${action.id}`, { status: 'planned', version: 1 })).statusCode).toBe(409);
    const audit = await t.database.unguarded.selectFrom('audit_log').select(['entity', 'action', 'detail']).where('actor_name', '=', 'caseworker').where('entity', 'in', ['consultation_board', 'board_member', 'board_meeting', 'board_response']).execute();
    expect(new Set(audit.map((a) => a.entity))).toEqual(new Set(['consultation_board', 'board_member', 'board_meeting', 'board_response']));
    // Audit entries carry ids and counts, never a pseudonym or a statement.
    expect(JSON.stringify(audit)).not.toMatch(/Dielli|Hëna|schoolyard/);
  });

  it('an NGO manages its own board; the unit supervisor of its municipality reads it without changing it; the caseworker does not reach it', async () => {
    const ngo = await t.login('provider');
    const b = await fullBoard(ngo);
    expect(b).toMatchObject({ editable: true, orgName: expect.stringContaining('Për Fëmijët') });
    const supervisor = await t.login('supervisor');
    const read = await supervisor.get(`/api/v1/boards/${b.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ editable: false });
    expect((await supervisor.get('/api/v1/boards')).json().items.map((x: { id: string }) => x.id)).toContain(b.id);
    expect((await supervisor.post(`/api/v1/boards/${b.id}/members`, member())).statusCode).toBe(403);
    const caseworker = await t.login('caseworker');
    expect((await caseworker.get(`/api/v1/boards/${b.id}`)).statusCode).toBe(404);
    expect((await caseworker.get('/api/v1/boards')).json().items.map((x: { id: string }) => x.id)).not.toContain(b.id);
    // The NGO does not reach the unit's boards.
    const unitBoard = await board(caseworker);
    expect((await ngo.get(`/api/v1/boards/${unitBoard.id}`)).statusCode).toBe(404);
    expect((await ngo.post(`/api/v1/boards/${unitBoard.id}/members`, member())).statusCode).toBe(404);
    // Bulgaria: the Plovdiv NGO and unit.
    const bg = await board(await t.login('v.georgieva'), { municipalityCode: 'BG-16-12' });
    expect(bg).toMatchObject({ country: 'BG', regionCode: 'BG-16' });
    expect((await (await t.login('g.petrov')).get(`/api/v1/boards/${bg.id}`)).json()).toMatchObject({ editable: false });
  });

  it('other units and organisations never reach a board (404); roles that hold no boards are refused (403); nothing stored', async () => {
    const b = await fullBoard(await t.login('caseworker'));
    const before = await counts();
    for (const user of ['e.cela', 'b.kasa', 'l.muca', 'm.ivanova', 'g.petrov', 'v.georgieva', 'a.shelter']) {
      const c = await t.login(user);
      const forbiddenRole = user === 'a.shelter';
      const expected = forbiddenRole ? 403 : 404;
      expect((await c.get(`/api/v1/boards/${b.id}`)).statusCode, user).toBe(expected);
      expect((await c.post(`/api/v1/boards/${b.id}/members`, member())).statusCode, user).toBe(expected);
      expect((await c.post(`/api/v1/boards/${b.id}/meetings`, { heldOn: '2025-02-11', place: 'x', topics: [], attendance: [], views: [] })).statusCode, user).toBe(expected);
      expect((await c.post(`/api/v1/boards/${b.id}/responses`, { viewId: b.viewList[0].id, action: 'x', byWhom: 'x', respondedOn: '2025-03-01', status: 'answered' })).statusCode, user).toBe(expected);
      expect((await c.request('PUT', `/api/v1/boards/${b.id}`, { name: 'x', active: false, version: 1 })).statusCode, user).toBe(expected);
      if (!forbiddenRole) expect((await c.get('/api/v1/boards')).json().items.map((x: { id: string }) => x.id), user).not.toContain(b.id);
    }
    for (const user of ['partner', 'k.teacher', 'police_support', 'monitor', 'trainer', 'admin', 'r.gjoni']) {
      const c = await t.login(user);
      expect((await c.get('/api/v1/boards')).statusCode, user).toBe(403);
      expect((await c.post('/api/v1/boards', { name: 'x', municipalityCode: 'AL-06-03', establishedOn: '2025-01-01' })).statusCode, user).toBe(403);
      expect([403, 404], user).toContain((await c.get(`/api/v1/boards/${b.id}`)).statusCode);
    }
    expect(await counts()).toEqual(before);
  });

  it('bad input: 400 naming the field, nothing stored', async () => {
    const c = await t.login('caseworker');
    const b = await fullBoard(c);
    const other = await fullBoard(c);
    const [dielli, hena] = b.members as Array<{ id: string }>;
    const before = await counts();
    const bad = async (url: string, body: unknown, path: string) => {
      const res = await c.post(url, body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path), path).toContain(path);
    };
    const members = `/api/v1/boards/${b.id}/members`;
    await bad(members, member({ childConsentOn: null }), 'childConsentOn');
    await bad(members, member({ guardianConsentOn: null }), 'guardianConsentOn');
    await bad(members, member({ guardianConsentOn: '2025-02-01' }), 'guardianConsentOn'); // after joining
    await bad(members, member({ leftOn: '2025-01-14' }), 'leftOn');
    await bad(members, member({ joinedOn: '2024-12-31', childConsentOn: '2024-12-01', guardianConsentOn: '2024-12-01' }), 'joinedOn'); // before the board
    await bad(members, member({ pseudonym: 'dielli' }), 'pseudonym'); // used
    await bad(members, member({ ageBand: '0-3' }), 'ageBand');
    const meetings = `/api/v1/boards/${b.id}/meetings`;
    const meeting = (over: Record<string, unknown>) => ({ heldOn: '2025-03-10', place: 'Centre', topics: [], attendance: [dielli!.id], views: [], ...over });
    await bad(meetings, meeting({ attendance: [other.members[0].id] }), 'attendance.0'); // another board's member
    await bad(meetings, meeting({ attendance: [dielli!.id, hena!.id] }), 'attendance.1'); // left on 2025-03-01
    await bad(meetings, meeting({ heldOn: '2024-12-20', attendance: [] }), 'heldOn'); // before the board was set up
    await bad(meetings, meeting({ heldOn: '2025-01-12' }), 'attendance.0'); // before the member joined
    await bad(meetings, meeting({ heldOn: '2999-01-01' }), 'heldOn');
    await bad(meetings, meeting({ views: [{ statement: 'x', themes: [] }] }), 'views.0.themes');
    await bad(meetings, meeting({ views: [{ statement: 'x', themes: ['sports'] }] }), 'views.0.themes.0');
    const responses = `/api/v1/boards/${b.id}/responses`;
    await bad(responses, { viewId: other.viewList[0].id, action: 'Done', byWhom: 'Unit', respondedOn: '2025-03-01', status: 'answered' }, 'viewId');
    await bad(responses, { viewId: b.viewList[0].id, action: 'Done', byWhom: 'Unit', respondedOn: '2025-02-01', status: 'answered' }, 'respondedOn');
    await bad(responses, { viewId: b.viewList[0].id, action: 'Done', byWhom: 'Unit', respondedOn: '2025-03-01', status: 'open' }, 'status');
    await bad(`/api/v1/boards/${b.id}/members/${hena!.id}/leave`, { leftOn: '2025-01-01' }, 'leftOn');
    await bad(`/api/v1/boards/${b.id}/members/${dielli!.id}/leave`, { leftOn: '2025-02-01' }, 'leftOn'); // attended on 2025-02-10
    await bad('/api/v1/boards', { name: 'x', municipalityCode: 'AL-03-03', establishedOn: '2025-01-01' }, 'municipalityCode'); // Elbasan
    await bad('/api/v1/boards', { name: 'x', municipalityCode: 'BG-16-12', establishedOn: '2025-01-01' }, 'municipalityCode');
    await bad(`/api/v1/boards/${b.id}/advocacy`, { description: 'x', chosenOn: '2024-01-01', status: 'planned' }, 'chosenOn');
    expect(await counts()).toEqual(before);
    // A closed board takes no meeting.
    const closed = await c.request('PUT', `/api/v1/boards/${b.id}`, { name: b.name, active: false, version: b.version });
    expect(closed.json()).toMatchObject({ active: false });
    await bad(meetings, meeting({}), 'heldOn');
  });

  it("views waiting for an answer are on the convening organisation's task list, overdue after the answer period", async () => {
    const c = await t.login('caseworker');
    const b = await fullBoard(c);
    const tasks = (await c.get('/api/v1/tasks?scope=mine')).json();
    const mine = tasks.items.filter((x: { kind: string; link: string }) => x.kind === 'board_view' && x.link === `/boards/${b.id}`);
    expect(mine).toHaveLength(2);
    expect(mine.every((x: { overdue: boolean; child: unknown }) => x.overdue && x.child === null)).toBe(true);
    await c.post(`/api/v1/boards/${b.id}/responses`, { viewId: b.viewList[0].id, action: 'Done', byWhom: 'Unit', respondedOn: '2025-03-01', status: 'answered' });
    const after = (await c.get('/api/v1/tasks?scope=mine')).json().items.filter((x: { link: string }) => x.link === `/boards/${b.id}`);
    expect(after).toHaveLength(1);
    // Not on another organisation's list.
    const ngo = (await (await t.login('provider')).get('/api/v1/tasks?scope=mine')).json().items;
    expect(ngo.filter((x: { link: string }) => x.link === `/boards/${b.id}`)).toEqual([]);
  });

  it('the demo has a board in Albania (the unit) and in Bulgaria (the NGO), with members, three meetings and answered views', async () => {
    const al = (await (await t.login('caseworker')).get('/api/v1/boards')).json().items.find((x: { name: string }) => x.name === 'Këshilli i fëmijëve – Korçë');
    const bg = (await (await t.login('v.georgieva')).get('/api/v1/boards')).json().items.find((x: { name: string }) => x.name.includes('Пловдив'));
    for (const x of [al, bg]) {
      expect(x.meetingCount).toBe(3);
      expect(x.currentMembers).toBeGreaterThanOrEqual(4);
      expect(x.views.answered).toBeGreaterThanOrEqual(2);
      expect(x.views.open + x.views.inProgress).toBeGreaterThanOrEqual(1);
    }
  });
});
