import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../db/schema.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { systemDoor } from './door.ts';
import { ChildDataOutsideDoor, childDataTables, unguardedHandle } from './guard.ts';
import { AGGREGATE_TABLES } from '../reports/report-aggregates.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** Runs `fn` in a savepoint of a transaction that is then rolled back. */
async function inSavepoint<T>(db: Kysely<DB>, fn: (sp: Kysely<DB>) => Promise<T>): Promise<T> {
  const trx = await db.startTransaction().execute();
  try {
    return await fn(await trx.savepoint('s').execute());
  } finally {
    await trx.rollback().execute();
  }
}

/** Queries that touch child data, each in another way. */
const breaches: [string, (db: Kysely<DB>) => Promise<unknown>][] = [
  ['select', (db) => db.selectFrom('children').select('id').execute()],
  ['insert', (db) => db.insertInto('child_access').columns(['source_id']).expression(sql`SELECT ${'secret-value'} WHERE false`).execute()],
  ['update', (db) => db.updateTable('cases').set({ risk_level: 'high' }).where(sql<boolean>`false`).execute()],
  ['delete', (db) => db.deleteFrom('signal_children').where(sql<boolean>`false`).execute()],
  ['join', (db) => db.selectFrom('users').innerJoin('signals as s', 's.registered_by', 'users.id').select('users.id').execute()],
  ['subquery', (db) => db.selectFrom('users').select('id').where('id', 'in', (eb) => eb.selectFrom('plans').select('author_id')).execute()],
  ['with', (db) => db.with('x', (q) => q.selectFrom('meetings').select('id')).selectFrom('x').selectAll().execute()],
  ['a table held in a variable', (db) => { const t = String('referrals') as 'referrals'; return db.selectFrom(t).selectAll().execute(); }],
  ['raw sql', (db) => sql`SELECT count(*) FROM case_events`.execute(db)],
  ['sql.table', (db) => sql`SELECT count(*) FROM ${sql.table('placements')}`.execute(db)],
  ['sql.id', (db) => sql`SELECT count(*) FROM ${sql.id('public', 'contacts')}`.execute(db)],
  ['sql.raw', (db) => sql.raw('select 1 from "bulk_access"').execute(db)],
  ['a compiled query', (db) => db.executeQuery(CompiledQuery.raw('SELECT 1 FROM assessments'))],
  ['a transaction of its own', (db) => db.transaction().execute((tx) => tx.selectFrom('action_items').selectAll().execute())],
  ['a savepoint of its own', (db) => inSavepoint(db, (sp) => sp.selectFrom('plan_goals').selectAll().execute())],
];

describe('the application handle refuses child data outside a Door', () => {
  it.each(breaches)('%s on a child table fails, naming the table and no value', async (_, run) => {
    const err = await run(database.db).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ChildDataOutsideDoor);
    const table = (err as ChildDataOutsideDoor).table;
    expect(childDataTables().has(table)).toBe(true);
    expect((err as Error).message).toMatch(new RegExp(`touches the table ${table}$`));
    expect((err as Error).message).not.toContain('secret-value');
  });

  it.each(breaches)('%s runs on the handle behind the guard (so without the guard the test above fails)', async (_, run) => {
    await expect(run(unguardedHandle(database.db))).resolves.toBeDefined();
  });

  it("works inside a Door's transaction and read", async () => {
    const door = systemDoor(database.db, 'guard-test');
    for (const [name, run] of breaches.filter(([name]) => !name.endsWith('of its own'))) {
      await expect(door.transaction((tx) => run(tx))).resolves.toBeDefined();
      if (!['insert', 'update', 'delete'].includes(name)) await expect(door.read((tx) => run(tx))).resolves.toBeDefined();
    }
  });

  it('leaves the tables without child data to the application', async () => {
    const db = database.db;
    for (const table of ['users', 'organisations', 'jurisdictions', 'sessions', 'role_grants', 'idempotency_keys', 'login_throttle', 'audit_log', 'audit_heads'] as const) {
      await expect(db.selectFrom(table).selectAll().limit(1).execute()).resolves.toBeDefined();
    }
    await expect(sql`SELECT count(*) FROM users WHERE display_name <> 'x'`.execute(db)).resolves.toBeDefined();
    await expect(inSavepoint(db, (sp) => sp.selectFrom('users').selectAll().execute())).resolves.toBeDefined();
  });
});

describe('the tables marked child data are the schema’s', () => {
  const catalog = async () =>
    (
      await sql<{ table: string; comment: string | null; pk: string | null }>`
        SELECT c.relname AS table, obj_description(c.oid, 'pg_class') AS comment,
          (SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
            WHERE i.indrelid = c.oid AND i.indisprimary) AS pk
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND c.relname <> 'schema_migrations'`.execute(database.owner)
    ).rows;

  it('every table says whether it holds child data, and the migrations say the same as the catalog', async () => {
    const rows = await catalog();
    expect(rows.filter((r) => !/^(no )?child data\b/.test(r.comment ?? '')).map((r) => r.table)).toEqual([]);
    const marked = rows.filter((r) => /^child data\b/.test(r.comment!)).map((r) => r.table);
    expect(new Set(marked)).toEqual(childDataTables());
  });

  it('the tables joined to children by (country, …) foreign keys are exactly the ones marked child data', async () => {
    const { rows: edges } = await sql<{ a: string; b: string }>`
      SELECT c.conrelid::regclass::text AS a, c.confrelid::regclass::text AS b
      FROM pg_constraint c JOIN pg_attribute k ON k.attrelid = c.conrelid AND k.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND k.attname = 'country'`.execute(database.owner);
    // Children known by a pseudonym only (src/boards/: consultation board members) are children too;
    // and the monitoring report's aggregates, kept by triggers from signals, their children and
    // meetings (src/reports/report-aggregates.ts), hold no foreign key but are counts of them.
    const joined = new Set(['children', 'board_members', ...AGGREGATE_TABLES]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const { a, b } of edges) {
        for (const [x, y] of [[a, b], [b, a]] as const) {
          if (joined.has(x) && !joined.has(y)) grew = Boolean(joined.add(y));
        }
      }
    }
    expect(joined).toEqual(childDataTables());
    // Every child-data table is keyed by country first (the architecture's rule); the few other
    // tables so keyed are marked 'no child data' by name, above.
    const rows = await catalog();
    expect(rows.filter((r) => joined.has(r.table) && r.pk !== 'country')).toEqual([]);
  });

  it('reads the last mark of a table, a new table marked in a later migration, and a table dropped', () => {
    const m = (version: string, text: string) => ({ version, name: 'x', sql: text, checksum: '' });
    const tables = childDataTables([
      m('0001', "COMMENT ON TABLE a IS 'child data'; COMMENT ON TABLE b IS 'child data'; COMMENT ON TABLE d IS 'child data'; COMMENT ON TABLE e IS 'child data';"),
      m('0002', "comment on table public.b is 'no child data: moved'; COMMENT ON TABLE \"c\" IS 'child data: new'; DROP TABLE d;"),
      m('0003', "DROP TABLE IF EXISTS e; CREATE TABLE e (x int); COMMENT ON TABLE e IS 'child data: again';"),
    ]);
    expect([...tables].sort()).toEqual(['a', 'c', 'e']);
  });
});
