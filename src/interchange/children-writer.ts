import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { nameKey } from '../domain/names.ts';
import type { Actor } from '../policy/actor.ts';
import type { Tx } from '../policy/door.ts';
import { type Tally, bump, chunks, findByRef } from './import-batches.ts';
import { refMatch, refScope, scopeOrder } from './interchange-reach.ts';

/**
 * The children a file names (signals.csv today), matched on (country, ref) — or on the id of a
 * child made in the app — and compared: a child whose details are the same is left alone. Found
 * first (matchChildren, which gives every row its id), written after the caller has matched its
 * own records (storeChildren), in the caller's transaction.
 */

/** A child as a file describes it, planned for import; `id` is filled in by matchChildren. */
export type ChildImportRow = {
  key: string;
  id: string | null;
  country: string;
  ref: string;
  givenName: string;
  familyName: string;
  sex: string;
  birthDate: string | null;
  municipalityCode: string;
  unitId: string | null;
  line: number;
};

export type MatchedChildren = { created: ChildImportRow[]; changed: ChildImportRow[] };

type StoredChild = { country: string; key_ref: string; id: string; given_name: string; family_name: string; sex: string; birth_date: string | null };

/** Finds the stored child of each row (its id set on the row), counting each as created, updated or unchanged. */
export async function matchChildren(tx: Tx, actor: Actor, rows: ChildImportRow[], tally: Tally): Promise<MatchedChildren> {
  const stored = await findByRef<StoredChild>(tx, rows, (keys, byId) => sql<StoredChild>`
    SELECT c.country, k.ref::text AS key_ref, r.id::text AS id, r.given_name, r.family_name, r.sex, r.birth_date
    FROM ${keys} JOIN children c ON ${refMatch(actor, 'c', 'children', byId)}
    -- A ref of a record merged into another names the record it was merged into.
    JOIN children r ON r.country = c.country AND r.id = coalesce(c.merged_into, c.id)
    ORDER BY ${scopeOrder(actor, 'c')}`);
  const created: ChildImportRow[] = [];
  const changed: ChildImportRow[] = [];
  for (const c of rows) {
    const old = stored.get(c.key);
    if (!old) {
      c.id = randomUUID();
      created.push(c);
      bump(tally, c.country, 'children', 'created');
    } else {
      c.id = old.id;
      const same = old.given_name === c.givenName && old.family_name === c.familyName && old.sex === c.sex && old.birth_date === c.birthDate;
      if (same) bump(tally, c.country, 'children', 'unchanged');
      else {
        changed.push(c);
        bump(tally, c.country, 'children', 'updated');
      }
    }
  }
  return { created, changed };
}

/** Inserts the new children and updates the changed ones (created_by: the importing user, if any). */
export async function storeChildren(tx: Tx, actor: Actor, { created, changed }: MatchedChildren, onChunk: () => void): Promise<void> {
  const userId = actor.kind === 'user' ? actor.userId : null;
  for (const part of chunks(created)) {
    await sql`INSERT INTO children (country, id, ref, unit_id, municipality_code, given_name, family_name, name_key, sex, birth_date, created_by, ref_scope)
      SELECT *, ${refScope(actor)} FROM unnest(${part.map((c) => c.country)}::text[], ${part.map((c) => c.id)}::uuid[], ${part.map((c) => c.ref)}::text[],
        ${part.map((c) => c.unitId)}::uuid[], ${part.map((c) => c.municipalityCode)}::text[], ${part.map((c) => c.givenName)}::text[],
        ${part.map((c) => c.familyName)}::text[], ${part.map((c) => nameKey(c.givenName, c.familyName))}::text[], ${part.map((c) => c.sex)}::text[],
        ${part.map((c) => c.birthDate)}::date[], ${part.map(() => userId)}::uuid[])`.execute(tx);
    onChunk();
  }
  for (const part of chunks(changed)) {
    await sql`UPDATE children c SET given_name = u.given, family_name = u.family, name_key = u.key, sex = u.sex, birth_date = u.birth,
        version = c.version + 1, updated_at = now()
      FROM unnest(${part.map((c) => c.country)}::text[], ${part.map((c) => c.id)}::uuid[], ${part.map((c) => c.givenName)}::text[],
        ${part.map((c) => c.familyName)}::text[], ${part.map((c) => nameKey(c.givenName, c.familyName))}::text[], ${part.map((c) => c.sex)}::text[],
        ${part.map((c) => c.birthDate)}::date[]) AS u(country, id, given, family, key, sex, birth)
      WHERE c.country = u.country AND c.id = u.id`.execute(tx);
  }
}
