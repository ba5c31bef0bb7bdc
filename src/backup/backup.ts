import fs from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { listMigrations } from '../db/migrate.ts';
import { AGGREGATE_TABLES } from '../reports/report-aggregates.ts';

const DERIVED = new Set<string>(AGGREGATE_TABLES);

/**
 * Logical backup of every table (sessions excepted), portable between PGlite and PostgreSQL:
 * gzip'd JSON lines, a header and then batches of rows as PostgreSQL's own `to_jsonb` renders
 * them, so timestamps keep their microseconds and a restore gives back the same rows.
 */
const SKIP = new Set(['schema_migrations', 'sessions']);
const BATCH = 2000;
/** Tables whose rows are large (an attachment's encrypted content, up to its size limit): one row per line. */
const ONE_BY_ONE = new Set(['attachment_contents']);

type Header = { format: 'safetynet-backup'; version: 1; createdAt: string; migrations: string[]; tables: string[] };

/** Tables in an order where every table comes after those its foreign keys point to. */
async function tablesInOrder(db: Kysely<DB>): Promise<string[]> {
  const tables = (await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`.execute(db)).rows.map((r) => r.name).filter((t) => !SKIP.has(t));
  const deps = (await sql<{ child: string; parent: string }>`
      SELECT cl.relname AS child, pl.relname AS parent FROM pg_constraint k
      JOIN pg_class cl ON cl.oid = k.conrelid JOIN pg_class pl ON pl.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'`.execute(db)).rows;
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const d of deps.filter((x) => x.child === t && x.parent !== t)) visit(d.parent, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered.filter((t) => tables.includes(t));
}

async function primaryKey(db: Kysely<DB>, table: string): Promise<string[]> {
  const rows = await sql<{ col: string }>`
    SELECT a.attname AS col FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = ${table}::regclass AND i.indisprimary
    ORDER BY array_position(i.indkey, a.attnum)`.execute(db);
  return rows.rows.map((r) => r.col);
}

export async function backup(database: Database, file: string): Promise<{ tables: number; rows: number }> {
  // One snapshot for every table: on PostgreSQL the application keeps writing during a backup,
  // and rows read table by table at different moments would not restore (an audit head ahead
  // of its log, an access grant to a child created after the children were read).
  return database.owner
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute((tx) => backupIn(tx, file));
}

async function backupIn(db: Kysely<DB>, file: string): Promise<{ tables: number; rows: number }> {
  const tables = await tablesInOrder(db);
  const header: Header = {
    format: 'safetynet-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    migrations: listMigrations().map((m) => m.version),
    tables,
  };
  let total = 0;
  async function* lines() {
    yield `${JSON.stringify(header)}\n`;
    for (const table of tables) {
      const pk = await primaryKey(db, table);
      const order = sql.join(pk.map((c) => sql.ref(`t.${c}`)));
      const batch = ONE_BY_ONE.has(table) ? 1 : BATCH;
      for (let offset = 0; ; offset += batch) {
        const { rows } = await sql<{ r: unknown }>`
          SELECT to_jsonb(t) AS r FROM ${sql.table(table)} t ORDER BY ${order} LIMIT ${batch} OFFSET ${offset}`.execute(db);
        if (rows.length === 0) break;
        total += rows.length;
        yield `${JSON.stringify({ table, rows: rows.map((x) => x.r) })}\n`;
        if (rows.length < batch) break;
      }
    }
  }
  const tmp = `${file}.partial`;
  await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(tmp));
  fs.renameSync(tmp, file);
  return { tables: tables.length, rows: total };
}

/**
 * Restores a backup into a database that holds no data yet (reference jurisdictions aside),
 * all in one transaction: a bad file leaves the database as it was.
 */
export async function restore(database: Database, file: string): Promise<{ rows: number }> {
  const input = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = input[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new Error('The backup file is empty');
  const header = JSON.parse(first.value) as Header;
  if (header.format !== 'safetynet-backup' || header.version !== 1) throw new Error('Not a Safetynet backup file');
  const here = listMigrations().map((m) => m.version);
  if (header.migrations.join(',') !== here.join(',')) {
    throw new Error(`The backup was made at schema ${header.migrations.at(-1)}; this installation is at ${here.at(-1)}`);
  }
  let rows = 0;
  await database.owner.transaction().execute(async (tx) => {
    for (const table of header.tables) {
      if (table === 'jurisdictions') continue;
      const any = await sql<{ one: number }>`SELECT 1 AS one FROM ${sql.table(table)} LIMIT 1`.execute(tx);
      if (any.rows.length > 0) throw new Error(`Restore needs an empty database, but ${table} has rows. Use a new data directory or database.`);
    }
    // The shipped reference data was loaded at migration; the backup's own copy replaces it.
    await tx.deleteFrom('jurisdictions').execute();
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!next.value.trim()) continue;
      const batch = JSON.parse(next.value) as { table: string; rows: unknown[] };
      if (!header.tables.includes(batch.table)) throw new Error(`Unexpected table ${batch.table} in the backup`);
      // The report's aggregates follow the records by triggers as they are inserted; they are
      // recomputed once at the end instead (the same rows: report_rebuild is deterministic).
      if (DERIVED.has(batch.table)) {
        rows += batch.rows.length;
        continue;
      }
      await sql`INSERT INTO ${sql.table(batch.table)}
        SELECT * FROM jsonb_populate_recordset(NULL::${sql.table(batch.table)}, ${JSON.stringify(batch.rows)}::jsonb)`.execute(tx);
      rows += batch.rows.length;
    }
    await sql`SELECT report_rebuild()`.execute(tx);
  });
  return { rows };
}
