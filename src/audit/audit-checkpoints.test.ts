import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { AuditCheckpoints } from './audit-checkpoints.ts';
import { type AuditEntry, appendAudit, entryHash, verifyAudit } from './audit-log.ts';

/**
 * Checkpoints outside the database catch what the database's owner can hide from the chain
 * alone: the tail cut and the head rewound to the new last entry, or the whole chain rewritten
 * with recomputed hashes. Tampering goes through the owner connection with the append-only
 * trigger off, as an attacker with the owner's (or a superuser's) rights would.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-checkpoints-test-'));
let database: TestDatabase | null = null;
afterEach(async () => {
  await database?.close();
  database = null;
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let files = 0;
const newFile = () => path.join(tmp, `c${++files}`, 'audit-checkpoints.jsonl');

const entry = (chain: string, i: number): AuditEntry => ({
  chain, actorId: null, actorName: 'system:test', action: `action_${i}`, entity: 'test', entityId: `${chain}-${i}`, outcome: 'ok', detail: { i },
});

async function append(d: TestDatabase, from: number, to: number): Promise<void> {
  for (let i = from; i <= to; i++) await d.db.transaction().execute((tx) => appendAudit(tx, [entry('AL', i), entry('system', i)]));
}

async function asOwner(d: TestDatabase, statements: ReturnType<typeof sql>[]): Promise<void> {
  await d.owner.transaction().execute(async (tx) => {
    await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(tx);
    for (const s of statements) await s.execute(tx);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(tx);
  });
}

/** Cuts a chain after entry `keep` and sets its head to that entry, so the chain alone looks whole. */
async function cutAndRewind(d: TestDatabase, chain: string, keep: number): Promise<void> {
  await asOwner(d, [
    sql`DELETE FROM audit_log WHERE chain = ${chain} AND seq > ${keep}`,
    sql`UPDATE audit_heads SET seq = ${keep}, hash = (SELECT hash FROM audit_log WHERE chain = ${chain} AND seq = ${keep}) WHERE chain = ${chain}`,
  ]);
}

