import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import bg from '../domain/i18n/locales/bg/auth2.json' with { type: 'json' };
import en from '../domain/i18n/locales/en/auth2.json' with { type: 'json' };
import sq from '../domain/i18n/locales/sq/auth2.json' with { type: 'json' };
import { ErrorBody } from '../domain/common-schema.ts';
import { LANGUAGES, type Language, isLanguage } from '../domain/i18n/languages.ts';
import { loadUserActor } from '../policy/actor.ts';
import type { App } from '../server/types.ts';
import { OIDC_COOKIE, OidcRefusal, finishSignIn, startSignIn } from './oidc.ts';
import { setSessionCookie } from './session-answer.ts';
import { createSession } from './sessions.ts';

const tags = ['auth'];
const STATUS = { expired: 400, invalid: 400, unknown: 403, unavailable: 502 } as const;
const COOKIE_PATH = '/api/v1/auth/oidc';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The reader's language as the web app picks it (the browser's first of sq, bg and en, else
 * Albanian), from Accept-Language and its weights.
 */
export function readerLanguage(acceptLanguage: string | undefined): Language {
  const tags = (acceptLanguage ?? '').split(',').map((part, i) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    return { base: tag.slice(0, 2).toLowerCase(), q: Number.isFinite(q) ? q : 0, i };
  });
  tags.sort((a, b) => b.q - a.q || a.i - b.i);
  return tags.find((t) => t.q > 0 && isLanguage(t.base))?.base as Language | undefined ?? 'sq';
}

/**
 * The refusal as a small page in the reader's language first, then the other two (the server
 * does not know the reader; the browser's language may not be theirs).
 */
function refusalPage(reason: OidcRefusal['reason'], language: Language): string {
  const strings = { sq, bg, en };
  const order = [language, ...LANGUAGES.filter((l) => l !== language)];
  const blocks = order.map((lang) => {
    const s = strings[lang].auth2.sso;
    return `<section lang="${lang}"><h2>${escape(s.refusedTitle)}</h2><p>${escape(s.refused[reason])}</p><p><a href="/">${escape(s.back)}</a></p></section>`;
  });
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Safetynet</title></head><body><main><h1>Safetynet</h1>${blocks.join('')}</main></body></html>`;
}

/** An HTML page, outside the JSON answers the route's schema describes. */
const refuse = (request: FastifyRequest, reply: unknown, reason: OidcRefusal['reason']) =>
  (reply as FastifyReply).code(STATUS[reason]).type('text/html; charset=utf-8')
    .send(refusalPage(reason, readerLanguage(request.headers['accept-language'])));

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
        return refuse(request, reply, err.reason);
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
        return refuse(request, reply, err.reason);
      }
    },
  });
}
