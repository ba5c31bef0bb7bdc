-- Foundation: reference data, organisations, users, sessions, children, access grants, audit log.
-- Tables that hold child data carry `country` first in their primary key: it is the
-- distribution column when a deployment outgrows one machine (Citus:
-- SELECT create_distributed_table('children', 'country')). Reference tables (jurisdictions,
-- organisations, users) are small and become Citus reference tables.

CREATE TABLE jurisdictions (
  code text PRIMARY KEY,
  country text NOT NULL,
  level text NOT NULL CHECK (level IN ('country', 'region', 'municipality')),
  parent_code text REFERENCES jurisdictions (code),
  name_local text NOT NULL,
  name_en text NOT NULL,
  timezone text NOT NULL,
  CHECK ((level = 'country') = (parent_code IS NULL))
);
CREATE INDEX jurisdictions_parent ON jurisdictions (parent_code);
CREATE INDEX jurisdictions_country ON jurisdictions (country, level);

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country text NOT NULL,
  name text NOT NULL,
  sector text NOT NULL,
  jurisdiction_code text NOT NULL REFERENCES jurisdictions (code),
  -- A Child Protection Unit owns cases; other organisations take part through meetings and referrals.
  is_protection_unit boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (jurisdiction_code, name)
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  roles text[] NOT NULL CHECK (cardinality(roles) > 0),
  password_hash text NOT NULL,
  language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'sq', 'bg')),
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username ON users (lower(username));
CREATE INDEX users_organisation ON users (organisation_id);

CREATE TABLE sessions (
  -- sha256 of the cookie value: a leaked table does not give working sessions.
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE children (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The Child Protection Unit responsible for the child, and the worker who owns the record.
  unit_id uuid NOT NULL REFERENCES organisations (id),
  owner_id uuid REFERENCES users (id),
  municipality_code text NOT NULL REFERENCES jurisdictions (code),
  given_name text NOT NULL,
  family_name text NOT NULL,
  -- Lower-case Latin transliteration of the full name, for the duplicate check.
  name_key text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
  birth_date date,
  birth_date_estimated boolean NOT NULL DEFAULT false,
  address text,
  languages text[] NOT NULL DEFAULT '{}',
  in_school boolean,
  school_name text,
  vulnerabilities text[] NOT NULL DEFAULT '{}',
  notes text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  anonymised_at timestamptz,
  PRIMARY KEY (country, id)
);
CREATE INDEX children_unit ON children (country, unit_id);
CREATE INDEX children_birth ON children (country, birth_date);
CREATE INDEX children_name_key ON children (country, name_key);

-- Why someone outside the owning unit may see a child: they were invited to a meeting about the
-- child, the child was referred to their organisation, or they registered a signal about the
-- child. Later capabilities (meetings, referrals, signals) write these rows; the policy layer
-- reads them. A grant names an organisation, or one user of it.
CREATE TABLE child_access (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason IN ('meeting', 'referral', 'signal')),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid REFERENCES users (id),
  source_id text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, child_id) REFERENCES children (country, id),
  UNIQUE (country, child_id, reason, organisation_id, source_id)
);
CREATE INDEX child_access_org ON child_access (country, organisation_id, child_id);

-- Append-only, hash-chained audit log: one chain per country (child data) and 'system'.
CREATE TABLE audit_log (
  chain text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text NOT NULL,
  action text NOT NULL,
  entity text NOT NULL,
  entity_id text,
  child_id uuid,
  reason text,
  outcome text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (chain, seq)
);
CREATE INDEX audit_log_child ON audit_log (chain, child_id, seq) WHERE child_id IS NOT NULL;

-- The last entry of each chain: appending locks this row, so entries of a chain are serial,
-- and `audit verify` can tell that the tail of a chain was cut off.
CREATE TABLE audit_heads (
  chain text PRIMARY KEY,
  seq bigint NOT NULL,
  hash text NOT NULL
);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
