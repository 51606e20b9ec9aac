-- 003_audit_erasure.sql - a trust database from version 2 to 3: erasure
-- (`pupil erase`, `purge`, issue 10) on a trust's database as on a file.
-- Deleting the pupil's row removes every row of the pupil (each table's
-- foreign key to pupil cascades); the pupil's older audit rows then keep
-- what was done and when, not the detail (sqlite/maintenance.c). The log
-- is otherwise appended to, never changed by a SENCO: a SENCO may update
-- the detail column alone, only to clear it, and the row keeps the
-- database user who wrote it.

GRANT UPDATE (detail) ON sentrack.audit TO sentrack_senco;

CREATE OR REPLACE FUNCTION sentrack.audit_db_user() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF NEW.detail IS NOT NULL AND NEW.detail IS DISTINCT FROM OLD.detail
       AND NOT sentrack.is_admin() THEN
      RAISE EXCEPTION 'permission denied for table audit: it is appended to; an erasure may clear a detail, nothing else'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    NEW.db_user := OLD.db_user;
    RETURN NEW;
  END IF;
  NEW.db_user := session_user;
  RETURN NEW;
END
$$;
