-- The audit chain's head moves only with the entries that follow it.
-- Appending goes through two functions that run with the schema owner's rights (SECURITY
-- DEFINER). The application role may call them and read the log, but has no INSERT, UPDATE,
-- DELETE or TRUNCATE on audit_log or audit_heads (granted in src/db/migrate.ts): it can add
-- entries that follow the head, never cut, rewind or fork a chain.

-- Locks a chain's head for the caller's transaction (creating it at entry 0) and answers it.
CREATE FUNCTION audit_head_lock(p_chain text) RETURNS TABLE (seq bigint, hash text)
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  INSERT INTO audit_heads AS h (chain, seq, hash) VALUES (p_chain, 0, repeat('0', 64))
  ON CONFLICT (chain) DO UPDATE SET chain = excluded.chain
  RETURNING h.seq, h.hash
$$;

-- Appends entries (a JSON array of audit_log rows) after the head (p_seq, p_hash), and moves the
-- head to the last of them, only if the head is still there: after waiting for another appender's
-- commit the head row is checked again, so a moved head answers false and writes nothing.
-- Entries that do not follow the head in order (seq, prev_hash) are refused.
CREATE FUNCTION audit_append(p_chain text, p_seq bigint, p_hash text, p_rows jsonb) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  n bigint;
  bad bigint;
  last_hash text;
BEGIN
  PERFORM 1 FROM audit_heads h WHERE h.chain = p_chain AND h.seq = p_seq AND h.hash = p_hash FOR UPDATE;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  WITH src AS (
    SELECT r.*, row_number() OVER (ORDER BY r.seq) AS i, lag(r.hash) OVER (ORDER BY r.seq) AS before
    FROM jsonb_to_recordset(p_rows) AS r(
      chain text, seq bigint, at timestamptz, actor_id uuid, actor_name text, action text, entity text, entity_id text,
      child_id uuid, reason text, outcome text, detail jsonb, prev_hash text, hash text)
  ), added AS (
    INSERT INTO audit_log (chain, seq, at, actor_id, actor_name, action, entity, entity_id, child_id, reason, outcome, detail, prev_hash, hash)
    SELECT s.chain, s.seq, s.at, s.actor_id, s.actor_name, s.action, s.entity, s.entity_id, s.child_id, s.reason, s.outcome,
      COALESCE(s.detail, '{}'), s.prev_hash, s.hash
    FROM src s
    RETURNING 1
  )
  SELECT count(*),
    count(*) FILTER (WHERE s.chain IS DISTINCT FROM p_chain OR s.seq <> p_seq + s.i
      OR s.prev_hash IS DISTINCT FROM COALESCE(s.before, p_hash) OR s.hash IS NULL),
    (array_agg(s.hash ORDER BY s.seq DESC))[1]
  INTO n, bad, last_hash
  FROM src s;
  IF n = 0 OR bad > 0 THEN
    RAISE EXCEPTION 'audit entries must follow the head of chain % in order', p_chain;
  END IF;
  UPDATE audit_heads h SET seq = p_seq + n, hash = last_hash WHERE h.chain = p_chain;
  RETURN true;
END;
$$;

REVOKE ALL ON FUNCTION audit_head_lock(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit_append(text, bigint, text, jsonb) FROM PUBLIC;
