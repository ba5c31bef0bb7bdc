-- The case life cycle: cases, their timeline and risk history, assessments, the Individual
-- Protection Plan (goals, actions, reviews), contacts, referrals (with consent and services
-- delivered), placements, transfers between units and cross-border referrals. Every table is keyed
-- by `country` first (see 0001). Each record that a unit or organisation writes names the
-- organisation that wrote it (`author_org_id`): after a transfer, the sending unit keeps seeing
-- only what it wrote.

-- A unit that handed a case over keeps a 'transfer' grant to the child.
ALTER TABLE child_access DROP CONSTRAINT child_access_reason_check;
ALTER TABLE child_access ADD CONSTRAINT child_access_reason_check CHECK (reason IN ('meeting', 'referral', 'signal', 'transfer'));

CREATE TABLE cases (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- case_ref of the interchange format: unique per country.
  ref text,
  child_id uuid NOT NULL,
  unit_id uuid NOT NULL REFERENCES organisations (id),
  owner_id uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assessed', 'plan_in_force', 'closure_pending', 'transfer_pending', 'closed')),
  -- Where a pending closure or transfer returns to when it is refused or withdrawn.
  previous_status text CHECK (previous_status IN ('open', 'assessed', 'plan_in_force')),
  risk_level text NOT NULL CHECK (risk_level IN ('high', 'medium', 'low')),
  opened_at timestamptz NOT NULL,
  opened_by uuid REFERENCES users (id),
  -- The signal whose screening opened the case, if any.
  signal_id uuid,
  initial_assessment_due_at timestamptz NOT NULL,
  initial_assessment_at timestamptz,
  plan_due_at timestamptz NOT NULL,
  -- The approved plan's next review; null until a plan is in force.
  review_due_at timestamptz,
  last_contact_at timestamptz,
  child_last_seen_at timestamptz,
  closure_reason text CHECK (closure_reason IN ('goals_met', 'turned_18', 'transferred', 'moved_abroad', 'no_longer_at_risk', 'died', 'other')),
  closure_note text,
  closure_requested_at timestamptz,
  closure_requested_by uuid REFERENCES users (id),
  closed_at timestamptz,
  closed_by uuid REFERENCES users (id),
  origin text NOT NULL DEFAULT 'app' CHECK (origin IN ('app', 'import')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (country, id),
  UNIQUE (country, ref),
  FOREIGN KEY (country, child_id) REFERENCES children (country, id),
  FOREIGN KEY (country, signal_id) REFERENCES signals (country, id),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX cases_unit_status ON cases (country, unit_id, status);
CREATE INDEX cases_owner ON cases (country, owner_id, status);
CREATE INDEX cases_child ON cases (country, child_id);
-- At most one active case per child: a second signal attaches to it.
CREATE UNIQUE INDEX cases_one_active_per_child ON cases (country, child_id) WHERE status <> 'closed';

-- Signals attached to a case (the one that opened it, and later ones about the same child).
CREATE TABLE case_signals (
  country text NOT NULL,
  case_id uuid NOT NULL,
  signal_id uuid NOT NULL,
  attached_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, case_id, signal_id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  FOREIGN KEY (country, signal_id) REFERENCES signals (country, id)
);
CREATE INDEX case_signals_signal ON case_signals (country, signal_id);

-- The case timeline: one row per step, written in the same transaction as the step.
CREATE TABLE case_events (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  kind text NOT NULL,
  actor_id uuid REFERENCES users (id),
  actor_name text NOT NULL,
  author_org_id uuid REFERENCES organisations (id),
  -- The record the step concerns (assessment, plan, referral, …), and a few codes about it; never narrative.
  entity text,
  entity_id uuid,
  detail jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id)
);
CREATE INDEX case_events_case ON case_events (country, case_id, at);

CREATE TABLE case_risk_levels (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  level text NOT NULL CHECK (level IN ('high', 'medium', 'low')),
  source text NOT NULL CHECK (source IN ('screening', 'opening', 'risk_assessment', 'plan_review', 'import')),
  source_id uuid,
  set_at timestamptz NOT NULL DEFAULT now(),
  set_by uuid REFERENCES users (id),
  author_org_id uuid REFERENCES organisations (id),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id)
);
CREATE INDEX case_risk_levels_case ON case_risk_levels (country, case_id, set_at);

