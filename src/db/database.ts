import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { AuditCheckpoints } from '../audit/audit-checkpoints.ts';
import { guardedHandles } from '../policy/guard.ts';
import type { DB } from './schema.ts';
import type { ReportsReplica } from './reports-replica.ts';
import { type AppLogin, appLogin } from './app-login.ts';
import { acquireDataDirLock } from './lock.ts';

// Dates stay ISO strings (a birth date has no time zone); bigint counts become numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** The login role application sessions use on PostgreSQL (src/db/app-login.ts). */
export { APP_ROLE } from './app-login.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export type Database = {
  kind: DatabaseKind;
  /**
   * The application's query handle. It refuses any query that touches a table holding child data
   * (src/policy/guard.ts): child data is reached only through a Door (src/policy/door.ts).
   */
  db: Kysely<DB>;
  /** For migrations, backup and restore (below the application, unguarded): the connection as the schema owner. */
  owner: Kysely<DB>;
  /** The role `db` logs in as on PostgreSQL, granted the application's rights by migrate; null when `db` is the owner. */
  appRole: string | null;
  /** Why `db` works as the owner on PostgreSQL (to be shown at start), or null. */
  warning: string | null;
  /** The audit checkpoints outside the database (src/audit/audit-checkpoints.ts): set by openConfiguredDatabase. */
  checkpoints: AuditCheckpoints | null;
  /** The hot standby reports are read from (SAFETYNET_REPORTS_DATABASE_URL), when there is one. */
  reports?: ReportsReplica;
  /** Where the data lives, for messages (never the password). */
  describe: string;
  close(): Promise<void>;
};

export type OpenOptions =
  | { kind: 'postgres'; url: string; appUrl?: string; poolSize?: number; appRole?: boolean }
  | { kind: 'pglite'; dataDir: string | null; command?: string };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgres') return openPostgres(options.url, options.appUrl, options.poolSize ?? 10, options.appRole ?? true);
  return openPglite(options.dataDir, options.command ?? 'safetynet');
}

/**
 * An idle pooled connection that the server ends (a restart, an administrator's termination, a
 * dropped test database) makes the pool emit 'error'; unhandled, that event would end the
 * process. The pool has already discarded the connection and opens a new one for the next query,
 * where a lasting fault surfaces as that query's error.
 */
function idleErrorsHandled(pool: pg.Pool): pg.Pool {
  pool.on('error', () => undefined);
  return pool;
}

async function openPostgres(url: string, appUrl: string | undefined, poolSize: number, appRole: boolean): Promise<Database> {
  const ownerPool = idleErrorsHandled(new pg.Pool({ connectionString: url, max: 2 }));
  const owner = new Kysely<DB>({ dialect: new PostgresDialect({ pool: ownerPool }) });
  let login: AppLogin = { url, role: null, warning: null };
  try {
    if (appRole) login = await appLogin(owner, url, appUrl);
  } catch (err) {
    await owner.destroy();
    throw err;
  }
  const { db, unguarded } = guardedHandles(new PostgresDialect({ pool: idleErrorsHandled(new pg.Pool({ connectionString: login.url, max: poolSize })) }));
  const parsed = new URL(url);
  return {
    kind: 'postgres',
    db,
    owner,
    appRole: login.role,
    warning: login.warning,
    checkpoints: null,
    describe: `PostgreSQL ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    async close() {
      await unguarded.destroy();
      await owner.destroy();
    },
  };
}

async function openPglite(dataDir: string | null, command: string): Promise<Database> {
  const release = dataDir ? acquireDataDirLock(dataDir, command) : () => {};
  try {
    const pglite = dataDir ? await PGlite.create(`${dataDir}/pgdata`) : await PGlite.create();
    return wrapPglite(pglite, dataDir ? `embedded PGlite in ${dataDir}` : 'embedded PGlite in memory', release);
  } catch (err) {
    release();
    throw err;
  }
}

/** A Database over an open PGlite instance; closing it closes the instance, then runs `after`. */
export function wrapPglite(pglite: PGlite, describe: string, after: () => void = () => {}): Database {
  // PGlite is one session: a pool of one connection serialises every query and transaction.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const { db, unguarded } = guardedHandles(new PostgresDialect({ pool }));
  return {
    kind: 'pglite',
    db,
    owner: unguarded,
    appRole: null,
    warning: null,
    checkpoints: null,
    describe,
    async close() {
      await unguarded.destroy();
      await pglite.close();
      after();
    },
  };
}
