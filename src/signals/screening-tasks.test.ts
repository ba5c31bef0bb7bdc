import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/audit-log.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { hoursAgo, signalBody } from './signal-fixtures.ts';

/**
 * Screening (who may, what each decision requires, the 409s) and the task lists it feeds: an
 * unscreened signal past its deadline shows on the worker's and the supervisor's lists, and
 * leaves them once screened.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function register(client: Client, over: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/signals', signalBody(over));
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number };
}

type Task = { kind: string; id: string; link: string; title: string; overdue: boolean; dueAt: string };
// Only this capability's tasks: other capabilities list their own work about the same signals.
const tasks = async (client: Client, scope = 'mine') =>
  ((await client.get(`/api/v1/tasks?scope=${scope}`)).json().items as Task[]).filter((x) => x.kind === 'signal_screening');

describe('screening a signal', () => {
  it('each decision asks for what it needs, with the paths named', async () => {
    const cw = await t.login('caseworker');
    const s = await register(cw);
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ decision: 'open_case' }, ['riskLevel']],
      [{ decision: 'attach_case', riskLevel: 'extreme' }, ['riskLevel']],
      [{ decision: 'no_action', reason: '   ' }, ['reason']],
      [{ decision: 'refer_elsewhere' }, ['reason', 'referredTo']],
      [{ decision: 'close_it', riskLevel: 'low' }, ['decision']],
      [{ decision: 'open_case', riskLevel: 'high' }, ['version']],
    ];
    for (const [body, paths] of cases) {
      const res = await cw.post(`/api/v1/signals/${s.id}/screening`, { version: s.version, ...body, ...(paths.includes('version') ? { version: undefined } : {}) });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(paths.sort());
    }
    expect((await cw.get(`/api/v1/signals/${s.id}`)).json().status).toBe('unscreened');
  });

  it('the unit screens once; a second screening is refused naming what is allowed', async () => {
    const cw = await t.login('caseworker');
    const s = await register(cw);
    const res = await cw.post(`/api/v1/signals/${s.id}/screening`, { version: s.version, decision: 'refer_elsewhere', reason: 'A school matter', referredTo: 'Local education office', riskLevel: 'low' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'screened', version: s.version + 1, allowed: [],
      screening: { decision: 'refer_elsewhere', riskLevel: 'low', reason: 'A school matter', referredTo: 'Local education office', screenedByName: 'Elira Dervishi' },
    });
    const again = await (await t.login('supervisor')).post(`/api/v1/signals/${s.id}/screening`, { version: s.version + 1, decision: 'open_case', riskLevel: 'high' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual({ message: 'This signal has already been screened', allowed: [] });
  });

  it('a screening from a stale version is refused with the signal as it now is', async () => {
    const cw = await t.login('caseworker');
    const s = await register(cw);
    const res = await cw.post(`/api/v1/signals/${s.id}/screening`, { version: s.version + 5, decision: 'no_action', reason: 'Nothing to do' });
    expect(res.statusCode).toBe(409);
    expect(res.json().current).toMatchObject({ id: s.id, version: s.version, status: 'unscreened' });
  });

  it('only the responsible unit screens: the registering partner may not, another unit finds nothing', async () => {
    const partner = await t.login('partner');
    const s = await register(partner);
    const body = { version: s.version, decision: 'open_case', riskLevel: 'high' };
    expect((await partner.post(`/api/v1/signals/${s.id}/screening`, body)).statusCode).toBe(403);
    expect((await (await t.login('police_support')).post(`/api/v1/signals/${s.id}/screening`, body)).statusCode).toBe(403);
    expect((await (await t.login('b.kasa')).post(`/api/v1/signals/${s.id}/screening`, body)).statusCode).toBe(404);
    expect((await (await t.login('m.ivanova')).post(`/api/v1/signals/${s.id}/screening`, body)).statusCode).toBe(404);
    const ok = await (await t.login('supervisor')).post(`/api/v1/signals/${s.id}/screening`, body);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().screening).toMatchObject({ decision: 'open_case', riskLevel: 'high', screenedByName: 'Arben Hoxha' });
    // The partner sees that its report was screened, not the unit's assessment.
    const seen = (await partner.get(`/api/v1/signals/${s.id}`)).json();
    expect(seen.status).toBe('screened');
    expect(seen.screening).toBeUndefined();
  });

  it('the screening is audited without its content', async () => {
    const cw = await t.login('caseworker');
    const s = await register(cw);
    await cw.post(`/api/v1/signals/${s.id}/screening`, { version: s.version, decision: 'no_action', reason: 'Confidential family matter' });
    const entry = await t.database.unguarded.selectFrom('audit_log').selectAll().where('entity_id', '=', s.id).where('action', '=', 'screen').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ chain: 'AL', reason: 'unit_caseworker', outcome: 'ok', actor_name: 'caseworker' });
    expect(JSON.stringify(entry.detail)).not.toContain('Confidential');
    expect((await verifyAudit(t.database.unguarded)).ok).toBe(true);
  });
});

describe('task lists', () => {
  it('an overdue unscreened signal is on the caseworker\'s and the supervisor\'s lists, first, until screened', async () => {
    const partner = await t.login('partner');
    const cw = await t.login('caseworker');
    const sup = await t.login('supervisor');
    const late = await register(partner, { receivedAt: hoursAgo(30), children: [{ givenName: 'Zana', familyName: 'Tola', sex: 'female' }] });
    const fresh = await register(partner, { receivedAt: hoursAgo(1) });

    const mine = await tasks(cw);
    const lateTask = mine.find((x) => x.id === late.id);
    expect(lateTask).toMatchObject({ kind: 'signal_screening', link: `/signals/${late.id}`, overdue: true });
    expect(lateTask!.title).not.toContain('Zana');
    expect(mine.find((x) => x.id === fresh.id)).toMatchObject({ overdue: false });
    // Overdue first.
    const firstFresh = mine.findIndex((x) => !x.overdue);
    expect(firstFresh).toBeGreaterThan(0);
    expect(mine.slice(firstFresh).every((x) => !x.overdue)).toBe(true);

    // The supervisor's own list holds what is overdue; the unit view holds everything.
    const supMine = await tasks(sup);
    expect(supMine.map((x) => x.id)).toContain(late.id);
    expect(supMine.map((x) => x.id)).not.toContain(fresh.id);
    const supUnit = await tasks(sup, 'unit');
    expect(supUnit.map((x) => x.id)).toEqual(expect.arrayContaining([late.id, fresh.id]));

    // Not the registering partner's work, nor another unit's.
    expect((await tasks(partner)).map((x) => x.id)).not.toContain(late.id);
    expect((await tasks(await t.login('b.kasa'), 'unit')).map((x) => x.id)).not.toContain(late.id);

    await cw.post(`/api/v1/signals/${late.id}/screening`, { version: late.version, decision: 'open_case', riskLevel: 'medium' });
    expect((await tasks(cw)).map((x) => x.id)).not.toContain(late.id);
    expect((await tasks(sup, 'unit')).map((x) => x.id)).not.toContain(late.id);
  });

  it('the demo data gives the Korçë unit overdue and due signals to screen', async () => {
    const items = await tasks(await t.login('caseworker'));
    expect(items.some((x) => x.kind === 'signal_screening' && x.overdue)).toBe(true);
    expect(items.some((x) => x.kind === 'signal_screening' && !x.overdue)).toBe(true);
  });
});
