import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID provider (oidc-provider 9) on a local port, for the single sign-on tests. One
 * client (`safetynet`) with the given redirect URI; the ID token carries `amr` as a provider that
 * reports how the person authenticated does.
 *
 * Its interaction (login, then consent) is either automatic — the login is `account` as set by
 * the test (for tests driven with fetch) — or, with `pages: true`, two small HTML pages a browser
 * fills in: a login form that asks for the subject, and a consent page with an "Allow" button.
 * Either way the `amr` of the login is the test's `account.amr`.
 */
export const OIDC_CLIENT_ID = 'safetynet';
export const OIDC_CLIENT_SECRET = 'a-test-secret-of-the-local-provider';

export interface LocalOidcProvider {
  issuer: string;
  /** Who logs in automatically (without pages), and the `amr` of every login. */
  account: { sub: string; amr?: string[] };
  /** The settings that point a Safetynet app at this provider, with the given public URL. */
  env(publicUrl: string, name?: string): Record<string, string>;
  close(): Promise<void>;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1>${body}</main></body></html>`;

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startOidcProvider(options: { redirectUri: string; pages?: boolean }): Promise<LocalOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state: LocalOidcProvider = {
    issuer,
    account: { sub: 'nobody' },
    env: (publicUrl, name = 'Test ID') => ({
      SAFETYNET_OIDC_ISSUER: issuer, SAFETYNET_OIDC_CLIENT_ID: OIDC_CLIENT_ID, SAFETYNET_OIDC_CLIENT_SECRET: OIDC_CLIENT_SECRET,
      SAFETYNET_OIDC_NAME: name, SAFETYNET_PUBLIC_URL: publicUrl,
    }),
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
  const provider = new Provider(issuer, {
    clients: [{ client_id: OIDC_CLIENT_ID, client_secret: OIDC_CLIENT_SECRET, redirect_uris: [options.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: (_ctx: unknown, id: string) => ({ accountId: id, claims: () => ({ sub: id }) }),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    claims: { openid: ['sub', 'amr'] },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ['a-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
  });
  const login = (sub: string) => ({ login: { accountId: sub, ...(state.account.amr ? { amr: state.account.amr } : {}) } });
  const consent = async (session: { accountId: string } | undefined, params: Record<string, unknown>) => {
    const grant = new provider.Grant({ accountId: session!.accountId, clientId: params.client_id as string });
    grant.addOIDCScope('openid');
    return { consent: { grantId: await grant.save() } };
  };
  provider.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/interaction/')) return next();
    const { uid, prompt, params, session } = await provider.interactionDetails(ctx.req, ctx.res);
    let result: object;
    if (!options.pages) {
      result = prompt.name === 'login' ? login(state.account.sub) : await consent(session, params);
    } else if (ctx.method === 'GET') {
      ctx.type = 'html';
      ctx.body = prompt.name === 'login'
        ? page('Test ID: sign in', `<form method="post" action="/interaction/${uid}"><label for="login">Subject</label> <input id="login" name="login" autocomplete="username" required> <button type="submit">Sign in</button></form>`)
        : page('Test ID: allow Safetynet', `<p>Safetynet asks to know who you are.</p><form method="post" action="/interaction/${uid}"><button type="submit">Allow</button></form>`);
      return;
    } else {
      const body = await formBody(ctx.req);
      result = prompt.name === 'login' ? login(body.get('login') ?? '') : await consent(session, params);
    }
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: true }));
  });
  server.on('request', provider.callback());
  return state;
}
