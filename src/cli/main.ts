import fs from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import type { Checkpoint } from '../audit/audit-checkpoints.ts';
import { verifyAudit } from '../audit/audit-log.ts';
import { backup, restore } from '../backup/backup.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { openConfiguredDatabase, prepareDatabase } from '../db/open.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { CountryFile } from '../domain/reference/country-file.ts';
import { ROLES, type Role } from '../domain/roles.ts';
import { Password, UserCreate } from '../users/users-schema.ts';
import { AppError } from '../errors.ts';
import { loadCountry } from '../jurisdictions/load.ts';
import { systemActor } from '../policy/actor.ts';
import { registerInterchangeCommands } from '../interchange/interchange-cli.ts';
import { registerReportsCommands } from '../reports/reports-cli.ts';
import { registerTransfersCommands } from '../transfers/transfers-cli.ts';
import { startServer } from '../server/start.ts';
import { createUser, findUserByName, listUsers, updateUser } from '../users/users-service.ts';

/**
 * The `safetynet` command. Each command opens the configured database (and, on PGlite, its
 * lock: a running server refuses a second process), acts as a named system handle, and closes.
 */
class UsageError extends Error {}

async function withDatabase<T>(command: string, fn: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config, `safetynet ${command}`);
  try {
    await prepareDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/**
 * The new password: SAFETYNET_NEW_PASSWORD, else standard input read to its end. Read as a
 * stream, not with readFileSync(0): once process.stdin exists fd 0 is non-blocking, and a
 * password that has not arrived yet made readFileSync fail with EAGAIN.
 */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.SAFETYNET_NEW_PASSWORD;
  if (fromEnv !== undefined) return fromEnv;
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').trim();
}

const program = new Command()
  .name('safetynet')
  .description('Safetynet: child protection information system')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

program
  .command('start')
  .description('migrate, seed demo data on first start (unless SAFETYNET_SEED_DEMO=false) and serve the app')
  .action(async () => {
    await startServer(loadConfig());
  });

