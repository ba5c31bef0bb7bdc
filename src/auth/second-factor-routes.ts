import QRCode from 'qrcode';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-log.ts';
import { ErrorBody } from '../domain/common-schema.ts';
import { ConflictError, ForbiddenError } from '../errors.ts';
import type { UserActor } from '../policy/actor.ts';
import { actorName } from '../policy/actor.ts';
import type { App } from '../server/types.ts';
import { SessionAnswer } from '../users/users-schema.ts';
import { meOf } from '../users/users-service.ts';
import { clearAfterSignIn, pendingWait, recordFailure } from './login-throttle.ts';
import { secondFactorOf } from './session-answer.ts';
import { markSecondFactor } from './sessions.ts';
import { acceptSecondFactor, acceptTotp, atRestKey, newRecoveryCodes, startEnrolment } from './totp.ts';

const tags = ['auth'];
const CodeBody = z.strictObject({ code: z.string().trim().min(1).max(20) });
const Setup = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
const stage = { secondFactorStage: true as const, rateLimit: { max: 30, timeWindow: '1 minute' } };

async function audit(app: App, actor: UserActor, action: string) {
  await appendAudit(app.database.db, [{
    chain: 'system', actorId: actor.userId, actorName: actorName(actor), action, entity: 'user', entityId: actor.userId, outcome: 'ok', detail: {},
  }]);
}

/**
 * The signed-in user's second factor: set it up (a new secret, shown once as a QR code and as
 * text), confirm it with a first code (which gives the ten recovery codes, shown once), take a
 * code in a session that owes one (after single sign-on), and make new recovery codes. Wrong
 * codes count as failed sign-ins of the account (login-throttle.ts): the same slow-down.
 */
export async function secondFactorRoutes(app: App) {
  const key = () => atRestKey(app.config);
  const db = () => app.database.db;

  /** A wrong code is a failed sign-in; while the source must wait, no code is checked. */
  async function throttled(actor: UserActor, ip: string, check: () => Promise<boolean>): Promise<'ok' | 'wrong' | number> {
    const wait = await pendingWait(db(), app.config, actor.username, ip);
    if (wait > 0) return wait;
    if (await check()) {
      await clearAfterSignIn(db(), app.config, actor.username, ip);
      return 'ok';
    }
    await recordFailure(db(), app.config, actor.username, ip);
    return 'wrong';
  }
  const refuse = (reply: import('fastify').FastifyReply, outcome: 'wrong' | number) => {
    if (typeof outcome === 'number') {
      reply.header('retry-after', String(outcome));
      return reply.code(429).send({ message: `Too many wrong codes. Try again in ${outcome} seconds.` });
    }
    return reply.code(400).send({ message: 'The code is not right', issues: [{ path: 'code', message: 'is not right', code: 'secondFactor.wrongCode' }] });
  };

  app.post('/auth/2fa/setup', {
    config: stage,
    schema: {
      operationId: 'startSecondFactor', tags, summary: 'A new TOTP secret for the signed-in user (not in force until confirmed with a code)',
      body: z.strictObject({}).optional(), response: { 200: Setup, 409: ErrorBody },
    },
    handler: async (request) => {
      const actor = request.actor!;
      const started = await startEnrolment(db(), key(), actor.userId, actor.username);
      if (!started) throw new ConflictError('A second factor is already in force; an administrator can reset it');
      return { ...started, qrSvg: await QRCode.toString(started.uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }) };
    },
  });

  app.post('/auth/2fa/enable', {
    config: stage,
    schema: {
      operationId: 'enableSecondFactor', tags, summary: 'Puts the new secret in force with a first code; answers the ten recovery codes, once',
      body: CodeBody, response: { 200: RecoveryCodes, 400: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const outcome = await throttled(actor, request.ip, () => acceptTotp(db(), key(), actor.userId, request.body.code, false));
      if (outcome !== 'ok') return refuse(reply, outcome);
      const recoveryCodes = await newRecoveryCodes(db(), key(), actor.userId);
      await markSecondFactor(db(), request.session!.idHash);
      await audit(app, actor, 'second_factor_enrol');
      return { recoveryCodes };
    },
  });

  app.post('/auth/2fa/verify', {
    config: stage,
    schema: {
      operationId: 'verifySecondFactor', tags, summary: 'A code (or a recovery code) for a session that owes one, e.g. after single sign-on',
      body: CodeBody, response: { 200: SessionAnswer, 400: ErrorBody, 409: ErrorBody, 429: ErrorBody },
    },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const session = request.session!;
      if (!session.enrolled) throw new ConflictError('Set up the second factor first');
      if (!session.secondFactor) {
        const outcome = await throttled(actor, request.ip, () => acceptSecondFactor(db(), key(), actor.userId, request.body.code));
        if (outcome !== 'ok') return refuse(reply, outcome);
        await markSecondFactor(db(), session.idHash);
      }
      return { user: await meOf(db(), actor), csrfToken: session.csrfToken, secondFactor: await secondFactorOf(app, actor, { secondFactor: true }) };
    },
  });

  app.post('/auth/2fa/recovery-codes', {
    config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: {
      operationId: 'renewRecoveryCodes', tags, summary: 'Ten new recovery codes in place of the old ones; answered once',
      body: z.strictObject({}).optional(), response: { 200: RecoveryCodes, 403: ErrorBody },
    },
    handler: async (request) => {
      const actor = request.actor!;
      if (!request.session!.enrolled || !request.session!.secondFactor) throw new ForbiddenError('Set up the second factor first');
      const recoveryCodes = await newRecoveryCodes(db(), key(), actor.userId);
      await audit(app, actor, 'recovery_codes_renew');
      return { recoveryCodes };
    },
  });
}
