-- Issue 14 §5, the trainings register: modules, sessions, participants (professionals, most of
-- them not users of Safetynet), attendance per day, knowledge tests, satisfaction, certificates
-- with a public verification code, and training needs by sector and topic. Kept by a trainer's
-- organisation; none of it is about a child. Participants are personal data of professionals.
CREATE TABLE training_modules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations (id),
  title text NOT NULL,
  -- Codes of the taxonomy trainingTopic (src/domain/training-topics.ts).
  topics text[] NOT NULL,
  hours integer NOT NULL CHECK (hours BETWEEN 1 AND 500),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_modules_org ON training_modules (country, org_id);

CREATE TABLE training_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations (id),
  module_id uuid NOT NULL REFERENCES training_modules (id),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  place text NOT NULL,
  municipality_code text NOT NULL REFERENCES jurisdictions (code),
  region_code text NOT NULL REFERENCES jurisdictions (code),
  trainers text[] NOT NULL DEFAULT '{}',
  mode text NOT NULL CHECK (mode IN ('in_person', 'online')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX training_sessions_org ON training_sessions (country, org_id, starts_on);

CREATE TABLE training_participants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country text NOT NULL,
  session_id uuid NOT NULL REFERENCES training_sessions (id) ON DELETE CASCADE,
  name text NOT NULL,
  sector text NOT NULL,
  -- The organisation as written, and the organisation of Safetynet it names, when it is one.
  organisation text NOT NULL,
  organisation_id uuid REFERENCES organisations (id),
  position text NOT NULL DEFAULT '',
  municipality_code text REFERENCES jurisdictions (code),
  user_id uuid REFERENCES users (id),
  score_before integer CHECK (score_before BETWEEN 0 AND 100),
  score_after integer CHECK (score_after BETWEEN 0 AND 100),
  rating integer CHECK (rating BETWEEN 1 AND 5),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- A participant is in a session once: the same name and organisation twice is refused.
CREATE UNIQUE INDEX training_participants_once ON training_participants (session_id, lower(name), lower(organisation));

CREATE TABLE training_attendance (
  participant_id uuid NOT NULL REFERENCES training_participants (id) ON DELETE CASCADE,
  day date NOT NULL,
  PRIMARY KEY (participant_id, day)
);

CREATE TABLE training_certificates (
  code text PRIMARY KEY,
  participant_id uuid NOT NULL UNIQUE REFERENCES training_participants (id) ON DELETE CASCADE,
  issued_at timestamptz NOT NULL DEFAULT now(),
  issued_by uuid REFERENCES users (id)
);

CREATE TABLE training_needs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations (id),
  sector text NOT NULL,
  topic text NOT NULL,
  professionals integer NOT NULL CHECK (professionals BETWEEN 1 AND 100000),
  municipality_code text NOT NULL REFERENCES jurisdictions (code),
  region_code text NOT NULL REFERENCES jurisdictions (code),
  -- Where the need was found (a focus group, interviews, a survey), as written.
  source text NOT NULL,
  recorded_on date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE training_modules IS 'no child data: training modules of professionals';
COMMENT ON TABLE training_sessions IS 'no child data: training sessions';
COMMENT ON TABLE training_participants IS 'no child data: professionals trained (personal data of professionals, kept by trainers)';
COMMENT ON TABLE training_attendance IS 'no child data: days a professional attended a session';
COMMENT ON TABLE training_certificates IS 'no child data: certificates of professionals and their verification codes';
COMMENT ON TABLE training_needs IS 'no child data: training needs of professionals, counted by sector and topic';
