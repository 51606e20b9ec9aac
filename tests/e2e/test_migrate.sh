# test_migrate.sh - `sentrack migrate`: a school's database file moved into a
# trust's PostgreSQL database in one transaction, ids remapped and links
# kept, verified, refused when it would double a school, the file untouched
# (issue 14, "Moving a school in").
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
pg_start
cd "$T_DIR" || exit 1
ADMIN=$(pg_db trust_admin)
A=$T_DIR/ashfield.db
B=$T_DIR/beech.db

t "a trust of three schools, a SENCO for each, a governor reading the first"
st --db "$ADMIN" trust init; expect_status 0
for s in "137001 Ashfield" "137002 Beech" "137003 Cedar"; do
	# shellcheck disable=SC2086 # URN and name
	st --db "$ADMIN" trust school add $s; expect_status 0
done
st --db "$ADMIN" trust grant senco_a --school 137001; expect_status 0
st --db "$ADMIN" trust grant senco_b --school 137002; expect_status 0
st --db "$ADMIN" trust grant senco_c --school 137003; expect_status 0
st --db "$ADMIN" trust grant gov_a --school 137001 --read-only; expect_status 0

t "two schools' files: the demo, and a small school of its own"
st --db "$A" demo; expect_status 0
st --db "$B" init; expect_status 0
st --db "$B" pupil add --surname Quennell --forename Rose --dob 2016-05-04 --year 4; expect_status 0
QUENNELL=$(cat "$OUT")
st --db "$B" register add "$QUENNELL" --status K --date 2025-09-10 --parents-informed 2025-09-10; expect_status 0
# national reference data: loaded by `trust init`, the same as the file's
for table in area need_type year_group; do
	cols=$(case $table in area) echo "code, label" ;; need_type) echo "code, label, area" ;;
		year_group) echo "code, ord, label" ;; esac)
	want=$(sqlite3 -separator '|' "$A" "SELECT $cols FROM $table ORDER BY code")
	got=$(psql -X -q -At "$ADMIN" -c "SELECT $cols FROM sentrack.$table ORDER BY code COLLATE \"C\"")
	[ -n "$want" ] && [ "$want" = "$got" ] && pass || fail "trust init's $table differs from the file's"
done
[ "$(sqlite3 "$A" 'PRAGMA user_version')" = "$(sqlite3 "$B" 'PRAGMA user_version')" ] && pass || fail "steps"
A_SUM=$(sha256sum "$A"); A_TIME=$(stat -c %y "$A")

t "refusals write nothing: usage (64), missing file (66), bad URN, unknown school (65)"
st migrate --from "$A" --to "$(pg_db senco_a)"; expect_status 64
st migrate --from "$T_DIR/none.db" --to "$(pg_db senco_a)" --school 137001; expect_status 66
st migrate --from "$A" --to "$(pg_db senco_a)" --school 12; expect_status 65
st migrate --from "$A" --to "$(pg_db senco_a)" --school 999999; expect_status 65
expect_err_has "--school 999999: no such school"
st migrate --from "$A" --to "$(pg_db senco_a)" --school 137002; expect_status 65

t "a read-only role may not migrate (77)"
st migrate --from "$A" --to "$(pg_db gov_a)" --school 137001; expect_status 77
expect_err_has "not write it"

t "a file that is not a sentrack database, or at another step (65)"
echo "not a database" > "$T_DIR/text.db"
st migrate --from "$T_DIR/text.db" --to "$(pg_db senco_a)" --school 137001; expect_status 65
cp "$B" "$T_DIR/old.db"; sqlite3 "$T_DIR/old.db" "PRAGMA user_version=5"
st migrate --from "$T_DIR/old.db" --to "$(pg_db senco_a)" --school 137001; expect_status 65
expect_err_has "open it once with this sentrack"
pg_sql senco_a "SELECT count(*) FROM sentrack.pupil"; expect_out 0

t "the demo moves in: one line per table on stderr, exit 0 after COMMIT"
st migrate --from "$A" --to "$(pg_db senco_a)" --school 137001
expect_status 0
expect_out_empty
grep -Eq '^sentrack: migrate: pupil +30$' "$ERR" && pass || fail "no pupil count: $(cat "$ERR")"
grep -Eq '^sentrack: migrate: audit +[1-9][0-9]*$' "$ERR" && pass || fail "no audit count"

