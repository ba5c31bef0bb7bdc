import type { Command } from 'commander';
import { withDatabase } from '../cli/cli-support.ts';

/** `safetynet seed-demo`: the demo organisations, users and children, once. */
export function registerDemoCommands(program: Command): void {
  program
    .command('seed-demo')
    .description('create the demo organisations, users and children (never in production)')
    .action(async () => {
      const { loadConfig } = await import('../config.ts');
      const { seedDemo } = await import('./seed-demo.ts');
      const config = loadConfig();
      await withDatabase('seed-demo', async (database) => {
        const { loadAttachmentKey } = await import('../attachments/attachment-crypto.ts');
        const { seeded } = await seedDemo(database.db, config.demoPassword, { attachmentKey: loadAttachmentKey({ envKey: config.attachmentKey, dataDir: config.dataDir }) });
        console.log(seeded ? 'Demo data created.' : 'Demo data is already present; nothing changed.');
      });
    });
}
