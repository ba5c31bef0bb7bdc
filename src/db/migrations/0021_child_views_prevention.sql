-- Issue 14 §2, the child's views in casework: each contact records what the child said (a
-- narrative of the child, shared like the contact's notes: with whoever sees the contact) and
-- where the child would prefer to meet (taxonomy preferredMeetingPlace).
ALTER TABLE contacts ADD COLUMN child_said text;
ALTER TABLE contacts ADD COLUMN preferred_place text CHECK (preferred_place IN ('home', 'school', 'unit_office', 'elsewhere'));

-- Issue 14 §4, prevention and awareness activities: sessions in schools and communities, counted
-- in aggregate (no child is named). Recorded by a unit or a provider/NGO organisation for a
-- municipality of its jurisdiction; keyed by country like the records of children.
CREATE TABLE prevention_activities (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The interchange reference (activity_ref), unique per recording organisation: an import is idempotent on it.
  ref text,
  org_id uuid NOT NULL REFERENCES organisations (id),
  held_on date NOT NULL,
  place text NOT NULL CHECK (place IN ('school', 'community_centre', 'online', 'other')),
  municipality_code text NOT NULL REFERENCES jurisdictions (code),
  -- The municipality's region, kept for the figures per region.
  region_code text NOT NULL REFERENCES jurisdictions (code),
  topic text NOT NULL CHECK (topic IN ('violence', 'bullying', 'online_safety', 'trafficking_migration', 'child_marriage', 'child_rights', 'other')),
  -- A short description of the activity (what was done, with whom).
  title text NOT NULL,
  -- Organisations facilitating, as written (names; most are not organisations of Safetynet).
  facilitators text[] NOT NULL DEFAULT '{}',
  parents integer NOT NULL DEFAULT 0 CHECK (parents >= 0),
  teachers integer NOT NULL DEFAULT 0 CHECK (teachers >= 0),
  professionals integer NOT NULL DEFAULT 0 CHECK (professionals >= 0),
  children_co_organised boolean NOT NULL DEFAULT false,
  author_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (country, id)
);
CREATE UNIQUE INDEX prevention_activities_ref ON prevention_activities (country, org_id, ref) WHERE ref IS NOT NULL;
CREATE INDEX prevention_activities_held ON prevention_activities (country, held_on);

-- Children reached by an activity, per age group and sex (a count, never a child).
CREATE TABLE prevention_reach (
  country text NOT NULL,
  activity_id uuid NOT NULL,
  age_group text NOT NULL CHECK (age_group IN ('0-3', '4-7', '8-11', '12-16', '17-18')),
  sex text NOT NULL CHECK (sex IN ('female', 'male')),
  children integer NOT NULL CHECK (children > 0),
  PRIMARY KEY (country, activity_id, age_group, sex),
  FOREIGN KEY (country, activity_id) REFERENCES prevention_activities (country, id) ON DELETE CASCADE
);

COMMENT ON TABLE prevention_activities IS 'no child data: aggregate counts of an activity, no child is named';
COMMENT ON TABLE prevention_reach IS 'no child data: children reached counted per age group and sex, no child is named';
