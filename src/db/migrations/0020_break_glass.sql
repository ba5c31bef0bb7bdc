-- Issue 15 §6, break-glass access: a professional with no reach to a child asks for emergency
-- access with a written reason; the grant lets them read the child's record (read-only) until it
-- expires. Each grant is reviewed by a supervisor of the unit that owned the child when it was
-- granted, as justified or not, with a note.
CREATE TABLE break_glass_grants (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  -- The unit that owned the child when access was granted: its supervisors review the grant.
  unit_id uuid NOT NULL REFERENCES organisations (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 20 AND 2000),
  granted_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  review text CHECK (review IN ('justified', 'unjustified')),
  review_note text CHECK (review_note IS NULL OR length(review_note) <= 2000),
  reviewed_by uuid REFERENCES users (id),
  reviewed_at timestamptz,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, child_id) REFERENCES children (country, id),
  CHECK (expires_at > granted_at),
  CHECK ((review IS NULL) = (reviewed_at IS NULL) AND (review IS NULL) = (reviewed_by IS NULL))
);
CREATE INDEX break_glass_grants_user ON break_glass_grants (user_id, expires_at);
CREATE INDEX break_glass_grants_unit ON break_glass_grants (unit_id, granted_at DESC);
COMMENT ON TABLE break_glass_grants IS 'child data';
