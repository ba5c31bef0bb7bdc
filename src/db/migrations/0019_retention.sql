-- Issue 15 §5, retention: a closed case's identifying data is kept for a number of years set per
-- country (retentionYearsAfterClosure in src/domain/reference/deadlines/), then the child is
-- anonymised (src/retention/). The figures of the reports must not change, so what they compute
-- from the exact birth date is kept, at anonymisation, beside the event it belongs to:
-- the child's age in completed years on the local day of each signal (monitoring report), on the
-- day of a shelter admission, and the day until which an institution resident counted as under 3
-- (clamped to the stay). For a child never anonymised these stay null and the figures use the
-- birth date as before.
ALTER TABLE children ADD COLUMN birth_year smallint;
ALTER TABLE signal_children ADD COLUMN age_at_signal smallint;
ALTER TABLE shelter_admissions ADD COLUMN age_at_admission smallint;
ALTER TABLE institution_residents ADD COLUMN under3_until date;

-- A legal hold keeps a case (and so its child) from anonymisation: who placed it, when and why;
-- lifted with a reason. At most one hold in force per case.
CREATE TABLE case_legal_holds (
  country text NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  placed_at timestamptz NOT NULL DEFAULT now(),
  placed_by uuid REFERENCES users (id),
  placed_by_name text NOT NULL,
  lifted_at timestamptz,
  lifted_by uuid REFERENCES users (id),
  lifted_by_name text,
  lift_reason text CHECK (length(lift_reason) BETWEEN 1 AND 2000),
  PRIMARY KEY (country, id),
  FOREIGN KEY (country, case_id) REFERENCES cases (country, id),
  CHECK ((lifted_at IS NULL) = (lift_reason IS NULL))
);
CREATE UNIQUE INDEX case_legal_holds_in_force ON case_legal_holds (country, case_id) WHERE lifted_at IS NULL;
COMMENT ON TABLE case_legal_holds IS 'child data';
