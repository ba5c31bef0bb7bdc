import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, readAll, startTestApp } from '../testing/app.ts';
import { signalBody } from './signal-fixtures.ts';

/**
 * Who reaches a signal, through the HTTP API: the responsible unit's caseworkers and supervisors,
 * and the organisation that registered it (with the fields shared with it); everyone else gets
 * the same 404 as for a signal that does not exist. Every read is audited with its reason.
 */
let t: TestApp;
const signalOf: Record<string, string> = {};
const NONEXISTENT = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await startTestApp();
  signalOf.byPartner = (await (await t.login('partner')).post('/api/v1/signals', signalBody({ harmTypes: ['sexual'], receivedAt: '2024-02-10T09:00:00Z' }))).json().id;
  signalOf.byUnit = (await (await t.login('caseworker')).post('/api/v1/signals', signalBody({ harmTypes: ['neglect'], receivedAt: '2024-02-20T09:00:00Z' }))).json().id;
  signalOf.otherUnit = (await (await t.login('m.ivanova')).post('/api/v1/signals', signalBody({ municipalityCode: 'BG-16-12', children: [{ givenName: 'Петя', familyName: 'Колева', sex: 'female' }] }))).json().id;
});
afterAll(() => t.close());

// user → which of the signals they reach, and through which reason (absent = 404).
const MATRIX: Record<string, Partial<Record<string, string>>> = {
  caseworker: { byPartner: 'unit_caseworker', byUnit: 'unit_caseworker' },
  supervisor: { byPartner: 'unit_supervisor', byUnit: 'unit_supervisor' },
  partner: { byPartner: 'signal' },
  police_support: {},
  'k.teacher': {},
  'b.kasa': {},
  'm.ivanova': { otherUnit: 'unit_caseworker' },
  's.stoyanov': {},
};

