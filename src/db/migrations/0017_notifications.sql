-- Issue 15 §3, notifications: in the app (a bell) and by e-mail through an outbox written in the
-- same transaction as the event, sent by a worker that retries. Neither holds child data: the
-- kind of event, the record's id for the link, and for e-mail the text made from those alone.
ALTER TABLE users ADD COLUMN email text CHECK (email IS NULL OR (length(email) <= 254 AND email ~ '^[^@[:space:]]+@[^@[:space:]]+$'));
-- Per kind of event: 'off', 'app' (the bell) or 'app_email' (the bell and an e-mail); missing kinds take 'app_email'.
ALTER TABLE users ADD COLUMN notification_prefs jsonb NOT NULL DEFAULT '{}';

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL,
  -- What the link opens: a case, a referral, a transfer list, the task list.
  entity text NOT NULL,
  entity_id uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);
COMMENT ON TABLE notifications IS 'no child data';

CREATE TABLE mail_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  notification_id uuid REFERENCES notifications (id),
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  last_error text
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
COMMENT ON TABLE mail_outbox IS 'no child data';

-- The daily digest of overdue items: one per user and local day, at most.
CREATE TABLE digest_runs (
  user_id uuid NOT NULL REFERENCES users (id),
  local_day date NOT NULL,
  overdue integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, local_day)
);
COMMENT ON TABLE digest_runs IS 'no child data';
