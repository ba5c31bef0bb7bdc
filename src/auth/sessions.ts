import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';

/**
 * Server-side sessions. The cookie holds a random token; the table holds only its hash, the
 * synchroniser CSRF token, and the times for the idle and absolute time-outs.
 */
export const SESSION_COOKIE = 'sn_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Kysely<DB>, config: Config, userId: string, secondFactor = false) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      id_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      second_factor: secondFactor,
      expires_at: new Date(Date.now() + config.sessionMaxHours * 3_600_000),
    })
    .execute();
  return { token, csrfToken };
}

/** `secondFactor`: the session passed one; `enrolled`: the user has one in force. */
export type SessionInfo = { idHash: string; userId: string; csrfToken: string; secondFactor: boolean; enrolled: boolean };

/** The live session for a cookie token, touched; null when absent, idle too long or expired. */
export async function findSession(db: Kysely<DB>, config: Config, token: string): Promise<SessionInfo | null> {
  if (token.length > 100) return null;
  const idHash = hashToken(token);
  const row = await db
    .selectFrom('sessions as s')
    .leftJoin('second_factors as f', 'f.user_id', 's.user_id')
    .selectAll('s')
    .select('f.enabled_at as factor_enabled_at')
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  const now = Date.now();
  if (row.expires_at.getTime() <= now || row.last_seen_at.getTime() + config.sessionIdleMinutes * 60_000 <= now) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  // Touch at most once a minute: the idle clock needs no finer grain, the database no extra writes.
  if (now - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('sessions').set({ last_seen_at: sql`now()` }).where('id_hash', '=', idHash).execute();
  }
  return { idHash, userId: row.user_id, csrfToken: row.csrf_token, secondFactor: row.second_factor, enrolled: row.factor_enabled_at !== null };
}

/** The session passed the second factor. */
export async function markSecondFactor(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.updateTable('sessions').set({ second_factor: true }).where('id_hash', '=', idHash).execute();
}

export async function endSession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function endUserSessions(db: Kysely<DB>, userId: string, keep?: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(!!keep, (q) => q.where('id_hash', '!=', keep!))
    .execute();
}

export async function purgeExpiredSessions(db: Kysely<DB>, config: Config): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<=', sql<Date>`now()`),
        eb('last_seen_at', '<=', sql<Date>`now() - make_interval(mins => ${config.sessionIdleMinutes})`),
      ]),
    )
    .execute();
}
