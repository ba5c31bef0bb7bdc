import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';

/**
 * Break-glass access through the HTTP API on the real database, per role: the police-station team
 * and another unit's caseworker ask for a child out of their reach with a reason, read the child
 * and the cases' summary through the grant (never writing), and lose it at expiry; the owning
 * unit's supervisor is notified, finds the task, reviews once; the per-user counts; bad input.
 */
let t: TestApp;
let team: Client;
let unitSupervisor: Client;
let ela: { id: string; given_name: string; family_name: string; birth_date: string };
const REASON = 'Child brought to the station at night; need to know whether a case is open.';

beforeAll(async () => {
  // An SMTP address makes notify() queue e-mail (nothing sends it here: the worker is not started).
  t = await startTestApp({ env: { SAFETYNET_BREAK_GLASS_HOURS: '2', SAFETYNET_SMTP_URL: 'smtp://127.0.0.1:2525' } });
  team = await t.login('police_support');
  unitSupervisor = await t.login('supervisor');
  const db = t.database.unguarded;
  const unit = (await db.selectFrom('organisations').select('id').where('name', 'like', '%Bashkia Korçë').executeTakeFirstOrThrow()).id;
  // Ela Marku: a child of the Korçë unit with an open case (as in src/testing/openapi.ts).
  const row = await db.selectFrom('children as c').innerJoin('cases as k', 'k.child_id', 'c.id')
    .select(['c.id', 'c.given_name', 'c.family_name', 'c.birth_date'])
    .where('c.given_name', '=', 'Ela').where('k.unit_id', '=', unit).executeTakeFirstOrThrow();
  ela = { ...row, birth_date: row.birth_date! };
  await db.updateTable('users').set({ email: 'arben.hoxha@example.org' }).where('username', '=', 'supervisor').execute();
}, 60_000);
afterAll(() => t.close());

const ask = (client: Client, over: Record<string, unknown> = {}) =>
  client.post('/api/v1/break-glass/requests', { givenName: ela.given_name, familyName: ela.family_name, birthDate: ela.birth_date, reason: REASON, ...over });
