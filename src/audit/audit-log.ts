import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The append-only, hash-chained audit log. Each entry's hash covers its own fields and the
 * previous entry's hash, so changing, removing or reordering a row breaks the chain from there.
 * One chain per country (child data, the distribution key) and `system` for everything else.
 * Entries hold a curated summary (ids, field names, counts), never child data itself.
 */
export const GENESIS = '0'.repeat(64);

const INSERT_SLICE = 1000;

export type AuditEntry = {
  chain: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId?: string | null;
  childId?: string | null;
  reason?: string | null;
  outcome: 'ok' | 'denied' | 'refused';
  detail?: Record<string, string | number | boolean | string[] | null>;
};

type StoredEntry = {
  chain: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  child_id: string | null;
  reason: string | null;
  outcome: string;
  detail: Record<string, unknown>;
  prev_hash: string;
};

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(e: StoredEntry): string {
  const body = canonical([
    e.chain, e.seq, e.at, e.actor_id, e.actor_name, e.action, e.entity, e.entity_id, e.child_id,
    e.reason, e.outcome, e.detail, e.prev_hash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/**
 * Appends entries inside the caller's transaction, so an entry exists exactly when the work it
 * records was committed. Locking the chain's head row serialises appends to one chain.
 */
export async function appendAudit(tx: Kysely<DB>, entries: AuditEntry[]): Promise<void> {
  const byChain = new Map<string, AuditEntry[]>();
  for (const e of entries) byChain.set(e.chain, [...(byChain.get(e.chain) ?? []), e]);
  for (const [chain, list] of [...byChain].sort(([a], [b]) => a.localeCompare(b))) {
    // One statement creates the head if need be, locks it and returns it (a no-op update locks).
    const head = await tx
      .insertInto('audit_heads')
      .values({ chain, seq: 0, hash: GENESIS })
      .onConflict((oc) => oc.column('chain').doUpdateSet((eb) => ({ chain: eb.ref('excluded.chain') })))
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    let seq = Number(head.seq);
    let prev = head.hash;
    const rows = list.map((e) => {
      seq += 1;
      const stored: StoredEntry = {
        chain,
        seq,
        at: new Date().toISOString(),
        actor_id: e.actorId,
        actor_name: e.actorName,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId ?? null,
        child_id: e.childId ?? null,
        reason: e.reason ?? null,
        outcome: e.outcome,
        detail: e.detail ?? {},
        prev_hash: prev,
      };
      prev = entryHash(stored);
      return { ...stored, detail: JSON.stringify(stored.detail), hash: prev };
    });
    // Large appends go in slices (PostgreSQL takes at most 65,535 parameters a statement); the
    // last slice moves the head in the same statement.
    for (let i = 0; i + INSERT_SLICE < rows.length; i += INSERT_SLICE) {
      await tx.insertInto('audit_log').values(rows.slice(i, i + INSERT_SLICE)).execute();
    }
    await tx
      .with('appended', (db) => db.insertInto('audit_log').values(rows.slice(Math.floor((rows.length - 1) / INSERT_SLICE) * INSERT_SLICE)))
      .updateTable('audit_heads')
      .set({ seq, hash: prev })
      .where('chain', '=', chain)
      .execute();
  }
}

export type VerifyResult =
  | { ok: true; chains: number; entries: number }
  | { ok: false; chains: number; entries: number; chain: string; seq: number; problem: string };

/** Walks every chain in order and recomputes each hash; names the first entry that does not hold. */
export async function verifyAudit(db: Kysely<DB>, batch = 5000): Promise<VerifyResult> {
  const chains = await sql<{ chain: string }>`
    SELECT chain FROM audit_heads UNION SELECT DISTINCT chain FROM audit_log ORDER BY chain`.execute(db);
  let entries = 0;
  for (const { chain } of chains.rows) {
    let expectedSeq = 1;
    let prev = GENESIS;
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('chain', '=', chain)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batch)
        .execute();
      for (const r of rows) {
        const fail = (problem: string): VerifyResult => ({ ok: false, chains: chains.rows.length, entries, chain, seq: Number(r.seq), problem });
        if (Number(r.seq) !== expectedSeq) {
          return { ok: false, chains: chains.rows.length, entries, chain, seq: expectedSeq, problem: `entry ${expectedSeq} is missing` };
        }
        if (r.prev_hash !== prev) return fail('does not follow the entry before it (removed or reordered)');
        const stored: StoredEntry = { ...r, seq: Number(r.seq), at: r.at.toISOString(), detail: r.detail };
        if (entryHash(stored) !== r.hash) return fail('was changed after it was written');
        prev = r.hash;
        expectedSeq += 1;
        entries += 1;
      }
      if (rows.length < batch) break;
    }
    const head = await db.selectFrom('audit_heads').select(['seq', 'hash']).where('chain', '=', chain).executeTakeFirst();
    const last = expectedSeq - 1;
    if (!head || Number(head.seq) !== last || head.hash !== prev) {
      const lost = head ? Number(head.seq) : last;
      return { ok: false, chains: chains.rows.length, entries, chain, seq: Math.max(last + 1, 1), problem: `the chain ends at ${last} but ${lost} entries were written (entries removed from its end)` };
    }
  }
  return { ok: true, chains: chains.rows.length, entries };
}
