import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { deadlinesFor, dueAfterDays } from '../domain/deadlines.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';

let t: TestApp;
let providerOrg: string;
let korceUnit: string;
beforeAll(async () => {
  t = await startTestApp();
  const orgOf = async (username: string) =>
    (await t.database.unguarded.selectFrom('users').select('organisation_id').where('username', '=', username).executeTakeFirstOrThrow()).organisation_id;
  providerOrg = await orgOf('provider');
  korceUnit = await orgOf('caseworker');
});
afterAll(() => t.close());

const input = () => ({
  providerOrgId: providerOrg, service: 'psychological_counselling', request: 'Weekly counselling sessions',
  consentChild: 'given', consentCaregiver: 'given',
});

async function refer(opts: { riskLevel?: 'high' | 'medium' | 'low' } = {}) {
  const c = await openTestCase(t, opts);
  const res = await c.client.post(`/api/v1/cases/${c.caseId}/referrals`, input());
  expect(res.statusCode, res.body).toBe(201);
  return { ...c, referral: res.json() };
}

async function grants(referralId: string) {
  return t.database.unguarded.selectFrom('child_access').select(['organisation_id', 'revoked_at']).where('reason', '=', 'referral').where('source_id', '=', referralId).execute();
}

describe('making a referral', () => {
  it('the unit refers; the provider reads the referral (no grant to the child yet) and answers by the deadline', async () => {
    const before = new Date();
    const { caseId, childId, referral } = await refer();
    expect(referral).toMatchObject({ caseId, status: 'pending', providerOrgId: providerOrg, allowed: ['withdraw'], overdue: false, version: 1, completeBy: null });
    const tz = (await t.database.unguarded.selectFrom('jurisdictions').select('timezone').where('code', '=', 'AL-06-03').executeTakeFirstOrThrow()).timezone;
    const expected = dueAfterDays(before, deadlinesFor('AL').referralResponseDays, tz).toISOString();
    expect([expected, dueAfterDays(new Date(), deadlinesFor('AL').referralResponseDays, tz).toISOString()]).toContain(referral.respondBy);
    // Until it accepts, the provider reads the referral and nothing else: no grant to the child.
    expect(await grants(referral.id)).toEqual([]);
    const events = await t.database.unguarded.selectFrom('case_events').select(['kind', 'entity_id']).where('case_id', '=', caseId).where('kind', '=', 'referral_made').execute();
    expect(events).toEqual([{ kind: 'referral_made', entity_id: referral.id }]);
    // The provider sees the child's identity, the service, the request and the consent.
    const provider = await t.login('provider');
    const seen = await provider.get(`/api/v1/referrals/${referral.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ child: { id: childId, familyName: 'Fixture' }, request: 'Weekly counselling sessions', consentChild: 'given', allowed: ['accept', 'decline'] });
    const incoming = (await provider.get('/api/v1/referrals?direction=incoming')).json();
    expect(incoming.items.map((r: { id: string }) => r.id)).toContain(referral.id);
    const outgoing = (await (await t.login('supervisor')).get('/api/v1/referrals?direction=outgoing')).json();
    expect(outgoing.items.map((r: { id: string }) => r.id)).toContain(referral.id);
    expect((await provider.get('/api/v1/referrals?direction=outgoing')).json().items).toEqual([]);
  });

  it('the provider never sees the case narrative: contacts and assessments stay with the unit', async () => {
    const { caseId, client, referral } = await refer();
    expect((await (await t.login('provider')).post(`/api/v1/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(200);
    const contact = await client.post(`/api/v1/cases/${caseId}/contacts`, {
      kind: 'home_visit', occurredAt: new Date(Date.now() - 3_600_000).toISOString(), present: ['Mother'], childSeen: true, childHeardAlone: true, notes: 'Private notes',
    });
    expect(contact.statusCode).toBe(201);
    const provider = await t.login('provider');
    const contacts = await provider.get(`/api/v1/cases/${caseId}/contacts`);
    expect(contacts.statusCode).toBe(200);
    expect(contacts.json().items).toEqual([]);
    expect((await client.get(`/api/v1/cases/${caseId}/contacts`)).json().items).toHaveLength(1);
    const refs = (await provider.get(`/api/v1/cases/${caseId}/referrals`)).json();
    expect(refs.items).toHaveLength(1);
    expect(JSON.stringify(refs)).not.toContain('Private notes');
  });

  it('sharing without both consents needs a best-interests reason (400 with the path, nothing stored)', async () => {
    const { caseId, client } = await openTestCase(t);
    for (const consent of [{ consentChild: 'refused' }, { consentCaregiver: 'not_asked' }, { consentChild: 'refused', bestInterestsReason: '  ' }]) {
      const res = await client.post(`/api/v1/cases/${caseId}/referrals`, { ...input(), ...consent });
      expect(res.statusCode, JSON.stringify(consent)).toBe(400);
      expect(res.json().issues).toEqual([{ path: 'bestInterestsReason', message: 'is required unless the child and the caregiver both consent' }]);
    }
    const count = await t.database.unguarded.selectFrom('referrals').select(sql<number>`count(*)::int`.as('n')).where('case_id', '=', caseId).executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
    const ok = await client.post(`/api/v1/cases/${caseId}/referrals`, { ...input(), consentChild: 'refused', bestInterestsReason: 'Immediate risk of harm' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ consentChild: 'refused', bestInterestsReason: 'Immediate risk of harm' });
  });

  it('the provider must be an active organisation other than the unit itself', async () => {
    const { caseId, client } = await openTestCase(t);
    for (const providerOrgId of [korceUnit, '00000000-0000-4000-8000-000000000000']) {
      const res = await client.post(`/api/v1/cases/${caseId}/referrals`, { ...input(), providerOrgId });
      expect(res.statusCode).toBe(400);
      expect(res.json().issues[0].path).toBe('providerOrgId');
    }
    const missing = await client.post(`/api/v1/cases/${caseId}/referrals`, { ...input(), service: 'astrology', request: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['request', 'service']);
    expect(await t.database.unguarded.selectFrom('referrals').select('id').where('case_id', '=', caseId).execute()).toEqual([]);
  });

  it('only the owning unit refers: other units get 404, partners and providers 403', async () => {
    const { caseId } = await openTestCase(t);
    for (const user of ['b.kasa', 'm.ivanova']) {
      expect((await (await t.login(user)).post(`/api/v1/cases/${caseId}/referrals`, input())).statusCode, user).toBe(404);
    }
    for (const user of ['partner', 'provider']) {
      expect((await (await t.login(user)).post(`/api/v1/cases/${caseId}/referrals`, input())).statusCode, user).toBe(403);
    }
    expect((await (await t.login('supervisor')).post(`/api/v1/cases/${caseId}/referrals`, input())).statusCode).toBe(201);
  });
  it('a Bulgarian unit refers within its country; the deadline is counted in its own zone', async () => {
    const { caseId, client } = await openTestCase(t, { username: 'm.ivanova', municipalityCode: 'BG-16-12' });
    const ngo = (await t.database.unguarded.selectFrom('organisations').select('id').where('jurisdiction_code', '=', 'BG-16-12').where('sector', '=', 'ngo').executeTakeFirstOrThrow()).id;
    const foreign = await client.post(`/api/v1/cases/${caseId}/referrals`, { ...input(), providerOrgId: providerOrg });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().issues[0].path).toBe('providerOrgId');
    const before = new Date();
    const res = await client.post(`/api/v1/cases/${caseId}/referrals`, { ...input(), providerOrgId: ngo });
    expect(res.statusCode).toBe(201);
    const tz = (await t.database.unguarded.selectFrom('jurisdictions').select('timezone').where('code', '=', 'BG-16-12').executeTakeFirstOrThrow()).timezone;
    expect([dueAfterDays(before, deadlinesFor('BG').referralResponseDays, tz), dueAfterDays(new Date(), deadlinesFor('BG').referralResponseDays, tz)].map((d) => d.toISOString())).toContain(res.json().respondBy);
    // Korçë's provider never sees it.
    expect((await (await t.login('provider')).get(`/api/v1/referrals/${res.json().id}`)).statusCode).toBe(404);
  });
});

describe("the provider's workflow", () => {
  it('accept, record services, complete; each step on the timeline; wrong step 409 with allowed', async () => {
    const { caseId, referral } = await refer();
    const provider = await t.login('provider');
    const accepted = await provider.post(`/api/v1/referrals/${referral.id}/accept`, { version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', allowed: ['record_service', 'complete'], version: 2 });
    expect(accepted.json().completeBy).not.toBeNull();
    const again = await provider.post(`/api/v1/referrals/${referral.id}/accept`, { version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().allowed).toEqual(['record_service', 'complete']);
    const bad = await provider.post(`/api/v1/referrals/${referral.id}/services`, { deliveredOn: '2026-02-30', description: '', sessions: 0 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['deliveredOn', 'description', 'sessions']);
    const service = await provider.post(`/api/v1/referrals/${referral.id}/services`, { deliveredOn: '2026-01-10', description: 'First session', sessions: 1 });
    expect(service.statusCode).toBe(200);
    expect(service.json().services).toMatchObject([{ deliveredOn: '2026-01-10', sessions: 1 }]);
    const stale = await provider.post(`/api/v1/referrals/${referral.id}/complete`, { outcome: 'Done', version: 1 });
    expect(stale.statusCode).toBe(409);
    const done = await provider.post(`/api/v1/referrals/${referral.id}/complete`, { outcome: 'Goals reached', version: 2 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', outcome: 'Goals reached', allowed: [] });
    // Accepting gave the grant (audited); completing keeps it.
    expect(await grants(referral.id)).toEqual([{ organisation_id: providerOrg, revoked_at: null }]);
    const grantAudit = await t.database.unguarded.selectFrom('audit_log').select(['action', 'reason']).where('entity_id', '=', referral.id).where('action', '=', 'grant').execute();
    expect(grantAudit).toEqual([{ action: 'grant', reason: 'referral' }]);
    const kinds = (await t.database.unguarded.selectFrom('case_events').select('kind').where('case_id', '=', caseId).orderBy('at').execute()).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['referral_made', 'referral_accepted', 'referral_service', 'referral_completed']));
    const audit = await t.database.unguarded.selectFrom('audit_log').select(['action', 'reason']).where('entity_id', '=', referral.id).where('action', '=', 'referral_accept').where('outcome', '=', 'ok').execute();
    expect(audit).toEqual([{ action: 'referral_accept', reason: 'referral' }]);
  });

  it('provider actions by the unit are refused (403); a provider not referred gets 404', async () => {
    const { referral } = await refer();
    const cw = await t.login('caseworker');
    expect((await cw.post(`/api/v1/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(403);
    for (const user of ['partner', 'b.kasa', 'm.ivanova']) {
      const c = await t.login(user);
      expect((await c.get(`/api/v1/referrals/${referral.id}`)).statusCode, user).toBe(404);
      expect((await c.post(`/api/v1/referrals/${referral.id}/accept`, { version: 1 })).statusCode, user).toBe(404);
    }
    // The provider cannot withdraw (the referrer's action).
    expect((await (await t.login('provider')).post(`/api/v1/referrals/${referral.id}/withdraw`, { reason: 'x', version: 1 })).statusCode).toBe(403);
  });

  it("declining needs a reason and ends the provider's sight of the child", async () => {
    const { referral } = await refer();
    const provider = await t.login('provider');
    expect((await provider.post(`/api/v1/referrals/${referral.id}/decline`, { version: 1 })).statusCode).toBe(400);
    const declined = await provider.post(`/api/v1/referrals/${referral.id}/decline`, { reason: 'No capacity', version: 1 });
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'No capacity', allowed: [] });
    // Declined before accepting: no grant was ever given.
    expect(await grants(referral.id)).toEqual([]);
    expect((await provider.get(`/api/v1/referrals/${referral.id}`)).statusCode).toBe(404);
    expect((await provider.get('/api/v1/referrals?direction=incoming')).json().items.map((r: { id: string }) => r.id)).not.toContain(referral.id);
    expect((await (await t.login('caseworker')).get(`/api/v1/referrals/${referral.id}`)).json().status).toBe('declined');
  });

  it('the referring unit withdraws, which ends the grant too', async () => {
    const { referral, client } = await refer();
    expect((await (await t.login('provider')).post(`/api/v1/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(200);
    expect((await grants(referral.id))[0]!.revoked_at).toBeNull();
    const res = await client.post(`/api/v1/referrals/${referral.id}/withdraw`, { reason: 'Family moved', version: 2 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Family moved', withdrawnCode: 'unit' });
    expect((await grants(referral.id))[0]!.revoked_at).not.toBeNull();
    expect((await (await t.login('provider')).get(`/api/v1/referrals/${referral.id}`)).statusCode).toBe(404);
    const again = await client.post(`/api/v1/referrals/${referral.id}/withdraw`, { reason: 'Again', version: 3 });
    expect(again.statusCode).toBe(409);
    expect(again.json().allowed).toEqual([]);
  });
});

describe('overdue referrals', () => {
  it('a pending referral past respond_by is on the owner, the supervisor (unit) and the provider task lists', async () => {
    const { referral, caseId } = await refer();
    await t.database.unguarded.updateTable('referrals').set({ respond_by: new Date(Date.now() - 86_400_000) }).where('id', '=', referral.id).execute();
    const cw = await t.login('caseworker');
    expect((await cw.get(`/api/v1/referrals/${referral.id}`)).json().overdue).toBe(true);
    const mine = (await cw.get('/api/v1/tasks')).json().items;
    expect(mine).toContainEqual(expect.objectContaining({ kind: 'referral_overdue', id: referral.id, link: `/cases/${caseId}`, overdue: true }));
    const sup = await t.login('supervisor');
    expect((await sup.get('/api/v1/tasks?scope=unit')).json().items).toContainEqual(expect.objectContaining({ kind: 'referral_overdue', id: referral.id }));
    expect((await sup.get('/api/v1/tasks')).json().items.map((i: { id: string }) => i.id)).not.toContain(referral.id);
    const provider = (await (await t.login('provider')).get('/api/v1/tasks')).json().items;
    expect(provider).toContainEqual(expect.objectContaining({ kind: 'referral_to_answer', id: referral.id, overdue: true, link: `/referrals/${referral.id}` }));
    // Elbasan's supervisor has no such task.
    expect((await (await t.login('b.kasa')).get('/api/v1/tasks?scope=unit')).json().items.map((i: { id: string }) => i.id)).not.toContain(referral.id);
  });

  it('an accepted referral past complete_by is overdue; a fresh one is only on the provider list, not overdue', async () => {
    const { referral } = await refer();
    const provider = await t.login('provider');
    expect((await provider.post(`/api/v1/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(200);
    const before = (await provider.get('/api/v1/tasks')).json().items.find((i: { id: string }) => i.id === referral.id);
    expect(before).toMatchObject({ kind: 'referral_to_complete', overdue: false });
    const cw = await t.login('caseworker');
    expect((await cw.get('/api/v1/tasks')).json().items.map((i: { id: string }) => i.id)).not.toContain(referral.id);
    await t.database.unguarded.updateTable('referrals').set({ complete_by: new Date(Date.now() - 60_000) }).where('id', '=', referral.id).execute();
    expect((await cw.get(`/api/v1/referrals/${referral.id}`)).json().overdue).toBe(true);
    expect((await cw.get('/api/v1/tasks')).json().items).toContainEqual(expect.objectContaining({ kind: 'referral_overdue', id: referral.id }));
  });
});

describe('closing the case withdraws its open referrals', () => {
  type Task = { kind: string; id: string };
  const taskIds = async (username: string, scope: 'mine' | 'unit' = 'mine') =>
    ((await (await t.login(username)).get(`/api/v1/tasks?scope=${scope}`)).json().items as Task[]).map((x) => x.id);

  it('only the approval withdraws pending and accepted referrals (case_closed), ends the providers\' grants, and clears every task list', async () => {
    const { caseId, client: cw } = await openTestCase(t);
    const shelterOrg = (await t.database.unguarded.selectFrom('users').select('organisation_id').where('username', '=', 'a.shelter').executeTakeFirstOrThrow()).organisation_id;
    const send = async (org: string) => {
      const res = await cw.post(`/api/v1/cases/${caseId}/referrals`, { ...input(), providerOrgId: org });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const provider = await t.login('provider');
    const shelter = await t.login('a.shelter');
    // pending (overdue), accepted (overdue), completed, declined.
    const pending = await send(providerOrg);
    const accepted = await send(shelterOrg);
    const completed = await send(providerOrg);
    const declined = await send(shelterOrg);
    expect((await shelter.post(`/api/v1/referrals/${accepted}/accept`, { version: 1 })).statusCode).toBe(200);
    expect((await provider.post(`/api/v1/referrals/${completed}/accept`, { version: 1 })).statusCode).toBe(200);
    expect((await provider.post(`/api/v1/referrals/${completed}/complete`, { outcome: 'Done', version: 2 })).statusCode).toBe(200);
    expect((await shelter.post(`/api/v1/referrals/${declined}/decline`, { reason: 'No bed', version: 1 })).statusCode).toBe(200);
    await t.database.unguarded.updateTable('referrals').set({ respond_by: new Date(Date.now() - 86_400_000) }).where('id', '=', pending).execute();
    await t.database.unguarded.updateTable('referrals').set({ complete_by: new Date(Date.now() - 86_400_000) }).where('id', '=', accepted).execute();
    expect(await taskIds('caseworker')).toEqual(expect.arrayContaining([pending, accepted]));
    expect(await taskIds('supervisor', 'unit')).toEqual(expect.arrayContaining([pending, accepted]));
    expect(await taskIds('provider')).toContain(pending);
    expect(await taskIds('a.shelter')).toContain(accepted);

    // Requesting and returning a closure withdraws nothing.
    expect((await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', version: 1 })).statusCode).toBe(200);
    const sup = await t.login('supervisor');
    expect((await sup.post(`/api/v1/cases/${caseId}/closure/return`, { comment: 'Wait for the counselling.', version: 2 })).statusCode).toBe(200);
    expect((await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', version: 3 })).statusCode).toBe(200);
    const statuses = async () => Object.fromEntries((await t.database.unguarded.selectFrom('referrals').select(['id', 'status', 'withdrawn_code', 'withdrawn_reason']).where('case_id', '=', caseId).execute())
      .map((r) => [r.id, { status: r.status, code: r.withdrawn_code, reason: r.withdrawn_reason }]));
    const before = await statuses();
    expect(before[pending]).toEqual({ status: 'pending', code: null, reason: null });

    // Only the unit's supervisor approves: the others are refused or find nothing, and nothing moves.
    expect((await cw.post(`/api/v1/cases/${caseId}/closure/approve`, { version: 4 })).statusCode).toBe(403);
    for (const user of ['provider', 'partner']) expect((await (await t.login(user)).post(`/api/v1/cases/${caseId}/closure/approve`, { version: 4 })).statusCode, user).toBe(403);
    expect((await (await t.login('b.kasa')).post(`/api/v1/cases/${caseId}/closure/approve`, { version: 4 })).statusCode).toBe(404);
    expect(await statuses()).toEqual(before);

    const closed = await sup.post(`/api/v1/cases/${caseId}/closure/approve`, { version: 4 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', allowed: ['reopen'] });
    expect(await statuses()).toEqual({
      [pending]: { status: 'withdrawn', code: 'case_closed', reason: null },
      [accepted]: { status: 'withdrawn', code: 'case_closed', reason: null },
      [completed]: { status: 'completed', code: null, reason: null },
      [declined]: { status: 'declined', code: null, reason: null },
    });
    // No live grant is left: the pending referral never had one (a grant comes with acceptance), the accepted one's is revoked.
    expect(await grants(pending)).toEqual([]);
    const acceptedGrants = await grants(accepted);
    expect(acceptedGrants.length).toBeGreaterThan(0);
    expect(acceptedGrants.every((g) => g.revoked_at !== null)).toBe(true);
    expect((await grants(completed))[0]!.revoked_at).toBeNull();

    // The providers no longer see them, nor act on them.
    expect((await provider.get(`/api/v1/referrals/${pending}`)).statusCode).toBe(404);
    expect((await provider.post(`/api/v1/referrals/${pending}/accept`, { version: 2 })).statusCode).toBe(404);
    expect((await shelter.get(`/api/v1/referrals/${accepted}`)).statusCode).toBe(404);
    expect((await shelter.post(`/api/v1/referrals/${accepted}/services`, { deliveredOn: '2026-01-10', description: 'x' })).statusCode).toBe(404);
    expect((await provider.get('/api/v1/referrals?direction=incoming')).json().items.map((r: { id: string }) => r.id)).not.toContain(pending);
    expect((await shelter.get('/api/v1/referrals?direction=incoming')).json().items.map((r: { id: string }) => r.id)).not.toContain(accepted);
    // The unit sees why, as a code; nothing is overdue on anyone's list any more.
    const seen = (await cw.get(`/api/v1/referrals/${pending}`)).json();
    expect(seen).toMatchObject({ status: 'withdrawn', withdrawnCode: 'case_closed', withdrawnReason: null, overdue: false, allowed: [] });
    for (const [user, scope] of [['caseworker', 'mine'], ['supervisor', 'mine'], ['supervisor', 'unit'], ['provider', 'mine'], ['a.shelter', 'mine']] as const) {
      const ids = await taskIds(user, scope);
      expect(ids.includes(pending) || ids.includes(accepted), `${user} ${scope}`).toBe(false);
    }

    // The timeline records each withdrawal (codes only), and the audit log the withdrawal and the ended grant.
    const steps = await t.database.unguarded.selectFrom('case_events').select(['entity_id', 'detail', 'actor_name']).where('case_id', '=', caseId).where('kind', '=', 'referral_withdrawn').execute();
    expect(steps.map((e) => e.entity_id).sort()).toEqual([pending, accepted].sort());
    for (const e of steps) expect(e).toMatchObject({ actor_name: 'supervisor', detail: { withdrawal: 'case_closed', service: 'psychological_counselling' } });
    const audit = await t.database.unguarded.selectFrom('audit_log').select(['action', 'entity', 'entity_id', 'reason', 'outcome'])
      .where('actor_name', '=', 'supervisor').where('entity_id', 'in', [pending, accepted]).execute();
    expect(audit).toEqual(expect.arrayContaining([
      { action: 'referral_withdraw', entity: 'referral', entity_id: pending, reason: 'unit_supervisor', outcome: 'ok' },
      { action: 'revoke', entity: 'child_access', entity_id: pending, reason: 'referral', outcome: 'ok' },
      { action: 'referral_withdraw', entity: 'referral', entity_id: accepted, reason: 'unit_supervisor', outcome: 'ok' },
      { action: 'revoke', entity: 'child_access', entity_id: accepted, reason: 'referral', outcome: 'ok' },
    ]));
  });

  it('a closure with no referral open withdraws nothing', async () => {
    const { caseId, client: cw } = await openTestCase(t);
    expect((await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', version: 1 })).statusCode).toBe(200);
    expect((await (await t.login('supervisor')).post(`/api/v1/cases/${caseId}/closure/approve`, { version: 2 })).statusCode).toBe(200);
    const steps = await t.database.unguarded.selectFrom('case_events').select('kind').where('case_id', '=', caseId).execute();
    expect(steps.map((e) => e.kind)).not.toContain('referral_withdrawn');
  });
});
