# test_crash.sh - kill -9 a large write: after each kill the file opens,
# passes integrity and foreign-key checks and holds all or none of the
# interrupted import or review; a killed export never leaves a partial
# output file. Half the kills come at random moments (fixed seed); the
# other half are aimed by the command's own progress: the kill is sent once
# the -wal file (or the export's temporary file) has data in it, so it lands
# while the write is under way. Each kill is then classed by what it left
# (uncommitted WAL frames, a temporary file without the final one), and a
# minimum of mid-write kills is asserted. The bare binary is used even under
# a wrapper (a killed valgrind proves nothing more, only slower).
. "$(dirname "$0")/lib.sh"
KILLS=${SENTRACK_CRASH_KILLS:-100}
ROWS=${SENTRACK_CRASH_ROWS:-1000}
EXPORT_KILLS=${SENTRACK_CRASH_EXPORT_KILLS:-30}
RANDOM=20261125 # fixed seed: the same kill moments on every run

awk -v rows="$ROWS" -f "$SENTRACK_SOURCE_DIR/tests/e2e/gen_pupils.awk" >"$T_DIR/pupils.csv"
new_db
must pupil add --surname Base --forename Line --dob 2016-01-01 --year 4 >/dev/null
sqlite3 "$SENTRACK_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null   # the -wal is kept between commands
cp "$SENTRACK_DB" "$T_DIR/base.db"
rm -f "$SENTRACK_DB-wal" "$SENTRACK_DB-shm"

