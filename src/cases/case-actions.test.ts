import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadUserActor } from '../policy/actor.ts';
import { caseBaseQuery, recordCaseEvent } from './case-context.ts';
import { openDoor } from '../policy/door.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { grantTo, openPastCase, openTestCase, userId } from './case-fixtures.ts';

/**
 * The actions on the case row (assign, closure request/approve/return, reopen) through withCase:
 * the policy refuses another role's action (403), the workflow another status's (409 naming the
 * allowed ones), a stale version is 409, out of reach 404, bad input 400 with nothing stored.
 * Then the timeline per reader, the supervisor's caseload and the case tasks.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const snapshot = async (caseId: string) =>
  t.database.unguarded.selectFrom('cases').select(['status', 'owner_id', 'version', 'closure_reason']).where('id', '=', caseId).executeTakeFirstOrThrow();
const events = async (caseId: string) => (await t.database.unguarded.selectFrom('case_events').select('kind').where('case_id', '=', caseId).execute()).map((e) => e.kind);

describe('assigning a case', () => {
  it('the supervisor assigns; the caseworker is refused by the policy (403); another unit gets 404', async () => {
    const { caseId } = await openTestCase(t, { username: 'supervisor' });
    const kasa = await (await t.login('b.kasa')).post(`/api/v1/cases/${caseId}/assign`, { ownerId: await userId(t, 'b.kasa'), version: 1 });
    expect(kasa.statusCode).toBe(404);
    const caseworker = await t.login('caseworker');
    expect((await caseworker.post(`/api/v1/cases/${caseId}/assign`, { ownerId: await userId(t, 'caseworker'), version: 1 })).statusCode).toBe(403);
    const sup = await t.login('supervisor');
    const res = await sup.post(`/api/v1/cases/${caseId}/assign`, { ownerId: await userId(t, 'caseworker'), version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ownerName: 'Elira Dervishi', version: 2, status: 'open' });
    expect(await events(caseId)).toContain('assigned');
    // The new owner now sees it as theirs.
    expect((await caseworker.get(`/api/v1/cases/${caseId}`)).json().accessReason).toBe('owner');
    const audit = await t.database.unguarded.selectFrom('audit_log').select(['outcome', 'actor_name']).where('action', '=', 'assign').where('entity_id', '=', caseId).execute();
    expect(audit).toEqual(expect.arrayContaining([{ outcome: 'refused', actor_name: 'caseworker' }, { outcome: 'ok', actor_name: 'supervisor' }]));
  });

  it('a stale version is 409; an owner outside the unit or a malformed body is 400; nothing changes', async () => {
    const { caseId } = await openTestCase(t);
    const sup = await t.login('supervisor');
    const before = await snapshot(caseId);
    const stale = await sup.post(`/api/v1/cases/${caseId}/assign`, { ownerId: await userId(t, 'supervisor'), version: 7 });
    expect(stale.statusCode).toBe(409);
    const outsider = await sup.post(`/api/v1/cases/${caseId}/assign`, { ownerId: await userId(t, 'b.kasa'), version: 1 });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().issues).toEqual([expect.objectContaining({ path: 'ownerId' })]);
    const partner = await sup.post(`/api/v1/cases/${caseId}/assign`, { ownerId: await userId(t, 'partner'), version: 1 });
    expect(partner.statusCode).toBe(400);
    const malformed = await sup.post(`/api/v1/cases/${caseId}/assign`, { ownerId: 'x', version: 0, extra: true });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['ownerId', 'version']));
    expect(await snapshot(caseId)).toEqual(before);
    expect(await events(caseId)).toEqual(['opened']);
  });
});

describe('closing and reopening', () => {
  it('request → return → request → approve → reopen, each step guarded by role, status and version', async () => {
    const { caseId, client: cw } = await openTestCase(t, { riskLevel: 'high' });
    const sup = await t.login('supervisor');
    // Bad input: reason 'other' needs a note; unknown reason; nothing stored.
    const noNote = await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'other', version: 1 });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().issues).toEqual([expect.objectContaining({ path: 'note' })]);
    expect((await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'bored', version: 1 })).json().issues[0].path).toBe('reason');
    expect((await snapshot(caseId)).status).toBe('open');

    const requested = await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', note: 'All goals met.', version: 1 });
    expect(requested.statusCode).toBe(200);
    expect(requested.json()).toMatchObject({ status: 'closure_pending', allowed: [], closure: { reason: 'goals_met', note: 'All goals met.', requestedByName: 'Elira Dervishi', closedAt: null } });
    // Frozen: the caseworker may do nothing more (409 naming what is allowed: nothing for them).
    const again = await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', version: 2 });
    expect(again.statusCode).toBe(409);
    expect(again.json().allowed).toEqual([]);
    // Approving is the supervisor's: the caseworker is refused by the policy.
    expect((await cw.post(`/api/v1/cases/${caseId}/closure/approve`, { version: 2 })).statusCode).toBe(403);
    expect((await sup.get(`/api/v1/cases/${caseId}`)).json().allowed).toEqual(['approve_closure', 'return_closure']);

    expect((await sup.post(`/api/v1/cases/${caseId}/closure/return`, { version: 2 })).statusCode).toBe(400);
    const returned = await sup.post(`/api/v1/cases/${caseId}/closure/return`, { comment: 'Visit once more first.', version: 2 });
    expect(returned.statusCode).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'open', closure: null, version: 3 });

    await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'no_longer_at_risk', version: 3 });
    expect((await sup.post(`/api/v1/cases/${caseId}/closure/approve`, { version: 3 })).statusCode).toBe(409);
    const closed = await sup.post(`/api/v1/cases/${caseId}/closure/approve`, { version: 4 });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', allowed: ['reopen'], overdue: [], closure: { reason: 'no_longer_at_risk', closedByName: 'Arben Hoxha' } });
    expect(closed.json().closure.closedAt).toEqual(expect.any(String));

    const onClosed = await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', version: 5 });
    expect(onClosed.statusCode).toBe(409);
    expect((await cw.post(`/api/v1/cases/${caseId}/reopen`, { reason: 'New signal', riskLevel: 'low', version: 5 })).statusCode).toBe(403);
    expect((await sup.post(`/api/v1/cases/${caseId}/reopen`, { reason: '', riskLevel: 'low', version: 5 })).json().issues[0].path).toBe('reason');
    const reopened = await sup.post(`/api/v1/cases/${caseId}/reopen`, { reason: 'The family moved back.', riskLevel: 'low', version: 5 });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', riskLevel: 'low', closure: null, initialAssessmentAt: null, version: 6 });
    // Fresh deadlines: low risk is 14 days from now.
    expect(Date.parse(reopened.json().initialAssessmentDueAt) - Date.now()).toBeGreaterThan(13 * 86_400_000);
    expect(await events(caseId)).toEqual(expect.arrayContaining(['opened', 'closure_requested', 'closure_returned', 'closure_approved', 'reopened']));
    expect((await (await t.login('b.kasa')).post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', version: 6 })).statusCode).toBe(404);
  });
});

describe("the supervisor's words on returned closures and reopenings", () => {
  it('are kept in case_decisions and shown on the case to the unit only; the timeline keeps codes', async () => {
    const { caseId, childId, client: cw } = await openTestCase(t);
    const sup = await t.login('supervisor');
    await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', version: 1 });
    const returned = await sup.post(`/api/v1/cases/${caseId}/closure/return`, { comment: 'Visit the school first.', version: 2 });
    expect(returned.statusCode).toBe(200);
    expect(returned.json().decisions).toEqual([
      { id: expect.any(String), kind: 'closure_returned', at: expect.any(String), byName: 'supervisor', comment: 'Visit the school first.', closureReason: 'goals_met' },
    ]);
    await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'no_longer_at_risk', version: 3 });
    await sup.post(`/api/v1/cases/${caseId}/closure/approve`, { version: 4 });
    const reopened = await sup.post(`/api/v1/cases/${caseId}/reopen`, { reason: 'A new signal from the school.', riskLevel: 'high', version: 5 });
    expect(reopened.statusCode).toBe(200);
    // Newest first, on the case as the owner reads it too.
    const view = (await cw.get(`/api/v1/cases/${caseId}`)).json();
    expect(view.decisions.map((d: { kind: string; comment: string; closureReason: string | null }) => [d.kind, d.comment, d.closureReason])).toEqual([
      ['reopened', 'A new signal from the school.', null],
      ['closure_returned', 'Visit the school first.', 'goals_met'],
    ]);
    const rows = await t.database.unguarded.selectFrom('case_decisions').select(['kind', 'comment', 'decided_by_name', 'country']).where('case_id', '=', caseId).orderBy('decided_at').execute();
    expect(rows).toEqual([
      { kind: 'closure_returned', comment: 'Visit the school first.', decided_by_name: 'supervisor', country: 'AL' },
      { kind: 'reopened', comment: 'A new signal from the school.', decided_by_name: 'supervisor', country: 'AL' },
    ]);
    // The timeline's steps carry codes, never the words.
    const steps = await t.database.unguarded.selectFrom('case_events').select(['kind', 'detail']).where('case_id', '=', caseId).where('kind', 'in', ['closure_returned', 'reopened']).orderBy('at').execute();
    expect(steps).toEqual([
      { kind: 'closure_returned', detail: { reason: 'goals_met' } },
      { kind: 'reopened', detail: { riskLevel: 'high', from: 'medium' } },
    ]);
    expect(JSON.stringify((await sup.get(`/api/v1/cases/${caseId}/timeline`)).json())).not.toMatch(/Visit the school|A new signal/);
    // A partner invited to a meeting reads the case, without the supervisor's words.
    await grantTo(t, childId, 'partner', 'meeting');
    const partner = await (await t.login('partner')).get(`/api/v1/cases/${caseId}`);
    expect(partner.statusCode).toBe(200);
    expect(partner.json()).toMatchObject({ fullAccess: false, decisions: [] });
    expect(partner.body).not.toMatch(/Visit the school|A new signal/);
    // Other units find nothing.
    expect((await (await t.login('b.kasa')).get(`/api/v1/cases/${caseId}`)).statusCode).toBe(404);
  });
});

describe('the users a case may be assigned to', () => {
  it('the supervisor gets the active caseworkers and supervisors of the case\'s unit, and assigns one of them', async () => {
    const { caseId } = await openTestCase(t);
    const db = t.database.unguarded;
    const korce = (await db.selectFrom('users').select('organisation_id').where('username', '=', 'caseworker').executeTakeFirstOrThrow()).organisation_id;
    const hash = (await db.selectFrom('users').select('password_hash').where('username', '=', 'caseworker').executeTakeFirstOrThrow()).password_hash;
    // A disabled worker and a unit user with no casework role are not offered.
    await db.insertInto('users').values([
      { username: 'gone.worker', display_name: 'Gone Worker', organisation_id: korce, roles: ['caseworker'], password_hash: hash, disabled_at: new Date() },
      { username: 'unit.trainer', display_name: 'Unit Trainer', organisation_id: korce, roles: ['trainer'], password_hash: hash },
    ]).execute();
    const sup = await t.login('supervisor');
    const res = await sup.get(`/api/v1/cases/${caseId}/assignable-users`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ id: string; name: string; roles: string[]; current: boolean }>;
    expect(items).toEqual(expect.arrayContaining([
      { id: await userId(t, 'caseworker'), name: 'Elira Dervishi', roles: ['caseworker'], current: true },
      { id: await userId(t, 'supervisor'), name: 'Arben Hoxha', roles: ['supervisor'], current: false },
    ]));
    const names = items.map((u) => u.name);
    expect(names).not.toContain('Gone Worker');
    expect(names).not.toContain('Unit Trainer');
    // Nobody of another organisation (the police, an NGO, another unit).
    const orgs = await db.selectFrom('users').select(['id', 'organisation_id']).where('id', 'in', items.map((u) => u.id)).execute();
    expect(orgs).toHaveLength(items.length);
    expect(orgs.every((u) => u.organisation_id === korce)).toBe(true);
    // Everyone offered can be given the case.
    const other = items.find((u) => !u.current)!;
    expect((await sup.post(`/api/v1/cases/${caseId}/assign`, { ownerId: other.id, version: 1 })).statusCode).toBe(200);
    expect((await sup.get(`/api/v1/cases/${caseId}/assignable-users`)).json().items.find((u: { id: string }) => u.id === other.id).current).toBe(true);
    const audit = await db.selectFrom('audit_log').select(['reason', 'outcome']).where('entity', '=', 'case_assignable_users').where('entity_id', '=', caseId).execute();
    expect(audit).toContainEqual({ reason: 'unit_supervisor', outcome: 'ok' });
  });

  it('a caseworker or another role is refused (403), another unit finds nothing (404), a closed case answers 409 with what it allows', async () => {
    const { caseId, childId, client: cw } = await openTestCase(t);
    expect((await cw.get(`/api/v1/cases/${caseId}/assignable-users`)).statusCode).toBe(403);
    await grantTo(t, childId, 'partner', 'meeting');
    for (const user of ['partner', 'provider', 'police_support', 'monitor', 'admin', 'trainer']) {
      const res = await (await t.login(user)).get(`/api/v1/cases/${caseId}/assignable-users`);
      expect(res.statusCode, user).toBe(403);
    }
    for (const user of ['b.kasa', 'g.petrov', 'l.muca']) {
      const res = await (await t.login(user)).get(`/api/v1/cases/${caseId}/assignable-users`);
      expect(res.statusCode, user).toBe(404);
      expect(res.json()).toEqual({ message: 'No such case' });
    }
    const sup = await t.login('supervisor');
    expect((await sup.get('/api/v1/cases/not-an-id/assignable-users')).json().issues[0].path).toBe('id');
    expect((await sup.get('/api/v1/cases/00000000-0000-4000-8000-000000000000/assignable-users')).statusCode).toBe(404);
    await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', version: 1 });
    const pending = await sup.get(`/api/v1/cases/${caseId}/assignable-users`);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().allowed).toEqual(['approve_closure', 'return_closure']);
    await sup.post(`/api/v1/cases/${caseId}/closure/approve`, { version: 2 });
    const closed = await sup.get(`/api/v1/cases/${caseId}/assignable-users`);
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ allowed: ['reopen'] });
    const audit = await t.database.unguarded.selectFrom('audit_log').select(['actor_name', 'outcome']).where('entity', '=', 'case_assignable_users').where('entity_id', '=', caseId).execute();
    // (A caseworker is turned away by role before the case is looked up.)
    expect(audit).toEqual(expect.arrayContaining([
      { actor_name: 'b.kasa', outcome: 'denied' },
      { actor_name: 'supervisor', outcome: 'refused' },
    ]));
  });
});

describe('the timeline', () => {
  it('the unit sees every step, newest first; a partner only its own organisation\'s; out of reach is 404', async () => {
    const { caseId, childId, client: cw } = await openTestCase(t);
    await cw.post(`/api/v1/cases/${caseId}/closure`, { reason: 'goals_met', version: 1 });
    await grantTo(t, childId, 'partner', 'meeting');
    // A step the police took (as a meeting capability would record it).
    const police = openDoor(t.database.unguarded, (await loadUserActor(t.database.unguarded, await userId(t, 'partner')))!);
    await police.transaction(async (tx) => {
      const kase = await caseBaseQuery(police, tx).where('k.id', '=', caseId).executeTakeFirstOrThrow();
      await recordCaseEvent(police, tx, kase, 'meeting_held', { detail: { kind: 'initial' } });
    });
    const unit = (await cw.get(`/api/v1/cases/${caseId}/timeline`)).json().items;
    expect(unit.map((e: { kind: string }) => e.kind)).toEqual(['meeting_held', 'closure_requested', 'opened']);
    expect(unit[2]).toMatchObject({ actorName: 'Elira Dervishi', detail: { riskLevel: 'medium' } });
    const partner = await (await t.login('partner')).get(`/api/v1/cases/${caseId}/timeline`);
    expect(partner.statusCode).toBe(200);
    expect(partner.json().items).toEqual([expect.objectContaining({ kind: 'meeting_held', authorOrgName: 'Drejtoria Vendore e Policisë Korçë' })]);
    expect((await (await t.login('provider')).get(`/api/v1/cases/${caseId}/timeline`)).statusCode).toBe(404);
    expect((await (await t.login('m.ivanova')).get(`/api/v1/cases/${caseId}/timeline`)).statusCode).toBe(404);
    const audited = await t.database.unguarded.selectFrom('audit_log').select(['actor_name', 'reason']).where('entity', '=', 'case_timeline').where('entity_id', '=', caseId).where('outcome', '=', 'ok').execute();
    expect(audited).toEqual(expect.arrayContaining([{ actor_name: 'caseworker', reason: 'owner' }, { actor_name: 'partner', reason: 'meeting' }]));
  });
});

describe('caseload and tasks', () => {
  it('the supervisor sees each worker\'s active, high-risk and overdue cases; a caseworker is refused', async () => {
    const before = (await (await t.login('supervisor')).get('/api/v1/cases/caseload')).json();
    type Row = { name: string | null; activeCases: number; highRisk: number; overdueCases: number; overdueItems: number };
    const row = (load: { workers: Row[] }) => load.workers.find((w) => w.name === 'Elira Dervishi')!;
    await openPastCase(t, { daysAgo: 40, riskLevel: 'high' });
    const res = await (await t.login('supervisor')).get('/api/v1/cases/caseload');
    expect(res.statusCode).toBe(200);
    const after = res.json();
    expect(after.unitName).toContain('Korçë');
    expect(row(after)).toMatchObject({ activeCases: row(before).activeCases + 1, highRisk: row(before).highRisk + 1, overdueCases: row(before).overdueCases + 1 });
    // 40 days: both the initial assessment and the plan are overdue.
    expect(row(after).overdueItems).toBe(row(before).overdueItems + 2);
    expect((await (await t.login('caseworker')).get('/api/v1/cases/caseload')).statusCode).toBe(403);
    expect((await (await t.login('partner')).get('/api/v1/cases/caseload')).statusCode).toBe(403);
  });

  it('case deadlines are on the owner\'s list (overdue first, no names); closures awaiting approval on the supervisor\'s', async () => {
    const late = await openPastCase(t, { daysAgo: 10, riskLevel: 'high' });
    const fresh = await openTestCase(t, { riskLevel: 'medium' });
    const cw = await t.login('caseworker');
    const taskRes = await cw.get('/api/v1/tasks');
    expect(taskRes.statusCode, taskRes.body).toBe(200);
    const tasks = taskRes.json().items as Array<{ kind: string; id: string; link: string; title: string; overdue: boolean }>;
    const lateTasks = tasks.filter((x) => x.id === late.caseId);
    expect(lateTasks).toEqual([expect.objectContaining({ kind: 'case_initial_assessment', overdue: true, link: `/cases/${late.caseId}` })]);
    expect(tasks.filter((x) => x.id === fresh.caseId)).toEqual([expect.objectContaining({ kind: 'case_initial_assessment', overdue: false })]);
    // Titles name no child; the child is named in its own field (src/tasks/tasks.test.ts).
    expect(tasks.map((x) => x.title).join()).not.toMatch(/Fixture/);
    expect(tasks.findIndex((x) => !x.overdue)).toBeGreaterThan(tasks.findIndex((x) => x.id === late.caseId));

    await fresh.client.post(`/api/v1/cases/${fresh.caseId}/closure`, { reason: 'goals_met', version: 1 });
    const sup = await t.login('supervisor');
    const supTasks = (await sup.get('/api/v1/tasks')).json().items as Array<{ kind: string; id: string; ownerName: string | null }>;
    expect(supTasks).toContainEqual(expect.objectContaining({ kind: 'case_closure_approval', id: fresh.caseId }));
    // The unit's overdue deadline, with its owner, on the supervisor's own list.
    expect(supTasks).toContainEqual(expect.objectContaining({ kind: 'case_initial_assessment', id: late.caseId, ownerName: 'Elira Dervishi' }));
    expect((await cw.get('/api/v1/tasks')).json().items.filter((x: { id: string }) => x.id === fresh.caseId)).toEqual([]);
    // Other units' lists carry none of it.
    const kasa = (await (await t.login('b.kasa')).get('/api/v1/tasks?scope=unit')).json().items as Array<{ id: string }>;
    expect(kasa.map((x) => x.id)).not.toContain(late.caseId);
  });
});
