import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { createChild } from '../children/child-records.ts';
import { localDay } from '../domain/deadlines.ts';
import { systemDoor } from '../policy/door.ts';
import { type TestApp, readAll, startTestApp } from '../testing/app.ts';

/**
 * Coordination meetings through the HTTP API on the real database: convening from a signal and
 * for a child, the mandatory sectors, grants to invited organisations and nothing more, action
 * items followed to done and onto task lists, concurrency, bad input, audit.
 */
let t: TestApp;
const org = new Map<string, string>();
let signalId: string;
let signalChild: string;
let otherUnitChild: string;

const DAY = 86_400_000;
const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
/** The meeting's day in the Korçë unit's time zone, the day its rules count from (not the UTC day). */
const heldDayOf = (m: { heldAt: string }) => localDay(new Date(m.heldAt), 'Europe/Tirane');

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.unguarded;
  for (const o of await db.selectFrom('organisations').select(['id', 'name']).execute()) org.set(o.name, o.id);
  const korce = org.get('Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë')!;
  const durres = org.get('Njësia për Mbrojtjen e Fëmijëve – Bashkia Durrës')!;
  const door = systemDoor(db, 'test');
  signalChild = (await createChild(door, { givenName: 'Besjana', familyName: 'Meti', sex: 'female', birthDate: '2013-02-02', municipalityCode: 'AL-06-03', inSchool: true }, { unitId: korce, country: 'AL', ownerId: null })).id;
  otherUnitChild = (await createChild(door, { givenName: 'Durim', familyName: 'Lala', sex: 'male', birthDate: '2012-02-02', municipalityCode: 'AL-02-01' }, { unitId: durres, country: 'AL', ownerId: null })).id;
  // A violence signal of the Korçë unit, received two days ago (test set-up writes the row directly).
  const s = await db
    .insertInto('signals')
    .values({ country: 'AL', received_at: iso(-2 * DAY), jurisdiction_code: 'AL-06-03', region_code: 'AL-06', unit_id: korce, source: 'education', harm_types: ['physical', 'begging'], screening_due_at: iso(-DAY) })
    .returning('id')
    .executeTakeFirstOrThrow();
  signalId = s.id;
  await db.insertInto('signal_children').values({ country: 'AL', signal_id: signalId, child_id: signalChild }).execute();
});
afterAll(() => t.close());

