import type { Command } from 'commander';
import { withDatabase } from '../cli/cli-support.ts';

/**
 * `safetynet break-glass users [--json]`: per user, how often they used emergency access and how
 * the reviews went (justified, not justified, waiting), most unjustified first — every unit, no
 * child data. Read through a system door; the listing is audited.
 */
export function registerBreakGlassCommands(program: Command): void {
  program
    .command('break-glass')
    .description('emergency (break-glass) access')
    .command('users')
    .description('per user: emergency accesses, justified, not justified, waiting for review')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { systemDoor } = await import('../policy/door.ts');
      const { perUser } = await import('./breakglass-reviews.ts');
      await withDatabase('break-glass users', async (database) => {
        const rows = await perUser(systemDoor(database.db, 'cli'));
        if (opts.json) {
          console.log(JSON.stringify({ items: rows }, null, 2));
          return;
        }
        if (rows.length === 0) {
          console.log('No emergency access yet.');
          return;
        }
        console.log(['username', 'organisation', 'grants', 'justified', 'unjustified', 'pending'].join('\t'));
        for (const r of rows) console.log([r.username, r.organisationName, r.grants, r.justified, r.unjustified, r.pending].join('\t'));
      });
    });
}