program
  .command('migrate')
  .description('apply the database migrations')
  .action(async () => {
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
  .command('seed-demo')
  .description('create the demo organisations, users and children (never in production)')
  .action(async () => {
    const config = loadConfig();
    await withDatabase('seed-demo', async (database) => {
      const { seeded } = await seedDemo(database.db, config.demoPassword);
      console.log(seeded ? 'Demo data created.' : 'Demo data is already present; nothing changed.');
    });
  });

const users = program.command('users').description('manage user accounts');

const roleList = (value: string): Role[] => {
  const roles = value.split(',').map((r) => r.trim()).filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || roles.length === 0) throw new InvalidArgumentError(`roles must be a comma-separated list of: ${ROLES.join(', ')}`);
  return roles as Role[];
};

users
  .command('add <username>')
  .description('add a user; the password comes from SAFETYNET_NEW_PASSWORD or standard input')
  .requiredOption('--name <displayName>', 'the name shown in the app')
  .requiredOption('--organisation <name-or-id>', 'the organisation the user belongs to')
  .requiredOption('--roles <roles>', `comma-separated: ${ROLES.join(', ')}`, roleList)
  .option('--language <code>', 'sq, bg or en', 'en')
  .action(async (username: string, opts: { name: string; organisation: string; roles: Role[]; language: string }) => {
    const password = await readPassword();
    if (!password) throw new UsageError('Give the password in SAFETYNET_NEW_PASSWORD or on standard input (never as an argument).');
    await withDatabase('users add', async (database) => {
      const org = await database.db
        .selectFrom('organisations')
        .select('id')
        .where((eb) => (/^[0-9a-f-]{36}$/i.test(opts.organisation) ? eb('id', '=', opts.organisation) : eb('name', '=', opts.organisation)))
        .execute();
      if (org.length !== 1) throw new UsageError(org.length ? `Several organisations are named "${opts.organisation}"; give its id.` : `No organisation "${opts.organisation}".`);
      const input = UserCreate.safeParse({ username, displayName: opts.name, organisationId: org[0]!.id, roles: opts.roles, password, language: opts.language });
      if (!input.success) throw new UsageError(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      const user = await createUser(database.db, systemActor('cli'), input.data);
      console.log(`Added ${user.username} (${user.roles.join(', ')}) at ${user.organisationName}.`);
    });
  });

users
  .command('list')
  .description('list users')
  .option('--json', 'as JSON')
  .action(async (opts: { json?: boolean }) => {
    await withDatabase('users list', async (database) => {
      const { items } = await listUsers(database.db, { limit: 100_000, offset: 0 });
      if (opts.json) return console.log(JSON.stringify(items, null, 2));
      for (const u of items) {
        console.log([u.username.padEnd(20), u.roles.join(',').padEnd(24), u.disabled ? 'disabled' : 'active  ', u.organisationName].join(' '));
      }
    });
  });

for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
  users
    .command(`${name} <username>`)
    .description(disabled ? 'disable a user and end their sessions' : 'enable a disabled user')
    .action(async (username: string) => {
      await withDatabase(`users ${name}`, async (database) => {
        const user = await findUserByName(database.db, username);
        if (!user) throw new UsageError(`No user "${username}".`);
        await updateUser(database.db, systemActor('cli'), user.id, { disabled });
        console.log(`${disabled ? 'Disabled' : 'Enabled'} ${user.username}.`);
      });
    });
}

users
  .command('set-password <username>')
  .description('set a password (from SAFETYNET_NEW_PASSWORD or standard input); lifts the sign-in slow-down')
  .action(async (username: string) => {
    const password = await readPassword();
    const parsed = Password.safeParse(password);
    if (!parsed.success) throw new UsageError(`password ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
    await withDatabase('users set-password', async (database) => {
      const user = await findUserByName(database.db, username);
      if (!user) throw new UsageError(`No user "${username}".`);
      await updateUser(database.db, systemActor('cli'), user.id, { password: parsed.data });
      console.log(`Password set for ${user.username}.`);
    });
  });

/** What `audit verify` held the log to: the checkpoints outside the database. */
function describeCheckpoints(file: string, list: Checkpoint[], restoredAt: string | null): string {
  const since = restoredAt ? ` since the restore of ${restoredAt}` : '';
  if (list.length === 0) return `No audit checkpoints${since} in ${file} yet.`;
  const latest = list.map((c) => c.at).sort().at(-1);
  return `Checked against the checkpoints of ${list.length} chains${since} (the latest of ${latest}) in ${file}.`;
}

program
  .command('audit')
  .description('the audit log')
  .command('verify')
  .description('check the hash chain; exit 1 naming the first broken entry')
  .action(async () => {
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

program
  .command('backup <file>')
  .description('write every table (but sessions) to a gzip file')
  .action(async (file: string) => {
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
    await withDatabase('restore', async (database) => {
      const { rows } = await restore(database, file);
      await database.checkpoints!.restored(database.db);
      const check = await verifyAudit(database.db);
      console.log(`Restored ${rows} rows from ${file}. Audit log ${check.ok ? 'intact' : 'BROKEN'}.`);
      if (!check.ok) process.exitCode = 1;
    });
  });

program
  .command('jurisdictions')
  .description('reference data')
  .command('load <file>')
  .description('add or update a country from a JSON file (format: src/domain/reference/country-file.ts)')
  .action(async (file: string) => {
    let parsed;
    try {
      parsed = CountryFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    } catch (err) {
      throw new UsageError(`${file} is not readable JSON: ${(err as Error).message}`);
    }
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    const country = parsed.data;
    await withDatabase('jurisdictions load', async (database) => {
      const n = await loadCountry(database.owner, country);
      console.log(`Loaded ${country.nameEn}: ${n} jurisdictions.`);
    });
  });

registerInterchangeCommands(program);
registerReportsCommands(program);
registerTransfersCommands(program);

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
