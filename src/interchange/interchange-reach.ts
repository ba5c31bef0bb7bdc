import { randomUUID } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { ForbiddenError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import type { AuditFn, Door, Tx } from '../policy/door.ts';

/**
 * What an import may find and change, and what an export may carry, compiled to SQL.
 * - A user imports and exports only the records of their own Child Protection Unit, as its
 *   supervisor: the records whose unit is theirs (and, for children, those they own). A ref or id
 *   naming any other record finds nothing, exactly like a ref nobody uses: it is never updated,
 *   and the answer is the one an unknown ref gets.
 * - A unit's refs are its own (`ref_scope` = the unit's id): the same ref in another unit's file
 *   is another record. Refs of country-wide imports (the CLI's system handle) have scope ''; a
 *   unit's import finds those too, when they are the unit's records.
 * - A system handle (the CLI) imports and exports everything of the country it names.
 * Every child an import changed or an export carried is linked (bulk_access) to the batch's audit
 * entry, so the child's access history shows it; the links are written set-based.
 */
type Table = 'children' | 'signals' | 'meetings' | 'cases';

/** The scope of the refs a door's imports create: the importing unit, or '' for a system handle. */
export function refScope(actor: Actor): string {
  return actor.kind === 'user' ? actor.organisationId : '';
}

/** Only supervisors (who manage their unit's records) and system handles import child data. */
export function requireImporter(door: Door, countries: Iterable<string> = []) {
  const { actor } = door;
  if (actor.kind === 'system') return;
  if (!actor.roles.includes('supervisor')) throw new ForbiddenError("Only a unit's supervisors import records");
  for (const c of countries) if (c !== actor.country) throw new ForbiddenError('You may import records of your own country only');
}

/** True for the rows of `alias` (a table with country and unit_id) that belong to the actor's unit. */
export function unitRows(actor: Actor, alias: string, table: Table): RawBuilder<boolean> {
  if (actor.kind === 'system') return sql<boolean>`true`;
  const own = sql`(${sql.ref(`${alias}.country`)} = ${actor.country} AND ${sql.ref(`${alias}.unit_id`)} = ${actor.organisationId}::uuid)`;
  return table === 'children' ? sql<boolean>`(${own} OR ${sql.ref(`${alias}.owner_id`)} = ${actor.userId}::uuid)` : sql<boolean>`${own}`;
}

/**
 * The join condition of an import's lookup of `alias` against `k(country, ref)`: by ref among
 * the refs the importer may use, or by id; either way only among the importer's own records.
 */
export function refMatch(actor: Actor, alias: string, table: Table, byId: boolean): RawBuilder<boolean> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  const key = byId ? sql`${col('id')} = k.ref` : sql`${col('ref')} = k.ref AND ${col('ref_scope')} IN ('', ${refScope(actor)})`;
  return sql<boolean>`${col('country')} = k.country AND ${key} AND ${unitRows(actor, alias, table)}`;
}

/** The order of a lookup's rows so that, for a ref used twice, the importer's own scope comes last (and wins). */
export function scopeOrder(actor: Actor, alias: string): RawBuilder<unknown> {
  return sql`(${sql.ref(`${alias}.ref_scope`)} = ${refScope(actor)})`;
}

/** The ref an export writes: the record's ref when the exporter's import would find it by that ref, else its id. */
export function exportRef(actor: Actor, alias: string): RawBuilder<string> {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<string>`CASE WHEN ${col('ref')} IS NOT NULL AND ${col('ref_scope')} IN ('', ${refScope(actor)}) THEN ${col('ref')} ELSE ${col('id')}::text END`;
}

/** A batch: one import, or one page of an export; its audit entries carry its id as entity_id. */
export function newBatch(): string {
  return randomUUID();
}

/** Links children to a batch's audit entry, so their access history shows it. */
export async function linkChildren(tx: Tx, batch: string, children: Array<{ country: string; id: string }>) {
  for (let i = 0; i < children.length; i += 10_000) {
    const part = children.slice(i, i + 10_000);
    await sql`INSERT INTO bulk_access (country, child_id, batch_id)
      SELECT u.country, u.id, ${batch}::uuid FROM unnest(${part.map((c) => c.country)}::text[], ${part.map((c) => c.id)}::uuid[]) AS u(country, id)
      ON CONFLICT DO NOTHING`.execute(tx);
  }
}

/** An export page's audit entry, with its children linked to it; in the page's transaction. */
export async function auditExportPage(
  door: Door, tx: Tx, audit: AuditFn, entity: string, children: Array<{ country: string; id: string }>,
  detail: Record<string, string | number | null> & { jurisdiction: string | null },
) {
  const batch = newBatch();
  // The chains of the children carried, the exporter's country, else the country exported.
  const chains = new Set(children.map((c) => c.country));
  if (door.actor.kind === 'user') chains.add(door.actor.country);
  if (chains.size === 0) chains.add(detail.jurisdiction ? detail.jurisdiction.slice(0, 2) : 'system');
  await linkChildren(tx, batch, dedupe(children));
  await audit([...chains].sort().map((chain) => ({ chain, action: 'export', entity, entityId: batch, reason: 'export', outcome: 'ok' as const, detail })));
}

export function dedupe(children: Array<{ country: string; id: string }>): Array<{ country: string; id: string }> {
  const seen = new Map<string, { country: string; id: string }>();
  for (const c of children) seen.set(`${c.country}\u0000${c.id}`, c);
  return [...seen.values()];
}

/** The audit entries of the imports and exports that carried a child (for its access history). */
export async function bulkEntriesOf(tx: Tx, country: string, childId: string, limit: number) {
  return (await sql<{ seq: string | number; at: Date; actor_name: string; action: string; reason: string | null; outcome: string; detail: Record<string, unknown> }>`
    SELECT a.seq, a.at, a.actor_name, a.action, a.reason, a.outcome, a.detail
    FROM bulk_access b JOIN audit_log a ON a.chain = b.country AND a.entity_id = b.batch_id::text AND a.action IN ('import', 'export')
    WHERE b.country = ${country} AND (b.child_id = ${childId}::uuid
      OR b.child_id IN (SELECT m.id FROM children m WHERE m.country = ${country} AND m.merged_into = ${childId}::uuid))
    ORDER BY a.seq DESC LIMIT ${limit}`.execute(tx)).rows;
}
