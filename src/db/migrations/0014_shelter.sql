-- Issue 13 section 2, the emergency shelter ("House of Colors"): a shelter is an organisation of
-- the sector `shelter` with its capacity (beds, and places for a mother or caregiver with her
-- children); its staff record admissions and discharges. An admission without a case (the 24/7
-- emergency admission) must be linked to a case of the responsible unit by `link_due_at`. Once
-- linked, the case's placement of kind emergency_shelter IS the admission: the placement row
-- names it (placements.admission_id), is written only by the shelter's admission and discharge,
-- and its days are the admission's (one record, one number).
ALTER TABLE organisations ADD COLUMN beds integer CHECK (beds >= 0);
ALTER TABLE organisations ADD COLUMN mother_child_places integer CHECK (mother_child_places >= 0);

CREATE TABLE shelter_admissions (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  shelter_org_id uuid NOT NULL REFERENCES organisations (id),
  child_id uuid NOT NULL,
  -- Siblings admitted together share a group id (one admission per child).
  group_id uuid NOT NULL,
  -- A mother or caregiver who came with the child (not a child record): the group then takes a mother-and-child place.
  companion_name text,
  companion_relation text CHECK (companion_relation IN ('mother', 'father', 'grandparent', 'other_relative', 'other_caregiver')),
  admitted_at timestamptz NOT NULL,
  admitted_on date NOT NULL,
  referred_by text NOT NULL CHECK (referred_by IN ('unit_case', 'police_station', 'self_referral')),
  harm_types text[] NOT NULL,
  -- Admitted before any case existed: linked to a case of the responsible unit by link_due_at.
  emergency boolean NOT NULL,
  responsible_unit_id uuid NOT NULL REFERENCES organisations (id),
  case_id uuid,
  linked_at timestamptz,
  link_due_at timestamptz,
  over_capacity_reason text,
  discharged_on date,
  destination text CHECK (destination IN ('family', 'kinship_care', 'foster_care', 'residential_care', 'independent_living', 'other')),
  discharged_with text,
  author_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, child_id) REFERENCES children (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  CHECK ((companion_name IS NULL) = (companion_relation IS NULL)),
  CHECK (discharged_on IS NULL OR discharged_on >= admitted_on),
  CHECK ((discharged_on IS NULL) = (destination IS NULL)),
  CHECK (emergency OR case_id IS NOT NULL),
  CHECK ((case_id IS NULL) = (linked_at IS NULL))
);
CREATE UNIQUE INDEX shelter_admissions_one_current ON shelter_admissions (country, child_id) WHERE discharged_on IS NULL;
CREATE INDEX shelter_admissions_shelter ON shelter_admissions (shelter_org_id, discharged_on);
CREATE INDEX shelter_admissions_case ON shelter_admissions (country, case_id);
CREATE INDEX shelter_admissions_unlinked ON shelter_admissions (responsible_unit_id) WHERE case_id IS NULL;
COMMENT ON TABLE shelter_admissions IS 'child data';

ALTER TABLE placements ADD COLUMN admission_id uuid;
ALTER TABLE placements ADD FOREIGN KEY (country, admission_id) REFERENCES shelter_admissions (country, id);
CREATE UNIQUE INDEX placements_admission ON placements (country, admission_id) WHERE admission_id IS NOT NULL;
ALTER TABLE placements DROP CONSTRAINT placements_end_code_check;
ALTER TABLE placements ADD CONSTRAINT placements_end_code_check CHECK (end_code IN ('case_closed', 'shelter_discharge'));
