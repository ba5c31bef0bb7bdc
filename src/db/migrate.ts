import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Transaction } from 'kysely';
import { quoteIdent } from './app-login.ts';
import type { Database } from './database.ts';
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
    if (database.kind === 'postgres' && database.appRole) await grantAppRole(tx, database.appRole);
  });
  return applied;
}

/**
 * The application's login may read and write its tables, but only read the audit log and its
 * heads: it appends through the functions of migration 0007, which run as the owner.
 * Grants are per database, so every migrated database gets them (the role is cluster-wide).
 */
async function grantAppRole(tx: Transaction<DB>, role: string) {
  const app = quoteIdent(role);
  await sql.raw(`GRANT USAGE ON SCHEMA public TO ${app}`).execute(tx);
  await sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`).execute(tx);
  await sql.raw(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_log, audit_heads, schema_migrations FROM ${app}`).execute(tx);
  await sql.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`).execute(tx);
  await sql.raw(`GRANT EXECUTE ON FUNCTION audit_head_lock(text), audit_append(text, bigint, text, jsonb) TO ${app}`).execute(tx);
}
