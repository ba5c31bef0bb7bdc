import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../domain/roles.ts';
import { type Client, DEMO_PASSWORD, type TestApp, startTestApp } from '../testing/app.ts';

/** The admin's user management, through the HTTP API on the real database. */
let t: TestApp;
let admin: Client;
let orgId: string;
let otherOrgId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const orgs = await t.database.unguarded.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute();
  orgId = orgs.find((o) => o.name.includes('Policisë Korçë'))!.id;
  otherOrgId = orgs.find((o) => o.name.includes('Elbasan') && !o.name.includes('Njësia'))!.id;
});
afterAll(() => t.close());

const userId = async (username: string) => (await t.database.unguarded.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const count = async (table: 'users' | 'audit_log' | 'sessions') =>
  Number((await t.database.unguarded.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** No answer about users carries a password hash, or anything like one. */
function expectNoSecrets(body: string) {
  expect(body).not.toMatch(/password/i);
  expect(body).not.toMatch(/hash/i);
  expect(body).not.toContain('$argon2');
  expect(body).not.toContain(DEMO_PASSWORD);
}

const newUser = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  displayName: `User ${username}`,
  organisationId: orgId,
  roles: ['partner'],
  password: 'a-long-enough-password',
  ...extra,
});

describe('admin manages users', () => {
  it('lists users with paging, and no hashes', async () => {
    const res = await admin.get('/api/v1/users');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(await count('users'));
    expect(body.items.length).toBe(Math.min(50, body.total));
    expect(body.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining([...ROLES]));
    const adminUser = body.items.find((u: { username: string }) => u.username === 'admin');
    expect(adminUser).toMatchObject({ roles: ['admin'], disabled: false, lockedUntil: null, language: 'en' });
    expect(Object.keys(adminUser).sort()).toEqual(['createdAt', 'disabled', 'displayName', 'id', 'language', 'lockedUntil', 'oidcSubject', 'organisationId', 'organisationName', 'roles', 'secondFactor', 'username']);
    expectNoSecrets(res.body);
    const page = await admin.get('/api/v1/users?limit=2&offset=1');
    expect(page.statusCode).toBe(200);
    expect(page.json().items.map((u: { id: string }) => u.id)).toEqual(body.items.slice(1, 3).map((u: { id: string }) => u.id));
    expect((await admin.get('/api/v1/users?limit=0')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/users?limit=201')).statusCode).toBe(400);
  });

  it('creates a user (201), audited, who can then sign in', async () => {
    const audits = await count('audit_log');
    const res = await admin.post('/api/v1/users', newUser('new.partner', { roles: ['partner', 'partner'], language: 'sq' }));
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ username: 'new.partner', displayName: 'User new.partner', organisationId: orgId, roles: ['partner'], language: 'sq', disabled: false, lockedUntil: null });
    expect(user.organisationName).toMatch(/Korçë/);
    expectNoSecrets(res.body);
    // The account, and the grant of a role that sees child data (shown to the unit's supervisors).
    expect(await count('audit_log')).toBe(audits + 2);
    const entries = await t.database.unguarded.selectFrom('audit_log').selectAll().where('chain', '=', 'system').where('entity_id', '=', user.id).orderBy('seq').execute();
    expect(entries.map((e) => e.action)).toEqual(['user_create', 'role_grant']);
    const audit = entries[0]!;
    expect(audit).toMatchObject({ action: 'user_create', entity: 'user', outcome: 'ok', actor_id: await userId('admin') });
    expect(JSON.stringify(entries[1])).not.toContain('a-long-enough-password');
    expect(JSON.stringify(audit)).not.toContain('a-long-enough-password');
    const me = await t.login('new.partner', 'a-long-enough-password');
    expect((await me.get('/api/v1/auth/me')).json().user.organisation.id).toBe(orgId);
  });

  it('patches a user', async () => {
    const id = await userId('d.angelov');
    const res = await admin.patch(`/api/v1/users/${id}`, { displayName: '  Димитър А. Ангелов  ', language: 'en', organisationId: otherOrgId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, displayName: 'Димитър А. Ангелов', language: 'en', organisationId: otherOrgId, roles: ['monitor'] });
    expectNoSecrets(res.body);
    const row = await t.database.unguarded.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.display_name).toBe('Димитър А. Ангелов');
    expect(row.organisation_id).toBe(otherOrgId);
  });

  it('patching an unknown user answers 404', async () => {
    const res = await admin.patch('/api/v1/users/00000000-0000-4000-8000-000000000000', { displayName: 'Nobody' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ message: expect.any(String) });
  });

  it('a taken username answers 409 with issues, whatever its case', async () => {
    const users = await count('users');
    for (const username of ['caseworker', 'CaseWorker']) {
      const res = await admin.post('/api/v1/users', newUser(username));
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toMatch(/\S/);
      expect(res.json().issues).toEqual([{ path: 'username', message: expect.any(String) }]);
    }
    expect(await count('users')).toBe(users);
  });

  it('an unknown organisation answers 400 at organisationId, on create and on patch', async () => {
    const users = await count('users');
    const audits = await count('audit_log');
    const missing = '00000000-0000-4000-8000-000000000001';
    const created = await admin.post('/api/v1/users', newUser('orphan.user', { organisationId: missing }));
    expect(created.statusCode).toBe(400);
    expect(created.json().issues.map((i: { path: string }) => i.path)).toEqual(['organisationId']);
    const id = await userId('a.shelter');
    const patched = await admin.patch(`/api/v1/users/${id}`, { organisationId: missing });
    expect(patched.statusCode).toBe(400);
    expect(patched.json().issues.map((i: { path: string }) => i.path)).toEqual(['organisationId']);
    expect(await count('users')).toBe(users);
    expect(await count('audit_log')).toBe(audits);
  });

  it('schema errors name the field: bad username, short password, unknown role, no roles', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [newUser('has space'), 'username'],
      [newUser('short.pw', { password: 'short' }), 'password'],
      [newUser('bad.role', { roles: ['king'] }), 'roles.0'],
      [newUser('no.roles', { roles: [] }), 'roles'],
      [newUser('bad.lang', { language: 'de' }), 'language'],
    ];
    for (const [body, path] of cases) {
      const res = await admin.post('/api/v1/users', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });
});

