# lib.sh - a small harness for end-to-end tests of the real sentrack binary.
#
# Each test script sources this file, then calls `st ARGS...` to run the
# binary on a private temporary database and asserts on its stdout, stderr
# and exit status. Set SENTRACK_WRAPPER (e.g. "valgrind -q --error-exitcode=99")
# to run every command under a tool.
set -u

: "${SENTRACK_BIN:?SENTRACK_BIN must point at the sentrack binary}"
: "${SENTRACK_SOURCE_DIR:=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"

T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sentrack-e2e.XXXXXX")
# Results are lines appended to files, not shell variables: `x=$(must ...)`,
# a pipeline or a background worker runs in a subshell, and a counter
# incremented there would be lost with the failure it counted.
T_FAILS="$T_DIR/failures"
T_PASSES="$T_DIR/passes"
T_SKIPS="$T_DIR/skips"
: >"$T_FAILS"; : >"$T_PASSES"; : >"$T_SKIPS"
T_MAIN=$BASHPID
# A script that stops before done_testing (exit, set -u, a syntax error)
# fails, whatever its status. Subshells do not inherit the trap; the pid
# test guards against a subshell that sets its own.
t_on_exit() {
	local rc=$?
	[ "$BASHPID" = "$T_MAIN" ] || return "$rc"
	if [ ! -e "$T_DIR/done" ]; then
		printf 'FAIL: the script ended (status %d) before done_testing, in: %s\n' "$rc" "$T_NAME" >&2
		[ "$rc" = 0 ] && rc=1
	fi
	rm -rf "$T_DIR"
	exit "$rc"
}
trap t_on_exit EXIT
export SENTRACK_DB="$T_DIR/test.db"
export SENTRACK_USER=tester
unset XDG_DATA_HOME
T_NAME="(setup)"
OUT="$T_DIR/stdout"
ERR="$T_DIR/stderr"
STATUS=0
TODAY=2026-11-25

# Start a named case.
t() { T_NAME="$*"; }

fail() {
	printf '%s: %s\n' "$T_NAME" "$*" >>"$T_FAILS"
	printf 'FAIL: %s: %s\n' "$T_NAME" "$*" >&2
	printf '  stdout: %s\n' "$(head -c 2000 "$OUT")" >&2
	printf '  stderr: %s\n' "$(head -c 2000 "$ERR")" >&2
}
pass() { echo >>"$T_PASSES"; }
# A check this machine cannot make (say why). Visible in the summary;
# SENTRACK_E2E_NO_SKIP=1 (for CI) turns every skip into a failure.
skip() {
	printf 'SKIP: %s: %s\n' "$T_NAME" "$*" >&2
	if [ "${SENTRACK_E2E_NO_SKIP:-}" = 1 ]; then fail "skipped under SENTRACK_E2E_NO_SKIP=1: $*"
	else printf '%s: %s\n' "$T_NAME" "$*" >>"$T_SKIPS"; fi
}

# A case that tests what only a file has (its mode, WAL, locks, size limit,
# sqlite3 itself): true on the file backend. On a trust's PostgreSQL
# database (pg_suite.sh) it is false and the case is listed as skipped for
# REASON; not a failure under SENTRACK_E2E_NO_SKIP, as nothing is missing
# from the machine: the case has no PostgreSQL meaning. Guard just the case:
#   if file_only "a file's mode"; then ...; fi
file_only() {
	[ "${SENTRACK_TEST_BACKEND:-file}" = postgresql ] || return 0
	printf 'SKIP: %s: file only: %s\n' "$T_NAME" "$*" >&2
	printf '%s: file only: %s\n' "$T_NAME" "$*" >>"$T_SKIPS"
	return 1
}
on_pg() { [ "${SENTRACK_TEST_BACKEND:-file}" = postgresql ]; }

