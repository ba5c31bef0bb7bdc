import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_DOMAINS } from '../cases/case-workflow.ts';
import { openTestCase } from '../cases/case-fixtures.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const now = () => new Date(Date.now() - 60_000).toISOString();
const initial = () => ({ kind: 'initial', assessedAt: now(), summary: 'Seen at home with the mother.', childViews: 'Wants to stay at home.' });
const allDomains = Object.fromEntries(ASSESSMENT_DOMAINS.map((d) => [d, { level: 'some_concern', needs: 'Needs follow-up', strengths: null }]));

async function caseRow(caseId: string) {
  return t.database.unguarded.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
}
async function count(table: 'assessments' | 'case_risk_levels' | 'case_events', caseId: string) {
  const r = await t.database.unguarded.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  return Number(r.n);
}
async function orgOf(username: string) {
  const u = await t.database.unguarded.selectFrom('users').select('organisation_id').where('username', '=', username).executeTakeFirstOrThrow();
  return u.organisation_id;
}

describe('assessments of a case', () => {
  it('the initial assessment moves an open case to assessed and dates it', async () => {
    const { caseId, client } = await openTestCase(t);
    const before = await caseRow(caseId);
    expect(before.status).toBe('open');
    const res = await client.post(`/api/v1/cases/${caseId}/assessments`, initial());
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'initial', childViews: 'Wants to stay at home.', suggestedLevel: null, authorName: 'Elira Dervishi' });
    const after = await caseRow(caseId);
    expect(after.status).toBe('assessed');
    expect(after.initial_assessment_at).not.toBeNull();
    expect(after.version).toBe(before.version + 1);
    const events = await t.database.unguarded.selectFrom('case_events').select(['kind', 'detail']).where('case_id', '=', caseId).execute();
    expect(events.map((e) => e.kind)).toContain('assessment_recorded');
  });

  it('the initial assessment is offered once: not allowed (409) after it, and the next step moves on to the plan', async () => {
    const { caseId, client } = await openTestCase(t);
    const before = (await client.get(`/api/v1/cases/${caseId}`)).json();
    expect(before.allowed).toContain('record_initial_assessment');
    expect(before.nextStep).toBe('record_initial_assessment');
    expect((await client.post(`/api/v1/cases/${caseId}/assessments`, initial())).statusCode).toBe(201);
    const after = (await client.get(`/api/v1/cases/${caseId}`)).json();
    expect(after.allowed).not.toContain('record_initial_assessment');
    expect(after.nextStep).toBe('edit_plan');
    const again = await client.post(`/api/v1/cases/${caseId}/assessments`, initial());
    expect(again.statusCode).toBe(409);
    expect(again.json().allowed).not.toContain('record_initial_assessment');
    expect(await count('assessments', caseId)).toBe(1);
  });

  it("requires the child's views or why they were not heard, and stores nothing without", async () => {
    const { caseId, client } = await openTestCase(t);
    const res = await client.post(`/api/v1/cases/${caseId}/assessments`, { ...initial(), childViews: undefined });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues).toContainEqual({ path: 'childViews', message: expect.stringContaining('required') });
    expect(await count('assessments', caseId)).toBe(0);
    expect((await caseRow(caseId)).status).toBe('open');
    const ok = await client.post(`/api/v1/cases/${caseId}/assessments`, { ...initial(), childViews: null, childNotHeardReason: 'The child is 2 months old.' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ childViews: null, childNotHeardReason: 'The child is 2 months old.' });
  });

  it('the comprehensive assessment needs the initial one first and all seven domains', async () => {
    const { caseId, client } = await openTestCase(t);
    const body = { kind: 'comprehensive', assessedAt: now(), summary: 'Full picture.', domains: allDomains, childViews: 'Likes school.' };
    const early = await client.post(`/api/v1/cases/${caseId}/assessments`, body);
    expect(early.statusCode).toBe(409);
    expect(early.json().allowed).toContain('record_initial_assessment');
    expect((await client.post(`/api/v1/cases/${caseId}/assessments`, initial())).statusCode).toBe(201);
    const { health: _h, ...six } = allDomains;
    const missing = await client.post(`/api/v1/cases/${caseId}/assessments`, { ...body, domains: six });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues).toEqual([{ path: 'domains.health', message: 'is required: assess all seven domains' }]);
    expect(await count('assessments', caseId)).toBe(1);
    const ok = await client.post(`/api/v1/cases/${caseId}/assessments`, body);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(Object.keys(ok.json().domains).sort()).toEqual([...ASSESSMENT_DOMAINS].sort());
  });

  it('a risk assessment suggests a level, needs a reason to depart from it, and changes the case level', async () => {
    const { caseId, client } = await openTestCase(t, { riskLevel: 'medium' });
    const base = { kind: 'risk', assessedAt: now(), riskFactors: ['injury_observed'], protectiveFactors: ['protective_caregiver'], childViews: 'Afraid of the father.' };
    const noReason = await client.post(`/api/v1/cases/${caseId}/assessments`, { ...base, riskLevel: 'medium' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().issues).toEqual([{ path: 'levelReason', message: 'is required when the level differs from the suggested one' }]);
    expect(await count('case_risk_levels', caseId)).toBe(1);

    const high = await client.post(`/api/v1/cases/${caseId}/assessments`, { ...base, riskLevel: 'high' });
    expect(high.statusCode, high.body).toBe(201);
    expect(high.json()).toMatchObject({ suggestedLevel: 'high', riskLevel: 'high', levelReason: null, riskFactors: ['injury_observed'] });
    const kase = await caseRow(caseId);
    expect(kase.risk_level).toBe('high');
    expect(kase.status).toBe('open');
    const changed = await t.database.unguarded.selectFrom('case_events').select('detail').where('case_id', '=', caseId).where('kind', '=', 'risk_changed').execute();
    expect(changed.map((e) => e.detail)).toEqual([{ from: 'medium', to: 'high', source: 'risk_assessment' }]);

    // Departing from the suggestion with a reason; the same level again adds history but no change step.
    const low = await client.post(`/api/v1/cases/${caseId}/assessments`, { ...base, riskFactors: [], protectiveFactors: [], riskLevel: 'high', levelReason: 'Recent history' });
    expect(low.statusCode).toBe(201);
    expect(low.json()).toMatchObject({ suggestedLevel: 'low', riskLevel: 'high', levelReason: 'Recent history' });
    expect(await t.database.unguarded.selectFrom('case_events').select('id').where('case_id', '=', caseId).where('kind', '=', 'risk_changed').execute()).toHaveLength(1);

    const list = (await client.get(`/api/v1/cases/${caseId}/assessments`)).json();
    expect(list.items).toHaveLength(2);
    expect(list.riskHistory.map((h: { level: string; source: string }) => `${h.source}:${h.level}`)).toEqual(['opening:medium', 'risk_assessment:high', 'risk_assessment:high']);
    expect(list.riskHistory[1].setByName).toBe('Elira Dervishi');
  });

  it('rejects risk fields on another kind, and unknown fields', async () => {
    const { caseId, client } = await openTestCase(t);
    const res = await client.post(`/api/v1/cases/${caseId}/assessments`, { ...initial(), riskLevel: 'high', riskFactors: ['exploitation'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['riskFactors', 'riskLevel']);
    const extra = await client.post(`/api/v1/cases/${caseId}/assessments`, { ...initial(), childName: 'x' });
    expect(extra.statusCode).toBe(400);
    expect(await count('assessments', caseId)).toBe(0);
  });

  it('the supervisor of the unit records and reads; others are refused or see nothing', async () => {
    const { caseId, childId } = await openTestCase(t);
    const sup = await t.login('supervisor');
    expect((await sup.post(`/api/v1/cases/${caseId}/assessments`, initial())).statusCode).toBe(201);
    expect((await sup.get(`/api/v1/cases/${caseId}/assessments`)).json().items).toHaveLength(1);
    // Another unit, another country: the case does not exist for them.
    for (const u of ['b.kasa', 'm.ivanova']) {
      const c = await t.login(u);
      expect((await c.get(`/api/v1/cases/${caseId}/assessments`)).statusCode, u).toBe(404);
      expect((await c.post(`/api/v1/cases/${caseId}/assessments`, initial())).statusCode, u).toBe(404);
    }
    // Roles that never assess.
    expect((await (await t.login('partner')).post(`/api/v1/cases/${caseId}/assessments`, initial())).statusCode).toBe(403);
    expect((await (await t.login('monitor')).get(`/api/v1/cases/${caseId}/assessments`)).statusCode).toBe(403);
    // The police without a grant do not reach the case; with a meeting grant they reach it but see none of the unit's assessments.
    const partner = await t.login('partner');
    expect((await partner.get(`/api/v1/cases/${caseId}/assessments`)).statusCode).toBe(404);
    const kase = await caseRow(caseId);
    await t.database.unguarded.insertInto('child_access').values({ country: kase.country, child_id: childId, reason: 'meeting', organisation_id: await orgOf('partner'), source_id: `test-meeting-${caseId}` }).execute();
    const seen = await partner.get(`/api/v1/cases/${caseId}/assessments`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toEqual({ items: [], riskHistory: [] });
  });
});
