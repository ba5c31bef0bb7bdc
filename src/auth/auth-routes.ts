import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import { ErrorBody, Ok } from '../domain/common-schema.ts';
import { ChangePasswordBody, LoginBody, MePatch, SessionAnswer } from '../users/users-schema.ts';
import { loadUserActor } from '../policy/actor.ts';
import type { App } from '../server/types.ts';
import { changeOwnPassword, meOf, setLanguage } from '../users/users-service.ts';
import { SESSION_COOKIE, createSession, endSession } from './sessions.ts';
import { authenticate } from './sign-in.ts';

const tags = ['auth'];

export async function authRoutes(app: App) {
  await app.register(rateLimit, { global: false });

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
      const { username, password } = request.body;
      const result = await authenticate(app.database.db, app.config, username, password, request.ip);
      if (!result.ok) {
        if (result.retryAfterSeconds !== null) {
          reply.header('retry-after', String(result.retryAfterSeconds));
          return reply.code(429).send({ message: `Too many failed sign-in attempts. Try again in ${result.retryAfterSeconds} seconds.` });
        }
        return reply.code(401).send({ message: 'Wrong username or password' });
      }
      const actor = await loadUserActor(app.database.db, result.userId);
      if (!actor) return reply.code(401).send({ message: 'Wrong username or password' });
      const { token, csrfToken } = await createSession(app.database.db, app.config, result.userId);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: app.config.sessionMaxHours * 3600,
      });
      return { user: await meOf(app.database.db, actor), csrfToken };
    },
  });

  app.get('/auth/me', {
    config: { auth: 'public' },
    schema: { operationId: 'getMe', tags, response: { 200: SessionAnswer, 401: ErrorBody } },
    handler: async (request, reply) => {
      if (!request.actor || !request.session) return reply.code(401).send({ message: 'Sign in to continue' });
      return { user: await meOf(app.database.db, request.actor), csrfToken: request.session.csrfToken };
    },
  });

  app.patch('/auth/me', {
    schema: { operationId: 'updateMe', tags, body: MePatch, response: { 200: SessionAnswer } },
    handler: async (request) => {
      await setLanguage(app.database.db, request.actor!, request.body.language);
      return { user: await meOf(app.database.db, request.actor!), csrfToken: request.session!.csrfToken };
    },
  });

  app.post('/auth/logout', {
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
