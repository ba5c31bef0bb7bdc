import type { Command } from 'commander';

/**
 * `safetynet migrate`: applies the migrations and says which, or that there were none.
 * `safetynet citus-sql`: the statements that distribute the schema on Citus (src/db/distribution.ts).
 */
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

  program
    .command('citus-sql')
    .description('print the statements that distribute this database on Citus, by country (README, "How a deployment grows")')
    .action(async () => {
      const { loadConfig } = await import('../config.ts');
      const { distributionPlan } = await import('./distribution.ts');
      const { openConfiguredDatabase, prepareDatabase } = await import('./open.ts');
      const database = await openConfiguredDatabase(loadConfig(), 'safetynet citus-sql');
      try {
        await prepareDatabase(database);
        const plan = await distributionPlan(database.owner);
        if (plan.problems.length > 0) {
          console.error(`The schema cannot be distributed as it is:\n${plan.problems.map((p) => `  ${p}`).join('\n')}`);
          process.exitCode = 1;
          return;
        }
        console.log(plan.statements.join('\n'));
      } finally {
        await database.close();
      }
    });
}
