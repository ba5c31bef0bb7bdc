-- Issue 15 §4, attachments: signed consents, court orders, reports and photos on a child, a case,
-- a referral, a meeting or a contact. The metadata (attachments) and the encrypted content
-- (attachment_contents: AES-256-GCM, the key outside the database) are apart, so lists never
-- read the bytes and a backup writes each file in a line of its own. Reach is the reach of the
-- record the file belongs to (src/attachments/attachment-owners.ts).
CREATE TABLE attachments (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  owner_kind text NOT NULL CHECK (owner_kind IN ('child', 'case', 'referral', 'meeting', 'contact')),
  owner_id uuid NOT NULL,
  -- The child the record is about (null for a meeting): retention removes a child's files with them.
  child_id uuid,
  kind text NOT NULL CHECK (kind IN ('consent', 'court_order', 'report', 'photo', 'other')),
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
  -- The type read from the content (never the name's or the browser's word for it).
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  -- SHA-256 of the content as uploaded (hex): a download is checked against it.
  sha256 text NOT NULL,
  description text,
  uploaded_by uuid REFERENCES users (id),
  uploader_org_id uuid REFERENCES organisations (id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  -- Removed: the content is deleted, the record of the upload stays (who, when, why).
  removed_at timestamptz,
  removed_by uuid REFERENCES users (id),
  removed_reason text,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, child_id) REFERENCES children (country, id),
  CHECK ((removed_at IS NULL) = (removed_reason IS NULL))
);
CREATE INDEX attachments_owner ON attachments (country, owner_kind, owner_id, uploaded_at);
CREATE INDEX attachments_child ON attachments (country, child_id);
COMMENT ON TABLE attachments IS 'child data';

CREATE TABLE attachment_contents (
  country text NOT NULL,
  attachment_id uuid NOT NULL,
  -- Which key sealed it: the first 16 hex digits of the SHA-256 of the key.
  key_id text NOT NULL,
  iv bytea NOT NULL,
  tag bytea NOT NULL,
  ciphertext bytea NOT NULL,
  PRIMARY KEY (country, attachment_id),
  FOREIGN KEY (country, attachment_id) REFERENCES attachments (country, id) ON DELETE CASCADE
);
COMMENT ON TABLE attachment_contents IS 'child data';