describe('audit checkpoints outside the database', () => {
  it('find a tail cut with its head rewound, which the chain alone cannot', async () => {
    const d = (database = await freshDatabase());
    const checkpoints = new AuditCheckpoints(newFile());
    await append(d, 1, 6);
    await checkpoints.sweep(d.db);
    expect((await verifyAudit(d.db, undefined, checkpoints.read().checkpoints))).toEqual({ ok: true, chains: 2, entries: 12 });

    await cutAndRewind(d, 'AL', 4);
    expect(await verifyAudit(d.db)).toEqual({ ok: true, chains: 2, entries: 10 }); // the chain alone is fooled
    const result = await verifyAudit(d.db, undefined, checkpoints.read().checkpoints);
    expect(result).toMatchObject({ ok: false, chain: 'AL', seq: 5 });
    expect(result.ok === false && result.problem).toMatch(/^the chain ends at 4 but the checkpoint of \S+ recorded entry 6 \(entries removed from its end and its head rewound\)$/);

    // The application goes on appending after the cut: entry 6 comes again, but not the one checkpointed.
    await append(d, 7, 8);
    const later = await verifyAudit(d.db, undefined, checkpoints.read().checkpoints);
    expect(later).toMatchObject({ ok: false, chain: 'AL', seq: 6 });
    expect(later.ok === false && later.problem).toMatch(/differs from the checkpoint/);
  });

  it('find a chain rewritten whole with recomputed hashes, and a chain deleted with its head', async () => {
    const d = (database = await freshDatabase());
    const checkpoints = new AuditCheckpoints(newFile());
    await append(d, 1, 3);
    await checkpoints.sweep(d.db);
    // Rewrite what entry 2 of AL says, then recompute its hash and every later one, and the head.
    await asOwner(d, [sql`UPDATE audit_log SET actor_name = 'someone else' WHERE chain = 'AL' AND seq = 2`]);
    const rows = await d.owner.selectFrom('audit_log').selectAll().where('chain', '=', 'AL').orderBy('seq').execute();
    let prev = '0'.repeat(64);
    for (const r of rows) {
      const hash = entryHash({ ...r, seq: Number(r.seq), at: r.at.toISOString(), prev_hash: prev });
      await asOwner(d, [sql`UPDATE audit_log SET prev_hash = ${prev}, hash = ${hash} WHERE chain = 'AL' AND seq = ${r.seq}`]);
      prev = hash;
    }
    await asOwner(d, [sql`UPDATE audit_heads SET hash = ${prev} WHERE chain = 'AL'`]);
    expect(await verifyAudit(d.db)).toMatchObject({ ok: true });
    const rewritten = await verifyAudit(d.db, undefined, checkpoints.read().checkpoints);
    expect(rewritten).toMatchObject({ ok: false, chain: 'AL', seq: 3 });
    expect(rewritten.ok === false && rewritten.problem).toMatch(/differs from the checkpoint of .+ \(the chain was rewritten\)/);

    await asOwner(d, [sql`DELETE FROM audit_log WHERE chain = 'system'`, sql`DELETE FROM audit_heads WHERE chain = 'system'`]);
    await asOwner(d, [sql`DELETE FROM audit_log WHERE chain = 'AL'`, sql`DELETE FROM audit_heads WHERE chain = 'AL'`]);
    const gone = await verifyAudit(d.db, undefined, checkpoints.read().checkpoints);
    expect(gone).toMatchObject({ ok: false, chain: 'AL', seq: 1 });
    expect(gone.ok === false && gone.problem).toMatch(/recorded entry 3 \(entries removed from its end and its head deleted\)/);
  });

  it('only ever append, a line per moved head, and keep reading past a line cut short by a crash', async () => {
    const d = (database = await freshDatabase());
    const file = newFile();
    const checkpoints = new AuditCheckpoints(file);
    await append(d, 1, 2);
    await checkpoints.sweep(d.db);
    await checkpoints.sweep(d.db); // nothing moved: nothing written
    expect(fs.readFileSync(file, 'utf8').trimEnd().split('\n')).toHaveLength(2);
    fs.appendFileSync(file, '{"chain":"AL","seq":9'); // a crash in the middle of a line
    await append(d, 3, 3);
    await new AuditCheckpoints(file).sweep(d.db); // another process
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 2).every((l) => JSON.parse(l).seq === 2)).toBe(true);
    const { checkpoints: latest } = checkpoints.read();
    expect([...latest.values()].map((c) => [c.chain, c.seq])).toEqual([['AL', 3], ['system', 3]]);
    expect(await verifyAudit(d.db, undefined, latest)).toEqual({ ok: true, chains: 2, entries: 6 });
    // A sweep that finds a head behind what this process recorded reports it.
    await cutAndRewind(d, 'system', 1);
    expect(await checkpoints.sweep(d.db)).toEqual([{ chain: 'system', from: 2, to: 1 }]);
  });

  it('while started (the server), record the heads as they move, say when one goes back, and once more when stopped', async () => {
    const d = (database = await freshDatabase());
    const checkpoints = new AuditCheckpoints(newFile());
    const reports: string[] = [];
    checkpoints.start(d.db, (m) => reports.push(m), 20);
    await append(d, 1, 2);
    await expect.poll(() => checkpoints.read().checkpoints.get('AL')?.seq, { timeout: 10_000 }).toBe(2);
    await cutAndRewind(d, 'AL', 1);
    await expect.poll(() => reports, { timeout: 10_000 }).toEqual([
      'The head of audit chain AL went back from entry 2 to 1: run "safetynet audit verify".',
    ]);
    await append(d, 3, 5);
    await checkpoints.stop(d.db);
    expect(checkpoints.read().checkpoints.get('system')?.seq).toBe(5);
  });

  it('after a restore, hold the log to the restored heads, not to the log it replaced', async () => {
    const d = (database = await freshDatabase());
    const checkpoints = new AuditCheckpoints(newFile());
    await append(d, 1, 5);
    await checkpoints.sweep(d.db);
    // The log goes back to an older state (as a restore of an older backup would leave it).
    await cutAndRewind(d, 'AL', 2);
    await cutAndRewind(d, 'system', 2);
    expect((await verifyAudit(d.db, undefined, checkpoints.read().checkpoints)).ok).toBe(false);
    await checkpoints.restored(d.db);
    const { checkpoints: after, restoredAt } = checkpoints.read();
    expect(restoredAt).not.toBeNull();
    expect([...after.values()].map((c) => c.seq)).toEqual([2, 2]);
    expect(await verifyAudit(d.db, undefined, after)).toEqual({ ok: true, chains: 2, entries: 4 });
  });
});