const grantCount = async () => Number((await t.database.unguarded.selectFrom('break_glass_grants').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const expire = (id: string) => t.database.unguarded.updateTable('break_glass_grants').set({ granted_at: new Date(Date.now() - 5 * 3_600_000), expires_at: new Date(Date.now() - 1000) }).where('id', '=', id).execute();

describe('asking for emergency access', () => {
  it('without a grant the child stays out of reach (404), as today', async () => {
    expect((await team.get(`/api/v1/children/${ela.id}`)).statusCode).toBe(404);
  });

  it('no reason, a reason too short, a missing birth date: 400 naming the field, nothing stored', async () => {
    const before = await grantCount();
    for (const [over, path] of [[{ reason: '' }, 'reason'], [{ reason: 'urgent please' }, 'reason'], [{ birthDate: undefined }, 'birthDate']] as const) {
      const res = await ask(team, over);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    expect(await grantCount()).toBe(before);
  });

  it('an unknown child answers like no match: the same shape, empty; the search is audited without the name', async () => {
    const res = await ask(team, { givenName: 'Nobody', familyName: 'Unknown' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ grants: [], inReach: [] });
    const entry = await t.database.unguarded.selectFrom('audit_log').selectAll().where('action', '=', 'break_glass_search').orderBy('at', 'desc').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_name: 'police_support', outcome: 'ok', detail: { matched: 0, granted: 0, inReach: 0 } });
    expect(JSON.stringify(entry)).not.toContain('Nobody');
  });

  it('monitor, trainer and admin may not ask (403), nothing stored', async () => {
    const before = await grantCount();
    for (const who of ['monitor', 'trainer', 'admin']) expect((await ask(await t.login(who))).statusCode).toBe(403);
    expect(await grantCount()).toBe(before);
  });

  it('a caseworker of the owning unit already reaches the child: no grant, the record named as in reach', async () => {
    const res = await ask(await t.login('caseworker'));
    expect(res.json()).toEqual({ grants: [], inReach: [{ childId: ela.id }] });
  });
});

describe('the police-station team at 2 a.m.', () => {
  let grant: { id: string; grantedAt: string; expiresAt: string };

  it('gets a grant for the configured hours, with the unit that owns the child; the grant is audited', async () => {
    const res = await ask(team, { givenName: ela.given_name.toUpperCase(), familyName: ` ${ela.family_name}` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.inReach).toEqual([]);
    expect(body.grants).toEqual([expect.objectContaining({ childId: ela.id, requesterName: 'Dritan Shehu', unitName: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', reason: REASON, active: true, review: null })]);
    grant = body.grants[0];
    expect(new Date(grant.expiresAt).getTime() - new Date(grant.grantedAt).getTime()).toBe(2 * 3_600_000);
    const entry = await t.database.unguarded.selectFrom('audit_log').selectAll().where('action', '=', 'break_glass_grant').where('child_id', '=', ela.id).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_name: 'police_support', reason: 'break_glass', detail: { breakGlassGrant: grant.id } });
  });

  it('reads the child and the cases\' summary through the grant, as a reader outside the unit; every read marked with the grant', async () => {
    const res = await team.get(`/api/v1/break-glass/grants/${grant.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const record = res.json();
    expect(record.child).toMatchObject({ id: ela.id, givenName: ela.given_name, accessReason: 'break_glass' });
    expect(record.child).not.toHaveProperty('notes');
    expect(record.child.withheld).toEqual(expect.arrayContaining(['notes', 'vulnerabilities']));
    expect(record.cases.length).toBeGreaterThan(0);
    expect(record.cases[0]).toMatchObject({ unitName: 'Njësia për Mbrojtjen e Fëmijëve – Bashkia Korçë', ownerName: expect.any(String) });
    expect(Object.keys(record.cases[0]).sort()).toEqual(['closedAt', 'id', 'openedAt', 'ownerName', 'ref', 'riskLevel', 'status', 'unitName']);
    const reads = await t.database.unguarded.selectFrom('audit_log').selectAll().where('actor_name', '=', 'police_support').where('child_id', '=', ela.id).where('action', 'in', ['read', 'read_summary']).execute();
    expect(reads.length).toBe(1 + record.cases.length);
    for (const r of reads) expect(r).toMatchObject({ reason: 'break_glass', outcome: 'ok', detail: expect.objectContaining({ breakGlassGrant: grant.id }) });
  });

  it('the grant opens nothing else: the child and case pages stay 404, every write refused, nothing changed', async () => {
    const before = await t.database.unguarded.selectFrom('children').selectAll().where('id', '=', ela.id).executeTakeFirstOrThrow();
    const record = (await team.get(`/api/v1/break-glass/grants/${grant.id}`)).json();
    expect((await team.get(`/api/v1/children/${ela.id}`)).statusCode).toBe(404);
    expect((await team.get(`/api/v1/cases/${record.cases[0].id}`)).statusCode).toBe(404);
    expect([403, 404]).toContain((await team.patch(`/api/v1/children/${ela.id}`, { version: before.version, notes: 'x' })).statusCode);
    expect(await t.database.unguarded.selectFrom('children').selectAll().where('id', '=', ela.id).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('another user cannot use the grant (404); the requester lists it among their own', async () => {
    expect((await (await t.login('p.todorova')).get(`/api/v1/break-glass/grants/${grant.id}`)).statusCode).toBe(404);
    expect((await unitSupervisor.get(`/api/v1/break-glass/grants/${grant.id}`)).statusCode).toBe(404);
    const mine = (await team.get('/api/v1/break-glass/grants')).json();
    expect(mine.items.map((g: { id: string }) => g.id)).toContain(grant.id);
  });

  it('the unit\'s supervisor is notified at once and has a review task', async () => {
    const supervisorId = (await t.database.unguarded.selectFrom('users').select('id').where('username', '=', 'supervisor').executeTakeFirstOrThrow()).id;
    const notes = await t.database.unguarded.selectFrom('notifications').selectAll().where('user_id', '=', supervisorId).where('kind', '=', 'break_glass').execute();
    expect(notes.length).toBe(1);
    // And by e-mail, in the same transaction: the kind of event and a link, never the child.
    const mails = await t.database.unguarded.selectFrom('mail_outbox').selectAll().where('user_id', '=', supervisorId).execute();
    expect(mails).toEqual([expect.objectContaining({ notification_id: notes[0]!.id, to_address: 'arben.hoxha@example.org', subject: 'Safetynet: Emergency access to a child of your unit' })]);
    expect(mails[0]!.body).toContain('/tasks');
    expect(mails[0]!.body).not.toContain(ela.family_name);
    const bell = (await unitSupervisor.get('/api/v1/notifications')).json();
    expect(JSON.stringify(bell)).toContain('break_glass');
    const tasks = (await unitSupervisor.get('/api/v1/tasks?scope=unit')).json();
    const items = Array.isArray(tasks) ? tasks : tasks.items;
    expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'break_glass_review', id: grant.id, link: `/break-glass/reviews?grant=${grant.id}` })]));
  });

  it('after expiry: 404 again, and the expired grant is listed as inactive', async () => {
    await expire(grant.id);
    expect((await team.get(`/api/v1/break-glass/grants/${grant.id}`)).statusCode).toBe(404);
    const mine = (await team.get('/api/v1/break-glass/grants')).json();
    expect(mine.items.find((g: { id: string }) => g.id === grant.id)).toMatchObject({ active: false });
  });
});

describe('review by the owning unit', () => {
  let teamGrant: string;
  let otherGrant: string;
  beforeAll(async () => {
    teamGrant = (await t.database.unguarded.selectFrom('break_glass_grants as g').innerJoin('users as u', 'u.id', 'g.user_id').select('g.id').where('u.username', '=', 'police_support').executeTakeFirstOrThrow()).id;
    // Another unit's caseworker (Elbasan) asks too.
    const res = await ask(await t.login('e.cela'));
    expect(res.statusCode, res.body).toBe(200);
    otherGrant = res.json().grants[0].id;
  });

  it('lists the unit\'s grants waiting, with the child\'s name for the supervisor', async () => {
    const list = (await unitSupervisor.get('/api/v1/break-glass/reviews?state=pending')).json();
    expect(list.items.map((g: { id: string }) => g.id).sort()).toEqual([teamGrant, otherGrant].sort());
    expect(list.items[0]).toMatchObject({ childId: ela.id, childName: `${ela.given_name} ${ela.family_name}` });
  });

  it('bad input 400, another unit\'s supervisor 404, a caseworker 403: nothing reviewed', async () => {
    expect((await unitSupervisor.post(`/api/v1/break-glass/grants/${teamGrant}/review`, { verdict: 'unjustified' })).statusCode).toBe(400);
    expect((await unitSupervisor.post(`/api/v1/break-glass/grants/${teamGrant}/review`, { verdict: 'maybe', note: 'x' })).statusCode).toBe(400);
    expect((await (await t.login('b.kasa')).post(`/api/v1/break-glass/grants/${teamGrant}/review`, { verdict: 'justified', note: 'Fine.' })).statusCode).toBe(404);
    expect((await (await t.login('caseworker')).post(`/api/v1/break-glass/grants/${teamGrant}/review`, { verdict: 'justified', note: 'Fine.' })).statusCode).toBe(403);
    const row = await t.database.unguarded.selectFrom('break_glass_grants').select('review').where('id', '=', teamGrant).executeTakeFirstOrThrow();
    expect(row.review).toBeNull();
  });

  it('the supervisor reviews once, audited; a second review answers 409 with the review standing', async () => {
    const res = await unitSupervisor.post(`/api/v1/break-glass/grants/${teamGrant}/review`, { verdict: 'unjustified', note: 'No call was logged with the station that night.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: teamGrant, review: 'unjustified', reviewerName: 'Arben Hoxha', reviewNote: 'No call was logged with the station that night.' });
    const again = await unitSupervisor.post(`/api/v1/break-glass/grants/${teamGrant}/review`, { verdict: 'justified', note: 'Changed my mind.' });
    expect(again.statusCode).toBe(409);
    expect(again.json().current).toMatchObject({ review: 'unjustified' });
    expect((await unitSupervisor.post(`/api/v1/break-glass/grants/${otherGrant}/review`, { verdict: 'justified', note: 'Called me first.' })).statusCode).toBe(200);
    const entries = await t.database.unguarded.selectFrom('audit_log').selectAll().where('action', '=', 'break_glass_review').where('outcome', '=', 'ok').execute();
    expect(entries.map((e) => (e.detail as { verdict: string }).verdict).sort()).toEqual(['justified', 'unjustified']);
    const tasks = (await unitSupervisor.get('/api/v1/tasks?scope=unit')).json();
    expect(JSON.stringify(tasks)).not.toContain('break_glass_review');
  });

  it('per user, for the supervisor and the admin: grants, justified, not justified, waiting; others 403', async () => {
    await ask(team); // a second, not yet reviewed
    const expected = [
      expect.objectContaining({ username: 'police_support', grants: 2, justified: 0, unjustified: 1, pending: 1 }),
      expect.objectContaining({ username: 'e.cela', grants: 1, justified: 1, unjustified: 0, pending: 0 }),
    ];
    expect((await unitSupervisor.get('/api/v1/break-glass/users')).json().items).toEqual(expected);
    expect((await (await t.login('admin')).get('/api/v1/break-glass/users')).json().items).toEqual(expected);
    expect((await (await t.login('b.kasa')).get('/api/v1/break-glass/users')).json().items).toEqual([]);
    for (const who of ['caseworker', 'police_support', 'monitor']) expect((await (await t.login(who)).get('/api/v1/break-glass/users')).statusCode).toBe(403);
  });
});

describe('the break-glass door', () => {
  it('refuses every write with 403, before any query runs', async () => {
    const { breakGlassDoor } = await import('../policy/door.ts');
    const { loadUserActor } = await import('../policy/actor.ts');
    const id = (await t.database.unguarded.selectFrom('users').select('id').where('username', '=', 'police_support').executeTakeFirstOrThrow()).id;
    const actor = (await loadUserActor(t.database.unguarded, id))!;
    const door = breakGlassDoor(t.database.db, actor, { grantId: '00000000-0000-4000-8000-000000000000', country: 'AL', childId: ela.id });
    let ran = false;
    await expect(door.transaction(async () => { ran = true; })).rejects.toMatchObject({ statusCode: 403 });
    expect(ran).toBe(false);
    // A grant that does not exist reaches nothing, even on the door's reads.
    await expect(import('../children/child-records.ts').then((m) => m.getChild(door, ela.id))).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('the counts per user through a system door (the CLI\'s `break-glass users`)', () => {
  it('every unit, audited on the system chain', async () => {
    const { systemDoor } = await import('../policy/door.ts');
    const { perUser } = await import('./breakglass-reviews.ts');
    const rows = await perUser(systemDoor(t.database.db, 'cli'));
    expect(rows.map((r) => [r.username, r.grants, r.unjustified])).toEqual([['police_support', 2, 1], ['e.cela', 1, 0]]);
    const entry = await t.database.unguarded.selectFrom('audit_log').selectAll().where('entity', '=', 'break_glass_user').where('actor_name', '=', 'system:cli').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ chain: 'system', detail: { scope: 'all', count: 2 } });
  });
});
