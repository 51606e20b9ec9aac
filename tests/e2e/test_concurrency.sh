# test_concurrency.sh - writers and readers at once on one file: every
# acknowledged write is there exactly once, every command that gave up with
# 75 (busy) left nothing behind, the file is intact, and no process exits
# with anything but 0 or 75. Run twice: a WAL database with the default
# busy timeout, then a --no-wal one with a zero timeout that starts under
# a held lock, so the busy path is certainly taken.
. "$(dirname "$0")/lib.sh"
WORKERS=${SENTRACK_CONCURRENCY_WORKERS:-8}
ROUNDS=${SENTRACK_CONCURRENCY_ROUNDS:-10}

# One worker: ROUNDS x (add a pupil, put them on the register, list, export,
# check). Logs "STATUS OP ID SURNAME" per command to $T_DIR/$phase.log.$w;
# each export goes to its own file, $phase.out/W.R.csv.
worker() {
	local phase=$1 w=$2 rounds=$3 log="$T_DIR/$1.log.$2" i id s c
	for ((i = 1; i <= rounds; i++)); do
		s="${phase}W${w}R${i}"
		id=$(${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --today "$TODAY" pupil add --surname "$s" \
			--forename Test --dob 2016-01-01 --year 4 2>>"$log.err")
		c=$?
		echo "$c add ${id:-none} $s" >>"$log"
		if [ "$c" = 0 ]; then
			${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --today "$TODAY" register add "$id" --status K \
				--date 2026-09-01 --parents-informed 2026-09-01 >/dev/null 2>>"$log.err"
			echo "$? register $id $s" >>"$log"
		fi
		${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --today "$TODAY" pupil list >/dev/null 2>>"$log.err"
		echo "$? list - -" >>"$log"
		${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --today "$TODAY" export register \
			--output "$T_DIR/$phase.out/$w.$i.csv" >/dev/null 2>>"$log.err"
		echo "$? export - $w.$i.csv" >>"$log"
		# the nightly check: 0, 1 and 2 are its answers, not failures
		${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --today "$TODAY" check --quiet 2>>"$log.err"
		c=$?
		echo "$([ "$c" -le 2 ] && echo 0 || echo "$c") check - -" >>"$log"
	done
}
start_workers() { # PHASE WORKERS ROUNDS
	local w
	mkdir -p "$T_DIR/$1.out"
	: >"$T_DIR/$1.log.0"
	for ((w = 1; w <= $2; w++)); do worker "$1" "$w" "$3" & done
}
busy_logged() { cat "$T_DIR/$1".log.*[0-9] | awk '$1 == 75 { found = 1 } END { exit !found }'; }

# The checks after a phase.
verify() { # PHASE WORKERS ROUNDS
	local phase=$1 all="$T_DIR/$1.all" ops bad busy lost
	cat "$T_DIR/$phase".log.*[0-9] >"$all"
	t "$phase: $2 processes, $3 rounds of two writes and three reads each"
	ops=$(wc -l <"$all")
	[ "$ops" -ge $(($2 * $3 * 4)) ] && pass || fail "only $ops operations logged"
	bad=$(awk '$1 != 0 && $1 != 75' "$all")
	[ -z "$bad" ] && pass || fail "exit statuses other than 0 and 75: $bad $(cat "$T_DIR/$phase".log.*.err)"
	if grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' "$T_DIR/$phase".log.*.err; then
		fail "sanitizer report"; else pass; fi
	busy=$(awk '$1 == 75' "$all" | wc -l)
	echo "concurrency: $phase: $2 processes, $ops operations, $busy busy (75)"
	# every write that gave up said so, in the documented words
	[ "$(cat "$T_DIR/$phase".log.*.err | grep -c 'nothing was written')" -ge \
		"$(awk '$1 == 75 && ($2 == "add" || $2 == "register")' "$all" | wc -l)" ] &&
		pass || fail "a busy write did not say 'nothing was written'"

	t "$phase: every acknowledged pupil is there exactly once; no pupil whose add gave up is"
	awk '$1 == 0 && $2 == "add" { print $3 "|" $4 }' "$all" | sort >"$T_DIR/acked"
	sqlite3 "$SENTRACK_DB" "SELECT id || '|' || surname FROM pupil WHERE surname LIKE '${phase}W%R%'" | sort >"$T_DIR/stored"
	cmp -s "$T_DIR/acked" "$T_DIR/stored" && pass || fail "pupils differ: $(diff "$T_DIR/acked" "$T_DIR/stored" | head -5)"
	[ -s "$T_DIR/acked" ] && pass || fail "no write acknowledged"
	lost=$(awk '$1 == 75 && $2 == "add" { print $4 }' "$all" | while read -r s; do
		sqlite3 "$SENTRACK_DB" "SELECT surname FROM pupil WHERE surname = '$s'"; done)
	[ -z "$lost" ] && pass || fail "pupils whose add exited 75 were stored: $lost"

	t "$phase: every acknowledged register event is there exactly once; none that gave up is"
	awk '$1 == 0 && $2 == "register" { print $3 }' "$all" | sort -n >"$T_DIR/acked_reg"
	sqlite3 "$SENTRACK_DB" "SELECT r.pupil_id FROM register_event r JOIN pupil p ON p.id = r.pupil_id
		WHERE p.surname LIKE '${phase}W%R%'" | sort -n >"$T_DIR/stored_reg"
	cmp -s "$T_DIR/acked_reg" "$T_DIR/stored_reg" && pass || fail "register events differ"

	t "$phase: an export that gave up left no file, temporary or final"
	awk '$1 == 0 && $2 == "export" { print $4 }' "$all" | sort >"$T_DIR/acked_out"
	ls -A "$T_DIR/$phase.out" | sort >"$T_DIR/present_out"
	cmp -s "$T_DIR/acked_out" "$T_DIR/present_out" && pass ||
		fail "export files differ from the acknowledged ones: $(diff "$T_DIR/acked_out" "$T_DIR/present_out" | head -5)"

	t "$phase: the file is intact"
	[ "$(sqlite3 "$SENTRACK_DB" 'PRAGMA integrity_check')" = ok ] && pass || fail "integrity_check"
	[ -z "$(sqlite3 "$SENTRACK_DB" 'PRAGMA foreign_key_check')" ] && pass || fail "foreign_key_check"
	st doctor
	expect_status 0
}

new_db
must pupil add --surname Seed --forename Pupil --dob 2016-01-01 --year 4 >/dev/null
start_workers wal "$WORKERS" "$ROUNDS"
wait
verify wal "$WORKERS" "$ROUNDS"

# Zero busy timeout on a rollback-journal database (where readers and
# writers block each other): the workers start while another program holds
# the write lock, which is released only once one of them has given up.
t "nowal: the busy path is taken"
export SENTRACK_DB="$T_DIR/nowal.db"
st init --no-wal
expect_status 0
hold_lock 'BEGIN IMMEDIATE;'
SENTRACK_BUSY_TIMEOUT=0 start_workers nowal $((WORKERS / 2)) $((ROUNDS / 2))
wait_until 120 busy_logged nowal || fail "no worker gave up while the lock was held"
release_lock
wait
verify nowal $((WORKERS / 2)) $((ROUNDS / 2))
[ "$(awk '$1 == 75' "$T_DIR/nowal.all" | wc -l)" -gt 0 ] && pass || fail "a zero busy timeout never gave 75"
grep -q 'gave up after 0 ms' "$T_DIR"/nowal.log.*.err && pass || fail "no 75 came from the zero busy timeout"

t "a writer blocked past the busy timeout gives up with 75, saying nothing was written"
snapshot before
hold_lock 'BEGIN IMMEDIATE;'
SENTRACK_BUSY_TIMEOUT=50 st pupil add --surname Late --forename Writer --dob 2016-01-01 --year 4
release_lock
expect_status 75
expect_err_has "database is busy"
expect_err_has "nothing was written"
expect_same_as before

done_testing
