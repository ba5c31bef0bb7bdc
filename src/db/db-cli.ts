import type { Command } from 'commander';

/** `safetynet migrate`: applies the migrations and says which, or that there were none. */
export function registerDbCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply the database migrations')
    .action(async () => {
      const { loadConfig } = await import('../config.ts');
      const { migrate } = await import('./migrate.ts');
      const { openConfiguredDatabase, prepareDatabase } = await import('./open.ts');
      const config = loadConfig();
      const database = await openConfiguredDatabase(config, 'safetynet migrate');
      try {
        if (database.warning) console.error(`WARNING: ${database.warning}`);
        const applied = await migrate(database);
        const { migrated } = await prepareDatabase(database);
        const all = [...applied, ...migrated];
        console.log(all.length ? `Applied migrations ${all.join(', ')} on ${database.describe}` : `Database is up to date (${database.describe})`);
      } finally {
        await database.close();
      }
    });
}
