# test_trust_rls.sh - row-level security on a trust's PostgreSQL database
# (issue 14): connected with psql as one school's role, no SQL reads,
# counts, changes or deletes another school's rows; the trust role reads
# every school and writes nothing; a read-only role writes nothing.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
pg_start

admin=$(pg_db trust_admin)
t "setup: a trust of two schools, a SENCO each, a governor and a trust lead"
st --db "$admin" trust init; expect_status 0
st --db "$admin" trust school add 100001 "Ashfield Primary"; expect_status 0
st --db "$admin" trust school add 100002 "Beech Academy"; expect_status 0
st --db "$admin" trust grant senco_a --school 100001; expect_status 0
st --db "$admin" trust grant senco_b --school 100002; expect_status 0
st --db "$admin" trust grant governor_a --school 100001 --read-only; expect_status 0
st --db "$admin" trust grant lead --all-schools; expect_status 0
# the national year groups came with trust init
[ "$(psql -X -At "$(pg_db postgres)" -c "SELECT label FROM sentrack.year_group WHERE code = '4'")" = "Year 4" ] &&
	pass || fail "trust init loaded no year groups"

A="(SELECT id FROM sentrack.school WHERE urn = '100001')"
B_ID=$(psql -X -At "$(pg_db postgres)" -c "SELECT id FROM sentrack.school WHERE urn = '100002'")
[ -n "$B_ID" ] && pass || fail "school B's id"
pupil_cols="school_id, surname, forename, dob, year, surname_key, forename_key"
pg_sql senco_a "INSERT INTO sentrack.pupil ($pupil_cols) VALUES ($A, 'Ashby', 'Amy', '2017-01-02', '4', 'ashby', 'amy')"
expect_status 0
pg_sql senco_b "INSERT INTO sentrack.pupil ($pupil_cols) VALUES ($B_ID, 'Secretbee', 'Bo', '2017-03-04', '4', 'secretbee', 'bo') RETURNING id"
expect_status 0
B_PUPIL=$(cat "$OUT")

# As senco_a: stdout must never show school B's pupil.
as_a() { pg_sql senco_a "$1"; if grep -q Secretbee "$OUT" "$ERR"; then fail "school B's row leaked: $1"; else pass; fi; }
b_intact() {
	pg_sql senco_b "SELECT surname FROM sentrack.pupil"
	expect_out Secretbee
}

t "senco_a: SELECT and count(*) see only its own school"
as_a "SELECT surname FROM sentrack.pupil"; expect_status 0; expect_out Ashby
as_a "SELECT count(*) FROM sentrack.pupil"; expect_out 1
as_a "SELECT count(*) FROM sentrack.pupil WHERE school_id = $B_ID"; expect_out 0
as_a "SELECT count(*) FROM sentrack.pupil WHERE id = $B_PUPIL"; expect_out 0
as_a "SELECT urn FROM sentrack.school"; expect_out 100001
as_a "SELECT role_name FROM sentrack.member"; expect_out senco_a

t "senco_a: UPDATE and DELETE of school B's rows change nothing"
as_a "UPDATE sentrack.pupil SET surname = 'Gone' WHERE school_id = $B_ID RETURNING id"
expect_status 0; expect_out_empty
as_a "DELETE FROM sentrack.pupil WHERE id = $B_PUPIL RETURNING id"
expect_status 0; expect_out_empty
as_a "DELETE FROM sentrack.pupil WHERE true RETURNING surname"; expect_out Ashby
b_intact
pg_sql senco_a "INSERT INTO sentrack.pupil ($pupil_cols) VALUES ($A, 'Ashby', 'Amy', '2017-01-02', '4', 'ashby', 'amy')"

