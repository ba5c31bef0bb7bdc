import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withDatabase } from '../testing/database.ts';
import { type Database, openDatabase } from './database.ts';
import { listMigrations, migrate } from './migrate.ts';
import type { DB } from './schema.ts';

/**
 * Migrations on the database the suite runs on (PGlite, or PostgreSQL with DATABASE_URL): each
 * applied once, never edited afterwards, and the data migrations' backfills. That the schema they
 * give is the same on both databases is proven by src/db/generate-types.test.ts (the generated
 * types, with each column's SQL type and default); the audit log's guards by audit-append-only.test.ts.
 */
const PG_URL = process.env.DATABASE_URL;

/** An empty, unmigrated database of the kind the suite runs on. */
async function emptyDatabase(): Promise<Database> {
  if (!PG_URL) return openDatabase({ kind: 'pglite', dataDir: null });
  const name = `safetynet_test_mig_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', url: withDatabase(PG_URL, name) });
  return {
    ...database,
    async close() {
      await database.close();
      const drop = new pg.Client({ connectionString: PG_URL });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

/** The columns of the public tables, to see that a second run changes nothing. */
async function schemaOf(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ line: string }>`
    SELECT table_name || '.' || column_name || ' ' || data_type
      || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
      || COALESCE(' default ' || column_default, '') AS line
    FROM information_schema.columns WHERE table_schema = 'public'
    ORDER BY table_name, ordinal_position`.execute(db);
  return rows.map((r) => r.line).join('\n');
}

describe('migrate on an empty database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await emptyDatabase();
  });
  afterAll(() => database.close());

  it('applies every migration once; a second run is a no-op', async () => {
    const all = listMigrations().map((m) => m.version);
    expect(all[0]).toBe('0001');
    expect(await migrate(database)).toEqual(all);
    const before = await database.owner.selectFrom('schema_migrations').selectAll().orderBy('version').execute();
    const schemaBefore = await schemaOf(database.owner);
    expect(await migrate(database)).toEqual([]);
    expect(await database.owner.selectFrom('schema_migrations').selectAll().orderBy('version').execute()).toEqual(before);
    expect(await schemaOf(database.owner)).toBe(schemaBefore);
    expect(before.map((m) => [m.version, m.checksum])).toEqual(listMigrations().map((m) => [m.version, m.checksum]));
  });

  it('refuses to run when an applied migration was changed afterwards', async () => {
    await database.owner.updateTable('schema_migrations').set({ checksum: 'edited' }).where('version', '=', '0001').execute();
    await expect(migrate(database)).rejects.toThrow(/0001_foundation was changed after it was applied/);
    await database.owner.updateTable('schema_migrations').set({ checksum: listMigrations()[0]!.checksum }).where('version', '=', '0001').execute();
    expect(await migrate(database)).toEqual([]);
  });
});

describe('0006: the supervisor\'s words move out of the timeline', () => {
  let database: Database;
  beforeAll(async () => {
    database = await emptyDatabase();
  });
  afterAll(() => database.close());

  it('backfills case_decisions from closure_returned and reopened steps, strips the text from their detail, and codes old withdrawals', async () => {
    const db = database.owner;
    // The schema as it was before 0006, with a case that was returned once and reopened once.
    await sql`CREATE TABLE schema_migrations (version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
    for (const m of listMigrations().filter((x) => x.version < '0006')) {
      await sql.raw(m.sql).execute(db);
      await db.insertInto('schema_migrations').values({ version: m.version, name: m.name, checksum: m.checksum }).execute();
    }
    await sql`INSERT INTO jurisdictions (code, country, level, parent_code, name_local, name_en, timezone)
      VALUES ('XK', 'XK', 'country', NULL, 'Testland', 'Testland', 'Europe/Belgrade')`.execute(db);
    const org = (await sql<{ id: string }>`INSERT INTO organisations (country, name, sector, jurisdiction_code, is_protection_unit)
      VALUES ('XK', 'Unit', 'social_services', 'XK', true) RETURNING id`.execute(db)).rows[0]!.id;
    const ngo = (await sql<{ id: string }>`INSERT INTO organisations (country, name, sector, jurisdiction_code)
      VALUES ('XK', 'NGO', 'ngo', 'XK') RETURNING id`.execute(db)).rows[0]!.id;
    const user = (await sql<{ id: string }>`INSERT INTO users (username, display_name, organisation_id, roles, password_hash)
      VALUES ('sup', 'Sup', ${org}, ARRAY['supervisor'], 'x') RETURNING id`.execute(db)).rows[0]!.id;
    const child = (await sql<{ id: string }>`INSERT INTO children (country, unit_id, municipality_code, given_name, family_name, name_key, sex)
      VALUES ('XK', ${org}, 'XK', 'A', 'B', 'a b', 'female') RETURNING id`.execute(db)).rows[0]!.id;
    const kase = (await sql<{ id: string }>`INSERT INTO cases (country, child_id, unit_id, risk_level, opened_at, initial_assessment_due_at, plan_due_at)
      VALUES ('XK', ${child}, ${org}, 'low', now(), now(), now()) RETURNING id`.execute(db)).rows[0]!.id;
    const step = (kind: string, detail: object, at: string) => sql`INSERT INTO case_events (country, case_id, at, kind, actor_id, actor_name, author_org_id, detail)
      VALUES ('XK', ${kase}, ${at}::timestamptz, ${kind}, ${user}, 'sup', ${org}, ${JSON.stringify(detail)}::jsonb)`.execute(db);
    await step('closure_returned', { reason: 'goals_met', comment: 'Visit once more.' }, '2024-01-02T10:00:00Z');
    await step('reopened', { riskLevel: 'high', from: 'low', reason: 'A new signal.' }, '2024-02-03T10:00:00Z');
    await step('closure_requested', { reason: 'goals_met' }, '2024-01-01T10:00:00Z');
    await sql`INSERT INTO referrals (country, case_id, provider_org_id, service, request, consent_child, consent_caregiver, status, referred_at, author_org_id, respond_by, withdrawn_reason)
      VALUES ('XK', ${kase}, ${ngo}, 'other', 'r', 'given', 'given', 'withdrawn', now(), ${org}, now(), 'Moved'),
             ('XK', ${kase}, ${ngo}, 'other', 'r', 'given', 'given', 'pending', now(), ${org}, now(), NULL)`.execute(db);

    expect(await migrate(database)).toEqual(listMigrations().filter((x) => x.version >= '0006').map((x) => x.version));

    const decisions = await db.selectFrom('case_decisions').select(['kind', 'comment', 'closure_reason', 'decided_at', 'decided_by', 'decided_by_name', 'author_org_id'])
      .orderBy('decided_at').execute();
    expect(decisions).toEqual([
      { kind: 'closure_returned', comment: 'Visit once more.', closure_reason: 'goals_met', decided_at: new Date('2024-01-02T10:00:00Z'), decided_by: user, decided_by_name: 'sup', author_org_id: org },
      { kind: 'reopened', comment: 'A new signal.', closure_reason: null, decided_at: new Date('2024-02-03T10:00:00Z'), decided_by: user, decided_by_name: 'sup', author_org_id: org },
    ]);
    const details = await db.selectFrom('case_events').select(['kind', 'detail']).orderBy('at').execute();
    expect(details).toEqual([
      { kind: 'closure_requested', detail: { reason: 'goals_met' } },
      { kind: 'closure_returned', detail: { reason: 'goals_met' } },
      { kind: 'reopened', detail: { riskLevel: 'high', from: 'low' } },
    ]);
    const referrals = await db.selectFrom('referrals').select(['status', 'withdrawn_code']).orderBy('status').execute();
    expect(referrals).toEqual([{ status: 'pending', withdrawn_code: null }, { status: 'withdrawn', withdrawn_code: 'unit' }]);
    // From now on a withdrawal always says why.
    await expect(sql`UPDATE referrals SET status = 'withdrawn' WHERE status = 'pending'`.execute(db)).rejects.toThrow(/referrals_withdrawn_code/);
  });
});

