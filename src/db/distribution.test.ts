import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { distributionPlan } from './distribution.ts';

/** The schema can be distributed by country on Citus, and `safetynet citus-sql` says how. */
describe('distribution by country', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await freshDatabase(); });
  afterAll(async () => { await database.close(); });

  const tableOf = (statement: string) => /\('([a-z_]+)'/.exec(statement)?.[1];

  it('distributes every child-data table by country, co-located with children, after the tables it refers to', async () => {
    const plan = await distributionPlan(database.owner);
    expect(plan.problems).toEqual([]);
    const { rows } = await sql<{ name: string; comment: string | null }>`
      SELECT c.relname AS name, obj_description(c.oid, 'pg_class') AS comment FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`.execute(database.owner);
    const named = plan.statements.map(tableOf).filter(Boolean);
    // Every table once, but the migrations' own bookkeeping (on the coordinator only).
    expect([...named].sort()).toEqual(rows.map((r) => r.name).filter((t) => t !== 'schema_migrations').sort());
    for (const r of rows.filter((t) => t.comment?.startsWith('child data'))) {
      expect(plan.statements).toContain(r.name === 'children'
        ? `SELECT create_distributed_table('children', 'country');`
        : `SELECT create_distributed_table('${r.name}', 'country', colocate_with => 'children');`);
    }
    expect(plan.statements).toContain(`SELECT create_reference_table('users');`);
    const fks = (await sql<{ from: string; to: string }>`
      SELECT conrelid::regclass::text AS from, confrelid::regclass::text AS to FROM pg_constraint WHERE contype = 'f'`.execute(database.owner)).rows;
    const position = new Map(named.map((t, i) => [t!, i]));
    for (const fk of fks.filter((f) => f.from !== f.to)) expect(position.get(fk.to)!, `${fk.from} → ${fk.to}`).toBeLessThan(position.get(fk.from)!);
  });

  it('names what Citus would refuse: a child-data table keyed without country, a foreign key into one from elsewhere', async () => {
    await sql`CREATE TABLE stray_notes (id uuid PRIMARY KEY, country text NOT NULL, child_id uuid NOT NULL)`.execute(database.owner);
    await sql`COMMENT ON TABLE stray_notes IS 'child data'`.execute(database.owner);
    await sql`CREATE TABLE stray_links (id uuid PRIMARY KEY, country text NOT NULL, child_id uuid NOT NULL,
      FOREIGN KEY (country, child_id) REFERENCES children (country, id))`.execute(database.owner);
    await sql`COMMENT ON TABLE stray_links IS 'no child data'`.execute(database.owner);
    const plan = await distributionPlan(database.owner);
    expect(plan.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^stray_notes: its primary key \(id\) does not begin with country/),
      expect.stringMatching(/^stray_links: a foreign key into the child-data table children/),
    ]));
  });
});
