import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPlaces, openCliDatabase, runCli } from '../testing/cli.ts';

/**
 * `safetynet users reset-2fa` and `users link-oidc`, run as the real CLI on a database of its own
 * (PGlite in a data directory, or a fresh PostgreSQL database when DATABASE_URL is set).
 */
const places = cliPlaces('users-cli');
let env: NodeJS.ProcessEnv;
const cli = (args: string[], extra: Record<string, string> = {}) => runCli({ ...env, ...extra }, args);

beforeAll(async () => {
  env = await places.env();
  expect((await cli(['migrate'])).code).toBe(0);
  expect((await cli(['seed-demo'])).code).toBe(0);
}, 180_000);
afterAll(() => places.cleanup());

describe('safetynet users: second factor and single sign-on', () => {
  it('resets a second factor (audited), links and unlinks a subject, refuses unknown users and a missing provider', async () => {
    expect(await cli(['users', 'reset-2fa', 'caseworker'])).toEqual({ code: 0, stdout: 'Second factor reset for caseworker: they set it up again at the next sign-in.\n', stderr: '' });
    const unknown = await cli(['users', 'reset-2fa', 'nobody-here']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No user "nobody-here".');
    const noProvider = await cli(['users', 'link-oidc', 'caseworker', 'sub-1']);
    expect(noProvider.code).toBe(1);
    expect(noProvider.stderr).toContain('Single sign-on is not configured');
    const oidc = { SAFETYNET_OIDC_ISSUER: 'https://id.example.org', SAFETYNET_OIDC_CLIENT_ID: 'safetynet', SAFETYNET_OIDC_CLIENT_SECRET: 'secret' };
    expect(await cli(['users', 'link-oidc', 'caseworker', 'sub-1'], oidc)).toEqual({ code: 0, stdout: 'Linked caseworker to the identity provider\'s subject.\n', stderr: '' });
    expect((await cli(['users', 'link-oidc', 'supervisor', 'sub-1'], oidc)).code).toBe(1);
    const db = await openCliDatabase(env, 'users-cli.test');
    try {
      const row = await db.owner.selectFrom('users').select(['oidc_issuer', 'oidc_subject']).where('username', '=', 'caseworker').executeTakeFirstOrThrow();
      expect(row).toEqual({ oidc_issuer: 'https://id.example.org', oidc_subject: 'sub-1' });
      const actions = (await db.owner.selectFrom('audit_log').select('action').where('actor_name', 'like', '%cli%').execute()).map((r: { action: string }) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['second_factor_reset', 'oidc_link']));
    } finally {
      await db.close();
    }
    expect((await cli(['users', 'link-oidc', 'caseworker', '--unlink'], oidc)).stdout).toBe('Unlinked caseworker.\n');
  }, 180_000);
});
