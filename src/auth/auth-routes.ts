import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { ErrorBody, Ok } from '../domain/common-schema.ts';
import { ChangePasswordBody, LoginBody, MePatch, SessionAnswer } from '../users/users-schema.ts';
import { loadUserActor } from '../policy/actor.ts';
import type { App } from '../server/types.ts';
import { changeOwnPassword, meOf, setLanguage } from '../users/users-service.ts';
import { SESSION_COOKIE, createSession, endSession } from './sessions.ts';
import { authenticate } from './sign-in.ts';
import { secondFactorOf, setSessionCookie } from './session-answer.ts';
import { secondFactorRoutes } from './second-factor-routes.ts';
import { oidcRoutes } from './oidc-routes.ts';

const tags = ['auth'];
const WRONG = 'Wrong username, password or code';

export async function authRoutes(app: App) {
  await app.register(rateLimit, { global: false });
  await secondFactorRoutes(app);
  await oidcRoutes(app);

  app.post('/auth/login', {
    config: {
      auth: 'public',
      // Per address, whatever the outcome; failures also slow their source down (login-throttle.ts).
      rateLimit: { max: app.config.loginRatePerMinute, timeWindow: '1 minute' },
    },
    schema: {
      operationId: 'login',
      tags,
      summary: 'Sign in; sets an HttpOnly session cookie',
      body: LoginBody,
      response: { 200: SessionAnswer, 401: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const { username, password, code } = request.body;
      const result = await authenticate(app.database.db, app.config, username, password, request.ip, code);
      if (!result.ok) {
        if (result.retryAfterSeconds !== null) {
          reply.header('retry-after', String(result.retryAfterSeconds));
          return reply.code(429).send({ message: `Too many failed sign-in attempts. Try again in ${result.retryAfterSeconds} seconds.` });
        }
        // One answer for a wrong password and a wrong or missing code: it never says which.
        return reply.code(401).send({ message: WRONG });
      }
      const actor = await loadUserActor(app.database.db, result.userId);
      if (!actor) return reply.code(401).send({ message: WRONG });
      const { token, csrfToken } = await createSession(app.database.db, app.config, result.userId, result.secondFactor);
      setSessionCookie(app, request, reply, token);
      const state = { secondFactor: result.secondFactor, enrolled: result.secondFactor };
      return { user: await meOf(app.database.db, actor), csrfToken, secondFactor: await secondFactorOf(app, actor, state) };
    },
  });

  app.get('/auth/me', {
    config: { auth: 'public' },
    schema: { operationId: 'getMe', tags, response: { 200: SessionAnswer, 401: ErrorBody } },
    handler: async (request, reply) => {
      if (!request.actor || !request.session) return reply.code(401).send({ message: 'Sign in to continue' });
      return { user: await meOf(app.database.db, request.actor), csrfToken: request.session.csrfToken, secondFactor: await secondFactorOf(app, request.actor, request.session) };
    },
  });

  app.patch('/auth/me', {
    config: { secondFactorStage: true },
    schema: { operationId: 'updateMe', tags, body: MePatch, response: { 200: SessionAnswer } },
    handler: async (request) => {
      await setLanguage(app.database.db, request.actor!, request.body.language);
      return { user: await meOf(app.database.db, request.actor!), csrfToken: request.session!.csrfToken, secondFactor: await secondFactorOf(app, request.actor!, request.session!) };
    },
  });

  app.post('/auth/logout', {
    config: { secondFactorStage: true },
    schema: { operationId: 'logout', tags, body: z.strictObject({}).optional(), response: { 200: Ok } },
    handler: async (request, reply) => {
      await endSession(app.database.db, request.session!.idHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  });

  app.post('/auth/password', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { operationId: 'changePassword', tags, body: ChangePasswordBody, response: { 200: Ok, 400: ErrorBody } },
    handler: async (request) => {
      await changeOwnPassword(app.database.db, request.actor!, request.body.currentPassword, request.body.newPassword, request.session!.idHash);
      return { ok: true as const };
    },
  });
}
