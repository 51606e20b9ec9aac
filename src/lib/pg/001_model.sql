-- 001_model.sql - a trust database from version 0 to 1 (src/lib/pg/schema.c
-- runs it as the role sentrack_admin, inside `trust init`'s one transaction).
--
-- The model of the SQLite schema at its step 5 (src/lib/sqlite/schema.c),
-- plus school: every row of a school's data carries school_id, and every
-- link between rows carries it too (composite foreign keys), so a row can
-- never point into another school. Reference data (area, need_type,
-- year_group) is national (the DfE's codes) and shared.
--
-- Security: row-level security on every table, FORCEd, with policies keyed
-- on the connected role through sentrack.member, which only sentrack_admin
-- writes. Never on a setting: a client can SET any custom GUC.
-- Never edit a step that has shipped: add the next file (002_...sql). Until
-- the first release with it, this step is still the whole schema and may change.

CREATE TABLE sentrack.schema_version (
  version    integer PRIMARY KEY CHECK (version >= 1),
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by name NOT NULL DEFAULT session_user
);

CREATE TABLE sentrack.school (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  urn      text NOT NULL UNIQUE CHECK (urn ~ '^[1-9][0-9]{5}$'),
  name     text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  added_at timestamptz NOT NULL DEFAULT now()
);

-- Who may see a school: one row per role and school.
CREATE TABLE sentrack.member (
  role_name name NOT NULL,
  school_id bigint NOT NULL REFERENCES sentrack.school(id) ON DELETE CASCADE,
  read_only boolean NOT NULL,
  PRIMARY KEY (role_name, school_id)
);

-- The two questions every policy asks. SECURITY INVOKER: current_user is
-- the connected role (or the one it SET ROLE to, which must be a member
-- of no more). sentrack.member is itself row-secured, so a role reads
-- only its own memberships. SQL-standard bodies (RETURN): parsed once, here,
-- so no operator or function a caller puts on its search_path can stand in
-- for '=' or EXISTS when a policy runs them (CVE-2018-1058); a quoted body
-- would be parsed again on every call, with the caller's search_path.
CREATE FUNCTION sentrack.may_read(school bigint) RETURNS boolean
LANGUAGE sql STABLE
RETURN pg_catalog.pg_has_role(current_user, 'sentrack_trust', 'MEMBER')
    OR EXISTS (SELECT 1 FROM sentrack.member m
               WHERE m.role_name = current_user AND m.school_id = school);
CREATE FUNCTION sentrack.may_write(school bigint) RETURNS boolean
LANGUAGE sql STABLE
RETURN EXISTS (SELECT 1 FROM sentrack.member m
               WHERE m.role_name = current_user AND m.school_id = school
                 AND NOT m.read_only);
CREATE FUNCTION sentrack.is_admin() RETURNS boolean
LANGUAGE sql STABLE
RETURN pg_catalog.pg_has_role(current_user, 'sentrack_admin', 'MEMBER');

-- ---- reference data (national, shared) ----
CREATE TABLE sentrack.area (
  code  text PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 8),
  label text NOT NULL
);
CREATE TABLE sentrack.need_type (
  code  text PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 8 AND code = upper(code)),
  label text NOT NULL,
  area  text REFERENCES sentrack.area(code)
);
CREATE TABLE sentrack.year_group (
  code  text PRIMARY KEY,
  ord   integer NOT NULL UNIQUE,
  label text NOT NULL
);

-- ---- a school's own data ----
CREATE TABLE sentrack.meta (
  school_id bigint NOT NULL REFERENCES sentrack.school(id),
  key       text NOT NULL,
  value     text NOT NULL,
  PRIMARY KEY (school_id, key)
);
CREATE TABLE sentrack.config (
  school_id bigint NOT NULL REFERENCES sentrack.school(id),
  key       text NOT NULL,
  value     text NOT NULL,
  PRIMARY KEY (school_id, key)
);

