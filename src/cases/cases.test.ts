import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalBody } from '../signals/signal-fixtures.ts';
import { type TestApp, readAll, startTestApp } from '../testing/app.ts';
import { grantTo, openPastCase, openTestCase } from './case-fixtures.ts';

/**
 * Reading cases through the HTTP API on the real database: the case page and the list with its
 * filters, per role and reach (out of reach is 404, partners and providers only through a grant),
 * every read audited; and screening that opens cases or attaches signals to them.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const auditRows = (caseId: string, outcome: string) =>
  t.database.unguarded.selectFrom('audit_log').select(['action', 'reason', 'actor_name', 'child_id']).where('entity', '=', 'case').where('entity_id', '=', caseId).where('outcome', '=', outcome).execute();
const count = async (table: 'cases' | 'case_events' | 'case_signals') => Number((await t.database.unguarded.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

describe('GET /cases/:id', () => {
  it('the owner sees the whole case with its deadlines and the actions open to a caseworker; the read is audited', async () => {
    const { caseId, childId, client } = await openTestCase(t, { riskLevel: 'high' });
    const res = await client.get(`/api/v1/cases/${caseId}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ id: caseId, status: 'open', riskLevel: 'high', accessReason: 'owner', fullAccess: true, ownerName: 'Elira Dervishi', openedByName: 'Elira Dervishi', child: { id: childId, familyName: 'Fixture' }, overdue: [], closure: null, planInForce: null, version: 1 });
    expect(c.unitName).toContain('Korçë');
    expect(c.allowed).toContain('request_closure');
    expect(c.allowed).not.toContain('assign');
    // High risk: the initial assessment within 7 days (end of the local day), the plan within 30.
    const days = (at: string) => (Date.parse(at) - Date.parse(c.openedAt)) / 86_400_000;
    expect(days(c.initialAssessmentDueAt)).toBeGreaterThan(7);
    expect(days(c.initialAssessmentDueAt)).toBeLessThanOrEqual(8);
    expect(days(c.planDueAt)).toBeGreaterThan(30);
    const reads = await auditRows(caseId, 'ok');
    expect(reads).toContainEqual(expect.objectContaining({ action: 'read', reason: 'owner', actor_name: 'caseworker', child_id: childId }));
  });

  it('the supervisor of the unit reads it and may assign; other units, partners and providers without a grant get 404 (audited)', async () => {
    const { caseId } = await openTestCase(t);
    const sup = (await (await t.login('supervisor')).get(`/api/v1/cases/${caseId}`)).json();
    expect(sup).toMatchObject({ accessReason: 'unit_supervisor', fullAccess: true });
    expect(sup.allowed).toContain('assign');
    for (const who of ['b.kasa', 'm.ivanova', 'partner', 'provider', 'police_support', 'k.teacher']) {
      const res = await (await t.login(who)).get(`/api/v1/cases/${caseId}`);
      expect(res.statusCode, who).toBe(404);
      expect(res.body).not.toContain('Fixture');
    }
    const denied = await auditRows(caseId, 'denied');
    expect(denied.map((d) => d.actor_name).sort()).toEqual(['b.kasa', 'k.teacher', 'm.ivanova', 'partner', 'police_support', 'provider']);
    for (const who of ['monitor', 'admin', 'trainer']) expect((await (await t.login(who)).get(`/api/v1/cases/${caseId}`)).statusCode, who).toBe(403);
  });

  it('a partner invited to a meeting and a provider referred to see the case, in part and with no actions', async () => {
    const { caseId, childId } = await openTestCase(t);
    await grantTo(t, childId, 'partner', 'meeting');
    await grantTo(t, childId, 'provider', 'referral');
    const partner = (await (await t.login('partner')).get(`/api/v1/cases/${caseId}`)).json();
    expect(partner).toMatchObject({ id: caseId, accessReason: 'meeting', fullAccess: false, allowed: [] });
    const provider = (await (await t.login('provider')).get(`/api/v1/cases/${caseId}`)).json();
    expect(provider).toMatchObject({ accessReason: 'referral', fullAccess: false, allowed: [] });
    // The police-station team's meeting grant is of another organisation: still out of reach.
    expect((await (await t.login('police_support')).get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
    expect((await auditRows(caseId, 'ok')).map((r) => r.reason)).toEqual(expect.arrayContaining(['meeting', 'referral']));
  });

  it('an unknown or malformed id is 404 or 400, never 5xx', async () => {
    const cw = await t.login('caseworker');
    expect((await cw.get('/api/v1/cases/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await cw.get('/api/v1/cases/not-an-id');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('id');
  });
});

describe('GET /cases', () => {
  it('filters by owner, status, risk, overdue and part of the name; each row is audited', async () => {
    const mine = await openTestCase(t, { riskLevel: 'low' });
    const late = await openPastCase(t, { daysAgo: 20, riskLevel: 'high' });
    const unassigned = await openTestCase(t, { username: 'supervisor', riskLevel: 'medium' });
    const cw = await t.login('caseworker');
    // Every page: a case missing from a filter must be missing from the whole list.
    const ids = async (query: string, client = cw) => (await readAll<{ id: string }>(client, `/api/v1/cases${query.replace(/^&/, '?')}`)).map((i) => i.id);
    const meIds = await ids('&owner=me');
    expect(meIds).toEqual(expect.arrayContaining([mine.caseId, late.caseId]));
    expect(meIds).not.toContain(unassigned.caseId);
    const none = await ids('&owner=unassigned');
    expect(none).toContain(unassigned.caseId);
    expect(none).not.toContain(mine.caseId);
    expect(await ids('&status=active')).toEqual(expect.arrayContaining([mine.caseId, late.caseId, unassigned.caseId]));
    expect(await ids('&status=closed')).toEqual([]);
    const low = await ids('&riskLevel=low');
    expect(low).toContain(mine.caseId);
    expect(low).not.toContain(late.caseId);
    const overdue = await ids('&overdue=true');
    expect(overdue).toContain(late.caseId);
    expect(overdue).not.toContain(mine.caseId);
    expect(await ids('&overdue=false')).not.toContain(late.caseId);
    const row = (await readAll<{ id: string; nextDueAt: string }>(cw, '/api/v1/cases?overdue=true')).find((i) => i.id === late.caseId);
    expect(row).toMatchObject({ overdue: true, riskLevel: 'high', status: 'open', accessReason: 'owner', ownerName: 'Elira Dervishi' });
    expect(Date.parse(row!.nextDueAt)).toBeLessThan(Date.now());
    // A name in any case or script form: the child's Latin key.
    const name = (await cw.get(`/api/v1/cases/${mine.caseId}`)).json().child.givenName as string;
    expect(await ids(`&q=${encodeURIComponent(name.toUpperCase())}`)).toEqual([mine.caseId]);
    const searched = await cw.post('/api/v1/cases/search', { q: name, limit: 10 });
    expect(searched.json().items.map((i: { id: string }) => i.id)).toEqual([mine.caseId]);
    const listed = await t.database.unguarded.selectFrom('audit_log').select('entity_id').where('action', '=', 'list').where('entity', '=', 'case').where('actor_name', '=', 'caseworker').execute();
    expect(listed.map((r) => r.entity_id)).toContain(late.caseId);
  });

  it('other units see none of Korçë\'s cases; a partner only those it was given', async () => {
    const { caseId, childId } = await openTestCase(t);
    const other = await openTestCase(t);
    await grantTo(t, childId, 'partner', 'meeting');
    const list = async (who: string) => readAll<{ id: string; accessReason: string }>(await t.login(who), '/api/v1/cases');
    expect((await list('b.kasa')).map((i) => i.id)).not.toContain(caseId);
    expect((await list('m.ivanova')).map((i) => i.id)).not.toContain(caseId);
    const partner = await list('partner');
    expect(partner.map((i) => i.id)).toContain(caseId);
    expect(partner.map((i) => i.id)).not.toContain(other.caseId);
    expect(partner.length).toBeGreaterThan(0);
    expect(partner.every((i) => i.accessReason === 'meeting' || i.accessReason === 'referral')).toBe(true);
  });

  it('bad filters answer 400 with the field paths', async () => {
    const cw = await t.login('caseworker');
    for (const [query, path] of [['riskLevel=extreme', 'riskLevel'], ['status=lost', 'status'], ['q=a', 'q'], ['owner=someone', 'owner'], ['limit=0', 'limit'], ['overdue=maybe', 'overdue']]) {
      const res = await cw.get(`/api/v1/cases?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path), query).toContain(path);
    }
  });
});

describe('screening opens cases and attaches signals', () => {
  it('open_case with two children opens one case per child, in the same transaction as the screening', async () => {
    const cw = await t.login('caseworker');
    const s = (await cw.post('/api/v1/signals', signalBody({ children: [{ givenName: 'Arta', familyName: 'Hoxha', sex: 'female', birthDate: '2016-01-01' }, { givenName: 'Ben', familyName: 'Hoxha', sex: 'male', birthDate: '2018-01-01' }] }))).json();
    const before = await count('cases');
    const res = await cw.post(`/api/v1/signals/${s.id}/screening`, { decision: 'open_case', riskLevel: 'high', version: s.version });
    expect(res.statusCode).toBe(200);
    expect(res.json().caseId).toEqual(expect.any(String));
    expect(await count('cases')).toBe(before + 2);
    const hoxha = (await cw.get('/api/v1/cases?limit=200&q=hoxha')).json();
    expect(hoxha.total).toBe(2);
    for (const item of hoxha.items) {
      const c = (await cw.get(`/api/v1/cases/${item.id}`)).json();
      expect(c).toMatchObject({ signalIds: [s.id], riskLevel: 'high', status: 'open', accessReason: 'owner' });
    }
    // The partner who did not register it sees no caseId; the unit's signal view links the case.
    expect((await cw.get(`/api/v1/signals/${s.id}`)).json().caseId).toBe(res.json().caseId);
  });

  it('attach_case joins the child\'s active case (with a timeline step); open_case for a child with a case attaches too', async () => {
    const { caseId, childId, client: cw } = await openTestCase(t);
    const s1 = (await cw.post('/api/v1/signals', signalBody({ children: [{ childId }] }))).json();
    const attached = await cw.post(`/api/v1/signals/${s1.id}/screening`, { decision: 'attach_case', riskLevel: 'medium', version: s1.version });
    expect(attached.statusCode).toBe(200);
    expect(attached.json().caseId).toBe(caseId);
    const s2 = (await cw.post('/api/v1/signals', signalBody({ children: [{ childId }] }))).json();
    const cases = await count('cases');
    expect((await cw.post(`/api/v1/signals/${s2.id}/screening`, { decision: 'open_case', riskLevel: 'medium', version: s2.version })).statusCode).toBe(200);
    expect(await count('cases')).toBe(cases);
    const c = (await cw.get(`/api/v1/cases/${caseId}`)).json();
    expect(c.signalIds.sort()).toEqual([s1.id, s2.id].sort());
    const timeline = (await cw.get(`/api/v1/cases/${caseId}/timeline`)).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'signal_attached').map((e: { entityId: string }) => e.entityId).sort()).toEqual([s1.id, s2.id].sort());
  });

  it('attach_case with no active case answers 409 and leaves the signal unscreened', async () => {
    const cw = await t.login('caseworker');
    const s = (await cw.post('/api/v1/signals', signalBody({ children: [{ givenName: 'Lule', familyName: 'Mema', sex: 'female' }] }))).json();
    const before = { cases: await count('cases'), links: await count('case_signals'), events: await count('case_events') };
    const res = await cw.post(`/api/v1/signals/${s.id}/screening`, { decision: 'attach_case', riskLevel: 'low', version: s.version });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/open a case/);
    expect({ cases: await count('cases'), links: await count('case_signals'), events: await count('case_events') }).toEqual(before);
    expect((await cw.get(`/api/v1/signals/${s.id}`)).json()).toMatchObject({ status: 'unscreened', caseId: null, version: s.version });
  });
});

describe('demo cases', () => {
  it('Korçë\'s caseworker owns demo cases in each state, and the cases the demo screening opened', async () => {
    const cw = await t.login('caseworker');
    const items = (await cw.get('/api/v1/cases?owner=me&limit=200')).json().items as Array<{ childName: string; status: string }>;
    const status = (name: string) => items.find((i) => i.childName === name)?.status;
    expect(status('Drita Gjoni')).toBe('open');
    expect(status('Alban Shehu')).toBe('assessed');
    expect(status('Ela Marku')).toBe('plan_in_force');
    expect(status('Noel Duka')).toBe('closure_pending');
    expect(status('Ana Krasniqi')).toBe('open');
    expect(status('Erion Leka')).toBe('open');
  });
});
