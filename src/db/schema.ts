import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Kysely's view of the tables in src/db/migrations. Keep in step with the SQL. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export interface JurisdictionsTable {
  code: string;
  country: string;
  level: 'country' | 'region' | 'municipality';
  parent_code: string | null;
  name_local: string;
  name_en: string;
  timezone: string;
}

export interface OrganisationsTable {
  id: Generated<string>;
  country: string;
  name: string;
  sector: string;
  jurisdiction_code: string;
  is_protection_unit: Generated<boolean>;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  organisation_id: string;
  roles: string[];
  password_hash: string;
  language: Generated<string>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ChildrenTable {
  country: string;
  id: Generated<string>;
  ref: string | null;
  unit_id: string | null;
  owner_id: string | null;
  municipality_code: string;
  given_name: string;
  family_name: string;
  name_key: string;
  sex: string;
  birth_date: DateOnly | null;
  birth_date_estimated: Generated<boolean>;
  address: string | null;
  languages: Generated<string[]>;
  in_school: boolean | null;
  school_name: string | null;
  vulnerabilities: Generated<string[]>;
  notes: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
  anonymised_at: Date | null;
}

export interface ChildAccessTable {
  country: string;
  id: Generated<string>;
  child_id: string;
  reason: 'meeting' | 'referral' | 'signal';
  organisation_id: string;
  user_id: string | null;
  source_id: string;
  granted_at: Generated<Date>;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  chain: string;
  seq: ColumnType<number, number, never>;
  at: ColumnType<Date, string, never>;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  child_id: string | null;
  reason: string | null;
  outcome: string;
  detail: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadsTable {
  chain: string;
  seq: number;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}

export interface SignalsTable {
  country: string;
  id: Generated<string>;
  ref: string | null;
  received_at: Timestamp;
  jurisdiction_code: string;
  region_code: string;
  unit_id: string | null;
  channel: string | null;
  source: string;
  reporter_name: string | null;
  reporter_contact: string | null;
  harm_types: string[];
  place: Generated<string>;
  perpetrators: Generated<string[]>;
  description: string | null;
  urgency: Generated<'immediate' | 'urgent' | 'normal'>;
  registered_by: string | null;
  registered_org: string | null;
  screening_due_at: Timestamp;
  origin: Generated<'app' | 'import'>;
  screened_at: Timestamp | null;
  screened_by: string | null;
  screening_decision: 'open_case' | 'attach_case' | 'refer_elsewhere' | 'no_action' | null;
  screening_reason: string | null;
  referred_to: string | null;
  risk_level: 'high' | 'medium' | 'low' | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface SignalChildrenTable {
  country: string;
  signal_id: string;
  child_id: string;
}

export interface MeetingsTable {
  country: string;
  id: Generated<string>;
  ref: string | null;
  held_at: Timestamp;
  jurisdiction_code: string;
  region_code: string;
  unit_id: string | null;
  type: 'initial_signal' | 'follow_up' | 'crisis_intervention' | 'procedural';
  signal_id: string | null;
  status: Generated<'planned' | 'held' | 'cancelled'>;
  sectors_present: Generated<string[]>;
  mandatory_sectors: Generated<string[]>;
  decisions: string | null;
  convened_by: string | null;
  created_at: Generated<Date>;
  version: Generated<number>;
}

export interface MeetingChildrenTable {
  country: string;
  meeting_id: string;
  child_id: string;
}

export interface MeetingParticipantsTable {
  country: string;
  id: Generated<string>;
  meeting_id: string;
  organisation_id: string | null;
  user_id: string | null;
  name: string | null;
  institution: string | null;
  sector: string;
  attended: boolean | null;
}

export interface ActionItemsTable {
  country: string;
  id: Generated<string>;
  meeting_id: string;
  description: string;
  responsible_org_id: string | null;
  responsible_user_id: string | null;
  due_date: DateOnly;
  done_at: Timestamp | null;
  done_by: string | null;
  done_note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface DB {
  jurisdictions: JurisdictionsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  children: ChildrenTable;
  child_access: ChildAccessTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  schema_migrations: SchemaMigrationsTable;
  signals: SignalsTable;
  signal_children: SignalChildrenTable;
  meetings: MeetingsTable;
  meeting_children: MeetingChildrenTable;
  meeting_participants: MeetingParticipantsTable;
  action_items: ActionItemsTable;
}

export type UserRow = Selectable<UsersTable>;
export type ChildRow = Selectable<ChildrenTable>;
export type NewChild = Insertable<ChildrenTable>;
export type ChildUpdate = Updateable<ChildrenTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
