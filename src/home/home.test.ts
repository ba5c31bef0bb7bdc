import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../policy/actor.ts';
import { createUser } from '../users/users-service.ts';
import { openPastCase, openTestCase } from '../cases/case-fixtures.ts';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import type { HomeSummary } from './home-schema.ts';

/**
 * Home (GET /api/v1/home) on the demo data: each role gets its own block and no other; every
 * figure is the count its list shows (the task list, the caseload, the case and referral lists,
 * the monitoring report, the users); another unit's work is never counted; a monitor gets figures
 * only, never a child.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Task = { kind: string; overdue: boolean; dueState: string };
const homeOf = async (client: Client) => {
  const res = await client.get('/api/v1/home');
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as HomeSummary;
};
const tasksOf = async (client: Client, scope = 'mine') => (await client.get(`/api/v1/tasks?scope=${scope}`)).json().items as Task[];
const total = async (client: Client, url: string) => {
  const res = await client.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().total as number;
};
const blocks = (h: HomeSummary) => Object.entries(h).filter(([, v]) => v !== null).map(([k]) => k);

describe('Home', () => {
  it('answers 401 to nobody signed in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/home' })).statusCode).toBe(401);
  });

  it("the caseworker's block counts what her task list and her case list show", async () => {
    const cw = await t.login('caseworker');
    const home = await homeOf(cw);
    expect(blocks(home)).toEqual(['caseworker']);
    const h = home.caseworker!;
    const tasks = await tasksOf(cw);
    expect(h.overdue).toEqual({ count: tasks.filter((x) => x.overdue).length, link: '/tasks?overdue=1' });
    expect(h.overdue.count).toBeGreaterThan(0);
    expect(h.dueToday).toEqual({ count: tasks.filter((x) => x.dueState === 'today').length, link: '/tasks?due=today' });
    expect(h.dueToday.count).toBeGreaterThan(0);
    // Signals to screen: the task list's, soonest deadline first, with urgency and the child's name for the unit.
    expect(h.signalsToScreen.count).toBe(tasks.filter((x) => x.kind === 'signal_screening').length);
    expect(h.signalsToScreen.count).toBeGreaterThan(0);
    const due = h.signalsToScreen.top.map((s) => s.dueAt);
    expect(due).toEqual([...due].sort());
    expect(h.signalsToScreen.top.some((s) => s.urgency === 'immediate' && s.childName !== null)).toBe(true);
    // Cases by risk: what the case list gives with the same filters.
    const base = '/api/v1/cases?owner=me&status=active&limit=1';
    for (const r of h.casesByRisk.filter((x) => x.level !== 'none')) expect(r.count, r.level).toBe(await total(cw, `${base}&riskLevel=${r.level}`));
    expect(h.casesByRisk.reduce((s, r) => s + r.count, 0)).toBe(await total(cw, base));
    expect(h.casesByRisk.find((r) => r.level === 'high')).toMatchObject({ link: '/cases?owner=me&status=active&risk=high' });
    // The demo child seen six weeks ago is among those not seen for a long time, named.
    expect(h.notSeen.days).toBe(30);
    expect(h.notSeen.top.map((x) => x.childName)).toContain('Ela Marku');
    const ela = h.notSeen.top.find((x) => x.childName === 'Ela Marku')!;
    expect(Date.now() - Date.parse(ela.lastSeenAt!)).toBeGreaterThan(40 * 86_400_000);
    // A case opened today is not "long unseen"; one opened 40 days ago and never visited is.
    const before = h.notSeen.count;
    await openTestCase(t);
    await openPastCase(t, { daysAgo: 40, riskLevel: 'low' });
    expect((await homeOf(cw)).caseworker!.notSeen.count).toBe(before + 1);
  });

  it("the supervisor's block: overdue items by worker and the caseload as GET /cases/caseload counts them, approvals and transfers as the task list", async () => {
    const sup = await t.login('supervisor');
    const home = await homeOf(sup);
    expect(blocks(home)).toEqual(['supervisor']);
    const h = home.supervisor!;
    const load = (await sup.get('/api/v1/cases/caseload')).json() as { workers: Array<{ userId: string | null; activeCases: number; overdueItems: number }> };
    expect(h.caseload.map((w) => [w.userId, w.count, w.overdueItems])).toEqual(load.workers.map((w) => [w.userId, w.activeCases, w.overdueItems]));
    const unit = await tasksOf(sup, 'unit');
    expect(h.overdueByWorker.reduce((s, w) => s + w.count, 0)).toBe(unit.filter((x) => x.overdue).length);
    expect(h.overdueByWorker.length).toBeGreaterThan(0);
    const mine = await tasksOf(sup);
    expect(h.approvals.plans.count).toBe(mine.filter((x) => x.kind === 'plan_approval').length);
    expect(h.approvals.plans.count).toBeGreaterThan(0);
    expect(h.approvals.closures.count).toBeGreaterThan(0);
    expect(h.transfers.incoming.count).toBe(mine.filter((x) => x.kind === 'transfer_decision').length);
    expect(h.transfers.incoming.count).toBeGreaterThan(0);
    expect(h.transfers.outgoing.count).toBe((await sup.get('/api/v1/transfers?direction=outgoing&status=pending')).json().items.length);
    const worker = h.caseload.find((w) => w.userId !== null && w.count > 0)!;
    expect(worker.link).toBe(`/cases?owner=${worker.userId}&status=active`);
    expect(worker.count).toBe(await total(sup, `/api/v1/cases?owner=${worker.userId}&status=active&limit=1`));
  });

  it("another unit's work is never counted", async () => {
    const korce = (await homeOf(await t.login('supervisor'))).supervisor!;
    const elbasan = await homeOf(await t.login('b.kasa'));
    const korceIds = new Set(korce.caseload.map((w) => w.userId).filter((x) => x !== null));
    expect(elbasan.supervisor!.caseload.some((w) => w.userId !== null && korceIds.has(w.userId))).toBe(false);
    // A new high-risk case in Korçë changes Korçë's figures only.
    const ecela = await t.login('e.cela');
    const beforeE = (await homeOf(ecela)).caseworker!;
    const beforeK = (await homeOf(await t.login('caseworker'))).caseworker!;
    await openTestCase(t, { riskLevel: 'high' });
    const afterK = (await homeOf(await t.login('caseworker'))).caseworker!;
    expect(afterK.casesByRisk.find((r) => r.level === 'high')!.count).toBe(beforeK.casesByRisk.find((r) => r.level === 'high')!.count + 1);
    expect((await homeOf(ecela)).caseworker).toEqual(beforeE);
  });

  it("the provider's block: referrals to answer and to carry out as its referral list counts them, overdue ones too", async () => {
    const p = await t.login('provider');
    const home = await homeOf(p);
    expect(blocks(home)).toEqual(['organisation']);
    const h = home.organisation!;
    const list = async (status: string) => (await p.get(`/api/v1/referrals?status=${status}`)).json().items.length as number;
    expect(h.referralsToAnswer.count).toBe(await list('pending'));
    expect(h.referralsToAnswer.count).toBeGreaterThanOrEqual(3);
    expect(h.referralsToAnswer.overdue).toBeGreaterThan(0);
    expect(h.referralsToAnswer.link).toBe('/referrals?status=pending');
    expect(h.referralsToCarryOut.count).toBe(await list('accepted'));
    expect(h.planActions.count).toBeGreaterThan(0);
    expect(h.meetings.count).toBeGreaterThan(0);
  });

  it("the partner's block: its overdue action item and its invitation to an upcoming meeting", async () => {
    const p = await t.login('partner');
    const home = await homeOf(p);
    expect(blocks(home)).toEqual(['organisation']);
    const h = home.organisation!;
    const tasks = await tasksOf(p);
    expect(h.actionItemsOverdue.count).toBe(tasks.filter((x) => x.kind === 'action_item' && x.overdue).length);
    expect(h.actionItemsOverdue.count).toBeGreaterThan(0);
    expect(h.actionItemsOverdue.link).toBe('/tasks?kind=action_item&overdue=1');
    expect(h.meetings.count).toBeGreaterThan(0);
    expect(Date.parse(h.meetings.top[0]!.heldAt)).toBeGreaterThan(Date.now());
  });

  it("the police station's psychosocial team gets its organisation's block too: tomorrow's crisis intervention", async () => {
    const home = await homeOf(await t.login('police_support'));
    expect(blocks(home)).toEqual(['organisation']);
    expect(home.organisation!.meetings.count).toBeGreaterThan(0);
  });

  it("the monitor's block: the latest period's figures as the report gives them, with the previous period's, and no child", async () => {
    const m = await t.login('monitor');
    const res = await m.get('/api/v1/home');
    const home = res.json() as HomeSummary;
    expect(blocks(home)).toEqual(['monitor']);
    const h = home.monitor!;
    expect(h.period).not.toBeNull();
    const report = (await m.get(`/api/v1/reports/monitoring?from=${h.period!.from}&to=${h.period!.to}&jurisdiction=${h.jurisdiction}`)).json();
    const byKey = Object.fromEntries(h.figures.map((f) => [f.key, f]));
    expect(byKey.signals).toMatchObject({ value: report.signals.total, previous: report.previous.signals.total });
    expect(byKey.meetings).toMatchObject({ value: report.meetings.total, previous: report.previous.meetings.total });
    expect(byKey.children).toMatchObject({ value: report.children.total });
    expect(byKey.signals!.value).toBeGreaterThan(0);
    expect(byKey.signals!.link).toBe(`/reports/monitoring?from=${h.period!.from}&to=${h.period!.to}&jurisdiction=${h.jurisdiction}`);
    for (const name of ['Ela', 'Marku', 'Besart', 'Muka', 'Noel']) expect(res.body).not.toContain(name);
  });

  it("a regional monitor's figures are its region's report as it gets it: a suppressed figure stays hidden", async () => {
    const org = await sql<{ id: string }>`
      INSERT INTO organisations (country, name, sector, jurisdiction_code) VALUES ('AL', 'Regional agency Korçë', 'state_agency', 'AL-06') RETURNING id`.execute(t.database.owner);
    await createUser(t.database.unguarded, systemActor('test'), { username: 'r.monitor', displayName: 'Regional Monitor', organisationId: org.rows[0]!.id, roles: ['monitor'], password: 'Vlore-Sunrise-Kestrel-7', language: 'sq' });
    const m = await t.login('r.monitor', 'Vlore-Sunrise-Kestrel-7');
    const h = (await homeOf(m)).monitor!;
    expect(h.jurisdiction).toBe('AL-06');
    expect(h.period).not.toBeNull();
    const report = (await m.get(`/api/v1/reports/monitoring?from=${h.period!.from}&to=${h.period!.to}&jurisdiction=AL-06`)).json();
    expect(report.suppressed).toBe(true);
    expect(h.figures.map((f) => [f.key, f.value, f.previous])).toEqual([
      ['signals', report.signals.total, report.previous.signals.total],
      ['children', report.children.total, report.previous.children.total],
      ['meetings', report.meetings.total, report.previous.meetings.total],
      ['teamsThatMet', report.meetings.teamsThatMet, report.previous.meetings.teamsThatMet],
    ]);
    expect(h.figures.some((f) => f.value === null || f.previous === null)).toBe(true);
  });

  it("the admin's block: users, locked and disabled accounts; no child data", async () => {
    const a = await t.login('admin');
    const home = await homeOf(a);
    expect(blocks(home)).toEqual(['admin']);
    const users = (await a.get('/api/v1/users?limit=1')).json();
    expect(home.admin!.users.count).toBe(users.total);
    for (let i = 0; i < 6; i++) await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'trainer', password: 'wrong-password-1' } });
    const after = (await homeOf(a)).admin!;
    expect(after.locked.count).toBeGreaterThanOrEqual(1);
    expect(after.locked.link).toBe('/admin/users?status=locked');
  });

  it('a user with two roles sees both blocks (caseworker and supervisor)', async () => {
    const home = await homeOf(await t.login('l.muca'));
    expect(blocks(home)).toEqual(['caseworker', 'supervisor']);
  });
});
