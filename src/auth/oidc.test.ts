import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, type TestApp, startTestApp } from '../testing/app.ts';
import { type LocalOidcProvider, startOidcProvider } from '../testing/oidc-provider.ts';
import { readerLanguage } from './oidc-routes.ts';

/**
 * Single sign-on against a real OpenID provider (oidc-provider) on a local port, driven with
 * fetch: its authorization endpoint, a minimal interaction that logs the test's account in (with
 * or without `amr: mfa`), consent, and the redirect back to Safetynet's callback.
 */
const PUBLIC_URL = 'http://127.0.0.1:9';
const REDIRECT = `${PUBLIC_URL}/api/v1/auth/oidc/callback`;
let provider: LocalOidcProvider;
let issuer: string;
let t: TestApp;
let admin: Client;

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUri: REDIRECT });
  issuer = provider.issuer;
  t = await startTestApp({ env: provider.env(PUBLIC_URL) });
  admin = await t.login('admin');
}, 60_000);
afterAll(async () => {
  await t.close();
  await provider.close();
});

/** Follows the provider's redirects (keeping its cookies) until it sends the browser back to Safetynet. */
async function throughProvider(authorizeUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizeUrl;
  for (let hop = 0; hop < 20; hop++) {
    if (url.startsWith(REDIRECT)) return new URL(url);
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair = ''] = c.split(';');
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (value && !/expires=Thu, 01 Jan 1970/i.test(c)) jar.set(name, value);
      else jar.delete(name);
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`the provider answered ${res.status} at ${new URL(url).pathname}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}

/** Start at Safetynet, sign in at the provider as `sub`; answers the callback's path and the start cookie. */
async function providerAnswer(sub: string, amr?: string[]) {
  provider.account = { sub, ...(amr ? { amr } : {}) };
  const start = await t.anonymous.get('/api/v1/auth/oidc/start');
  expect(start.statusCode).toBe(302);
  const authorize = new URL(start.headers.location as string);
  expect(authorize.origin).toBe(issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('state')).toBeTruthy();
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  const cookie = start.cookies.find((c) => c.name === 'sn_oidc')!;
  expect(cookie.httpOnly).toBe(true);
  const back = await throughProvider(authorize.href);
  return { path: `${back.pathname}${back.search}`, cookie: `sn_oidc=${cookie.value}` };
}
const callback = (path: string, cookie?: string) =>
  t.app.inject({ method: 'GET', url: path, headers: cookie ? { cookie } : {} });
const sessionOf = (res: Awaited<ReturnType<typeof callback>>) => {
  const c = res.cookies.find((x) => x.name === 'sn_session');
  return c ? `sn_session=${c.value}` : null;
};
async function link(username: string, subject: string | null) {
  const id = (await t.database.unguarded.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const res = await admin.request('PUT', `/api/v1/users/${id}/oidc`, { subject });
  expect(res.statusCode).toBe(200);
  return res;
}

describe('single sign-on with a real OpenID provider', () => {
  it('tells the sign-in page it is offered, without secrets', async () => {
    const res = await t.anonymous.get('/api/v1/auth/oidc');
    expect(res.json()).toEqual({ enabled: true, name: 'Test ID' });
  });

  it('signs in a user the admin linked, with Safetynet\'s roles; audited link', async () => {
    const linked = await link('caseworker', 'sub-caseworker');
    expect(linked.json().oidcSubject).toBe('sub-caseworker');
    expect(await t.database.unguarded.selectFrom('audit_log').select('action').where('action', '=', 'oidc_link').executeTakeFirst()).toBeTruthy();
    const { path, cookie } = await providerAnswer('sub-caseworker');
    const res = await callback(path, cookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const session = sessionOf(res)!;
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session } });
    expect(me.json().user).toMatchObject({ username: 'caseworker', roles: ['caseworker'] });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=1', headers: { cookie: session } })).statusCode).toBe(200);
    // The start cookie is spent: the same answer again is refused.
    const again = await callback(path, cookie);
    expect(again.statusCode).toBe(400);
    expect(sessionOf(again)).toBeNull();
  });

  it('refuses a subject no admin linked, with a clear page and no session', async () => {
    const { path, cookie } = await providerAnswer('sub-stranger');
    const res = await callback(path, cookie);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('No Safetynet account is linked to this identity');
    expect(res.body).toContain('<html lang="sq">');
    // The reader's language first (here the answer again, spent: the expired sign-in's page).
    const inBulgarian = await t.app.inject({ method: 'GET', url: path, headers: { cookie, 'accept-language': 'bg-BG,bg;q=0.9' } });
    expect(inBulgarian.statusCode).toBe(400);
    expect(inBulgarian.body).toContain('<html lang="bg">');
    expect(inBulgarian.body.indexOf('lang="bg"><h2>')).toBeLessThan(inBulgarian.body.indexOf('lang="sq"><h2>'));
    expect(sessionOf(res)).toBeNull();
  });

  it('refuses a tampered state, a wrong nonce and a missing start cookie with 400, never 5xx', async () => {
    await link('supervisor', 'sub-supervisor');
    const one = await providerAnswer('sub-supervisor');
    const tampered = one.path.replace(/state=([^&]+)/, 'state=not-the-state');
    const res = await callback(tampered, one.cookie);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('could not be verified');
    expect(sessionOf(res)).toBeNull();

    const two = await providerAnswer('sub-supervisor');
    // The nonce this browser's sign-in expects is not the one the provider put in the ID token.
    await t.database.unguarded.updateTable('oidc_logins').set({ nonce: 'another-nonce' }).execute();
    const wrongNonce = await callback(two.path, two.cookie);
    expect(wrongNonce.statusCode).toBe(400);
    expect(sessionOf(wrongNonce)).toBeNull();

    const three = await providerAnswer('sub-supervisor');
    expect((await callback(three.path)).statusCode).toBe(400);
    expect((await callback('/api/v1/auth/oidc/callback?code=x&state=y', 'sn_oidc=made-up')).statusCode).toBe(400);
    expect((await callback('/api/v1/auth/oidc/callback?error=access_denied', three.cookie)).statusCode).toBe(400);
  });

  it('an admin who signed in with the provider still types Safetynet\'s code, unless the provider asserts MFA', async () => {
    await link('admin', 'sub-admin');
    const plain = await providerAnswer('sub-admin', ['pwd']);
    const session = sessionOf(await callback(plain.path, plain.cookie))!;
    const get = (url: string, cookie: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect((await get('/api/v1/users', session)).statusCode).toBe(403);
    const me = await get('/api/v1/auth/me', session);
    expect(me.json().secondFactor).toMatchObject({ enrolled: true, required: true, passed: false });
    const verify = await t.app.inject({
      method: 'POST', url: '/api/v1/auth/2fa/verify', headers: { cookie: session, 'x-csrf-token': me.json().csrfToken },
      payload: { code: t.secondFactorOf('admin')!.recoveryCode() },
    });
    expect(verify.statusCode).toBe(200);
    expect((await get('/api/v1/users', session)).statusCode).toBe(200);

    const mfa = await providerAnswer('sub-admin', ['pwd', 'mfa']);
    expect((await get('/api/v1/users', sessionOf(await callback(mfa.path, mfa.cookie))!)).statusCode).toBe(200);
  });

  it('a disabled or unlinked user can no longer sign in with the provider', async () => {
    await link('caseworker', null);
    const { path, cookie } = await providerAnswer('sub-caseworker');
    expect((await callback(path, cookie)).statusCode).toBe(403);
  });
});

describe('the refusal page\'s language', () => {
  it('is the browser\'s first of sq, bg and en by weight, as the web app picks it; Albanian otherwise', () => {
    expect(readerLanguage('bg-BG,bg;q=0.9,en;q=0.8')).toBe('bg');
    expect(readerLanguage('de-DE,en-GB;q=0.7,sq;q=0.9')).toBe('sq');
    expect(readerLanguage('en-US;q=0.5,bg;q=0.4')).toBe('en');
    expect(readerLanguage('de,fr;q=0.8')).toBe('sq');
    expect(readerLanguage('bg;q=0,en')).toBe('en');
    expect(readerLanguage(undefined)).toBe('sq');
  });
});

describe('without single sign-on configured', () => {
  it('offers none and its routes answer 404', async () => {
    const plain = await startTestApp({ seed: false });
    try {
      expect((await plain.anonymous.get('/api/v1/auth/oidc')).json()).toEqual({ enabled: false, name: null });
      expect((await plain.anonymous.get('/api/v1/auth/oidc/start')).statusCode).toBe(404);
      expect((await plain.anonymous.get('/api/v1/auth/oidc/callback?code=x&state=y')).statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
