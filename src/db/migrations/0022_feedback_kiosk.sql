-- Issue 14 §1, the child's feedback kiosk: a unit (or a provider) opens a kiosk for a service, a
-- public link and a QR code for a shared tablet; children answer anonymously (faces 1–5, where
-- they would like to meet, a self-declared age band, an optional free text). No child is named,
-- no address, cookie or account is kept: only the local day (and quarter) of an answer.
CREATE TABLE kiosks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations (id),
  -- The organisation's region (for the figures per region of the services report).
  region_code text REFERENCES jurisdictions (code),
  label text NOT NULL,
  service text NOT NULL CHECK (service IN ('casework', 'counselling', 'shelter', 'day_centre', 'prevention', 'other')),
  -- The languages the kiosk offers, the first its default.
  languages text[] NOT NULL CHECK (cardinality(languages) BETWEEN 1 AND 3),
  -- The public link's secret: 32 random bytes, base64url; unique.
  token text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX kiosks_org ON kiosks (org_id);

-- One visit of the kiosk page: the one-time nonce its GET gave, used by at most one answer.
CREATE TABLE kiosk_visits (
  nonce text PRIMARY KEY,
  kiosk_id uuid NOT NULL REFERENCES kiosks (id) ON DELETE CASCADE,
  issued_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);
CREATE INDEX kiosk_visits_used ON kiosk_visits (kiosk_id, used_at);

-- A child's answer. The free text is the child's own words (a child may disclose harm): child
-- data, read only through a Door by the kiosk unit's supervisor. `signal_id` links the signal a
-- supervisor made of it.
CREATE TABLE kiosk_answers (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kiosk_id uuid NOT NULL REFERENCES kiosks (id),
  submitted_on date NOT NULL,
  quarter text NOT NULL CHECK (quarter ~ '^\d{4}-Q[1-4]$'),
  felt smallint CHECK (felt BETWEEN 1 AND 5),
  listened smallint CHECK (listened BETWEEN 1 AND 5),
  better smallint CHECK (better BETWEEN 1 AND 5),
  meet_place text CHECK (meet_place IN ('home', 'school', 'unit_office', 'elsewhere')),
  age_band text CHECK (age_band IN ('up_to_8', '9_12', '13_17')),
  free_text text,
  reviewed_at timestamptz,
  reviewed_by uuid REFERENCES users (id),
  signal_id uuid,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, signal_id) REFERENCES signals (country, id) ON DELETE SET NULL (signal_id)
);
CREATE INDEX kiosk_answers_kiosk ON kiosk_answers (kiosk_id, submitted_on);
CREATE INDEX kiosk_answers_unreviewed ON kiosk_answers (kiosk_id) WHERE free_text IS NOT NULL AND reviewed_at IS NULL;

-- "You said, we did": short notes the unit publishes back on the kiosk.
CREATE TABLE kiosk_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kiosk_id uuid NOT NULL REFERENCES kiosks (id) ON DELETE CASCADE,
  language text NOT NULL CHECK (language IN ('sq', 'bg', 'en')),
  you_said text NOT NULL,
  we_did text NOT NULL,
  author_id uuid REFERENCES users (id),
  published_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz
);
CREATE INDEX kiosk_notes_kiosk ON kiosk_notes (kiosk_id, published_at);

COMMENT ON TABLE kiosks IS 'no child data: a unit''s feedback kiosk (service, languages, link token)';
COMMENT ON TABLE kiosk_visits IS 'no child data: one-time nonces of kiosk visits, no address or cookie';
COMMENT ON TABLE kiosk_answers IS 'child data: a child''s anonymous answers and free text (may disclose harm)';
COMMENT ON TABLE kiosk_notes IS 'no child data: "you said, we did" notes a unit publishes';
