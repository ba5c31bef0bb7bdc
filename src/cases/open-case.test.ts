import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlinesFor, dueAfterDays } from '../domain/deadlines.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { openTestCase, userId } from './case-fixtures.ts';

/**
 * POST /cases on the real database: opening a case directly for a child, per role and reach.
 * The unit's caseworker and supervisor open it (owner, unit, deadlines from the country's
 * configuration, audited); another unit or country gets 404 exactly like an unknown id; other
 * roles are refused; nothing is created by any refused request.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let counter = 0;
/** A new child of the Korçë unit with no case, registered by its caseworker. */
async function newChild(): Promise<string> {
  counter += 1;
  const res = await (await t.login('caseworker')).post('/api/v1/children', { givenName: `Open${counter}`, familyName: 'Direct', sex: 'female', birthDate: '2015-05-05', municipalityCode: 'AL-06-03' });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
const casesOf = (childId: string) => t.database.unguarded.selectFrom('cases').selectAll().where('child_id', '=', childId).execute();
const caseCount = async () => Number((await t.database.unguarded.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const unitZone = async (unitId: string) =>
  (await t.database.unguarded.selectFrom('organisations as o').innerJoin('jurisdictions as j', 'j.code', 'o.jurisdiction_code').select('j.timezone').where('o.id', '=', unitId).executeTakeFirstOrThrow()).timezone;
/** The open_case audit rows about a child: on the case when opened, on the child's id when refused. */
const openAudit = (childId: string) =>
  t.database.unguarded.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'outcome', 'actor_name', 'reason']).where('action', '=', 'open_case')
    .where((eb) => eb.or([eb('child_id', '=', childId), eb('entity_id', '=', childId)])).execute();

describe('POST /cases by the unit', () => {
  for (const who of ['caseworker', 'supervisor'] as const) {
    it(`the unit's ${who} opens a case for the unit's child: 201, unit, owner, status open, deadlines by the country's configuration, audited`, async () => {
      const childId = await newChild();
      const res = await (await t.login(who)).post('/api/v1/cases', { childId, riskLevel: 'high' });
      expect(res.statusCode).toBe(201);
      const c = res.json();
      expect(c).toMatchObject({ status: 'open', riskLevel: 'high', child: { id: childId }, closure: null, version: 1 });
      expect(c.unitName).toContain('Korçë');
      const rows = await casesOf(childId);
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row.id).toBe(c.id);
      expect(row.status).toBe('open');
      const unit = await t.database.unguarded.selectFrom('users').select('organisation_id').where('username', '=', who).executeTakeFirstOrThrow();
      expect(row.unit_id).toBe(unit.organisation_id);
      // A caseworker owns the case they open; a supervisor opens it unassigned unless naming an owner.
      expect(row.owner_id).toBe(who === 'caseworker' ? await userId(t, 'caseworker') : null);
      expect(row.opened_by).toBe(await userId(t, who));
      expect(row.country).toBe('AL');
      const config = deadlinesFor('AL');
      const zone = await unitZone(row.unit_id);
      expect(new Date(row.initial_assessment_due_at!).toISOString()).toBe(dueAfterDays(new Date(row.opened_at), config.initialAssessmentDays.high, zone).toISOString());
      expect(new Date(row.plan_due_at!).toISOString()).toBe(dueAfterDays(new Date(row.opened_at), config.planDays, zone).toISOString());
      expect(c.initialAssessmentDueAt).toBe(new Date(row.initial_assessment_due_at!).toISOString());
      expect(await openAudit(childId)).toContainEqual(expect.objectContaining({ entity: 'case', entity_id: c.id, outcome: 'ok', actor_name: who }));
    });
  }

  it('the deadline follows the risk level', async () => {
    const childId = await newChild();
    const res = await (await t.login('caseworker')).post('/api/v1/cases', { childId, riskLevel: 'low' });
    expect(res.statusCode).toBe(201);
    const row = (await casesOf(childId))[0]!;
    expect(new Date(row.initial_assessment_due_at!).toISOString()).toBe(dueAfterDays(new Date(row.opened_at), deadlinesFor('AL').initialAssessmentDays.low, await unitZone(row.unit_id)).toISOString());
  });

  it('a supervisor names a worker of the unit as owner; a caseworker may not name someone else', async () => {
    const childId = await newChild();
    const caseworkerId = await userId(t, 'caseworker');
    const sup = await (await t.login('supervisor')).post('/api/v1/cases', { childId, riskLevel: 'medium', ownerId: caseworkerId });
    expect(sup.statusCode).toBe(201);
    expect((await casesOf(childId))[0]!.owner_id).toBe(caseworkerId);
    const other = await newChild();
    const cw = await (await t.login('caseworker')).post('/api/v1/cases', { childId: other, riskLevel: 'medium', ownerId: await userId(t, 'supervisor') });
    expect(cw.statusCode).toBe(403);
    expect(await casesOf(other)).toEqual([]);
  });
});

