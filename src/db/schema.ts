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
  /** A loaded country's deadline configuration (DeadlineConfig), on its country row (0011). */
  deadlines: ColumnType<unknown | null, string | null | undefined, string | null>;
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
  disabled_at: Date | null;
  password_changed_at: Generated<Date>;
  created_at: Generated<Date>;
}

/** Failed sign-ins by source (0009): keys are sha256 hashes of an address, an account or the pair. */
export interface LoginThrottleTable {
  key: string;
  kind: 'address' | 'account' | 'pair';
  account: string | null;
  failures: number;
  last_failure_at: Timestamp;
  blocked_until: Timestamp;
}

/** Grants of roles that see child data (0009), shown to the supervisors of `shown_to`. */
export interface RoleGrantsTable {
  country: string;
  id: Generated<string>;
  user_id: string;
  organisation_id: string;
  change: 'created' | 'roles' | 'organisation' | 'password' | 'enabled';
  roles: string[];
  added: string[];
  granted_by: string | null;
  granted_by_name: string;
  granted_at: Generated<Date>;
  shown_to: string[];
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
  /** Whose ref it is: '' country-wide (CLI, app), else the importing unit's id (0010). */
  ref_scope: Generated<string>;
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
  /** Set when this record was merged into another record of the same child (a tombstone). */
  merged_into: string | null;
  merged_at: Date | null;
}

/** Idempotency keys of creates (no child data: the status and the created record's id). */
export interface IdempotencyKeysTable {
  user_id: string;
  route: string;
  key: string;
  request_hash: string;
  status: number | null;
  record_id: string | null;
  created_at: Generated<Date>;
  expires_at: Date;
}

