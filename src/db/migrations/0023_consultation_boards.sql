-- Issue 14 §3, child consultation boards (seed 004): a board convened by a Child Protection Unit or
-- an NGO for a municipality meets monthly; its members are children recorded by a pseudonym only
-- (no name, no birth date, no link to a child's record); each meeting records who attended, the
-- topics and the views the children raised, each view followed by the responses of the unit or its
-- partners until it is answered; the board also records the advocacy actions the children chose.
-- Members, attendance and views are readable only by the convening organisation (and, for an NGO's
-- board, the supervisors of the unit of its municipality); everyone else gets figures only.
CREATE TABLE consultation_boards (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The convening organisation: a unit or an NGO.
  org_id uuid NOT NULL REFERENCES organisations (id),
  municipality_code text NOT NULL REFERENCES jurisdictions (code),
  -- The municipality's region, kept for the figures per region.
  region_code text NOT NULL REFERENCES jurisdictions (code),
  name text NOT NULL,
  -- The day the board was set up: no meeting before it.
  established_on date NOT NULL,
  active boolean NOT NULL DEFAULT true,
  author_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (country, id)
);
CREATE INDEX consultation_boards_org ON consultation_boards (country, org_id);

-- A member: a pseudonym the child chose, an age band and sex; both consents (the child's and the
-- guardian's, with their dates) are required to be a member.
CREATE TABLE board_members (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  board_id uuid NOT NULL,
  pseudonym text NOT NULL,
  age_band text NOT NULL CHECK (age_band IN ('8-11', '12-16', '17-18')),
  sex text NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
  child_consent_on date NOT NULL,
  guardian_consent_on date NOT NULL,
  joined_on date NOT NULL,
  left_on date CHECK (left_on IS NULL OR left_on >= joined_on),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, board_id) REFERENCES consultation_boards (country, id)
);
CREATE UNIQUE INDEX board_members_pseudonym ON board_members (country, board_id, lower(pseudonym));

CREATE TABLE board_meetings (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  board_id uuid NOT NULL,
  held_on date NOT NULL,
  place text NOT NULL,
  topics text[] NOT NULL DEFAULT '{}',
  author_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, board_id) REFERENCES consultation_boards (country, id)
);
CREATE INDEX board_meetings_board ON board_meetings (country, board_id, held_on);

CREATE TABLE board_attendance (
  country text NOT NULL,
  meeting_id uuid NOT NULL,
  member_id uuid NOT NULL,
  PRIMARY KEY (country, meeting_id, member_id),
  FOREIGN KEY (country, meeting_id) REFERENCES board_meetings (country, id),
  FOREIGN KEY (country, member_id) REFERENCES board_members (country, id)
);

-- A view the children raised at a meeting: a short statement (no child named) and its themes
-- (taxonomy boardTheme). Its status follows the responses: open, in progress, answered.
CREATE TABLE board_views (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  board_id uuid NOT NULL,
  meeting_id uuid NOT NULL,
  raised_on date NOT NULL,
  statement text NOT NULL,
  themes text[] NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'answered')),
  answered_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, board_id) REFERENCES consultation_boards (country, id),
  FOREIGN KEY (country, meeting_id) REFERENCES board_meetings (country, id)
);
CREATE INDEX board_views_board ON board_views (country, board_id, status);

-- What the unit or its partners did about a view, by whom, when; the status it leaves the view in.
CREATE TABLE board_responses (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  view_id uuid NOT NULL,
  action text NOT NULL,
  by_whom text NOT NULL,
  responded_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('in_progress', 'answered')),
  author_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, view_id) REFERENCES board_views (country, id)
);

-- An advocacy action the children chose (their own action towards the authorities).
CREATE TABLE board_advocacy (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  board_id uuid NOT NULL,
  description text NOT NULL,
  chosen_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, board_id) REFERENCES consultation_boards (country, id)
);

COMMENT ON TABLE consultation_boards IS 'child data: a board of children (its members are children known by a pseudonym), read through the Door with its members';
COMMENT ON TABLE board_members IS 'child data: the board''s members (pseudonym, age band, sex, consents), readable only by the convening organisation';
COMMENT ON TABLE board_meetings IS 'child data: a board''s meetings, read with their attendance';
COMMENT ON TABLE board_attendance IS 'child data: which members attended a meeting';
COMMENT ON TABLE board_views IS 'child data: the views the children raised at a meeting';
COMMENT ON TABLE board_responses IS 'child data: the responses to the children''s views';
COMMENT ON TABLE board_advocacy IS 'child data: the advocacy actions the children chose';
