import type { Command } from 'commander';
import { withDatabase } from '../cli/cli-support.ts';
import type { Checkpoint } from './audit-checkpoints.ts';

/** `safetynet audit verify`: the hash chains, held to the checkpoints outside the database. */

/** What `audit verify` held the log to: the checkpoints outside the database. */
function describeCheckpoints(file: string, list: Checkpoint[], restoredAt: string | null): string {
  const since = restoredAt ? ` since the restore of ${restoredAt}` : '';
  if (list.length === 0) return `No audit checkpoints${since} in ${file} yet.`;
  const latest = list.map((c) => c.at).sort().at(-1);
  return `Checked against the checkpoints of ${list.length} chains${since} (the latest of ${latest}) in ${file}.`;
}

export function registerAuditCommands(program: Command): void {
  program
    .command('audit')
    .description('the audit log')
    .command('verify')
    .description('check the hash chain; exit 1 naming the first broken entry')
    .action(async () => {
      const { verifyAudit } = await import('./audit-log.ts');
      await withDatabase('audit verify', async (database) => {
        const started = Date.now();
        const { checkpoints, restoredAt } = database.checkpoints!.read();
        const result = await verifyAudit(database.db, undefined, checkpoints);
        const secs = (Date.now() - started) / 1000;
        if (result.ok) {
          console.log(`Audit log intact: ${result.entries} entries in ${result.chains} chains (${secs.toFixed(2)} s).`);
          console.log(describeCheckpoints(database.checkpoints!.file, [...checkpoints.values()], restoredAt));
        } else {
          console.error(`Audit log BROKEN at chain ${result.chain}, entry ${result.seq}: ${result.problem}.`);
          process.exitCode = 1;
        }
      });
    });
}
