import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPastCase, openTestCase, orgIdOf, userId } from '../cases/case-fixtures.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { dueStateOf } from './task-subjects.ts';

/**
 * Task rows say who and what: the child (named for readers the child's sharing lets see it, else
 * the subject's reference), the risk or urgency, the due state, overdue first; and the caseload
 * counts each worker's overdue tasks exactly as the worker's own list does.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Task = {
  kind: string; id: string; title: string; dueAt: string; overdue: boolean; dueState: string; workerId: string | null;
  child: { id: string; name: string | null } | null; childCount: number; subjectRef: string | null; riskLevel: string | null; urgency: string | null;
};
const tasksOf = async (client: Client, scope = 'mine') => {
  const res = await client.get(`/api/v1/tasks?scope=${scope}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Task[];
};
const caseRef = (caseId: string) => caseId.slice(0, 8).toUpperCase();

describe('task rows say who and what', () => {
  it("a caseworker's tasks name the child, with the case's reference and risk; overdue first, then by due time", async () => {
    const late = await openPastCase(t, { daysAgo: 10, riskLevel: 'high' });
    const fresh = await openTestCase(t, { riskLevel: 'low' });
    const tasks = await tasksOf(await t.login('caseworker'));
    const lateTask = tasks.find((x) => x.id === late.caseId)!;
    expect(lateTask).toMatchObject({
      kind: 'case_initial_assessment', overdue: true, dueState: 'overdue', riskLevel: 'high', childCount: 1,
      child: { id: late.childId, name: expect.stringMatching(/^Past\d+ Fixture$/) }, subjectKind: 'case', subjectRef: caseRef(late.caseId),
      workerId: await userId(t, 'caseworker'),
    });
    // The title itself still names no one.
    expect(lateTask.title).not.toMatch(/Fixture/);
    const freshTask = tasks.find((x) => x.id === fresh.caseId)!;
    expect(freshTask).toMatchObject({ overdue: false, riskLevel: 'low', child: { id: fresh.childId, name: expect.stringMatching(/Fixture$/) } });
    expect(['today', 'week', 'later']).toContain(freshTask.dueState);
    // Overdue first; within each part, the earliest due first.
    const firstOpen = tasks.findIndex((x) => !x.overdue);
    expect(tasks.slice(firstOpen).every((x) => !x.overdue)).toBe(true);
    for (const part of [tasks.slice(0, firstOpen), tasks.slice(firstOpen)]) {
      expect(part.map((x) => x.dueAt)).toEqual([...part.map((x) => x.dueAt)].sort());
    }
    // Signals to screen carry their urgency and reference; the demo caseworker has some.
    const screening = tasks.filter((x) => x.kind === 'signal_screening');
    expect(screening.length).toBeGreaterThan(0);
    for (const s of screening) expect(s.urgency).toMatch(/^(immediate|urgent|normal)$/);
  });

  it("a provider's task shows the child's name only once the referral grants the child; until then the case's reference", async () => {
    const c = await openTestCase(t);
    const res = await c.client.post(`/api/v1/cases/${c.caseId}/referrals`, {
      providerOrgId: await orgIdOf(t, 'provider'), service: 'psychological_counselling', request: 'Weekly sessions', consentChild: 'given', consentCaregiver: 'given',
    });
    expect(res.statusCode, res.body).toBe(201);
    const referral = res.json() as { id: string };
    const provider = await t.login('provider');
    const pending = (await tasksOf(provider)).find((x) => x.id === referral.id)!;
    expect(pending).toMatchObject({ kind: 'referral_to_answer', child: null, subjectKind: 'case', subjectRef: caseRef(c.caseId), workerId: null, riskLevel: null });
    expect(pending.subjectRef).not.toBeNull();
    expect(JSON.stringify(await tasksOf(provider))).not.toContain(c.childId);
    expect((await provider.post(`/api/v1/referrals/${referral.id}/accept`, { version: 1 })).statusCode).toBe(200);
    const accepted = (await tasksOf(provider)).find((x) => x.id === referral.id)!;
    expect(accepted).toMatchObject({ kind: 'referral_to_complete', child: { id: c.childId, name: expect.stringMatching(/Fixture$/) }, riskLevel: 'medium' });
  });

  it('the due state counts days in the unit’s zone', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    expect(dueStateOf('2026-11-20T08:00:00Z', true, now, 'Europe/Tirane')).toBe('overdue');
    // 23:30 UTC is already tomorrow in Tirana.
    expect(dueStateOf('2026-11-20T23:30:00Z', false, now, 'Europe/Tirane')).toBe('week');
    expect(dueStateOf('2026-11-20T23:30:00Z', false, now, 'UTC')).toBe('today');
    expect(dueStateOf('2026-11-26T12:00:00Z', false, now, 'Europe/Tirane')).toBe('week');
    expect(dueStateOf('2026-12-20T12:00:00Z', false, now, 'Europe/Tirane')).toBe('later');
  });
});

describe('the caseload and the task list count the same things', () => {
  type Row = { userId: string | null; overdueItems: number };
  const caseload = async () => (await (await t.login('supervisor')).get('/api/v1/cases/caseload')).json().workers as Row[];
  const ownOverdue = async (username: string) => {
    const id = await userId(t, username);
    return (await tasksOf(await t.login(username))).filter((x) => x.overdue && x.workerId === id).length;
  };
  const agree = async () => {
    const rows = await caseload();
    for (const username of ['caseworker', 'supervisor']) {
      const id = await userId(t, username);
      expect(rows.find((r) => r.userId === id)!.overdueItems, username).toBe(await ownOverdue(username));
    }
    return rows;
  };

  it('for the demo caseworker and supervisor, and after a constructed set of overdue cases and referrals', async () => {
    const before = await agree();
    expect(await ownOverdue('caseworker')).toBeGreaterThan(0);
    const cw = await userId(t, 'caseworker');
    const sup = await userId(t, 'supervisor');
    // 40 days: initial assessment and plan overdue (2); 10 days: the initial assessment (1).
    await openPastCase(t, { daysAgo: 40, riskLevel: 'medium' });
    await openPastCase(t, { daysAgo: 10 });
    await openPastCase(t, { daysAgo: 10, owner: 'supervisor' });
    await openPastCase(t, { daysAgo: 10, owner: null });
    const c = await openTestCase(t);
    const ref = await c.client.post(`/api/v1/cases/${c.caseId}/referrals`, {
      providerOrgId: await orgIdOf(t, 'provider'), service: 'psychological_counselling', request: 'Sessions', consentChild: 'given', consentCaregiver: 'given',
    });
    await t.database.unguarded.updateTable('referrals').set({ respond_by: new Date(Date.now() - 86_400_000) }).where('id', '=', ref.json().id).execute();
    const after = await agree();
    const delta = (id: string | null) => after.find((r) => r.userId === id)!.overdueItems - (before.find((r) => r.userId === id)?.overdueItems ?? 0);
    expect(delta(cw)).toBe(4);
    expect(delta(sup)).toBe(1);
    expect(delta(null)).toBeGreaterThanOrEqual(1);
  });
});
