-- Bulk paths through the door (issue 10).
--
-- A ref in an interchange file is the importer's own name for a record: a unit's file names its
-- own children, signals, meetings and cases, and the same ref in another unit's file is another
-- record (which the first unit must not find, update or even notice). `ref_scope` says whose
-- ref it is: '' for a file imported country-wide with the CLI (and for the app's idempotency
-- keys), else the id of the Child Protection Unit whose supervisor uploaded it.
ALTER TABLE children ADD COLUMN ref_scope text NOT NULL DEFAULT '';
ALTER TABLE children DROP CONSTRAINT children_ref_key;
ALTER TABLE children ADD CONSTRAINT children_ref_key UNIQUE (country, ref_scope, ref);
ALTER TABLE signals ADD COLUMN ref_scope text NOT NULL DEFAULT '';
ALTER TABLE signals DROP CONSTRAINT signals_country_ref_key;
ALTER TABLE signals ADD CONSTRAINT signals_country_ref_key UNIQUE (country, ref_scope, ref);
ALTER TABLE meetings ADD COLUMN ref_scope text NOT NULL DEFAULT '';
ALTER TABLE meetings DROP CONSTRAINT meetings_country_ref_key;
ALTER TABLE meetings ADD CONSTRAINT meetings_country_ref_key UNIQUE (country, ref_scope, ref);
ALTER TABLE cases ADD COLUMN ref_scope text NOT NULL DEFAULT '';
ALTER TABLE cases DROP CONSTRAINT cases_country_ref_key;
ALTER TABLE cases ADD CONSTRAINT cases_country_ref_key UNIQUE (country, ref_scope, ref);

-- The children an import changed or an export carried, linked to that batch's audit entry
-- (audit_log.entity_id = batch_id on the batch's chain): the child's access history shows the
-- entry, while the import or export stays one set-based statement per few thousand rows.
CREATE TABLE bulk_access (
  country text NOT NULL,
  child_id uuid NOT NULL,
  batch_id uuid NOT NULL,
  PRIMARY KEY (country, child_id, batch_id),
  FOREIGN KEY (country, child_id) REFERENCES children (country, id)
);
CREATE INDEX audit_log_batch ON audit_log (chain, entity_id) WHERE action IN ('import', 'export');
