import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { hoursAgo, signalBody } from './signal-fixtures.ts';
import { accountKey } from '../auth/login-throttle.ts';

/**
 * The list endpoints' filters and sort keys that the web lists keep in their URLs: signals by
 * urgency and sorted by screening deadline or urgency; meetings and users sorted; each sorted list
 * paged through returns every row once, and an unknown sort key is refused (400).
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Row = { id: string } & Record<string, unknown>;
async function pageThrough(client: Awaited<ReturnType<TestApp['login']>>, path: string, size = 2): Promise<Row[]> {
  const first = await client.get(`${path}&limit=${size}&offset=0`);
  expect(first.statusCode).toBe(200);
  const total = first.json().total as number;
  const rows: Row[] = [...first.json().items];
  for (let offset = size; offset < total; offset += size) rows.push(...(await client.get(`${path}&limit=${size}&offset=${offset}`)).json().items);
  expect(new Set(rows.map((r) => r.id)).size).toBe(total);
  return rows;
}

describe('the signal list', () => {
  it('filters by urgency and sorts by urgency or screening deadline, paging through every signal once', async () => {
    const cw = await t.login('caseworker');
    for (const [urgency, h] of [['immediate', 1], ['normal', 5], ['urgent', 3], ['immediate', 7], ['normal', 2]] as const) {
      expect((await cw.post('/api/v1/signals', signalBody({ urgency, receivedAt: hoursAgo(h) }))).statusCode).toBe(201);
    }
    const immediate = (await cw.get('/api/v1/signals?urgency=immediate')).json();
    expect(immediate.total).toBeGreaterThanOrEqual(2);
    expect(immediate.items.every((s: { urgency: string }) => s.urgency === 'immediate')).toBe(true);

    const rank = { immediate: 1, urgent: 2, normal: 3 } as Record<string, number>;
    const byUrgency = (await pageThrough(cw, '/api/v1/signals?sort=urgency')).map((s) => rank[s.urgency as string]!);
    expect(byUrgency).toEqual([...byUrgency].sort());
    const byDue = (await pageThrough(cw, '/api/v1/signals?sort=-due')).map((s) => s.screeningDueAt as string);
    expect(byDue).toEqual([...byDue].sort().reverse());
    const oldest = (await pageThrough(cw, '/api/v1/signals?sort=receivedAt')).map((s) => s.receivedAt as string);
    expect(oldest).toEqual([...oldest].sort());
    expect((await cw.get('/api/v1/signals?sort=name')).statusCode).toBe(400);
    expect((await cw.get('/api/v1/signals?urgency=soon')).statusCode).toBe(400);
  });
});

describe('the meeting and user lists', () => {
  it('meetings and referrals sort by time either way; users by name or creation; unknown keys are 400', async () => {
    const sup = await t.login('supervisor');
    const meetings = (await pageThrough(sup, '/api/v1/meetings?sort=heldAt')).map((m) => m.heldAt as string);
    expect(meetings).toEqual([...meetings].sort());
    expect((await sup.get('/api/v1/meetings?sort=child')).statusCode).toBe(400);
    const sent = (await sup.get('/api/v1/referrals?direction=outgoing&sort=referredAt')).json().items.map((r: { referredAt: string }) => r.referredAt);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent).toEqual([...sent].sort());
    expect((await sup.get('/api/v1/referrals?direction=outgoing&sort=-status')).statusCode).toBe(200);
    expect((await sup.get('/api/v1/referrals?sort=child')).statusCode).toBe(400);

    const admin = await t.login('admin');
    const names = (await pageThrough(admin, '/api/v1/users?sort=-username', 5)).map((u) => u.username as string);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    const created = (await pageThrough(admin, '/api/v1/users?sort=createdAt', 5)).map((u) => u.createdAt as string);
    expect(created).toEqual([...created].sort());
    expect((await admin.get('/api/v1/users?sort=password')).statusCode).toBe(400);
  });

  it('users filter by status: disabled, locked (sign-in slowed now) or active', async () => {
    const db = t.database.unguarded;
    await db.updateTable('users').set({ disabled_at: new Date() }).where('username', '=', 'k.teacher').execute();
    await db.insertInto('login_throttle').values({
      key: accountKey('a.shelter'), kind: 'account', account: accountKey('a.shelter'), failures: 9, last_failure_at: new Date(), blocked_until: new Date(Date.now() + 3_600_000),
    }).execute();
    const admin = await t.login('admin');
    const names = async (status: string) => (await admin.get(`/api/v1/users?status=${status}&limit=200`)).json();
    expect((await names('disabled')).items.map((u: { username: string }) => u.username)).toEqual(['k.teacher']);
    const locked = await names('locked');
    expect({ total: locked.total, users: locked.items.map((u: { username: string }) => u.username) }).toEqual({ total: 1, users: ['a.shelter'] });
    const active = await names('active');
    expect(active.items.map((u: { username: string }) => u.username)).not.toContain('k.teacher');
    expect(active.total).toBe((await admin.get('/api/v1/users?limit=1')).json().total - 1);
    expect((await admin.get('/api/v1/users?status=gone')).statusCode).toBe(400);
  });
});
