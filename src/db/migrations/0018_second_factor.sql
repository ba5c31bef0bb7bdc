-- Issue 15 §1–2: a second factor (TOTP, RFC 6238, with one-time recovery codes) and single sign-on
-- (OpenID Connect). No child data in any of these.

-- A user's TOTP secret, sealed with AES-256-GCM under the deployment's at-rest key (the attachment
-- key: SAFETYNET_ATTACHMENT_KEY or the data directory's key file). `enabled_at` is null while the
-- user is setting it up (the secret is shown, no code confirmed yet). `last_step` is the last
-- RFC 6238 time step accepted: a code is accepted only for a later step, so never twice.
CREATE TABLE second_factors (
  user_id uuid PRIMARY KEY REFERENCES users (id),
  key_id text NOT NULL,
  secret_iv bytea NOT NULL,
  secret_tag bytea NOT NULL,
  secret_sealed bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  enabled_at timestamptz,
  last_step bigint
);
COMMENT ON TABLE second_factors IS 'no child data';

-- One-time recovery codes: an HMAC-SHA256 of the code under a key derived from the at-rest key;
-- a used code keeps its row (used_at) until the codes are made anew.
CREATE TABLE recovery_codes (
  user_id uuid NOT NULL REFERENCES users (id),
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);
COMMENT ON TABLE recovery_codes IS 'no child data';

-- Did this session pass a second factor (a TOTP or recovery code, or an identity provider that
-- asserted multi-factor authentication)? A session of a user who must have one and has not
-- passed it reaches nothing but the second-factor routes.
ALTER TABLE sessions ADD COLUMN second_factor boolean NOT NULL DEFAULT false;

-- The identity provider's subject an administrator linked the user to; sign-in with the provider
-- only for linked users (no self-registration).
ALTER TABLE users ADD COLUMN oidc_issuer text;
ALTER TABLE users ADD COLUMN oidc_subject text CHECK (oidc_subject IS NULL OR length(oidc_subject) <= 255);
CREATE UNIQUE INDEX users_oidc_subject ON users (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;

-- A sign-in with the provider under way: keyed by the sha256 of a random cookie; holds the PKCE
-- verifier, the state and the nonce until the callback (ten minutes at most).
CREATE TABLE oidc_logins (
  id_hash text PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE oidc_logins IS 'no child data';
