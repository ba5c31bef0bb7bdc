import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { HEADER, MAX_LINES, TABLE_GROUPS, generateSchemaTypes, readGeneratedTypes } from './generate-types.ts';

/**
 * The checked-in database types (src/db/generated) are what the migrations give. The types are
 * generated again from the database the suite runs on (a migrated PGlite in memory, or PostgreSQL
 * with DATABASE_URL); since `npm run db:types` writes them from PGlite, passing on PostgreSQL also
 * proves that both have the same tables, columns, types, defaults and CHECK lists.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

/** Runs `change` on the schema in a transaction that is rolled back, and returns what it generates. */
async function generatedAfter(change: (tx: Kysely<any>) => Promise<unknown>): Promise<Map<string, string>> {
  let files: Map<string, string> | null = null;
  const undo = new Error('roll back');
  try {
    await database.owner.transaction().execute(async (tx) => {
      await change(tx);
      files = await generateSchemaTypes(tx);
      throw undo;
    });
  } catch (err) {
    if (err !== undo) throw err;
  }
  if (!files) throw new Error('the change was not rolled back');
  return files;
}

describe('the generated database types', () => {
  it('are the checked-in files exactly (after a new migration: npm run db:types)', async () => {
    const generated = Object.fromEntries(await generateSchemaTypes(database.owner));
    expect(Object.keys(generated)).toEqual([...Object.keys(TABLE_GROUPS), 'columns.ts', 'index.ts'].sort());
    expect(Object.fromEntries(readGeneratedTypes())).toEqual(generated);
  });

  it('differ from the checked-in files when a migration adds a column, which shows in its table', async () => {
    const changed = await generatedAfter((tx) => sql`ALTER TABLE signals ADD COLUMN reporter_phone text`.execute(tx));
    const checkedIn = readGeneratedTypes();
    expect(Object.fromEntries(changed)).not.toEqual(Object.fromEntries(checkedIn));
    const differing = [...changed].filter(([file, text]) => checkedIn.get(file) !== text).map(([file]) => file);
    expect(differing).toEqual(['signals-meetings.ts']);
    expect(changed.get('signals-meetings.ts')).toContain('  reporter_phone: string | null; // text\n');
    // Untouched, the same database generates the checked-in files again: the change was rolled back.
    expect(await generateSchemaTypes(database.owner)).toEqual(checkedIn);
  });

  it('type a text column by its CHECK list, a default as Generated, and keep dates as strings', async () => {
    const changed = await generatedAfter(async (tx) => {
      await sql`ALTER TABLE signals ADD COLUMN reporter_kind text NOT NULL DEFAULT 'parent' CHECK (reporter_kind IN ('parent', 'teacher'))`.execute(tx);
      await sql`ALTER TABLE signals ADD COLUMN reported_on date`.execute(tx);
      await sql`ALTER TABLE signals ADD COLUMN call_count bigint NOT NULL DEFAULT 0`.execute(tx);
    });
    const signals = changed.get('signals-meetings.ts') ?? '';
    expect(signals).toContain(`  reporter_kind: Generated<"parent" | "teacher">; // text default 'parent'::text\n`);
    expect(signals).toContain('  reported_on: string | null; // date\n');
    expect(signals).toContain('  call_count: Generated<number>; // bigint default 0\n');
  });

  it('refuse a table that no group holds, and a group naming a table that is gone', async () => {
    await expect(generatedAfter((tx) => sql`CREATE TABLE shelter_stays (id uuid PRIMARY KEY)`.execute(tx)))
      .rejects.toThrow(/shelter_stays belong to no group: add them to TABLE_GROUPS/);
    await expect(generatedAfter((tx) => sql`DROP TABLE bulk_access`.execute(tx)))
      .rejects.toThrow(/TABLE_GROUPS names table\(s\) bulk_access, which the migrations do not create/);
  });

  it('are files of at most 400 lines, each headed as generated', () => {
    const files = readGeneratedTypes();
    expect(files.size).toBeGreaterThan(2);
    for (const [file, text] of files) {
      expect(text.startsWith(`${HEADER}\n`), file).toBe(true);
      expect(text.split('\n').length - 1, file).toBeLessThanOrEqual(MAX_LINES);
    }
  });
});
