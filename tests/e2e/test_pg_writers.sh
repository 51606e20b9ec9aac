# test_pg_writers.sh - writers on a trust's PostgreSQL database: each school
# has one writer at a time (its lock, as a file's writer has the file's),
# a writer that waits past the busy timeout exits 75 with nothing written,
# readers never wait, and other schools are not held up (issue 14).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
. "$(dirname "$0")/pg_both.sh"
both_start

pg_sql trust_admin "SELECT id FROM sentrack.school WHERE urn = '100001'"
SCHOOL_A=$(cat "$OUT")
locks_held() {
	pg_sql trust_admin "SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted"
	[ "$(cat "$OUT")" = "$1" ]
}

t "a write waits for the school's writer, then gives up with 75 and writes nothing"
st --db "$PG_A" pupil add --surname First --forename Ann --dob 2016-01-02 --year 3
expect_status 0
# another program holds school A's writer lock for 30 s (killed below)
psql -X -q "$(pg_db senco_a)" -c "BEGIN" \
	-c "SELECT pg_advisory_xact_lock(1397050964, $SCHOOL_A)" -c "SELECT pg_sleep(30)" \
	>/dev/null 2>&1 &
HOLDER=$!
wait_until 10 locks_held 1 && pass || fail "the holder never took the lock"
SENTRACK_BUSY_TIMEOUT=300 st --db "$PG_A" pupil add --surname Late --forename Bo --dob 2016-01-02 --year 3
expect_status 75
expect_err_has "database is busy: another program is writing to school 100001; gave up after 300 ms, nothing was written"
SENTRACK_BUSY_TIMEOUT=0 st --db "$PG_A" need add 1 SLCN --rank 1
expect_status 75

t "readers do not wait for a writer"
SENTRACK_BUSY_TIMEOUT=300 st --db "$PG_A" pupil list
expect_status 0
expect_out_has "First"
expect_out_lacks "Late"

t "another school's writer is not held up"
SENTRACK_BUSY_TIMEOUT=300 st --db "$PG_B" pupil add --surname Other --forename Cy --dob 2016-01-02 --year 3
expect_status 0

t "once the holder is gone (its connection killed), the lock goes with it"
pg_sql postgres "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()" postgres
wait "$HOLDER" 2>/dev/null
wait_until 10 locks_held 0 && pass || fail "the lock outlived its holder"
SENTRACK_BUSY_TIMEOUT=300 st --db "$PG_A" pupil add --surname Late --forename Bo --dob 2016-01-02 --year 3
expect_status 0

t "output that cannot be delivered: 74, and nothing written"
"$SENTRACK_BIN" --db "$PG_A" --today "$TODAY" pupil add --surname Lost --forename Out \
	--dob 2016-01-02 --year 3 >/dev/full 2>"$ERR"
STATUS=$?
expect_status 74
pg_sql senco_a "SELECT count(*) FROM sentrack.pupil WHERE surname = 'Lost'"
expect_out 0

t "16 writers at once on one school: every write lands once, none fails"
pids=()
for i in $(seq 1 16); do
	"$SENTRACK_BIN" --db "$PG_A" --today "$TODAY" pupil add --surname "Writer$i" --forename Kid \
		--dob 2016-01-02 --year 3 >"$T_DIR/w$i.out" 2>"$T_DIR/w$i.err" &
	pids+=($!)
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
[ "$failed" = 0 ] && pass || fail "$failed writers failed: $(cat "$T_DIR"/w*.err | head -3)"
pg_sql trust_admin "SELECT 1" # the admin reads no pupils: count as senco_a
pg_sql senco_a "SELECT count(*), count(DISTINCT surname) FROM sentrack.pupil WHERE surname LIKE 'Writer%'"
[ "$(cat "$OUT")" = "16|16" ] && pass || fail "writers' rows: $(cat "$OUT")"

done_testing
