import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError } from '../errors.ts';
import { loadUserActor } from '../policy/actor.ts';
import { SESSION_COOKIE, findSession } from './sessions.ts';
import { mustHaveSecondFactor } from './totp.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Resolves the session cookie into `request.actor`, refuses unsigned requests to non-public
 * routes (401), sessions that still owe their second factor (403, but for the routes that take
 * it) and callers without one of the route's roles (403), and checks the synchroniser
 * CSRF token on every state-changing request made with a session.
 */
export function installAuthHooks(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  // preValidation: a caller without a session or CSRF token learns nothing, not even the schema.
  app.addHook('preValidation', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    // Decide by the matched route, not the raw URL: the router decodes the path, so
    // `/api/%761/users` reaches /api/v1/users while its raw URL does not start with /api/v1/.
    if (!request.routeOptions.url?.startsWith('/api/v1/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await findSession(app.database.db, app.config, token);
      const actor = session ? await loadUserActor(app.database.db, session.userId) : null;
      if (session && actor) {
        request.session = session;
        request.actor = actor;
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    if (config.auth === 'public') return;
    if (!request.actor || !request.session) {
      return reply.code(401).send({ message: 'Sign in to continue' });
    }
    if (UNSAFE.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !sameToken(header, request.session.csrfToken)) {
        return reply.code(403).send({ message: 'Missing or invalid CSRF token; reload the page' });
      }
    }
    // A session that owes its second factor (the user has one, or must have one) reaches nothing
    // but the routes that set it up or take a code: no child data, no administration.
    const owes = !request.session.secondFactor && (request.session.enrolled || mustHaveSecondFactor(request.actor.roles, app.config));
    if (owes && !config.secondFactorStage) {
      return reply.code(403).send({ message: 'Set up or enter your second factor first' });
    }
    if (config.roles && !request.actor.roles.some((r) => config.roles!.includes(r))) {
      throw new ForbiddenError('Your role does not allow this');
    }
  });
}