describe('0011: a pending referral gives no grant; a closed case has no current placement', () => {
  let database: Database;
  beforeAll(async () => {
    database = await emptyDatabase();
  });
  afterAll(() => database.close());

  it('revokes the grants of pending referrals only, and ends the placements of closed cases on their closure day', async () => {
    const db = database.owner;
    await sql`CREATE TABLE schema_migrations (version text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`.execute(db);
    for (const m of listMigrations().filter((x) => x.version < '0011')) {
      await sql.raw(m.sql).execute(db);
      await db.insertInto('schema_migrations').values({ version: m.version, name: m.name, checksum: m.checksum }).execute();
    }
    await sql`INSERT INTO jurisdictions (code, country, level, parent_code, name_local, name_en, timezone)
      VALUES ('XK', 'XK', 'country', NULL, 'Testland', 'Testland', 'Europe/Belgrade')`.execute(db);
    const org = (await sql<{ id: string }>`INSERT INTO organisations (country, name, sector, jurisdiction_code, is_protection_unit)
      VALUES ('XK', 'Unit', 'social_services', 'XK', true) RETURNING id`.execute(db)).rows[0]!.id;
    const ngo = (await sql<{ id: string }>`INSERT INTO organisations (country, name, sector, jurisdiction_code)
      VALUES ('XK', 'NGO', 'ngo', 'XK') RETURNING id`.execute(db)).rows[0]!.id;
    const child = async (name: string) => (await sql<{ id: string }>`INSERT INTO children (country, unit_id, municipality_code, given_name, family_name, name_key, sex)
      VALUES ('XK', ${org}, 'XK', ${name}, 'B', ${name}, 'female') RETURNING id`.execute(db)).rows[0]!.id;
    const closedChild = await child('closed');
    const openChild = await child('open');
    // Closed at 23:30 UTC on 1 March: 2 March in the unit's zone.
    const closed = (await sql<{ id: string }>`INSERT INTO cases (country, child_id, unit_id, risk_level, opened_at, initial_assessment_due_at, plan_due_at, status, closed_at)
      VALUES ('XK', ${closedChild}, ${org}, 'low', '2024-01-01', now(), now(), 'closed', '2024-03-01T23:30:00Z') RETURNING id`.execute(db)).rows[0]!.id;
    const open = (await sql<{ id: string }>`INSERT INTO cases (country, child_id, unit_id, risk_level, opened_at, initial_assessment_due_at, plan_due_at)
      VALUES ('XK', ${openChild}, ${org}, 'low', '2024-01-01', now(), now()) RETURNING id`.execute(db)).rows[0]!.id;
    for (const kase of [closed, open]) {
      await sql`INSERT INTO placements (country, case_id, kind, carer_name, started_on, author_org_id) VALUES ('XK', ${kase}, 'kinship_care', 'Gran', '2024-01-10', ${org})`.execute(db);
    }
    const referral = async (status: string) => (await sql<{ id: string }>`INSERT INTO referrals (country, case_id, provider_org_id, service, request, consent_child, consent_caregiver, status, referred_at, author_org_id, respond_by, complete_by)
      VALUES ('XK', ${open}, ${ngo}, 'other', 'r', 'given', 'given', ${status}, now(), ${org}, now(), ${status === 'accepted' ? sql`now()` : null}) RETURNING id`.execute(db)).rows[0]!.id;
    const pending = await referral('pending');
    const accepted = await referral('accepted');
    for (const source of [pending, accepted]) {
      await sql`INSERT INTO child_access (country, child_id, reason, organisation_id, source_id) VALUES ('XK', ${openChild}, 'referral', ${ngo}, ${source})`.execute(db);
    }

    expect(await migrate(database)).toEqual(listMigrations().filter((x) => x.version >= '0011').map((x) => x.version));

    const grants = await db.selectFrom('child_access').select(['source_id', 'revoked_at']).where('reason', '=', 'referral').execute();
    expect(grants.find((g) => g.source_id === pending)!.revoked_at).not.toBeNull();
    expect(grants.find((g) => g.source_id === accepted)!.revoked_at).toBeNull();
    const placements = await db.selectFrom('placements').select(['case_id', 'ended_on', 'end_code', 'end_reason']).execute();
    expect(placements.find((p) => p.case_id === closed)).toEqual({ case_id: closed, ended_on: '2024-03-02', end_code: 'case_closed', end_reason: null });
    expect(placements.find((p) => p.case_id === open)).toMatchObject({ ended_on: null, end_code: null });
    const steps = await db.selectFrom('case_events').select(['case_id', 'kind', 'detail', 'at']).execute();
    expect(steps).toEqual([{ case_id: closed, kind: 'placement_ended', detail: { kind: 'kinship_care', ending: 'case_closed' }, at: new Date('2024-03-01T23:30:00Z') }]);
  });
});
