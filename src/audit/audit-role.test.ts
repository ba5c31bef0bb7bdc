import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROLE } from '../db/database.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { type AuditEntry, type ChainHead, GENESIS, appendAudit, appendAuditAfter, verifyAudit } from './audit-log.ts';

/**
 * The application can only append to the audit chain. On PostgreSQL it logs in as its own role,
 * which may read the log and call the append functions of migration 0007, and nothing else on
 * the log or its heads, even after RESET ROLE. On both databases the append function refuses
 * entries that do not follow the head, and moves the head only with the entries it inserts.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
  await database.db.transaction().execute((tx) => appendAudit(tx, [entry(1), entry(2)]));
});
afterAll(() => database.close());

const entry = (i: number): AuditEntry => ({ chain: 'AL', actorId: null, actorName: 'system:test', action: 'read', entity: 'test', entityId: `e-${i}`, outcome: 'ok' });
const head = async (): Promise<ChainHead> => {
  const h = await database.owner.selectFrom('audit_heads').select(['chain', 'seq', 'hash']).where('chain', '=', 'AL').executeTakeFirstOrThrow();
  return { chain: h.chain, seq: Number(h.seq), hash: h.hash };
};
const count = async () => Number((await database.owner.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('the application only appends to the audit chain', () => {
  it('on PostgreSQL, the application login may not write the heads or the log, nor become the owner again', async () => {
    const before = await head();
    const who = await sql<{ u: string; s: string }>`SELECT current_user AS u, session_user AS s`.execute(database.db);
    if (database.kind !== 'postgres') {
      // PGlite is one session as the owner: the trigger and the checkpoints are the guards there.
      expect(who.rows[0]!.u).not.toBe(APP_ROLE);
      return;
    }
    expect(who.rows[0]).toEqual({ u: APP_ROLE, s: APP_ROLE });
    const refused = [
      sql`UPDATE audit_heads SET seq = 1 WHERE chain = 'AL'`,
      sql`DELETE FROM audit_heads`,
      sql`INSERT INTO audit_heads (chain, seq, hash) VALUES ('XX', 0, ${GENESIS})`,
      sql`TRUNCATE audit_heads`,
      sql`UPDATE audit_log SET actor_name = 'forged'`,
      sql`DELETE FROM audit_log WHERE seq = 2`,
      sql`TRUNCATE audit_log`,
      sql`INSERT INTO audit_log (chain, seq, at, actor_name, action, entity, outcome, prev_hash, hash)
        VALUES ('AL', 3, now(), 'x', 'x', 'x', 'ok', 'x', 'x')`,
      sql`ALTER TABLE audit_log DISABLE TRIGGER USER`,
      sql`SELECT seq FROM audit_heads FOR UPDATE`,
    ];
    for (const statement of refused) await expect(statement.execute(database.db)).rejects.toThrow(/permission denied|must be owner/);
    // One session: RESET ROLE gives back the login's own role, never the owner; the owner cannot be taken.
    await database.db.connection().execute(async (c) => {
      await sql`RESET ROLE`.execute(c);
      expect((await sql<{ u: string }>`SELECT current_user AS u`.execute(c)).rows[0]!.u).toBe(APP_ROLE);
      await expect(sql`UPDATE audit_heads SET seq = 1 WHERE chain = 'AL'`.execute(c)).rejects.toThrow(/permission denied/);
      await expect(sql`SET ROLE postgres`.execute(c)).rejects.toThrow(/permission denied/);
      await expect(sql`SET SESSION AUTHORIZATION postgres`.execute(c)).rejects.toThrow(/permission denied/);
    });
    expect(await head()).toEqual(before);
    expect(await count()).toBe(2);
  });

  it('the append function refuses entries that do not follow the head, and writes nothing after a moved head', async () => {
    const before = await head();
    const forged = (rows: object[]) => sql`SELECT audit_append('AL', ${before.seq}, ${before.hash}, ${JSON.stringify(rows)}::jsonb)`.execute(database.db);
    const row = (seq: number, prev: string) => ({ chain: 'AL', seq, at: new Date().toISOString(), actor_name: 'x', action: 'x', entity: 'x', outcome: 'ok', detail: {}, prev_hash: prev, hash: 'h'.repeat(64) });
    await expect(forged([row(before.seq + 2, before.hash)])).rejects.toThrow(/must follow the head of chain AL/); // a gap
    await expect(forged([row(before.seq + 1, GENESIS)])).rejects.toThrow(/must follow the head/); // a fork
    await expect(forged([row(before.seq + 1, before.hash), row(before.seq + 2, before.hash)])).rejects.toThrow(/must follow the head/);
    await expect(forged([])).rejects.toThrow(/must follow the head/);
    await expect(forged([{ ...row(before.seq + 1, before.hash), chain: 'BG' }])).rejects.toThrow(/must follow the head/);
    // A head the caller believes in but that has moved: nothing is written, the head stays.
    expect(await appendAuditAfter(database.db, { ...before, seq: before.seq - 1 }, [entry(99)])).toBeNull();
    expect(await head()).toEqual(before);
    expect(await count()).toBe(2);
  });

  it('the application still appends, and the chain verifies', async () => {
    const next = await appendAuditAfter(database.db, await head(), [entry(3), entry(4)]);
    expect(next).toMatchObject({ chain: 'AL', seq: 4 });
    await database.db.transaction().execute((tx) => appendAudit(tx, [entry(5)]));
    expect(await head()).toMatchObject({ seq: 5 });
    expect(await verifyAudit(database.db)).toEqual({ ok: true, chains: 1, entries: 5 });
  });

  it('appends given no transaction take one each, so that concurrent ones never fork the chain', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => appendAudit(database.db, [entry(10 + i)])));
    expect(await head()).toMatchObject({ seq: 25 });
    expect(await verifyAudit(database.db)).toEqual({ ok: true, chains: 1, entries: 25 });
  });
});
