import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../audit/audit-log.ts';
import { type TestDatabase, freshDatabase, withDatabase } from '../testing/database.ts';
import { APP_ROLE, type Database, openDatabase } from './database.ts';
import { listMigrations, migrate } from './migrate.ts';
import type { DB } from './schema.ts';

/**
 * Migrations on the database the suite runs on (PGlite, or PostgreSQL with DATABASE_URL):
 * idempotent, the same schema on both, and the audit log append-only for the application.
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

async function schemaOf(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ line: string }>`
    SELECT table_name || '.' || column_name || ' ' || data_type
      || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END
      || COALESCE(' default ' || column_default, '') AS line
    FROM information_schema.columns WHERE table_schema = 'public'
    ORDER BY table_name, ordinal_position`.execute(db);
  return rows.map((r) => r.line).join('\n');
}

/** The schema after all migrations, identical on PGlite and PostgreSQL. Update with a new migration. */
const SCHEMA = `action_items.country text not null
action_items.id uuid not null default gen_random_uuid()
action_items.meeting_id uuid not null
action_items.description text not null
action_items.responsible_org_id uuid
action_items.responsible_user_id uuid
action_items.due_date date not null
action_items.done_at timestamp with time zone
action_items.done_by uuid
action_items.done_note text
action_items.created_by uuid
action_items.created_at timestamp with time zone not null default now()
assessments.country text not null
assessments.id uuid not null default gen_random_uuid()
assessments.case_id uuid not null
assessments.kind text not null
assessments.assessed_at timestamp with time zone not null
assessments.summary text
assessments.domains jsonb
assessments.risk_factors ARRAY not null default '{}'::text[]
assessments.protective_factors ARRAY not null default '{}'::text[]
assessments.suggested_level text
assessments.risk_level text
assessments.level_reason text
assessments.child_views text
assessments.child_not_heard_reason text
assessments.author_id uuid
assessments.author_org_id uuid not null
assessments.created_at timestamp with time zone not null default now()
audit_heads.chain text not null
audit_heads.seq bigint not null
audit_heads.hash text not null
audit_log.chain text not null
audit_log.seq bigint not null
audit_log.at timestamp with time zone not null
audit_log.actor_id uuid
audit_log.actor_name text not null
audit_log.action text not null
audit_log.entity text not null
audit_log.entity_id text
audit_log.child_id uuid
audit_log.reason text
audit_log.outcome text not null
audit_log.detail jsonb not null default '{}'::jsonb
audit_log.prev_hash text not null
audit_log.hash text not null
bulk_access.country text not null
bulk_access.child_id uuid not null
bulk_access.batch_id uuid not null
case_decisions.country text not null
case_decisions.id uuid not null default gen_random_uuid()
case_decisions.case_id uuid not null
case_decisions.kind text not null
case_decisions.comment text not null
case_decisions.closure_reason text
case_decisions.decided_at timestamp with time zone not null default now()
case_decisions.decided_by uuid
case_decisions.decided_by_name text not null
case_decisions.author_org_id uuid
case_events.country text not null
case_events.id uuid not null default gen_random_uuid()
case_events.case_id uuid not null
case_events.at timestamp with time zone not null default now()
case_events.kind text not null
case_events.actor_id uuid
case_events.actor_name text not null
case_events.author_org_id uuid
case_events.entity text
case_events.entity_id uuid
case_events.detail jsonb not null default '{}'::jsonb
case_risk_levels.country text not null
case_risk_levels.id uuid not null default gen_random_uuid()
case_risk_levels.case_id uuid not null
case_risk_levels.level text not null
case_risk_levels.source text not null
case_risk_levels.source_id uuid
case_risk_levels.set_at timestamp with time zone not null default now()
case_risk_levels.set_by uuid
case_risk_levels.author_org_id uuid
case_signals.country text not null
case_signals.case_id uuid not null
case_signals.signal_id uuid not null
case_signals.attached_at timestamp with time zone not null default now()
case_transfers.country text not null
case_transfers.id uuid not null default gen_random_uuid()
case_transfers.case_id uuid not null
case_transfers.from_unit_id uuid not null
case_transfers.to_unit_id uuid not null
case_transfers.reason text not null
case_transfers.status text not null default 'pending'::text
case_transfers.requested_at timestamp with time zone not null default now()
case_transfers.requested_by uuid
case_transfers.decided_at timestamp with time zone
case_transfers.decided_by uuid
case_transfers.decision_note text
cases.country text not null
cases.id uuid not null default gen_random_uuid()
cases.ref text
cases.child_id uuid not null
cases.unit_id uuid not null
cases.owner_id uuid
cases.status text not null default 'open'::text
cases.previous_status text
cases.risk_level text not null
cases.opened_at timestamp with time zone not null
cases.opened_by uuid
cases.signal_id uuid
cases.initial_assessment_due_at timestamp with time zone not null
cases.initial_assessment_at timestamp with time zone
cases.plan_due_at timestamp with time zone not null
cases.review_due_at timestamp with time zone
cases.last_contact_at timestamp with time zone
cases.child_last_seen_at timestamp with time zone
cases.closure_reason text
cases.closure_note text
cases.closure_requested_at timestamp with time zone
cases.closure_requested_by uuid
cases.closed_at timestamp with time zone
cases.closed_by uuid
cases.origin text not null default 'app'::text
cases.created_at timestamp with time zone not null default now()
cases.updated_at timestamp with time zone not null default now()
cases.version integer not null default 1
cases.ref_scope text not null default ''::text
child_access.country text not null
child_access.id uuid not null default gen_random_uuid()
child_access.child_id uuid not null
child_access.reason text not null
child_access.organisation_id uuid not null
child_access.user_id uuid
child_access.source_id text not null
child_access.granted_at timestamp with time zone not null default now()
child_access.revoked_at timestamp with time zone
children.country text not null
children.id uuid not null default gen_random_uuid()
children.unit_id uuid
children.owner_id uuid
children.municipality_code text not null
children.given_name text not null
children.family_name text not null
children.name_key text not null
children.sex text not null
children.birth_date date
children.birth_date_estimated boolean not null default false
children.address text
children.languages ARRAY not null default '{}'::text[]
children.in_school boolean
children.school_name text
children.vulnerabilities ARRAY not null default '{}'::text[]
children.notes text
children.created_by uuid
children.created_at timestamp with time zone not null default now()
children.updated_at timestamp with time zone not null default now()
children.version integer not null default 1
children.anonymised_at timestamp with time zone
children.ref text
children.merged_into uuid
children.merged_at timestamp with time zone
children.ref_scope text not null default ''::text
contacts.country text not null
contacts.id uuid not null default gen_random_uuid()
contacts.case_id uuid not null
contacts.kind text not null
contacts.occurred_at timestamp with time zone not null
contacts.present ARRAY not null default '{}'::text[]
contacts.child_seen boolean not null
contacts.child_heard_alone boolean not null
contacts.not_heard_reason text
contacts.notes text
contacts.author_id uuid
contacts.author_org_id uuid not null
contacts.created_at timestamp with time zone not null default now()
cross_border_referrals.country text not null
cross_border_referrals.id uuid not null default gen_random_uuid()
cross_border_referrals.case_id uuid not null
cross_border_referrals.destination_country text not null
cross_border_referrals.destination_authority text not null
cross_border_referrals.language text not null
cross_border_referrals.reason text not null
cross_border_referrals.consent_child text not null
cross_border_referrals.consent_caregiver text not null
cross_border_referrals.best_interests_reason text
cross_border_referrals.summary jsonb not null
cross_border_referrals.signature text not null
cross_border_referrals.key_id text not null
cross_border_referrals.status text not null default 'sent'::text
cross_border_referrals.sent_at timestamp with time zone not null default now()
cross_border_referrals.sent_by uuid
cross_border_referrals.author_org_id uuid not null
cross_border_referrals.acknowledged_at timestamp with time zone
cross_border_referrals.acknowledged_by_name text
cross_border_referrals.acknowledgement_note text
cross_border_referrals.recorded_by uuid
idempotency_keys.user_id uuid not null
idempotency_keys.route text not null
idempotency_keys.key text not null
idempotency_keys.request_hash text not null
idempotency_keys.status integer
idempotency_keys.record_id uuid
idempotency_keys.created_at timestamp with time zone not null default now()
idempotency_keys.expires_at timestamp with time zone not null
jurisdictions.code text not null
jurisdictions.country text not null
jurisdictions.level text not null
jurisdictions.parent_code text
jurisdictions.name_local text not null
jurisdictions.name_en text not null
jurisdictions.timezone text not null
jurisdictions.deadlines jsonb
login_throttle.key text not null
login_throttle.kind text not null
login_throttle.account text
login_throttle.failures integer not null
login_throttle.last_failure_at timestamp with time zone not null
login_throttle.blocked_until timestamp with time zone not null
meeting_children.country text not null
meeting_children.meeting_id uuid not null
meeting_children.child_id uuid not null
meeting_participants.country text not null
meeting_participants.id uuid not null default gen_random_uuid()
meeting_participants.meeting_id uuid not null
meeting_participants.organisation_id uuid
meeting_participants.user_id uuid
meeting_participants.name text
meeting_participants.institution text
meeting_participants.sector text not null
meeting_participants.attended boolean
meetings.country text not null
meetings.id uuid not null default gen_random_uuid()
meetings.ref text
meetings.held_at timestamp with time zone not null
meetings.jurisdiction_code text not null
meetings.region_code text not null
meetings.unit_id uuid
meetings.type text not null
meetings.signal_id uuid
meetings.status text not null default 'held'::text
meetings.sectors_present ARRAY not null default '{}'::text[]
meetings.mandatory_sectors ARRAY not null default '{}'::text[]
meetings.decisions text
meetings.convened_by uuid
meetings.created_at timestamp with time zone not null default now()
meetings.version integer not null default 1
meetings.ref_scope text not null default ''::text
organisations.id uuid not null default gen_random_uuid()
organisations.country text not null
organisations.name text not null
organisations.sector text not null
organisations.jurisdiction_code text not null
organisations.is_protection_unit boolean not null default false
organisations.active boolean not null default true
organisations.created_at timestamp with time zone not null default now()
placements.country text not null
placements.id uuid not null default gen_random_uuid()
placements.case_id uuid not null
placements.kind text not null
placements.provider_org_id uuid
placements.carer_name text
placements.started_on date not null
placements.ended_on date
placements.end_reason text
placements.notes text
placements.author_id uuid
placements.author_org_id uuid not null
placements.created_at timestamp with time zone not null default now()
placements.end_code text
plan_actions.country text not null
plan_actions.id uuid not null default gen_random_uuid()
plan_actions.plan_id uuid not null
plan_actions.goal_id uuid
plan_actions.position integer not null
plan_actions.service text not null
plan_actions.description text not null
plan_actions.responsible_org_id uuid
plan_actions.responsible_user_id uuid
plan_actions.responsible_name text
plan_actions.due_date date not null
plan_actions.status text not null default 'planned'::text
plan_actions.status_note text
plan_actions.done_at timestamp with time zone
plan_goals.country text not null
plan_goals.id uuid not null default gen_random_uuid()
plan_goals.plan_id uuid not null
plan_goals.position integer not null
plan_goals.domain text not null
plan_goals.description text not null
plan_reviews.country text not null
plan_reviews.id uuid not null default gen_random_uuid()
plan_reviews.plan_id uuid not null
plan_reviews.case_id uuid not null
plan_reviews.reviewed_at timestamp with time zone not null
plan_reviews.summary text not null
plan_reviews.child_views text
plan_reviews.child_not_heard_reason text
plan_reviews.risk_level text
plan_reviews.next_review_due_at timestamp with time zone not null
plan_reviews.author_id uuid
plan_reviews.author_org_id uuid not null
plan_reviews.created_at timestamp with time zone not null default now()
plans.country text not null
plans.id uuid not null default gen_random_uuid()
plans.case_id uuid not null
plans.number integer not null
plans.status text not null default 'draft'::text
plans.child_participation text
plans.child_views text
plans.caregiver_participation text
plans.caregiver_views text
plans.submitted_at timestamp with time zone
plans.submitted_by uuid
plans.decided_at timestamp with time zone
plans.decided_by uuid
plans.decision_comment text
plans.approved_at timestamp with time zone
plans.review_due_at timestamp with time zone
plans.author_id uuid
plans.author_org_id uuid not null
plans.created_at timestamp with time zone not null default now()
plans.updated_at timestamp with time zone not null default now()
plans.updated_by uuid
plans.version integer not null default 1
referral_services.country text not null
referral_services.id uuid not null default gen_random_uuid()
referral_services.referral_id uuid not null
referral_services.delivered_on date not null
referral_services.description text not null
referral_services.sessions integer
referral_services.recorded_by uuid
referral_services.author_org_id uuid not null
referral_services.created_at timestamp with time zone not null default now()
referrals.country text not null
referrals.id uuid not null default gen_random_uuid()
referrals.case_id uuid not null
referrals.provider_org_id uuid not null
referrals.service text not null
referrals.request text not null
referrals.consent_child text not null
referrals.consent_caregiver text not null
referrals.best_interests_reason text
referrals.status text not null default 'pending'::text
referrals.referred_at timestamp with time zone not null
referrals.referred_by uuid
referrals.author_org_id uuid not null
referrals.respond_by timestamp with time zone not null
referrals.complete_by timestamp with time zone
referrals.responded_at timestamp with time zone
referrals.responded_by uuid
referrals.decline_reason text
referrals.completed_at timestamp with time zone
referrals.outcome text
referrals.withdrawn_reason text
referrals.version integer not null default 1
referrals.created_at timestamp with time zone not null default now()
referrals.withdrawn_code text
role_grants.country text not null
role_grants.id uuid not null default gen_random_uuid()
role_grants.user_id uuid not null
role_grants.organisation_id uuid not null
role_grants.change text not null
role_grants.roles ARRAY not null
role_grants.added ARRAY not null
role_grants.granted_by uuid
role_grants.granted_by_name text not null
role_grants.granted_at timestamp with time zone not null default now()
role_grants.shown_to ARRAY not null
schema_migrations.version text not null
schema_migrations.name text not null
schema_migrations.checksum text not null
schema_migrations.applied_at timestamp with time zone not null default now()
sessions.id_hash text not null
sessions.user_id uuid not null
sessions.csrf_token text not null
sessions.created_at timestamp with time zone not null default now()
sessions.last_seen_at timestamp with time zone not null default now()
sessions.expires_at timestamp with time zone not null
signal_children.country text not null
signal_children.signal_id uuid not null
signal_children.child_id uuid not null
signals.country text not null
signals.id uuid not null default gen_random_uuid()
signals.ref text
signals.received_at timestamp with time zone not null
signals.jurisdiction_code text not null
signals.region_code text not null
signals.unit_id uuid
signals.channel text
signals.source text not null
signals.reporter_name text
signals.reporter_contact text
signals.harm_types ARRAY not null
signals.place text not null default 'unknown'::text
signals.perpetrators ARRAY not null default '{unknown}'::text[]
signals.description text
signals.urgency text not null default 'normal'::text
signals.registered_by uuid
signals.registered_org uuid
signals.screening_due_at timestamp with time zone not null
signals.screened_at timestamp with time zone
signals.screened_by uuid
signals.screening_decision text
signals.screening_reason text
signals.referred_to text
signals.risk_level text
signals.created_at timestamp with time zone not null default now()
signals.version integer not null default 1
signals.origin text not null default 'app'::text
signals.ref_scope text not null default ''::text
signing_keys.id text not null
signing_keys.public_key text not null
signing_keys.private_key text not null
signing_keys.created_at timestamp with time zone not null default now()
users.id uuid not null default gen_random_uuid()
users.username text not null
users.display_name text not null
users.organisation_id uuid not null
users.roles ARRAY not null
users.password_hash text not null
users.language text not null default 'en'::text
users.disabled_at timestamp with time zone
users.password_changed_at timestamp with time zone not null default now()
users.created_at timestamp with time zone not null default now()`;

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

  it('has the same tables and columns on PGlite and PostgreSQL', async () => {
    expect(await schemaOf(database.owner)).toBe(SCHEMA);
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

describe('the audit log is append-only', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
    await database.db.transaction().execute((tx) =>
      appendAudit(tx, [{ chain: 'system', actorId: null, actorName: 'system:test', action: 'test', entity: 'test', outcome: 'ok', detail: { n: 1 } }]),
    );
  });
  afterAll(() => database.close());

  const rowCount = async () => Number((await database.owner.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses UPDATE and DELETE through the application handle', async () => {
    await expect(database.db.updateTable('audit_log').set({ actor_name: 'forged' }).execute()).rejects.toThrow(
      database.kind === 'postgres' ? /permission denied/ : /audit_log is append-only/,
    );
    await expect(database.db.deleteFrom('audit_log').execute()).rejects.toThrow(
      database.kind === 'postgres' ? /permission denied/ : /audit_log is append-only/,
    );
    await expect(sql`TRUNCATE audit_log`.execute(database.db)).rejects.toThrow(
      database.kind === 'postgres' ? /permission denied/ : /audit_log is append-only/,
    );
    expect(await rowCount()).toBe(1);
    const row = await database.owner.selectFrom('audit_log').select('actor_name').executeTakeFirstOrThrow();
    expect(row.actor_name).toBe('system:test');
  });

  it('stops the owner with the append-only trigger', async () => {
    await expect(database.owner.updateTable('audit_log').set({ actor_name: 'forged' }).execute()).rejects.toThrow(/audit_log is append-only/);
    await expect(database.owner.deleteFrom('audit_log').execute()).rejects.toThrow(/audit_log is append-only/);
    await expect(sql`TRUNCATE audit_log`.execute(database.owner)).rejects.toThrow(/audit_log is append-only/);
    expect(await rowCount()).toBe(1);
  });

  it('the application may still append; on PostgreSQL it logs in as the role that may only read the log and append through its functions', async () => {
    const who = await sql<{ u: string }>`SELECT current_user AS u`.execute(database.db);
    const privileges = await sql<{ p: string }>`
      SELECT privilege_type AS p FROM information_schema.role_table_grants
      WHERE grantee = ${APP_ROLE} AND table_name = 'audit_log' ORDER BY privilege_type`.execute(database.owner);
    if (database.kind === 'postgres') {
      expect(who.rows[0]!.u).toBe(APP_ROLE);
      expect(privileges.rows.map((r) => r.p)).toEqual(['SELECT']);
    } else {
      // PGlite is one session as the owner: the trigger is the guard (tested above).
      expect(who.rows[0]!.u).not.toBe(APP_ROLE);
      expect(privileges.rows).toEqual([]);
    }
    await database.db.transaction().execute((tx) =>
      appendAudit(tx, [{ chain: 'system', actorId: null, actorName: 'system:test', action: 'test2', entity: 'test', outcome: 'ok' }]),
    );
    expect(await rowCount()).toBe(2);
  });
});
