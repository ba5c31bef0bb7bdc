import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestCase } from '../cases/case-fixtures.ts';
import { deadlinesFor, dueAfterDays } from '../domain/deadlines.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';

let t: TestApp;
let policeOrg: string;
let ngoOrg: string;
beforeAll(async () => {
  t = await startTestApp();
  policeOrg = await orgOf('partner');
  ngoOrg = await orgOf('provider');
});
afterAll(() => t.close());

async function orgOf(username: string) {
  return (await t.database.unguarded.selectFrom('users').select('organisation_id').where('username', '=', username).executeTakeFirstOrThrow()).organisation_id;
}
const ago = (ms = 60_000) => new Date(Date.now() - ms).toISOString();
const soon = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function planBody() {
  return {
    goals: [{ domain: 'safety', description: 'The child is safe at home' }, { domain: 'education', description: 'Attends school every day' }],
    actions: [
      { goalIndex: 0, service: 'psychological_counselling', description: 'Weekly sessions', responsibleOrgId: ngoOrg, dueDate: soon(30), status: 'planned' },
      { goalIndex: 0, service: 'legal_aid', description: 'Protection order follow-up', responsibleOrgId: policeOrg, dueDate: soon(3), status: 'planned' },
      { goalIndex: 1, service: 'education_support', description: 'Meet the school', responsibleName: 'The caseworker', dueDate: soon(10), status: 'planned' },
    ],
    childParticipation: 'Took part in the meeting',
    childViews: 'Wants to see the counsellor',
    caregiverParticipation: 'Mother attended',
    caregiverViews: 'Agrees',
  };
}
const put = (c: Client, url: string, body: unknown) => c.request('PUT', url, body);

/** A Korçë case past its initial assessment, so planning is allowed. */
async function assessedCase(riskLevel: 'high' | 'medium' | 'low' = 'medium') {
  const opened = await openTestCase(t, { riskLevel });
  const res = await opened.client.post(`/api/v1/cases/${opened.caseId}/assessments`, { kind: 'initial', assessedAt: ago(), summary: 'Seen.', childViews: 'Fine.' });
  if (res.statusCode !== 201) throw new Error(res.body);
  return opened;
}
async function caseRow(caseId: string) {
  return t.database.unguarded.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
}
/** A plan approved by the Korçë supervisor. */
async function approvedPlan(riskLevel: 'high' | 'medium' | 'low' = 'medium') {
  const c = await assessedCase(riskLevel);
  const plan = (await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody())).json();
  const sub = (await c.client.post(`/api/v1/cases/${c.caseId}/plans/${plan.id}/submit`, { version: plan.version })).json();
  const sup = await t.login('supervisor');
  const res = await sup.post(`/api/v1/cases/${c.caseId}/plans/${plan.id}/approve`, { version: sub.version });
  if (res.statusCode !== 200) throw new Error(res.body);
  return { ...c, plan: res.json(), sup };
}

