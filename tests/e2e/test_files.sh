# test_files.sh - files and other users (issue 11): saved copies are never
# overwritten, temporaries are recognisable and cleaned, the database path and
# its directory are checked before anything is opened, --output writes only
# where it should. Permission tests run as an unprivileged user (root passes
# every permission check).
. "$(dirname "$0")/lib.sh"

# An unprivileged user for the permission tests, when we are root.
AS=()
if [ "$(id -u)" = 0 ]; then
	id sentrack_t1 >/dev/null 2>&1 || useradd -m sentrack_t1 >/dev/null 2>&1
	id sentrack_t2 >/dev/null 2>&1 || useradd -m sentrack_t2 >/dev/null 2>&1
fi
# Run sentrack as user $1 (any user when not root: the test then runs as us).
st_as() {
	local user=$1; shift
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$user" -- "$SENTRACK_BIN" --today "$TODAY" "$@" >"$OUT" 2>"$ERR" </dev/null
	else
		"$SENTRACK_BIN" --today "$TODAY" "$@" >"$OUT" 2>"$ERR" </dev/null
	fi
	STATUS=$?
}

t "demo --force run twice and three times keeps every saved database"
export SENTRACK_DB="$T_DIR/d/sentrack.db"
st init
expect_status 0
must pupil add --surname Real --forename One --dob 2015-01-01 --year 5 >/dev/null
st demo --force
expect_status 0
expect_err_has "moved the existing database to $SENTRACK_DB.before-demo"
st demo --force
expect_status 0
expect_err_has "$SENTRACK_DB.before-demo.2"
st demo --force
expect_status 0
expect_err_has "$SENTRACK_DB.before-demo.3"
[ "$(sqlite3 "$SENTRACK_DB.before-demo" "SELECT surname FROM pupil")" = Real ] && pass ||
	fail "the real database saved by the first run was overwritten"
[ "$(sqlite3 "$SENTRACK_DB.before-demo.2" "SELECT count(*) FROM pupil")" -ge 30 ] && pass ||
	fail "second saved copy is not the first demo"
[ -e "$SENTRACK_DB.before-demo.4" ] && fail "a fourth copy from three runs" || pass

done_testing
