import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO_PASSWORD, type TestApp, startTestApp } from '../testing/app.ts';
import { accountKey } from './login-throttle.ts';

/**
 * Sign-in, sessions, CSRF, lockout, rate limit, idle time-out and the own-account routes,
 * through the HTTP API on the real database.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const login = (app: TestApp, username: string, password: string, extra: { headers?: Record<string, string>; remoteAddress?: string } = {}) =>
  app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, ...extra });

const userRow = (username: string) => t.database.unguarded.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();

async function sessionCount(username: string): Promise<number> {
  const user = await userRow(username);
  const r = await t.database.unguarded.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', user.id).executeTakeFirstOrThrow();
  return Number(r.n);
}

describe('sign in', () => {
  it('answers 200 with the user and a CSRF token, and sets an HttpOnly, SameSite=Strict session cookie at Path=/', async () => {
    const res = await login(t, 'caseworker', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.username).toBe('caseworker');
    expect(body.user.roles).toEqual(['caseworker']);
    expect(typeof body.csrfToken).toBe('string');
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
    const cookie = res.cookies.find((c) => c.name === 'sn_session');
    expect(cookie).toBeDefined();
    expect(cookie!.value.length).toBeGreaterThanOrEqual(32);
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe('Strict');
    expect(cookie!.path).toBe('/');
    // Plain http without a trusted proxy: not Secure (the browser would drop it otherwise).
    expect(cookie!.secure).toBeFalsy();
    // The cookie is not the session's key in the table: only its hash is stored.
    const stored = await t.database.unguarded.selectFrom('sessions').select('id_hash').execute();
    expect(stored.some((s) => s.id_hash === cookie!.value)).toBe(false);
    expect(JSON.stringify(body)).not.toContain(cookie!.value);
  });

  it('user names are matched without regard to case', async () => {
    const res = await login(t, 'CaseWorker', DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.username).toBe('caseworker');
  });

  it('answers the same 401 for an unknown user and for a wrong password, and sets no cookie', async () => {
    const unknown = await login(t, 'nobody-here', DEMO_PASSWORD);
    const wrong = await login(t, 'monitor', 'not-the-password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual({ message: expect.any(String) });
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.cookies.find((c) => c.name === 'sn_session')).toBeUndefined();
    expect(wrong.cookies.find((c) => c.name === 'sn_session')).toBeUndefined();
    // Reset the failure counter the wrong password left behind.
    expect((await login(t, 'monitor', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('a disabled user cannot sign in, and gets the same answer as a wrong password', async () => {
    const admin = await t.login('admin');
    const user = await userRow('k.teacher');
    const wrong = await login(t, 'k.teacher', 'not-the-password');
    const patch = await admin.patch(`/api/v1/users/${user.id}`, { disabled: true });
    expect(patch.statusCode).toBe(200);
    expect(patch.json().disabled).toBe(true);
    const res = await login(t, 'k.teacher', DEMO_PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.body).toBe(wrong.body);
    expect(res.cookies.find((c) => c.name === 'sn_session')).toBeUndefined();
    // Enabled again, the user signs in.
    expect((await admin.patch(`/api/v1/users/${user.id}`, { disabled: false })).statusCode).toBe(200);
    expect((await login(t, 'k.teacher', DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('stores an argon2id hash and never the password itself', async () => {
    const admin = await t.login('admin');
    const org = await t.database.unguarded.selectFrom('organisations').select('id').limit(1).executeTakeFirstOrThrow();
    const password = 'Plaintext-Never-Stored-42';
    const created = await admin.post('/api/v1/users', { username: 'hash.check', displayName: 'Hash Check', organisationId: org.id, roles: ['partner'], password });
    expect(created.statusCode).toBe(201);
    for (const username of ['admin', 'hash.check']) {
      const row = await userRow(username);
      expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
      const text = JSON.stringify(row);
      expect(text).not.toContain(password);
      expect(text).not.toContain(DEMO_PASSWORD);
    }
    expect((await login(t, 'hash.check', password)).statusCode).toBe(200);
  });
});

describe('secure cookie behind a proxy', () => {
  it('is Secure when the request came over https through a trusted proxy', async () => {
    const p = await startTestApp({ env: { SAFETYNET_TRUST_PROXY: 'true' } });
    try {
      const https = await login(p, 'admin', DEMO_PASSWORD, { headers: { 'x-forwarded-proto': 'https' } });
      expect(https.statusCode).toBe(200);
      const cookie = https.cookies.find((c) => c.name === 'sn_session')!;
      expect(cookie.secure).toBe(true);
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.sameSite).toBe('Strict');
      expect(cookie.path).toBe('/');
      const http = await login(p, 'admin', DEMO_PASSWORD, { headers: { 'x-forwarded-proto': 'http' } });
      expect(http.cookies.find((c) => c.name === 'sn_session')!.secure).toBeFalsy();
    } finally {
      await p.close();
    }
  });

  it('ignores x-forwarded-proto when the proxy is not trusted', async () => {
    const res = await login(t, 'caseworker', DEMO_PASSWORD, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'sn_session')!.secure).toBeFalsy();
  });
});

describe('session', () => {
  it('/auth/me answers 200 signed in and 401 anonymous', async () => {
    const client = await t.login('supervisor');
    const me = await client.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.username).toBe('supervisor');
    expect(me.json().csrfToken).toBe(client.csrfToken);
    const anon = await t.anonymous.get('/api/v1/auth/me');
    expect(anon.statusCode).toBe(401);
    expect(anon.json()).toEqual({ message: expect.any(String) });
    const bogus = await new Client(t.app, 'sn_session=not-a-real-session', null).get('/api/v1/auth/me');
    expect(bogus.statusCode).toBe(401);
  });

  it('logout ends the session: the old cookie then gets 401', async () => {
    const client = await t.login('partner');
    const other = await t.login('partner');
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    const out = await client.post('/api/v1/auth/logout', {});
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    const cleared = out.cookies.find((c) => c.name === 'sn_session');
    expect(cleared?.value ?? '').toBe('');
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await client.get('/api/v1/organisations')).statusCode).toBe(401);
    // Only that session ended.
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('a session idle past SAFETYNET_SESSION_IDLE_MINUTES answers 401 and is removed', async () => {
    const client = await t.login('trainer');
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    const user = await userRow('trainer');
    const idle = t.config.sessionIdleMinutes + 1;
    await t.database.unguarded
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now() - make_interval(mins => ${idle})` })
      .where('user_id', '=', user.id)
      .execute();
    const res = await client.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect((await client.get('/api/v1/organisations')).statusCode).toBe(401);
    expect(await sessionCount('trainer')).toBe(0);
  });

  it('a session used within the idle time stays and is touched', async () => {
    const client = await t.login('provider');
    const user = await userRow('provider');
    await t.database.unguarded
      .updateTable('sessions')
      .set({ last_seen_at: sql<Date>`now() - make_interval(mins => ${t.config.sessionIdleMinutes - 5})` })
      .where('user_id', '=', user.id)
      .execute();
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
    const row = await t.database.unguarded.selectFrom('sessions').select('last_seen_at').where('user_id', '=', user.id).executeTakeFirstOrThrow();
    expect(Date.now() - row.last_seen_at.getTime()).toBeLessThan(60_000);
  });

  it('a session past its absolute lifetime answers 401', async () => {
    const client = await t.login('police_support');
    const user = await userRow('police_support');
    await t.database.unguarded.updateTable('sessions').set({ expires_at: sql<Date>`now() - interval '1 second'` }).where('user_id', '=', user.id).execute();
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('a POST with a valid session but no x-csrf-token is refused with 403 and creates nothing', async () => {
    const admin = await t.login('admin');
    const noToken = new Client(t.app, admin.cookie, null);
    const org = await t.database.unguarded.selectFrom('organisations').select('id').limit(1).executeTakeFirstOrThrow();
    const before = await t.database.unguarded.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await noToken.post('/api/v1/users', { username: 'csrf.victim', displayName: 'CSRF', organisationId: org.id, roles: ['admin'], password: 'long-enough-password' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ message: expect.any(String) });
    const after = await t.database.unguarded.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await t.database.unguarded.selectFrom('users').select('id').where('username', '=', 'csrf.victim').executeTakeFirst()).toBeUndefined();
  });

  it('a PATCH with a wrong x-csrf-token is refused with 403 and changes nothing', async () => {
    const admin = await t.login('admin');
    const target = await userRow('s.stoyanov');
    const wrong = await admin.request('PATCH', `/api/v1/users/${target.id}`, { roles: ['admin'] }, { 'x-csrf-token': 'x'.repeat(admin.csrfToken!.length) });
    expect(wrong.statusCode).toBe(403);
    // Another session's token is wrong too.
    const other = await t.login('admin');
    const crossed = await admin.request('PATCH', `/api/v1/users/${target.id}`, { roles: ['admin'] }, { 'x-csrf-token': other.csrfToken! });
    expect(crossed.statusCode).toBe(403);
    const empty = await admin.request('PATCH', `/api/v1/users/${target.id}`, { roles: ['admin'] }, { 'x-csrf-token': '' });
    expect(empty.statusCode).toBe(403);
    expect((await userRow('s.stoyanov')).roles).toEqual(['partner']);
  });

  it('PATCH /auth/me and POST /auth/password need the token too', async () => {
    const client = await t.login('v.georgieva');
    const noToken = new Client(t.app, client.cookie, null);
    expect((await noToken.patch('/api/v1/auth/me', { language: 'en' })).statusCode).toBe(403);
    expect((await userRow('v.georgieva')).language).toBe('bg');
    expect((await noToken.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'a-brand-new-password' })).statusCode).toBe(403);
    expect((await login(t, 'v.georgieva', DEMO_PASSWORD)).statusCode).toBe(200);
    // Logout is a change as well: without the token the session stays.
    expect((await noToken.post('/api/v1/auth/logout', {})).statusCode).toBe(403);
    expect((await client.get('/api/v1/auth/me')).statusCode).toBe(200);
  });
});

describe('failed sign-ins slow their source down', () => {
  const ATTACKER = '203.0.113.66';
  const OWNER = '198.51.100.20';
  /** Lets the running waits pass, as if time had gone by (the counters stay). */
  const waitsPass = () => t.database.unguarded.updateTable('login_throttle').set({ blocked_until: sql<Date>`now() - interval '1 second'` }).execute();

  it('wrong passwords from one address hold back that address, not the owner signing in from another', async () => {
    const max = t.config.loginMaxFailures;
    expect(max).toBe(5);
    const admin = await t.login('admin');
    for (let i = 1; i <= max; i++) expect((await login(t, 'g.petrov', `wrong-${i}`, { remoteAddress: ATTACKER })).statusCode).toBe(401);
    // That address must now wait, even with the right password (which is not even checked).
    const held = await login(t, 'g.petrov', DEMO_PASSWORD, { remoteAddress: ATTACKER });
    expect(held.statusCode).toBe(429);
    expect(held.json()).toEqual({ message: expect.stringMatching(/\S/) });
    expect(Number(held.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(held.cookies.find((c) => c.name === 'sn_session')).toBeUndefined();
    // The admin sees that sign-ins to the account are being slowed.
    const user = await userRow('g.petrov');
    const list = await admin.get('/api/v1/users?limit=200');
    expect(list.json().items.find((u: { id: string }) => u.id === user.id).lockedUntil).not.toBeNull();
    // The owner, elsewhere, signs in at once.
    const owner = await login(t, 'g.petrov', DEMO_PASSWORD, { remoteAddress: OWNER });
    expect(owner.statusCode).toBe(200);
    // Which does not lift the attacker's wait.
    expect((await login(t, 'g.petrov', DEMO_PASSWORD, { remoteAddress: ATTACKER })).statusCode).toBe(429);
  });

  it('each further failure doubles the wait, up to SAFETYNET_LOCKOUT_MINUTES', async () => {
    const from = { remoteAddress: '203.0.113.67' };
    for (let i = 1; i <= t.config.loginMaxFailures; i++) expect((await login(t, 'e.cela', `wrong-${i}`, from)).statusCode).toBe(401);
    const waits: number[] = [];
    for (let step = 0; step < 4; step++) {
      const res = await login(t, 'e.cela', 'wrong-again', from);
      expect(res.statusCode).toBe(429);
      waits.push(Number(res.headers['retry-after']));
      await waitsPass();
      expect((await login(t, 'e.cela', `wrong-after-${step}`, from)).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    // Far past the doubling the wait stops at the cap.
    await t.database.unguarded.updateTable('login_throttle').set({ failures: 60 }).where('kind', '=', 'pair').where('account', '=', accountKey('e.cela')).execute();
    await waitsPass();
    expect((await login(t, 'e.cela', 'wrong-once-more', from)).statusCode).toBe(401);
    const capped = await login(t, 'e.cela', 'wrong-again', from);
    expect(Number(capped.headers['retry-after'])).toBe(t.config.lockoutMinutes * 60);
    // The owner, elsewhere, is held back at most by the account's gentle wait (ten failures
    // have reached the account's own counter), and then signs in.
    const owner = await login(t, 'e.cela', DEMO_PASSWORD, { remoteAddress: '198.51.100.21' });
    expect(owner.statusCode).toBe(429);
    expect(Number(owner.headers['retry-after'])).toBeLessThanOrEqual(t.config.loginAccountDelaySeconds);
    await t.database.unguarded.updateTable('login_throttle').set({ blocked_until: sql<Date>`now()` }).where('kind', '=', 'account').where('key', '=', accountKey('e.cela')).execute();
    expect((await login(t, 'e.cela', DEMO_PASSWORD, { remoteAddress: '198.51.100.21' })).statusCode).toBe(200);
    expect((await login(t, 'e.cela', DEMO_PASSWORD, from)).statusCode).toBe(429);
  });

  it('a password reset by the admin ends the waits on the account', async () => {
    const from = { remoteAddress: '203.0.113.68' };
    for (let i = 0; i < t.config.loginMaxFailures; i++) await login(t, 'b.kasa', `wrong-${i}`, from);
    expect((await login(t, 'b.kasa', DEMO_PASSWORD, from)).statusCode).toBe(429);
    const admin = await t.login('admin');
    const user = await userRow('b.kasa');
    const reset = await admin.patch(`/api/v1/users/${user.id}`, { password: 'a-reset-password-123' });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().lockedUntil).toBeNull();
    expect((await login(t, 'b.kasa', DEMO_PASSWORD, from)).statusCode).toBe(401);
    expect((await login(t, 'b.kasa', 'a-reset-password-123', from)).statusCode).toBe(200);
  });

  it('a successful sign-in resets the count of its address', async () => {
    const from = { remoteAddress: '203.0.113.69' };
    for (let i = 0; i < t.config.loginMaxFailures - 1; i++) expect((await login(t, 'i.koleva', `wrong-${i}`, from)).statusCode).toBe(401);
    expect((await login(t, 'i.koleva', DEMO_PASSWORD, from)).statusCode).toBe(200);
    for (let i = 0; i < t.config.loginMaxFailures - 1; i++) expect((await login(t, 'i.koleva', `wrong-again-${i}`, from)).statusCode).toBe(401);
    expect((await login(t, 'i.koleva', DEMO_PASSWORD, from)).statusCode).toBe(200);
  });
});

describe('per-address rate limit', () => {
  it('answers 429 with a message past SAFETYNET_LOGIN_RATE_PER_MINUTE, for that address only', async () => {
    const r = await startTestApp({ env: { SAFETYNET_LOGIN_RATE_PER_MINUTE: '3' } });
    try {
      expect((await login(r, 'admin', 'wrong-password', { remoteAddress: '203.0.113.7' })).statusCode).toBe(401);
      expect((await login(r, 'monitor', 'wrong-password', { remoteAddress: '203.0.113.7' })).statusCode).toBe(401);
      expect((await login(r, 'admin', DEMO_PASSWORD, { remoteAddress: '203.0.113.7' })).statusCode).toBe(200);
      const limited = await login(r, 'admin', DEMO_PASSWORD, { remoteAddress: '203.0.113.7' });
      expect(limited.statusCode).toBe(429);
      expect(limited.json().message).toMatch(/\S/);
      expect(limited.cookies.find((c) => c.name === 'sn_session')).toBeUndefined();
      const wrongToo = await login(r, 'trainer', 'wrong-password', { remoteAddress: '203.0.113.7' });
      expect(wrongToo.statusCode).toBe(429);
      // Another address is not held back.
      expect((await login(r, 'admin', DEMO_PASSWORD, { remoteAddress: '198.51.100.9' })).statusCode).toBe(200);
    } finally {
      await r.close();
    }
  });
});

describe('own account', () => {
  it('change password: wrong current → 400 at currentPassword; too short → 400 at newPassword; success ends the other sessions only', async () => {
    const current = await t.login('n.dimitrova');
    const other = await t.login('n.dimitrova');
    const wrong = await current.post('/api/v1/auth/password', { currentPassword: 'not-my-password', newPassword: 'a-perfectly-fine-one' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/\S/);
    expect(wrong.json().issues.map((i: { path: string }) => i.path)).toEqual(['currentPassword']);
    const short = await current.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().issues.map((i: { path: string }) => i.path)).toEqual(['newPassword']);
    const same = await current.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD });
    expect(same.statusCode).toBe(400);
    expect(same.json().issues.map((i: { path: string }) => i.path)).toEqual(['newPassword']);
    // Nothing changed so far.
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect(await sessionCount('n.dimitrova')).toBe(2);

    const ok = await current.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'новата-парола-2024' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true });
    expect((await current.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect(await sessionCount('n.dimitrova')).toBe(1);
    expect((await login(t, 'n.dimitrova', DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login(t, 'n.dimitrova', 'новата-парола-2024')).statusCode).toBe(200);
    const row = await userRow('n.dimitrova');
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(JSON.stringify(row)).not.toContain('новата-парола-2024');
  });

  it('PATCH /auth/me sets the language, which persists', async () => {
    const client = await t.login('i.koleva');
    expect((await client.get('/api/v1/auth/me')).json().user.language).toBe('bg');
    const res = await client.patch('/api/v1/auth/me', { language: 'sq' });
    expect(res.statusCode).toBe(200);
    expect(res.json().user.language).toBe('sq');
    expect((await userRow('i.koleva')).language).toBe('sq');
    const again = await t.login('i.koleva');
    expect((await again.get('/api/v1/auth/me')).json().user.language).toBe('sq');
    const bad = await client.patch('/api/v1/auth/me', { language: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('language');
    expect((await userRow('i.koleva')).language).toBe('sq');
  });

  it('the own-account routes need a session', async () => {
    expect((await t.anonymous.patch('/api/v1/auth/me', { language: 'en' })).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'whatever-long-enough' })).statusCode).toBe(401);
    expect((await t.anonymous.post('/api/v1/auth/logout', {})).statusCode).toBe(401);
  });
});
