-- Issue 13 §3, deinstitutionalisation: the residents of residential care institutions, their DI
-- assessments and individual care plans, their transitions out of the institution (placements of
-- the child's case) and the follow-up visits after each transition.
--
-- One fact, one place: a resident IS a placement of kind 'residential_institution' at an
-- organisation of sector residential_care (admitted = placements.started_on, left =
-- placements.ended_on); a transition ends that placement and starts the next one (none when the
-- child returns to the birth family), so its date is the residence's end.

-- An institution's capacity (also added by the shelter work, 0014: whichever runs first adds it).
ALTER TABLE organisations ADD COLUMN IF NOT EXISTS beds integer CHECK (beds >= 0);

-- Placements of the targets of a care plan.
ALTER TABLE placements DROP CONSTRAINT IF EXISTS placements_kind_check;
ALTER TABLE placements ADD CONSTRAINT placements_kind_check CHECK (kind IN (
  'emergency_shelter', 'kinship_care', 'foster_care', 'residential_institution',
  'small_group_home', 'supported_living', 'adoptive_family'));

CREATE TABLE institution_residents (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- resident_ref of the interchange format: unique per country.
  ref text,
  case_id uuid NOT NULL,
  -- The residence itself (the institution, admission and leaving days).
  placement_id uuid NOT NULL,
  admission_reasons text[] NOT NULL DEFAULT '{}',
  parental_rights text NOT NULL CHECK (parental_rights IN ('both_parents', 'one_parent', 'restricted', 'removed', 'orphan', 'unknown')),
  family_contact text NOT NULL CHECK (family_contact IN ('regular', 'occasional', 'none')),
  author_id uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  UNIQUE (country, placement_id),
  UNIQUE (country, ref),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  FOREIGN KEY (country, placement_id) REFERENCES placements (country, id)
);
CREATE INDEX institution_residents_case ON institution_residents (country, case_id);

CREATE TABLE di_assessments (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  resident_id uuid NOT NULL,
  assessed_on date NOT NULL,
  assessor text NOT NULL,
  findings text NOT NULL,
  author_id uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, resident_id) REFERENCES institution_residents (country, id)
);
CREATE INDEX di_assessments_resident ON di_assessments (country, resident_id, assessed_on);

-- One individual care plan per resident, kept up to date.
CREATE TABLE di_care_plans (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  resident_id uuid NOT NULL,
  target text NOT NULL CHECK (target IN ('reunification', 'kinship_care', 'foster_care', 'adoption', 'supported_living', 'small_group_home')),
  target_date date NOT NULL,
  author_id uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  UNIQUE (country, resident_id),
  FOREIGN KEY (country, resident_id) REFERENCES institution_residents (country, id)
);

CREATE TABLE di_plan_steps (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_id uuid NOT NULL,
  position integer NOT NULL,
  description text NOT NULL,
  owner text NOT NULL,
  due_on date NOT NULL,
  done_on date,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, plan_id) REFERENCES di_care_plans (country, id) ON DELETE CASCADE
);
CREATE INDEX di_plan_steps_plan ON di_plan_steps (country, plan_id, position);

-- A transition out of the institution: the residence ended, the next placement (none for a
-- return to the birth family) started the same day.
CREATE TABLE di_transitions (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  resident_id uuid NOT NULL,
  target text NOT NULL CHECK (target IN ('reunification', 'kinship_care', 'foster_care', 'adoption', 'supported_living', 'small_group_home')),
  next_placement_id uuid,
  author_id uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  UNIQUE (country, resident_id),
  FOREIGN KEY (country, resident_id) REFERENCES institution_residents (country, id),
  FOREIGN KEY (country, next_placement_id) REFERENCES placements (country, id)
);

-- The visits after a transition, at the months the country configures (3, 6 and 12 by default).
CREATE TABLE di_follow_ups (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  transition_id uuid NOT NULL,
  months integer NOT NULL CHECK (months > 0),
  visited_on date NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('stable', 'at_risk', 'broken_down')),
  -- Where the child went when the placement broke down.
  went_to text CHECK (went_to IN ('birth_family', 'kinship_care', 'foster_care', 'residential_institution', 'small_group_home', 'emergency_shelter', 'unknown')),
  notes text,
  author_id uuid REFERENCES users (id),
  author_org_id uuid NOT NULL REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  UNIQUE (country, transition_id, months),
  FOREIGN KEY (country, transition_id) REFERENCES di_transitions (country, id),
  CHECK ((outcome = 'broken_down') = (went_to IS NOT NULL))
);

COMMENT ON TABLE institution_residents IS 'child data';
COMMENT ON TABLE di_assessments IS 'child data';
COMMENT ON TABLE di_care_plans IS 'child data';
COMMENT ON TABLE di_plan_steps IS 'child data';
COMMENT ON TABLE di_transitions IS 'child data';
COMMENT ON TABLE di_follow_ups IS 'child data';