describe('the Individual Protection Plan', () => {
  it('planning needs the initial assessment; one plan in preparation at a time', async () => {
    const opened = await openTestCase(t);
    const early = await opened.client.post(`/api/v1/cases/${opened.caseId}/plans`, planBody());
    expect(early.statusCode).toBe(409);
    expect(early.json().allowed).not.toContain('edit_plan');
    const c = await assessedCase();
    const res = await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody());
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json();
    expect(plan).toMatchObject({ number: 1, status: 'draft', version: 1, fullAccess: true, allowed: ['edit_plan', 'submit_plan'] });
    expect(plan.goals.map((g: { domain: string }) => g.domain)).toEqual(['safety', 'education']);
    expect(plan.actions.map((a: { goalIndex: number }) => a.goalIndex)).toEqual([0, 0, 1]);
    expect(plan.actions[1]).toMatchObject({ responsibleOrgId: policeOrg, responsibleOrgName: expect.any(String), status: 'planned', overdue: false, canUpdate: false });
    const second = await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody());
    expect(second.statusCode).toBe(409);
    expect(second.json().planId).toBe(plan.id);
  });

  it('bad plans answer 400 with field paths and store nothing', async () => {
    const c = await assessedCase();
    const body = planBody();
    body.actions[0]!.goalIndex = 5;
    const bad = { ...body, actions: [...body.actions, { service: 'other', description: 'No one', dueDate: '2026-02-30', status: 'planned' }] };
    const res = await c.client.post(`/api/v1/cases/${c.caseId}/plans`, bad);
    expect(res.statusCode).toBe(400);
    const paths = res.json().issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['actions.0.goalIndex', 'actions.3.dueDate', 'actions.3.responsibleName']));
    const unknownOrg = planBody();
    unknownOrg.actions[0]!.responsibleOrgId = '00000000-0000-4000-8000-000000000000';
    const res2 = await c.client.post(`/api/v1/cases/${c.caseId}/plans`, unknownOrg);
    expect(res2.statusCode).toBe(400);
    expect(res2.json().issues).toEqual([{ path: 'actions.0.responsibleOrgId', message: 'names no organisation of this country' }]);
    const plans = await t.database.unguarded.selectFrom('plans').select('id').where('case_id', '=', c.caseId).execute();
    expect(plans).toHaveLength(0);
  });

  it('a save replaces goals and actions whole, keeping the ids of existing actions', async () => {
    const c = await assessedCase();
    const plan = (await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody())).json();
    const [a0, , a2] = plan.actions;
    const body = {
      goals: [{ id: plan.goals[1].id, domain: 'education', description: 'Attends school' }],
      actions: [
        { id: a2.id, goalIndex: 0, service: 'education_support', description: 'Meet the head teacher', responsibleName: 'The caseworker', dueDate: soon(12), status: 'in_progress' },
        { goalIndex: 0, service: 'day_care', description: 'After-school club', responsibleOrgId: ngoOrg, dueDate: soon(20), status: 'planned' },
      ],
      childViews: 'Changed her mind',
      version: plan.version,
    };
    const res = await put(c.client, `/api/v1/cases/${c.caseId}/plans/${plan.id}`, body);
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json();
    expect(saved.version).toBe(plan.version + 1);
    expect(saved.goals).toEqual([{ id: plan.goals[1].id, position: 0, domain: 'education', description: 'Attends school' }]);
    expect(saved.actions[0]).toMatchObject({ id: a2.id, description: 'Meet the head teacher', status: 'in_progress', goalId: plan.goals[1].id });
    expect(saved.actions[1].id).not.toBe(a0.id);
    expect(saved.childViews).toBe('Changed her mind');
    expect(saved.caregiverViews).toBeNull();
    const left = await t.database.unguarded.selectFrom('plan_actions').select('id').where('plan_id', '=', plan.id).execute();
    expect(left.map((a) => a.id).sort()).toEqual(saved.actions.map((a: { id: string }) => a.id).sort());
    // An id of another plan is refused.
    const other = await put(c.client, `/api/v1/cases/${c.caseId}/plans/${plan.id}`, { ...body, version: saved.version, actions: [{ ...body.actions[1], id: a0.id }] });
    expect(other.statusCode).toBe(400);
    expect(other.json().issues).toEqual([{ path: 'actions.0.id', message: 'is not an action of this plan' }]);
  });

  it('of two concurrent saves over the same version, the second gets 409 with the plan as the first left it', async () => {
    const c = await assessedCase();
    const plan = (await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody())).json();
    const sup = await t.login('supervisor');
    const url = `/api/v1/cases/${c.caseId}/plans/${plan.id}`;
    const mine = { ...planBody(), childViews: 'Version of the caseworker', version: plan.version };
    const theirs = { ...planBody(), childViews: 'Version of the supervisor', version: plan.version };
    const [r1, r2] = await Promise.all([put(c.client, url, mine), put(sup, url, theirs)]);
    const codes = [r1.statusCode, r2.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const [won, lost] = r1.statusCode === 200 ? [r1, r2] : [r2, r1];
    const conflict = lost.json();
    expect(conflict.current.childViews).toBe(won.json().childViews);
    expect(conflict.current.version).toBe(plan.version + 1);
    const supName = (await t.database.unguarded.selectFrom('users').select('display_name').where('username', '=', 'supervisor').executeTakeFirstOrThrow()).display_name;
    expect(conflict.changedBy).toBe(won === r1 ? 'Elira Dervishi' : supName);
    // Nothing of the losing save is stored: the plan is the winner's.
    const row = await t.database.unguarded.selectFrom('plans').select(['child_views', 'version']).where('id', '=', plan.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ child_views: won.json().childViews, version: plan.version + 1 });
    // Saving again over the current version succeeds.
    const retry = await put(lost === r1 ? c.client : sup, url, { ...planBody(), childViews: 'Merged', version: conflict.current.version });
    expect(retry.statusCode).toBe(200);
  });

  it('submit, return with a comment, resubmit; only a supervisor of the unit approves', async () => {
    const c = await assessedCase('high');
    const url = `/api/v1/cases/${c.caseId}/plans`;
    const plan = (await c.client.post(url, planBody())).json();
    const stale = await c.client.post(`${url}/${plan.id}/submit`, { version: plan.version + 5 });
    expect(stale.statusCode).toBe(409);
    const sub = await c.client.post(`${url}/${plan.id}/submit`, { version: plan.version });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted', submittedByName: 'Elira Dervishi', allowed: [] });
    // Once submitted, the caseworker can no longer edit it.
    const edit = await put(c.client, `${url}/${plan.id}`, { ...planBody(), version: sub.json().version });
    expect(edit.statusCode).toBe(409);
    // The approval refusal: a caseworker of the unit → 403; another unit's supervisor → 404.
    const cwApprove = await c.client.post(`${url}/${plan.id}/approve`, { version: sub.json().version });
    expect(cwApprove.statusCode).toBe(403);
    const kasa = await t.login('b.kasa');
    expect((await kasa.post(`${url}/${plan.id}/approve`, { version: sub.json().version })).statusCode).toBe(404);
    expect((await (await t.login('partner')).post(`${url}/${plan.id}/approve`, { version: sub.json().version })).statusCode).toBe(403);
    expect((await caseRow(c.caseId)).status).toBe('assessed');

    const sup = await t.login('supervisor');
    const supView = (await sup.get(url)).json().items[0];
    expect(supView.allowed).toEqual(['approve_plan', 'return_plan']);
    const ret = await sup.post(`${url}/${plan.id}/return`, { comment: 'Add the school goal owner', version: sub.json().version });
    expect(ret.statusCode).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'returned', decisionComment: 'Add the school goal owner' });
    const re = await c.client.post(`${url}/${plan.id}/submit`, { version: ret.json().version });
    expect(re.statusCode).toBe(200);

    const before = Date.now();
    const ok = await sup.post(`${url}/${plan.id}/approve`, { version: re.json().version });
    expect(ok.statusCode, ok.body).toBe(200);
    const approved = ok.json();
    expect(approved).toMatchObject({ status: 'approved', decidedByName: expect.any(String), allowed: ['review_plan', 'update_plan_action'] });
    const kase = await caseRow(c.caseId);
    expect(kase.status).toBe('plan_in_force');
    // High risk in Albania: the review is due 30 days on, at the end of the local day in Korçë.
    const expected = dueAfterDays(new Date(before), deadlinesFor('AL').planReviewDays.high, 'Europe/Tirane');
    expect(new Date(kase.review_due_at!).toISOString()).toBe(expected.toISOString());
    expect(approved.reviewDueAt).toBe(expected.toISOString());
  });

  it('approving a new plan supersedes the one in force', async () => {
    const c = await approvedPlan();
    const url = `/api/v1/cases/${c.caseId}/plans`;
    const next = (await c.client.post(url, planBody())).json();
    expect(next.number).toBe(2);
    const sub = (await c.client.post(`${url}/${next.id}/submit`, { version: next.version })).json();
    expect((await c.sup.post(`${url}/${next.id}/approve`, { version: sub.version })).statusCode).toBe(200);
    const items = (await c.client.get(url)).json().items;
    expect(items.map((p: { number: number; status: string }) => `${p.number}:${p.status}`)).toEqual(['2:approved', '1:superseded']);
  });

  it('a review records the child, may change the risk level, and sets the next review', async () => {
    const c = await approvedPlan('medium');
    const url = `/api/v1/cases/${c.caseId}/plans/${c.plan.id}/reviews`;
    const noChild = await c.client.post(url, { reviewedAt: ago(), summary: 'Progress' });
    expect(noChild.statusCode).toBe(400);
    expect(noChild.json().issues[0].path).toBe('childViews');
    const before = Date.now();
    const res = await c.client.post(url, { reviewedAt: ago(), summary: 'New incident', childViews: 'Scared again', riskLevel: 'high' });
    expect(res.statusCode, res.body).toBe(201);
    const review = res.json().reviews[0];
    expect(review).toMatchObject({ summary: 'New incident', riskLevel: 'high' });
    const kase = await caseRow(c.caseId);
    expect(kase.risk_level).toBe('high');
    expect(new Date(kase.review_due_at!).toISOString()).toBe(dueAfterDays(new Date(before), 30, 'Europe/Tirane').toISOString());
    const history = (await c.client.get(`/api/v1/cases/${c.caseId}/assessments`)).json().riskHistory;
    expect(history.at(-1)).toMatchObject({ level: 'high', source: 'plan_review' });
    const events = await t.database.unguarded.selectFrom('case_events').select('kind').where('case_id', '=', c.caseId).execute();
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['plan_reviewed', 'risk_changed', 'plan_approved']));
    // A draft cannot be reviewed.
    const draft = (await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody())).json();
    expect((await c.client.post(`/api/v1/cases/${c.caseId}/plans/${draft.id}/reviews`, { reviewedAt: ago(), summary: 'x', childViews: 'y' })).statusCode).toBe(409);
  });

  it('the responsible organisation records its action and sees only that action', async () => {
    const c = await approvedPlan();
    const policeAction = c.plan.actions.find((a: { responsibleOrgId: string }) => a.responsibleOrgId === policeOrg);
    const ngoAction = c.plan.actions.find((a: { responsibleOrgId: string }) => a.responsibleOrgId === ngoOrg);
    const partner = await t.login('partner');
    const res = await partner.patch(`/api/v1/plan-actions/${policeAction.id}`, { status: 'in_progress', note: 'Order requested' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: policeAction.id, status: 'in_progress', statusNote: 'Order requested', canUpdate: true });
    // Not theirs: as if it did not exist.
    expect((await partner.patch(`/api/v1/plan-actions/${ngoAction.id}`, { status: 'done' })).statusCode).toBe(404);
    expect((await (await t.login('m.ivanova')).patch(`/api/v1/plan-actions/${policeAction.id}`, { status: 'done' })).statusCode).toBe(404);
    expect((await (await t.login('monitor')).patch(`/api/v1/plan-actions/${policeAction.id}`, { status: 'done' })).statusCode).toBe(403);
    // Bad input stores nothing.
    const bad = await partner.patch(`/api/v1/plan-actions/${policeAction.id}`, { status: 'finished' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('status');
    // The unit records the NGO's action itself; done is dated.
    const done = await c.client.patch(`/api/v1/plan-actions/${ngoAction.id}`, { status: 'done' });
    expect(done.statusCode).toBe(200);
    expect(done.json().doneAt).not.toBeNull();
    // With a meeting grant the police reach the case: they see their action only, without narrative.
    const kase = await caseRow(c.caseId);
    await t.database.unguarded.insertInto('child_access').values({ country: kase.country, child_id: c.childId, reason: 'meeting', organisation_id: policeOrg, source_id: `test-${c.caseId}` }).execute();
    const seen = (await partner.get(`/api/v1/cases/${c.caseId}/plans`)).json().items;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ fullAccess: false, goals: [], reviews: [], childViews: null, allowed: [] });
    expect(seen[0].actions.map((a: { id: string }) => a.id)).toEqual([policeAction.id]);
    // The timeline has both updates.
    const steps = await t.database.unguarded.selectFrom('case_events').select('kind').where('case_id', '=', c.caseId).where('kind', '=', 'plan_action_updated').execute();
    expect(steps).toHaveLength(2);
  });

  it('actions of a plan not yet in force cannot be recorded', async () => {
    const c = await assessedCase();
    const plan = (await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody())).json();
    expect((await c.client.patch(`/api/v1/plan-actions/${plan.actions[0].id}`, { status: 'done' })).statusCode).toBe(409);
    expect((await (await t.login('partner')).patch(`/api/v1/plan-actions/${plan.actions[1].id}`, { status: 'done' })).statusCode).toBe(409);
  });

  it('tasks: plans awaiting approval for the supervisor, actions coming due for the responsible organisation', async () => {
    const c = await assessedCase();
    const plan = (await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody())).json();
    await c.client.post(`/api/v1/cases/${c.caseId}/plans/${plan.id}/submit`, { version: plan.version });
    const sup = await t.login('supervisor');
    const taskRes = await sup.get('/api/v1/tasks?scope=unit');
    expect(taskRes.statusCode, taskRes.body).toBe(200);
    const unitTasks = taskRes.json().items;
    expect(unitTasks).toContainEqual(expect.objectContaining({ kind: 'plan_approval', id: plan.id, link: `/cases/${c.caseId}` }));
    // The decision is the supervisor's own work: it is on their own list too, as a closure is.
    expect((await sup.get('/api/v1/tasks')).json().items).toContainEqual(expect.objectContaining({ kind: 'plan_approval', id: plan.id }));
    expect((await c.client.get('/api/v1/tasks')).json().items.some((x: { id: string }) => x.id === plan.id)).toBe(false);

    const a = await approvedPlan();
    const police = a.plan.actions.find((x: { responsibleOrgId: string }) => x.responsibleOrgId === policeOrg);
    const ngo = a.plan.actions.find((x: { responsibleOrgId: string }) => x.responsibleOrgId === ngoOrg);
    const partnerTasks = (await (await t.login('partner')).get('/api/v1/tasks')).json().items;
    // The police reach nothing else of the case: the task opens the action's own page.
    expect(partnerTasks).toContainEqual(expect.objectContaining({ kind: 'plan_action', id: police.id, link: `/plan-actions/${police.id}`, overdue: false }));
    // The NGO's action is 30 days out: beyond the horizon, not yet a task.
    const providerTasks = (await (await t.login('provider')).get('/api/v1/tasks')).json().items;
    expect(providerTasks.some((x: { id: string }) => x.id === ngo.id)).toBe(false);
    expect(partnerTasks.length).toBeGreaterThan(0);
    expect(partnerTasks.every((x: { title: string }) => !x.title.includes('Test'))).toBe(true);
  });
});

