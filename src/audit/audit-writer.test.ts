import { afterEach, describe, expect, it } from 'vitest';
import { openDoor } from '../policy/door.ts';
import { systemActor } from '../policy/actor.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { type AuditEntry, appendAudit, verifyAudit } from './audit-log.ts';
import { AuditWriter } from './audit-writer.ts';

/**
 * Group commit of read entries, on the real database: concurrent callers share transactions,
 * every caller's entries are committed before its promise resolves, the chain stays whole, and
 * one caller's failing entry fails that caller only.
 */
let database: TestDatabase | null = null;
afterEach(async () => {
  await database?.close();
  database = null;
});

const entry = (i: number, childId: string | null = null): AuditEntry => ({
  chain: 'AL', actorId: null, actorName: 'system:test', action: 'read', entity: 'test', entityId: `e-${i}`, childId, outcome: 'ok',
});

async function logged(d: TestDatabase): Promise<string[]> {
  const rows = await d.db.selectFrom('audit_log').select('entity_id').where('entity', '=', 'test').orderBy('seq').execute();
  return rows.map((r) => r.entity_id!);
}

describe('AuditWriter', () => {
  it('commits concurrent callers together, each before its promise resolves, in one verified chain', async () => {
    const d = (database = await freshDatabase());
    const writer = new AuditWriter(d.db);
    const n = 60;
    await Promise.all(Array.from({ length: n }, async (_, i) => {
      await writer.append([entry(i)]);
      // Resolved means on the log: the caller's own entry is readable now.
      const mine = await d.db.selectFrom('audit_log').select('seq').where('entity_id', '=', `e-${i}`).executeTakeFirst();
      expect(mine).toBeDefined();
    }));
    expect(writer.stats.entries).toBe(n);
    expect(writer.stats.batches).toBeGreaterThanOrEqual(1);
    expect(writer.stats.batches).toBeLessThan(n / 4);
    expect((await logged(d)).sort()).toEqual(Array.from({ length: n }, (_, i) => `e-${i}`).sort());
    expect(await verifyAudit(d.db)).toMatchObject({ ok: true, entries: n });
  });

  it('fails only the caller whose entry the database refuses', async () => {
    const d = (database = await freshDatabase());
    const writer = new AuditWriter(d.db);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => writer.append([entry(i, i === 5 ? 'not-a-uuid' : null)])));
    expect(results.map((r) => r.status)).toEqual(Array.from({ length: 12 }, (_, i) => (i === 5 ? 'rejected' : 'fulfilled')));
    expect((await logged(d)).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `e-${i}`).filter((e) => e !== 'e-5').sort());
    expect(await verifyAudit(d.db)).toMatchObject({ ok: true, entries: 11 });
  });

  it('takes more entries than one statement can bind', async () => {
    const d = (database = await freshDatabase());
    const writer = new AuditWriter(d.db);
    await writer.append(Array.from({ length: 5001 }, (_, i) => entry(i)));
    expect(await verifyAudit(d.db)).toMatchObject({ ok: true, entries: 5001 });
  });

  it('a door read whose audit entry cannot be written is not answered', async () => {
    const d = (database = await freshDatabase());
    const door = openDoor(d.db, systemActor('test'));
    const read = door.read(async (_tx, audit) => {
      await audit([{ chain: 'AL', action: 'read', entity: 'test', entityId: 'x', childId: 'not-a-uuid', outcome: 'ok' }]);
      return 'the record';
    });
    await expect(read).rejects.toThrow();
    expect(await logged(d)).toEqual([]);
  });

  it('a door read is read-only: a write inside it is refused and nothing is stored', async () => {
    const d = (database = await freshDatabase());
    const door = openDoor(d.db, systemActor('test'));
    const before = await d.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(door.read((tx) => tx.insertInto('organisations').values({ country: 'AL', name: 'Sneaky', sector: 'ngo', jurisdiction_code: 'AL-06-03' }).execute())).rejects.toThrow(/read-only/);
    const after = await d.db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('appends in one statement after its own head, and takes the locked path when another appender moved it', async () => {
    const d = (database = await freshDatabase());
    const writer = new AuditWriter(d.db);
    await writer.append([entry(1)]); // learns the head
    await writer.append([entry(2)]);
    await writer.append([entry(3)]);
    expect(writer.stats.headMoved).toBe(0);
    // A write appends in its own transaction: the writer's next statement must find the head moved.
    await d.db.transaction().execute((tx) => appendAudit(tx, [entry(4)]));
    await writer.append([entry(5)]);
    expect(writer.stats.headMoved).toBe(1);
    await writer.append([entry(6)]);
    expect(writer.stats.headMoved).toBe(1);
    expect(await logged(d)).toEqual(['e-1', 'e-2', 'e-3', 'e-4', 'e-5', 'e-6']);
    expect(await verifyAudit(d.db)).toMatchObject({ ok: true, entries: 6 });
  });

  it('two writers on one database (two processes) interleave without forking the chain', async () => {
    const d = (database = await freshDatabase());
    const a = new AuditWriter(d.db);
    const b = new AuditWriter(d.db);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append([entry(i)])));
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 3 ? a : b).append([entry(100 + i)])));
    expect((await logged(d)).length).toBe(80);
    expect(await verifyAudit(d.db)).toMatchObject({ ok: true, entries: 80 });
  });
});
