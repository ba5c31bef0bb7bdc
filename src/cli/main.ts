import { Command } from 'commander';
import { registerAuditCommands } from '../audit/audit-cli.ts';
import { registerBackupCommands } from '../backup/backup-cli.ts';
import { registerDbCommands } from '../db/db-cli.ts';
import { registerDemoCommands } from '../demo/demo-cli.ts';
import { AppError } from '../errors.ts';
import { registerInterchangeCommands } from '../interchange/interchange-cli.ts';
import { registerJurisdictionsCommands } from '../jurisdictions/jurisdictions-cli.ts';
import { registerReportsCommands } from '../reports/reports-cli.ts';
import { registerRetentionCommands } from '../retention/retention-cli.ts';
import { registerServerCommands } from '../server/server-cli.ts';
import { registerTransfersCommands } from '../transfers/transfers-cli.ts';
import { registerUsersCommands } from '../users/users-cli.ts';
import { registerBreakGlassCommands } from '../breakglass/breakglass-cli.ts';
import { UsageError } from './cli-support.ts';

/**
 * The `safetynet` command. Each capability registers its own commands (src/<capability>/*-cli.ts),
 * in the order `safetynet --help` lists them. Each command opens the configured database (and,
 * on PGlite, its lock: a running server refuses a second process), acts as a named system
 * handle, and closes. The modules that do the work load inside the commands, so `--help` is quick.
 */
const program = new Command()
  .name('safetynet')
  .description('Safetynet: child protection information system')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

registerServerCommands(program);
registerDbCommands(program);
registerDemoCommands(program);
registerUsersCommands(program);
registerAuditCommands(program);
registerBackupCommands(program);
registerJurisdictionsCommands(program);
registerInterchangeCommands(program);
registerReportsCommands(program);
registerTransfersCommands(program);
registerBreakGlassCommands(program);
registerRetentionCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof UsageError || err instanceof AppError || (err as Error).name === 'DataDirLockedError') {
    console.error((err as Error).message);
  } else {
    console.error(`safetynet: ${(err as Error).message}`);
  }
  process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
}