t "every table's count is the file's, read as the school's SENCO"
for tab in pupil register_event pupil_need need_history cycle cycle_reschedule pupil_view \
	outcome provision meeting meeting_attendee specialist ehcna_request ehcp_review passport \
	concern term ehcp_schedule ehcp_amended config meta import_run; do
	pg_sql senco_a "SELECT count(*) FROM sentrack.$tab"
	expect_out "$(sqlite3 "$A" "SELECT count(*) FROM $tab")"
done
# the audit: the file's rows and one more, the migration, by the session user
pg_sql senco_a "SELECT count(*) FROM sentrack.audit"
expect_out "$(( $(sqlite3 "$A" 'SELECT count(*) FROM audit') + 1 ))"
pg_sql senco_a "SELECT db_user || ' ' || user_name || ' ' || command FROM sentrack.audit WHERE command = 'migrate'"
expect_out "senco_a senco_a migrate"

t "exact values, and audit rows keep their user and time"
pg_sql senco_a "SELECT surname || ',' || forename || ',' || dob || ',' || year FROM sentrack.pupil ORDER BY surname_key, forename_key LIMIT 3"
expect_out "$(sqlite3 "$A" "SELECT surname || ',' || forename || ',' || dob || ',' || year FROM pupil ORDER BY surname_key, forename_key LIMIT 3")"
pg_sql senco_a "SELECT user_name || ' ' || to_char(entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM sentrack.audit WHERE command <> 'migrate' ORDER BY id LIMIT 1"
expect_out "$(sqlite3 "$A" "SELECT user || ' ' || entered_at FROM audit ORDER BY id LIMIT 1")"
pg_sql senco_a "SELECT sum(hourly_cost_pence * sessions_per_week) FROM sentrack.provision"
expect_out "$(sqlite3 "$A" "SELECT sum(hourly_cost_pence * sessions_per_week) FROM provision")"

t "links survive: each pupil's outcomes, cycles, register history, status event"
Q_OUT="SELECT p.surname || '/' || c.seq || '/' || o.text FROM %soutcome o JOIN %scycle c ON c.id = o.cycle_id JOIN %spupil p ON p.id = c.pupil_id ORDER BY 1"
# shellcheck disable=SC2059 # the schema prefix
pg_sql senco_a "$(printf "$Q_OUT" sentrack. sentrack. sentrack.)"
# shellcheck disable=SC2059
expect_out "$(sqlite3 "$A" "$(printf "$Q_OUT" '' '' '')")"
Q_REG="SELECT p.surname || '/' || e.status || '/' || e.event_date FROM %sregister_event e JOIN %spupil p ON p.id = e.pupil_id ORDER BY 1"
# shellcheck disable=SC2059
pg_sql senco_a "$(printf "$Q_REG" sentrack. sentrack.)"
# shellcheck disable=SC2059
expect_out "$(sqlite3 "$A" "$(printf "$Q_REG" '' '')")"
Q_STATUS="SELECT p.surname || '/' || e.status || '/' || e.event_date FROM %spupil p JOIN %sregister_event e ON e.id = p.status_event AND e.pupil_id = p.id ORDER BY 1"
# shellcheck disable=SC2059
pg_sql senco_a "$(printf "$Q_STATUS" sentrack. sentrack.)"
[ -s "$OUT" ] && pass || fail "no pupil's status event survived"
# shellcheck disable=SC2059
expect_out "$(sqlite3 "$A" "$(printf "$Q_STATUS" '' '')")"
Q_CYC="SELECT p.surname || '/' || c.seq || '/' || coalesce(CAST(pc.seq AS text), '-') FROM %scycle c JOIN %spupil p ON p.id = c.pupil_id LEFT JOIN %scycle pc ON pc.id = c.previous_id AND pc.pupil_id = c.pupil_id ORDER BY 1"
# shellcheck disable=SC2059
pg_sql senco_a "$(printf "$Q_CYC" sentrack. sentrack. sentrack.)"
# shellcheck disable=SC2059
expect_out "$(sqlite3 "$A" "$(printf "$Q_CYC" '' '' '')")"
Q_ORIGIN="SELECT o.text || ' <- ' || g.text FROM %soutcome o JOIN %soutcome g ON g.id = o.origin_id ORDER BY 1"
# shellcheck disable=SC2059
pg_sql senco_a "$(printf "$Q_ORIGIN" sentrack. sentrack.)"
[ -s "$OUT" ] && pass || fail "no carried-forward outcome kept its origin"
# shellcheck disable=SC2059
expect_out "$(sqlite3 "$A" "$(printf "$Q_ORIGIN" '' '')")"
Q_ATT="SELECT m.meeting_date || '/' || a.role FROM %smeeting_attendee a JOIN %smeeting m ON m.id = a.meeting_id ORDER BY 1"
# shellcheck disable=SC2059
pg_sql senco_a "$(printf "$Q_ATT" sentrack. sentrack.)"
# shellcheck disable=SC2059
expect_out "$(sqlite3 "$A" "$(printf "$Q_ATT" '' '')")"

