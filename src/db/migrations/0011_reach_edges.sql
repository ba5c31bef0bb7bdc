-- Issue 10, the edges of reach:
-- 1. A provider sees only the referral until it accepts: the 'referral' grant to the child is
--    given on acceptance. Referrals still pending lose the grant their making gave (accepting
--    gives it again).
UPDATE child_access a SET revoked_at = now()
FROM referrals r
WHERE a.reason = 'referral' AND a.revoked_at IS NULL
  AND a.country = r.country AND a.source_id = r.id::text AND a.organisation_id = r.provider_org_id
  AND r.status = 'pending';

-- 2. Closing a case ends its current placement. end_code says the system ended it
--    ('case_closed'), with no free-text reason.
ALTER TABLE placements ADD COLUMN end_code text CHECK (end_code IN ('case_closed'));

-- Placements still current on cases already closed end on the day of the closure (in the unit's
-- time zone; never before they started), with a step on the case's timeline.
WITH ended AS (
  UPDATE placements p
  SET ended_on = GREATEST(p.started_on, (k.closed_at AT TIME ZONE j.timezone)::date), end_code = 'case_closed'
  FROM cases k
  JOIN organisations o ON o.id = k.unit_id
  JOIN jurisdictions j ON j.code = o.jurisdiction_code
  WHERE p.ended_on IS NULL AND k.country = p.country AND k.id = p.case_id AND k.status = 'closed' AND k.closed_at IS NOT NULL
  RETURNING p.country, p.case_id, p.id, p.kind, k.closed_at, k.unit_id
)
INSERT INTO case_events (country, case_id, at, kind, actor_name, author_org_id, entity, entity_id, detail)
SELECT country, case_id, closed_at, 'placement_ended', 'system:migration', unit_id, 'placement', id,
  jsonb_build_object('kind', kind, 'ending', 'case_closed')
FROM ended;

-- 3. Deadlines are configuration per country: a country loaded from a file carries its own
--    (Albania's and Bulgaria's ship in src/domain/reference/deadlines). Kept on the country's row.
ALTER TABLE jurisdictions ADD COLUMN deadlines jsonb CHECK (deadlines IS NULL OR level = 'country');