counts() {
	sqlite3 "$SENTRACK_DB" "SELECT (SELECT count(*) FROM pupil) || ' ' ||
		(SELECT count(*) FROM register_event) || ' ' || (SELECT count(*) FROM audit)"
}
run_import() { exec "$SENTRACK_BIN" --today "$TODAY" import pupils "$T_DIR/pupils.csv" >/dev/null 2>&1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# Kill $1 with SIGKILL: after a random delay below $2 ms for an odd $3, or,
# for an even $3, as soon as the test "${@:4}" holds (the write has begun)
# plus a few random spins. Busy-waits with builtins only: a fork per poll
# would be slower than the write it is aiming at.
kill_write() {
	local pid=$1 span=$2 k=$3 i spins=$((RANDOM % 50)) delay=$((RANDOM % $2))
	shift 3
	if ((k % 2)); then
		sleep "$(printf '0.%03d' $((delay > 999 ? 999 : delay)))"
	else
		until "$@" || ! kill -0 "$pid" 2>/dev/null; do :; done
		for ((i = 0; i < spins; i++)); do :; done
	fi
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}
wal_has_data() { [ -s "$SENTRACK_DB-wal" ]; }
dir_has_data() { # some file in directory $1 is not empty
	local f
	for f in "$1"/* "$1"/.[!.]*; do [ -s "$f" ] && return 0; done
	return 1
}

t "an uninterrupted import: the 'all' state, and how long it takes (to aim the kills)"
none=$(counts)
t0=$(now_ms)
(run_import)
t1=$(now_ms)
all=$(counts)
span=$(((t1 - t0) * 5 / 4 + 1))
[ "$none" != "$all" ] && pass || fail "the import wrote nothing"

t "$KILLS kills of a $ROWS-row import"
n_none=0 n_all=0 n_mid=0
for ((k = 1; k <= KILLS; k++)); do
	cp "$T_DIR/base.db" "$SENTRACK_DB"
	rm -f "$SENTRACK_DB-wal" "$SENTRACK_DB-shm"
	run_import &
	kill_write $! "$span" "$k" wal_has_data
	# WAL frames left behind by a kill that left nothing: it landed mid-write
	wal_has_data && mid=1 || mid=0
	# one sqlite3 run: integrity "ok", no foreign-key rows, then the counts
	check=$(sqlite3 "$SENTRACK_DB" 'PRAGMA integrity_check; PRAGMA foreign_key_check;' \
		"SELECT (SELECT count(*) FROM pupil) || ' ' || (SELECT count(*) FROM register_event) || ' ' || (SELECT count(*) FROM audit)" 2>&1)
	c=${check#ok$'\n'}
	if [ "${check%%$'\n'*}" != ok ] || [ "$c" = "$check" ] || [ "${c#*$'\n'}" != "$c" ]; then
		fail "kill $k: checks failed: $check"; break; fi
	case "$c" in
	"$none") n_none=$((n_none + 1)) n_mid=$((n_mid + mid)) ;;
	"$all") n_all=$((n_all + 1)) ;;
	*) fail "kill $k: partial import: $c (none $none, all $all)"; break ;;
	esac
	pass
done
st pupil list
expect_status 0
echo "crash: $KILLS kills of a $ROWS-row import: $n_none left nothing ($n_mid of them mid-write), $n_all left all"
[ $((n_none + n_all)) = "$KILLS" ] && pass || fail "only $((n_none + n_all)) kills survived"
[ "$n_mid" -ge $((KILLS / 4)) ] && pass || fail "only $n_mid of $KILLS kills landed mid-write (want $((KILLS / 4)))"

t "$EXPORT_KILLS kills of export --output never leave a partial file"
"$SENTRACK_BIN" --today "$TODAY" export register --include-left --output "$T_DIR/full.csv" 2>/dev/null
[ -s "$T_DIR/full.csv" ] && pass || fail "reference export empty"
partial=0 absent=0 complete=0 mid=0
for ((k = 1; k <= EXPORT_KILLS; k++)); do
	rm -rf "$T_DIR/exp"
	mkdir "$T_DIR/exp"
	"$SENTRACK_BIN" --today "$TODAY" export register --include-left --output "$T_DIR/exp/out.csv" \
		>/dev/null 2>&1 &
	kill_write $! 25 "$k" dir_has_data "$T_DIR/exp"
	if [ -e "$T_DIR/exp/out.csv" ]; then
		if cmp -s "$T_DIR/exp/out.csv" "$T_DIR/full.csv"; then complete=$((complete + 1))
		else partial=$((partial + 1)); fi
	else
		absent=$((absent + 1))
		# a temporary file with data and no final file: killed mid-write
		dir_has_data "$T_DIR/exp" && mid=$((mid + 1))
	fi
done
[ "$partial" = 0 ] && pass || fail "$partial partial export files"
echo "crash: $EXPORT_KILLS kills of export --output: $absent absent ($mid mid-write), $complete complete, $partial partial"
[ "$mid" -ge $((EXPORT_KILLS / 4)) ] && pass || fail "only $mid of $EXPORT_KILLS export kills landed mid-write (want $((EXPORT_KILLS / 4)))"

t "kills of a cycle review carrying many outcomes forward"
REVIEW_KILLS=${SENTRACK_CRASH_REVIEW_KILLS:-100}
OUTCOMES=${SENTRACK_CRASH_OUTCOMES:-300}
bare() { "$SENTRACK_BIN" --today "$1" "${@:2}" >/dev/null 2>&1; }
new_db
bare 2026-09-01 pupil add --surname Carry --forename Forward --dob 2016-01-01 --year 4
bare 2026-09-01 register add 1 --status K --parents-informed 2026-09-01
bare 2026-09-01 cycle open 1
bare 2026-09-01 cycle assess 1 --summary s
for ((o = 1; o <= OUTCOMES; o++)); do bare 2026-09-01 outcome add 1 "Outcome $o" --measure m --by 2026-11-20; done
bare 2026-09-01 cycle plan 1 --review-date 2026-11-20
bare 2026-09-01 provision add 1 Group --staff TA --sessions 1 --minutes 30 --group-size 4 --hourly-cost 12
bare 2026-09-02 cycle do 1
for ((o = 1; o <= OUTCOMES; o++)); do bare 2026-11-20 outcome rate "$o" not-achieved; done
sqlite3 "$SENTRACK_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$SENTRACK_DB" "$T_DIR/review.db"
review_counts() {
	sqlite3 "$SENTRACK_DB" "SELECT (SELECT count(*) FROM cycle) || ' ' || (SELECT count(*) FROM outcome) || ' ' ||
		(SELECT count(*) FROM meeting) || ' ' || (SELECT count(*) FROM audit)"
}
run_review() { exec "$SENTRACK_BIN" --today 2026-11-20 cycle review 1 --decision continue --with parents >/dev/null 2>&1; }
rnone=$(review_counts)
t0=$(now_ms); (run_review); t1=$(now_ms)
rall=$(review_counts)
rspan=$(((t1 - t0) * 5 / 4 + 1))
[ "$rnone" != "$rall" ] && pass || fail "the review wrote nothing"
r_none=0 r_all=0 r_mid=0
for ((k = 1; k <= REVIEW_KILLS; k++)); do
	cp "$T_DIR/review.db" "$SENTRACK_DB"
	rm -f "$SENTRACK_DB-wal" "$SENTRACK_DB-shm"
	run_review &
	kill_write $! "$rspan" "$k" wal_has_data
	wal_has_data && mid=1 || mid=0
	check=$(sqlite3 "$SENTRACK_DB" 'PRAGMA integrity_check; PRAGMA foreign_key_check;' 2>&1)
	[ "$check" = ok ] || { fail "review kill $k: checks failed: $check"; break; }
	c=$(review_counts)
	case "$c" in
	"$rnone") r_none=$((r_none + 1)) r_mid=$((r_mid + mid)) ;;
	"$rall") r_all=$((r_all + 1)) ;;
	*) fail "review kill $k: partial review: $c (none $rnone, all $rall)"; break ;;
	esac
done
echo "crash: $REVIEW_KILLS kills of a review carrying $OUTCOMES outcomes: $r_none left nothing ($r_mid of them mid-write), $r_all left all"
[ $((r_none + r_all)) = "$REVIEW_KILLS" ] && pass || fail "only $((r_none + r_all)) review kills survived"
[ "$r_mid" -ge $((REVIEW_KILLS / 4)) ] && pass || fail "only $r_mid of $REVIEW_KILLS review kills landed mid-write (want $((REVIEW_KILLS / 4)))"

done_testing