t "a second migrate of the same school is refused (65), nothing written"
BEFORE=$(psql -X -At "$(pg_db senco_a)" -c "SELECT (SELECT count(*) FROM sentrack.pupil) || '/' || (SELECT count(*) FROM sentrack.audit)")
st migrate --from "$A" --to "$(pg_db senco_a)" --school 137001; expect_status 65
expect_err_has "already has rows"
pg_sql senco_a "SELECT (SELECT count(*) FROM sentrack.pupil) || '/' || (SELECT count(*) FROM sentrack.audit)"
expect_out "$BEFORE"

t "the second school moves in; neither SENCO sees the other's rows"
st migrate --from "$B" --to "$(pg_db senco_b)" --school 137002; expect_status 0
pg_sql senco_b "SELECT string_agg(surname, ',') FROM sentrack.pupil"; expect_out "Quennell"
pg_sql senco_b "SELECT count(*) FROM sentrack.outcome"; expect_out 0
pg_sql senco_b "SELECT count(*) FROM sentrack.audit WHERE school_id = (SELECT id FROM sentrack.school WHERE urn = '137001')"
expect_out 0
pg_sql senco_a "SELECT count(*) FROM sentrack.pupil WHERE surname = 'Quennell'"; expect_out 0

t "the file was never changed: same bytes, same mtime"
[ "$(sha256sum "$A")" = "$A_SUM" ] && pass || fail "the file's bytes changed"
[ "$(stat -c %y "$A")" = "$A_TIME" ] && pass || fail "the file's mtime changed"

t "a copy that does not read back as the file holds it rolls back (70)"
# a time without its zone: the server stores it, but not as the file wrote it
cp "$B" "$T_DIR/odd.db"
sqlite3 "$T_DIR/odd.db" "UPDATE audit SET entered_at = '2025-09-10 10:00:00' WHERE id = (SELECT min(id) FROM audit)"
st migrate --from "$T_DIR/odd.db" --to "$(pg_db senco_c)" --school 137003; expect_status 70
expect_err_has "verifying the copy: table audit"
pg_sql senco_c "SELECT (SELECT count(*) FROM sentrack.pupil) + (SELECT count(*) FROM sentrack.audit)"
expect_out 0

t "a deadlock on every attempt: the copy is tried three times, then 75 with nothing written"
# A trigger (the superuser's, not sentrack's) makes the server report a
# deadlock on the first inserts into cycle: one per attempt, while the
# sequence (not rolled back with the attempt) is within the budget.
SUPER=$(pg_db postgres)
psql -X -q -v ON_ERROR_STOP=1 "$SUPER" >/dev/null <<'SQL' || fail "installing the deadlock trigger"
CREATE SEQUENCE public.deadlock_seq;
CREATE TABLE public.deadlock_budget (n int NOT NULL);
INSERT INTO public.deadlock_budget VALUES (3);
CREATE FUNCTION public.deadlock_now() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog AS $$
BEGIN
	IF nextval('public.deadlock_seq') <= (SELECT n FROM public.deadlock_budget) THEN
		RAISE EXCEPTION 'deadlock detected (a test)' USING ERRCODE = '40P01';
	END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER deadlock_now BEFORE INSERT ON sentrack.cycle FOR EACH ROW EXECUTE FUNCTION public.deadlock_now();
SQL
st migrate --from "$A" --to "$(pg_db senco_c)" --school 137003; expect_status 75
expect_err_has "deadlock detected (a test)"
pg_sql senco_c "SELECT (SELECT count(*) FROM sentrack.pupil) + (SELECT count(*) FROM sentrack.audit)"
expect_out 0
[ "$(psql -X -At "$SUPER" -c "SELECT last_value FROM public.deadlock_seq")" = 3 ] && pass ||
	fail "not three attempts"

