import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../audit/audit-log.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { APP_ROLE } from './database.ts';

/**
 * The audit log is append-only for the application (migrations 0001 and 0007, the grants of
 * migrate): on PostgreSQL the application's login may only read it and append through the
 * functions; on PGlite, one session as the owner, the trigger stops any change.
 */
describe('the audit log is append-only', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
    await database.db.transaction().execute((tx) =>
      appendAudit(tx, [{ chain: 'system', actorId: null, actorName: 'system:test', action: 'test', entity: 'test', outcome: 'ok', detail: { n: 1 } }]),
    );
  });
  afterAll(() => database.close());

  const rowCount = async () => Number((await database.owner.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses UPDATE and DELETE through the application handle', async () => {
    await expect(database.db.updateTable('audit_log').set({ actor_name: 'forged' }).execute()).rejects.toThrow(
      database.kind === 'postgres' ? /permission denied/ : /audit_log is append-only/,
    );
    await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(
      database.kind === 'postgres' ? /permission denied/ : /audit_log is append-only/,
    );
    await expect(sql`TRUNCATE audit_log`.execute(database.db)).rejects.toThrow(
      database.kind === 'postgres' ? /permission denied/ : /audit_log is append-only/,
    );
    expect(await rowCount()).toBe(1);
    const row = await database.owner.selectFrom('audit_log').select('actor_name').executeTakeFirstOrThrow();
    expect(row.actor_name).toBe('system:test');
  });

  it('stops the owner with the append-only trigger', async () => {
    await expect(database.owner.updateTable('audit_log').set({ actor_name: 'forged' }).execute()).rejects.toThrow(/audit_log is append-only/);
    await expect(database.owner.deleteFrom('audit_log').execute()).rejects.toThrow(/audit_log is append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(database.owner)).rejects.toThrow(/audit_log is append-only/);
    expect(await rowCount()).toBe(1);
  });

  it('the application may still append; on PostgreSQL it logs in as the role that may only read the log and append through its functions', async () => {
    const who = await sql<{ u: string }>`SELECT current_user AS u`.execute(database.db);
    const privileges = await sql<{ p: string }>`
      SELECT privilege_type AS p FROM information_schema.role_table_grants
      WHERE grantee = ${APP_ROLE} AND table_name = 'audit_log' ORDER BY privilege_type`.execute(database.owner);
    if (database.kind === 'postgres') {
      expect(who.rows[0]!.u).toBe(APP_ROLE);
      expect(privileges.rows.map((r) => r.p)).toEqual(['SELECT']);
    } else {
      // PGlite is one session as the owner: the trigger is the guard (tested above).
      expect(who.rows[0]!.u).not.toBe(APP_ROLE);
      expect(privileges.rows).toEqual([]);
    }
    await database.db.transaction().execute((tx) =>
      appendAudit(tx, [{ chain: 'system', actorId: null, actorName: 'system:test', action: 'test2', entity: 'test', outcome: 'ok' }]),
    );
    expect(await rowCount()).toBe(2);
  });
});
