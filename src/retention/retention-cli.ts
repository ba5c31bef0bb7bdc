import type { Command } from 'commander';
import { withDatabase } from '../cli/cli-support.ts';

/**
 * `safetynet retention run [--dry-run] [--json]`: anonymises the children whose cases are all
 * closed and past the country's retention period (none on legal hold); with --dry-run lists what
 * it would do — case ids and numbers, country, closed and due days, never a name. An interrupted
 * run is simply run again. Exit 1 when a child could not be done (it is retried next time).
 */
export function registerRetentionCommands(program: Command): void {
  const retention = program.command('retention').description('anonymise closed cases past their retention period (issue 15 §5)');
  retention
    .command('run')
    .description('anonymise what is due now (each child in one transaction); --dry-run lists it without names')
    .option('--dry-run', 'list what would be anonymised, change nothing')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { dryRun?: boolean; json?: boolean }) => {
      await withDatabase('retention run', async (database) => {
        const { systemDoor } = await import('../policy/door.ts');
        const { runRetention } = await import('./retention.ts');
        const result = await runRetention(systemDoor(database.db, 'retention'), { dryRun: opts.dryRun ?? false, log: (m) => console.error(m) });
        if (opts.json) {
          console.log(JSON.stringify(result, null, 2));
        } else {
          for (const child of result.due) {
            for (const c of child.cases) console.log(`${c.country}\t${c.caseRef ?? c.caseId}\tclosed ${c.closedOn}\tdue ${c.dueOn}`);
          }
          const verb = result.dryRun ? 'would be anonymised' : 'anonymised';
          const done = result.dryRun ? result.due.length : result.anonymised;
          console.log(`${done} ${done === 1 ? 'child' : 'children'} ${verb}; ${result.held} kept by a legal hold${result.failed ? `; ${result.failed} failed (retried next run)` : ''}.`);
        }
        if (result.failed > 0) process.exitCode = 1;
      });
    });
}
