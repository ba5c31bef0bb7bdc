import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Checkpoint } from './audit-checkpoints.ts';

/**
 * The append-only, hash-chained audit log. Each entry's hash covers its own fields and the
 * previous entry's hash, so changing, removing or reordering a row breaks the chain from there.
 * One chain per country (child data, the distribution key) and `system` for everything else.
 * Entries hold a curated summary (ids, field names, counts), never child data itself.
 */
export const GENESIS = '0'.repeat(64);

const APPEND_SLICE = 5000;

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

export type ChainHead = { chain: string; seq: number; hash: string };

/** The stored rows that follow `head` on its chain, hashed, and the chain's new head. */
function chainRows(head: ChainHead, list: AuditEntry[]): { rows: StoredEntry[]; hashes: string[]; next: ChainHead } {
  let seq = head.seq;
  let prev = head.hash;
  const hashes: string[] = [];
  const rows = list.map((e) => {
    seq += 1;
    const stored: StoredEntry = {
      chain: head.chain,
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
    hashes.push(prev);
    return stored;
  });
  return { rows, hashes, next: { chain: head.chain, seq, hash: prev } };
}

function byChain(entries: AuditEntry[]): Array<[string, AuditEntry[]]> {
  const map = new Map<string, AuditEntry[]>();
  for (const e of entries) map.set(e.chain, [...(map.get(e.chain) ?? []), e]);
  return [...map].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Appends entries inside the caller's transaction, so an entry exists exactly when the work it
 * records was committed. Locking the chain's head row serialises appends to one chain.
 * Answers the chains' new heads.
 *
 * Both paths go through the database functions of migration 0007 (`audit_head_lock`,
 * `audit_append`), which run with the schema owner's rights: the application role cannot write
 * the log or its heads directly, only add entries that follow the head.
 */
export async function appendAudit(tx: Kysely<DB>, entries: AuditEntry[]): Promise<ChainHead[]> {
  // The head stays locked only until the transaction ends: a caller outside one gets its own.
  if (!tx.isTransaction) return tx.transaction().execute((own) => appendAudit(own, entries));
  const heads: ChainHead[] = [];
  for (const [chain, list] of byChain(entries)) {
    // One statement creates the head if need be, locks it for this transaction and returns it.
    const locked = await sql<{ seq: number; hash: string }>`SELECT seq, hash FROM audit_head_lock(${chain})`.execute(tx);
    let head: ChainHead = { chain, seq: Number(locked.rows[0]!.seq), hash: locked.rows[0]!.hash };
    // Large appends go in slices, so that no single JSON parameter grows without bound.
    for (let i = 0; i < list.length; i += APPEND_SLICE) {
      const next = await appendAuditAfter(tx, head, list.slice(i, i + APPEND_SLICE));
      if (!next) throw new Error(`The head of audit chain ${chain} moved while it was locked`);
      head = next;
    }
    heads.push(head);
  }
  return heads;
}

/**
 * Appends entries of one chain after `head` in a single statement (in the caller's transaction,
 * or its own): the head moves, and the entries are inserted, only if the head is still `head`.
 * Answers the new head, or null when another appender moved the head first (nothing written).
 * Entries travel as one JSON parameter, so any number fits one statement.
 */
export async function appendAuditAfter(db: Kysely<DB>, head: ChainHead, entries: AuditEntry[]): Promise<ChainHead | null> {
  const { rows, hashes, next } = chainRows(head, entries);
  const json = JSON.stringify(rows.map((r, i) => ({ ...r, hash: hashes[i] })));
  const result = await sql<{ moved: boolean }>`
    SELECT audit_append(${head.chain}, ${head.seq}, ${head.hash}, ${json}::jsonb) AS moved`.execute(db);
  return result.rows[0]?.moved ? next : null;
}

/** The chains an entry list touches (a batch of one chain can take the one-statement path). */
export function chainsOf(entries: AuditEntry[]): string[] {
  return byChain(entries).map(([chain]) => chain);
}

export type VerifyResult =
  | { ok: true; chains: number; entries: number }
  | { ok: false; chains: number; entries: number; chain: string; seq: number; problem: string };

/**
 * Walks every chain in order and recomputes each hash; names the first entry that does not hold.
 * With `checkpoints` (src/audit/audit-checkpoints.ts), each chain must also reach its latest
 * checkpoint with the same hash: a tail cut together with its head is found too.
 */
export async function verifyAudit(db: Kysely<DB>, batch = 5000, checkpoints?: ReadonlyMap<string, Checkpoint>): Promise<VerifyResult> {
  const stored = (await sql<{ chain: string }>`
    SELECT chain FROM audit_heads UNION SELECT DISTINCT chain FROM audit_log`.execute(db)).rows.map((r) => r.chain);
  const chains = [...new Set([...stored, ...(checkpoints?.keys() ?? [])])].sort();
  let entries = 0;
  for (const chain of chains) {
    const checkpoint = checkpoints?.get(chain);
    const fail = (seq: number, problem: string): VerifyResult => ({ ok: false, chains: chains.length, entries, chain, seq, problem });
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
        const seq = Number(r.seq);
        if (seq !== expectedSeq) return fail(expectedSeq, `entry ${expectedSeq} is missing`);
        if (r.prev_hash !== prev) return fail(seq, 'does not follow the entry before it (removed or reordered)');
        const entry: StoredEntry = { ...r, seq, at: r.at.toISOString(), detail: r.detail };
        if (entryHash(entry) !== r.hash) return fail(seq, 'was changed after it was written');
        if (checkpoint && checkpoint.seq === seq && checkpoint.hash !== r.hash) {
          return fail(seq, `differs from the checkpoint of ${checkpoint.at} (the chain was rewritten)`);
        }
        prev = r.hash;
        expectedSeq += 1;
        entries += 1;
      }
      if (rows.length < batch) break;
    }
    const head = await db.selectFrom('audit_heads').select(['seq', 'hash']).where('chain', '=', chain).executeTakeFirst();
    const last = expectedSeq - 1;
    if (head && (Number(head.seq) !== last || head.hash !== prev)) {
      return fail(last + 1, `the chain ends at ${last} but ${Number(head.seq)} entries were written (entries removed from its end)`);
    }
    if (checkpoint && checkpoint.seq > last) {
      const how = head ? 'and its head rewound' : 'and its head deleted';
      return fail(last + 1, `the chain ends at ${last} but the checkpoint of ${checkpoint.at} recorded entry ${checkpoint.seq} (entries removed from its end ${how})`);
    }
    if (!head) return fail(last + 1, `the chain ends at ${last} and its head is missing`);
  }
  return { ok: true, chains: chains.length, entries };
}