# Run sentrack with --today fixed; stdout, stderr and status are kept.
# SENTRACK_TEST_BACKEND=postgresql (ctest's e2e-pg/ tests) runs the same
# script on a trust's PostgreSQL database (tests/e2e/pg_suite.sh).
st() {
	${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --today "$TODAY" "$@" >"$OUT" 2>"$ERR" </dev/null
	STATUS=$?
	if [ "$STATUS" = 99 ] || grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' "$ERR"; then
		fail "sanitizer or valgrind report running: sentrack $*"
	fi
}
# Root reads and writes whatever a file's mode says. To test permissions
# when the suite runs as root, st_nodac drops that power (CAP_DAC_OVERRIDE,
# CAP_DAC_READ_SEARCH) for one command.
T_NODAC=
[ "$(id -u)" = 0 ] && T_NODAC="setpriv --bounding-set=-dac_override,-dac_read_search --inh-caps=-dac_override,-dac_read_search"
st_nodac() { SENTRACK_WRAPPER="$T_NODAC ${SENTRACK_WRAPPER:-}" st "$@"; }
# Run without the fixed --today.
st_raw() {
	${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" "$@" >"$OUT" 2>"$ERR" </dev/null
	STATUS=$?
}

expect_status() {
	if [ "$STATUS" = "$1" ]; then pass; else fail "exit status $STATUS, expected $1"; fi
}
expect_out() { # exact stdout
	if [ "$(cat "$OUT")" = "$1" ]; then pass; else
		fail "stdout differs; expected:"$'\n'"$1"; diff <(printf '%s\n' "$1") "$OUT" >&2; fi
}
# stdout equals a file. SENTRACK_UPDATE_EXPECTED=1 rewrites an expected file
# of the source tree that differs, and fails: the program's output is not
# right because the program wrote it, so every rewritten file is read by
# hand (git diff) before the suite is run again.
expect_out_file() {
	if cmp -s "$1" "$OUT"; then pass; return; fi
	if [ "${SENTRACK_UPDATE_EXPECTED:-}" = 1 ] && [ "${1#"$SENTRACK_SOURCE_DIR"/tests/}" != "$1" ]; then
		cp "$OUT" "$1"
		fail "rewrote $1: check it by hand (git diff), then run again"
	else
		fail "stdout differs from $1"; diff "$1" "$OUT" | head -20 >&2
	fi
}
expect_out_has() { if grep -qF -- "$1" "$OUT"; then pass; else fail "stdout lacks: $1"; fi; }
expect_out_lacks() { if grep -qF -- "$1" "$OUT"; then fail "stdout has: $1"; else pass; fi; }
expect_err_has() { if grep -qF -- "$1" "$ERR"; then pass; else fail "stderr lacks: $1"; fi; }
expect_err_lines() { # stderr has exactly N lines
	local n; n=$(wc -l <"$ERR")
	if [ "$n" = "$1" ]; then pass; else fail "stderr has $n lines, expected $1"; fi
}
expect_out_empty() { if [ -s "$OUT" ]; then fail "stdout not empty"; else pass; fi; }
# Run a command expected to succeed, and return its stdout (an id).
must() {
	st "$@"
	if [ "$STATUS" != 0 ]; then fail "expected success: sentrack $*"; fi
	cat "$OUT"
}

# Read the database behind sentrack's back (a test's own view): SQL in the
# schema's names, which both backends share; output as sqlite3 prints it
# (values joined by |). On PostgreSQL it runs as the superuser, whom
# row-level security does not limit.
db_sql() {
	if [ "${SENTRACK_TEST_BACKEND:-file}" = postgresql ]; then
		psql -X -q -At "$(pg_db postgres)" -c "SET search_path = sentrack" -c "$1"
	else sqlite3 "$SENTRACK_DB" "$1"; fi
}

# Every row of the database as text (sqlite3 .dump; pg_dump's rows).
db_dump() {
	if [ "${SENTRACK_TEST_BACKEND:-file}" = postgresql ]; then pg_snapshot
	else sqlite3 "$SENTRACK_DB" .dump; fi
}
# A logical snapshot of the database, to prove a failing command wrote
# nothing. On a trust: a fingerprint of every row (pg_suite.sh; a pg_dump
# each time made the scripts that refuse hundreds of commands minutes long),
# the rows themselves shown when it differs.
snapshot() {
	if [ "${SENTRACK_TEST_BACKEND:-file}" = postgresql ]; then pg_fingerprint >"$T_DIR/snap.$1"
	else db_dump >"$T_DIR/snap.$1"; fi
}
expect_same_as() {
	snapshot after
	if cmp -s "$T_DIR/snap.$1" "$T_DIR/snap.after"; then pass; else
		fail "database changed"
		if on_pg; then db_dump | head -40 >&2
		else diff "$T_DIR/snap.$1" "$T_DIR/snap.after" | head -10 >&2; fi
	fi
}
# Run a command that must fail with status $1, message fragment $2 and
# leave the database unchanged.
refuse() {
	local want=$1 fragment=$2; shift 2
	snapshot before
	st "$@"
	expect_status "$want"
	expect_err_has "$fragment"
	expect_same_as before
}

# Poll until a command succeeds, for at most $1 seconds (a wait for an
# event, not a timing assertion: it returns as soon as the event happens).
wait_until() {
	local limit=$(($1 * 20)) i; shift
	for ((i = 0; i < limit; i++)); do "$@" && return 0; sleep 0.05; done
	return 1
}
# Hold a lock on the test database from another program until release_lock:
# $1 is the SQL that takes it ("BEGIN IMMEDIATE;" blocks writers; with
# "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;" readers of a WAL
# database too). Returns once the lock is held. On a trust's PostgreSQL
# database: the school's writer lock (pg_suite.sh), whatever $1.
hold_lock() {
	if on_pg; then pg_hold_school_lock; return; fi
	rm -f "$T_DIR/lock.fifo" "$T_DIR/lock.out"
	mkfifo "$T_DIR/lock.fifo"
	sqlite3 "$SENTRACK_DB" <"$T_DIR/lock.fifo" >"$T_DIR/lock.out" 2>&1 &
	T_HOLDER=$!
	exec 9>"$T_DIR/lock.fifo"
	printf '%s\nSELECT '"'held'"';\n' "$1" >&9
	wait_until 30 grep -q held "$T_DIR/lock.out" || fail "the lock was not taken: $(cat "$T_DIR/lock.out")"
}
release_lock() {
	if on_pg; then pg_release_school_lock; return; fi
	printf 'COMMIT;\n' >&9
	exec 9>&-
	wait "$T_HOLDER"
}

new_db() {
	if [ "${SENTRACK_TEST_BACKEND:-file}" = postgresql ]; then pg_new_db; return; fi
	rm -f "$SENTRACK_DB" "$SENTRACK_DB-wal" "$SENTRACK_DB-shm"; st init; expect_status 0
}

# The verdict: every failure recorded anywhere (subshells included) counts,
# and a script that asserted nothing has not tested anything.
done_testing() {
	local passed failed skipped
	passed=$(wc -l <"$T_PASSES") failed=$(wc -l <"$T_FAILS") skipped=$(wc -l <"$T_SKIPS")
	printf '%d passed, %d failed, %d skipped\n' "$passed" "$failed" "$skipped"
	if [ "$failed" != 0 ]; then sed 's/^/  failed: /' "$T_FAILS" >&2; fi
	if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then
		printf 'FAIL: no assertion ran\n' >&2; failed=1; fi
	: >"$T_DIR/done"
	[ "$failed" = 0 ]
}

# The same script on a trust's PostgreSQL database (tests/e2e/pg_suite.sh).
if [ "${SENTRACK_TEST_BACKEND:-file}" = postgresql ]; then
	. "$(dirname "${BASH_SOURCE[0]}")/pg_lib.sh"
	. "$(dirname "${BASH_SOURCE[0]}")/pg_suite.sh"
fi

