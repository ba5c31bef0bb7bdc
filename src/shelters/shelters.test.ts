import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '../domain/deadlines.ts';
import { openCase } from '../cases/case-open.ts';
import { grantTo, openTestCase, orgIdOf } from '../cases/case-fixtures.ts';
import { loadUserActor } from '../policy/actor.ts';
import { openDoor } from '../policy/door.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';

/** The emergency shelter through the API (issue 13 §2): admissions, beds free, the link to a case, reach. */
let t: TestApp;
let shelterOrg: string;
let staff: Client;
let korce: Client;
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
let counter = 0;
const newChild = (over: Record<string, unknown> = {}) => {
  counter += 1;
  return { givenName: `Shelter${counter}`, familyName: 'Fixture', sex: 'female', birthDate: '2014-02-02', municipalityCode: 'AL-06-03', ...over };
};
const admission = (over: Record<string, unknown> = {}) => ({ admittedAt: hoursAgo(2), referredBy: 'police_station', harmTypes: ['physical'], children: [{ newChild: newChild() }], ...over });
const beds = async (client: Client) => {
  const res = await client.get('/api/v1/shelters/beds-free');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.find((s: { id: string }) => s.id === shelterOrg);
};
const count = async () => Number((await t.database.unguarded.selectFrom('shelter_admissions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  t = await startTestApp();
  shelterOrg = await orgIdOf(t, 'a.shelter');
  staff = await t.login('a.shelter');
  korce = await t.login('caseworker');
}, 60_000);
afterAll(() => t.close());

describe('capacity', () => {
  it('the admin sets beds for shelters and residential care, mother-and-child places for shelters only', async () => {
    const admin = await t.login('admin');
    const police = await orgIdOf(t, 'partner');
    expect((await admin.patch(`/api/v1/organisations/${shelterOrg}`, { beds: 4, motherChildPlaces: 2 })).json()).toMatchObject({ beds: 4, motherChildPlaces: 2 });
    const bad = await admin.patch(`/api/v1/organisations/${police}`, { beds: 3 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('beds');
    const rc = await admin.post('/api/v1/organisations', { name: 'Institucioni rezidencial Test', sector: 'residential_care', jurisdictionCode: 'AL-03-03', beds: 30 });
    expect(rc.statusCode, rc.body).toBe(201);
    expect(rc.json()).toMatchObject({ beds: 30, motherChildPlaces: null });
    const mc = await admin.patch(`/api/v1/organisations/${rc.json().id}`, { motherChildPlaces: 2 });
    expect(mc.statusCode).toBe(400);
    expect(mc.json().issues[0].path).toBe('motherChildPlaces');
    // A sector without beds clears them.
    expect((await admin.patch(`/api/v1/organisations/${rc.json().id}`, { sector: 'ngo' })).json()).toMatchObject({ beds: null });
    expect((await (await t.login('caseworker')).patch(`/api/v1/organisations/${shelterOrg}`, { beds: 99 })).statusCode).toBe(403);
  });
});

// Days of a stay count in the unit's local days: two hours ago is yesterday in Korçë until 02:00.
const korceDaysSince = (at: string) => (localDay(new Date(at), 'Europe/Tirane') === localDay(new Date(), 'Europe/Tirane') ? 0 : 1);

describe('admissions and beds free', () => {
  it('an emergency admission: a new child in the responsible unit, due to be linked within the country deadline; beds free go down', async () => {
    const before = await beds(korce);
    expect(before).toMatchObject({ beds: 4, motherChildPlaces: 2, motherChildFree: 1 });
    expect(before).not.toHaveProperty('children');
    const at = hoursAgo(2);
    const res = await staff.post('/api/v1/shelter-admissions', admission({ admittedAt: at, harmTypes: ['physical', 'neglect'] }));
    expect(res.statusCode, res.body).toBe(201);
    const [a] = res.json().items;
    expect(a).toMatchObject({ emergency: true, linked: false, current: true, referredBy: 'police_station', responsibleUnitName: expect.stringContaining('Korçë'), stayDays: korceDaysSince(at), standardDays: 90 });
    // Albania: 72 hours to link (src/domain/reference/deadlines/AL.json).
    expect(Date.parse(a.linkDueAt) - Date.parse(at)).toBe(72 * 3_600_000);
    // The shelter does not see the unit's own record of the child nor the link into its case file.
    expect(a).not.toHaveProperty('vulnerabilities');
    expect(a).not.toHaveProperty('caseId');
    expect(a.withheld).toEqual(['vulnerabilities']);
    expect((await beds(korce)).bedsFree).toBe(before.bedsFree - 1);
    expect((await beds(await t.login('police_support'))).bedsFree).toBe(before.bedsFree - 1);
    expect((await beds(staff)).bedsFree).toBe(before.bedsFree - 1);
    // The responsible unit sees it whole; it is on its task list and on the shelter's.
    const unitView = (await korce.get(`/api/v1/shelter-admissions/${a.id}`)).json();
    expect(unitView).toMatchObject({ id: a.id, vulnerabilities: [], caseId: null, withheld: [] });
    for (const c of [korce, staff]) {
      const tasks = (await c.get('/api/v1/tasks')).json().items;
      expect(tasks.find((x: { id: string }) => x.id === a.id)).toMatchObject({ kind: 'shelter_case_link', overdue: false });
    }
  });

  it('siblings with their mother take one mother-and-child place; over capacity only with a reason', async () => {
    const before = await beds(korce);
    const group = admission({ companionName: 'Lule Fixture', companionRelation: 'mother', children: [{ newChild: newChild() }, { newChild: newChild({ sex: 'male' }) }] });
    const res = await staff.post('/api/v1/shelter-admissions', group);
    expect(res.statusCode, res.body).toBe(201);
    const [first, second] = res.json().items;
    expect(first.groupId).toBe(second.groupId);
    expect(first.siblings).toEqual([{ admissionId: second.id, givenName: expect.any(String), familyName: 'Fixture' }]);
    expect(await beds(korce)).toMatchObject({ bedsFree: before.bedsFree, motherChildFree: 0 });
    // The last mother-and-child place is taken: without a reason, refused on the field, nothing stored.
    const n = await count();
    const full = await staff.post('/api/v1/shelter-admissions', admission({ companionName: 'Vera Fixture', companionRelation: 'other_relative' }));
    expect(full.statusCode).toBe(400);
    expect(full.json().issues[0].path).toBe('overCapacityReason');
    expect(await count()).toBe(n);
    // Beds: fill them, then one more with the reason.
    const free = (await beds(korce)).bedsFree as number;
    const fill = await staff.post('/api/v1/shelter-admissions', admission({ children: Array.from({ length: free }, () => ({ newChild: newChild() })) }));
    expect(fill.statusCode, fill.body).toBe(201);
    const over = await staff.post('/api/v1/shelter-admissions', admission());
    expect(over.statusCode).toBe(400);
    expect(over.json().issues[0].path).toBe('overCapacityReason');
    const allowed = await staff.post('/api/v1/shelter-admissions', admission({ overCapacityReason: 'Night-time police referral; no other shelter in the region has a bed.' }));
    expect(allowed.statusCode, allowed.body).toBe(201);
    expect(allowed.json().items[0].overCapacityReason).toMatch(/Night-time/);
    expect(await beds(korce)).toMatchObject({ bedsFree: 0, bedsOver: 1 });
  });

  it('bad input: 400 with the field and nothing stored', async () => {
    const n = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [admission({ admittedAt: new Date(Date.now() + 86_400_000).toISOString() }), 'admittedAt'],
      [admission({ harmTypes: [] }), 'harmTypes'],
      [admission({ companionName: 'Someone' }), 'companionRelation'],
      [admission({ referredBy: 'unit_case' }), 'children.0.caseId'],
      [admission({ children: [{ newChild: newChild({ municipalityCode: 'BG-22-01' }) }], overCapacityReason: 'x' }), 'children.0.newChild.municipalityCode'],
      [admission({ children: [{ newChild: newChild({ birthDate: '2099-01-01' }) }] }), 'children.0.newChild.birthDate'],
    ];
    for (const [body, path] of cases) {
      const res = await staff.post('/api/v1/shelter-admissions', body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await count()).toBe(n);
  });

  it('a referral by a case: admitted with it, the case placement IS the admission; a second current stay is refused; discharge ends both', async () => {
    const { caseId, childId } = await openTestCase(t);
    await grantTo(t, childId, 'a.shelter', 'referral');
    const body = { admittedAt: hoursAgo(30), referredBy: 'unit_case', harmTypes: ['sexual'], children: [{ childId, caseId }], overCapacityReason: 'Referred by the unit.' };
    const res = await staff.post('/api/v1/shelter-admissions', body);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json().items[0];
    expect(a).toMatchObject({ emergency: false, linked: true, linkDueAt: null });
    const again = await staff.post('/api/v1/shelter-admissions', body);
    expect(again.statusCode).toBe(400);
    expect(again.json().issues[0].path).toBe('children.0.childId');
    const placements = async () => (await korce.get(`/api/v1/cases/${caseId}/placements`)).json().items;
    expect(await placements()).toMatchObject([{ kind: 'emergency_shelter', providerOrgId: shelterOrg, startedOn: a.admittedOn, current: true }]);
    // The unit can neither end it by hand nor type a second one.
    const p = (await placements())[0];
    expect((await korce.post(`/api/v1/cases/${caseId}/placements/${p.id}/end`, { endedOn: a.admittedOn, endReason: 'x' })).statusCode).toBe(409);
    const early = await staff.post(`/api/v1/shelter-admissions/${a.id}/discharge`, { dischargedOn: '2020-01-01', destination: 'family', dischargedWith: 'Mother' });
    expect(early.statusCode).toBe(400);
    expect(early.json().issues[0].path).toBe('dischargedOn');
    const future = await staff.post(`/api/v1/shelter-admissions/${a.id}/discharge`, { dischargedOn: '2099-01-01', destination: 'family', dischargedWith: 'Mother' });
    expect(future.json().issues[0].path).toBe('dischargedOn');
    expect((await placements())[0]).toMatchObject({ current: true, endedOn: null });
    const today = new Date().toISOString().slice(0, 10);
    const done = await staff.post(`/api/v1/shelter-admissions/${a.id}/discharge`, { dischargedOn: today, destination: 'kinship_care', dischargedWith: 'Grandmother (maternal)' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ current: false, dischargedOn: today, destination: 'kinship_care' });
    expect(await placements()).toMatchObject([{ current: false, endedOn: today, endCode: 'shelter_discharge' }]);
    const rows = await t.database.unguarded.selectFrom('placements').select('id').where('admission_id', '=', a.id).execute();
    expect(rows).toHaveLength(1);
    // Follow-up after the discharge, not before it.
    const before = await staff.post(`/api/v1/shelter-admissions/${a.id}/follow-up`, { followUpOn: '2020-01-01', note: 'Call' });
    expect(before.json().issues[0].path).toBe('followUpOn');
    const fu = await staff.post(`/api/v1/shelter-admissions/${a.id}/follow-up`, { followUpOn: today, note: 'Visited; the child is settled with the grandmother.' });
    expect(fu.json()).toMatchObject({ followUpOn: today, followUpNote: expect.stringContaining('settled') });
  });

  it('siblings referred by their cases: the shelter names only the cases; each case gets its placement; a case out of reach is refused', async () => {
    const a = await openTestCase(t);
    const b = await openTestCase(t);
    await grantTo(t, a.childId, 'a.shelter', 'referral');
    const hidden = await staff.post('/api/v1/shelter-admissions', admission({ referredBy: 'unit_case', children: [{ caseId: a.caseId }, { caseId: b.caseId }], overCapacityReason: 'Full.' }));
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().issues[0].path).toBe('children.1.caseId');
    await grantTo(t, b.childId, 'a.shelter', 'referral');
    const res = await staff.post('/api/v1/shelter-admissions', admission({ referredBy: 'unit_case', children: [{ caseId: a.caseId }, { caseId: b.caseId }], overCapacityReason: 'Full.' }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((x: { child: { id: string } }) => x.child.id)).toEqual([a.childId, b.childId]);
    for (const k of [a, b]) {
      expect((await korce.get(`/api/v1/cases/${k.caseId}/placements`)).json().items).toMatchObject([{ kind: 'emergency_shelter', providerOrgId: shelterOrg, current: true }]);
    }
  });

  it('the unit links an emergency admission to its case of the child: the placement is written from it', async () => {
    const res = await staff.post('/api/v1/shelter-admissions', admission({ overCapacityReason: 'Police at night.' }));
    const a = res.json().items[0];
    const other = await openTestCase(t);
    const wrong = await korce.post(`/api/v1/shelter-admissions/${a.id}/link`, { caseId: other.caseId });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().issues[0].path).toBe('caseId');
    const actor = await loadUserActor(t.database.unguarded, (await t.database.unguarded.selectFrom('users').select('id').where('username', '=', 'caseworker').executeTakeFirstOrThrow()).id);
    const kase = await openCase(openDoor(t.database.unguarded, actor!), { childId: a.child.id, riskLevel: 'high' });
    expect((await staff.post(`/api/v1/shelter-admissions/${a.id}/link`, { caseId: kase.id })).statusCode).toBe(403);
    expect((await (await t.login('b.kasa')).post(`/api/v1/shelter-admissions/${a.id}/link`, { caseId: kase.id })).statusCode).toBe(404);
    const linked = await korce.post(`/api/v1/shelter-admissions/${a.id}/link`, { caseId: kase.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ linked: true, caseId: kase.id, linkOverdue: false });
    expect((await korce.post(`/api/v1/shelter-admissions/${a.id}/link`, { caseId: kase.id })).statusCode).toBe(409);
    expect((await korce.get(`/api/v1/cases/${kase.id}/placements`)).json().items).toMatchObject([{ kind: 'emergency_shelter', startedOn: a.admittedOn, current: true }]);
    const tasks = (await korce.get('/api/v1/tasks')).json().items;
    expect(tasks.some((x: { id: string }) => x.id === a.id)).toBe(false);
  });

  it('the reintegration plan: goal and steps by the shelter; the unit reads it', async () => {
    const a = (await staff.post('/api/v1/shelter-admissions', admission({ overCapacityReason: 'Full.' }))).json().items[0];
    expect((await staff.post(`/api/v1/shelter-admissions/${a.id}/plan`, { goal: 'foster_care' })).json().planGoal).toBe('foster_care');
    const step = await staff.post(`/api/v1/shelter-admissions/${a.id}/plan/steps`, { description: 'Meet the foster family', ownerName: 'Entela Çela', dueOn: '2099-01-31' });
    expect(step.statusCode, step.body).toBe(200);
    const s = step.json().steps[0];
    expect(s).toMatchObject({ description: 'Meet the foster family', ownerName: 'Entela Çela', dueOn: '2099-01-31', doneOn: null });
    const done = await staff.post(`/api/v1/shelter-admissions/${a.id}/plan/steps/done`, { stepId: s.id, doneOn: new Date().toISOString().slice(0, 10) });
    expect(done.json().steps[0].doneOn).not.toBeNull();
    expect((await korce.post(`/api/v1/shelter-admissions/${a.id}/plan`, { goal: 'kinship_care' })).statusCode).toBe(403);
    expect((await korce.get(`/api/v1/shelter-admissions/${a.id}`)).json()).toMatchObject({ planGoal: 'foster_care', steps: [{ id: s.id }] });
  });
});

describe('reach', () => {
  it('out of reach is 404; roles without shelter work 403; beds free is counts only, per country', async () => {
    const a = (await staff.post('/api/v1/shelter-admissions', admission({ overCapacityReason: 'Full.' }))).json().items[0];
    for (const user of ['b.kasa', 'm.ivanova', 'r.todorova', 'provider']) {
      const c = await t.login(user);
      expect((await c.get(`/api/v1/shelter-admissions/${a.id}`)).statusCode, user).toBe(404);
      expect((await c.get('/api/v1/shelter-admissions?status=all&limit=200')).json().items.some((x: { id: string }) => x.id === a.id), user).toBe(false);
    }
    for (const user of ['partner', 'monitor', 'admin', 'police_support']) {
      expect((await (await t.login(user)).get(`/api/v1/shelter-admissions/${a.id}`)).statusCode, user).toBe(403);
    }
    // The Korçë NGO's provider is not a shelter: it admits nobody and sees no beds.
    expect((await (await t.login('provider')).post('/api/v1/shelter-admissions', admission())).statusCode).toBe(403);
    expect((await (await t.login('provider')).get('/api/v1/shelters/beds-free')).statusCode).toBe(403);
    for (const user of ['partner', 'monitor']) expect((await (await t.login(user)).get('/api/v1/shelters/beds-free')).statusCode, user).toBe(403);
    const bg = (await (await t.login('m.ivanova')).get('/api/v1/shelters/beds-free')).json().items;
    expect(bg.map((s: { name: string }) => s.name)).toEqual(['Кризисен център за деца – София']);
    expect((await korce.get('/api/v1/shelters/beds-free?region=AL-06')).json().items).toEqual([]);
    expect((await korce.get('/api/v1/shelters/beds-free?region=AL-03')).json().items).toHaveLength(1);
    // Reads are audited with the reason; a denied read too.
    const entries = await t.database.unguarded.selectFrom('audit_log').select(['action', 'outcome', 'reason']).where('entity', '=', 'shelter_admission').where('entity_id', '=', a.id).execute();
    expect(entries.some((e) => e.action === 'read' && e.outcome === 'denied')).toBe(true);
    expect(entries.some((e) => e.action === 'shelter_admit' && e.reason === 'shelter')).toBe(true);
  });
});
