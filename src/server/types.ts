import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { SessionInfo } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Role } from '../domain/roles.ts';
import type { UserActor } from '../policy/actor.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public' routes need no session; others need one, and `roles` narrows who may call. */
    auth?: 'public';
    roles?: readonly Role[];
    /** Reachable by a session that still owes its second factor (setting it up, or typing a code). */
    secondFactorStage?: true;
  }
  interface FastifyRequest {
    actor: UserActor | null;
    session: SessionInfo | null;
  }
  interface FastifyInstance {
    database: Database;
    config: Config;
  }
}

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;
