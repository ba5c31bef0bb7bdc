import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { clearAfterSignIn, pendingWait, recordFailure } from './login-throttle.ts';
import { burnVerification, verifyPassword } from './passwords.ts';

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; retryAfterSeconds: null }
  | { ok: false; retryAfterSeconds: number };

/**
 * Checks a sign-in from `ip`. Unknown, disabled and existing users take the same path: the same
 * throttle rows are read and written, and one argon2 verification runs (against a dummy hash
 * when there is no usable account), so neither the answer nor its timing tells them apart.
 * While the source must wait, the password is not checked at all.
 */
export async function authenticate(db: Kysely<DB>, config: Config, username: string, password: string, ip: string): Promise<SignInResult> {
  const wait = await pendingWait(db, config, username, ip);
  if (wait > 0) return { ok: false, retryAfterSeconds: wait };
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'disabled_at'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  const usable = user && !user.disabled_at ? user : null;
  const valid = usable ? await verifyPassword(usable.password_hash, password) : (await burnVerification(password), false);
  if (usable && valid) {
    await clearAfterSignIn(db, config, username, ip);
    return { ok: true, userId: usable.id };
  }
  await recordFailure(db, config, username, ip);
  return { ok: false, retryAfterSeconds: null };
}