t "senco_a: INSERT with school B's id, or moving a row to it, is refused"
as_a "INSERT INTO sentrack.pupil ($pupil_cols) VALUES ($B_ID, 'Planted', 'P', '2017-01-02', '4', 'planted', 'p')"
expect_status 1; expect_err_has "violates row-level security policy"
as_a "UPDATE sentrack.pupil SET school_id = $B_ID"
expect_status 1; expect_err_has "violates row-level security policy"
# a link from its own school into school B's pupil (foreign keys carry school_id)
as_a "INSERT INTO sentrack.concern (school_id, pupil_id, raised_by, concern_date, text) VALUES ($A, $B_PUPIL, 'parent', '2026-11-20', 'x')"
expect_status 1; expect_err_has "violates foreign key constraint"
b_intact
pg_sql senco_b "SELECT count(*) FROM sentrack.pupil"; expect_out 1

t "senco_a: COPY, a view and a function of its own see only its school"
as_a "COPY sentrack.pupil (surname) TO STDOUT"; expect_status 0; expect_out Ashby
as_a "COPY (SELECT surname FROM sentrack.pupil) TO STDOUT"; expect_out Ashby
as_a "CREATE TEMP VIEW v AS SELECT * FROM sentrack.pupil; SELECT surname FROM v"
expect_status 0; expect_out Ashby
# a function that prints whatever it is shown (a leak through a WHERE
# clause evaluated before the policy would print school B's name)
as_a "CREATE FUNCTION pg_temp.peek(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS \$\$BEGIN RAISE NOTICE 'saw %', \$1; RETURN true; END\$\$;
      SELECT count(*) FROM sentrack.pupil WHERE pg_temp.peek(surname)"
expect_status 0; expect_out 1; expect_err_has "saw Ashby"
as_a "CREATE FUNCTION pg_temp.n() RETURNS bigint LANGUAGE sql SECURITY DEFINER AS 'SELECT count(*) FROM sentrack.pupil'; SELECT pg_temp.n()"
expect_out 1
as_a "CREATE VIEW public.v AS SELECT * FROM sentrack.pupil"
expect_status 1; expect_err_has "permission denied"
as_a "CREATE TABLE sentrack.mine (x int)"
expect_status 1; expect_err_has "permission denied"

t "senco_a: no setting, role or statistic opens school B"
as_a "SET row_security = off; SELECT count(*) FROM sentrack.pupil"
expect_status 1; expect_err_has "row-level security"
as_a "SET sentrack.school = '$B_ID'; SELECT set_config('app.school', '$B_ID', false); SELECT count(*) FROM sentrack.pupil WHERE school_id = $B_ID"
expect_status 0; [ "$(tail -1 "$OUT")" = 0 ] && pass || fail "a setting opened school B"
as_a "SET ROLE senco_b"; expect_status 1; expect_err_has "permission denied"
as_a "SET ROLE sentrack_trust"; expect_status 1; expect_err_has "permission denied"
as_a "SET SESSION AUTHORIZATION senco_b"; expect_status 1; expect_err_has "permission denied"
as_a "SET ROLE sentrack_senco; SELECT count(*) FROM sentrack.pupil"; expect_status 0; expect_out 0
pg_sql postgres "ANALYZE sentrack.pupil"; expect_status 0
as_a "SELECT most_common_vals::text FROM pg_stats WHERE schemaname = 'sentrack' AND tablename = 'pupil'"
expect_status 0; expect_out_empty

t "senco_a: an operator of its own on the search path changes no policy"
# A database made before PostgreSQL 15 lets everyone create in schema
# public (CVE-2018-1058): an '=' there, searched before pg_catalog, must not
# reach the functions the policies call.
pg_sql postgres "GRANT CREATE ON SCHEMA public TO PUBLIC"; expect_status 0
as_a "CREATE FUNCTION public.yes(bigint, bigint) RETURNS boolean LANGUAGE sql AS 'SELECT true';
      CREATE OPERATOR public.= (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.yes);
      CREATE FUNCTION public.yes(name, name) RETURNS boolean LANGUAGE sql AS 'SELECT true';
      CREATE OPERATOR public.= (LEFTARG = name, RIGHTARG = name, FUNCTION = public.yes)"
expect_status 0
as_a "SET search_path = public, pg_catalog; SELECT surname FROM sentrack.pupil"
expect_status 0; expect_out Ashby
as_a "SET search_path = public, pg_catalog; UPDATE sentrack.pupil SET surname = 'Gone' WHERE surname <> 'Ashby' RETURNING id"
expect_status 0; expect_out_empty
pg_sql postgres "DROP OWNED BY senco_a; REVOKE CREATE ON SCHEMA public FROM PUBLIC"; expect_status 0
b_intact

