import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserActor } from '../policy/actor.ts';
import type { App } from '../server/types.ts';
import { SESSION_COOKIE } from './sessions.ts';
import { mustHaveSecondFactor, secondFactorState } from './totp.ts';

/** The session cookie, as every sign-in sets it (password, or the identity provider). */
export function setSessionCookie(app: App, request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    maxAge: app.config.sessionMaxHours * 3600,
  });
}

/** The second factor as the web app needs it: in force, required, passed by this session. */
export async function secondFactorOf(app: App, actor: UserActor, session: { secondFactor: boolean }) {
  const state = await secondFactorState(app.database.db, actor.userId);
  return {
    enrolled: state.enrolled,
    required: mustHaveSecondFactor(actor.roles, app.config),
    passed: session.secondFactor,
    recoveryCodesLeft: state.recoveryCodesLeft,
  };
}
