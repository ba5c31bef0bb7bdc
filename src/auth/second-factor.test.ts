import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/audit-log.ts';
import { type Client, DEMO_PASSWORD, type TestApp, startTestApp } from '../testing/app.ts';

/** The second factor through the HTTP API, on the real database: real TOTP codes from the secret. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let address = 0;
/** Each test from an address of its own: the failures one test sends do not slow another's. */
const nextAddress = () => `198.18.0.${++address}`;
const signIn = (username: string, password: string, code: string | undefined, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...(code === undefined ? {} : { code }) }, remoteAddress });
const clientOf = (res: Awaited<ReturnType<typeof signIn>>) => {
  const cookie = res.cookies.find((c) => c.name === 'sn_session')!;
  return { cookie: `sn_session=${cookie.value}`, csrf: res.json().csrfToken as string };
};
const as = (c: { cookie: string; csrf: string }, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: c.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': c.csrf }) }, payload: payload ?? (method === 'GET' ? undefined : {}) });

/** A code of the right form that is not right now (nor a step either side). */
function wrongCode(secret: string): string {
  const near = [-30, 0, 30].map((s) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + s }));
  for (let n = 0; ; n++) {
    const candidate = String((Number(near[1]) + 1 + n) % 1_000_000).padStart(6, '0');
    if (!near.includes(candidate)) return candidate;
  }
}

/**
 * The code of the next time step (accepted: ±1 step). The enrolment spent the current step's,
 * and a code is never accepted for a step at or before the last one accepted.
 */
