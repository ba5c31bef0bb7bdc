import type { Command } from 'commander';

/** `safetynet start` (what `npm start` runs): see start.ts. */
export function registerServerCommands(program: Command): void {
  program
    .command('start')
    .description('migrate, seed demo data on first start (unless SAFETYNET_SEED_DEMO=false) and serve the app')
    .action(async () => {
      const { loadConfig } = await import('../config.ts');
      const { startServer } = await import('./start.ts');
      await startServer(loadConfig());
    });
}