t "a deadlock on the first two attempts: the third copies everything once (exit 0)"
st --db "$ADMIN" trust school add 137004 Dale; expect_status 0
st --db "$ADMIN" trust grant senco_d --school 137004; expect_status 0
psql -X -q "$SUPER" -c "ALTER SEQUENCE public.deadlock_seq RESTART; UPDATE public.deadlock_budget SET n = 2" >/dev/null
st migrate --from "$A" --to "$(pg_db senco_d)" --school 137004; expect_status 0
[ "$(grep -c '^sentrack: migrate: pupil ' "$ERR")" = 1 ] && pass || fail "the report is not printed once"
pg_sql senco_d "SELECT count(*) FROM sentrack.cycle"; expect_out "$(sqlite3 "$A" 'SELECT count(*) FROM cycle')"
pg_sql senco_d "SELECT count(*) FROM sentrack.pupil"; expect_out "$(sqlite3 "$A" 'SELECT count(*) FROM pupil')"
psql -X -q "$SUPER" -c "DROP TRIGGER deadlock_now ON sentrack.cycle" >/dev/null

t "kill -9 of migrate mid-copy leaves nothing in the trust database"
# The admin holds a lock on outcome (SHARE: reads go on, inserts wait), so the copy stops there, after the
# pupils and cycles are in; then migrate is killed and the lock let go.
psql -X -q "$ADMIN" -c "BEGIN; LOCK TABLE sentrack.outcome IN SHARE MODE; SELECT pg_sleep(600)" >/dev/null 2>&1 &
LOCKER=$!
# query_until_1 DB SQL: poll until SQL gives 1, for at most a minute (an
# earlier failure must end the test, not hang it)
query_until_1() {
	local i
	for ((i = 0; i < 1200; i++)); do
		[ "$(psql -X -At "$1" -c "$2" 2>/dev/null)" = 1 ] && return 0
		sleep 0.05
	done
	fail "waited a minute for: $2"
	return 1
}
query_until_1 "$ADMIN" "SELECT count(*) FROM pg_catalog.pg_locks WHERE relation = 'sentrack.outcome'::regclass AND mode = 'ShareLock' AND granted"
"$SENTRACK_BIN" migrate --from "$A" --to "$(pg_db senco_c)" --school 137003 >/dev/null 2>&1 &
MIG=$!
until [ "$(psql -X -At "$SUPER" -c "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE usename = 'senco_c' AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO sentrack.\"outcome\"%'")" = 1 ]; do
	kill -0 "$MIG" 2>/dev/null || { fail "migrate ended before the copy reached outcome"; break; }
done
kill -9 "$MIG"; wait "$MIG" 2>/dev/null
kill "$LOCKER"; wait "$LOCKER" 2>/dev/null
psql -X -q "$SUPER" -c "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()" >/dev/null
query_until_1 "$SUPER" "SELECT (count(*) = 0)::int FROM pg_catalog.pg_stat_activity WHERE usename = 'senco_c'"
pg_sql senco_c "SELECT (SELECT count(*) FROM sentrack.pupil) + (SELECT count(*) FROM sentrack.cycle) + (SELECT count(*) FROM sentrack.audit)"
expect_out 0

t "the server ends the connection mid-copy: 74, reported, not retried, nothing written"
psql -X -q "$ADMIN" -c "BEGIN; LOCK TABLE sentrack.outcome IN SHARE MODE; SELECT pg_sleep(600)" >/dev/null 2>&1 &
LOCKER=$!
query_until_1 "$ADMIN" "SELECT count(*) FROM pg_catalog.pg_locks WHERE relation = 'sentrack.outcome'::regclass AND mode = 'ShareLock' AND granted"
"$SENTRACK_BIN" migrate --from "$A" --to "$(pg_db senco_c)" --school 137003 >"$OUT" 2>"$ERR" &
MIG=$!
WAITING="SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE usename = 'senco_c' AND wait_event_type = 'Lock'"
query_until_1 "$SUPER" "$WAITING"
psql -X -q "$SUPER" -c "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE usename = 'senco_c'" >/dev/null
wait "$MIG"; STATUS=$?
[ "$STATUS" = 74 ] && pass || fail "exit status $STATUS, expected 74 ($(cat "$ERR"))"
expect_err_has "the connection to the server was lost: FATAL:  terminating connection due to administrator command"
[ "$(grep -c '^sentrack: migrate: ' "$ERR")" = 0 ] && pass || fail "a report of a copy that never landed"
kill "$LOCKER"; wait "$LOCKER" 2>/dev/null
psql -X -q "$SUPER" -c "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()" >/dev/null
query_until_1 "$SUPER" "SELECT (count(*) = 0)::int FROM pg_catalog.pg_stat_activity WHERE usename = 'senco_c'"
pg_sql senco_c "SELECT (SELECT count(*) FROM sentrack.pupil) + (SELECT count(*) FROM sentrack.cycle) + (SELECT count(*) FROM sentrack.audit)"
expect_out 0
st migrate --from "$A" --to "$(pg_db senco_c)" --school 137003; expect_status 0

done_testing
