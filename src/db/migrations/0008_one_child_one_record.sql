-- One child, one record.
-- A record merged into another (the same child registered twice) stays as a tombstone naming the
-- surviving record: its signals, meetings, cases and grants moved there; reading it answers 410.
-- (No foreign key: a backup restores rows table by table in key order.)
ALTER TABLE children ADD COLUMN merged_into uuid;
ALTER TABLE children ADD COLUMN merged_at timestamptz;
ALTER TABLE children ADD CONSTRAINT children_not_merged_into_self CHECK (merged_into IS NULL OR merged_into <> id);
-- The duplicate rule looks children up by birth date and transliterated name within a country.
CREATE INDEX children_birth_name ON children (country, birth_date, name_key) WHERE merged_into IS NULL;

-- Idempotency keys: a create repeated with the same Idempotency-Key by the same user on the same
-- route answers the first answer and creates nothing new. No child data is kept here: only the
-- status and the created record's id (the answer is read again through the policy door).
CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users (id),
  route text NOT NULL,
  key text NOT NULL,
  -- sha256 of the request (route parameters and body): the same key with another body is refused.
  request_hash text NOT NULL,
  -- NULL while the first request is being answered.
  status integer,
  record_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, route, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
