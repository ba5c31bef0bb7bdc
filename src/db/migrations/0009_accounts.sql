-- Accounts: sign-in throttling instead of a lockout, and the record of who gave whom access to
-- child data.

-- Failed sign-ins slow their source down instead of locking the account's owner out. One row per
-- key: an address, an account (the lower-cased user name as typed, known or not), or the pair.
-- Keys are sha256 hashes: the table holds neither addresses nor typed names.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('address', 'account', 'pair')),
  -- The account's hash on 'account' and 'pair' rows, so that an admin's reset can clear them.
  account text,
  failures integer NOT NULL CHECK (failures > 0),
  last_failure_at timestamptz NOT NULL,
  blocked_until timestamptz NOT NULL
);
CREATE INDEX login_throttle_account ON login_throttle (account);
CREATE INDEX login_throttle_last ON login_throttle (last_failure_at);

ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;

-- Every change that gives a user a role which sees child data (caseworker, supervisor, partner,
-- provider, police_support): a new account, added roles, a move to another organisation, a
-- password set by someone else. Shown to the supervisors of the organisations in `shown_to`.
CREATE TABLE role_grants (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  organisation_id uuid NOT NULL REFERENCES organisations (id),
  change text NOT NULL CHECK (change IN ('created', 'roles', 'organisation', 'password', 'enabled')),
  roles text[] NOT NULL,
  added text[] NOT NULL,
  granted_by uuid REFERENCES users (id),
  granted_by_name text NOT NULL,
  granted_at timestamptz NOT NULL DEFAULT now(),
  shown_to uuid[] NOT NULL CHECK (cardinality(shown_to) > 0),
  PRIMARY KEY (country, id)
);
CREATE INDEX role_grants_shown_to ON role_grants USING gin (shown_to);
CREATE INDEX role_grants_at ON role_grants (country, granted_at DESC);
