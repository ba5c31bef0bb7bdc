import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const anna = { givenName: 'Ana', familyName: 'Krasniqi', sex: 'female', birthDate: '2014-03-12', municipalityCode: 'AL-06-03' } as const;

describe('child record API', () => {
  it('a caseworker registers a child in their unit and owns it', async () => {
    const cw = await t.login('caseworker');
    const res = await cw.post('/api/v1/children', { givenName: 'Besa', familyName: 'Marku', sex: 'female', birthDate: '2015-05-05', municipalityCode: 'AL-06-03', vulnerabilities: ['disability'] });
    expect(res.statusCode).toBe(201);
    const child = res.json();
    expect(child).toMatchObject({ givenName: 'Besa', accessReason: 'owner', version: 1, ownerName: 'Elira Dervishi', vulnerabilities: ['disability'] });
    expect((await cw.get(`/api/v1/children/${child.id}`)).statusCode).toBe(200);
  });

  it('refuses a municipality of another country, naming the field', async () => {
    const cw = await t.login('caseworker');
    const res = await cw.post('/api/v1/children', { ...anna, municipalityCode: 'BG-16-12' });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toEqual([{ path: 'municipalityCode', message: 'is not a municipality of your country' }]);
  });

  it('partners, providers and other roles cannot register children', async () => {
    for (const role of ['partner', 'provider', 'monitor', 'admin', 'trainer']) {
      const res = await (await t.login(role)).post('/api/v1/children', anna);
      expect(res.statusCode, role).toBe(403);
    }
  });

  it('offers likely duplicates across scripts and spellings, only within reach', async () => {
    const cw = await t.login('caseworker');
    // The demo has Ana Krasniqi (2014-03-12) in Korçë.
    const typo = (await cw.post('/api/v1/children/duplicates', { givenName: 'Anna', familyName: 'Krasniqui', birthDate: '2014-04-01' })).json();
    expect(typo.items.map((i: { child: { givenName: string } }) => i.child.givenName)).toContain('Ana');
    const far = (await cw.post('/api/v1/children/duplicates', { givenName: 'Ana', familyName: 'Krasniqi', birthDate: '2001-01-01' })).json();
    expect(far.items).toEqual([]);
    // Cyrillic and Latin meet: Plovdiv's worker looking for "Ivan Petrov" finds "Иван Петров".
    const bg = await t.login('m.ivanova');
    const latin = (await bg.post('/api/v1/children/duplicates', { givenName: 'Ivan', familyName: 'Petrov', birthDate: '2013-07-08' })).json();
    expect(latin.items[0].child.givenName).toBe('Иван');
    expect(latin.items[0].score).toBe(1);
    // Out of reach: the Korçë caseworker never learns of the Plovdiv child.
    const outside = (await cw.post('/api/v1/children/duplicates', { givenName: 'Иван', familyName: 'Петров', birthDate: '2013-07-08' })).json();
    expect(outside.items).toEqual([]);
  });

  it('a second save from a stale version is refused with the other change shown', async () => {
    const cw = await t.login('caseworker');
    const sup = await t.login('supervisor');
    const created = (await cw.post('/api/v1/children', { ...anna, givenName: 'Drita' })).json();
    const first = await sup.patch(`/api/v1/children/${created.id}`, { version: 1, address: 'Rruga Republika 3' });
    expect(first.statusCode).toBe(200);
    const second = await cw.patch(`/api/v1/children/${created.id}`, { version: 1, address: 'Other address' });
    expect(second.statusCode).toBe(409);
    expect(second.json().current).toMatchObject({ address: 'Rruga Republika 3', version: 2 });
    const now = (await cw.get(`/api/v1/children/${created.id}`)).json();
    expect(now.address).toBe('Rruga Republika 3');
  });

  it('the supervisor sees who read or changed a child; a caseworker may not', async () => {
    const cw = await t.login('caseworker');
    const partner = await t.login('partner');
    const sup = await t.login('supervisor');
    const ana = (await cw.get('/api/v1/children?limit=100')).json().items.find((c: { givenName: string }) => c.givenName === 'Ana');
    await partner.get(`/api/v1/children/${ana.id}`);
    const history = await sup.get(`/api/v1/children/${ana.id}/access-history`);
    expect(history.statusCode).toBe(200);
    const items = history.json().items as Array<{ actorName: string; action: string; reason: string }>;
    expect(items).toEqual(expect.arrayContaining([
      expect.objectContaining({ actorName: 'partner', action: 'read', reason: 'meeting' }),
      expect.objectContaining({ actorName: 'system:seed-demo', action: 'create' }),
    ]));
    expect((await cw.get(`/api/v1/children/${ana.id}/access-history`)).statusCode).toBe(403);
    // Another unit's supervisor: the child is simply not there.
    const otherSup = await t.login('b.kasa');
    expect((await otherSup.get(`/api/v1/children/${ana.id}/access-history`)).statusCode).toBe(404);
  });

  it('no child data in error answers', async () => {
    const cw = await t.login('caseworker');
    const res = await cw.post('/api/v1/children', { ...anna, givenName: 'Secretname', sex: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('Secretname');
  });
});
