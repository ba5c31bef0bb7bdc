import { type Command, InvalidArgumentError } from 'commander';
import { UsageError, withDatabase } from '../cli/cli-support.ts';
import { ROLES, type Role } from '../domain/roles.ts';

/**
 * `safetynet users add|list|disable|enable|set-password`. A password is never an argument: it
 * comes from SAFETYNET_NEW_PASSWORD or standard input. Changes are made as the system actor `cli`.
 */

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

const roleList = (value: string): Role[] => {
  const roles = value.split(',').map((r) => r.trim()).filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || roles.length === 0) throw new InvalidArgumentError(`roles must be a comma-separated list of: ${ROLES.join(', ')}`);
  return roles as Role[];
};

export function registerUsersCommands(program: Command): void {
  const users = program.command('users').description('manage user accounts');

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
      const { UserCreate } = await import('./users-schema.ts');
      const { createUser } = await import('./users-service.ts');
      const { systemActor } = await import('../policy/actor.ts');
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
      const { listUsers } = await import('./users-service.ts');
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
        const { findUserByName, updateUser } = await import('./users-service.ts');
        const { systemActor } = await import('../policy/actor.ts');
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
      const { Password } = await import('./users-schema.ts');
      const parsed = Password.safeParse(password);
      if (!parsed.success) throw new UsageError(`password ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
      const { findUserByName, updateUser } = await import('./users-service.ts');
      const { systemActor } = await import('../policy/actor.ts');
      await withDatabase('users set-password', async (database) => {
        const user = await findUserByName(database.db, username);
        if (!user) throw new UsageError(`No user "${username}".`);
        await updateUser(database.db, systemActor('cli'), user.id, { password: parsed.data });
        console.log(`Password set for ${user.username}.`);
      });
    });

  users
    .command('reset-2fa <username>')
    .description('remove a user\'s second factor (they set it up again at the next sign-in) and end their sessions; audited')
    .action(async (username: string) => {
      const { findUserByName } = await import('./users-service.ts');
      const { resetSecondFactor } = await import('./user-second-factor.ts');
      const { systemActor } = await import('../policy/actor.ts');
      await withDatabase('users reset-2fa', async (database) => {
        const user = await findUserByName(database.db, username);
        if (!user) throw new UsageError(`No user "${username}".`);
        await resetSecondFactor(database.db, systemActor('cli'), user.id);
        console.log(`Second factor reset for ${user.username}: they set it up again at the next sign-in.`);
      });
    });

  users
    .command('link-oidc <username> [subject]')
    .description('link a user to the identity provider\'s subject (sub) for single sign-on; --unlink removes it; audited')
    .option('--unlink', 'remove the link')
    .action(async (username: string, subject: string | undefined, opts: { unlink?: boolean }) => {
      if (!opts.unlink && !subject) throw new UsageError('Give the subject (the provider\'s "sub"), or --unlink.');
      const { loadConfig } = await import('../config.ts');
      const { findUserByName } = await import('./users-service.ts');
      const { linkOidcSubject } = await import('./user-second-factor.ts');
      const { systemActor } = await import('../policy/actor.ts');
      const issuer = loadConfig().oidc?.issuer ?? null;
      await withDatabase('users link-oidc', async (database) => {
        const user = await findUserByName(database.db, username);
        if (!user) throw new UsageError(`No user "${username}".`);
        await linkOidcSubject(database.db, systemActor('cli'), user.id, issuer, opts.unlink ? null : subject!);
        console.log(opts.unlink ? `Unlinked ${user.username}.` : `Linked ${user.username} to the identity provider's subject.`);
      });
    });
}
