# pg_suite.sh - an end-to-end script run on a trust's PostgreSQL database
# instead of a file (issue 14: "the end-to-end suite runs twice in CI").
# lib.sh sources it when SENTRACK_TEST_BACKEND=postgresql (ctest's e2e-pg/
# tests, the scripts tests/e2e/pg_suite.txt lists), after pg_lib.sh.
#
# - new_db makes the trust database afresh (dropped and made again, so ids
#   start at 1 as in a new file): `trust init`, school 100001 and the role
#   senco_a granted it; SENTRACK_DB then names it as senco_a, whose only
#   school is the default, so the script's commands run unchanged.
# - `st demo` (a file-only command) makes the demo in a file and moves it
#   into school 100001 with `migrate`, as a trust moving a school in would.
# - snapshot dumps the trust's rows (pg_dump --data-only, as the cluster's
#   superuser, whom row-level security does not hide them from).

PG_SUITE_STARTED=

pg_new_db() {
	local saved=$T_NAME # pg_start names its own steps
	if [ -z "$PG_SUITE_STARTED" ]; then
		pg_start
		PG_SUITE_STARTED=1
	fi
	T_NAME="(new trust database)"
	pg_sql postgres "DROP DATABASE IF EXISTS trust WITH (FORCE)" postgres
	[ "$STATUS" = 0 ] || fail "dropping the database: $(cat "$ERR")"
	pg_sql postgres "CREATE DATABASE trust OWNER trust_admin" postgres
	[ "$STATUS" = 0 ] || fail "creating the database: $(cat "$ERR")"
	pg_fingerprint_end # its session was on the database dropped
	local step
	for step in "trust init" "trust school add 100001 Ashfield" \
		"trust grant senco_a --school 100001"; do
		# shellcheck disable=SC2086 # the step's words
		SENTRACK_DB=$(pg_db trust_admin) st $step
		[ "$STATUS" = 0 ] || fail "$step: $(cat "$ERR")"
	done
	export SENTRACK_DB
	SENTRACK_DB=$(pg_db senco_a)
	T_NAME=$saved
}

# The demo: made in a file, then moved into a fresh trust database (as
# demo --force sets a file aside). demo's own options are the file's: a
# wrong one is its 64, and the trust is left as it was.
pg_demo() {
	local file=$T_DIR/pg-demo.db
	rm -f "$file" "$file-wal" "$file-shm"
	shift
	SENTRACK_DB=$file st_file_backend demo "$@"
	[ "$STATUS" = 0 ] || return
	local demo_err
	demo_err=$(cat "$ERR")
	pg_new_db
	st_file_backend migrate --from "$file" --to "$SENTRACK_DB" --school 100001
	[ "$STATUS" = 0 ] || { fail "moving the demo in: $(cat "$ERR")"; return; }
	printf '%s\n' "$demo_err" >"$ERR"
	: >"$OUT"
}

# The rows only: not pg_dump's per-run \restrict key, nor where sequences
# stand (a sequence is not transactional: an INSERT rolled back has still
# taken its number; no row holds it).
pg_snapshot() {
	pg_dump --data-only --schema=sentrack --no-owner --no-privileges \
		"$(pg_db postgres)" 2>&1 | grep -v -e '^--' -e '^\\restrict' -e '^\\unrestrict' \
		-e 'pg_catalog.setval('
}

eval "st_file_backend() $(declare -f st | sed 1d)"
st() {
	if [ "${1:-}" = demo ]; then pg_demo "$@"; return; fi
	st_file_backend "$@"
}

# A fingerprint of every row of the trust's tables, for a script that
# proves hundreds of refused commands wrote nothing (test_bad_inputs): one
# query on a psql session kept open (a coprocess), a small fraction of
# pg_snapshot's time (a pg_dump each). Any changed, added or removed row
# changes it; a sequence's position does not.
pg_fingerprint() {
	if [ -z "${PG_FINGERPRINT_SQL:-}" ]; then
		PG_FINGERPRINT_SQL=$(psql -X -q -At "$(pg_db postgres)" -c "
			SELECT 'SELECT md5(string_agg(h, '','' ORDER BY n)) FROM (' ||
				string_agg(format('SELECT %L AS n, md5(coalesce(string_agg(t::text, '','' ORDER BY t::text), '''')) AS h FROM sentrack.%I t',
					table_name, table_name), ' UNION ALL ') || ') f'
			FROM information_schema.tables
			WHERE table_schema = 'sentrack' AND table_type = 'BASE TABLE'")
		coproc PG_FP { psql -X -q -At "$(pg_db postgres)" 2>&1; }
	fi
	local line=
	if [ -n "${PG_FP_PID:-}" ]; then
		printf '%s;\n' "$PG_FINGERPRINT_SQL" >&"${PG_FP[1]}"
		IFS= read -r line <&"${PG_FP[0]}"
	fi
	# never the same non-answer before and after a command
	[[ "$line" =~ ^[0-9a-f]{32}$ ]] || fail "fingerprinting the rows: ${line:-the session ended}"
	printf '%s\n' "$line"
}
pg_fingerprint_end() {
	[ -n "${PG_FP_PID:-}" ] || { PG_FINGERPRINT_SQL=; return; }
	kill "$PG_FP_PID" 2>/dev/null
	wait "$PG_FP_PID" 2>/dev/null
	PG_FINGERPRINT_SQL=
}

# Another program (psql) holds school 100001's writer lock, the advisory
# lock every write takes (store.c; test_pg_writers.sh), until
# pg_release_school_lock: the trust's twin of lib.sh's hold_lock.
pg_hold_school_lock() {
	local school
	school=$(db_sql "SELECT id FROM school WHERE urn = '100001'")
	psql -X -q "$SENTRACK_DB" -c "BEGIN" \
		-c "SELECT pg_advisory_xact_lock(1397050964, $school)" -c "SELECT pg_sleep(60)" \
		>/dev/null 2>&1 &
	PG_LOCK_HOLDER=$!
	wait_until 30 pg_school_lock_held || fail "the school's lock was not taken"
}
pg_school_lock_held() {
	[ "$(db_sql "SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted")" = 1 ]
}
pg_release_school_lock() {
	db_sql "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()" >/dev/null
	wait "$PG_LOCK_HOLDER" 2>/dev/null
}

# A trust's locator names no directory to hold the school's own letter
# templates beside: the scripts' $T_DIR/letters is named instead (the
# default, the user's data directory, is tested in test_documents.sh).
export SENTRACK_LETTERS="$T_DIR/letters"
