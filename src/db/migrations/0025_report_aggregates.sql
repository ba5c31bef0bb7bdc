-- Issue 16 §2: the monitoring report from aggregates kept in step with the records, so that a
-- country-year over millions of signals reads thousands of rows, not millions. Every figure stays
-- exact: the aggregates are changed by triggers in the very transaction that changes a signal, a
-- link of a child to a signal, a child's birth date or sex, or a meeting; `safetynet report
-- rebuild` (report_rebuild() below) recomputes them from the records, and a test shows that
-- rebuilding changes nothing. Days are local calendar days in the country's time zone
-- (jurisdictions.timezone of the country), the days of the report's periods.
--
-- Signals: per day and region, the count of each breakdown's code (dim: total, source, place,
-- harm, perpetrator; a signal with two harm types counts under both).
CREATE TABLE report_signal_days (
  country text NOT NULL,
  day date NOT NULL,
  region_code text NOT NULL,
  dim text NOT NULL,
  code text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (country, day, region_code, dim, code)
);
CREATE INDEX report_signal_days_zero ON report_signal_days (country) WHERE n = 0;

-- Meetings that were not cancelled: per day, region, type and team (the convening unit, or the
-- municipality of an imported meeting without one), with the mandatory sectors present.
CREATE TABLE report_meeting_days (
  country text NOT NULL,
  day date NOT NULL,
  region_code text NOT NULL,
  type text NOT NULL,
  team text NOT NULL,
  n integer NOT NULL,
  social_services integer NOT NULL,
  police integer NOT NULL,
  education integer NOT NULL,
  lacking integer NOT NULL,
  PRIMARY KEY (country, day, region_code, type, team)
);
CREATE INDEX report_meeting_days_zero ON report_meeting_days (country) WHERE n = 0;

-- Distinct children, each counted once per period at their first signal in it. For each child
-- and scope (the country '*', or a region: the child's signals there), one row per local day with
-- a signal, with the child's previous such day (prev_day, '-infinity' for the first): the child's
-- first day in a period [a, b] is the one row with a <= day <= b and prev_day < a. The age group
-- ('' when unknown) is the child's on that day (or the age kept beside the signal when the birth
-- date was anonymised, src/retention/). One row per child and day: child data.
CREATE TABLE report_child_days (
  country text NOT NULL,
  child_id uuid NOT NULL,
  scope text NOT NULL,
  day date NOT NULL,
  prev_day date NOT NULL,
  age_group text NOT NULL,
  sex text NOT NULL,
  -- A child's rows are deleted and inserted again in one statement (report_children_sql): the
  -- deleted rows no longer conflict when the new ones are checked against this key.
  PRIMARY KEY (country, child_id, scope, day)
);

-- The same rows counted: what the report reads.
CREATE TABLE report_child_counts (
  country text NOT NULL,
  scope text NOT NULL,
  day date NOT NULL,
  prev_day date NOT NULL,
  age_group text NOT NULL,
  sex text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (country, scope, day, prev_day, age_group, sex)
);
CREATE INDEX report_child_counts_zero ON report_child_counts (country) WHERE n = 0;

COMMENT ON TABLE report_signal_days IS 'child data: counts of signals per day, kept by triggers (report_rebuild)';
COMMENT ON TABLE report_meeting_days IS 'child data: counts of meetings per day, kept by triggers (report_rebuild)';
COMMENT ON TABLE report_child_days IS 'child data: each child''s days with a signal, kept by triggers (report_rebuild)';
COMMENT ON TABLE report_child_counts IS 'child data: counts of report_child_days, kept by triggers (report_rebuild)';

-- The statements that apply a change, as text with one %s: a query of the changed rows with a
-- column `sign` (+1 added, -1 removed). Run with EXECUTE format(...) inside the triggers, where
-- the transition tables are visible, and by report_rebuild() over the records themselves.
CREATE FUNCTION report_signals_sql() RETURNS text LANGUAGE sql IMMUTABLE AS $body$ SELECT $q$
  WITH changed AS (%s),
  delta AS (
    SELECT r.country, (r.received_at AT TIME ZONE j.timezone)::date AS day, r.region_code, d.dim, d.code, sum(r.sign)::int AS n
    FROM changed r
    JOIN jurisdictions j ON j.code = r.country
    CROSS JOIN LATERAL (
      SELECT 'total' AS dim, '' AS code
      UNION ALL SELECT 'source', r.source
      UNION ALL SELECT 'place', r.place
      UNION ALL SELECT 'harm', h FROM unnest(r.harm_types) h
      UNION ALL SELECT 'perpetrator', x FROM unnest(r.perpetrators) x
    ) d
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(r.sign) <> 0
  )
  INSERT INTO report_signal_days AS t (country, day, region_code, dim, code, n)
  SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (country, day, region_code, dim, code) DO UPDATE SET n = t.n + EXCLUDED.n
$q$ $body$;

CREATE FUNCTION report_meetings_sql() RETURNS text LANGUAGE sql IMMUTABLE AS $body$ SELECT $q$
  WITH changed AS (%s),
  delta AS (
    SELECT r.country, (r.held_at AT TIME ZONE j.timezone)::date AS day, r.region_code, r.type,
      COALESCE(r.unit_id::text, r.jurisdiction_code) AS team,
      sum(r.sign)::int AS n,
      sum(r.sign) FILTER (WHERE 'social_services' = ANY (r.sectors_present))::int AS social_services,
      sum(r.sign) FILTER (WHERE 'police' = ANY (r.sectors_present))::int AS police,
      sum(r.sign) FILTER (WHERE 'education' = ANY (r.sectors_present))::int AS education,
      sum(r.sign) FILTER (WHERE NOT (r.mandatory_sectors <@ r.sectors_present))::int AS lacking
    FROM changed r
    JOIN jurisdictions j ON j.code = r.country
    WHERE r.status <> 'cancelled'
    GROUP BY 1, 2, 3, 4, 5
  )
  INSERT INTO report_meeting_days AS t (country, day, region_code, type, team, n, social_services, police, education, lacking)
  SELECT country, day, region_code, type, team, n, COALESCE(social_services, 0), COALESCE(police, 0), COALESCE(education, 0), COALESCE(lacking, 0)
  FROM delta
  WHERE n <> 0 OR social_services <> 0 OR police <> 0 OR education <> 0 OR lacking <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (country, day, region_code, type, team) DO UPDATE SET
    n = t.n + EXCLUDED.n, social_services = t.social_services + EXCLUDED.social_services,
    police = t.police + EXCLUDED.police, education = t.education + EXCLUDED.education, lacking = t.lacking + EXCLUDED.lacking
$q$ $body$;

-- The children whose days are recomputed: %s is a query of (country, child_id). Their rows of
-- report_child_days are replaced, and the difference is added to report_child_counts.
CREATE FUNCTION report_children_sql() RETURNS text LANGUAGE sql IMMUTABLE AS $body$ SELECT $q$
  WITH affected AS (SELECT DISTINCT country, child_id FROM (%s) a),
  gone AS (
    DELETE FROM report_child_days d USING affected a
    WHERE d.country = a.country AND d.child_id = a.child_id
    RETURNING d.country, d.scope, d.day, d.prev_day, d.age_group, d.sex
  ),
  per_day AS (
    SELECT s.country, sc.child_id, g.scope, (s.received_at AT TIME ZONE j.timezone)::date AS day,
      (array_agg(sc.age_at_signal ORDER BY s.received_at))[1] AS kept_age
    FROM affected a
    JOIN signal_children sc ON sc.country = a.country AND sc.child_id = a.child_id
    JOIN signals s ON s.country = sc.country AND s.id = sc.signal_id
    JOIN jurisdictions j ON j.code = s.country
    CROSS JOIN LATERAL (VALUES ('*'::text), (s.region_code)) g (scope)
    GROUP BY 1, 2, 3, 4
  ),
  aged AS (
    SELECT p.country, p.child_id, p.scope, p.day,
      COALESCE(lag(p.day) OVER (PARTITION BY p.country, p.child_id, p.scope ORDER BY p.day), '-infinity'::date) AS prev_day,
      COALESCE(p.kept_age, date_part('year', age(p.day, c.birth_date))::int) AS a, c.sex
    FROM per_day p JOIN children c ON c.country = p.country AND c.id = p.child_id
  ),
  fresh AS (
    INSERT INTO report_child_days (country, child_id, scope, day, prev_day, age_group, sex)
    SELECT country, child_id, scope, day, prev_day,
      CASE WHEN a IS NULL OR a < 0 OR a > 18 THEN '' WHEN a <= 3 THEN '0-3' WHEN a <= 7 THEN '4-7'
        WHEN a <= 11 THEN '8-11' WHEN a <= 16 THEN '12-16' ELSE '17-18' END,
      sex
    FROM aged
    RETURNING country, scope, day, prev_day, age_group, sex
  ),
  delta AS (
    SELECT country, scope, day, prev_day, age_group, sex, sum(k)::int AS n
    FROM (SELECT *, -1 AS k FROM gone UNION ALL SELECT *, 1 AS k FROM fresh) x
    GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(k) <> 0
  )
  INSERT INTO report_child_counts AS t (country, scope, day, prev_day, age_group, sex, n)
  SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (country, scope, day, prev_day, age_group, sex) DO UPDATE SET n = t.n + EXCLUDED.n
$q$ $body$;

-- Counts that fell to zero are removed (through the partial indexes: no scan of the table).
CREATE FUNCTION report_drop_zeros() RETURNS void LANGUAGE sql AS $$
  DELETE FROM report_signal_days WHERE n = 0;
  DELETE FROM report_meeting_days WHERE n = 0;
  DELETE FROM report_child_counts WHERE n = 0;
$$;

-- A statement on signals, meetings or the links of children to signals: the rows it added
-- (sign +1) and removed (-1) applied to their aggregates; when signals moved in time or region,
-- their children's days too.
CREATE FUNCTION report_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  statement text := CASE TG_TABLE_NAME WHEN 'signals' THEN report_signals_sql()
    WHEN 'meetings' THEN report_meetings_sql() ELSE report_children_sql() END;
BEGIN
  IF TG_OP = 'INSERT' THEN
    EXECUTE format(statement, 'SELECT *, 1 AS sign FROM new_rows');
  ELSIF TG_OP = 'DELETE' THEN
    EXECUTE format(statement, 'SELECT *, -1 AS sign FROM old_rows');
  ELSE
    EXECUTE format(statement, 'SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows');
  END IF;
  IF TG_TABLE_NAME = 'signals' AND TG_OP = 'UPDATE' THEN
    EXECUTE format(report_children_sql(), $a$
      SELECT sc.country, sc.child_id
      FROM old_rows o JOIN signal_children sc ON sc.country = o.country AND sc.signal_id = o.id
      WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.country = o.country AND n.id = o.id
        AND n.received_at = o.received_at AND n.region_code = o.region_code)
      UNION ALL
      SELECT sc.country, sc.child_id
      FROM new_rows n JOIN signal_children sc ON sc.country = n.country AND sc.signal_id = n.id
      WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE n.country = o.country AND n.id = o.id
        AND n.received_at = o.received_at AND n.region_code = o.region_code)$a$);
  END IF;
  PERFORM report_drop_zeros();
  RETURN NULL;
END $$;

-- A child's birth date or sex changes the age group or sex their days are counted under.
CREATE FUNCTION report_children_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(report_children_sql(), $a$
    SELECT n.country, n.id AS child_id FROM new_rows n JOIN old_rows o ON o.country = n.country AND o.id = n.id
    WHERE n.birth_date IS DISTINCT FROM o.birth_date OR n.sex IS DISTINCT FROM o.sex$a$);
  PERFORM report_drop_zeros();
  RETURN NULL;
END $$;

-- A trigger with transition tables answers one event, hence three per table.
CREATE TRIGGER report_signals_insert AFTER INSERT ON signals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_changed();
CREATE TRIGGER report_signals_update AFTER UPDATE ON signals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_changed();
CREATE TRIGGER report_signals_delete AFTER DELETE ON signals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_changed();
CREATE TRIGGER report_signal_children_insert AFTER INSERT ON signal_children REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_changed();
CREATE TRIGGER report_signal_children_update AFTER UPDATE ON signal_children REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_changed();
CREATE TRIGGER report_signal_children_delete AFTER DELETE ON signal_children REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_changed();
CREATE TRIGGER report_children_update AFTER UPDATE ON children REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_children_changed();
CREATE TRIGGER report_meetings_insert AFTER INSERT ON meetings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_changed();
CREATE TRIGGER report_meetings_update AFTER UPDATE ON meetings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_changed();
CREATE TRIGGER report_meetings_delete AFTER DELETE ON meetings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_rows_changed();

-- Recomputes every aggregate from the records (`safetynet report rebuild`): what the triggers
-- keep, from scratch. Rebuilding a database whose aggregates are in step changes nothing.
CREATE FUNCTION report_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_signal_days;
  DELETE FROM report_meeting_days;
  DELETE FROM report_child_days;
  DELETE FROM report_child_counts;
  EXECUTE format(report_signals_sql(), 'SELECT *, 1 AS sign FROM signals');
  EXECUTE format(report_meetings_sql(), 'SELECT *, 1 AS sign FROM meetings');
  EXECUTE format(report_children_sql(), 'SELECT country, child_id FROM signal_children');
END $$;

SELECT report_rebuild();
