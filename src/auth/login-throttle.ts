import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';

/**
 * Failed sign-ins slow their source down; they never shut the account's owner out.
 *
 * Three counters take every failure, whether the user name exists or not (the same rows, the
 * same statements, so the answers cannot tell accounts apart):
 * - the pair (account, address): after `loginMaxFailures` failures each further failure doubles
 *   the wait before that address may try that account again (1 s, 2 s, 4 s, …), at most
 *   `lockoutMinutes`;
 * - the address, across accounts: the same from 4 × `loginMaxFailures` failures;
 * - the account, from any address: the same from 2 × `loginMaxFailures` failures, but at most
 *   `loginAccountDelaySeconds` — a gentle brake on guessing from many addresses, which an
 *   attacker cannot turn into a lockout: the owner waits at most that long after the last failure.
 * While a wait runs, attempts get 429 without their password being checked. Every counter
 * forgives one failure per FORGIVE_SECONDS without one (an office behind one address, with the
 * odd typo, never builds up a wait). A successful sign-in clears the account's counter and the
 * pair's for the address it came from (not the address's own, nor other addresses' pairs: one's
 * own account must not launder guesses at others, nor the owner's sign-in an attacker's).
 */
export type ThrottleKind = 'address' | 'account' | 'pair';
type Key = { key: string; kind: ThrottleKind; account: string | null; free: number; capSeconds: number };

export const FORGIVE_SECONDS = 300;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The hash that keys an account's rows, for the lower-cased user name as typed. */
export const accountKey = (username: string) => sha256(`account\0${username.toLowerCase()}`);

/**
 * The address a guess comes from: an IPv4 address, or the /64 of an IPv6 address (one
 * subscriber usually holds a whole /64, so single addresses would be free to rotate).
 */
export function addressOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function keysFor(config: Config, username: string, ip: string): Key[] {
  const account = accountKey(username);
  const address = addressOf(ip);
  const slow = config.lockoutMinutes * 60;
  return [
    { key: sha256(`pair\0${account}\0${address}`), kind: 'pair', account, free: config.loginMaxFailures, capSeconds: slow },
    { key: sha256(`address\0${address}`), kind: 'address', account: null, free: 4 * config.loginMaxFailures, capSeconds: slow },
    { key: account, kind: 'account', account, free: 2 * config.loginMaxFailures, capSeconds: config.loginAccountDelaySeconds },
  ];
}

/** The wait (seconds, 0 when none) after the n-th failure in a row. */
export function delayAfter(failures: number, free: number, capSeconds: number): number {
  if (failures < free) return 0;
  return Math.min(capSeconds, 2 ** Math.min(failures - free, 40));
}

/** Seconds the source must still wait before its next attempt (0: go ahead). */
export async function pendingWait(db: Kysely<DB>, config: Config, username: string, ip: string): Promise<number> {
  const keys = keysFor(config, username, ip).map((k) => k.key);
  const row = await db
    .selectFrom('login_throttle')
    .select(sql<number>`coalesce(max(extract(epoch from (blocked_until - now()))), 0)`.as('wait'))
    .where('key', 'in', keys)
    .where('blocked_until', '>', sql<Date>`now()`)
    .executeTakeFirstOrThrow();
  return Math.ceil(Number(row.wait));
}

/** Counts a failure on the pair, the address and the account (one statement each, same for all names). */
export async function recordFailure(db: Kysely<DB>, config: Config, username: string, ip: string): Promise<void> {
  for (const k of keysFor(config, username, ip)) {
    const next = sql<number>`(greatest(t.failures - floor(extract(epoch from now() - t.last_failure_at) / ${FORGIVE_SECONDS})::int, 0) + 1)`;
    await sql`
      INSERT INTO login_throttle AS t (key, kind, account, failures, last_failure_at, blocked_until)
      VALUES (${k.key}, ${k.kind}, ${k.account}, 1, now(), now() + make_interval(secs => ${delayAfter(1, k.free, k.capSeconds)}))
      ON CONFLICT (key) DO UPDATE SET
        failures = ${next},
        last_failure_at = now(),
        blocked_until = now() + make_interval(secs => CASE WHEN ${next} < ${k.free} THEN 0
          ELSE least(${k.capSeconds}::float8, power(2, least(${next} - ${k.free}, 40))) END)`.execute(db);
  }
  // Rows whose failures are all forgiven and whose wait has passed go.
  await db
    .deleteFrom('login_throttle')
    .where(sql<boolean>`last_failure_at < now() - make_interval(secs => failures * ${FORGIVE_SECONDS})`)
    .where('blocked_until', '<', sql<Date>`now()`)
    .execute();
}

/** After a successful sign-in: the account's counter and this address's pair start again. */
export async function clearAfterSignIn(db: Kysely<DB>, config: Config, username: string, ip: string): Promise<void> {
  const keys = keysFor(config, username, ip).filter((k) => k.kind !== 'address').map((k) => k.key);
  await db.deleteFrom('login_throttle').where('key', 'in', keys).execute();
}

/** After an admin enables the account or sets its password: every wait on the account ends. */
export async function clearAccount(db: Kysely<DB>, username: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('account', '=', accountKey(username)).execute();
}

/** Until when sign-ins to these accounts are slowed (from any address), by lower-cased user name. */
export async function slowedUntil(db: Kysely<DB>, usernames: string[]): Promise<Map<string, Date>> {
  if (usernames.length === 0) return new Map();
  const byKey = new Map(usernames.map((u) => [accountKey(u), u.toLowerCase()]));
  const rows = await db
    .selectFrom('login_throttle')
    .select(['account', sql<Date>`max(blocked_until)`.as('until')])
    .where('account', 'in', [...byKey.keys()])
    .where('blocked_until', '>', sql<Date>`now()`)
    .groupBy('account')
    .execute();
  return new Map(rows.map((r) => [byKey.get(r.account!)!, new Date(r.until)]));
}