CREATE TABLE sentrack.pupil (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id     bigint NOT NULL REFERENCES sentrack.school(id),
  upn           text CHECK (upn IS NULL OR length(upn) = 13),
  surname       text NOT NULL CHECK (length(surname) > 0),
  forename      text NOT NULL CHECK (length(forename) > 0),
  preferred     text,
  dob           date NOT NULL,
  year          text NOT NULL REFERENCES sentrack.year_group(code),
  class         text,
  joined        date,
  left_on       date,
  surname_key   text NOT NULL,
  forename_key  text NOT NULL,
  preferred_key text,
  status        text CHECK (status IN ('K', 'E', 'N')),
  status_since  date,
  status_event  bigint,
  created_at    timestamptz NOT NULL DEFAULT now(),
  top_up        boolean NOT NULL DEFAULT false,
  CHECK (left_on IS NULL OR joined IS NULL OR left_on >= joined),
  UNIQUE (school_id, id),
  UNIQUE (school_id, upn)
);
CREATE INDEX pupil_by_name ON sentrack.pupil(school_id, surname_key, forename_key);
CREATE INDEX pupil_by_preferred ON sentrack.pupil(school_id, surname_key, preferred_key)
  WHERE preferred_key IS NOT NULL;
CREATE INDEX pupil_by_year ON sentrack.pupil(school_id, year, surname_key, forename_key);
CREATE INDEX pupil_by_class ON sentrack.pupil(school_id, class) WHERE class IS NOT NULL;
CREATE INDEX pupil_by_status ON sentrack.pupil(school_id, status, year) WHERE status IS NOT NULL;
CREATE INDEX pupil_by_left ON sentrack.pupil(school_id, left_on) WHERE left_on IS NOT NULL;

CREATE TABLE sentrack.register_event (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id        bigint NOT NULL,
  pupil_id         bigint NOT NULL,
  status           text NOT NULL CHECK (status IN ('K', 'E', 'N')),
  event_date       date NOT NULL,
  parents_informed date,
  plan_date        date,
  reason           text,
  source           text NOT NULL CHECK (source IN ('command', 'import', 'review', 'demo')),
  entered_at       timestamptz NOT NULL DEFAULT now(),
  entered_by       text NOT NULL,
  ceased_by_la     date CHECK (ceased_by_la IS NULL OR status <> 'E'),
  informed_who     text CHECK (informed_who IS NULL OR informed_who IN ('parent', 'young-person')),
  voided_on        date,
  void_reason      text CHECK ((voided_on IS NULL) = (void_reason IS NULL)),
  CHECK ((status = 'E') = (plan_date IS NOT NULL)),
  CHECK (status <> 'N' OR parents_informed IS NULL),
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE
);
CREATE INDEX register_event_by_pupil ON sentrack.register_event(pupil_id, event_date, id);

CREATE TABLE sentrack.pupil_need (
  school_id bigint NOT NULL,
  pupil_id  bigint NOT NULL,
  rank      integer NOT NULL CHECK (rank IN (1, 2)),
  need_code text NOT NULL REFERENCES sentrack.need_type(code),
  since     date NOT NULL,
  PRIMARY KEY (pupil_id, rank),
  UNIQUE (pupil_id, need_code),
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE
);
CREATE INDEX pupil_need_by_code ON sentrack.pupil_need(school_id, need_code);

CREATE TABLE sentrack.need_history (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id bigint NOT NULL,
  pupil_id  bigint NOT NULL,
  rank      integer NOT NULL CHECK (rank IN (1, 2)),
  need_code text NOT NULL REFERENCES sentrack.need_type(code),
  since     date NOT NULL,
  ended     date NOT NULL,
  why       text NOT NULL CHECK (why IN ('removed', 'register-n')),
  CHECK (ended >= since),
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE
);
CREATE INDEX need_history_by_pupil ON sentrack.need_history(pupil_id, ended);

-- No foreign key on pupil_id: the log outlives an erased pupil. db_user is
-- the PostgreSQL session user, set by a trigger whatever the client sends;
-- user_name is the self-declared --user, kept as on SQLite.
CREATE TABLE sentrack.audit (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id  bigint NOT NULL REFERENCES sentrack.school(id),
  entered_at timestamptz NOT NULL DEFAULT now(),
  db_user    name NOT NULL,
  user_name  text NOT NULL,
  command    text NOT NULL,
  action     text NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'erase')),
  entity     text NOT NULL,
  entity_id  bigint,
  pupil_id   bigint,
  event_date date,
  detail     text
);
CREATE INDEX audit_by_pupil ON sentrack.audit(school_id, pupil_id, id) WHERE pupil_id IS NOT NULL;
CREATE INDEX audit_by_time ON sentrack.audit(school_id, entered_at);
CREATE FUNCTION sentrack.audit_db_user() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.db_user := session_user;
  RETURN NEW;
