import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { type AuditEntry, appendAudit, verifyAudit } from './audit-log.ts';

/**
 * The hash chain at the function level: a chain built with appendAudit verifies, and each kind
 * of tampering (a changed field, a removed entry, a reorder, a cut tail) is named at the first
 * entry that no longer holds. Each case starts on a fresh database; tampering goes through the
 * owner connection with the append-only trigger switched off, as an attacker with owner
 * rights would.
 */
let database: TestDatabase | null = null;
afterEach(async () => {
  await database?.close();
  database = null;
});

const entry = (chain: string, i: number): AuditEntry => ({
  chain,
  actorId: null,
  actorName: 'system:test',
  action: `action_${i}`,
  entity: 'test',
  entityId: `${chain}-${i}`,
  outcome: 'ok',
  detail: { i, fields: ['a', 'b'], note: `entry ${i} of ${chain}` },
});

/** Three chains of five entries each, written in several transactions and mixed batches. */
async function buildChains(): Promise<TestDatabase> {
  const d = await freshDatabase();
  database = d;
  for (let i = 1; i <= 5; i++) {
    await d.db.transaction().execute((tx) => appendAudit(tx, [entry('AL', i), entry('system', i), entry('BG', i)]));
  }
  const ok = await verifyAudit(d.db);
  expect(ok).toEqual({ ok: true, chains: 3, entries: 15 });
  return d;
}

/** Runs tampering SQL as the owner with the append-only trigger off, then turns it back on. */
async function tamper(d: TestDatabase, statements: ReturnType<typeof sql>[]): Promise<void> {
  await d.owner.transaction().execute(async (tx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(tx);
    for (const s of statements) await s.execute(tx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(tx);
  });
}

describe('audit chain verification', () => {
  it('verifies an untouched chain, also in small batches', async () => {
    const d = await buildChains();
    expect(await verifyAudit(d.db, 2)).toEqual({ ok: true, chains: 3, entries: 15 });
    const seqs = await d.db.selectFrom('audit_log').select('seq').where('chain', '=', 'BG').orderBy('seq').execute();
    expect(seqs.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5]);
  });

  it('names the entry whose field was changed', async () => {
    const d = await buildChains();
    await tamper(d, [sql`UPDATE audit_log SET detail = jsonb_set(detail, '{note}', '"rewritten"') WHERE chain = 'BG' AND seq = 3`]);
    const result = await verifyAudit(d.db);
    expect(result).toMatchObject({ ok: false, chain: 'BG', seq: 3 });
    expect(result.ok === false && result.problem).toMatch(/changed/);
  });

  it('names the entry whose actor was changed, even in a small batch', async () => {
    const d = await buildChains();
    await tamper(d, [sql`UPDATE audit_log SET actor_name = 'someone else' WHERE chain = 'system' AND seq = 4`]);
    const result = await verifyAudit(d.db, 2);
    expect(result).toMatchObject({ ok: false, chain: 'system', seq: 4 });
    expect(result.ok === false && result.problem).toMatch(/changed/);
  });

  it('names the missing entry when one is deleted from the middle', async () => {
    const d = await buildChains();
    await tamper(d, [sql`DELETE FROM audit_log WHERE chain = 'AL' AND seq = 2`]);
    const result = await verifyAudit(d.db);
    expect(result).toMatchObject({ ok: false, chain: 'AL', seq: 2 });
    expect(result.ok === false && result.problem).toMatch(/entry 2 is missing/);
  });

  it('detects two entries whose contents were swapped (reordered)', async () => {
    const d = await buildChains();
    // Entries 2 and 3 trade places: each row keeps its own hash and prev_hash, only the order changes.
    await tamper(d, [
      sql`UPDATE audit_log SET seq = -3 WHERE chain = 'system' AND seq = 3`,
      sql`UPDATE audit_log SET seq = 3 WHERE chain = 'system' AND seq = 2`,
      sql`UPDATE audit_log SET seq = 2 WHERE chain = 'system' AND seq = -3`,
    ]);
    const moved = await d.db.selectFrom('audit_log').select('action').where('chain', '=', 'system').where('seq', '=', 2).executeTakeFirstOrThrow();
    expect(moved.action).toBe('action_3');
    const result = await verifyAudit(d.db);
    expect(result).toMatchObject({ ok: false, chain: 'system', seq: 2 });
    expect(result.ok === false && result.problem).toMatch(/removed or reordered/);
  });

  it('detects a cut tail: the last entry deleted', async () => {
    const d = await buildChains();
    await tamper(d, [sql`DELETE FROM audit_log WHERE chain = 'BG' AND seq = 5`]);
    const result = await verifyAudit(d.db);
    expect(result).toMatchObject({ ok: false, chain: 'BG', seq: 5 });
    expect(result.ok === false && result.problem).toMatch(/ends at 4 but 5 entries were written/);
  });

  it('detects a cut tail even when the head was rewound to a forged value', async () => {
    const d = await buildChains();
    await tamper(d, [
      sql`DELETE FROM audit_log WHERE chain = 'AL' AND seq = 5`,
      sql`UPDATE audit_heads SET seq = 4 WHERE chain = 'AL'`,
    ]);
    const result = await verifyAudit(d.db);
    expect(result).toMatchObject({ ok: false, chain: 'AL', seq: 5 });
  });

  it('a chain wholly removed from the log is still missed at entry 1 through its head', async () => {
    const d = await buildChains();
    await tamper(d, [sql`DELETE FROM audit_log WHERE chain = 'AL'`]);
    const result = await verifyAudit(d.db);
    expect(result).toMatchObject({ ok: false, chain: 'AL', seq: 1 });
  });
});
