-- Issue 16 §1: an import that creates a million children no longer has the report's trigger look
-- each new child up again. For links of children that had none before (every child an import
-- creates), the caller that knows them adds their days itself from what it holds
-- (report_first_links below) and tells the trigger so for that one statement, with the
-- transaction-local setting safetynet.report_links = 'by_caller'. Every other change of
-- signal_children is still applied by the trigger of migration 0025, and `safetynet report
-- rebuild` gives the same rows (src/interchange/ tests it after an import).

-- The trigger on inserted links, skipping the statement when its caller applies it.
CREATE FUNCTION report_links_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('safetynet.report_links', true) = 'by_caller' THEN
    RETURN NULL;
  END IF;
  EXECUTE format(report_children_sql(), 'SELECT *, 1 AS sign FROM new_rows');
  PERFORM report_drop_zeros();
  RETURN NULL;
END $$;

DROP TRIGGER report_signal_children_insert ON signal_children;
CREATE TRIGGER report_signal_children_insert AFTER INSERT ON signal_children REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_links_inserted();

-- The days of children whose first links were just inserted, as report_children_sql() computes
-- them (a child's first signal of a day, per scope; the age group on that day): `links` is a
-- query of those links, (country, child_id, received_at, region_code, birth_date, sex), with the
-- signal's time and region and the child's birth date and sex as stored. None of these children
-- may have had days before: nothing is taken away.
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
      SELECT country, child_id, scope, day,
        COALESCE(lag(day) OVER (PARTITION BY country, child_id, scope ORDER BY day), '-infinity'::date) AS prev_day,
        date_part('year', age(day, birth_date))::int AS a, sex
      FROM per_day
    ),
    fresh AS (
      INSERT INTO report_child_days (country, child_id, scope, day, prev_day, age_group, sex)
      SELECT country, child_id, scope, day, prev_day,
        CASE WHEN a IS NULL OR a < 0 OR a > 18 THEN '' WHEN a <= 3 THEN '0-3' WHEN a <= 7 THEN '4-7'
          WHEN a <= 11 THEN '8-11' WHEN a <= 16 THEN '12-16' ELSE '17-18' END,
        sex
      FROM aged ORDER BY 1, 2, 3, 4
      RETURNING country, scope, day, prev_day, age_group, sex
    )
    INSERT INTO report_child_counts AS t (country, scope, day, prev_day, age_group, sex, n)
    SELECT country, scope, day, prev_day, age_group, sex, count(*)::int FROM fresh
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (country, scope, day, prev_day, age_group, sex) DO UPDATE SET n = t.n + EXCLUDED.n
  $q$, links);
END $$;
