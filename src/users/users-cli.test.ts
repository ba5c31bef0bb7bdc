import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { withDatabase } from '../testing/database.ts';

/**
 * `safetynet users reset-2fa` and `users link-oidc`, run as the real CLI on a database of its own
 * (PGlite in a data directory, or a fresh PostgreSQL database when DATABASE_URL is set).
 */
const PG_URL = process.env.DATABASE_URL;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-users-cli-'));
let env: NodeJS.ProcessEnv;
let dbName: string | null = null;

type Result = { code: number | null; stdout: string; stderr: string };
function cli(args: string[], extra: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/safetynet.mjs', ...args], { env: { ...env, ...extra }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end('');
  });
}

beforeAll(async () => {
  env = { ...process.env, SAFETYNET_DATA_DIR: fs.mkdtempSync(path.join(root, 'data-')), SAFETYNET_LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  if (PG_URL) {
    dbName = `safetynet_test_ucli_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    env.DATABASE_URL = withDatabase(PG_URL, dbName);
  }
  expect((await cli(['migrate'])).code).toBe(0);
  expect((await cli(['seed-demo'])).code).toBe(0);
}, 180_000);
afterAll(async () => {
  if (PG_URL && dbName) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(root, { recursive: true, force: true });
});

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
    const db = env.DATABASE_URL
      ? await openDatabase({ kind: 'postgres', url: env.DATABASE_URL, appRole: false })
      : await openDatabase({ kind: 'pglite', dataDir: env.SAFETYNET_DATA_DIR!, command: 'users-cli.test' });
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