describe('reading one plan action (GET /plan-actions/:id)', () => {
  type Reader = { user: string; reach: string; want: number | string };
  it('answers the responsible organisation and the case\'s readers who see it; 404 to anyone else, 403 to roles without child data', async () => {
    const c = await approvedPlan();
    const police = c.plan.actions.find((a: { responsibleOrgId: string }) => a.responsibleOrgId === policeOrg);
    const ngo = c.plan.actions.find((a: { responsibleOrgId: string }) => a.responsibleOrgId === ngoOrg);
    const person = c.plan.actions.find((a: { responsibleName: string | null }) => a.responsibleName === 'The caseworker');
    // The school reaches the case through a meeting, but is responsible for none of its actions.
    const kase = await caseRow(c.caseId);
    await t.database.unguarded.insertInto('child_access').values({ country: kase.country, child_id: c.childId, reason: 'meeting', organisation_id: await orgOf('k.teacher'), source_id: `test-${c.caseId}` }).execute();
    const matrix: Array<Reader & { action: { id: string } }> = [
      { user: 'partner', reach: 'responsible org, no grant', action: police, want: 'responsible_org' },
      { user: 'partner', reach: "another organisation's action", action: ngo, want: 404 },
      { user: 'partner', reach: 'an action of no organisation', action: person, want: 404 },
      { user: 'provider', reach: 'responsible org, no grant', action: ngo, want: 'responsible_org' },
      { user: 'provider', reach: "another organisation's action", action: police, want: 404 },
      { user: 'k.teacher', reach: 'meeting grant, not responsible', action: police, want: 404 },
      { user: 'police_support', reach: 'none', action: police, want: 404 },
      { user: 'caseworker', reach: 'owner', action: police, want: 'owner' },
      { user: 'caseworker', reach: 'owner', action: person, want: 'owner' },
      { user: 'supervisor', reach: 'unit', action: ngo, want: 'unit_supervisor' },
      { user: 'e.cela', reach: 'other unit', action: police, want: 404 },
      { user: 'm.ivanova', reach: 'other country', action: police, want: 404 },
      { user: 'a.shelter', reach: 'other provider', action: ngo, want: 404 },
      { user: 'monitor', reach: 'no child data', action: police, want: 403 },
      { user: 'admin', reach: 'no child data', action: police, want: 403 },
      { user: 'trainer', reach: 'no child data', action: police, want: 403 },
    ];
    for (const r of matrix) {
      const res = await (await t.login(r.user)).get(`/api/v1/plan-actions/${r.action.id}`);
      const label = `${r.user} (${r.reach})`;
      if (typeof r.want === 'number') {
        expect(res.statusCode, label).toBe(r.want);
        if (r.want === 404) expect(res.json(), label).toEqual({ message: 'No such plan action' });
        continue;
      }
      expect(res.statusCode, `${label}: ${res.body}`).toBe(200);
      expect(res.json().accessReason, label).toBe(r.want);
      expect(res.json().action.id, label).toBe(r.action.id);
    }
    // Unknown and malformed ids.
    const partner = await t.login('partner');
    expect((await partner.get('/api/v1/plan-actions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const bad = await partner.get('/api/v1/plan-actions/nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('id');
  });

  it('gives the responsible organisation only the action, its goal, due date, status and the child\'s identity; it may update the status', async () => {
    const c = await approvedPlan();
    const police = c.plan.actions.find((a: { responsibleOrgId: string }) => a.responsibleOrgId === policeOrg);
    const partner = await t.login('partner');
    const res = await partner.get(`/api/v1/plan-actions/${police.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['accessReason', 'action', 'caseInReach', 'child', 'goal', 'planStatus', 'unitName', 'withheld']);
    expect(body).toMatchObject({
      accessReason: 'responsible_org', caseInReach: false, planStatus: 'approved', unitName: expect.stringContaining('Korçë'),
      goal: { domain: 'safety', description: 'The child is safe at home' },
      action: { id: police.id, service: 'legal_aid', description: 'Protection order follow-up', dueDate: soon(3), status: 'planned', canUpdate: true, overdue: false },
      withheld: [],
    });
    // The identity fields shared with every sector, nothing more (no address, notes or vulnerabilities).
    expect(Object.keys(body.child).sort()).toEqual(['birthDate', 'birthDateEstimated', 'familyName', 'givenName', 'id', 'sex']);
    expect(body.child).toMatchObject({ id: c.childId, familyName: 'Fixture', birthDate: '2014-04-04' });
    // The case itself stays out of reach.
    expect((await partner.get(`/api/v1/cases/${c.caseId}`)).statusCode).toBe(404);
    expect((await partner.get(`/api/v1/cases/${c.caseId}/plans`)).statusCode).toBe(404);
    // The status update the page offers is the one the organisation already had.
    const done = await partner.patch(`/api/v1/plan-actions/${police.id}`, { status: 'done', note: 'Order granted' });
    expect(done.statusCode, done.body).toBe(200);
    expect((await partner.get(`/api/v1/plan-actions/${police.id}`)).json().action).toMatchObject({ status: 'done', statusNote: 'Order granted', doneAt: expect.any(String) });
    // Each read is audited with the reason; a denial too.
    const audit = await t.database.unguarded.selectFrom('audit_log').select(['actor_name', 'reason', 'outcome', 'child_id'])
      .where('entity', '=', 'plan_action').where('entity_id', '=', police.id).where('action', '=', 'read').execute();
    expect(audit).toContainEqual({ actor_name: 'partner', reason: 'responsible_org', outcome: 'ok', child_id: c.childId });
    await (await t.login('k.teacher')).get(`/api/v1/plan-actions/${police.id}`);
    expect(await t.database.unguarded.selectFrom('audit_log').select('outcome').where('entity', '=', 'plan_action').where('entity_id', '=', police.id).where('actor_name', '=', 'k.teacher').execute())
      .toEqual([{ outcome: 'denied' }]);
    // The unit sees the same action with its own reason and may go to the case.
    expect((await c.client.get(`/api/v1/plan-actions/${police.id}`)).json()).toMatchObject({ accessReason: 'owner', caseInReach: true, withheld: [] });
  });

  it('an action of a plan not yet approved is the unit\'s only; a superseded plan\'s stays readable to its organisation, without updates', async () => {
    const c = await assessedCase();
    const draft = (await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody())).json();
    const police = draft.actions.find((a: { responsibleOrgId: string }) => a.responsibleOrgId === policeOrg);
    const partner = await t.login('partner');
    expect((await partner.get(`/api/v1/plan-actions/${police.id}`)).statusCode).toBe(404);
    expect((await c.client.get(`/api/v1/plan-actions/${police.id}`)).json()).toMatchObject({ planStatus: 'draft', action: { canUpdate: false } });
    const sub = (await c.client.post(`/api/v1/cases/${c.caseId}/plans/${draft.id}/submit`, { version: draft.version })).json();
    expect((await partner.get(`/api/v1/plan-actions/${police.id}`)).statusCode).toBe(404);
    const sup = await t.login('supervisor');
    await sup.post(`/api/v1/cases/${c.caseId}/plans/${draft.id}/approve`, { version: sub.version });
    expect((await partner.get(`/api/v1/plan-actions/${police.id}`)).json()).toMatchObject({ planStatus: 'approved', action: { canUpdate: true } });
    // A second plan approved supersedes the first.
    const second = (await c.client.post(`/api/v1/cases/${c.caseId}/plans`, planBody())).json();
    const sub2 = (await c.client.post(`/api/v1/cases/${c.caseId}/plans/${second.id}/submit`, { version: second.version })).json();
    expect((await sup.post(`/api/v1/cases/${c.caseId}/plans/${second.id}/approve`, { version: sub2.version })).statusCode).toBe(200);
    const old = await partner.get(`/api/v1/plan-actions/${police.id}`);
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ planStatus: 'superseded', action: { canUpdate: false } });
  });
});
