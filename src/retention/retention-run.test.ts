import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestBreakGlass } from '../breakglass/breakglass.ts';
import { reviewGrant } from '../breakglass/breakglass-reviews.ts';
import { loadUserActor } from '../policy/actor.ts';
import { openDoor } from '../policy/door.ts';
import { type TestApp, startTestApp } from '../testing/app.ts';
import { cliPlaces, openCliDatabase, runCli } from '../testing/cli.ts';
import { startRetentionWorker } from './retention-worker.ts';

/**
 * How retention runs outside a test's call: the server's daily worker (a child whose cases closed
 * long ago is anonymised by it, audited as system:retention), and `safetynet retention run` as an
 * operator runs it (a child process on a database of its own), and `safetynet break-glass users`.
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

describe('safetynet retention run on a database with a case that is due', () => {
  it('lists it without names as a dry run (JSON and text), changes nothing, then anonymises it; break-glass users lists the uses per user', async () => {
    const env = await places.env();
    expect((await runCli(env, ['migrate'])).code).toBe(0);
    expect(await runCli(env, ['seed-demo'])).toMatchObject({ code: 0, stderr: '' });

    // Below the application, as an operator's earlier years would have left it: one Korçë child's
    // cases all closed in 2012, long past Albania's retention period. And two emergency accesses
    // by another unit's caseworker, one of them reviewed as not justified.
    let database = await openCliDatabase(env, 'retention-run.test');
    type Child = { id: string; unit_id: string | null; given_name: string | null; family_name: string | null; birth_date: string };
    let due: Child;
    let caseIds: string[];
    let names: string[];
    try {
      const db = database.owner;
      const children = await db.selectFrom('children').select(['id', 'unit_id', 'given_name', 'family_name', sql<string>`to_char(birth_date, 'YYYY-MM-DD')`.as('birth_date')])
        .where('country', '=', 'AL').where('birth_date', 'is not', null).orderBy('created_at').orderBy('id').execute();
      names = children.flatMap((c) => [c.given_name, c.family_name]).filter((n): n is string => !!n && n.length >= 3);
      const k = await db.selectFrom('cases').select('child_id').where('country', '=', 'AL').orderBy('opened_at').executeTakeFirstOrThrow();
      due = children.find((c) => c.id === k.child_id)!;
      expect(due).toBeDefined();
      caseIds = (await db.selectFrom('cases').select('id').where('child_id', '=', due.id).execute()).map((r) => r.id).sort();
      await sql`UPDATE cases SET status = 'closed', closed_at = '2012-01-01T00:00:00Z', closure_reason = 'goals_met' WHERE child_id = ${due.id}`.execute(db);

      const userId = async (username: string) => (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
      const cela = (await loadUserActor(db, await userId('e.cela')))!;
      const supervisor = (await loadUserActor(db, await userId('supervisor')))!;
      // Two other children of the Korçë unit, out of the Elbasan caseworker's reach.
      const others = children.filter((c) => c.id !== due.id && c.unit_id === supervisor.organisationId && c.given_name && c.family_name).slice(0, 2);
      const grants: string[] = [];
      for (const c of others) {
        const got = await requestBreakGlass(openDoor(db, cela), { givenName: c.given_name!, familyName: c.family_name!, birthDate: c.birth_date, reason: 'The police brought the child in at night; is there a case?' }, 4);
        grants.push(...got.grants.map((g: { id: string }) => g.id));
      }
      expect(grants).toHaveLength(2);
      await reviewGrant(openDoor(db, supervisor), grants[0]!, { verdict: 'unjustified', note: 'No emergency: the unit was reachable.' });
    } finally {
      await database.close();
    }
    const childWords = [...names, due.birth_date];
    const noChildData = (out: string) => {
      for (const word of childWords) expect(out).not.toContain(word);
    };

    const json = await runCli(env, ['retention', 'run', '--dry-run', '--json']);
    expect(json.code, json.stderr).toBe(0);
    noChildData(json.stdout + json.stderr);
    const listed = JSON.parse(json.stdout);
    expect(listed).toMatchObject({ dryRun: true, anonymised: 0, failed: 0, held: 0, stopped: false });
    expect(listed.due.map((c: { childId: string }) => c.childId)).toEqual([due.id]);
    expect(listed.due[0].cases.map((c: { caseId: string }) => c.caseId).sort()).toEqual(caseIds);
    expect(listed.due[0].cases.every((c: { closedOn: string }) => c.closedOn === '2012-01-01')).toBe(true);

    const text = await runCli(env, ['retention', 'run', '--dry-run']);
    expect(text.code, text.stderr).toBe(0);
    noChildData(text.stdout + text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('1 child would be anonymised; 0 kept by a legal hold.');
    expect(lines.slice(0, -1).map((l) => l.split('\t')[0])).toEqual(caseIds.map(() => 'AL'));
    expect(lines.slice(0, -1).every((l) => /\tclosed 2012-01-01\tdue \d{4}-\d{2}-\d{2}$/.test(l))).toBe(true);

    // The dry run changed nothing.
    database = await openCliDatabase(env, 'retention-run.test');
    try {
      const row = await database.owner.selectFrom('children').select(['given_name', 'anonymised_at']).where('id', '=', due.id).executeTakeFirstOrThrow();
      expect(row).toEqual({ given_name: due.given_name, anonymised_at: null });
    } finally {
      await database.close();
    }

    const run = await runCli(env, ['retention', 'run', '--json']);
    expect(run.code, run.stderr).toBe(0);
    noChildData(run.stdout + run.stderr);
    expect(JSON.parse(run.stdout)).toMatchObject({ dryRun: false, anonymised: 1, failed: 0 });
    database = await openCliDatabase(env, 'retention-run.test');
    try {
      const row = await database.owner.selectFrom('children').select(['given_name', 'family_name', 'birth_date', 'birth_year', 'anonymised_at']).where('id', '=', due.id).executeTakeFirstOrThrow();
      expect(row.anonymised_at).not.toBeNull();
      expect([row.given_name, row.family_name]).not.toContain(due.given_name);
      expect([row.given_name, row.family_name]).not.toContain(due.family_name);
      expect(row.birth_date).toBeNull();
      expect(row.birth_year).toBe(Number(due.birth_date.slice(0, 4)));
    } finally {
      await database.close();
    }
    // Nothing is due any more.
    const again = await runCli(env, ['retention', 'run', '--dry-run', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ due: [], anonymised: 0 });

    const users = await runCli(env, ['break-glass', 'users']);
    expect(users).toMatchObject({ code: 0, stderr: '' });
    noChildData(users.stdout);
    expect(users.stdout.trimEnd().split('\n')).toEqual([
      'username\torganisation\tgrants\tjustified\tunjustified\tpending',
      expect.stringMatching(/^e\.cela\t.+\t2\t0\t1\t1$/),
    ]);
    const usersJson = await runCli(env, ['break-glass', 'users', '--json']);
    expect(usersJson.code, usersJson.stderr).toBe(0);
    expect(JSON.parse(usersJson.stdout).items).toEqual([expect.objectContaining({ username: 'e.cela', grants: 2, justified: 0, unjustified: 1, pending: 1 })]);
  }, 300_000);
});
