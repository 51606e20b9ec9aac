# test_privacy.sh - erased pupils stay erased (issue 11): no id of any table
# is reused, so an erased child's history never becomes another child's, and
# the erased text is gone from the database file and its write-ahead log.
. "$(dirname "$0")/lib.sh"
new_db

t "ids of an erased pupil, their register events and cycles are never reused"
p=$(must pupil add --surname Gone --forename Gina --dob 2015-01-01 --year 5)
must register add "$p" --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
must cycle open "$p" >/dev/null
ev=$(db_sql "SELECT max(id) FROM register_event")
cy=$(db_sql "SELECT max(id) FROM cycle")
st pupil erase "$p" --confirm "$p"
expect_status 0
q=$(must pupil add --surname New --forename Nia --dob 2015-02-02 --year 5)
[ "$q" -gt "$p" ] && pass || fail "pupil id $p reused as $q"
must register add "$q" --status K --date 2026-09-02 --parents-informed 2026-09-02 >/dev/null
must cycle open "$q" >/dev/null
[ "$(db_sql "SELECT max(id) FROM register_event")" -gt "$ev" ] && pass ||
	fail "register event id reused"
[ "$(db_sql "SELECT max(id) FROM cycle")" -gt "$cy" ] && pass || fail "cycle id reused"
st log --pupil "$q"
expect_status 0
expect_out_lacks "erase"
expect_out_lacks "$(printf 'pupil %s ' "$p")"
[ "$(db_sql "SELECT count(*) FROM audit WHERE pupil_id = $q AND id <= (SELECT max(id) FROM audit WHERE action = 'erase')")" = 0 ] &&
	pass || fail "an erased pupil's audit rows are attached to the new pupil"
st export pupil "$q"
expect_status 0
expect_out_lacks "Gina"
expect_out_lacks "2026-09-01"

# Another program with the database open: idle (connected, no transaction)
# or reading (a read transaction begun before the erase). It runs until the
# file $T_DIR/stop appears.
hold_open() { # idle|reading
	rm -f "$T_DIR/stop" "$T_DIR/ready"
	python3 - "$SENTRACK_DB" "$1" "$T_DIR" <<'PY' &
import os, sqlite3, sys, time
db, mode, d = sys.argv[1:4]
c = sqlite3.connect(db, isolation_level=None)
c.execute("SELECT count(*) FROM pupil").fetchone()
if mode == "reading":
    c.execute("BEGIN")
    c.execute("SELECT count(*) FROM pupil").fetchone()
open(os.path.join(d, "ready"), "w").close()
while not os.path.exists(os.path.join(d, "stop")):
    time.sleep(0.05)
c.close()
PY
	HOLDER=$!
	while [ ! -e "$T_DIR/ready" ]; do sleep 0.05; done
}
release() { touch "$T_DIR/stop"; wait "$HOLDER"; }
# The erased name in the database file or its log (strings: SQLite stores
# text as plain UTF-8).
copies_of() { cat "$SENTRACK_DB" "$SENTRACK_DB-wal" 2>/dev/null | grep -c -a -- "$1"; }

t "pupil erase leaves no copy in the database or its -wal while another program has it open"
p=$(must pupil add --surname Zephyrine --forename Quill --dob 2015-01-01 --year 5)
hold_open idle
[ "$(copies_of Zephyrine)" -gt 0 ] && pass || fail "the name was not written at all"
st pupil erase "$p" --confirm "$p"
expect_status 0
[ "$(copies_of Zephyrine)" = 0 ] && pass || fail "erased name left in the database or -wal"
release

t "pupil erase with a reader holding the log: committed, says so, exits 75; doctor finishes"
p=$(must pupil add --surname Xanthippe --forename Vell --dob 2015-01-01 --year 5)
hold_open reading
SENTRACK_BUSY_TIMEOUT=200 st pupil erase "$p" --confirm "$p"
expect_status 75
expect_err_has "the erasure is committed, but the old text remains in $SENTRACK_DB-wal"
expect_err_has "sentrack doctor"
[ "$(db_sql "SELECT count(*) FROM pupil WHERE id = $p")" = 0 ] && pass ||
	fail "the erasure was not committed"
SENTRACK_BUSY_TIMEOUT=200 st doctor
expect_status 65
expect_out_has "PROBLEM write-ahead log:"
release
st doctor
expect_status 0
expect_out_has "nothing left in $SENTRACK_DB-wal"
[ "$(copies_of Xanthippe)" = 0 ] && pass || fail "doctor left the erased name"

done_testing
