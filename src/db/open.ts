import { sql } from 'kysely';
import { AuditCheckpoints, checkpointFileFor } from '../audit/audit-checkpoints.ts';
import type { Config } from '../config.ts';
import { loadCountryDeadlines, loadShippedReference } from '../jurisdictions/load.ts';
import { type Database, openDatabase } from './database.ts';
import { migrate } from './migrate.ts';
import { type ReportsReplica, attachReportsReplica, openReportsReplica } from './reports-replica.ts';

/**
 * The database the configuration names: PostgreSQL with DATABASE_URL, else PGlite in the data
 * dir; with its audit checkpoint file, whose heads are recorded once more when it closes, and
 * the reports' hot standby when SAFETYNET_REPORTS_DATABASE_URL names one.
 */
export async function openConfiguredDatabase(config: Config, command: string): Promise<Database> {
  const database = config.databaseUrl
    ? await openDatabase({ kind: 'postgres', url: config.databaseUrl, appUrl: config.appDatabaseUrl })
    : await openDatabase({ kind: 'pglite', dataDir: config.dataDir, command });
  let reports: ReportsReplica | undefined;
  if (config.reportsDatabaseUrl) {
    try {
      reports = await openReportsReplica(database.owner, config.reportsDatabaseUrl, config.reportsMaxLagSeconds);
    } catch (err) {
      await database.close();
      throw err;
    }
    attachReportsReplica(database.db, reports);
  }
  const checkpoints = new AuditCheckpoints(checkpointFileFor(config));
  return {
    ...database,
    ...(reports ? { reports } : {}),
    checkpoints,
    async close() {
      try {
        if (await hasAuditHeads(database)) await checkpoints.stop(database.db);
      } catch (err) {
        console.error(`Audit checkpoints could not be written to ${checkpoints.file}: ${(err as Error).message}`);
      } finally {
        await reports?.close();
        await database.close();
      }
    },
  };
}

/** A database that was never migrated has no heads to record. */
async function hasAuditHeads(database: Database): Promise<boolean> {
  const { rows } = await sql<{ t: string | null }>`SELECT to_regclass('public.audit_heads')::text AS t`.execute(database.owner);
  return rows[0]?.t != null;
}

/** Migrates, loads the shipped jurisdictions into a database that has none, and the loaded countries' deadlines. */
export async function prepareDatabase(database: Database): Promise<{ migrated: string[] }> {
  const migrated = await migrate(database);
  const any = await database.owner.selectFrom('jurisdictions').select('code').limit(1).executeTakeFirst();
  if (!any) await loadShippedReference(database.owner);
  await loadCountryDeadlines(database.owner);
  return { migrated };
}
