import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import bg from '../domain/i18n/locales/bg/auth2.json' with { type: 'json' };
import en from '../domain/i18n/locales/en/auth2.json' with { type: 'json' };
import sq from '../domain/i18n/locales/sq/auth2.json' with { type: 'json' };
import { ErrorBody } from '../domain/common-schema.ts';
import { loadUserActor } from '../policy/actor.ts';
import type { App } from '../server/types.ts';
import { OIDC_COOKIE, OidcRefusal, finishSignIn, startSignIn } from './oidc.ts';
import { setSessionCookie } from './session-answer.ts';
import { createSession } from './sessions.ts';

const tags = ['auth'];
const STATUS = { expired: 400, invalid: 400, unknown: 403, unavailable: 502 } as const;
const COOKIE_PATH = '/api/v1/auth/oidc';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The refusal as a small page in the three languages (the server does not know the reader's yet). */
function refusalPage(reason: OidcRefusal['reason']): string {
  const parts = [['sq', sq], ['bg', bg], ['en', en]] as const;
  const blocks = parts.map(([lang, s]) => `<section lang="${lang}"><h2>${escape(s.auth2.sso.refusedTitle)}</h2><p>${escape(s.auth2.sso.refused[reason])}</p><p><a href="/">${escape(s.auth2.sso.back)}</a></p></section>`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Safetynet</title></head><body><main><h1>Safetynet</h1>${blocks.join('')}</main></body></html>`;
}

/** An HTML page, outside the JSON answers the route's schema describes. */
const refuse = (reply: unknown, reason: OidcRefusal['reason']) =>
  (reply as FastifyReply).code(STATUS[reason]).type('text/html; charset=utf-8').send(refusalPage(reason));

/**
 * Single sign-on routes (oidc.ts): whether it is configured (for the sign-in page's button; no
 * secrets), the start that sends the browser to the provider, and the callback that signs the
 * linked user in through the same sessions as a password sign-in. Refusals are pages with a 4xx
 * status (502 only when the provider cannot be reached).
 */
export async function oidcRoutes(app: App) {
  app.get('/auth/oidc', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getSingleSignOn', tags, summary: 'Whether sign-in with the identity provider is offered, and its name',
      response: { 200: z.object({ enabled: z.boolean(), name: z.string().nullable() }) },
    },
    handler: async () => ({ enabled: app.config.oidc !== null, name: app.config.oidc?.name ?? null }),
  });

  app.get('/auth/oidc/start', {
    config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { operationId: 'startSingleSignOn', tags, summary: 'Sends the browser to the identity provider (authorization code with PKCE)', response: { 404: ErrorBody } },
    handler: async (request, reply) => {
      if (!app.config.oidc) return reply.code(404).send({ message: 'Single sign-on is not configured' });
      try {
        const { url, cookie } = await startSignIn(app.database.db, app.config);
        // Lax, not Strict: the provider's redirect back is a cross-site navigation.
        reply.setCookie(OIDC_COOKIE, cookie, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: 600 });
        return reply.redirect(url, 302);
      } catch (err) {
        if (!(err instanceof OidcRefusal)) throw err;
        return refuse(reply, err.reason);
      }
    },
  });

  app.get('/auth/oidc/callback', {
    config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { operationId: 'finishSingleSignOn', tags, summary: 'The identity provider\'s redirect back: signs a linked user in, or refuses with a page', response: { 404: ErrorBody } },
    handler: async (request, reply) => {
      if (!app.config.oidc) return reply.code(404).send({ message: 'Single sign-on is not configured' });
      reply.clearCookie(OIDC_COOKIE, { path: COOKIE_PATH });
      try {
        const identity = await finishSignIn(app.database.db, app.config, request.cookies[OIDC_COOKIE], request.url.replace(/^\/+/, '/'));
        const actor = await loadUserActor(app.database.db, identity.userId);
        if (!actor) throw new OidcRefusal('unknown');
        const { token } = await createSession(app.database.db, app.config, identity.userId, identity.mfa);
        setSessionCookie(app, request, reply, token);
        // The web app reads the session (and whether it still owes a second factor) from /auth/me.
        return reply.redirect('/', 302);
      } catch (err) {
        if (!(err instanceof OidcRefusal)) throw err;
        request.log.info({ refusal: err.reason }, 'single sign-on refused');
        return refuse(reply, err.reason);
      }
    },
  });
}
