# test_foundation.sh - init, demo, exit statuses and help.
. "$(dirname "$0")/lib.sh"

t "a missing database is refused with 66, naming the path and init"
st pupil list
expect_status 66
expect_err_has "$SENTRACK_DB not found"
expect_err_has "sentrack init"
[ -e "$SENTRACK_DB" ] && fail "a database was created" || pass

t "init creates the database 0600 in a 0700 directory whatever the umask"
export SENTRACK_DB="$T_DIR/new/dir/s.db"
(umask 000; "$SENTRACK_BIN" init 2>/dev/null)
[ "$(stat -c %a "$SENTRACK_DB")" = 600 ] && pass || fail "mode $(stat -c %a "$SENTRACK_DB")"
[ "$(stat -c %a "$T_DIR/new/dir")" = 700 ] && pass || fail "dir mode"
[ "$(sqlite3 "$SENTRACK_DB" 'PRAGMA journal_mode')" = wal ] && pass || fail "not WAL"
st init
expect_status 65
expect_err_has "already exists"

t "init --no-wal keeps a rollback journal"
export SENTRACK_DB="$T_DIR/nowal.db"
st init --no-wal
expect_status 0
[ "$(sqlite3 "$SENTRACK_DB" 'PRAGMA journal_mode')" = delete ] && pass || fail "journal mode"

t "demo creates a database with the demo cohort, refuses an existing one"
export SENTRACK_DB="$T_DIR/demo.db"
st demo
expect_status 0
expect_err_has "30 fictional pupils"
if file_only "demo makes a file (on a trust the suite moves it in: pg_suite.sh)"; then
st demo
expect_status 65
expect_err_has "already exists"
st demo --force
expect_status 0
[ -e "$SENTRACK_DB.before-demo" ] && pass || fail "old database not kept aside"
fi
st register list
expect_status 0
expect_out_has "Zoë Brown"
expect_out_has "Minnie Nguyễn"
expect_out_lacks "Luca Rossi"   # a leaver

t "demo --force moves a database with its -wal, never onto an earlier copy's name"
if file_only "a database file and its -wal"; then
export SENTRACK_DB="$T_DIR/walaside.db"
st demo
expect_status 0
sqlite3 "$SENTRACK_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
: >"$SENTRACK_DB-wal"   # a (here empty) write-ahead log beside the file
mkdir -p "$SENTRACK_DB.before-demo-wal/x"   # a stray -wal of the first saved name
st demo --force
expect_status 0
expect_err_has "before-demo.2"
[ -e "$SENTRACK_DB.before-demo.2" ] && [ -e "$SENTRACK_DB.before-demo.2-wal" ] &&
	[ ! -e "$SENTRACK_DB.before-demo" ] && [ -d "$SENTRACK_DB.before-demo-wal/x" ] &&
	pass || fail "database and its -wal not moved together to a free name"
st pupil list
expect_status 0
expect_out_has "Zoë"
fi

t "usage errors exit 64"
st frobnicate
expect_status 64
expect_err_has "frobnicate: unknown command"
st pupil frob
expect_status 64
st pupil add --surname X
expect_status 64
expect_err_has "--forename is required"
st pupil list --bogus
expect_status 64
expect_err_has "--bogus: unknown option"
st pupil show
expect_status 64
expect_err_has "missing PUPIL"
st pupil list --year
expect_status 64
expect_err_has "needs a value"
st_raw
expect_status 64

t "help and version"
st_raw --help
expect_status 0
expect_out_has "register"
st_raw help pupil
expect_status 0
expect_out_has "sentrack pupil add"
st pupil add --help
expect_status 0
expect_out_has "usage: sentrack pupil add --surname S"
st_raw --version
expect_status 0
expect_out_has "sentrack "

t "--today is validated"
st --today 2026-02-30 pupil list
expect_status 65
expect_err_has "--today 2026-02-30: not a calendar date"

t "a text file is not a database: 65"
printf 'hello\n' >"$T_DIR/text.db"
st --db "$T_DIR/text.db" pupil list
expect_status 65
expect_err_has "not a database"

t "another program's SQLite database is refused and left alone"
sqlite3 "$T_DIR/other.db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1);'
st --db "$T_DIR/other.db" pupil add --surname A --forename B --dob 2015-01-01 --year 5
expect_status 65
expect_err_has "not a sentrack database"
[ "$(sqlite3 "$T_DIR/other.db" 'PRAGMA user_version')" = 0 ] && pass || fail "modified"

t "a database from a newer sentrack is refused and not modified"
export SENTRACK_DB="$T_DIR/newer.db"
st init
sqlite3 "$SENTRACK_DB" 'PRAGMA user_version=999'
cp "$SENTRACK_DB" "$T_DIR/newer.copy"
st pupil list
expect_status 65
expect_err_has "newer than this sentrack"
cmp -s "$SENTRACK_DB" "$T_DIR/newer.copy" && pass || fail "file changed"

t "a read-only database cannot be written: 74"
export SENTRACK_DB="$T_DIR/ro.db"
st init --no-wal
chmod 0400 "$SENTRACK_DB"
snapshot before
st_nodac pupil add --surname A --forename B --dob 2015-01-01 --year 5
expect_status 74
expect_same_as before
chmod 0600 "$SENTRACK_DB"

t "the default database follows XDG_DATA_HOME, then HOME"
(
	unset SENTRACK_DB
	export HOME="$T_DIR/home"
	mkdir -p "$HOME"
	"$SENTRACK_BIN" init 2>/dev/null
	XDG_DATA_HOME="$T_DIR/xdg" "$SENTRACK_BIN" init 2>/dev/null
)
[ -f "$T_DIR/home/.local/share/sentrack/sentrack.db" ] && pass || fail "no database under HOME"
[ "$(stat -c %a "$T_DIR/home/.local/share/sentrack")" = 700 ] && pass || fail "dir mode"
[ -f "$T_DIR/xdg/sentrack/sentrack.db" ] && pass || fail "no database under XDG_DATA_HOME"

t "the user recorded in the audit log: --user, then SENTRACK_USER"
export SENTRACK_DB="$T_DIR/users.db"
st init
SENTRACK_USER="Mrs Patel" st pupil add --surname A --forename B --dob 2015-01-01 --year 5
st --user "Mr Jones" pupil add --surname C --forename D --dob 2015-01-01 --year 5
st log
expect_out_has "Mr Jones"
expect_out_has "Mrs Patel"
refuse 65 "--user: is empty" --user "" pupil add --surname E --forename F --dob 2015-01-01 --year 5

done_testing
