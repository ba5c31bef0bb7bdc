import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase, wrapPglite } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';
import { loadShippedReference } from '../jurisdictions/load.ts';
import { unguardedHandle } from '../policy/guard.ts';

/**
 * A fresh database per test file, on the database the suite runs on: PostgreSQL when
 * DATABASE_URL is set, PGlite in memory otherwise. Both start from a template that the global
 * set-up migrated and filled with the reference data once.
 */
// One template per test run (the global set-up names it; workers inherit the variable), so that
// two runs against one PostgreSQL server, or in one checkout, never drop each other's template.
const RUN = process.env.SAFETYNET_TEST_RUN ?? String(process.pid);
export const TEMPLATE_DB = `safetynet_test_template_${RUN}`;
export const PGLITE_TEMPLATE = path.resolve(`.tmp/pglite-template-${RUN}.tar.gz`);

/** Runs statements that cannot run inside a database's own session (CREATE/DROP DATABASE). */
async function onServer(url: string, ...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export async function dropTemplate(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) await onServer(url, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  fs.rmSync(PGLITE_TEMPLATE, { force: true });
}

export async function prepareTemplate(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    await onServer(url, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`, `CREATE DATABASE ${TEMPLATE_DB}`);
    const database = await openDatabase({ kind: 'postgres', url: withDatabase(url, TEMPLATE_DB) });
    await migrate(database);
    await loadShippedReference(database.owner);
    await database.close();
    return;
  }
  const pglite = await PGlite.create();
  const database = wrapPglite(pglite, 'template');
  await migrate(database);
  await loadShippedReference(database.owner);
  await database.owner.destroy();
  const dump = await pglite.dumpDataDir('gzip');
  fs.mkdirSync(path.dirname(PGLITE_TEMPLATE), { recursive: true });
  fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A test's database. `db` is the application's handle, guarded like the running server's: it
 * refuses child-data tables outside a Door. `unguarded` is the handle behind it, for set-up and
 * checks below the application (rows put in place or read back directly), as migrations and
 * backup work.
 */
export type TestDatabase = Database & { url: string | null; unguarded: Kysely<DB> };

export async function freshDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `safetynet_test_${randomBytes(6).toString('hex')}`;
    await onServer(url, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    const dbUrl = withDatabase(url, name);
    const database = await openDatabase({ kind: 'postgres', url: dbUrl });
    return {
      ...database,
      url: dbUrl,
      unguarded: unguardedHandle(database.db),
      async close() {
        await database.close();
        await onServer(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    };
  }
  const pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(PGLITE_TEMPLATE)]) });
  const database = wrapPglite(pglite, 'PGlite test database');
  return { ...database, url: null, unguarded: unguardedHandle(database.db) };
}