const POLICE = 'Drejtoria Vendore e Policisë Korçë';
const SCHOOL = 'Shkolla 9-vjeçare „Naim Frashëri“, Korçë';
const NGO = 'Qendra Komunitare „Për Fëmijët“ Korçë';
const count = async (table: 'meetings' | 'action_items' | 'meeting_participants') =>
  Number((await t.database.unguarded.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

async function conveneOnSignal(extra: Record<string, unknown> = {}) {
  const cw = await t.login('caseworker');
  const res = await cw.post('/api/v1/meetings', {
    type: 'initial_signal',
    heldAt: iso(-2 * DAY + 5 * 3_600_000),
    status: 'held',
    signalId,
    participants: [
      { organisationId: org.get(POLICE), attended: false },
      { name: 'Mimoza Dhima', institution: 'School psychologist', sector: 'health', attended: true },
    ],
    decisions: 'Home visit by the police and the unit.',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('convening a meeting', () => {
  it('from a signal: children from the signal, mandatory sectors flagged when absent, non-user participants', async () => {
    const m = await conveneOnSignal();
    expect(m).toMatchObject({ type: 'initial_signal', status: 'held', signalId, accessReason: 'unit_caseworker', version: 1, canEdit: true, childCount: 1 });
    expect(m.children).toEqual([{ id: signalChild, givenName: 'Besjana', familyName: 'Meti' }]);
    // Physical violence, a child in school: social services, police and the school must attend.
    expect(m.mandatorySectors).toEqual(['social_services', 'police', 'education']);
    expect(m.sectorsPresent).toEqual(['social_services', 'health']);
    expect(m.missingSectors).toEqual(['police', 'education']);
    expect(m.notInvitedSectors).toEqual(['education']);
    expect(m.participants).toEqual(expect.arrayContaining([
      expect.objectContaining({ organisationName: POLICE, sector: 'police', attended: false }),
      expect.objectContaining({ organisationId: null, personName: 'Mimoza Dhima', institution: 'School psychologist', sector: 'health', attended: true }),
      // The convening unit sits at its own meeting.
      expect.objectContaining({ sector: 'social_services', personName: 'Elira Dervishi', attended: true }),
    ]));
    expect(m.deadline.met).toBe(true);
  });

  it('for a child of the unit, without a signal: no mandatory sectors', async () => {
    const cw = await t.login('caseworker');
    const res = await cw.post('/api/v1/meetings', { type: 'follow_up', heldAt: iso(DAY), childIds: [signalChild], participants: [{ organisationId: org.get('Qendra Shëndetësore Nr. 1 Korçë') }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'planned', signalId: null, mandatorySectors: [], missingSectors: [], childCount: 1 });
  });

  it('partners and providers cannot convene', async () => {
    for (const role of ['partner', 'provider', 'monitor']) {
      expect((await (await t.login(role)).post('/api/v1/meetings', { type: 'follow_up', heldAt: iso(DAY), childIds: [signalChild] })).statusCode, role).toBe(403);
    }
  });

  it('bad input answers 400 with the paths, and stores nothing', async () => {
    const cw = await t.login('caseworker');
    const before = [await count('meetings'), await count('meeting_participants')];
    const base = { type: 'follow_up', heldAt: iso(DAY), childIds: [signalChild] };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, participants: [{ organisationId: '00000000-0000-4000-8000-000000000000' }] }, 'participants.0.organisationId'],
      [{ ...base, participants: [{ organisationId: org.get(POLICE) }, { organisationId: org.get(POLICE), sector: 'astrology' }] }, 'participants.1.sector'],
      [{ ...base, participants: [{ name: 'A person' }] }, 'participants.0.institution'],
      [{ ...base, participants: [{ organisationId: org.get('ОДМВР Пловдив') }] }, 'participants.0.organisationId'],
      [{ ...base, childIds: [otherUnitChild] }, 'childIds.0'],
      [{ ...base, childIds: undefined }, 'childIds'],
      [{ ...base, signalId: '00000000-0000-4000-8000-000000000000', childIds: undefined }, 'signalId'],
      [{ ...base, type: 'party' }, 'type'],
      [{ ...base, heldAt: '2024-02-30' }, 'heldAt'],
      [{ ...base, municipalityCode: 'BG-16-12' }, 'municipalityCode'],
    ];
    for (const [body, path] of cases) {
      const res = await cw.post('/api/v1/meetings', body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path), path).toContain(path);
    }
    expect([await count('meetings'), await count('meeting_participants')]).toEqual(before);
  });
});

describe('who sees a meeting', () => {
  it('grants give the invited partner the meeting and its children, and nothing else', async () => {
    const m = await conveneOnSignal();
    const partner = await t.login('partner');
    const seen = await partner.get(`/api/v1/meetings/${m.id}`);
    expect(seen.statusCode).toBe(200);
    const view = seen.json();
    expect(view).toMatchObject({ accessReason: 'meeting', signalId: null, canEdit: false, decisions: 'Home visit by the police and the unit.' });
    // Organisations and sectors, not the people's names.
    expect(view.participants.every((p: { personName: string | null }) => p.personName === null)).toBe(true);
    expect(view.children).toEqual([{ id: signalChild, givenName: 'Besjana', familyName: 'Meti' }]);
    expect((await partner.get(`/api/v1/children/${signalChild}`)).json().accessReason).toBe('meeting');
    // The provider was not invited: neither the meeting nor the child exists for them.
    const provider = await t.login('provider');
    expect((await provider.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(404);
    expect((await provider.get(`/api/v1/children/${signalChild}`)).statusCode).toBe(404);
    // Nor for another unit.
    expect((await (await t.login('l.muca')).get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(404);
    // The partner's list holds only meetings their organisation was invited to.
    const list = await readAll<{ id: string; accessReason: string }>(partner, '/api/v1/meetings');
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((i) => i.accessReason === 'meeting')).toBe(true);
    expect(list.map((i) => i.id)).toContain(m.id);
    // A partner may not change the meeting.
    expect((await partner.patch(`/api/v1/meetings/${m.id}`, { version: 1, decisions: 'x' })).statusCode).toBe(403);
  });

  it('removing an organisation revokes its grant: meeting and child are gone for it', async () => {
    const korce = org.get('Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë')!;
    const child = (await createChild(systemDoor(t.database.unguarded, 'test'), { givenName: 'Gent', familyName: 'Zeka', sex: 'male', municipalityCode: 'AL-06-03' }, { unitId: korce, country: 'AL', ownerId: null })).id;
    const cw = await t.login('caseworker');
    const m = (await cw.post('/api/v1/meetings', { type: 'follow_up', heldAt: iso(DAY), childIds: [child], participants: [{ organisationId: org.get(NGO) }] })).json();
    const provider = await t.login('provider');
    expect((await provider.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(200);
    expect((await provider.get(`/api/v1/children/${child}`)).json().accessReason).toBe('meeting');
    const ngo = m.participants.find((p: { organisationId: string }) => p.organisationId === org.get(NGO));
    const res = await cw.patch(`/api/v1/meetings/${m.id}`, { version: 1, removeParticipantIds: [ngo.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect((await provider.get(`/api/v1/meetings/${m.id}`)).statusCode).toBe(404);
    expect((await provider.get(`/api/v1/children/${child}`)).statusCode).toBe(404);
    // Invited again: the grant comes back.
    await cw.patch(`/api/v1/meetings/${m.id}`, { version: 2, addParticipants: [{ organisationId: org.get(NGO) }] });
    expect((await provider.get(`/api/v1/children/${child}`)).statusCode).toBe(200);
  });

  it('attendance updates the sectors present; a stale save is refused with the current meeting', async () => {
    const m = await conveneOnSignal();
    const cw = await t.login('caseworker');
    const sup = await t.login('supervisor');
    const police = m.participants.find((p: { sector: string }) => p.sector === 'police');
    const first = await sup.patch(`/api/v1/meetings/${m.id}`, {
      version: 1,
      attendance: [{ participantId: police.id, attended: true }],
      addParticipants: [{ organisationId: org.get(SCHOOL), attended: true }],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, missingSectors: [], sectorsPresent: ['social_services', 'police', 'education', 'health'] });
    const second = await cw.patch(`/api/v1/meetings/${m.id}`, { version: 1, decisions: 'Other' });
    expect(second.statusCode).toBe(409);
    expect(second.json().current).toMatchObject({ version: 2, decisions: 'Home visit by the police and the unit.' });
    const bad = await cw.patch(`/api/v1/meetings/${m.id}`, { version: 2, attendance: [{ participantId: '00000000-0000-4000-8000-000000000000', attended: true }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('attendance.0.participantId');
    expect((await cw.get(`/api/v1/meetings/${m.id}`)).json().version).toBe(2);
  });
});

describe('a held meeting on the case timeline', () => {
  it('each child\'s active case gets one step when the meeting is held, not while it is planned', async () => {
    const { caseId, childId, client: cw } = await openTestCase(t, { riskLevel: 'high' });
    const steps = async () => ((await cw.get(`/api/v1/cases/${caseId}/timeline`)).json().items as Array<{ kind: string; entityId: string | null; detail: Record<string, unknown> }>)
      .filter((e) => e.kind === 'meeting_held');
    const planned = await cw.post('/api/v1/meetings', { type: 'follow_up', heldAt: iso(-3_600_000), status: 'planned', childIds: [childId], participants: [{ organisationId: org.get(POLICE) }] });
    expect(planned.statusCode, planned.body).toBe(201);
    expect(await steps()).toEqual([]);
    const held = await cw.patch(`/api/v1/meetings/${planned.json().id}`, { version: 1, status: 'held' });
    expect(held.statusCode, held.body).toBe(200);
    expect(await steps()).toEqual([expect.objectContaining({ entityId: planned.json().id, detail: { meetingType: 'follow_up' } })]);
    // Later changes to the held meeting add no second step.
    expect((await cw.patch(`/api/v1/meetings/${planned.json().id}`, { version: 2, decisions: 'Agreed: weekly visits.' })).statusCode).toBe(200);
    expect(await steps()).toHaveLength(1);
    // Convened as held: the step at once.
    const direct = await cw.post('/api/v1/meetings', { type: 'follow_up', heldAt: iso(-60_000), status: 'held', childIds: [childId], participants: [] });
    expect(direct.statusCode, direct.body).toBe(201);
    expect((await steps()).map((e) => e.entityId).sort()).toEqual([planned.json().id, direct.json().id].sort());
  });
});

describe('action items', () => {
  it('followed until done: the partner marks their own, not another organisation\'s; only the unit reopens', async () => {
    const m = await conveneOnSignal({ participants: [{ organisationId: org.get(POLICE) }, { organisationId: org.get(SCHOOL) }] });
    const cw = await t.login('caseworker');
    const heldDay = heldDayOf(m);
    const police = await cw.post(`/api/v1/meetings/${m.id}/action-items`, { description: 'Home visit', responsibleOrganisationId: org.get(POLICE), dueDate: heldDay });
    expect(police.statusCode, police.body).toBe(201);
    expect(police.json()).toMatchObject({ overdue: true, done: false, responsibleOrganisationName: POLICE });
    const school = await cw.post(`/api/v1/meetings/${m.id}/action-items`, { description: 'Watch attendance', responsibleOrganisationId: org.get(SCHOOL) });
    expect(school.statusCode).toBe(201);
    // The default: the meeting's day plus seven days.
    const expectedDue = new Date(`${heldDay}T00:00:00Z`);
    expectedDue.setUTCDate(expectedDue.getUTCDate() + 7);
    expect(school.json().dueDate).toBe(expectedDue.toISOString().slice(0, 10));

    const partner = await t.login('partner');
    const mine = (await readAll<{ id: string }>(partner, '/api/v1/action-items?mine=true')).map((i) => i.id);
    expect(mine).toContain(police.json().id);
    expect(mine).not.toContain(school.json().id);
    // The partner sees only their own item on the meeting.
    expect((await partner.get(`/api/v1/meetings/${m.id}`)).json().actionItems.map((i: { id: string }) => i.id)).toEqual([police.json().id]);
    expect((await partner.post(`/api/v1/action-items/${school.json().id}/done`, {})).statusCode).toBe(404);
    const done = await partner.post(`/api/v1/action-items/${police.json().id}/done`, { note: 'Visited on Monday' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ done: true, overdue: false, doneByName: 'Inspektor Gentian Mema', doneNote: 'Visited on Monday', canReopen: false });
    expect((await partner.post(`/api/v1/action-items/${police.json().id}/reopen`, {})).statusCode).toBe(403);
    const reopened = await cw.post(`/api/v1/action-items/${police.json().id}/reopen`, {});
    expect(reopened.json()).toMatchObject({ done: false, overdue: true });
    // The teacher (school) marks the school's item.
    expect((await (await t.login('k.teacher')).post(`/api/v1/action-items/${school.json().id}/done`, {})).statusCode).toBe(200);
  });

  it('bad action items answer 400 with the paths and store nothing', async () => {
    const m = await conveneOnSignal();
    const cw = await t.login('caseworker');
    const before = await count('action_items');
    const heldDay = heldDayOf(m);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ description: 'x', responsibleOrganisationId: org.get(POLICE), responsibleUserId: m.participants[0].userId ?? '00000000-0000-4000-8000-000000000000' }, 'responsibleOrganisationId'],
      [{ description: 'x' }, 'responsibleOrganisationId'],
      [{ description: 'x', responsibleOrganisationId: org.get(POLICE), dueDate: '2024-02-30' }, 'dueDate'],
      [{ description: 'x', responsibleOrganisationId: org.get(POLICE), dueDate: '2001-01-01' }, 'dueDate'],
      [{ description: 'x', responsibleOrganisationId: org.get(NGO), dueDate: heldDay }, 'responsibleOrganisationId'],
      [{ description: 'x', responsibleOrganisationId: '00000000-0000-4000-8000-000000000000' }, 'responsibleOrganisationId'],
      [{ description: '', responsibleOrganisationId: org.get(POLICE) }, 'description'],
    ];
    for (const [body, path] of cases) {
      const res = await cw.post(`/api/v1/meetings/${m.id}/action-items`, body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path), path).toContain(path);
    }
    expect(await count('action_items')).toBe(before);
    expect((await (await t.login('partner')).post(`/api/v1/meetings/${m.id}/action-items`, { description: 'x', responsibleOrganisationId: org.get(POLICE) })).statusCode).toBe(403);
  });

  it('an overdue item is on the partner\'s and the convening caseworker\'s task lists, and the supervisor\'s unit list', async () => {
    const m = await conveneOnSignal();
    const cw = await t.login('caseworker');
    const item = (await cw.post(`/api/v1/meetings/${m.id}/action-items`, { description: 'Report to the unit', responsibleOrganisationId: org.get(POLICE), dueDate: heldDayOf(m) })).json();
    const find = async (username: string, scope = 'mine') =>
      ((await (await t.login(username)).get(`/api/v1/tasks?scope=${scope}`)).json().items as Array<{ id: string; overdue: boolean; link: string; title: string }>).find((x) => x.id === item.id);
    for (const [who, scope] of [['partner', 'mine'], ['caseworker', 'mine'], ['supervisor', 'unit']] as const) {
      const task = await find(who, scope);
      expect(task, who).toMatchObject({ overdue: true, link: `/meetings/${m.id}` });
      expect(task!.title).not.toContain('Besjana');
    }
    // Not on the list of an organisation that has nothing to do with it.
    expect(await find('provider')).toBeUndefined();
    expect(await find('supervisor', 'mine')).toBeUndefined();
  });
});

describe('demo meetings and audit', () => {
  it('the demo partner has one overdue action item open and one done', async () => {
    const partner = await t.login('partner');
    const open = (await partner.get('/api/v1/action-items?mine=true&state=open')).json().items as Array<{ overdue: boolean; description: string }>;
    expect(open.some((i) => i.overdue && i.description.includes('Joint home visit'))).toBe(true);
    const done = (await partner.get('/api/v1/action-items?mine=true&state=done')).json().items as Array<{ description: string }>;
    expect(done.some((i) => i.description.includes('incident report'))).toBe(true);
    // Plovdiv: the police did not come to a violence meeting, and that shows.
    const plovdiv = (await (await t.login('m.ivanova')).get('/api/v1/meetings?type=initial_signal')).json().items;
    expect(plovdiv.some((m: { missingSectors: string[] }) => m.missingSectors.includes('police'))).toBe(true);
  });

  it('reads, changes and denials are audited, without child data', async () => {
    const m = await conveneOnSignal();
    await (await t.login('partner')).get(`/api/v1/meetings/${m.id}`);
    await (await t.login('provider')).get(`/api/v1/meetings/${m.id}`);
    const entries = await t.database.unguarded.selectFrom('audit_log').select(['actor_name', 'action', 'entity', 'reason', 'outcome', 'child_id', 'chain', 'detail']).where('entity_id', '=', m.id).execute();
    expect(entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor_name: 'caseworker', action: 'create', entity: 'meeting', outcome: 'ok', chain: 'AL' }),
      expect.objectContaining({ actor_name: 'partner', action: 'read', entity: 'meeting', reason: 'meeting', outcome: 'ok', chain: 'AL' }),
      expect.objectContaining({ actor_name: 'provider', action: 'read', entity: 'meeting', outcome: 'denied' }),
    ]));
    const childReads = await t.database.unguarded.selectFrom('audit_log').select(['reason', 'detail']).where('child_id', '=', signalChild).where('actor_name', '=', 'partner').where('action', '=', 'read').execute();
    expect(childReads.some((e) => e.reason === 'meeting' && (e.detail as { via?: string }).via === 'meeting')).toBe(true);
    const text = JSON.stringify(await t.database.unguarded.selectFrom('audit_log').select(['detail']).where('chain', '=', 'AL').execute());
    expect(text).not.toContain('Besjana');
    expect(text).not.toContain('Home visit');
  });

  it('the unit sees the signal as the convene form needs it; others get 404', async () => {
    const ctx = await (await t.login('caseworker')).get(`/api/v1/meetings/from-signal/${signalId}`);
    expect(ctx.statusCode).toBe(200);
    expect(ctx.json()).toMatchObject({ signalId, mandatorySectors: ['social_services', 'police', 'education'], suggestedType: 'initial_signal' });
    expect((await (await t.login('l.muca')).get(`/api/v1/meetings/from-signal/${signalId}`)).statusCode).toBe(404);
    expect((await (await t.login('partner')).get(`/api/v1/meetings/from-signal/${signalId}`)).statusCode).toBe(403);
  });
});