END
$$;
CREATE TRIGGER audit_db_user BEFORE INSERT OR UPDATE ON sentrack.audit
  FOR EACH ROW EXECUTE FUNCTION sentrack.audit_db_user();

CREATE TABLE sentrack.cycle (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id    bigint NOT NULL,
  pupil_id     bigint NOT NULL,
  seq          integer NOT NULL CHECK (seq >= 1),
  phase        text NOT NULL CHECK (phase IN ('assess', 'plan', 'do', 'review', 'closed')),
  opened_on    date NOT NULL,
  assessed_on  date,
  assessment   text,
  planned_on   date,
  review_date  date,
  do_on        date,
  reviewed_on  date,
  decision     text CHECK (decision IN ('continue', 'exit', 'ehcna', 'close', 'left')),
  review_notes text,
  closed_on    date,
  previous_id  bigint,
  strategies   text,
  lead         text,
  UNIQUE (pupil_id, seq),
  UNIQUE (school_id, id),
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE,
  FOREIGN KEY (school_id, previous_id) REFERENCES sentrack.cycle(school_id, id)
    ON DELETE SET NULL (previous_id)
);
CREATE UNIQUE INDEX cycle_one_open ON sentrack.cycle(pupil_id) WHERE phase <> 'closed';
CREATE INDEX cycle_open_by_review ON sentrack.cycle(school_id, review_date) WHERE phase <> 'closed';
CREATE INDEX cycle_by_phase ON sentrack.cycle(school_id, phase, opened_on);

CREATE TABLE sentrack.cycle_reschedule (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id  bigint NOT NULL,
  cycle_id   bigint NOT NULL,
  old_date   date NOT NULL,
  new_date   date NOT NULL,
  reason     text NOT NULL,
  entered_at timestamptz NOT NULL DEFAULT now(),
  entered_by text NOT NULL,
  FOREIGN KEY (school_id, cycle_id) REFERENCES sentrack.cycle(school_id, id) ON DELETE CASCADE
);
CREATE INDEX cycle_reschedule_by_cycle ON sentrack.cycle_reschedule(cycle_id);

CREATE TABLE sentrack.pupil_view (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id bigint NOT NULL,
  cycle_id  bigint NOT NULL,
  who       text NOT NULL CHECK (who IN ('pupil', 'parents')),
  stage     text NOT NULL CHECK (stage IN ('assess', 'plan', 'review')),
  view_date date NOT NULL,
  text      text NOT NULL,
  FOREIGN KEY (school_id, cycle_id) REFERENCES sentrack.cycle(school_id, id) ON DELETE CASCADE
);
CREATE INDEX pupil_view_by_cycle ON sentrack.pupil_view(cycle_id);

CREATE TABLE sentrack.outcome (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id   bigint NOT NULL,
  cycle_id    bigint NOT NULL,
  text        text NOT NULL CHECK (length(text) > 0),
  area        text REFERENCES sentrack.area(code),
  measure     text,
  target_date date,
  rating      text CHECK (rating IN ('achieved', 'partially', 'not-achieved')),
  rating_note text,
  rated_on    date,
  origin_id   bigint,
  created_on  date NOT NULL,
  CHECK ((rating IS NULL) = (rated_on IS NULL)),
  UNIQUE (school_id, id),
  FOREIGN KEY (school_id, cycle_id) REFERENCES sentrack.cycle(school_id, id) ON DELETE CASCADE,
  FOREIGN KEY (school_id, origin_id) REFERENCES sentrack.outcome(school_id, id)
    ON DELETE SET NULL (origin_id)
);
CREATE INDEX outcome_by_cycle ON sentrack.outcome(cycle_id);
CREATE INDEX outcome_by_origin ON sentrack.outcome(origin_id) WHERE origin_id IS NOT NULL;
CREATE INDEX outcome_unrated_by_target ON sentrack.outcome(school_id, target_date)
  WHERE rating IS NULL;

