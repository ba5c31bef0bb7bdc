import { randomBytes } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import type { Counts, WriteOptions } from './record-types.ts';
import type { AuditDraft, Door, Tx } from '../policy/door.ts';

/**
 * What the import writers (signals-writer.ts, meetings-writer.ts, children-writer.ts,
 * cases-writer.ts) share: rows go to the database in chunks as arrays, unnested there, thousands
 * per statement; stored rows are found by (country, ref), then by id for a ref that looks like
 * one (a record made in the app is exported with its id as ref); the created / updated /
 * unchanged counts per country and record kind; one audit entry per import per country (counts
 * and the file's sha256).
 */
const CHUNK = 5000;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The same, for SQL's case-insensitive `~*`. */
export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/**
 * Ids for the records an import creates, in order: UUID version 7 (RFC 9562) with a counter —
 * the import's time in milliseconds, 12 random bits, the variant, then `counter` (method 1, a
 * dedicated counter). Rows numbered in order get ids in that order, after every id an earlier
 * import made, so they go to the right edge of each index keyed by id, and the links between
 * them (signal_children, bulk_access, the report's per-child rows) too — instead of one random
 * page of each index per row, which at a million rows no longer fits in memory. Records made in
 * the app keep random ids (gen_random_uuid()). One generator per import: its kinds of record
 * take counters apart (`kind` * 2^40), so no two of its ids are equal.
 */
export type ImportIds = (kind: number, counter: RawBuilder<unknown>) => RawBuilder<string>;

export function importIds(): ImportIds {
  const prefix = Date.now().toString(16).padStart(12, '0').slice(-12) + '7' + randomBytes(2).toString('hex').slice(0, 3);
  return (kind, counter) =>
    sql<string>`encode(decode(${prefix}, 'hex') || int8send(x'8000000000000000'::bigint | (${kind}::bigint * 1099511627776 + ${counter})), 'hex')::uuid`;
}

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Existing rows of `table` for (country, ref) pairs, then (for refs that look like ids and
 * matched nothing) for (country, id): a record created in the app is exported with its id.
 */
export async function findByRef<R extends { country: string; key_ref: string }>(
  tx: Tx,
  pairs: Array<{ country: string; ref: string }>,
  query: (keys: RawBuilder<unknown>, byId: boolean) => RawBuilder<R>,
): Promise<Map<string, R>> {
  const found = new Map<string, R>();
  for (const part of chunks(pairs, 20_000)) {
    const keys = sql`unnest(${part.map((p) => p.country)}::text[], ${part.map((p) => p.ref)}::text[]) AS k(country, ref)`;
    for (const r of (await query(keys, false).execute(tx)).rows) found.set(`${r.country}\u0000${r.key_ref}`, r);
  }
  const ids = pairs.filter((p) => UUID.test(p.ref) && !found.has(`${p.country}\u0000${p.ref}`));
  for (const part of chunks(ids, 20_000)) {
    const keys = sql`unnest(${part.map((p) => p.country)}::text[], ${part.map((p) => p.ref.toLowerCase())}::uuid[]) AS k(country, ref)`;
    for (const r of (await query(keys, true).execute(tx)).rows) found.set(`${r.country}\u0000${r.key_ref}`, r);
  }
  return found;
}

/** Created / updated / unchanged counts, by country, then by record kind. */
export type Tally = Map<string, Record<string, Counts>>;

export function bump(tally: Tally, country: string, kind: string, what: keyof Counts, n = 1) {
  let byKind = tally.get(country);
  if (!byKind) tally.set(country, (byKind = {}));
  const c = (byKind[kind] ??= { created: 0, updated: 0, unchanged: 0 });
  c[what] += n;
}

/** The counts of all countries together, with every kind in `kinds` present. */
export function total(tally: Tally, kinds: string[]): Record<string, Counts> {
  const out: Record<string, Counts> = {};
  for (const k of kinds) out[k] = { created: 0, updated: 0, unchanged: 0 };
  for (const byKind of tally.values()) {
    for (const [k, c] of Object.entries(byKind)) {
      const o = (out[k] ??= { created: 0, updated: 0, unchanged: 0 });
      o.created += c.created;
      o.updated += c.updated;
      o.unchanged += c.unchanged;
    }
  }
  return out;
}

function flatCounts(byKind: Record<string, Counts>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [kind, c] of Object.entries(byKind)) for (const [what, n] of Object.entries(c)) out[`${kind}_${what}`] = n;
  return out;
}

/** One audit entry per country of the file: the counts and the file's sha256 (no child data). */
export async function auditImport(audit: (entries: AuditDraft[]) => Promise<void>, entity: string, tally: Tally, countries: Set<string>, options: WriteOptions, batch: string) {
  await audit(
    [...countries].sort().map((country) => ({
      chain: country,
      action: options.dryRun ? 'import_dry_run' : 'import',
      entity,
      entityId: batch,
      reason: 'import',
      outcome: 'ok' as const,
      detail: { rows: options.rows, sha256: options.sha256, ...flatCounts(tally.get(country) ?? {}) },
    })),
  );
}

/** Records an import that was refused for bad rows: who tried, the file's hash and the count of problems. */
export async function auditRefusedImport(door: Door, entity: string, detail: { rows: number; sha256: string; problems: number }) {
  await door.auditAlone([{ action: 'import', entity, reason: 'import', outcome: 'refused', detail }]);
}
