import type { Database } from '../db/database.ts';

/**
 * What every capability's CLI commands share. Modules that do the work (the database, the
 * services, fastify, pdfkit, …) are imported inside the command actions, never at the top of a
 * `*-cli.ts` file: `safetynet --help` then loads commander and little else.
 */

/** A mistake of the operator's: its message is printed as it is, and the command exits 1. */
export class UsageError extends Error {}

/**
 * Opens the configured database (and, on PGlite, its lock: a running server refuses a second
 * process), brings it up to date, runs `fn` and closes it.
 */
export async function withDatabase<T>(command: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const { loadConfig } = await import('../config.ts');
  const { openConfiguredDatabase, prepareDatabase } = await import('../db/open.ts');
  const database = await openConfiguredDatabase(loadConfig(), `safetynet ${command}`);
  try {
    await prepareDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}