-- Money is integer pence (at most ST_MONEY_MAX_PENCE); costs are derived.
CREATE TABLE sentrack.provision (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id         bigint NOT NULL,
  pupil_id          bigint NOT NULL,
  name              text NOT NULL CHECK (length(name) > 0),
  staff_role        text NOT NULL CHECK (length(staff_role) > 0),
  sessions_per_week integer NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 50),
  minutes           integer NOT NULL CHECK (minutes BETWEEN 1 AND 600),
  group_size        integer NOT NULL CHECK (group_size BETWEEN 1 AND 60),
  hourly_cost_pence bigint NOT NULL CHECK (hourly_cost_pence BETWEEN 0 AND 100000000),
  start_date        date NOT NULL,
  end_date          date,
  voided_on         date,
  void_reason       text CHECK ((voided_on IS NULL) = (void_reason IS NULL)),
  CHECK (end_date IS NULL OR end_date >= start_date),
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE
);
CREATE INDEX provision_by_pupil ON sentrack.provision(pupil_id, start_date);

CREATE TABLE sentrack.meeting (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id    bigint NOT NULL,
  pupil_id     bigint NOT NULL,
  cycle_id     bigint,
  meeting_date date NOT NULL,
  purpose      text NOT NULL CHECK (purpose IN ('plan', 'review', 'other', 'ehcp-review')),
  notes        text,
  with_parents boolean NOT NULL DEFAULT false,
  planned      boolean NOT NULL DEFAULT false,
  UNIQUE (school_id, id),
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE,
  FOREIGN KEY (school_id, cycle_id) REFERENCES sentrack.cycle(school_id, id)
    ON DELETE SET NULL (cycle_id)
);
CREATE INDEX meeting_by_pupil ON sentrack.meeting(pupil_id, meeting_date);
CREATE INDEX meeting_by_date ON sentrack.meeting(school_id, meeting_date);

CREATE TABLE sentrack.meeting_attendee (
  school_id  bigint NOT NULL,
  meeting_id bigint NOT NULL,
  role       text NOT NULL CHECK (role IN ('parents', 'pupil', 'class-teacher', 'senco', 'specialist', 'other')),
  PRIMARY KEY (meeting_id, role),
  FOREIGN KEY (school_id, meeting_id) REFERENCES sentrack.meeting(school_id, id) ON DELETE CASCADE
);

CREATE TABLE sentrack.specialist (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id    bigint NOT NULL,
  pupil_id     bigint NOT NULL,
  service      text NOT NULL CHECK (length(service) > 0),
  consent_date date NOT NULL,
  start_date   date NOT NULL,
  notes        text,
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE
);
CREATE INDEX specialist_by_pupil ON sentrack.specialist(pupil_id);

CREATE TABLE sentrack.ehcna_request (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id        bigint NOT NULL,
  pupil_id         bigint NOT NULL,
  cycle_id         bigint,
  request_date     date NOT NULL,
  decided_by       text NOT NULL,
  requested_by     text CHECK (requested_by IS NULL OR requested_by IN ('school', 'parent', 'young-person')),
  parents_informed date,
  assess           text CHECK (assess IS NULL OR assess IN ('yes', 'no')),
  decided_on       date CHECK ((assess IS NULL) = (decided_on IS NULL)),
  plan             text CHECK (plan IS NULL OR plan IN ('issued', 'refused')),
  plan_on          date CHECK ((plan IS NULL) = (plan_on IS NULL)),
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE,
  FOREIGN KEY (school_id, cycle_id) REFERENCES sentrack.cycle(school_id, id)
    ON DELETE SET NULL (cycle_id)
);
CREATE INDEX ehcna_request_by_pupil ON sentrack.ehcna_request(pupil_id);

CREATE TABLE sentrack.ehcp_review (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id   bigint NOT NULL,
  pupil_id    bigint NOT NULL,
  review_date date NOT NULL,
  meeting_id  bigint,
  notes       text,
  early       boolean NOT NULL DEFAULT false,
  UNIQUE (school_id, id),
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE,
  FOREIGN KEY (school_id, meeting_id) REFERENCES sentrack.meeting(school_id, id)
    ON DELETE SET NULL (meeting_id)
);
CREATE INDEX ehcp_review_by_pupil ON sentrack.ehcp_review(pupil_id, review_date);