CREATE TABLE assessments (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('initial', 'comprehensive', 'risk')),
  assessed_at timestamptz NOT NULL,
  summary text,
  -- Comprehensive: per domain {level, needs, strengths}; see ASSESSMENT_DOMAINS.
  domains jsonb,
  -- Risk: the structured factors, the level the rule suggested and the level set.
  risk_factors text[] NOT NULL DEFAULT '{}',
  protective_factors text[] NOT NULL DEFAULT '{}',
  suggested_level text CHECK (suggested_level IN ('high', 'medium', 'low')),
  risk_level text CHECK (risk_level IN ('high', 'medium', 'low')),
  level_reason text,
  -- The child's own views, or why they could not be heard.
  child_views text,
  child_not_heard_reason text,
  author_id uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  CHECK (child_views IS NOT NULL OR child_not_heard_reason IS NOT NULL)
);
CREATE INDEX assessments_case ON assessments (country, case_id, assessed_at);

CREATE TABLE plans (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  -- 1, 2, …: a revised plan is a new number; the approved one before it is superseded on approval.
  number integer NOT NULL,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'approved', 'superseded')),
  child_participation text,
  child_views text,
  caregiver_participation text,
  caregiver_views text,
  submitted_at timestamptz,
  submitted_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  decision_comment text,
  approved_at timestamptz,
  review_due_at timestamptz,
  author_id uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (country, id),
  UNIQUE (country, case_id, number),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id)
);
-- One plan in preparation at a time.
CREATE UNIQUE INDEX plans_one_open_per_case ON plans (country, case_id) WHERE status IN ('draft', 'submitted', 'returned');

CREATE TABLE plan_goals (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  position integer NOT NULL,
  domain text NOT NULL,
  description text NOT NULL,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, plan_id) REFERENCES plans (country, id)
);
CREATE INDEX plan_goals_plan ON plan_goals (country, plan_id, position);

CREATE TABLE plan_actions (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  goal_id uuid,
  position integer NOT NULL,
  service text NOT NULL,
  description text NOT NULL,
  responsible_org_id uuid REFERENCES organisations (id),
  responsible_user_id uuid REFERENCES users (id),
  responsible_name text,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in_progress', 'done', 'cancelled')),
  status_note text,
  done_at timestamptz,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, plan_id) REFERENCES plans (country, id),
  FOREIGN KEY (country, goal_id) REFERENCES plan_goals (country, id),
  CHECK (responsible_org_id IS NOT NULL OR responsible_user_id IS NOT NULL OR responsible_name IS NOT NULL)
);
CREATE INDEX plan_actions_plan ON plan_actions (country, plan_id, position);
CREATE INDEX plan_actions_open_org ON plan_actions (country, responsible_org_id, due_date) WHERE status IN ('planned', 'in_progress');
CREATE INDEX plan_actions_open_user ON plan_actions (country, responsible_user_id, due_date) WHERE status IN ('planned', 'in_progress');

CREATE TABLE plan_reviews (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  case_id uuid NOT NULL,
  reviewed_at timestamptz NOT NULL,
  summary text NOT NULL,
  child_views text,
  child_not_heard_reason text,
  risk_level text CHECK (risk_level IN ('high', 'medium', 'low')),
  next_review_due_at timestamptz NOT NULL,
  author_id uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, plan_id) REFERENCES plans (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id)
);
CREATE INDEX plan_reviews_case ON plan_reviews (country, case_id, reviewed_at);

CREATE TABLE contacts (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('home_visit', 'office_meeting', 'school_visit', 'phone_call')),
  occurred_at timestamptz NOT NULL,
  -- Who was present, as written by the worker (names and roles).
  present text[] NOT NULL DEFAULT '{}',
  child_seen boolean NOT NULL,
  child_heard_alone boolean NOT NULL,
  not_heard_reason text,
  notes text,
  author_id uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  CHECK (child_heard_alone OR not_heard_reason IS NOT NULL)
);
CREATE INDEX contacts_case ON contacts (country, case_id, occurred_at);

