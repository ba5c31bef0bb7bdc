import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';

/** Prevention activities (issue 14 §4): who records and reads them, bad input, changes, audit. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let n = 0;
const activity = (over: Record<string, unknown> = {}) => ({
  ref: `T-${++n}`, heldOn: '2026-03-10', place: 'school', municipalityCode: 'AL-06-03', topic: 'bullying', title: 'Session on bullying',
  facilitators: ['NJMF Korçë'], childrenReached: [{ ageGroup: '12-16', sex: 'female', children: 12 }, { ageGroup: '12-16', sex: 'male', children: 10 }],
  adults: { parents: 3, teachers: 2, professionals: 0 }, childrenCoOrganised: true, ...over,
});
const count = async () => Number((await t.database.unguarded.selectFrom('prevention_activities').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('prevention activities', () => {
  it('unit, provider and NGO staff record them for their municipality; the view sums what was reached', async () => {
    for (const user of ['caseworker', 'supervisor', 'provider']) {
      const res = await (await t.login(user)).post('/api/v1/prevention-activities', activity());
      expect(res.statusCode, `${user}: ${res.body}`).toBe(201);
      expect(res.json()).toMatchObject({ country: 'AL', municipalityCode: 'AL-06-03', regionCode: 'AL-06', topic: 'bullying', totals: { children: 22, adults: 5 }, editable: true, version: 1 });
    }
    const bg = await (await t.login('v.georgieva')).post('/api/v1/prevention-activities', activity({ municipalityCode: 'BG-16-12' }));
    expect(bg.statusCode, bg.body).toBe(201);
    expect(bg.json()).toMatchObject({ country: 'BG', regionCode: 'BG-16' });
    const audit = await t.database.unguarded.selectFrom('audit_log').select(['action', 'chain']).where('entity', '=', 'prevention_activity').where('entity_id', '=', bg.json().id).execute();
    expect(audit).toContainEqual({ action: 'create', chain: 'BG' });
  });

  it('roles that do not do prevention work are refused (403), nothing stored', async () => {
    const before = await count();
    for (const user of ['partner', 'k.teacher', 'police_support', 'monitor', 'trainer', 'admin']) {
      const c = await t.login(user);
      expect((await c.post('/api/v1/prevention-activities', activity())).statusCode, user).toBe(403);
      expect((await c.get('/api/v1/prevention-activities')).statusCode, user).toBe(403);
    }
    expect(await count()).toBe(before);
  });

  it('reach: the organisation its own; the unit also the others in its municipality; other units and countries nothing (404)', async () => {
    const ngo = await (await t.login('provider')).post('/api/v1/prevention-activities', activity({ title: 'NGO session' }));
    const unit = await (await t.login('caseworker')).post('/api/v1/prevention-activities', activity({ title: 'Unit session' }));
    const supervisor = await t.login('supervisor');
    expect((await supervisor.get(`/api/v1/prevention-activities/${ngo.json().id}`)).json()).toMatchObject({ title: 'NGO session', editable: false });
    const provider = await t.login('provider');
    expect((await provider.get(`/api/v1/prevention-activities/${unit.json().id}`)).statusCode).toBe(404);
    const own = (await provider.get('/api/v1/prevention-activities?limit=200')).json();
    expect(own.items.every((a: { orgName: string }) => a.orgName.includes('Për Fëmijët'))).toBe(true);
    for (const user of ['e.cela', 'b.kasa', 'm.ivanova', 'v.georgieva']) {
      const c = await t.login(user);
      expect((await c.get(`/api/v1/prevention-activities/${unit.json().id}`)).statusCode, user).toBe(404);
      expect((await c.request('PUT', `/api/v1/prevention-activities/${unit.json().id}`, { ...activity(), version: 1 })).statusCode, user).toBe(404);
      const list = (await c.get('/api/v1/prevention-activities?limit=200')).json();
      expect(list.items.map((a: { id: string }) => a.id), user).not.toContain(unit.json().id);
    }
    // The unit reads the NGO's activity but does not change it.
    expect((await supervisor.request('PUT', `/api/v1/prevention-activities/${ngo.json().id}`, { ...activity(), version: 1 })).statusCode).toBe(403);
  });

  it('lists newest first, filtered by period, municipality and topic', async () => {
    const c = await t.login('l.muca');
    for (const [heldOn, topic] of [['2026-01-05', 'violence'], ['2026-02-05', 'online_safety'], ['2026-02-20', 'violence']] as const) {
      expect((await c.post('/api/v1/prevention-activities', activity({ heldOn, topic, municipalityCode: 'AL-02-01' }))).statusCode).toBe(201);
    }
    const all = (await c.get('/api/v1/prevention-activities?municipality=AL-02-01')).json();
    expect(all.total).toBe(3);
    expect(all.items.map((a: { heldOn: string }) => a.heldOn)).toEqual(['2026-02-20', '2026-02-05', '2026-01-05']);
    const feb = (await c.get('/api/v1/prevention-activities?from=2026-02-01&to=2026-02-28&topic=violence')).json();
    expect(feb.items.map((a: { heldOn: string }) => a.heldOn)).toEqual(['2026-02-20']);
  });

  it('changes an activity with the version read; a stale version is 409', async () => {
    const c = await t.login('caseworker');
    const made = (await c.post('/api/v1/prevention-activities', activity())).json();
    const changed = await c.request('PUT', `/api/v1/prevention-activities/${made.id}`, { ...activity({ ref: made.ref, topic: 'online_safety', childrenReached: [{ ageGroup: '8-11', sex: 'male', children: 4 }] }), version: 1 });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ topic: 'online_safety', version: 2, childrenReached: [{ ageGroup: '8-11', sex: 'male', children: 4 }], totals: { children: 4 } });
    expect((await c.request('PUT', `/api/v1/prevention-activities/${made.id}`, { ...activity({ ref: made.ref }), version: 1 })).statusCode).toBe(409);
  });

  it('bad input: 400 naming the field, 409 on a reference used twice, nothing stored', async () => {
    const c = await t.login('caseworker');
    const before = await count();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ municipalityCode: 'AL-03-03' }, 'municipalityCode'], // Elbasan: outside the Korçë unit's jurisdiction
      [{ municipalityCode: 'BG-16-12' }, 'municipalityCode'], // another country
      [{ municipalityCode: 'AL-06' }, 'municipalityCode'], // a region, not a municipality
      [{ heldOn: '2999-01-01' }, 'heldOn'],
      [{ topic: 'sports' }, 'topic'],
      [{ place: 'moon' }, 'place'],
      [{ childrenReached: [{ ageGroup: '12-16', sex: 'female', children: 0 }] }, 'childrenReached.0.children'],
      [{ childrenReached: [{ ageGroup: '12-16', sex: 'female', children: 2 }, { ageGroup: '12-16', sex: 'female', children: 3 }] }, 'childrenReached.1'],
      [{ childrenReached: [], adults: { parents: 0, teachers: 0, professionals: 0 } }, 'childrenReached'],
      [{ adults: { parents: -1, teachers: 0, professionals: 0 } }, 'adults.parents'],
      [{ title: '' }, 'title'],
    ];
    for (const [over, path] of cases) {
      const res = await c.post('/api/v1/prevention-activities', activity(over));
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path), path).toContain(path);
    }
    const first = await c.post('/api/v1/prevention-activities', activity({ ref: 'SAME-REF' }));
    expect(first.statusCode).toBe(201);
    expect((await c.post('/api/v1/prevention-activities', activity({ ref: 'SAME-REF' }))).statusCode).toBe(409);
    expect(await count()).toBe(before + 1);
  });

  it('the demo has activities in Albania and Bulgaria, by units and NGOs', async () => {
    const rows = await t.database.unguarded.selectFrom('prevention_activities as a').innerJoin('organisations as o', 'o.id', 'a.org_id')
      .select(['a.country', 'o.sector']).where('a.ref', 'in', ['KO-2026-01', 'QK-PF-07', 'PD-2026-05', 'CSP-PD-11']).execute();
    expect(rows.map((r) => `${r.country} ${r.sector}`).sort()).toEqual(['AL ngo', 'AL social_services', 'BG ngo', 'BG social_services']);
  });
});
