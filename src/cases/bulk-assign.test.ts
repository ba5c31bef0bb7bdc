import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { openTestCase, userId } from './case-fixtures.ts';

/**
 * POST /cases/assign: a supervisor gives several cases to one worker at once, all or none, each
 * through the single assignment's guard and audit; the case list sorts on the server and pages
 * through a sorted list without repeating or skipping a case.
 */
const ELBASAN = 'AL-03-03';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const owners = async (ids: string[]) =>
  (await t.database.unguarded.selectFrom('cases').select(['id', 'owner_id', 'version']).where('id', 'in', ids).orderBy('id').execute());
const audits = async (ids: string[], outcome: string) =>
  t.database.unguarded.selectFrom('audit_log').select(['entity_id', 'actor_name', 'detail']).where('action', '=', 'assign')
    .where('entity_id', 'in', ids).where('outcome', '=', outcome).execute();

describe('assigning several cases at once', () => {
  it('the supervisor assigns three cases: each is owned, versioned, on its timeline and audited', async () => {
    const ids = [(await openTestCase(t)).caseId, (await openTestCase(t)).caseId, (await openTestCase(t)).caseId];
    const sup = await t.login('supervisor');
    const res = await sup.post('/api/v1/cases/assign', { caseIds: ids, ownerId: await userId(t, 'supervisor') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ assigned: ids, ownerName: expect.any(String) });
    const supervisorId = await userId(t, 'supervisor');
    for (const row of await owners(ids)) expect(row).toMatchObject({ owner_id: supervisorId, version: 2 });
    const steps = await t.database.unguarded.selectFrom('case_events').select('case_id').where('kind', '=', 'assigned').where('case_id', 'in', ids).execute();
    expect(steps).toHaveLength(3);
    const ok = await audits(ids, 'ok');
    expect(ok.map((a) => a.entity_id).sort()).toEqual([...ids].sort());
    expect(ok.every((a) => a.actor_name === 'supervisor' && (a.detail as { bulk?: boolean }).bulk === true)).toBe(true);
  });

  it('a caseworker is refused (403) and nothing changes; the refusal is audited', async () => {
    const ids = [(await openTestCase(t)).caseId, (await openTestCase(t)).caseId];
    const before = await owners(ids);
    const cw = await t.login('caseworker');
    const res = await cw.post('/api/v1/cases/assign', { caseIds: ids, ownerId: await userId(t, 'caseworker') });
    expect(res.statusCode).toBe(403);
    expect(await owners(ids)).toEqual(before);
    expect((await audits(ids, 'refused')).map((a) => a.actor_name)).toEqual(['caseworker', 'caseworker']);
  });

  it("another unit's case among them: 404 naming its index only, nothing changes, the denial audited", async () => {
    const mine = [(await openTestCase(t)).caseId, (await openTestCase(t)).caseId];
    const theirs = (await openTestCase(t, { username: 'e.cela', municipalityCode: ELBASAN })).caseId;
    const absent = '00000000-0000-4000-8000-000000000001';
    const ids = [mine[0]!, theirs, mine[1]!, absent];
    const before = await owners(ids);
    const sup = await t.login('supervisor');
    const res = await sup.post('/api/v1/cases/assign', { caseIds: ids, ownerId: await userId(t, 'caseworker') });
    expect(res.statusCode).toBe(404);
    // Out of reach and absent answer alike: the caller learns which of its ids it may not assign, not why.
    expect(res.json().issues).toEqual([
      { path: 'caseIds.1', message: 'No such case', code: 'case.notFound' },
      { path: 'caseIds.3', message: 'No such case', code: 'case.notFound' },
    ]);
    expect(await owners(ids)).toEqual(before);
    expect(await audits(mine, 'ok')).toEqual([]);
    expect((await audits([theirs, absent], 'denied')).map((a) => a.entity_id).sort()).toEqual([theirs, absent].sort());
  });

  it('a case whose status does not allow assigning: 409 naming its index, nothing changes', async () => {
    const ids = [(await openTestCase(t)).caseId, (await openTestCase(t)).caseId];
    // Awaiting the supervisor's decision on its closure: not a status to assign in.
    expect((await (await t.login('caseworker')).post(`/api/v1/cases/${ids[1]}/closure`, { reason: 'goals_met', version: 1 })).statusCode).toBe(200);
    const before = await owners(ids);
    const sup = await t.login('supervisor');
    const res = await sup.post('/api/v1/cases/assign', { caseIds: ids, ownerId: await userId(t, 'caseworker') });
    expect(res.statusCode).toBe(409);
    expect(res.json().issues).toEqual([expect.objectContaining({ path: 'caseIds.1', code: 'case.notAllowed' })]);
    expect(await owners(ids)).toEqual(before);
    expect(await audits([ids[0]!], 'ok')).toEqual([]);
  });

  it('an owner outside the unit, a repeated id or more than 100 ids is 400', async () => {
    const { caseId } = await openTestCase(t);
    const sup = await t.login('supervisor');
    expect((await sup.post('/api/v1/cases/assign', { caseIds: [caseId], ownerId: await userId(t, 'b.kasa') })).statusCode).toBe(400);
    expect((await sup.post('/api/v1/cases/assign', { caseIds: [caseId, caseId], ownerId: await userId(t, 'caseworker') })).statusCode).toBe(400);
    const many = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await sup.post('/api/v1/cases/assign', { caseIds: many, ownerId: await userId(t, 'caseworker') })).statusCode).toBe(400);
    expect((await owners([caseId]))[0]!.version).toBe(1);
  });
});

describe('sorting the case list', () => {
  it('pages through every sort key once each way: every case exactly once, in order', async () => {
    await openTestCase(t, { riskLevel: 'high' });
    await openTestCase(t, { riskLevel: 'low' });
    const sup = await t.login('supervisor');
    const total = (await sup.get('/api/v1/cases?limit=1')).json().total as number;
    expect(total).toBeGreaterThan(5);
    for (const sort of ['deadline', '-deadline', 'risk', '-risk', 'child', 'openedAt', '-lastSeen', 'status']) {
      const seen: Array<{ id: string; riskLevel: string; nextDueAt: string | null }> = [];
      for (let offset = 0; offset < total; offset += 3) {
        const res = await sup.get(`/api/v1/cases?sort=${sort}&limit=3&offset=${offset}`);
        expect(res.statusCode).toBe(200);
        seen.push(...res.json().items);
      }
      expect(new Set(seen.map((c) => c.id)).size).toBe(total);
      if (sort === 'risk') {
        const rank = { low: 1, medium: 2, high: 3 } as Record<string, number>;
        expect(seen.map((c) => rank[c.riskLevel])).toEqual(seen.map((c) => rank[c.riskLevel]).sort());
      }
      if (sort === 'deadline') {
        const dues = seen.map((c) => c.nextDueAt);
        const dated = dues.filter((d): d is string => d !== null);
        expect(dated).toEqual([...dated].sort());
        // Cases without a deadline come last.
        expect(dues.slice(dated.length).every((d) => d === null)).toBe(true);
      }
    }
    expect((await sup.get('/api/v1/cases?sort=colour')).statusCode).toBe(400);
  });
});
