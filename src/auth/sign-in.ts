import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { clearAfterSignIn, pendingWait, recordFailure } from './login-throttle.ts';
import { burnVerification, verifyPassword } from './passwords.ts';
import { acceptSecondFactor, atRestKey } from './totp.ts';

export type SignInResult =
  | { ok: true; userId: string; secondFactor: boolean }
  | { ok: false; retryAfterSeconds: null }
  | { ok: false; retryAfterSeconds: number };

/**
 * Checks a sign-in from `ip`. Unknown, disabled and existing users take the same path: the same
 * throttle rows are read and written, and one argon2 verification runs (against a dummy hash
 * when there is no usable account), so neither the answer nor its timing tells them apart.
 * While the source must wait, the password is not checked at all.
 *
 * A user with a second factor in force must send its code (or a recovery code) with the
 * password: a wrong or missing code is one more failure, answered exactly as a wrong password.
 * A user without one gets a session that passed no second factor (which reaches only the
 * enrolment routes if the user must have one).
 */
export async function authenticate(db: Kysely<DB>, config: Config, username: string, password: string, ip: string, code?: string): Promise<SignInResult> {
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
    const factor = await db.selectFrom('second_factors').select('enabled_at').where('user_id', '=', usable.id).executeTakeFirst();
    const enrolled = !!factor?.enabled_at;
    if (!enrolled || (code !== undefined && (await acceptSecondFactor(db, atRestKey(config), usable.id, code)))) {
      await clearAfterSignIn(db, config, username, ip);
      return { ok: true, userId: usable.id, secondFactor: enrolled };
    }
  }
  await recordFailure(db, config, username, ip);
  return { ok: false, retryAfterSeconds: null };
}
