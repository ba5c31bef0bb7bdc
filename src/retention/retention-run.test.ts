import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { cliPlaces, runCli } from '../testing/cli.ts';
import { startRetentionWorker } from './retention-worker.ts';

/**
 * How retention runs outside a test's call: the server's daily worker (a child whose cases closed
 * long ago is anonymised by it, audited as system:retention), and `safetynet retention run` as an
 * operator runs it (a child process on a database of its own).
 */
let t: TestApp;
const places = cliPlaces('retention');

beforeAll(async () => {
  t = await startTestApp();
}, 180_000);
afterAll(async () => {
  await t?.close();
  await places.cleanup();
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
    const result = await runCli(await places.env(), ['retention', 'run', '--dry-run', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ dryRun: true, due: [], anonymised: 0, failed: 0, held: 0, stopped: false });
  }, 180_000);
});
