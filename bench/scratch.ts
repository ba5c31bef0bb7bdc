import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.ts';
import { withDatabase } from '../src/testing/database.ts';

/**
 * A database to measure on: PGlite in memory, or, with DATABASE_URL, a new scratch database on
 * that PostgreSQL server, dropped afterwards.
 */
export type Scratch = { database: Database; url: string | null; drop: () => Promise<void> };

export async function scratchDatabase(label: string): Promise<Scratch> {
  const server = process.env.DATABASE_URL;
  if (!server) {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    return { database, url: null, drop: () => database.close() };
  }
  const name = `safetynet_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = withDatabase(server, name);
  const database = await openDatabase({ kind: 'postgres', url });
  return {
    database,
    url,
    async drop() {
      await database.close();
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
