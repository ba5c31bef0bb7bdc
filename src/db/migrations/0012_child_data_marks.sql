-- Issue 11, the one door enforced where queries run: every table says whether it holds child
-- data. The application's query handle refuses a query that touches a table marked 'child data'
-- outside a Door's transaction (src/policy/guard.ts reads these marks from the migrations), and
-- the static check (src/policy/door.test.ts) takes its table list from them. A test checks the
-- marks against the schema: the tables joined to `children` by (country, …) foreign keys are
-- exactly the ones marked 'child data', and every table is marked one way or the other.
-- A new table says which it is with a COMMENT ON TABLE in its migration.
COMMENT ON TABLE children IS 'child data';
COMMENT ON TABLE child_access IS 'child data';
COMMENT ON TABLE bulk_access IS 'child data';
COMMENT ON TABLE signals IS 'child data';
COMMENT ON TABLE signal_children IS 'child data';
COMMENT ON TABLE meetings IS 'child data';
COMMENT ON TABLE meeting_children IS 'child data';
COMMENT ON TABLE meeting_participants IS 'child data';
COMMENT ON TABLE action_items IS 'child data';
COMMENT ON TABLE cases IS 'child data';
COMMENT ON TABLE case_signals IS 'child data';
COMMENT ON TABLE case_events IS 'child data';
COMMENT ON TABLE case_decisions IS 'child data';
COMMENT ON TABLE case_risk_levels IS 'child data';
COMMENT ON TABLE assessments IS 'child data';
COMMENT ON TABLE plans IS 'child data';
COMMENT ON TABLE plan_goals IS 'child data';
COMMENT ON TABLE plan_actions IS 'child data';
COMMENT ON TABLE plan_reviews IS 'child data';
COMMENT ON TABLE contacts IS 'child data';
COMMENT ON TABLE referrals IS 'child data';
COMMENT ON TABLE referral_services IS 'child data';
COMMENT ON TABLE placements IS 'child data';
COMMENT ON TABLE case_transfers IS 'child data';
COMMENT ON TABLE cross_border_referrals IS 'child data';

COMMENT ON TABLE jurisdictions IS 'no child data: reference data';
COMMENT ON TABLE organisations IS 'no child data: accounts';
COMMENT ON TABLE users IS 'no child data: accounts';
COMMENT ON TABLE role_grants IS 'no child data: accounts';
COMMENT ON TABLE sessions IS 'no child data: accounts';
COMMENT ON TABLE login_throttle IS 'no child data: accounts';
COMMENT ON TABLE idempotency_keys IS 'no child data: a repeated create''s status and record id';
COMMENT ON TABLE audit_log IS 'no child data: who did what to which record, by id (src/audit)';
COMMENT ON TABLE audit_heads IS 'no child data: the audit chains'' heads';
COMMENT ON TABLE signing_keys IS 'no child data: the keys that sign transfer files';
