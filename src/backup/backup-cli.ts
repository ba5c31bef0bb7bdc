import fs from 'node:fs';
import type { Command } from 'commander';
import { UsageError, withDatabase } from '../cli/cli-support.ts';

/** `safetynet backup <file>` and `safetynet restore <file>` (into an empty database; the audit log is checked after). */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup <file>')
    .description('write every table (but sessions) to a gzip file')
    .action(async (file: string) => {
      const { backup } = await import('./backup.ts');
      await withDatabase('backup', async (database) => {
        const { tables, rows } = await backup(database, file);
        console.log(`Backed up ${rows} rows of ${tables} tables to ${file}.`);
      });
    });

  program
    .command('restore <file>')
    .description('restore a backup into an empty database')
    .action(async (file: string) => {
      if (!fs.existsSync(file)) throw new UsageError(`No file ${file}.`);
      const { restore } = await import('./backup.ts');
      const { verifyAudit } = await import('../audit/audit-log.ts');
      await withDatabase('restore', async (database) => {
        const { rows } = await restore(database, file);
        await database.checkpoints!.restored(database.db);
        const check = await verifyAudit(database.db);
        console.log(`Restored ${rows} rows from ${file}. Audit log ${check.ok ? 'intact' : 'BROKEN'}.`);
        if (!check.ok) process.exitCode = 1;
      });
    });
}
