# test_privacy.sh - erased pupils stay erased (issue 11): no id of any table
# is reused, so an erased child's history never becomes another child's, and
# the erased text is gone from the database file and its write-ahead log.
. "$(dirname "$0")/lib.sh"
new_db

t "ids of an erased pupil, their register events and cycles are never reused"
p=$(must pupil add --surname Gone --forename Gina --dob 2015-01-01 --year 5)
must register add "$p" --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
must cycle open "$p" >/dev/null
ev=$(sqlite3 "$SENTRACK_DB" "SELECT max(id) FROM register_event")
cy=$(sqlite3 "$SENTRACK_DB" "SELECT max(id) FROM cycle")
st pupil erase "$p" --confirm "$p"
expect_status 0
q=$(must pupil add --surname New --forename Nia --dob 2015-02-02 --year 5)
[ "$q" -gt "$p" ] && pass || fail "pupil id $p reused as $q"
must register add "$q" --status K --date 2026-09-02 --parents-informed 2026-09-02 >/dev/null
must cycle open "$q" >/dev/null
[ "$(sqlite3 "$SENTRACK_DB" "SELECT max(id) FROM register_event")" -gt "$ev" ] && pass ||
	fail "register event id reused"
[ "$(sqlite3 "$SENTRACK_DB" "SELECT max(id) FROM cycle")" -gt "$cy" ] && pass || fail "cycle id reused"
st log --pupil "$q"
expect_status 0
expect_out_lacks "erase"
expect_out_lacks "$(printf 'pupil %s ' "$p")"
[ "$(sqlite3 "$SENTRACK_DB" "SELECT count(*) FROM audit WHERE pupil_id = $q AND id <= (SELECT max(id) FROM audit WHERE action = 'erase')")" = 0 ] &&
	pass || fail "an erased pupil's audit rows are attached to the new pupil"
st export pupil "$q"
expect_status 0
expect_out_lacks "Gina"
expect_out_lacks "2026-09-01"

done_testing