CREATE TABLE referrals (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  provider_org_id uuid NOT NULL REFERENCES organisations (id),
  service text NOT NULL,
  -- What is asked of the provider: shared with it.
  request text NOT NULL,
  consent_child text NOT NULL CHECK (consent_child IN ('given', 'refused', 'not_asked')),
  consent_caregiver text NOT NULL CHECK (consent_caregiver IN ('given', 'refused', 'not_asked')),
  best_interests_reason text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'completed', 'withdrawn')),
  referred_at timestamptz NOT NULL,
  referred_by uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  respond_by timestamptz NOT NULL,
  complete_by timestamptz,
  responded_at timestamptz,
  responded_by uuid REFERENCES users (id),
  decline_reason text,
  completed_at timestamptz,
  outcome text,
  withdrawn_reason text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  -- Sharing needs both consents, or a recorded best-interests reason.
  CHECK ((consent_child = 'given' AND consent_caregiver = 'given') OR best_interests_reason IS NOT NULL)
);
CREATE INDEX referrals_case ON referrals (country, case_id, referred_at);
CREATE INDEX referrals_provider ON referrals (country, provider_org_id, status);
CREATE INDEX referrals_open ON referrals (country, author_org_id, respond_by) WHERE status IN ('pending', 'accepted');

CREATE TABLE referral_services (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  referral_id uuid NOT NULL,
  delivered_on date NOT NULL,
  description text NOT NULL,
  sessions integer CHECK (sessions IS NULL OR sessions > 0),
  recorded_by uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, referral_id) REFERENCES referrals (country, id)
);
CREATE INDEX referral_services_referral ON referral_services (country, referral_id, delivered_on);

CREATE TABLE placements (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('emergency_shelter', 'kinship_care', 'foster_care', 'residential_institution')),
  provider_org_id uuid REFERENCES organisations (id),
  carer_name text,
  started_on date NOT NULL,
  ended_on date,
  end_reason text,
  notes text,
  author_id uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  CHECK (ended_on IS NULL OR ended_on >= started_on),
  CHECK (provider_org_id IS NOT NULL OR carer_name IS NOT NULL)
);
CREATE INDEX placements_case ON placements (country, case_id, started_on);
CREATE UNIQUE INDEX placements_one_current ON placements (country, case_id) WHERE ended_on IS NULL;

CREATE TABLE case_transfers (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  from_unit_id uuid NOT NULL REFERENCES organisations (id),
  to_unit_id uuid NOT NULL REFERENCES organisations (id),
  reason text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'cancelled')),
  requested_at timestamptz NOT NULL DEFAULT now(),
  requested_by uuid REFERENCES users (id),
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  decision_note text,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  CHECK (from_unit_id <> to_unit_id)
);
CREATE INDEX case_transfers_case ON case_transfers (country, case_id);
CREATE INDEX case_transfers_to ON case_transfers (country, to_unit_id, status);
CREATE UNIQUE INDEX case_transfers_one_pending ON case_transfers (country, case_id) WHERE status = 'pending';

CREATE TABLE cross_border_referrals (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  destination_country text NOT NULL,
  destination_authority text NOT NULL,
  language text NOT NULL CHECK (language IN ('sq', 'bg', 'en')),
  reason text NOT NULL,
  consent_child text NOT NULL CHECK (consent_child IN ('given', 'refused', 'not_asked')),
  consent_caregiver text NOT NULL CHECK (consent_caregiver IN ('given', 'refused', 'not_asked')),
  best_interests_reason text,
  -- The summary as sent (what the other country received), and its signature.
  summary jsonb NOT NULL,
  signature text NOT NULL,
  key_id text NOT NULL,
  status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'acknowledged')),
  sent_at timestamptz NOT NULL DEFAULT now(),
  sent_by uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  acknowledged_at timestamptz,
  acknowledged_by_name text,
  acknowledgement_note text,
  recorded_by uuid REFERENCES users (id),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  CHECK ((consent_child = 'given' AND consent_caregiver = 'given') OR best_interests_reason IS NOT NULL)
);
CREATE INDEX cross_border_case ON cross_border_referrals (country, case_id);

-- The deployment's signing key for cross-border files (Ed25519); the private key never leaves the database.
CREATE TABLE signing_keys (
  id text PRIMARY KEY,
  public_key text NOT NULL,
  private_key text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