describe('sessions end when access changes', () => {
  it('disabling a user ends their sessions at once', async () => {
    const client = await t.login('l.muca');
    expect((await client.get('/api/v1/children')).statusCode).toBe(200);
    const res = await admin.patch(`/api/v1/users/${await userId('l.muca')}`, { disabled: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await client.get('/api/v1/children')).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/v1/auth/login', { username: 'l.muca', password: DEMO_PASSWORD })).statusCode).toBe(401);
  });

  it('a role change ends the sessions; the user signs in again with the new role', async () => {
    const client = await t.login('m.ivanova');
    expect((await client.get('/api/v1/children')).statusCode).toBe(200);
    const res = await admin.patch(`/api/v1/users/${await userId('m.ivanova')}`, { roles: ['monitor'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['monitor']);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
    const again = await t.login('m.ivanova');
    expect((await again.get('/api/v1/auth/me')).json().user.roles).toEqual(['monitor']);
    expect((await again.get('/api/v1/children')).statusCode).toBe(403);
  });

  it('a password reset ends the sessions; a display-name change does not', async () => {
    const client = await t.login('s.stoyanov');
    const id = await userId('s.stoyanov');
    expect((await admin.patch(`/api/v1/users/${id}`, { displayName: 'Стефан Стоянов-Петров' })).statusCode).toBe(200);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/users/${id}`, { password: 'reset-by-the-admin' })).statusCode).toBe(200);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('who may manage users', () => {
  for (const role of ROLES.filter((r) => r !== 'admin')) {
    it(`${role} gets 403 on every user admin route, and nothing changes`, async () => {
      const client = await t.login(role);
      const users = await count('users');
      const target = await userId('e.cela');
      const list = await client.get('/api/v1/users');
      expect(list.statusCode).toBe(403);
      expect(list.json()).toEqual({ message: expect.any(String) });
      expect((await client.post('/api/v1/users', newUser(`sneaky.${role}`))).statusCode).toBe(403);
      expect((await client.patch(`/api/v1/users/${target}`, { roles: ['admin'] })).statusCode).toBe(403);
      // Even their own record.
      expect((await client.patch(`/api/v1/users/${await userId(role)}`, { roles: ['admin'] })).statusCode).toBe(403);
      expect(await count('users')).toBe(users);
      const row = await t.database.unguarded.selectFrom('users').select('roles').where('username', '=', role).executeTakeFirstOrThrow();
      expect(row.roles).toEqual([role]);
    });
  }

  it('anonymous gets 401 on every user admin route', async () => {
    const target = await userId('e.cela');
    for (const res of [
      await t.anonymous.get('/api/v1/users'),
      await t.anonymous.post('/api/v1/users', newUser('anon.user')),
      await t.anonymous.patch(`/api/v1/users/${target}`, { roles: ['admin'] }),
    ]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ message: expect.any(String) });
    }
  });

  it('an encoded path does not get past the sign-in check', async () => {
    // The router decodes %76 to "v": the route is /api/v1/users, whatever the raw URL says.
    for (const url of ['/api/%761/users', '/api/v%31/users', '/%61pi/v1/users']) {
      const res = await t.anonymous.get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.body).not.toContain('username');
    }
    const monitor = await t.login('monitor');
    expect((await monitor.get('/api/%761/users')).statusCode).toBe(403);
  });
});
