import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { withDatabase } from '../testing/database.ts';
import { APP_ROLE, appPassword } from './app-login.ts';
import { openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

/**
 * How the application logs in to PostgreSQL: its own role, whose password is derived from the
 * owner's; a named login with SAFETYNET_APP_DATABASE_URL; and, when the owner may not create
 * roles, the owner itself with a warning that says so.
 */
const PG_URL = process.env.DATABASE_URL;

async function onServer(...statements: string[]): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    for (const s of statements) await admin.query(s);
  } finally {
    await admin.end();
  }
}

function asUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  return u.toString();
}

describe('the application login', () => {
  it('has a password derived from the owner\'s: the same for every process, another for another owner password, none without one', () => {
    const a = appPassword('postgres://owner:secret@db:5432/safetynet');
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(appPassword('postgres://owner:secret@elsewhere:5433/other')).toBe(a);
    expect(appPassword('postgres://owner:other@db:5432/safetynet')).not.toBe(a);
    expect(a).not.toContain('secret');
    const saved = process.env.PGPASSWORD;
    delete process.env.PGPASSWORD;
    try {
      expect(appPassword('postgres://owner@db:5432/safetynet')).toBeNull();
    } finally {
      if (saved !== undefined) process.env.PGPASSWORD = saved;
    }
  });

  it('on PostgreSQL: an owner that may not create roles works as itself, with a warning; a named login gets the application\'s rights', async () => {
    if (!PG_URL) return; // PGlite has no logins: one session as the owner.
    const tag = randomBytes(5).toString('hex');
    const owner = `safetynet_test_owner_${tag}`;
    const app = `safetynet_test_app_${tag}`;
    const name = `safetynet_test_login_${tag}`;
    await onServer(
      `CREATE ROLE ${owner} LOGIN PASSWORD 'owner-${tag}' NOCREATEROLE`,
      `CREATE ROLE ${app} LOGIN PASSWORD 'app-${tag}'`,
      `CREATE DATABASE ${name} OWNER ${owner}`,
    );
    const ownerUrl = asUser(withDatabase(PG_URL, name), owner, `owner-${tag}`);
    try {
      const restricted = await openDatabase({ kind: 'postgres', url: ownerUrl });
      try {
        expect(restricted.appRole).toBeNull();
        expect(restricted.warning).toMatch(new RegExp(`works as the database owner, because ${owner} may not create roles and the ${APP_ROLE} login does not work`));
        expect(restricted.warning).toMatch(/SAFETYNET_APP_DATABASE_URL/);
        await migrate(restricted);
        expect((await sql<{ u: string }>`SELECT current_user AS u`.execute(restricted.db)).rows[0]!.u).toBe(owner);
      } finally {
        await restricted.close();
      }

      const named = await openDatabase({ kind: 'postgres', url: ownerUrl, appUrl: asUser(withDatabase(PG_URL, name), app, `app-${tag}`) });
      try {
        expect(named).toMatchObject({ appRole: app, warning: null });
        await migrate(named);
        expect((await sql<{ u: string }>`SELECT current_user AS u`.execute(named.db)).rows[0]!.u).toBe(app);
        await expect(sql`UPDATE audit_heads SET seq = 0`.execute(named.db)).rejects.toThrow(/permission denied/);
        await named.db.selectFrom('jurisdictions').select('code').execute();
        await sql`SELECT audit_head_lock('system')`.execute(named.db);
      } finally {
        await named.close();
      }
    } finally {
      await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `DROP ROLE IF EXISTS ${app}`, `DROP ROLE IF EXISTS ${owner}`);
    }
  });
});