CREATE TABLE sentrack.passport (
  school_id  bigint NOT NULL,
  pupil_id   bigint PRIMARY KEY,
  about      text,
  important  text,
  support    text,
  updated_on date NOT NULL,
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE
);

CREATE TABLE sentrack.concern (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id    bigint NOT NULL,
  pupil_id     bigint NOT NULL,
  raised_by    text NOT NULL CHECK (raised_by IN ('parent', 'teacher', 'pupil', 'other')),
  concern_date date NOT NULL,
  text         text NOT NULL CHECK (length(text) > 0),
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE
);
CREATE INDEX concern_by_pupil ON sentrack.concern(pupil_id, concern_date);

-- Term dates are a school's own (its INSET days differ).
CREATE TABLE sentrack.term (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id     bigint NOT NULL REFERENCES sentrack.school(id),
  academic_year text NOT NULL CHECK (length(academic_year) = 7),
  term          text NOT NULL CHECK (term IN ('autumn', 'spring', 'summer')),
  starts        date NOT NULL,
  ends          date NOT NULL,
  CHECK (ends >= starts),
  UNIQUE (school_id, academic_year, term)
);
CREATE INDEX term_by_dates ON sentrack.term(school_id, starts, ends);

CREATE TABLE sentrack.ehcp_schedule (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id   bigint NOT NULL,
  pupil_id    bigint NOT NULL,
  meeting_on  date NOT NULL,
  invite_on   date,
  advice_on   date,
  report_on   date,
  decision_on date,
  review_id   bigint,
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE,
  FOREIGN KEY (school_id, review_id) REFERENCES sentrack.ehcp_review(school_id, id)
    ON DELETE SET NULL (review_id)
);
CREATE INDEX ehcp_schedule_by_pupil ON sentrack.ehcp_schedule(pupil_id, meeting_on);

CREATE TABLE sentrack.ehcp_amended (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  school_id  bigint NOT NULL,
  pupil_id   bigint NOT NULL,
  amended_on date NOT NULL,
  FOREIGN KEY (school_id, pupil_id) REFERENCES sentrack.pupil(school_id, id) ON DELETE CASCADE
);
CREATE INDEX ehcp_amended_by_pupil ON sentrack.ehcp_amended(pupil_id, amended_on);

-- ---- privileges and row-level security ----
-- Nothing for PUBLIC: only the three group roles reach the schema.
REVOKE ALL ON ALL TABLES IN SCHEMA sentrack FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA sentrack FROM PUBLIC;
GRANT USAGE ON SCHEMA sentrack TO sentrack_senco, sentrack_trust;
GRANT EXECUTE ON FUNCTION sentrack.may_read(bigint), sentrack.may_write(bigint),
  sentrack.is_admin(), sentrack.audit_db_user() TO sentrack_senco, sentrack_trust;

DO $$
DECLARE
  t text;
  school_tables text[] := ARRAY['meta', 'config', 'pupil', 'register_event', 'pupil_need',
    'need_history', 'audit', 'cycle', 'cycle_reschedule', 'pupil_view', 'outcome',
    'provision', 'meeting', 'meeting_attendee', 'specialist', 'ehcna_request',
    'ehcp_review', 'passport', 'concern', 'term', 'ehcp_schedule', 'ehcp_amended'];
  shared_tables text[] := ARRAY['schema_version', 'area', 'need_type', 'year_group'];
