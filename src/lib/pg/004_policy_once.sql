-- 004_policy_once.sql - a trust database from version 3 to 4: row-level
-- security asked once per statement, not once per row, and a school's
-- provision found by its school.
--
-- The policies of versions 1-3 call may_read(school_id) or
-- may_write(school_id) on every row a statement touches: a function call
-- with its own lookup in member, ~10 us a row. A SENCO's check of one
-- school of a 10-school, 10,000-pupil trust spent 0.9 of its 1.25 s there,
-- on the other schools' rows its joins passed over (bench/README.md). Now
-- each policy compares school_id with the array of schools the role may
-- read (or write), worked out once per statement: the scalar subquery
-- around the call makes it an InitPlan, and `school_id = ANY ($array)` is
-- an index condition. Same rule, same roles, still keyed on current_user
-- and nothing a client can set (test_trust_rls.sh); the same check now
-- takes 0.2 s.

CREATE FUNCTION sentrack.readable_schools() RETURNS bigint[]
LANGUAGE sql STABLE
RETURN CASE WHEN pg_catalog.pg_has_role(current_user, 'sentrack_trust', 'MEMBER')
  THEN (SELECT pg_catalog.array_agg(s.id) FROM sentrack.school s)
  ELSE (SELECT pg_catalog.array_agg(m.school_id) FROM sentrack.member m
        WHERE m.role_name = current_user) END;
CREATE FUNCTION sentrack.writable_schools() RETURNS bigint[]
LANGUAGE sql STABLE
RETURN (SELECT pg_catalog.array_agg(m.school_id) FROM sentrack.member m
        WHERE m.role_name = current_user AND NOT m.read_only);
REVOKE ALL ON FUNCTION sentrack.readable_schools(), sentrack.writable_schools() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sentrack.readable_schools(), sentrack.writable_schools()
  TO sentrack_senco, sentrack_trust;

DO $$
DECLARE
  t text;
  readable constant text := 'school_id OPERATOR(pg_catalog.=) ANY ((SELECT sentrack.readable_schools())::bigint[])';
  writable constant text := 'school_id OPERATOR(pg_catalog.=) ANY ((SELECT sentrack.writable_schools())::bigint[])';
BEGIN
  FOREACH t IN ARRAY ARRAY['meta', 'config', 'pupil', 'register_event', 'pupil_need',
    'need_history', 'audit', 'cycle', 'cycle_reschedule', 'pupil_view', 'outcome',
    'provision', 'meeting', 'meeting_attendee', 'specialist', 'ehcna_request',
    'ehcp_review', 'passport', 'concern', 'term', 'ehcp_schedule', 'ehcp_amended',
    'import_run'] LOOP
    EXECUTE format('ALTER POLICY school_read ON sentrack.%I USING (%s)', t, readable);
    EXECUTE format('ALTER POLICY school_insert ON sentrack.%I WITH CHECK (%s)', t, writable);
    EXECUTE format('ALTER POLICY school_update ON sentrack.%I USING (%s) WITH CHECK (%s)',
                   t, writable, writable);
    EXECUTE format('ALTER POLICY school_delete ON sentrack.%I USING (%s)', t, writable);
  END LOOP;
END
$$;

-- check's provision rows (active today, in pupil order) and export
-- provision read a school's provision; its only index was by pupil.
CREATE INDEX provision_by_school ON sentrack.provision(school_id, pupil_id);