describe('signal reach', () => {
  for (const [user, reaches] of Object.entries(MATRIX)) {
    it(`${user}: sees exactly the signals in reach, others answer 404`, async () => {
      const client = await t.login(user);
      for (const key of ['byPartner', 'byUnit', 'otherUnit', 'nonexistent']) {
        const id = signalOf[key] ?? NONEXISTENT;
        const res = await client.get(`/api/v1/signals/${id}`);
        const want = reaches[key];
        if (want) {
          expect(res.statusCode, `${user} ${key}`).toBe(200);
          expect(res.json().accessReason).toBe(want);
        } else {
          expect(res.statusCode, `${user} ${key}`).toBe(404);
          expect(res.json()).toEqual({ message: 'No such signal' });
        }
      }
      const listed: string[] = (await readAll<{ id: string }>(client, '/api/v1/signals')).map((s) => s.id);
      for (const key of ['byPartner', 'byUnit', 'otherUnit']) {
        expect(listed.includes(signalOf[key]!), `${user} lists ${key}`).toBe(Boolean(reaches[key]));
      }
    });
  }

  it('roles without signals are refused outright', async () => {
    for (const role of ['provider', 'monitor', 'admin', 'trainer']) {
      const client = await t.login(role);
      expect((await client.get(`/api/v1/signals/${signalOf.byPartner}`)).statusCode, role).toBe(403);
      expect((await client.get('/api/v1/signals')).statusCode, role).toBe(403);
    }
  });

  it('the registering partner\'s list carries no screening assessment', async () => {
    const partner = await t.login('partner');
    const item = (await partner.get('/api/v1/signals?limit=200')).json().items.find((s: { id: string }) => s.id === signalOf.byPartner);
    expect(item).toMatchObject({ accessReason: 'signal', status: 'unscreened', harmTypes: ['sexual'], childCount: 1 });
    expect(item).not.toHaveProperty('riskLevel');
    expect(item).not.toHaveProperty('decision');
    expect(JSON.stringify(item)).not.toContain('Dea');
  });

  it('filters by status, overdue, harm type and period, and pages', async () => {
    const cw = await t.login('caseworker');
    const ids = async (qs: string) => {
      const res = await cw.get(`/api/v1/signals?${qs}`);
      expect(res.statusCode, qs).toBe(200);
      return res.json() as { items: Array<{ id: string; overdue: boolean; status: string; harmTypes: string[] }>; total: number };
    };
    const sexual = await ids('harmType=sexual&limit=200');
    expect(sexual.items.map((s) => s.id)).toContain(signalOf.byPartner);
    expect(sexual.items.length).toBeGreaterThan(0);
    expect(sexual.items.every((s) => s.harmTypes.includes('sexual'))).toBe(true);
    const feb = await ids('from=2024-02-01&to=2024-02-15');
    expect(feb.items.map((s) => s.id)).toEqual([signalOf.byPartner]);
    expect(feb.total).toBe(1);
    const to20 = await ids('from=2024-02-20&to=2024-02-20');
    expect(to20.items.map((s) => s.id)).toEqual([signalOf.byUnit]);
    const overdue = await ids('overdue=true&limit=200');
    expect(overdue.items.length).toBeGreaterThan(0);
    expect(overdue.items.every((s) => s.overdue && s.status === 'unscreened')).toBe(true);
    const screened = await ids('status=screened&limit=200');
    expect(screened.items.length).toBeGreaterThan(0);
    expect(screened.items.every((s) => s.status === 'screened')).toBe(true);
    const all = await ids('limit=200');
    const page = await ids('limit=2&offset=1');
    expect(page.total).toBe(all.total);
    expect(page.items.map((s) => s.id)).toEqual(all.items.slice(1, 3).map((s) => s.id));
  });

  it('bad filters answer 400 with the parameter named', async () => {
    const cw = await t.login('caseworker');
    for (const [qs, path] of [['status=lost', 'status'], ['harmType=nope', 'harmType'], ['from=2024-13-01', 'from'], ['overdue=maybe', 'overdue'], ['limit=1000', 'limit'], ['from=2024-03-01&to=2024-02-01', 'to']]) {
      const res = await cw.get(`/api/v1/signals?${qs}`);
      expect(res.statusCode, qs).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path), qs).toContain(path);
    }
  });

  it('reads, lists and denials are audited with the reason, and hold no child data', async () => {
    const db = t.database.unguarded;
    const partner = await t.login('partner');
    const partnerId = (await db.selectFrom('users').select('id').where('username', '=', 'partner').executeTakeFirstOrThrow()).id;
    await partner.get(`/api/v1/signals/${signalOf.byPartner}`);
    await partner.get(`/api/v1/signals/${signalOf.byUnit}`);
    const rows = await db.selectFrom('audit_log').selectAll().where('actor_id', '=', partnerId).orderBy('seq', 'desc').limit(3).execute();
    expect(rows[0]).toMatchObject({ action: 'read', entity: 'signal', entity_id: signalOf.byUnit, outcome: 'denied', reason: null });
    expect(rows.slice(1)).toEqual(expect.arrayContaining([
      expect.objectContaining({ chain: 'AL', action: 'read', entity: 'signal', entity_id: signalOf.byPartner, reason: 'signal', outcome: 'ok' }),
      expect.objectContaining({ chain: 'AL', action: 'read', entity: 'child', reason: 'signal', outcome: 'ok', child_id: expect.any(String) }),
    ]));
    const all = await db.selectFrom('audit_log').select(['detail', 'entity', 'action']).where('entity', 'in', ['signal', 'child']).execute();
    const text = JSON.stringify(all);
    for (const secret of ['Dea', 'Kola', 'Shouting', 'neighbour', 'Петя']) expect(text).not.toContain(secret);
    expect(all).toEqual(expect.arrayContaining([expect.objectContaining({ entity: 'signal', action: 'create' }), expect.objectContaining({ entity: 'signal', action: 'list' })]));
  });
});