BEGIN
  -- A school's rows: its roles read them, its read-write roles write
  -- them, trust readers read every school's. The audit log is appended to,
  -- never changed by a SENCO.
  FOREACH t IN ARRAY school_tables LOOP
    EXECUTE format('ALTER TABLE sentrack.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE sentrack.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY school_read ON sentrack.%I FOR SELECT '
                   'USING (sentrack.may_read(school_id))', t);
    EXECUTE format('CREATE POLICY school_insert ON sentrack.%I FOR INSERT '
                   'WITH CHECK (sentrack.may_write(school_id))', t);
    EXECUTE format('CREATE POLICY school_update ON sentrack.%I FOR UPDATE '
                   'USING (sentrack.may_write(school_id)) WITH CHECK (sentrack.may_write(school_id))', t);
    EXECUTE format('CREATE POLICY school_delete ON sentrack.%I FOR DELETE '
                   'USING (sentrack.may_write(school_id))', t);
    EXECUTE format('GRANT SELECT ON sentrack.%I TO sentrack_trust', t);
    IF t = 'audit' THEN
      EXECUTE format('GRANT SELECT, INSERT ON sentrack.%I TO sentrack_senco', t);
    ELSE
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON sentrack.%I TO sentrack_senco', t);
    END IF;
  END LOOP;
  -- Shared tables: everyone reads, only the admin writes.
  FOREACH t IN ARRAY shared_tables LOOP
    EXECUTE format('ALTER TABLE sentrack.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE sentrack.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY shared_read ON sentrack.%I FOR SELECT USING (true)', t);
    EXECUTE format('CREATE POLICY admin_write ON sentrack.%I FOR ALL '
                   'USING (sentrack.is_admin()) WITH CHECK (sentrack.is_admin())', t);
    EXECUTE format('GRANT SELECT ON sentrack.%I TO sentrack_senco, sentrack_trust', t);
  END LOOP;
END
$$;

-- Schools: a role sees the schools it may read; the admin sees and adds all.
ALTER TABLE sentrack.school ENABLE ROW LEVEL SECURITY;
ALTER TABLE sentrack.school FORCE ROW LEVEL SECURITY;
CREATE POLICY school_read ON sentrack.school FOR SELECT
  USING (sentrack.may_read(id) OR sentrack.is_admin());
CREATE POLICY admin_write ON sentrack.school FOR ALL
  USING (sentrack.is_admin()) WITH CHECK (sentrack.is_admin());
GRANT SELECT ON sentrack.school TO sentrack_senco, sentrack_trust;

-- Memberships: a role sees its own; trust readers and the admin see all;
-- only the admin writes (and no one else holds a write privilege on it).
ALTER TABLE sentrack.member ENABLE ROW LEVEL SECURITY;
ALTER TABLE sentrack.member FORCE ROW LEVEL SECURITY;
CREATE POLICY member_read ON sentrack.member FOR SELECT
  USING (role_name = current_user
         OR pg_catalog.pg_has_role(current_user, 'sentrack_trust', 'MEMBER')
         OR sentrack.is_admin());
CREATE POLICY admin_write ON sentrack.member FOR ALL
  USING (sentrack.is_admin()) WITH CHECK (sentrack.is_admin());
GRANT SELECT ON sentrack.member TO sentrack_senco, sentrack_trust;

-- Granting a role a school (`trust grant`): roles are named only through
-- format('%I'), never spliced in by the client. Run by the admin, whose
-- login needs CREATEROLE to create a role or grant a group role.
CREATE FUNCTION sentrack.grant_school(role_name text, school_urn text, read_only boolean)
RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
  created boolean := false;
  r record;
  school bigint;
BEGIN
  SELECT rolsuper, rolbypassrls INTO r FROM pg_catalog.pg_roles WHERE rolname = role_name;
  IF NOT FOUND THEN
    EXECUTE format('CREATE ROLE %I LOGIN', role_name);
    created := true;
  ELSIF r.rolsuper OR r.rolbypassrls THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = format(
      'ROLE %s: a superuser or BYPASSRLS role ignores row-level security; grant a role of its own',
      role_name);
  END IF;
  IF school_urn IS NULL THEN
    EXECUTE format('GRANT sentrack_trust TO %I', role_name);
    RETURN created;
  END IF;
  SELECT id INTO school FROM sentrack.school WHERE urn = school_urn;
  IF NOT FOUND THEN
    RAISE EXCEPTION USING ERRCODE = 'P0002', MESSAGE = format(
      '--school %s: no such school; add it first with `sentrack trust school add`', school_urn);
  END IF;
  EXECUTE format('GRANT sentrack_senco TO %I', role_name);
  INSERT INTO sentrack.member AS m (role_name, school_id, read_only)
    VALUES (role_name, school, read_only)
    ON CONFLICT ON CONSTRAINT member_pkey DO UPDATE SET read_only = EXCLUDED.read_only;
  RETURN created;
END
$$;
REVOKE ALL ON FUNCTION sentrack.grant_school(text, text, boolean) FROM PUBLIC;
