import type { Config } from '../config.ts';
import { loadCountryDeadlines, loadShippedReference } from '../jurisdictions/load.ts';
import { type Database, openDatabase } from './database.ts';
import { migrate } from './migrate.ts';

/** The database the configuration names: PostgreSQL with DATABASE_URL, else PGlite in the data dir. */
export function openConfiguredDatabase(config: Config, command: string): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ kind: 'postgres', url: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir, command });
}

/** Migrates, loads the shipped jurisdictions into a database that has none, and the loaded countries' deadlines. */
export async function prepareDatabase(database: Database): Promise<{ migrated: string[] }> {
  const migrated = await migrate(database);
  const any = await database.owner.selectFrom('jurisdictions').select('code').limit(1).executeTakeFirst();
  if (!any) await loadShippedReference(database.owner);
  await loadCountryDeadlines(database.owner);
  return { migrated };
}
