-- bench/import.sql - the honest baseline for `sentrack import pupils`
-- (issue 15): the same rows loaded into sentrack's own schema with SQL
-- only, by the sqlite3 CLI, on a database made by `sentrack init`. Run in
-- the directory holding pupils.csv (bench/gen.c's MIS-style export):
--
--   sqlite3 imp.db < bench/import.sql
--
-- What it does, as sentrack does: one transaction; the pupils with their
-- folded name keys and creation time; one register event for each K or E
-- (dated the import day, plan date for E, source 'import') and the pupil's
-- cached status; the primary need; one audit row for the import. What it
-- does not do, and sentrack does: check a UPN's check letter, calendar
-- dates, year groups and need codes with messages per line and column,
-- accent-folding (lower() only folds ASCII), the same UPN twice, possible
-- duplicates, the file's SHA-256. So sentrack's ratio against it is the
-- price of that validation and of going through the model row by row.
PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
CREATE TEMP TABLE staging (upn TEXT, surname TEXT, forename TEXT, dob TEXT, year TEXT,
                           class TEXT, sen TEXT, need TEXT);
.import --csv --skip 1 pupils.csv staging
INSERT INTO import_run (file, started_at, user)
  VALUES ('pupils.csv', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'bench');
INSERT INTO pupil (upn, surname, forename, dob, year, class, surname_key, forename_key,
                   created_at, import_id, import_line)
  SELECT nullif(upn, ''), surname, forename, dob, year, nullif(class, ''), lower(surname),
         lower(forename), strftime('%Y-%m-%dT%H:%M:%SZ', 'now'),
         (SELECT max(id) FROM import_run), rowid + 1
  FROM staging ORDER BY rowid;
INSERT INTO register_event (pupil_id, status, event_date, plan_date, source, entered_at,
                            entered_by)
  SELECT p.id, s.sen, '2026-11-25', CASE WHEN s.sen = 'E' THEN '2026-11-25' END, 'import',
         strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'bench'
  FROM staging s JOIN pupil p ON p.upn = s.upn
  WHERE s.sen = 'K' OR s.sen = 'E' ORDER BY s.rowid;
UPDATE pupil SET status = e.status, status_since = e.event_date, status_event = e.id
  FROM register_event e WHERE e.pupil_id = pupil.id;
INSERT INTO pupil_need (pupil_id, rank, need_code, since)
  SELECT p.id, 1, upper(s.need), '2026-11-25'
  FROM staging s JOIN pupil p ON p.upn = s.upn WHERE s.need <> '' ORDER BY s.rowid;
INSERT INTO audit (entered_at, user, command, action, entity, entity_id, detail)
  SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 'bench', 'import pupils', 'insert', 'import',
         max(id), 'pupils.csv' FROM import_run;
COMMIT;
