-- Issue 13 section 2, the emergency shelter ("House of Colors"): a shelter is an organisation of
-- the sector `shelter` with its capacity (beds, and places for a mother or caregiver with her
-- children; residential care institutions use `beds` too); its staff record admissions,
-- a reintegration plan per stay, the discharge and a follow-up contact after it. An admission
-- without a case (the 24/7 emergency admission) must be linked to a case of the responsible unit
-- by `link_due_at`. Once linked, the case's placement of kind emergency_shelter IS the admission:
-- the placement row names it (placements.admission_id), is written only by the shelter's
-- admission, link and discharge, and its days are the admission's (one record, one number).
ALTER TABLE organisations ADD COLUMN beds integer CHECK (beds >= 0);
ALTER TABLE organisations ADD COLUMN mother_child_places integer CHECK (mother_child_places >= 0);

CREATE TABLE shelter_admissions (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The interchange reference (admission_ref), unique per shelter: an import is idempotent on it.
  ref text,
  shelter_org_id uuid NOT NULL REFERENCES organisations (id),
  child_id uuid NOT NULL,
  -- Siblings admitted together share a group id (one admission per child).
  group_id uuid NOT NULL,
  -- A mother or caregiver who came with the child (not a child record): the group then takes a mother-and-child place.
  companion_name text,
  companion_relation text CHECK (companion_relation IN ('mother', 'father', 'grandparent', 'other_relative', 'other_caregiver')),
  admitted_at timestamptz NOT NULL,
  -- The day of admitted_at in the shelter's time zone: the stay's first day.
  admitted_on date NOT NULL,
  referred_by text NOT NULL CHECK (referred_by IN ('unit_case', 'police_station', 'self_referral')),
  harm_types text[] NOT NULL,
  -- Admitted before any case existed: linked to a case of the responsible unit by link_due_at.
  emergency boolean NOT NULL,
  responsible_unit_id uuid NOT NULL REFERENCES organisations (id),
  case_id uuid,
  linked_at timestamptz,
  link_due_at timestamptz,
  -- Admitted while the shelter was full: allowed, with the reason (never refused at the door).
  over_capacity_reason text,
  -- The reintegration plan's goal (its steps: shelter_plan_steps).
  plan_goal text CHECK (plan_goal IN ('return_to_family', 'kinship_care', 'foster_care', 'independent_living')),
  discharged_on date,
  destination text CHECK (destination IN ('family', 'kinship_care', 'foster_care', 'residential_care', 'independent_living', 'other')),
  discharged_with text,
  follow_up_on date,
  follow_up_note text,
  author_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, child_id) REFERENCES children (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  CHECK ((companion_name IS NULL) = (companion_relation IS NULL)),
  CHECK (discharged_on IS NULL OR discharged_on >= admitted_on),
  CHECK ((discharged_on IS NULL) = (destination IS NULL)),
  CHECK (follow_up_on IS NULL OR (discharged_on IS NOT NULL AND follow_up_on >= discharged_on)),
  CHECK (emergency OR case_id IS NOT NULL),
  CHECK ((case_id IS NULL) = (linked_at IS NULL)),
  CHECK (emergency = (link_due_at IS NOT NULL)),
  CHECK (cardinality(harm_types) >= 1)
);
CREATE UNIQUE INDEX shelter_admissions_one_current ON shelter_admissions (country, child_id) WHERE discharged_on IS NULL;
CREATE UNIQUE INDEX shelter_admissions_ref ON shelter_admissions (country, shelter_org_id, ref) WHERE ref IS NOT NULL;
CREATE INDEX shelter_admissions_shelter ON shelter_admissions (shelter_org_id, discharged_on);
CREATE INDEX shelter_admissions_case ON shelter_admissions (country, case_id);
CREATE INDEX shelter_admissions_unit ON shelter_admissions (responsible_unit_id);
COMMENT ON TABLE shelter_admissions IS 'child data';

-- The steps of a stay's reintegration plan: what, who does it, by when, done when.
CREATE TABLE shelter_plan_steps (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  admission_id uuid NOT NULL,
  description text NOT NULL,
  owner_name text NOT NULL,
  due_on date NOT NULL,
  done_on date,
  author_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, admission_id) REFERENCES shelter_admissions (country, id)
);
CREATE INDEX shelter_plan_steps_admission ON shelter_plan_steps (country, admission_id);
COMMENT ON TABLE shelter_plan_steps IS 'child data';

ALTER TABLE placements ADD COLUMN admission_id uuid;
ALTER TABLE placements ADD FOREIGN KEY (country, admission_id) REFERENCES shelter_admissions (country, id);
CREATE UNIQUE INDEX placements_admission ON placements (country, admission_id) WHERE admission_id IS NOT NULL;
ALTER TABLE placements DROP CONSTRAINT placements_end_code_check;
ALTER TABLE placements ADD CONSTRAINT placements_end_code_check CHECK (end_code IN ('case_closed', 'shelter_discharge'));
