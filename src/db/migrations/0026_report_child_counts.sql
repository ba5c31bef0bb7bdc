-- Issue 16 §1: the distinct-children figures without a row per child. Migration 0025 kept, beside
-- the counts, each child's days with a signal (report_child_days: a row per child, day and scope)
-- to know what to take away when a child's signals changed. A statement's trigger can instead
-- recompute those days as they were before the statement, from the records and its transition
-- tables, and take them away: the counts are all that is stored. An import that creates a
-- million children writes no per-child rows, and the aggregates hold no row about any one child.
-- Every figure stays exact (the tests of src/reports/ and src/interchange/ compare the report with
-- the records, and a rebuild changes nothing).
DROP TABLE report_child_days;
COMMENT ON TABLE report_child_counts IS 'child data: counts of children per first day in a period, kept by triggers (report_rebuild)';

-- The age group of an age in years ('' unknown).
CREATE FUNCTION report_age_group(a integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN a IS NULL OR a < 0 OR a > 18 THEN '' WHEN a <= 3 THEN '0-3' WHEN a <= 7 THEN '4-7'
    WHEN a <= 11 THEN '8-11' WHEN a <= 16 THEN '12-16' ELSE '17-18' END
$$;

-- The children whose days changed, as text for format(): %1$s is a query of (country, child_id).
-- Their days are counted as they are now (+1) and as they were before the change (-1), per scope
-- (the country '*', or a region), with the day before (prev_day, '-infinity' for the first) and
-- the age group on that day, and the difference is added to report_child_counts. The records as
-- they were: the links now that existed before (%2$s, a condition on `sc`), with the links the
-- change removed (%3$s: a query of (country, signal_id, child_id, age_at_signal)); signals and
-- children as they are now, but for those the change altered, as they were (%4$s: a query of
-- (country, id, received_at, region_code); %5$s: of (country, id, birth_date, sex)).
CREATE OR REPLACE FUNCTION report_children_sql() RETURNS text LANGUAGE sql IMMUTABLE AS $body$ SELECT $q$
  WITH affected AS (SELECT DISTINCT country, child_id FROM (%1$s) a),
  links AS (
    SELECT 1 AS k, sc.country, sc.signal_id, sc.child_id, sc.age_at_signal
    FROM affected a JOIN signal_children sc ON sc.country = a.country AND sc.child_id = a.child_id
    UNION ALL
    SELECT -1, sc.country, sc.signal_id, sc.child_id, sc.age_at_signal
    FROM affected a JOIN signal_children sc ON sc.country = a.country AND sc.child_id = a.child_id
    WHERE %2$s
    UNION ALL
    SELECT -1, o.country, o.signal_id, o.child_id, o.age_at_signal
    FROM affected a JOIN (%3$s) o ON o.country = a.country AND o.child_id = a.child_id
  ),
  per_day AS (
    SELECT l.k, l.country, l.child_id, g.scope, (t.received_at AT TIME ZONE j.timezone)::date AS day,
      (array_agg(l.age_at_signal ORDER BY t.received_at))[1] AS kept_age
    FROM links l
    JOIN signals s ON s.country = l.country AND s.id = l.signal_id
    LEFT JOIN (%4$s) so ON l.k = -1 AND so.country = s.country AND so.id = s.id
    CROSS JOIN LATERAL (SELECT CASE WHEN so.id IS NULL THEN s.received_at ELSE so.received_at END AS received_at,
      CASE WHEN so.id IS NULL THEN s.region_code ELSE so.region_code END AS region_code) t
    JOIN jurisdictions j ON j.code = l.country
    CROSS JOIN LATERAL (VALUES ('*'::text), (t.region_code)) g (scope)
    GROUP BY 1, 2, 3, 4, 5
  ),
  aged AS (
    SELECT p.k, p.country, p.scope, p.day,
      COALESCE(lag(p.day) OVER (PARTITION BY p.k, p.country, p.child_id, p.scope ORDER BY p.day), '-infinity'::date) AS prev_day,
      COALESCE(p.kept_age, date_part('year', age(p.day, CASE WHEN co.id IS NULL THEN c.birth_date ELSE co.birth_date END))::int) AS a,
      CASE WHEN co.id IS NULL THEN c.sex ELSE co.sex END AS sex
    FROM per_day p
    JOIN children c ON c.country = p.country AND c.id = p.child_id
    LEFT JOIN (%5$s) co ON p.k = -1 AND co.country = c.country AND co.id = c.id
  ),
  delta AS (
    SELECT country, scope, day, prev_day, report_age_group(a) AS age_group, sex, sum(k)::int AS n
    FROM aged GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(k) <> 0
  )
  INSERT INTO report_child_counts AS t (country, scope, day, prev_day, age_group, sex, n)
  SELECT * FROM delta ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (country, scope, day, prev_day, age_group, sex) DO UPDATE SET n = t.n + EXCLUDED.n
$q$ $body$;

-- The parts of report_children_sql() for a change that left links, signals or children alone.
CREATE FUNCTION report_no_links() RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT 'SELECT country, signal_id, child_id, age_at_signal FROM signal_children WHERE false' $$;
CREATE FUNCTION report_no_signals() RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT 'SELECT country, id, received_at, region_code FROM signals WHERE false' $$;
CREATE FUNCTION report_no_children() RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT 'SELECT country, id, birth_date, sex FROM children WHERE false' $$;

-- A statement on signals, meetings or the links of children to signals: the rows it added
-- (sign +1) and removed (-1) applied to their aggregates; when links changed, or signals moved in
-- time or region, their children's days too. An import that inserts the first links of children
-- it created counts their days itself (src/interchange/signals-writer.ts, report_first_links)
-- and sets safetynet.report_links = 'by_caller' for that one statement.
CREATE OR REPLACE FUNCTION report_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'signal_children' THEN
    IF TG_OP = 'INSERT' AND current_setting('safetynet.report_links', true) = 'by_caller' THEN
      RETURN NULL;
    END IF;
    EXECUTE format(report_children_sql(),
      CASE TG_OP WHEN 'INSERT' THEN 'SELECT country, child_id FROM new_rows'
        WHEN 'DELETE' THEN 'SELECT country, child_id FROM old_rows'
        ELSE 'SELECT country, child_id FROM new_rows UNION ALL SELECT country, child_id FROM old_rows' END,
      CASE WHEN TG_OP = 'DELETE' THEN 'true'
        ELSE 'NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.country = sc.country AND n.signal_id = sc.signal_id AND n.child_id = sc.child_id)' END,
      CASE WHEN TG_OP = 'INSERT' THEN report_no_links()
        ELSE 'SELECT country, signal_id, child_id, age_at_signal FROM old_rows' END,
      report_no_signals(), report_no_children());
  ELSE
    EXECUTE format(CASE TG_TABLE_NAME WHEN 'signals' THEN report_signals_sql() ELSE report_meetings_sql() END,
      CASE TG_OP WHEN 'INSERT' THEN 'SELECT *, 1 AS sign FROM new_rows' WHEN 'DELETE' THEN 'SELECT *, -1 AS sign FROM old_rows'
        ELSE 'SELECT *, 1 AS sign FROM new_rows UNION ALL SELECT *, -1 AS sign FROM old_rows' END);
    IF TG_TABLE_NAME = 'signals' AND TG_OP = 'UPDATE' THEN
      EXECUTE format(report_children_sql(), $a$
        SELECT sc.country, sc.child_id
        FROM old_rows o JOIN new_rows n ON n.country = o.country AND n.id = o.id
        JOIN signal_children sc ON sc.country = o.country AND sc.signal_id = o.id
        WHERE n.received_at <> o.received_at OR n.region_code <> o.region_code$a$,
        'true', report_no_links(), 'SELECT country, id, received_at, region_code FROM old_rows', report_no_children());
    END IF;
  END IF;
  PERFORM report_drop_zeros();
  RETURN NULL;
END $$;

-- A child's birth date or sex changes the age group or sex their days are counted under.
CREATE OR REPLACE FUNCTION report_children_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(report_children_sql(), $a$
    SELECT n.country, n.id AS child_id FROM new_rows n JOIN old_rows o ON o.country = n.country AND o.id = n.id
    WHERE n.birth_date IS DISTINCT FROM o.birth_date OR n.sex IS DISTINCT FROM o.sex$a$,
    'true', report_no_links(), report_no_signals(), 'SELECT country, id, birth_date, sex FROM old_rows');
  PERFORM report_drop_zeros();
  RETURN NULL;
END $$;

-- The days of children whose first links were just inserted (every child an import creates),
-- counted as report_children_sql() counts them, from what the caller holds: `links` is a query of
-- those links, (country, child_id, received_at, region_code, birth_date, sex), with the signal's
-- time and region and the child's birth date and sex as stored. These children had no days.
CREATE FUNCTION report_first_links(links text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format($q$
    WITH per_day AS (
      SELECT l.country, l.child_id, g.scope, (l.received_at AT TIME ZONE j.timezone)::date AS day,
        min(l.birth_date) AS birth_date, min(l.sex) AS sex
      FROM (%s) l
      JOIN jurisdictions j ON j.code = l.country
      CROSS JOIN LATERAL (VALUES ('*'::text), (l.region_code)) g (scope)
      GROUP BY 1, 2, 3, 4
    ),
    aged AS (
      SELECT country, scope, day,
        COALESCE(lag(day) OVER (PARTITION BY country, child_id, scope ORDER BY day), '-infinity'::date) AS prev_day,
        date_part('year', age(day, birth_date))::int AS a, sex
      FROM per_day
    )
    INSERT INTO report_child_counts AS t (country, scope, day, prev_day, age_group, sex, n)
    SELECT country, scope, day, prev_day, report_age_group(a), sex, count(*)::int FROM aged
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (country, scope, day, prev_day, age_group, sex) DO UPDATE SET n = t.n + EXCLUDED.n
  $q$, links);
END $$;

-- Recomputes every aggregate from the records (`safetynet report rebuild`).
CREATE OR REPLACE FUNCTION report_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_signal_days;
  DELETE FROM report_meeting_days;
  DELETE FROM report_child_counts;
  EXECUTE format(report_signals_sql(), 'SELECT *, 1 AS sign FROM signals');
  EXECUTE format(report_meetings_sql(), 'SELECT *, 1 AS sign FROM meetings');
  EXECUTE format(report_children_sql(), 'SELECT country, child_id FROM signal_children',
    'false', report_no_links(), report_no_signals(), report_no_children());
END $$;
