# test_contract.sh - the one rule of every write command: exit 0 means
# committed and reported; any other status means nothing was written.
# Output that cannot be delivered (stdout on /dev/full, closed), a full
# disk and a busy database each fail with nothing written; read commands
# that meet an unfinished write exit 75.
. "$(dirname "$0")/lib.sh"
new_db

# Run sentrack with stdout going to $1 ("full": /dev/full, "closed": no
# stdout at all); stderr and status are kept as st keeps them.
st_out() {
	local to=$1; shift
	if [ "$to" = closed ]; then
		${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --today "$TODAY" "$@" >&- 2>"$ERR" </dev/null
	else
		${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --today "$TODAY" "$@" >/dev/full 2>"$ERR" </dev/null
	fi
	STATUS=$?
	: >"$OUT"
}
# The output of a write cannot be delivered: 74, nothing written, and no
# confirmation on stderr (it would claim what did not happen).
lost_output() {
	local to=$1; shift
	snapshot lost
	st_out "$to" "$@"
	expect_status 74
	expect_err_has "writing the output failed"
	expect_same_as lost
	if grep -qE 'added|recorded|opened|placed|moved' "$ERR"; then
		fail "a confirmation for a write that was undone"; else pass; fi
}
# Run a write that must succeed; its stdout (an id) is left in $OUT.
ok() { st "$@"; expect_status 0; }

ok pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4
P=$(cat "$OUT")
ok pupil add --surname Okafor --forename Tobi --dob 2015-05-02 --year 6
E=$(cat "$OUT")
ok register add "$E" --status E --date 2026-01-10 --plan-date 2025-12-01 --parents-informed 2026-01-10
ok pupil add --surname Patel --forename Ria --dob 2016-02-03 --year 5
K=$(cat "$OUT")
ok register add "$K" --status K --date 2026-09-01 --parents-informed 2026-09-01

t "the output of every kind of write cannot be delivered: 74 and nothing written"
for to in full closed; do
	lost_output $to pupil add --surname Lost --forename Output --dob 2016-01-01 --year 5
	lost_output $to register add "$P" --status K --date 2026-09-01 --parents-informed 2026-09-01
	lost_output $to cycle open "$K" --date 2026-09-02
	lost_output $to ehcp review "$E" --date 2026-11-20
	lost_output $to meeting add "$P" --date 2026-09-03 --with parents --purpose other
	lost_output $to specialist add "$P" "Speech and language therapy" --consent-date 2026-09-01
done
ok register add "$P" --status K --date 2026-09-01 --parents-informed 2026-09-01
ok cycle open "$P" --date 2026-09-02
for to in full closed; do
	lost_output $to outcome add "$P" "Reads 20 common exception words"
	lost_output $to provision add "$P" "Reading group" --staff TA --sessions 3 --minutes 30 \
		--group-size 4 --hourly-cost 15 --start 2026-09-02
	lost_output $to register remove "$P" --date 2026-11-01 --reason "no longer needed"
done
ok need add "$P" SPLD --rank 1
ok pupil leave "$E" --date 2026-07-20
lost_output full purge --left-before 2026-08-01
t "the same for the writes of issue 12 that print an id: a request, a booked meeting"
for to in full closed; do
	lost_output $to ehcna request "$P" --by parent --date 2026-11-20
	lost_output $to meeting add "$P" --date 2026-12-10 --with parents --purpose other
done
t "a calendar that cannot be delivered: 74"
st_out full export calendar --output -
expect_status 74
printf 'UPN,Surname,Forename,DOB,Year\nA123456789012,Dry,Run,2016-01-01,5\n' >"$T_DIR/dry.csv"
lost_output full import pupils "$T_DIR/dry.csv" --dry-run --date-format ymd

t "after the failures, the same writes succeed and their ids are the next ones"
st pupil add --surname Lost --forename Output --dob 2016-01-01 --year 5
expect_status 0
if file_only "a rolled-back id is handed out again (a PostgreSQL sequence never hands one out twice)"; then
	expect_out 4
else
	t "after the failures, the same writes succeed; an id printed and voided is never used again"
	[ "$(cat "$OUT")" -gt 4 ] && pass || fail "id $(cat "$OUT") reused a voided one"
	[ "$(db_sql "SELECT count(*) FROM pupil WHERE surname = 'Lost'")" = 1 ] && pass || fail "not one Lost pupil"
fi

t "a write that prints nothing succeeds whatever its stdout: it has nothing to lose"
st_out full config set due-window-days 21
expect_status 0
st config get due-window-days
expect_out 21

t "a read command whose output is lost exits 74; check too, whatever it found"
st_out full pupil list
expect_status 74
st check
[ "$STATUS" = 1 ] || [ "$STATUS" = 2 ] && pass || fail "check found nothing to report"
for to in full closed; do
	st_out $to check
	expect_status 74
	st_out $to check --format csv
	expect_status 74
done
t "check's summary is not printed when its report was lost"
st_out full check
if grep -q "overdue, " "$ERR"; then fail "summary of a lost report"; else pass; fi

# Hold the write lock of the test database from another program (sqlite3)
# until release_db_lock; $1 is the SQL that takes it. On a trust: the
# school's writer lock (the advisory lock every write takes, as
# test_pg_writers.sh), held by psql.
hold_db_lock() {
	if on_pg; then pg_hold_school_lock; return; fi
	rm -f "$T_DIR/holder.fifo" "$T_DIR/holder.out"
	mkfifo "$T_DIR/holder.fifo"
	sqlite3 "$SENTRACK_DB" <"$T_DIR/holder.fifo" >"$T_DIR/holder.out" 2>&1 &
	HOLDER=$!
	exec 8>"$T_DIR/holder.fifo"
	printf '%s\nSELECT '"'held'"';\n' "$1" >&8
	for _ in $(seq 1 600); do grep -q held "$T_DIR/holder.out" && return; sleep 0.05; done
	fail "the lock was not taken: $(cat "$T_DIR/holder.out")"
}
release_db_lock() {
	if on_pg; then pg_release_school_lock; return; fi
	printf 'COMMIT;\n' >&8
	exec 8>&-
	wait "$HOLDER"
}
busy() {
	snapshot busy
	SENTRACK_BUSY_TIMEOUT=0 st "$@"
	expect_status 75
	expect_err_has "database is busy"
	expect_err_has "nothing was written"
	expect_out_empty
	expect_same_as busy
}

t "busy: another program holds the write lock; every kind of write gives 75, nothing written"
hold_db_lock "BEGIN IMMEDIATE;"
busy pupil add --surname Busy --forename Writer --dob 2016-01-01 --year 5
busy register inform "$P" --date 2026-09-05
busy cycle open "$E"
busy outcome add "$P" "Writes a sentence"
busy need add "$P" SLCN --rank 2
busy config set due-window-days 7
busy import pupils "$T_DIR/dry.csv" --date-format ymd
busy pupil erase "$E" --confirm "$E"
release_db_lock

t "busy at COMMIT (--no-wal: a reader keeps the writer from committing): 75, the printed id is void"
if file_only "a file's rollback journal and its locks"; then
export SENTRACK_DB="$T_DIR/journal.db"
st init --no-wal
expect_status 0
ok pupil add --surname First --forename Pupil --dob 2016-01-01 --year 5
hold_db_lock "BEGIN; SELECT count(*) FROM pupil;"
snapshot commit_busy
SENTRACK_BUSY_TIMEOUT=0 st pupil add --surname Second --forename Pupil --dob 2016-01-01 --year 5
expect_status 75
expect_err_has "while committing"
expect_err_has "nothing was written"
expect_err_has "ignore any id printed above"
if grep -q "added pupil" "$ERR"; then fail "confirmed a write that was undone"; else pass; fi
release_db_lock
expect_same_as commit_busy

t "a read-only command meeting an unfinished write (a hot journal) exits 75, not 74"
# A writer killed mid-transaction leaves a journal no one holds a lock on;
# only a read-write connection may roll it back.
rm -f "$T_DIR/writer.fifo"
mkfifo "$T_DIR/writer.fifo"
sqlite3 "$SENTRACK_DB" <"$T_DIR/writer.fifo" >"$T_DIR/writer.out" 2>&1 &
writer=$!
disown "$writer" # killed below: no "Killed" notice from the shell
exec 7>"$T_DIR/writer.fifo"
printf "PRAGMA cache_size=2;\nBEGIN;\nCREATE TABLE junk(x);\n%s\nUPDATE pupil SET surname = 'Changed';\nSELECT 'spilled';\n" \
	"WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 5000) INSERT INTO junk SELECT randomblob(300) FROM c;" >&7
for _ in $(seq 1 600); do grep -q spilled "$T_DIR/writer.out" && break; sleep 0.05; done
kill -9 "$writer"
while kill -0 "$writer" 2>/dev/null; do sleep 0.05; done
exec 7>&-
[ -s "$SENTRACK_DB-journal" ] && pass || fail "no hot journal was left"
for cmd in check "pupil list" "export register"; do
	SENTRACK_BUSY_TIMEOUT=0 st $cmd
	expect_status 75
	expect_err_has "unfinished"
done
t "the next read-write open completes the recovery; nothing of the killed write remains"
st doctor --upgrade
expect_status 0
st pupil list
expect_status 0
expect_out_has "First"
expect_out_lacks "Changed"
export SENTRACK_DB="$T_DIR/test.db"
fi

t "messages name the file, say what it is, and keep the reason of a long one"
if file_only "messages about a database file"; then
st --db "$T_DIR" pupil list
expect_status 66
expect_err_has "database $T_DIR is a directory, not a database file"
printf 'notes about a pupil\n%.0s' $(seq 1 100) >"$T_DIR/notes.txt"
st --db "$T_DIR/notes.txt" check
expect_status 65
expect_err_has "$T_DIR/notes.txt"
expect_err_has "not a database"
# 30 directories of 100 characters: long, but every name within NAME_MAX
long="$T_DIR/$(for _ in $(seq 1 30); do printf 'd%.0s' $(seq 1 100); printf /; done)x.db"
st --db "$long" pupil list
expect_status 66
expect_err_has "(or point --db / SENTRACK_DB at the right file)"
expect_err_has "database $T_DIR/ddd"
[ "$(wc -c <"$ERR")" -lt 1100 ] && pass || fail "message of $(wc -c <"$ERR") bytes"
fi

t "full disk: every kind of write fails with 74 and writes nothing"
DISK="$T_DIR/disk"
mkdir -p "$DISK"
if ! file_only "a file's disk filling up (a trust's server has its own)"; then :
elif ! mount -t tmpfs -o size=1m,mode=0700 tmpfs "$DISK" 2>"$T_DIR/mount.err"; then
	echo "SKIP: full disk: cannot mount a small tmpfs here ($(cat "$T_DIR/mount.err")); CI must be able to"
else
	for mode in wal no-wal; do
		export SENTRACK_DB="$DISK/$mode.db"
		st init $([ $mode = no-wal ] && echo --no-wal)
		expect_status 0
		ok pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4
		p=$(cat "$OUT")
		ok register add "$p" --status K --date 2026-09-01 --parents-informed 2026-09-01
		ok cycle open "$p" --date 2026-09-02
		snapshot full
		fill_disk() {
			dd if=/dev/zero of="$DISK/filler" bs=4k 2>/dev/null
			dd if=/dev/zero of="$DISK/tail" bs=512 2>/dev/null
		}
		if [ $mode = wal ]; then
			t "full disk: no room to create the -shm file: 74, disk full"
			fill_disk
			st pupil add --surname Full --forename Disk --dob 2016-01-01 --year 5
			expect_status 74
			expect_err_has "disk full"
			rm -f "$DISK/filler" "$DISK/tail"
			t "full disk: every kind of write fails with 74 and writes nothing"
			# A reader keeps the -wal and -shm files and pins the log:
			# writes must grow it.
			hold_db_lock "BEGIN; SELECT count(*) FROM pupil;"
		fi
		fill_disk
		for cmd in "pupil add --surname Full --forename Disk --dob 2016-01-01 --year 5 --class $(printf 'x%.0s' $(seq 1 30))" \
			"register remove $p --date 2026-11-01 --reason $(printf 'z%.0s' $(seq 1 150))" \
			"outcome add $p $(printf 'y%.0s' $(seq 1 900))" \
			"config set due-window-days 9" \
			"import pupils $T_DIR/dry.csv --date-format ymd"; do
			st $cmd
			[ "$STATUS" = 74 ] && pass || fail "$mode: ${cmd:0:60}: status $STATUS, expected 74"
			expect_err_has "disk full"
		done
		[ $mode = wal ] && release_db_lock
		rm -f "$DISK/filler" "$DISK/tail"
		expect_same_as full
		t "full disk ($mode): with room again the same write succeeds"
		ok pupil add --surname Full --forename Disk --dob 2016-01-01 --year 5
		expect_out 2
		t "full disk: every kind of write fails with 74 and writes nothing"
	done
	export SENTRACK_DB="$T_DIR/test.db"
	umount "$DISK"
fi

done_testing
