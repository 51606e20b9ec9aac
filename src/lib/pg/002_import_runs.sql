-- 002_import_runs.sql - a trust database from version 1 to 2: the file
-- schema's step 6 (src/lib/sqlite/schema.c STEP_IMPORT_RUNS): one row per
-- `import` run, and the run and line each pupil came from. Row-level
-- security as every other table of a school's data (001_model.sql).

CREATE TABLE sentrack.import_run (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id  bigint NOT NULL REFERENCES sentrack.school(id),
  file       text NOT NULL,
  sha256     text CHECK (sha256 IS NULL OR length(sha256) = 64),
  started_at timestamptz NOT NULL,
  user_name  text NOT NULL,
  rows_read  integer NOT NULL DEFAULT 0,
  created    integer NOT NULL DEFAULT 0,
  updated    integer NOT NULL DEFAULT 0,
  unchanged  integer NOT NULL DEFAULT 0,
  audit_id   bigint,
  UNIQUE (school_id, id)
);

ALTER TABLE sentrack.pupil ADD COLUMN import_id bigint, ADD COLUMN import_line integer,
  ADD FOREIGN KEY (school_id, import_id) REFERENCES sentrack.import_run(school_id, id);

ALTER TABLE sentrack.import_run ENABLE ROW LEVEL SECURITY;
ALTER TABLE sentrack.import_run FORCE ROW LEVEL SECURITY;
CREATE POLICY school_read ON sentrack.import_run FOR SELECT
  USING (sentrack.may_read(school_id));
CREATE POLICY school_insert ON sentrack.import_run FOR INSERT
  WITH CHECK (sentrack.may_write(school_id));
CREATE POLICY school_update ON sentrack.import_run FOR UPDATE
  USING (sentrack.may_write(school_id)) WITH CHECK (sentrack.may_write(school_id));
CREATE POLICY school_delete ON sentrack.import_run FOR DELETE
  USING (sentrack.may_write(school_id));
REVOKE ALL ON sentrack.import_run FROM PUBLIC;
GRANT SELECT ON sentrack.import_run TO sentrack_trust;
GRANT SELECT, INSERT, UPDATE, DELETE ON sentrack.import_run TO sentrack_senco;
