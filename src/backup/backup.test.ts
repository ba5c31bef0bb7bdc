import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAudit } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { loadCountry } from '../jurisdictions/load.ts';
import { systemActor } from '../policy/actor.ts';
import { DEMO_PASSWORD } from '../testing/app.ts';
import { type TestDatabase, freshDatabase } from '../testing/database.ts';
import { findUserByName, updateUser } from '../users/users-service.ts';
import { backup, restore } from './backup.ts';

/**
 * Backup and restore on the database the suite runs on: a restore gives back every row of every
 * table (sessions excepted) and an intact audit log; it refuses a database that has data and a
 * damaged file, in both cases changing nothing. The CLI's `backup` and `restore` round trip is
 * in src/cli/cli.test.ts.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safetynet-backup-test-'));
let source: TestDatabase;
const opened: TestDatabase[] = [];
async function fresh(): Promise<TestDatabase> {
  const d = await freshDatabase();
  opened.push(d);
  return d;
}

const XK = {
  code: 'XK',
  nameLocal: 'Testland',
  nameEn: 'Testland',
  timezone: 'Europe/Belgrade',
  languages: ['sq'],
  regions: [
    { code: 'XK-01', nameLocal: 'Veri', nameEn: 'North', municipalities: [{ code: 'XK-01-AA', nameLocal: 'Aa', nameEn: 'Aa' }] },
    { code: 'XK-02', nameLocal: 'Jug', nameEn: 'South', municipalities: [{ code: 'XK-02-BB', nameLocal: 'Bb', nameEn: 'Bb' }, { code: 'XK-02-CC', nameLocal: 'Cc', nameEn: 'Cc' }] },
  ],
  deadlines: {
    screeningHours: 24, initialMeetingHours: 24, crisisMeetingHours: 2, actionItemDefaultDays: 7,
    initialAssessmentDays: { high: 7, medium: 14, low: 14 }, planDays: 30, planReviewDays: { high: 30, medium: 90, low: 90 },
    referralResponseDays: 5, referralCompletionDays: 60,
  },
};

/** Every table's rows in primary-key order, as PostgreSQL renders them in JSON. */
async function snapshot(db: Kysely<DB>, skip = ['sessions', 'schema_migrations']): Promise<Record<string, unknown[]>> {
  const tables = (await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`.execute(db)).rows.map((r) => r.name);
  const out: Record<string, unknown[]> = {};
  for (const table of tables.filter((t) => !skip.includes(t))) {
    const pk = (await sql<{ col: string }>`
      SELECT a.attname AS col FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = ${table}::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`.execute(db)).rows.map((r) => r.col);
    expect(pk.length, `${table} has a primary key`).toBeGreaterThan(0);
    const { rows } = await sql<{ r: unknown }>`SELECT to_jsonb(t) AS r FROM ${sql.table(table)} t ORDER BY ${sql.join(pk.map((c) => sql.ref(`t.${c}`)))}`.execute(db);
    out[table] = rows.map((x) => x.r);
  }
  return out;
}

beforeAll(async () => {
  source = await fresh();
  await seedDemo(source.db, DEMO_PASSWORD);
  // Some audit activity beyond the seed: a disabled user, entries in several chains, a new country.
  const user = await findUserByName(source.db, 'e.cela');
  await updateUser(source.db, systemActor('test'), user!.id, { disabled: true });
  for (let i = 0; i < 3; i++) {
    await source.db.transaction().execute((tx) =>
      appendAudit(tx, [
        { chain: 'AL', actorId: user!.id, actorName: 'e.cela', action: 'child_view', entity: 'child', outcome: 'denied', detail: { i } },
        { chain: 'system', actorId: null, actorName: 'system:test', action: 'note', entity: 'test', outcome: 'ok', detail: { i, list: ['x', 'y'] } },
      ]),
    );
  }
  await loadCountry(source.owner, XK);
  // A supervisor's words on a case (migration 0006's table) and a referral withdrawn by a closure.
  const kase = await source.owner.selectFrom('cases').select(['country', 'id', 'unit_id']).orderBy('id').executeTakeFirstOrThrow();
  await source.owner.insertInto('case_decisions').values({
    country: kase.country, case_id: kase.id, kind: 'closure_returned', comment: 'Visit the school first.', closure_reason: 'goals_met',
    decided_by: user!.id, decided_by_name: 'e.cela', author_org_id: kase.unit_id,
  }).execute();
  const provider = await findUserByName(source.db, 'provider');
  await source.owner.insertInto('referrals').values({
    country: kase.country, case_id: kase.id, provider_org_id: provider!.organisationId, service: 'other', request: 'r', consent_child: 'given',
    consent_caregiver: 'given', status: 'withdrawn', withdrawn_code: 'case_closed', referred_at: new Date(), author_org_id: kase.unit_id, respond_by: new Date(),
  }).execute();
  const admin = await findUserByName(source.db, 'admin');
  await source.db.insertInto('sessions').values({ id_hash: 'h'.repeat(64), user_id: admin!.id, csrf_token: 'c', expires_at: new Date(Date.now() + 3600_000) }).execute();
}, 120_000);

afterAll(async () => {
  for (const d of opened) await d.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backup and restore', () => {
  let file: string;
  let backedUp: { tables: number; rows: number };

  it('restores every table but sessions row for row, with an intact audit log', async () => {
    file = path.join(tmp, 'full.jsonl.gz');
    backedUp = await backup(source, file);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const expected = await snapshot(source.owner);
    const sourceRows = Object.values(expected).reduce((n, rows) => n + rows.length, 0);
    expect(backedUp).toEqual({ tables: Object.keys(expected).length, rows: sourceRows });
    expect(expected.children!.length).toBeGreaterThan(0);
    expect(expected.child_access!.length).toBeGreaterThan(0);
    expect(expected.case_decisions!.length).toBe(1);
    expect(expected.referrals!.some((r) => (r as { withdrawn_code: string | null }).withdrawn_code === 'case_closed')).toBe(true);
    expect(expected.audit_log!.length).toBeGreaterThan(10);
    expect(expected.jurisdictions!.some((j) => (j as { code: string }).code === 'XK-02-CC')).toBe(true);

    const target = await fresh();
    const { rows } = await restore(target, file);
    expect(rows).toBe(sourceRows);
    expect(await snapshot(target.owner)).toEqual(expected);
    expect(await target.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    const check = await verifyAudit(target.db);
    expect(check).toEqual(await verifyAudit(source.db));
    expect(check.ok).toBe(true);
  });

  it('refuses a database that already has data, and changes nothing', async () => {
    const before = await snapshot(source.owner, []);
    await expect(restore(source, file)).rejects.toThrow(/Restore needs an empty database, but \w+ has rows/);
    expect(await snapshot(source.owner, [])).toEqual(before);
  });

  it('refuses a truncated file and leaves the target as it was', async () => {
    const whole = fs.readFileSync(file);
    const cut = path.join(tmp, 'cut.jsonl.gz');
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.8)));
    const target = await fresh();
    const before = await snapshot(target.owner, []);
    expect(before.jurisdictions!.length).toBeGreaterThan(100); // the shipped reference, which a restore replaces
    await expect(restore(target, cut)).rejects.toThrow(/unexpected end of file/);
    expect(await snapshot(target.owner, [])).toEqual(before);
  });

  it('rolls back every table when a late batch is bad', async () => {
    // A well-formed gzip whose last batch breaks: the batches before it were already inserted.
    const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    const last = JSON.parse(lines.at(-1)!) as { table: string; rows: Array<Record<string, unknown>> };
    last.rows.push({ ...last.rows[0] }); // a duplicate primary key
    const bad = path.join(tmp, 'bad.jsonl.gz');
    fs.writeFileSync(bad, gzipSync(`${[...lines.slice(0, -1), JSON.stringify(last)].join('\n')}\n`));
    const target = await fresh();
    const before = await snapshot(target.owner, []);
    await expect(restore(target, bad)).rejects.toThrow(/duplicate key/);
    expect(await snapshot(target.owner, [])).toEqual(before);

    const garbage = path.join(tmp, 'garbage.gz');
    fs.writeFileSync(garbage, randomBytes(200));
    await expect(restore(target, garbage)).rejects.toThrow();
    expect(await snapshot(target.owner, [])).toEqual(before);
    // The intact file still restores into that database afterwards.
    expect((await restore(target, file)).rows).toBe(backedUp.rows);
  });

  it('takes one consistent snapshot while the application keeps writing', async () => {
    // Only the audit log matters here: its heads are read before its entries.
    const db = await fresh();
    let stop = false;
    let written = 0;
    const writer = (async () => {
      while (!stop) {
        await db.db.transaction().execute((tx) =>
          appendAudit(tx, [
            { chain: 'system', actorId: null, actorName: 'system:writer', action: 'tick', entity: 'test', outcome: 'ok', detail: { written } },
            { chain: 'AL', actorId: null, actorName: 'system:writer', action: 'tick', entity: 'test', outcome: 'ok', detail: { written } },
          ]),
        );
        written += 1;
        // PGlite answers without I/O: yield, or this loop starves every timer of the process.
        await new Promise((r) => setImmediate(r));
      }
    })();
    try {
      for (let round = 0; round < 3; round++) {
        while (written < (round + 1) * 3) await new Promise((r) => setTimeout(r, 5));
        const f = path.join(tmp, `live-${round}.jsonl.gz`);
        await backup(db, f);
        const target = await fresh();
        await restore(target, f);
        expect(await verifyAudit(target.db), `round ${round}`).toMatchObject({ ok: true });
        await target.close();
        opened.splice(opened.indexOf(target), 1);
      }
    } finally {
      stop = true;
      await writer;
    }
  }, 120_000);
});