describe('POST /cases out of reach or by other roles', () => {
  it('workers of another unit (Elbasan, Durrës) or country (Plovdiv) get 404 exactly like an unknown id; nothing is created; the denial is audited', async () => {
    const childId = await newChild();
    const before = await caseCount();
    for (const who of ['e.cela', 'b.kasa', 'l.muca', 'm.ivanova', 'g.petrov']) {
      const client = await t.login(who);
      const res = await client.post('/api/v1/cases', { childId, riskLevel: 'high' });
      const unknown = await client.post('/api/v1/cases', { childId: randomUUID(), riskLevel: 'high' });
      expect(res.statusCode, who).toBe(404);
      expect(unknown.statusCode, who).toBe(404);
      expect(res.json(), who).toEqual(unknown.json());
      expect(res.body).not.toContain('Direct');
    }
    expect(await caseCount()).toBe(before);
    expect(await casesOf(childId)).toEqual([]);
    const denied = (await openAudit(childId)).filter((a) => a.outcome === 'denied').map((a) => a.actor_name).sort();
    expect(denied).toEqual(['b.kasa', 'e.cela', 'g.petrov', 'l.muca', 'm.ivanova']);
  });

  it('partner, provider, police support, monitor, trainer and admin are refused (403), nothing revealed or created', async () => {
    const childId = await newChild();
    const before = await caseCount();
    for (const who of ['partner', 'provider', 'police_support', 'monitor', 'trainer', 'admin', 'k.teacher', 'a.shelter']) {
      const client = await t.login(who);
      const res = await client.post('/api/v1/cases', { childId, riskLevel: 'high' });
      const unknown = await client.post('/api/v1/cases', { childId: randomUUID(), riskLevel: 'high' });
      expect(res.statusCode, who).toBe(403);
      // The same answer for the child and for an id that does not exist: nothing is revealed.
      expect(res.json(), who).toEqual(unknown.json());
      expect(res.body).not.toContain('Direct');
    }
    expect(await caseCount()).toBe(before);
  });

  it('anonymous → 401, missing CSRF token → 403; nothing created', async () => {
    const childId = await newChild();
    expect((await t.anonymous.post('/api/v1/cases', { childId, riskLevel: 'high' })).statusCode).toBe(401);
    const cw = await t.login('caseworker');
    const noCsrf = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: cw.cookie! }, payload: { childId, riskLevel: 'high' } });
    expect(noCsrf.statusCode).toBe(403);
    expect(await casesOf(childId)).toEqual([]);
  });
});

describe('POST /cases: conflicts, bad bodies, repeats', () => {
  it('a child with an active case → 409 naming the existing case; no second case', async () => {
    const { caseId, childId, client } = await openTestCase(t);
    const res = await client.post('/api/v1/cases', { childId, riskLevel: 'low' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/already has an open case/);
    expect(res.body).not.toContain('Fixture');
    expect((await casesOf(childId)).map((c) => c.id)).toEqual([caseId]);
    expect(await casesOf(childId)).toHaveLength(1);
  });

  it('bad bodies → 400 naming the fields; nothing created', async () => {
    const childId = await newChild();
    const cw = await t.login('caseworker');
    const before = await caseCount();
    const cases: [unknown, string][] = [
      [{ childId, riskLevel: 'extreme' }, 'riskLevel'],
      [{ riskLevel: 'high' }, 'childId'],
      [{ childId: 'not-a-uuid', riskLevel: 'high' }, 'childId'],
      [{ childId, riskLevel: 'high', colour: 'red' }, ''],
      [{ childId, riskLevel: 'high', ownerId: 'nobody' }, 'ownerId'],
    ];
    for (const [body, field] of cases) {
      const res = await cw.post('/api/v1/cases', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().message).toBeTruthy();
      const paths = (res.json().issues as { path: string }[]).map((i) => i.path);
      expect(paths.length, JSON.stringify(body)).toBeGreaterThan(0);
      if (field) expect(paths, JSON.stringify(body)).toContain(field);
    }
    expect(await caseCount()).toBe(before);
  });

  it('a signal the caller cannot see (unknown, of another country) or about another child → 400 naming signalId, never 5xx; nothing created', async () => {
    const childId = await newChild();
    const cw = await t.login('caseworker');
    const bgSignal = await t.database.unguarded.selectFrom('signals').select('id').where('country', '=', 'BG').executeTakeFirstOrThrow();
    const korce = await t.database.unguarded.selectFrom('users').select('organisation_id').where('username', '=', 'caseworker').executeTakeFirstOrThrow();
    const unitSignal = await t.database.unguarded.selectFrom('signals').select('id').where('unit_id', '=', korce.organisation_id).executeTakeFirstOrThrow();
    const answers = [];
    for (const signalId of [randomUUID(), bgSignal.id, unitSignal.id]) {
      const res = await cw.post('/api/v1/cases', { childId, riskLevel: 'high', signalId });
      expect(res.statusCode, signalId).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toEqual(['signalId']);
      answers.push(res.json());
    }
    // The same answer whichever the reason: nothing about the signal is revealed.
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await casesOf(childId)).toEqual([]);
  });

  it('the same Idempotency-Key twice → one case, the same answer', async () => {
    const childId = await newChild();
    const cw = await t.login('caseworker');
    const key = randomUUID();
    const first = await cw.request('POST', '/api/v1/cases', { childId, riskLevel: 'medium' }, { 'idempotency-key': key });
    const second = await cw.request('POST', '/api/v1/cases', { childId, riskLevel: 'medium' }, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(await casesOf(childId)).toHaveLength(1);
  });
});
