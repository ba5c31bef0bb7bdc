import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { generateSecret, generateURI, verify } from 'otplib';
import { type AttachmentKey, loadAttachmentKey, open, seal } from '../attachments/attachment-crypto.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import type { Role } from '../domain/roles.ts';
import { CHILD_DATA_ROLES } from '../users/role-grants.ts';

/**
 * The second factor: TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits; a code of the step
 * before or after is accepted for clock drift) and ten one-time recovery codes.
 *
 * - The secret is sealed with AES-256-GCM under the deployment's at-rest key, the one attachments
 *   use (SAFETYNET_ATTACHMENT_KEY or the data directory's key file), with the user's id as
 *   additional data: a secret copied to another user's row does not open.
 * - A code is accepted only for a time step later than the last one accepted, by one UPDATE that
 *   checks and moves `last_step` at once: two requests with the same code cannot both pass.
 * - Recovery codes are 50 random bits each, so a slow password hash adds nothing against
 *   guessing them; they are kept as an HMAC-SHA256 under a key derived from the at-rest key (a
 *   copy of the database alone cannot even test a guess). Each is spent by one UPDATE.
 */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
export const RECOVERY_CODE_COUNT = 10;
export const ISSUER = 'Safetynet';

const keys = new Map<string, AttachmentKey>();
export function atRestKey(config: Config): AttachmentKey {
  const id = `${config.attachmentKey ?? ''}\0${config.dataDir}`;
  let key = keys.get(id);
  if (!key) {
    key = loadAttachmentKey({ envKey: config.attachmentKey, dataDir: config.dataDir });
    keys.set(id, key);
  }
  return key;
}

/** Who must have a second factor: admins always; every role that sees child data when the deployment says so. */
export function mustHaveSecondFactor(roles: readonly Role[], config: Config): boolean {
  return roles.includes('admin') || (config.require2fa && roles.some((r) => (CHILD_DATA_ROLES as readonly string[]).includes(r)));
}

const aad = (userId: string) => `second-factor\0${userId}`;

/** A new secret for the user, not yet in force: replaces any earlier unconfirmed one. */
export async function startEnrolment(db: Kysely<DB>, key: AttachmentKey, userId: string, username: string) {
  const secret = generateSecret();
  const sealed = seal(key, Buffer.from(secret), aad(userId));
  const values = { key_id: sealed.keyId, secret_iv: sealed.iv, secret_tag: sealed.tag, secret_sealed: sealed.ciphertext, enabled_at: null, last_step: null };
  const done = await db
    .insertInto('second_factors')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...values, created_at: sql`now()` }).where('second_factors.enabled_at', 'is', null))
    .returning('user_id')
    .executeTakeFirst();
  if (!done) return null;
  return { secret, uri: generateURI({ issuer: ISSUER, label: username, secret, period: TOTP_PERIOD, digits: TOTP_DIGITS }) };
}

type Row = { key_id: string; secret_iv: Buffer; secret_tag: Buffer; secret_sealed: Buffer };
function secretOf(key: AttachmentKey, userId: string, row: Row): string {
  return open(key, { keyId: row.key_id, iv: row.secret_iv, tag: row.secret_tag, ciphertext: row.secret_sealed }, aad(userId)).toString();
}

/** The time step a 6-digit code is right for (±1 step), or null. */
async function stepOf(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, period: TOTP_PERIOD, digits: TOTP_DIGITS, epochTolerance: TOTP_PERIOD });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/**
 * Checks a TOTP code against the user's secret — the one in force (`enabled`) or the one being
 * set up — and, when right, records its time step in the same statement that checks it was not
 * used: true only for a right code of a step later than any accepted before.
 */
export async function acceptTotp(db: Kysely<DB>, key: AttachmentKey, userId: string, code: string, enabled: boolean): Promise<boolean> {
  const row = await db.selectFrom('second_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
  if (!row || (row.enabled_at !== null) !== enabled) return false;
  const step = await stepOf(secretOf(key, userId, row), code.trim());
  if (step === null) return false;
  const moved = await db
    .updateTable('second_factors')
    .set({ last_step: step, ...(enabled ? {} : { enabled_at: sql`now()` }) })
    .where('user_id', '=', userId)
    .where('enabled_at', enabled ? 'is not' : 'is', null)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .returning('user_id')
    .executeTakeFirst();
  return moved !== undefined;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const normalise = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');
function recoveryHash(key: AttachmentKey, code: string): string {
  const derived = createHmac('sha256', key.key).update('safetynet recovery codes').digest();
  return createHmac('sha256', derived).update(normalise(code)).digest('hex');
}

/** Ten new recovery codes (replacing all earlier ones); the codes themselves are returned once, never stored. */
export async function newRecoveryCodes(db: Kysely<DB>, key: AttachmentKey, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  await db.insertInto('recovery_codes').values(codes.map((c) => ({ user_id: userId, code_hash: recoveryHash(key, c) }))).execute();
  return codes;
}

/** Spends a recovery code: true once per code. */
export async function spendRecoveryCode(db: Kysely<DB>, key: AttachmentKey, userId: string, code: string): Promise<boolean> {
  if (normalise(code).length !== 10) return false;
  const spent = await db
    .updateTable('recovery_codes')
    .set({ used_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('code_hash', '=', recoveryHash(key, code))
    .where('used_at', 'is', null)
    .returning('user_id')
    .executeTakeFirst();
  return spent !== undefined;
}

/** A code typed at sign-in: six digits are a TOTP code, anything else a recovery code. */
export async function acceptSecondFactor(db: Kysely<DB>, key: AttachmentKey, userId: string, code: string): Promise<boolean> {
  return /^\s*\d{6}\s*$/.test(code) ? acceptTotp(db, key, userId, code, true) : spendRecoveryCode(db, key, userId, code);
}

export async function secondFactorState(db: Kysely<DB>, userId: string) {
  const row = await db.selectFrom('second_factors').select('enabled_at').where('user_id', '=', userId).executeTakeFirst();
  const left = await db
    .selectFrom('recovery_codes')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { enrolled: !!row?.enabled_at, recoveryCodesLeft: Number(left.n) };
}

/** Removes the user's second factor and recovery codes (an admin's reset). */
export async function removeSecondFactor(db: Kysely<DB>, userId: string): Promise<boolean> {
  await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const gone = await db.deleteFrom('second_factors').where('user_id', '=', userId).returning('user_id').executeTakeFirst();
  return gone !== undefined;
}

export const randomToken = () => randomBytes(32).toString('base64url');
