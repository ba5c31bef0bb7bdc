-- The supervisor's words on a case get columns of their own: why a closure was returned, and why a
-- closed case was reopened. Until now they sat in case_events.detail, which is meant for codes
-- (the timeline is read by every organisation for its own steps). One row per decision, keyed by
-- country like every table of child data (see 0001); the unit's only.
CREATE TABLE case_decisions (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('closure_returned', 'reopened')),
  -- The comment (closure_returned) or the reason (reopened), as the supervisor wrote it.
  comment text NOT NULL,
  -- closure_returned: the closure reason that was refused.
  closure_reason text CHECK (closure_reason IN ('goals_met', 'turned_18', 'transferred', 'moved_abroad', 'no_longer_at_risk', 'died', 'other')),
  decided_at timestamptz NOT NULL DEFAULT now(),
  decided_by uuid REFERENCES users (id),
  decided_by_name text NOT NULL,
  author_org_id uuid REFERENCES organisations (id),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id)
);
CREATE INDEX case_decisions_case ON case_decisions (country, case_id, decided_at);

-- The decisions taken so far move out of the timeline's detail, which keeps only its codes.
INSERT INTO case_decisions (country, case_id, kind, comment, closure_reason, decided_at, decided_by, decided_by_name, author_org_id)
SELECT e.country, e.case_id, e.kind,
  CASE WHEN e.kind = 'closure_returned' THEN e.detail ->> 'comment' ELSE e.detail ->> 'reason' END,
  CASE WHEN e.kind = 'closure_returned'
    AND e.detail ->> 'reason' IN ('goals_met', 'turned_18', 'transferred', 'moved_abroad', 'no_longer_at_risk', 'died', 'other')
    THEN e.detail ->> 'reason' END,
  e.at, e.actor_id, e.actor_name, e.author_org_id
FROM case_events e
WHERE (e.kind = 'closure_returned' AND coalesce(e.detail ->> 'comment', '') <> '')
   OR (e.kind = 'reopened' AND coalesce(e.detail ->> 'reason', '') <> '');
UPDATE case_events SET detail = detail - 'comment' WHERE kind = 'closure_returned' AND detail ->> 'comment' IS NOT NULL;
UPDATE case_events SET detail = detail - 'reason' WHERE kind = 'reopened' AND detail ->> 'reason' IS NOT NULL;

-- Why a referral was withdrawn, as a code: by the referring unit (its reason in withdrawn_reason),
-- or because the case was closed (the closure withdraws every referral still open).
ALTER TABLE referrals ADD COLUMN withdrawn_code text CHECK (withdrawn_code IN ('unit', 'case_closed'));
UPDATE referrals SET withdrawn_code = 'unit' WHERE status = 'withdrawn';
ALTER TABLE referrals ADD CONSTRAINT referrals_withdrawn_code CHECK ((status = 'withdrawn') = (withdrawn_code IS NOT NULL));