const nextCode = (secret: string) => generateSync({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

/** Enrols `username` from a password-only session; answers the secret and the recovery codes. */
async function enrol(username: string) {
  const ip = nextAddress();
  const session = clientOf(await signIn(username, DEMO_PASSWORD, undefined, ip));
  const setup = await as(session, 'POST', '/api/v1/auth/2fa/setup');
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret, uri, qrSvg } = setup.json() as { secret: string; uri: string; qrSvg: string };
  expect(uri).toMatch(/^otpauth:\/\/totp\/Safetynet:/);
  expect(uri).toContain(`secret=${secret}`);
  expect(qrSvg).toMatch(/^<svg/);
  // Not in force until a first code confirms it: a wrong one is refused.
  const wrong = await as(session, 'POST', '/api/v1/auth/2fa/enable', { code: wrongCode(secret) });
  expect(wrong.statusCode).toBe(400);
  const enabled = await as(session, 'POST', '/api/v1/auth/2fa/enable', { code: generateSync({ secret }) });
  expect(enabled.statusCode).toBe(200);
  const recoveryCodes = enabled.json().recoveryCodes as string[];
  expect(new Set(recoveryCodes).size).toBe(10);
  return { secret, recoveryCodes, session };
}

describe('TOTP second factor', () => {
  it('is stored sealed, and then sign-in needs the password and a code, answering alike whichever is wrong', async () => {
    const { secret } = await enrol('e.cela');
    const row = await t.database.unguarded.selectFrom('second_factors as f').innerJoin('users as u', 'u.id', 'f.user_id')
      .select(['f.secret_sealed', 'f.enabled_at']).where('u.username', '=', 'e.cela').executeTakeFirstOrThrow();
    expect(row.enabled_at).not.toBeNull();
    expect(Buffer.from(row.secret_sealed).toString()).not.toContain(secret);
    const recovery = await t.database.unguarded.selectFrom('recovery_codes').select('code_hash').execute();
    expect(recovery.length).toBeGreaterThanOrEqual(10);

    const ip = nextAddress();
    const noCode = await signIn('e.cela', DEMO_PASSWORD, undefined, ip);
    const badCode = await signIn('e.cela', DEMO_PASSWORD, wrongCode(secret), ip);
    const badPassword = await signIn('e.cela', 'not-the-password', nextCode(secret), ip);
    const nobody = await signIn('nobody.at.all', 'not-the-password', '123456', ip);
    for (const res of [noCode, badCode, badPassword, nobody]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ message: 'Wrong username, password or code' });
      expect(res.cookies.find((c) => c.name === 'sn_session')).toBeUndefined();
      expect(res.body).not.toContain(secret);
    }
    const code = nextCode(secret);
    const ok = await signIn('e.cela', DEMO_PASSWORD, code, nextAddress());
    expect(ok.statusCode).toBe(200);
    expect(ok.json().secondFactor).toMatchObject({ enrolled: true, passed: true, required: false });
    expect((await as(clientOf(ok), 'GET', '/api/v1/cases?limit=1')).statusCode).toBe(200);
    // The same code again: never accepted twice, with the same answer as any wrong code.
    const replay = await signIn('e.cela', DEMO_PASSWORD, code, nextAddress());
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toEqual({ message: 'Wrong username, password or code' });
  });

  it('is rate-limited: wrong codes slow their source down like wrong passwords', async () => {
    const { secret } = await enrol('m.ivanova');
    const ip = nextAddress();
    for (let i = 0; i < t.config.loginMaxFailures; i++) expect((await signIn('m.ivanova', DEMO_PASSWORD, wrongCode(secret), ip)).statusCode).toBe(401);
    // Now even the right code is not checked from that address.
    const held = await signIn('m.ivanova', DEMO_PASSWORD, nextCode(secret), ip);
    expect(held.statusCode).toBe(429);
    expect(Number(held.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('takes each recovery code once, and makes new ones that replace the old', async () => {
    const { recoveryCodes } = await enrol('b.kasa');
    const first = await signIn('b.kasa', DEMO_PASSWORD, recoveryCodes[0]!.toUpperCase(), nextAddress());
    expect(first.statusCode).toBe(200);
    expect(first.json().secondFactor).toMatchObject({ passed: true, recoveryCodesLeft: 9 });
    expect((await signIn('b.kasa', DEMO_PASSWORD, recoveryCodes[0], nextAddress())).statusCode).toBe(401);
    const renewed = await as(clientOf(first), 'POST', '/api/v1/auth/2fa/recovery-codes');
    expect(renewed.statusCode).toBe(200);
    const fresh = renewed.json().recoveryCodes as string[];
    expect((await signIn('b.kasa', DEMO_PASSWORD, recoveryCodes[1], nextAddress())).statusCode).toBe(401);
    expect((await signIn('b.kasa', DEMO_PASSWORD, fresh[0], nextAddress())).statusCode).toBe(200);
  });

  it('cannot be set up again while in force', async () => {
    const { session } = await enrol('n.dimitrova');
    expect((await as(session, 'POST', '/api/v1/auth/2fa/setup')).statusCode).toBe(409);
  });
});

describe('admins always need it', () => {
  it('an admin who signed in with the password alone reaches nothing but the enrolment', async () => {
    const fresh = await startTestApp();
    try {
      const res = await fresh.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
      expect(res.json().secondFactor).toEqual({ enrolled: false, required: true, passed: false, recoveryCodesLeft: 0 });
      const c = clientOf(res);
      const get = (url: string) => fresh.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });
      for (const url of ['/api/v1/users', '/api/v1/organisations', '/api/v1/cases']) {
        expect([403, 404], url).toContain((await get(url)).statusCode);
      }
      expect((await get('/api/v1/users')).json()).toEqual({ message: 'Set up or enter your second factor first' });
      expect((await get('/api/v1/auth/me')).statusCode).toBe(200);
      // Enrolled, the same session reaches the admin's routes.
      const secret = (await fresh.app.inject({ method: 'POST', url: '/api/v1/auth/2fa/setup', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: {} })).json().secret as string;
      const enabled = await fresh.app.inject({ method: 'POST', url: '/api/v1/auth/2fa/enable', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf }, payload: { code: generateSync({ secret }) } });
      expect(enabled.statusCode).toBe(200);
      expect((await get('/api/v1/users')).statusCode).toBe(200);
    } finally {
      await fresh.close();
    }
  }, 120_000);

  it('the admin resets a user\'s second factor: audited, their sessions end, they sign in without it', async () => {
    const { secret } = await enrol('l.muca');
    const session = clientOf(await signIn('l.muca', DEMO_PASSWORD, nextCode(secret), nextAddress()));
    const admin = await t.login('admin');
    const id = (await t.database.unguarded.selectFrom('users').select('id').where('username', '=', 'l.muca').executeTakeFirstOrThrow()).id;
    expect((await admin.get(`/api/v1/users/${id}`)).json().secondFactor).toBe(true);
    const reset = await admin.post(`/api/v1/users/${id}/second-factor/reset`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json().secondFactor).toBe(false);
    expect((await as(session, 'GET', '/api/v1/auth/me')).statusCode).toBe(401);
    const entry = await t.database.unguarded.selectFrom('audit_log').selectAll().where('action', '=', 'second_factor_reset').where('entity_id', '=', id).executeTakeFirstOrThrow();
    expect(entry.chain).toBe('system');
    expect(JSON.stringify(entry)).not.toContain(secret);
    expect((await verifyAudit(t.database.unguarded)).ok).toBe(true);
    const again = await signIn('l.muca', DEMO_PASSWORD, undefined, nextAddress());
    expect(again.statusCode).toBe(200);
    expect(again.json().secondFactor).toMatchObject({ enrolled: false, passed: false });
    expect((await admin.post(`/api/v1/users/00000000-0000-4000-8000-000000000000/second-factor/reset`)).statusCode).toBe(404);
  });
});

describe('SAFETYNET_REQUIRE_2FA=true', () => {
  let r: TestApp;
  beforeAll(async () => {
    r = await startTestApp({ env: { SAFETYNET_REQUIRE_2FA: 'true' } });
  });
  afterAll(() => r.close());
  const passwordOnly = async (username: string) => {
    const res = await r.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: DEMO_PASSWORD } });
    return { state: res.json().secondFactor, get: (url: string) => r.app.inject({ method: 'GET', url, headers: { cookie: clientOf(res).cookie } }) };
  };

  it('every role that sees child data must enrol first; the monitor and the trainer need not', async () => {
    for (const username of ['caseworker', 'supervisor', 'partner', 'provider', 'police_support']) {
      const { state, get } = await passwordOnly(username);
      expect(state, username).toMatchObject({ required: true, passed: false });
      expect((await get('/api/v1/home')).statusCode, username).toBe(403);
      expect((await get('/api/v1/cases?limit=1')).statusCode, username).toBe(403);
    }
    for (const username of ['monitor', 'trainer']) {
      const { state, get } = await passwordOnly(username);
      expect(state, username).toMatchObject({ required: false, passed: false });
      expect((await get('/api/v1/home')).statusCode, username).toBe(200);
    }
    // Through the helper (which enrols as the web app would), the caseworker reaches the cases.
    const client: Client = await r.login('caseworker');
    expect((await client.get('/api/v1/cases?limit=1')).statusCode).toBe(200);
  });
});