export interface ChildAccessTable {
  country: string;
  id: Generated<string>;
  child_id: string;
  reason: 'meeting' | 'referral' | 'signal' | 'transfer';
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
  /** Whose ref it is: '' country-wide (CLI, app), else the importing unit's id (0010). */
  ref_scope: Generated<string>;
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
  /** Whose ref it is: '' country-wide (CLI, app), else the importing unit's id (0010). */
  ref_scope: Generated<string>;
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

type Risk = 'high' | 'medium' | 'low';
type Consent = 'given' | 'refused' | 'not_asked';

export interface CasesTable {
  country: string;
  id: Generated<string>;
  ref: string | null;
  /** Whose ref it is: '' country-wide (CLI, app), else the importing unit's id (0010). */
  ref_scope: Generated<string>;
  child_id: string;
  unit_id: string;
  owner_id: string | null;
  status: Generated<'open' | 'assessed' | 'plan_in_force' | 'closure_pending' | 'transfer_pending' | 'closed'>;
  previous_status: 'open' | 'assessed' | 'plan_in_force' | null;
  risk_level: Risk;
  opened_at: Timestamp;
  opened_by: string | null;
  signal_id: string | null;
  initial_assessment_due_at: Timestamp;
  initial_assessment_at: Timestamp | null;
  plan_due_at: Timestamp;
  review_due_at: Timestamp | null;
  last_contact_at: Timestamp | null;
  child_last_seen_at: Timestamp | null;
  closure_reason: string | null;
  closure_note: string | null;
  closure_requested_at: Timestamp | null;
  closure_requested_by: string | null;
  closed_at: Timestamp | null;
  closed_by: string | null;
  origin: Generated<'app' | 'import'>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface CaseSignalsTable {
  country: string;
  case_id: string;
  signal_id: string;
  attached_at: Generated<Date>;
}

export interface CaseEventsTable {
  country: string;
  id: Generated<string>;
  case_id: string;
  at: Generated<Date>;
  kind: string;
  actor_id: string | null;
  actor_name: string;
  author_org_id: string | null;
  entity: string | null;
  entity_id: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

/** The supervisor's words on a case (migration 0006): why a closure was returned, why it was reopened. */
export interface CaseDecisionsTable {
  country: string;
  id: Generated<string>;
  case_id: string;
  kind: 'closure_returned' | 'reopened';
  comment: string;
  closure_reason: string | null;
  decided_at: Generated<Date>;
  decided_by: string | null;
  decided_by_name: string;
  author_org_id: string | null;
}

export interface CaseRiskLevelsTable {
  country: string;
  id: Generated<string>;
  case_id: string;
  level: Risk;
  source: 'screening' | 'opening' | 'risk_assessment' | 'plan_review' | 'import';
  source_id: string | null;
  set_at: Generated<Date>;
  set_by: string | null;
  author_org_id: string | null;
}

export interface AssessmentsTable {
  country: string;
  id: Generated<string>;
  case_id: string;
  kind: 'initial' | 'comprehensive' | 'risk';
  assessed_at: Timestamp;
  summary: string | null;
  domains: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  risk_factors: Generated<string[]>;
  protective_factors: Generated<string[]>;
  suggested_level: Risk | null;
  risk_level: Risk | null;
  level_reason: string | null;
  child_views: string | null;
  child_not_heard_reason: string | null;
  author_id: string | null;
  author_org_id: string;
  created_at: Generated<Date>;
}

export interface PlansTable {
  country: string;
  id: Generated<string>;
  case_id: string;
  number: number;
  status: Generated<'draft' | 'submitted' | 'returned' | 'approved' | 'superseded'>;
  child_participation: string | null;
  child_views: string | null;
  caregiver_participation: string | null;
  caregiver_views: string | null;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_comment: string | null;
  approved_at: Timestamp | null;
  review_due_at: Timestamp | null;
  author_id: string | null;
  author_org_id: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  updated_by: string | null;
  version: Generated<number>;
}

export interface PlanGoalsTable {
  country: string;
  id: Generated<string>;
  plan_id: string;
  position: number;
  domain: string;
  description: string;
}

export interface PlanActionsTable {
  country: string;
  id: Generated<string>;
  plan_id: string;
  goal_id: string | null;
  position: number;
  service: string;
  description: string;
  responsible_org_id: string | null;
  responsible_user_id: string | null;
  responsible_name: string | null;
  due_date: DateOnly;
  status: Generated<'planned' | 'in_progress' | 'done' | 'cancelled'>;
  status_note: string | null;
  done_at: Timestamp | null;
}

export interface PlanReviewsTable {
  country: string;
  id: Generated<string>;
  plan_id: string;
  case_id: string;
  reviewed_at: Timestamp;
  summary: string;
  child_views: string | null;
  child_not_heard_reason: string | null;
  risk_level: Risk | null;
  next_review_due_at: Timestamp;
  author_id: string | null;
  author_org_id: string;
  created_at: Generated<Date>;
}

export interface ContactsTable {
  country: string;
  id: Generated<string>;
  case_id: string;
  kind: 'home_visit' | 'office_meeting' | 'school_visit' | 'phone_call';
  occurred_at: Timestamp;
  present: Generated<string[]>;
  child_seen: boolean;
  child_heard_alone: boolean;
  not_heard_reason: string | null;
  notes: string | null;
  author_id: string | null;
  author_org_id: string;
  created_at: Generated<Date>;
}

export interface ReferralsTable {
  country: string;
  id: Generated<string>;
  case_id: string;
  provider_org_id: string;
  service: string;
  request: string;
  consent_child: Consent;
  consent_caregiver: Consent;
  best_interests_reason: string | null;
  status: Generated<'pending' | 'accepted' | 'declined' | 'completed' | 'withdrawn'>;
  referred_at: Timestamp;
  referred_by: string | null;
  author_org_id: string;
  respond_by: Timestamp;
  complete_by: Timestamp | null;
  responded_at: Timestamp | null;
  responded_by: string | null;
  decline_reason: string | null;
  completed_at: Timestamp | null;
  outcome: string | null;
  withdrawn_reason: string | null;
  /** Why it was withdrawn (migration 0006): by the unit, or by the case's closure. Set iff withdrawn. */
  withdrawn_code: 'unit' | 'case_closed' | null;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface ReferralServicesTable {
  country: string;
  id: Generated<string>;
  referral_id: string;
  delivered_on: DateOnly;
  description: string;
  sessions: number | null;
  recorded_by: string | null;
  author_org_id: string;
  created_at: Generated<Date>;
}

export interface PlacementsTable {
  country: string;
  id: Generated<string>;
  case_id: string;
  kind: 'emergency_shelter' | 'kinship_care' | 'foster_care' | 'residential_institution';
  provider_org_id: string | null;
  carer_name: string | null;
  started_on: DateOnly;
  ended_on: DateOnly | null;
  end_reason: string | null;
  /** Set when the system ended it: 'case_closed' (the case's closure). */
  end_code: 'case_closed' | null;
  notes: string | null;
  author_id: string | null;
  author_org_id: string;
  created_at: Generated<Date>;
}

export interface CaseTransfersTable {
  country: string;
  id: Generated<string>;
  case_id: string;
  from_unit_id: string;
  to_unit_id: string;
  reason: string;
  status: Generated<'pending' | 'accepted' | 'declined' | 'cancelled'>;
  requested_at: Generated<Date>;
  requested_by: string | null;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_note: string | null;
}

export interface CrossBorderReferralsTable {
  country: string;
  id: Generated<string>;
  case_id: string;
  destination_country: string;
  destination_authority: string;
  language: 'sq' | 'bg' | 'en';
  reason: string;
  consent_child: Consent;
  consent_caregiver: Consent;
  best_interests_reason: string | null;
  summary: ColumnType<Record<string, unknown>, string, never>;
  signature: string;
  key_id: string;
  status: Generated<'sent' | 'acknowledged'>;
  sent_at: Generated<Date>;
  sent_by: string | null;
  author_org_id: string;
  acknowledged_at: Timestamp | null;
  acknowledged_by_name: string | null;
  acknowledgement_note: string | null;
  recorded_by: string | null;
}

export interface SigningKeysTable {
  id: string;
  public_key: string;
  private_key: string;
  created_at: Generated<Date>;
}

export interface BulkAccessTable {
  country: string;
  child_id: string;
  batch_id: string;
}

export interface DB {
  bulk_access: BulkAccessTable;
  jurisdictions: JurisdictionsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  role_grants: RoleGrantsTable;
  children: ChildrenTable;
  child_access: ChildAccessTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  schema_migrations: SchemaMigrationsTable;
  signals: SignalsTable;
  signal_children: SignalChildrenTable;
  meetings: MeetingsTable;
  meeting_children: MeetingChildrenTable;
  meeting_participants: MeetingParticipantsTable;
  action_items: ActionItemsTable;
  cases: CasesTable;
  case_signals: CaseSignalsTable;
  case_events: CaseEventsTable;
  case_decisions: CaseDecisionsTable;
  case_risk_levels: CaseRiskLevelsTable;
  assessments: AssessmentsTable;
  plans: PlansTable;
  plan_goals: PlanGoalsTable;
  plan_actions: PlanActionsTable;
  plan_reviews: PlanReviewsTable;
  contacts: ContactsTable;
  referrals: ReferralsTable;
  referral_services: ReferralServicesTable;
  placements: PlacementsTable;
  case_transfers: CaseTransfersTable;
  cross_border_referrals: CrossBorderReferralsTable;
  signing_keys: SigningKeysTable;
}

export type UserRow = Selectable<UsersTable>;
export type ChildRow = Selectable<ChildrenTable>;
export type NewChild = Insertable<ChildrenTable>;
export type ChildUpdate = Updateable<ChildrenTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
