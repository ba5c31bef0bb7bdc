import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { hoursAgo, rowCounts, signalBody } from './signal-fixtures.ts';

/**
 * Signals through the HTTP API on the real database: registration by each registering role,
 * bad input refused with paths and nothing stored, idempotent refs, the anonymous reporter and
 * the responsible unit. Reach, screening and tasks are in the sibling test files.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const counts = () => rowCounts(t);

describe('registering a signal', () => {
  it('a caseworker registers in their unit, with a new child created in the unit and the screening deadline set', async () => {
    const cw = await t.login('caseworker');
    const receivedAt = hoursAgo(3);
    const body = signalBody({ receivedAt });
    const res = await cw.post('/api/v1/signals', body);
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ status: 'unscreened', overdue: false, accessReason: 'unit_caseworker', unitName: expect.stringContaining('Korçë'), description: 'Shouting and a crying child every night.', perpetrators: ['father'], withheld: [], allowed: ['screen'], registeredByName: 'Elira Dervishi', regionCode: 'AL-06' });
    expect(Date.parse(s.screeningDueAt) - Date.parse(receivedAt)).toBe(24 * 3_600_000);
    expect(s.children).toEqual([expect.objectContaining({ givenName: 'Dea', familyName: 'Kola', sex: 'female', birthDate: body.children[0]!.birthDate })]);
    const child = (await cw.get(`/api/v1/children/${s.children[0].id}`)).json();
    expect(child).toMatchObject({ accessReason: 'owner', municipalityCode: 'AL-06-03', unitName: s.unitName });
  });

  it('a partner registers for the municipality\'s unit, keeps seeing its children, but not the narrative', async () => {
    const partner = await t.login('partner');
    const res = await partner.post('/api/v1/signals', signalBody({ children: [{ givenName: 'Lori', familyName: 'Basha', sex: 'male' }] }));
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({ accessReason: 'signal', unitName: expect.stringContaining('Korçë'), allowed: [], registeredOrgName: 'Drejtoria Vendore e Policisë Korçë' });
    expect(s.description).toBeUndefined();
    expect(s.perpetrators).toBeUndefined();
    expect(s.reporterName).toBeUndefined();
    expect(s.withheld).toEqual(expect.arrayContaining(['description', 'perpetrators', 'reporterName']));
    expect(s.children[0]).toMatchObject({ givenName: 'Lori', familyName: 'Basha' });
    const child = await partner.get(`/api/v1/children/${s.children[0].id}`);
    expect(child.statusCode).toBe(200);
    expect(child.json()).toMatchObject({ accessReason: 'signal', ownerId: null });
    // The unit sees everything.
    const unit = (await (await t.login('caseworker')).get(`/api/v1/signals/${s.id}`)).json();
    expect(unit).toMatchObject({ accessReason: 'unit_caseworker', description: 'Shouting and a crying child every night.', perpetrators: ['father'], reporterName: 'A neighbour' });
  });

  it('the police-station team registers an intake', async () => {
    const ps = await t.login('police_support');
    const res = await ps.post('/api/v1/signals', signalBody({ channel: 'police_station', source: 'police', harmTypes: ['conflict_with_law'], children: [{ givenName: 'Jon', familyName: 'Dedja', sex: 'male', birthDate: '2009-01-01' }] }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ accessReason: 'signal', channel: 'police_station' });
    expect((await ps.get(`/api/v1/children/${res.json().children[0].id}`)).statusCode).toBe(200);
  });

  it('providers, monitors, admins and trainers may not register, and nothing is stored', async () => {
    const before = await counts();
    for (const role of ['provider', 'monitor', 'admin', 'trainer']) {
      const res = await (await t.login(role)).post('/api/v1/signals', signalBody());
      expect(res.statusCode, role).toBe(403);
    }
    expect(await counts()).toEqual(before);
  });

  it('an anonymous report keeps no reporter; empty perpetrators become unknown', async () => {
    const cw = await t.login('caseworker');
    const s = (await cw.post('/api/v1/signals', signalBody({ source: 'anonymous', perpetrators: [], place: undefined }))).json();
    expect(s).toMatchObject({ source: 'anonymous', reporterName: null, reporterContact: null, perpetrators: ['unknown'], place: 'unknown' });
  });

  it('two children, one of them already known: the known one is attached, not duplicated', async () => {
    const cw = await t.login('caseworker');
    const ana = (await cw.get('/api/v1/children?limit=200')).json().items.find((c: { givenName: string }) => c.givenName === 'Ana');
    const before = await counts();
    const res = await cw.post('/api/v1/signals', signalBody({ children: [{ childId: ana.id }, { givenName: 'Tea', familyName: 'Krasniqi', sex: 'female' }] }));
    expect(res.statusCode).toBe(201);
    expect(res.json().children.map((c: { id: string }) => c.id)).toContain(ana.id);
    const after = await counts();
    expect(after.children - before.children).toBe(1);
    expect(after.signalChildren - before.signalChildren).toBe(2);
  });

  it('a signal for a municipality without a unit still counts, with no unit; one with a unit goes to it', async () => {
    const partner = await t.login('partner');
    const devoll = await partner.post('/api/v1/signals', signalBody({ municipalityCode: 'AL-06-01' }));
    expect(devoll.statusCode).toBe(201);
    expect(devoll.json()).toMatchObject({ unitId: null, unitName: null, municipalityCode: 'AL-06-01' });
    const elbasan = (await partner.post('/api/v1/signals', signalBody({ municipalityCode: 'AL-03-03' }))).json();
    expect(elbasan.unitName).toContain('Elbasan');
    expect((await (await t.login('b.kasa')).get(`/api/v1/signals/${elbasan.id}`)).statusCode).toBe(200);
    expect((await (await t.login('caseworker')).get(`/api/v1/signals/${elbasan.id}`)).statusCode).toBe(404);
  });

  it('the same ref twice answers the first signal; another organisation\'s ref is refused', async () => {
    const cw = await t.login('caseworker');
    const first = await cw.post('/api/v1/signals', signalBody({ ref: 'tablet-7:0042' }));
    expect(first.statusCode).toBe(201);
    const before = await counts();
    const again = await cw.post('/api/v1/signals', signalBody({ ref: 'tablet-7:0042', description: 'changed' }));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().description).toBe('Shouting and a crying child every night.');
    const other = await (await t.login('k.teacher')).post('/api/v1/signals', signalBody({ ref: 'tablet-7:0042' }));
    expect(other.statusCode).toBe(409);
    expect(JSON.stringify(other.json())).not.toContain('Dea');
    expect(await counts()).toEqual(before);
  });
});

describe('bad input is refused with the paths, and nothing is stored', () => {
  const cases: Array<[string, () => Record<string, unknown> | Promise<Record<string, unknown>>, string[]]> = [
    ['a receipt in the future', () => signalBody({ receivedAt: new Date(Date.now() + 3 * 3_600_000).toISOString() }), ['receivedAt']],
    ['a date that is not a date', () => signalBody({ receivedAt: 'yesterday' }), ['receivedAt']],
    ['a birth date after the signal', () => signalBody({ receivedAt: '2024-03-01T10:00:00+01:00', children: [{ givenName: 'A', familyName: 'B', sex: 'male' }, { givenName: 'C', familyName: 'D', sex: 'female', birthDate: '2024-03-02' }] }), ['children.1.birthDate']],
    ['unknown codes', () => signalBody({ harmTypes: ['physical', 'bad_code'], channel: 'pigeon', source: 'oracle', place: 'moon', perpetrators: ['alien'], urgency: 'whenever' }), ['harmTypes.1', 'channel', 'source', 'place', 'perpetrators.0', 'urgency']],
    ['no harm type', () => signalBody({ harmTypes: [] }), ['harmTypes']],
    ['no children', () => signalBody({ children: [] }), ['children']],
    ['21 children', () => signalBody({ children: Array.from({ length: 21 }, (_, i) => ({ givenName: `Child${i}`, familyName: 'Many', sex: 'unknown' })) }), ['children']],
    ['a new child without names and a bad sex', () => signalBody({ children: [{ sex: 'x' }] }), ['children.0.sex', 'children.0.givenName', 'children.0.familyName']],
    ['an unknown municipality', () => signalBody({ municipalityCode: 'AL-99-99' }), ['municipalityCode']],
    ['a municipality of another country', () => signalBody({ municipalityCode: 'BG-16-12' }), ['municipalityCode']],
    ['an unknown child id', () => signalBody({ children: [{ givenName: 'Ok', familyName: 'Child', sex: 'male' }, { childId: '00000000-0000-4000-8000-000000000000' }] }), ['children.1.childId']],
    ['an unknown field', () => signalBody({ secret: 1 }), ['secret']],
    ['an over-long description', () => signalBody({ description: 'x'.repeat(10_001) }), ['description']],
  ];
  for (const [name, body, paths] of cases) {
    it(name, async () => {
      const cw = await t.login('caseworker');
      const before = await counts();
      const res = await cw.post('/api/v1/signals', await body());
      expect(res.statusCode).toBe(400);
      const issues = res.json().issues as Array<{ path: string }>;
      for (const path of paths) expect(issues.map((i) => i.path), path).toContain(path);
      expect(await counts()).toEqual(before);
    });
  }

  it('a child of another unit cannot be named by id, and the answer does not say it exists', async () => {
    const plovdiv = (await (await t.login('m.ivanova')).get('/api/v1/children?limit=200')).json().items[0];
    const res = await (await t.login('caseworker')).post('/api/v1/signals', signalBody({ children: [{ childId: plovdiv.id }] }));
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'children.0.childId', message: 'is not a child you can reach' }]);
  });
});
