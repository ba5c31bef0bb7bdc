import { sql } from 'kysely';
import type { Actor } from '../policy/actor.ts';
import type { Tx } from '../policy/door.ts';
import { type ImportIds, UUID_PATTERN } from './import-batches.ts';
import { refMatch, refScope, scopeOrder } from './interchange-reach.ts';
import { STAGE } from './signals-stage.ts';

/**
 * The children a signals.csv names, matched on (country, ref) — or on the id of a child made in
 * the app — and compared: a child whose details are the same is left alone. Set-based over the
 * import's staging tables (signals-stage.ts), in the caller's transaction: stageChildren makes
 * one row per child (its first row in the file), matchChildren gives each its stored id and its
 * status (created / updated / unchanged), storeChildren writes the new and the changed ones.
 */

const children = sql.table(STAGE.children);

/**
 * One staged row per child of the file: the child as its first row gives it (all its rows
 * agree), with the id a new child will have (import-batches.ts, importIds: in the order of the
 * refs) and the status `created` until matchChildren finds it stored.
 */
export async function stageChildren(tx: Tx, ids: ImportIds): Promise<void> {
  await sql`CREATE TEMP TABLE ${children} ON COMMIT DROP AS
    SELECT d.*, ${ids(0, sql`row_number() OVER (ORDER BY country, ref)`)} AS id, 'created'::text AS status
    FROM (SELECT DISTINCT ON (country, child_ref) country, child_ref AS ref, given_name, family_name, name_key, sex, birth_date,
        jurisdiction_code AS municipality_code, unit_id
      FROM ${sql.table(STAGE.rows)} WHERE child_ref IS NOT NULL ORDER BY country, child_ref, line) d`.execute(tx);
  await sql`ANALYZE ${children}`.execute(tx);
}

/**
 * Finds the stored child of each staged child among those the importer may reach: by ref, then
 * (for a ref that looks like an id and matched nothing) by id; a ref of a record merged into
 * another names the record it was merged into. Unmatched children keep their new id.
 */
export async function matchChildren(tx: Tx, actor: Actor): Promise<void> {
  for (const byId of [false, true]) {
    const key = byId ? sql`CASE WHEN ref ~* ${UUID_PATTERN} THEN lower(ref)::uuid END` : sql`ref`;
    const only = byId ? sql`WHERE status = 'created' AND ref ~* ${UUID_PATTERN}` : sql``;
    await sql`UPDATE ${children} t SET id = m.id,
        status = CASE WHEN m.same THEN 'unchanged' ELSE 'updated' END
      FROM (
        SELECT DISTINCT ON (k.country, k.key_ref) k.country, k.key_ref, coalesce(r.id, c.id) AS id,
          (coalesce(r.given_name, c.given_name) = k.given_name AND coalesce(r.family_name, c.family_name) = k.family_name
            AND coalesce(r.sex, c.sex) = k.sex
            AND CASE WHEN r.id IS NULL THEN c.birth_date ELSE r.birth_date END IS NOT DISTINCT FROM k.birth_date) AS same
        FROM (SELECT country, ref AS key_ref, ${key} AS ref, given_name, family_name, sex, birth_date FROM ${children} ${only}) k
        JOIN children c ON ${refMatch(actor, 'c', 'children', byId)}
        -- A ref of a record merged into another names the record it was merged into.
        LEFT JOIN children r ON r.country = c.country AND r.id = c.merged_into
        -- For a ref used twice, the importer's own scope wins.
        ORDER BY k.country, k.key_ref, ${scopeOrder(actor, 'c')} DESC
      ) m
      WHERE t.country = m.country AND t.ref = m.key_ref`.execute(tx);
  }
  await sql`ANALYZE ${children}`.execute(tx);
}

/** Inserts the new children and updates the changed ones (created_by: the importing user, if any). */
export async function storeChildren(tx: Tx, actor: Actor): Promise<void> {
  const userId = actor.kind === 'user' ? actor.userId : null;
  await sql`INSERT INTO children (country, id, ref, unit_id, municipality_code, given_name, family_name, name_key, sex, birth_date, created_by, ref_scope)
    SELECT country, id, ref, unit_id, municipality_code, given_name, family_name, name_key, sex, birth_date, ${userId}::uuid, ${refScope(actor)}
    FROM ${children} WHERE status = 'created' ORDER BY id`.execute(tx);
  await sql`UPDATE children c SET given_name = u.given_name, family_name = u.family_name, name_key = u.name_key, sex = u.sex,
      birth_date = u.birth_date, version = c.version + 1, updated_at = now()
    FROM ${children} u WHERE u.status = 'updated' AND c.country = u.country AND c.id = u.id`.execute(tx);
}
