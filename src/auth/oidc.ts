import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import * as client from 'openid-client';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';

/**
 * Single sign-on with OpenID Connect: the authorization code flow with PKCE (S256), a state and
 * a nonce. The verifier, state and nonce wait in `oidc_logins` under the sha256 of a random
 * cookie of this browser, for ten minutes at most, and are spent by the callback (once).
 *
 * Who may sign in: only a user an administrator linked to the provider's subject (`sub`) — no
 * account is ever made from a provider's answer, and roles stay Safetynet's. The session passed
 * the second factor when the provider says it used several (`amr` holds `mfa`); otherwise a user
 * with a TOTP factor types a code next, and one who must have one and has none sets it up first.
 */
export const OIDC_COOKIE = 'sn_oidc';
const TTL_MINUTES = 10;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export const redirectUri = (config: Config) => `${config.publicUrl.replace(/\/$/, '')}/api/v1/auth/oidc/callback`;

/** The provider's metadata, fetched once per issuer (and again after a failure). */
const discovered = new Map<string, Promise<client.Configuration>>();
function providerOf(config: Config): Promise<client.Configuration> {
  const oidc = config.oidc!;
  let found = discovered.get(oidc.issuer);
  if (!found) {
    const url = new URL(oidc.issuer);
    // Plain http only for a provider on this machine (the tests' own); anywhere else, https.
    const local = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    found = client.discovery(url, oidc.clientId, oidc.clientSecret, undefined, local ? { execute: [client.allowInsecureRequests], timeout: 10 } : { timeout: 10 });
    found.catch(() => discovered.delete(oidc.issuer));
    discovered.set(oidc.issuer, found);
  }
  return found;
}

export class OidcRefusal extends Error {
  constructor(readonly reason: 'expired' | 'invalid' | 'unknown' | 'unavailable') {
    super(reason);
  }
}

/** The provider's authorization URL for a new sign-in, and the cookie that finds it again. */
export async function startSignIn(db: Kysely<DB>, config: Config): Promise<{ url: string; cookie: string }> {
  let provider: client.Configuration;
  try {
    provider = await providerOf(config);
  } catch {
    throw new OidcRefusal('unavailable');
  }
  const cookie = randomBytes(32).toString('base64url');
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await db.deleteFrom('oidc_logins').where('created_at', '<', sql<Date>`now() - make_interval(mins => ${TTL_MINUTES})`).execute();
  await db.insertInto('oidc_logins').values({ id_hash: hash(cookie), state, nonce, code_verifier: codeVerifier }).execute();
  const url = client.buildAuthorizationUrl(provider, {
    redirect_uri: redirectUri(config),
    scope: 'openid',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, cookie };
}

export type OidcIdentity = { userId: string; mfa: boolean };

/**
 * Checks the provider's answer at the callback (state, code for tokens with the PKCE verifier,
 * the ID token's signature, audience and nonce) and finds the linked, enabled user. Throws an
 * OidcRefusal, never anything that names the reason's secrets.
 */
export async function finishSignIn(db: Kysely<DB>, config: Config, cookie: string | undefined, pathAndQuery: string): Promise<OidcIdentity> {
  if (!cookie || cookie.length > 100) throw new OidcRefusal('expired');
  const pending = await db.deleteFrom('oidc_logins').where('id_hash', '=', hash(cookie))
    .where('created_at', '>=', sql<Date>`now() - make_interval(mins => ${TTL_MINUTES})`)
    .returningAll().executeTakeFirst();
  if (!pending) throw new OidcRefusal('expired');
  let provider: client.Configuration;
  try {
    provider = await providerOf(config);
  } catch {
    throw new OidcRefusal('unavailable');
  }
  let claims: client.IDToken | undefined;
  try {
    const currentUrl = new URL(pathAndQuery, `${config.publicUrl.replace(/\/$/, '')}/`);
    const tokens = await client.authorizationCodeGrant(provider, currentUrl, {
      pkceCodeVerifier: pending.code_verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    claims = tokens.claims();
  } catch (err) {
    // A network failure is the provider's; anything else (a wrong state or nonce, a refused code,
    // an error answer such as access_denied, a bad signature) is a sign-in that does not count.
    if (err instanceof TypeError && /fetch failed/i.test(err.message)) throw new OidcRefusal('unavailable');
    throw new OidcRefusal('invalid');
  }
  if (!claims?.sub) throw new OidcRefusal('invalid');
  const user = await db.selectFrom('users').select('id')
    .where('oidc_issuer', '=', config.oidc!.issuer).where('oidc_subject', '=', claims.sub).where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user) throw new OidcRefusal('unknown');
  const amr = Array.isArray(claims.amr) ? claims.amr : [];
  return { userId: user.id, mfa: amr.includes('mfa') };
}
