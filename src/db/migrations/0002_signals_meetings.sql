-- Signals (reports of concern), screening, coordination meetings with participants and action
-- items. Every table is keyed by `country` first, like children (see 0001).

-- Imported records may name only a region, and need not belong to a unit yet.
ALTER TABLE children ALTER COLUMN unit_id DROP NOT NULL;
-- The interchange format's child_ref: the same ref is the same child, across files and imports.
ALTER TABLE children ADD COLUMN ref text;
ALTER TABLE children ADD CONSTRAINT children_ref_key UNIQUE (country, ref);

CREATE TABLE signals (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- signal_ref of the interchange format, or the client's idempotency key: unique per country.
  ref text,
  received_at timestamptz NOT NULL,
  -- Where the concern arose: a municipality, or only a region when that is all that is known.
  jurisdiction_code text NOT NULL REFERENCES jurisdictions (code),
  region_code text NOT NULL REFERENCES jurisdictions (code),
  -- The Child Protection Unit that must screen it.
  unit_id uuid REFERENCES organisations (id),
  channel text CHECK (channel IN ('phone', 'in_person', 'written', 'helpline_116111', 'police_station', 'outreach')),
  source text NOT NULL,
  reporter_name text,
  reporter_contact text,
  harm_types text[] NOT NULL CHECK (cardinality(harm_types) > 0),
  place text NOT NULL DEFAULT 'unknown',
  perpetrators text[] NOT NULL DEFAULT '{unknown}' CHECK (cardinality(perpetrators) > 0),
  description text,
  urgency text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('immediate', 'urgent', 'normal')),
  registered_by uuid REFERENCES users (id),
  registered_org uuid REFERENCES organisations (id),
  screening_due_at timestamptz NOT NULL,
  screened_at timestamptz,
  screened_by uuid REFERENCES users (id),
  screening_decision text CHECK (screening_decision IN ('open_case', 'attach_case', 'refer_elsewhere', 'no_action')),
  screening_reason text,
  referred_to text,
  risk_level text CHECK (risk_level IN ('high', 'medium', 'low')),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (country, id),
  UNIQUE (country, ref),
  CHECK ((screened_at IS NULL) = (screening_decision IS NULL))
);
CREATE INDEX signals_received ON signals (country, received_at);
CREATE INDEX signals_region ON signals (country, region_code, received_at);
CREATE INDEX signals_unit_open ON signals (country, unit_id, screening_due_at) WHERE screened_at IS NULL;
CREATE INDEX signals_registered_org ON signals (country, registered_org);

CREATE TABLE signal_children (
  country text NOT NULL,
  signal_id uuid NOT NULL,
  child_id uuid NOT NULL,
  PRIMARY KEY (country, signal_id, child_id),
  FOREIGN KEY (country, signal_id) REFERENCES signals (country, id),
  FOREIGN KEY (country, child_id) REFERENCES children (country, id)
);
CREATE INDEX signal_children_child ON signal_children (country, child_id);

CREATE TABLE meetings (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  ref text,
  held_at timestamptz NOT NULL,
  jurisdiction_code text NOT NULL REFERENCES jurisdictions (code),
  region_code text NOT NULL REFERENCES jurisdictions (code),
  unit_id uuid REFERENCES organisations (id),
  type text NOT NULL CHECK (type IN ('initial_signal', 'follow_up', 'crisis_intervention', 'procedural')),
  signal_id uuid,
  status text NOT NULL DEFAULT 'held' CHECK (status IN ('planned', 'held', 'cancelled')),
  -- Sectors that attended, kept from the participants (or as imported), and those that had to.
  sectors_present text[] NOT NULL DEFAULT '{}',
  mandatory_sectors text[] NOT NULL DEFAULT '{}',
  decisions text,
  convened_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (country, id),
  UNIQUE (country, ref),
  FOREIGN KEY (country, signal_id) REFERENCES signals (country, id)
);
CREATE INDEX meetings_held ON meetings (country, held_at);
CREATE INDEX meetings_region ON meetings (country, region_code, held_at);
CREATE INDEX meetings_signal ON meetings (country, signal_id);

CREATE TABLE meeting_children (
  country text NOT NULL,
  meeting_id uuid NOT NULL,
  child_id uuid NOT NULL,
  PRIMARY KEY (country, meeting_id, child_id),
  FOREIGN KEY (country, meeting_id) REFERENCES meetings (country, id),
  FOREIGN KEY (country, child_id) REFERENCES children (country, id)
);
CREATE INDEX meeting_children_child ON meeting_children (country, child_id);

-- Invited participants: an organisation (optionally one of its users), or a person who is not
-- a user (name, institution); each with the sector they represent and whether they attended.
CREATE TABLE meeting_participants (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL,
  organisation_id uuid REFERENCES organisations (id),
  user_id uuid REFERENCES users (id),
  name text,
  institution text,
  sector text NOT NULL,
  attended boolean,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, meeting_id) REFERENCES meetings (country, id),
  CHECK (organisation_id IS NOT NULL OR name IS NOT NULL)
);
CREATE INDEX meeting_participants_meeting ON meeting_participants (country, meeting_id);
CREATE INDEX meeting_participants_org ON meeting_participants (country, organisation_id);

CREATE TABLE action_items (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL,
  description text NOT NULL,
  responsible_org_id uuid REFERENCES organisations (id),
  responsible_user_id uuid REFERENCES users (id),
  due_date date NOT NULL,
  done_at timestamptz,
  done_by uuid REFERENCES users (id),
  done_note text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, meeting_id) REFERENCES meetings (country, id),
  CHECK (responsible_org_id IS NOT NULL OR responsible_user_id IS NOT NULL)
);
CREATE INDEX action_items_meeting ON action_items (country, meeting_id);
CREATE INDEX action_items_open_org ON action_items (country, responsible_org_id, due_date) WHERE done_at IS NULL;
CREATE INDEX action_items_open_user ON action_items (country, responsible_user_id, due_date) WHERE done_at IS NULL;
