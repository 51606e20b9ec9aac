# test_exit_status.sh - the documented exit statuses that need a special
# environment: 73 (cannot create), 74 (i/o error), 75 (busy).
. "$(dirname "$0")/lib.sh"
new_db
must pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4 >/dev/null

t "73: the database cannot be created"
mkdir -p "$T_DIR/locked"
touch "$T_DIR/locked/file"
st --db "$T_DIR/locked/file/sub/x.db" init
expect_status 73
expect_err_has "cannot create directory"

t "74: a write that hits a file-size limit fails cleanly and writes nothing"
if file_only "a file-size limit (ulimit -f) on the database file"; then
snapshot before
(
	trap '' XFSZ
	ulimit -f 1
	"$SENTRACK_BIN" --today "$TODAY" pupil add --surname Big --forename Data \
		--dob 2016-01-01 --year 5 --class "$(printf 'x%.0s' $(seq 1 30))" >"$OUT" 2>"$ERR"
	echo $? >"$T_DIR/status"
)
STATUS=$(cat "$T_DIR/status")
expect_status 74
expect_same_as before
fi

t "75: another writer holds the lock longer than the busy timeout"
# on a trust: the school's writer lock (pg_suite.sh)
hold_lock 'BEGIN IMMEDIATE;'
snapshot before_busy
SENTRACK_BUSY_TIMEOUT=200 st pupil add --surname Late --forename Writer --dob 2016-01-01 --year 5
expect_status 75
expect_err_has "database is busy"
expect_err_has "nothing was written"
release_lock
expect_same_as before_busy
t "after the lock is released the same write succeeds"
st pupil add --surname Late --forename Writer --dob 2016-01-01 --year 5
expect_status 0
expect_out 2

done_testing
