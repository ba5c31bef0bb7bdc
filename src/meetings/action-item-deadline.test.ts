import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userId } from '../cases/case-fixtures.ts';
import { createChild } from '../children/child-records.ts';
import { endOfLocalDay, localDay } from '../domain/deadlines.ts';
import { loadUserActor } from '../policy/actor.ts';
import { openDoor, systemDoor } from '../policy/door.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { meetingTasks } from './action-items.ts';

/**
 * An action item's deadline is a day in the unit's time zone: it ends at the end of that local
 * day, as case deadlines do — on the meeting, in the list of items and on the task list alike —
 * never at midnight UTC.
 */
let t: TestApp;
let childId: string;
const ZONE = 'Europe/Tirane';
const DAY = 86_400_000;

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.unguarded;
  const unit = (await db.selectFrom('organisations').select('id').where('name', '=', 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë').executeTakeFirstOrThrow()).id;
  childId = (await createChild(systemDoor(db, 'test'), { givenName: 'Arta', familyName: 'Koci', sex: 'female', birthDate: '2014-04-04', municipalityCode: 'AL-06-03' }, { unitId: unit, country: 'AL', ownerId: null })).id;
});
afterAll(() => t.close());

/** The wall clock of an instant in a zone, as YYYY-MM-DD HH:mm:ss. */
const wall = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' }).format(new Date(iso));

describe('the end of a local day', () => {
  it('is 23:59:59.999 of that day in the zone, in winter and in summer, whatever the server’s zone', () => {
    expect(endOfLocalDay('2026-11-20', 'Europe/Tirane').toISOString()).toBe('2026-11-20T22:59:59.999Z');
    expect(endOfLocalDay('2026-11-20', 'Europe/Sofia').toISOString()).toBe('2026-11-20T21:59:59.999Z');
    expect(endOfLocalDay('2026-07-20', 'Europe/Tirane').toISOString()).toBe('2026-07-20T21:59:59.999Z');
    expect(localDay(endOfLocalDay('2026-11-20', 'Europe/Sofia'), 'Europe/Sofia')).toBe('2026-11-20');
    expect(localDay(new Date(endOfLocalDay('2026-11-20', 'Europe/Sofia').getTime() + 1), 'Europe/Sofia')).toBe('2026-11-21');
  });
});

describe('an action item’s deadline', () => {
  it('is the end of its due day in the unit’s zone on the meeting and on the task list; overdue only after it', async () => {
    const cw = await t.login('caseworker');
    const me = (await cw.get('/api/v1/auth/me')).json();
    expect(me.user.organisation.timeZone).toBe(ZONE);

    const m = await cw.post('/api/v1/meetings', { type: 'follow_up', status: 'held', heldAt: new Date(Date.now() - 3 * DAY).toISOString(), childIds: [childId], participants: [] });
    expect(m.statusCode, m.body).toBe(201);
    const meetingId = m.json().id as string;
    const today = localDay(new Date(), ZONE);
    const yesterday = localDay(new Date(Date.now() - DAY), ZONE);
    const dueToday = (await cw.post(`/api/v1/meetings/${meetingId}/action-items`, { description: 'Call the school', responsibleOrganisationId: me.user.organisation.id, dueDate: today })).json();
    const dueYesterday = (await cw.post(`/api/v1/meetings/${meetingId}/action-items`, { description: 'Visit the family', responsibleOrganisationId: me.user.organisation.id, dueDate: yesterday })).json();

    // The item itself: its day, and the instant that day ends in Tirana.
    expect(dueToday).toMatchObject({ dueDate: today, dueAt: endOfLocalDay(today, ZONE).toISOString(), overdue: false });
    expect(wall(dueToday.dueAt, ZONE)).toBe(`${today} 23:59:59`);
    expect(dueYesterday).toMatchObject({ dueDate: yesterday, overdue: true });

    // The meeting and the task list say the same instant.
    const meeting = (await cw.get(`/api/v1/meetings/${meetingId}`)).json();
    const onMeeting = new Map((meeting.actionItems as Array<{ id: string; dueAt: string }>).map((i) => [i.id, i.dueAt]));
    const tasks = (await cw.get('/api/v1/tasks?scope=mine')).json().items as Array<{ id: string; dueAt: string; overdue: boolean }>;
    for (const item of [dueToday, dueYesterday]) {
      const task = tasks.find((x) => x.id === item.id);
      expect(task).toMatchObject({ dueAt: item.dueAt, overdue: item.overdue });
      expect(onMeeting.get(item.id)).toBe(item.dueAt);
    }
  });

  it('is overdue on the task list from the first instant after the end of the local day, not before', async () => {
    const cw = await t.login('caseworker');
    const unit = (await cw.get('/api/v1/auth/me')).json().user.organisation.id as string;
    const m = await cw.post('/api/v1/meetings', { type: 'follow_up', status: 'held', heldAt: '2026-11-18T09:00:00+01:00', childIds: [childId], participants: [] });
    expect(m.statusCode, m.body).toBe(201);
    const item = (await cw.post(`/api/v1/meetings/${m.json().id}/action-items`, { description: 'Bring the school report', responsibleOrganisationId: unit, dueDate: '2026-11-20' })).json();
    expect(item.dueAt).toBe('2026-11-20T22:59:59.999Z');
    const actor = (await loadUserActor(t.database.unguarded, await userId(t, 'caseworker')))!;
    const at = async (iso: string) => (await meetingTasks(openDoor(t.database.unguarded, actor), 'mine', new Date(iso))).find((x) => x.id === item.id);
    // 20 November 23:30 in Tirana is already 21 November in UTC: not overdue yet.
    expect(await at('2026-11-20T22:30:00Z')).toMatchObject({ overdue: false, dueAt: '2026-11-20T22:59:59.999Z' });
    expect(await at('2026-11-20T22:59:59.999Z')).toMatchObject({ overdue: false });
    expect(await at('2026-11-20T23:00:00Z')).toMatchObject({ overdue: true });
  });
});
