import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

/**
 * How this schema is laid out on a distributed PostgreSQL (Citus), read from the live schema so
 * that a table is covered the day its migration adds it (README, "How a deployment grows"):
 *
 * - every child-data table (its comment says 'child data') is distributed by `country`,
 *   co-located with `children`, so that one country's records — and every transaction and join
 *   of them — stay on one node;
 * - the audit chain (`audit_heads`, `audit_log`) is distributed by its chain (a country, or
 *   `system`), co-located, so that an append locks and writes one node;
 * - every other table (accounts, reference data, sessions, notifications) is a reference table,
 *   copied to every node, so that joins with them stay local; `schema_migrations` stays on the
 *   coordinator.
 *
 * Tables come after the tables their foreign keys name (reference tables before distributed ones). `problems` lists what Citus
 * would refuse: a child-data table whose primary key does not begin with `country`, a unique
 * index without it, a foreign key into a child-data table from elsewhere or without `country`.
 */
export type DistributionPlan = { statements: string[]; problems: string[] };

const AUDIT = ['audit_heads', 'audit_log'];
const LOCAL = ['schema_migrations'];

type Table = { name: string; comment: string | null; pk: string[] };
type ForeignKey = { from: string; to: string; columns: string[] };

export async function distributionPlan(db: Kysely<DB>): Promise<DistributionPlan> {
  const tables = (await sql<{ name: string; comment: string | null; pk: string[] | null }>`
    SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment,
      (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM pg_constraint p
         CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(att, ord)
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.att
       WHERE p.conrelid = c.oid AND p.contype = 'p') AS pk
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`.execute(db)).rows
    .map((t): Table => ({ name: t.name, comment: t.comment, pk: t.pk ?? [] }));
  const foreignKeys = (await sql<{ from: string; to: string; columns: string[] }>`
    SELECT con.conrelid::regclass::text AS from, con.confrelid::regclass::text AS to,
      (SELECT array_agg(a.attname::text ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY AS k(att, ord)
         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.att) AS columns
    FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
    WHERE con.contype = 'f' AND n.nspname = current_schema()`.execute(db)).rows as ForeignKey[];
  const uniques = (await sql<{ table: string; def: string }>`
    SELECT i.indrelid::regclass::text AS table, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE i.indisunique AND NOT i.indisprimary AND n.nspname = current_schema()`.execute(db)).rows;

  const isChild = (t: Table) => t.comment?.split(':')[0]?.trim() === 'child data';
  const child = new Set(tables.filter(isChild).map((t) => t.name));
  const problems: string[] = [];
  for (const t of tables.filter(isChild)) {
    if (t.pk[0] !== 'country') problems.push(`${t.name}: its primary key (${t.pk.join(', ') || 'none'}) does not begin with country`);
  }
  for (const u of uniques) {
    if (child.has(u.table) && !/\bcountry\b/.test(u.def)) problems.push(`${u.table}: a unique index without country (${u.def})`);
  }
  for (const fk of foreignKeys.filter((f) => child.has(f.to))) {
    if (!child.has(fk.from)) problems.push(`${fk.from}: a foreign key into the child-data table ${fk.to} from a table that is not distributed with it`);
    else if (fk.columns[0] !== 'country') problems.push(`${fk.from}: its foreign key into ${fk.to} (${fk.columns.join(', ')}) does not begin with country`);
  }
  for (const t of tables) {
    if (!t.comment && !LOCAL.includes(t.name)) problems.push(`${t.name}: no comment saying whether it holds child data`);
  }

  /** Tables after the ones their foreign keys name (`first` leads: the others co-locate with it). */
  const inOrder = (names: string[], first?: string): string[] => {
    const ordered: string[] = [];
    const pending = new Set([...names].sort((a, b) => (a === first ? -1 : b === first ? 1 : a.localeCompare(b))));
    while (pending.size > 0) {
      const next = [...pending].find((t) => foreignKeys.every((f) => f.from !== t || f.to === t || !pending.has(f.to)));
      if (!next) { problems.push(`a cycle of foreign keys among ${[...pending].join(', ')}`); ordered.push(...pending); break; }
      ordered.push(next);
      pending.delete(next);
    }
    return ordered;
  };
  const ordered = inOrder([...child], 'children');
  const reference = inOrder(tables.map((t) => t.name).filter((t) => !child.has(t) && !AUDIT.includes(t) && !LOCAL.includes(t)));
  const statements = [
    'CREATE EXTENSION IF NOT EXISTS citus;',
    ...reference.map((t) => `SELECT create_reference_table('${t}');`),
    ...ordered.map((t) => (t === 'children' ? `SELECT create_distributed_table('children', 'country');` : `SELECT create_distributed_table('${t}', 'country', colocate_with => 'children');`)),
    ...(tables.some((t) => t.name === 'audit_heads') ? [
      `SELECT create_distributed_table('audit_heads', 'chain');`,
      `SELECT create_distributed_table('audit_log', 'chain', colocate_with => 'audit_heads');`,
    ] : []),
  ];
  return { statements, problems };
}
