import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../errors.ts';
import type { DB } from './schema.ts';

/**
 * Reports from a streaming replica (issue 16 §4). With SAFETYNET_REPORTS_DATABASE_URL set, the
 * monitoring report, its exports and the services' figures are computed on a hot standby of
 * DATABASE_URL, while every write (the report's own audit entry included) goes to the primary.
 *
 * A report is never computed on a standby that has not yet replayed everything the primary had
 * flushed when the report was asked for: before each report the primary's flushed WAL position is
 * read and the standby is waited for until it has replayed that far, for at most the configured
 * bound (SAFETYNET_REPORTS_MAX_LAG_SECONDS). Beyond it the report is refused with a clear error
 * (503) — never a figure that misses an acknowledged write. A standby that is down answers the
 * same way; the rest of the application keeps working on the primary.
 */
export type ReportsReplica = {
  /** The standby's connection (read-only by nature: a hot standby refuses every write). */
  db: Kysely<DB>;
  maxLagMs: number;
  /** Where the reports are read from, for messages (never the password). */
  describe: string;
  close(): Promise<void>;
};

/** The standby is behind or down: the report waits for another try, with nothing wrong shown. */
export class ReportsUnavailableError extends AppError {
  constructor(message: string) {
    super(503, message);
  }
}

export function describeUrl(url: string): string {
  const u = new URL(url);
  return `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
}

/**
 * Opens the standby and checks, once, that it is a standby of `primary` (same system identifier,
 * in recovery): a reports URL that names another server, or the primary itself, stops the start.
 */
export async function openReportsReplica(primary: Kysely<DB>, url: string, maxLagSeconds: number): Promise<ReportsReplica> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const describe = describeUrl(url);
  try {
    const ours = await systemIdentifier(primary);
    const { rows } = await sql<{ id: string; standby: boolean }>`
      SELECT system_identifier::text AS id, pg_is_in_recovery() AS standby FROM pg_control_system()`.execute(db);
    const theirs = rows[0]!;
    if (theirs.id !== ours) throw new Error(`SAFETYNET_REPORTS_DATABASE_URL (${describe}) is not a replica of DATABASE_URL: it belongs to another cluster`);
    if (!theirs.standby) throw new Error(`SAFETYNET_REPORTS_DATABASE_URL (${describe}) is not a standby (it is not in recovery): give the hot standby's address, or leave it unset`);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { db, maxLagMs: maxLagSeconds * 1000, describe, close: () => db.destroy() };
}

async function systemIdentifier(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ id: string }>`SELECT system_identifier::text AS id FROM pg_control_system()`.execute(db);
  return rows[0]!.id;
}

const POLL_MS = 25;

/**
 * Waits until the standby has replayed every WAL record the primary had flushed on entry, for at
 * most the replica's bound; throws ReportsUnavailableError when it has not, or cannot be asked.
 */
export async function awaitReplicaCaughtUp(primary: Kysely<DB>, replica: ReportsReplica): Promise<void> {
  const target = (await sql<{ lsn: string }>`SELECT pg_current_wal_flush_lsn()::text AS lsn`.execute(primary)).rows[0]!.lsn;
  const deadline = Date.now() + replica.maxLagMs;
  for (;;) {
    let caughtUp: boolean;
    try {
      const { rows } = await sql<{ ok: boolean | null }>`SELECT pg_last_wal_replay_lsn() >= ${target}::pg_lsn AS ok`.execute(replica.db);
      caughtUp = rows[0]?.ok === true;
    } catch {
      throw new ReportsUnavailableError('The reports database (the replica) cannot be reached; reports are unavailable until it is back. Everything else works.');
    }
    if (caughtUp) return;
    if (Date.now() >= deadline) {
      throw new ReportsUnavailableError(`The reports database (the replica) is more than ${replica.maxLagMs / 1000} s behind; the report would miss recent records. Try again shortly.`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** The replica bound to a database's application handle (src/db/open.ts), for the Doors on it. */
const replicas = new WeakMap<object, ReportsReplica>();

export function attachReportsReplica(app: Kysely<DB>, replica: ReportsReplica): void {
  replicas.set(app, replica);
}

export function reportsReplicaOf(app: Kysely<DB>): ReportsReplica | undefined {
  return replicas.get(app);
}
