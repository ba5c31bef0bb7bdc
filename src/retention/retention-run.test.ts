import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { withDatabase } from '../testing/database.ts';
import { startRetentionWorker } from './retention-worker.ts';

/**
 * How retention runs outside a test's call: the server's daily worker (a child whose cases closed
 * long ago is anonymised by it, audited as system:retention), and `safetynet retention run` as an
 * operator runs it (a child process on a database of its own).
 */
let t: TestApp;
const PG_URL = process.env.DATABASE_URL;
const created: string[] = [];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-retention-'));

beforeAll(async () => {
  t = await startTestApp();
}, 180_000);
afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (PG_URL) {
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
});

describe('the daily retention run', () => {
  it('anonymises a child whose cases all closed longer ago than the country keeps them', async () => {
    const db = t.database.unguarded;
    const k = await db.selectFrom('cases').select(['child_id']).where('country', '=', 'AL').orderBy('opened_at').executeTakeFirstOrThrow();
    await sql`UPDATE cases SET status = 'closed', closed_at = '2012-01-01T00:00:00Z', closure_reason = 'goals_met' WHERE child_id = ${k.child_id}`.execute(db);
    const logs: string[] = [];
    const stop = startRetentionWorker(t.database.db, { hour: 0, everyMs: 25, log: (m) => logs.push(m) });
    try {
      await vi.waitFor(async () => {
        const row = await db.selectFrom('children').select('anonymised_at').where('id', '=', k.child_id).executeTakeFirstOrThrow();
        expect(row.anonymised_at).not.toBeNull();
      }, { timeout: 60_000, interval: 100 });
    } finally {
      await stop();
    }
    const run = await db.selectFrom('audit_log').select(['actor_name', 'detail']).where('action', '=', 'retention_run').executeTakeFirstOrThrow();
    expect(run.actor_name).toBe('system:retention');
    expect(run.detail).toMatchObject({ anonymised: 1, failed: 0 });
    // Once a day: the worker does not run again the same day.
    expect(await db.selectFrom('audit_log').select('seq').where('action', '=', 'retention_run').execute()).toHaveLength(1);
    expect(logs).toEqual(['retention: 1 anonymised, 0 failed, 0 kept by a legal hold']);
  }, 120_000);
});

describe('safetynet retention run', () => {
  it('lists, as a dry run, nothing on a new database and exits 0', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SAFETYNET_DATA_DIR: dataDir, SAFETYNET_LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    if (PG_URL) {
      const name = `safetynet_test_retention_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      created.push(name);
      env.DATABASE_URL = withDatabase(PG_URL, name);
    }
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['bin/safetynet.mjs', 'retention', 'run', '--dry-run', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ dryRun: true, due: [], anonymised: 0, failed: 0, held: 0, stopped: false });
  }, 180_000);
});
