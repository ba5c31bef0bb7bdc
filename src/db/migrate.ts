import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Transaction } from 'kysely';
import { APP_ROLE, type Database } from './database.ts';
import type { DB } from './schema.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type Migration = { version: string; name: string; sql: string; checksum: string };

export function listMigrations(): Migration[] {
  return fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.slice(5, -4),
        sql: text,
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

/**
 * Applies the plain-SQL migrations in order, each in its own transaction, and refuses to run
 * when an applied migration's file has changed since. Returns the versions it applied.
 */
export async function migrate(database: Database): Promise<string[]> {
  const owner = database.owner;
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`.execute(owner);
  const applied: string[] = [];
  await owner.transaction().execute(async (tx) => {
    // Two servers starting at once on one PostgreSQL database must not both migrate.
    await sql`SELECT pg_advisory_xact_lock(724242)`.execute(tx);
    const done = new Map(
      (await tx.selectFrom('schema_migrations').selectAll().execute()).map((m) => [m.version, m]),
    );
    for (const m of listMigrations()) {
      const prior = done.get(m.version);
      if (prior) {
        if (prior.checksum !== m.checksum) {
          throw new Error(`Migration ${m.version}_${m.name} was changed after it was applied; add a new migration instead.`);
        }
        continue;
      }
      await sql.raw(m.sql).execute(tx);
      await tx.insertInto('schema_migrations').values({ version: m.version, name: m.name, checksum: m.checksum }).execute();
      applied.push(m.version);
    }
    if (database.kind === 'postgres') await grantAppRole(tx);
  });
  return applied;
}

/** The application role may read and write its tables, but only SELECT and INSERT the audit log. */
async function grantAppRole(tx: Transaction<DB>) {
  const { rows } = await sql<{ can: boolean }>`
    SELECT rolsuper OR rolcreaterole AS can FROM pg_roles WHERE rolname = current_user`.execute(tx);
  if (!rows[0]?.can) return; // a restricted owner: the append-only trigger still guards the log
  await sql.raw(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
        CREATE ROLE ${APP_ROLE} NOLOGIN;
      END IF;
    END $$`).execute(tx);
  await sql.raw(`GRANT ${APP_ROLE} TO current_user`).execute(tx).catch(() => undefined);
  await sql.raw(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`).execute(tx);
  await sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`).execute(tx);
  await sql.raw(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APP_ROLE}`).execute(tx);
  await sql.raw(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${APP_ROLE}`).execute(tx);
  await sql.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`).execute(tx);
}
