import type { Config } from '../config.ts';
import { openConfiguredDatabase, prepareDatabase } from '../db/open.ts';
import { DEMO_ROLE_USERS, seedDemo } from '../demo/seed-demo.ts';
import { purgeExpiredSessions } from '../auth/sessions.ts';
import { buildApp } from './app.ts';
import { startMailWorker } from '../notifications/mail-worker.ts';
import { loadAttachmentKey } from '../attachments/attachment-crypto.ts';
import { startRetentionWorker } from '../retention/retention-worker.ts';
import { logFormat, logStreamFor } from './log-format.ts';

/** `npm start` / `safetynet start`: open, migrate, seed on first start, serve, print the logins. */
export async function startServer(config: Config): Promise<void> {
  // Checked before anything opens: a mistyped SAFETYNET_LOG_FORMAT stops the start.
  const logStream = logStreamFor(logFormat());
  const database = await openConfiguredDatabase(config, 'safetynet start');
  try {
    await prepareDatabase(database);
    if (database.warning) console.warn(`WARNING: ${database.warning}`);
    database.checkpoints?.start(database.db, (message) => console.error(message));
    let seeded = false;
    if (config.seedDemo) seeded = (await seedDemo(database.db, config.demoPassword, { attachmentKey: loadAttachmentKey({ envKey: config.attachmentKey, dataDir: config.dataDir }) })).seeded;
    await purgeExpiredSessions(database.db, config);
    const app = await buildApp(database, config, logStream ? { logStream } : {});
    await app.listen({ port: config.port, host: config.host });
    // E-mail and the daily digest: sent from the outbox, retried while the SMTP server is down.
    const stopWorker = startMailWorker(database.db, { everySeconds: config.mailPollSeconds, digestHour: config.digestHour, log: (m) => app.log.warn(m) });
    // Retention: the daily anonymisation of closed cases past their country's period.
    const stopRetention = config.retentionHour === 'off' ? async () => undefined : startRetentionWorker(database.db, { hour: config.retentionHour, log: (m) => app.log.warn(m) });
    const url = `http://localhost:${config.port}`;
    const lines = [
      '',
      `Safetynet is running at ${url}`,
      `  database: ${database.describe}${database.appRole ? ` (the application logs in as ${database.appRole})` : ''}`,
      `  audit checkpoints: ${database.checkpoints?.file}`,
      `  reports: ${database.reports ? `from the standby ${database.reports.describe} (at most ${database.reports.maxLagMs / 1000} s behind)` : 'from the database above'}`,
      `  API docs: ${url}/api/docs`,
      `  second factor: ${config.require2fa ? 'required for every role that sees child data' : 'required for administrators (SAFETYNET_REQUIRE_2FA=true: for every role that sees child data)'}`,
      `  single sign-on: ${config.oidc ? `${config.oidc.name} (${new URL(config.oidc.issuer).host})` : 'off'}`,
      `  e-mail: ${config.smtpUrl ? `through ${new URL(config.smtpUrl).host}` : 'off (SAFETYNET_SMTP_URL not set): notifications in the app only'}`,
    ];
    if (config.seedDemo) {
      lines.push(
        seeded ? '  demo data: created' : '  demo data: present',
        `  demo logins (password "${config.demoPassword}"): ${DEMO_ROLE_USERS.map((u) => u.username).join(', ')}`,
      );
    }
    console.log(lines.join('\n'));
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      app.log.info({ signal }, 'shutting down');
      await stopWorker();
      await stopRetention();
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
}