t "senco_a: the security itself cannot be changed"
as_a "ALTER TABLE sentrack.pupil DISABLE ROW LEVEL SECURITY"; expect_status 1; expect_err_has "must be owner"
as_a "ALTER TABLE sentrack.pupil NO FORCE ROW LEVEL SECURITY"; expect_status 1; expect_err_has "must be owner"
as_a "DROP POLICY school_read ON sentrack.pupil"; expect_status 1; expect_err_has "must be owner"
as_a "INSERT INTO sentrack.member VALUES ('senco_a', $B_ID, false)"; expect_status 1; expect_err_has "permission denied"
as_a "UPDATE sentrack.member SET school_id = $B_ID"; expect_status 1; expect_err_has "permission denied"
as_a "SELECT sentrack.grant_school('senco_a', '100002', false)"; expect_status 1; expect_err_has "permission denied"
as_a "CREATE OR REPLACE FUNCTION sentrack.may_read(school bigint) RETURNS boolean LANGUAGE sql AS 'SELECT true'"
expect_status 1; expect_err_has "permission denied"
b_intact

t "the audit log names the PostgreSQL session user, and a SENCO only appends"
pg_sql senco_a "INSERT INTO sentrack.audit (school_id, db_user, user_name, command, action, entity) VALUES ($A, 'forged', 'someone', 'test', 'insert', 'pupil')"
expect_status 0
pg_sql senco_a "SELECT db_user FROM sentrack.audit"; expect_out senco_a
pg_sql senco_a "UPDATE sentrack.audit SET detail = 'x'"; expect_status 1; expect_err_has "permission denied"
pg_sql senco_a "DELETE FROM sentrack.audit"; expect_status 1; expect_err_has "permission denied"
pg_sql senco_b "SELECT count(*) FROM sentrack.audit"; expect_out 0

t "the trust role reads every school and writes nothing"
pg_sql lead "SELECT surname FROM sentrack.pupil ORDER BY surname"; expect_status 0
expect_out "Ashby"$'\n'"Secretbee"
pg_sql lead "SELECT count(*) FROM sentrack.school"; expect_out 2
pg_sql lead "INSERT INTO sentrack.pupil ($pupil_cols) VALUES ($A, 'Lead', 'L', '2017-01-02', '4', 'lead', 'l')"
expect_status 1; expect_err_has "permission denied"
pg_sql lead "UPDATE sentrack.pupil SET surname = 'x'"; expect_status 1; expect_err_has "permission denied"
pg_sql lead "DELETE FROM sentrack.pupil"; expect_status 1; expect_err_has "permission denied"
pg_sql lead "INSERT INTO sentrack.school (urn, name) VALUES ('100003', 'Cedar')"; expect_status 1
expect_err_has "permission denied"

t "a read-only role reads its school and writes nothing"
pg_sql governor_a "SELECT surname FROM sentrack.pupil"; expect_status 0; expect_out Ashby
pg_sql governor_a "INSERT INTO sentrack.pupil ($pupil_cols) VALUES ($A, 'Gov', 'G', '2017-01-02', '4', 'gov', 'g')"
expect_status 1; expect_err_has "violates row-level security policy"
pg_sql governor_a "UPDATE sentrack.pupil SET surname = 'x' RETURNING id"; expect_status 0; expect_out_empty
pg_sql governor_a "DELETE FROM sentrack.pupil RETURNING id"; expect_status 0; expect_out_empty
pg_sql senco_a "SELECT surname FROM sentrack.pupil"; expect_out Ashby

t "every table forces row-level security"
pg_sql postgres "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'sentrack' AND c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)"
expect_status 0; expect_out 0
pg_sql postgres "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'sentrack' AND c.relkind = 'r'"
[ "$(cat "$OUT")" -ge 28 ] && pass || fail "only $(cat "$OUT") tables in schema sentrack"

done_testing
