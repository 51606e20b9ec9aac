# test_wal_kept.sh - writes keep the write-ahead log between processes
# (issue 15): a write command syncs its commit to the -wal file and leaves
# it there (mode 0600) instead of checkpointing it into the database and
# deleting it on exit; the next process reads the committed rows from it;
# `doctor` and `pupil erase` truncate it. Each write costs two fsyncs, not
# five (counted with strace when it is installed).
. "$(dirname "$0")/lib.sh"
new_db
id=$(must pupil add --surname Kept --forename Inlog --dob 2016-01-01 --year 4)

t "a write leaves its -wal (0600) with the commit in it, not folded into the file"
[ -s "$SENTRACK_DB-wal" ] && pass || fail "no -wal file, or an empty one, after a write"
[ "$(stat -c %a "$SENTRACK_DB-wal")" = 600 ] && pass || fail "-wal mode $(stat -c %a "$SENTRACK_DB-wal")"
[ "$(stat -c %a "$SENTRACK_DB-shm")" = 600 ] && pass || fail "-shm mode $(stat -c %a "$SENTRACK_DB-shm")"
grep -qa Inlog "$SENTRACK_DB" && fail "the row was checkpointed into the file on exit" || pass
grep -qa Inlog "$SENTRACK_DB-wal" && pass || fail "the committed row is not in the -wal"

t "the next process reads the committed row from the kept log"
st pupil show "$id"
expect_status 0
expect_out_has "Inlog"
st check --quiet
[ "$STATUS" -le 2 ] && pass || fail "check exit $STATUS"

t "doctor folds the log into the file and truncates it"
st doctor
expect_status 0
expect_out_has "write-ahead log: truncated, nothing left in $SENTRACK_DB-wal"
[ -s "$SENTRACK_DB-wal" ] && fail "-wal not empty after doctor" || pass
grep -qa Inlog "$SENTRACK_DB" && pass || fail "the row is not in the database file after doctor"

t "pupil erase leaves nothing in the kept log"
id2=$(must pupil add --surname Gone --forename Zebedee --dob 2016-01-01 --year 4)
grep -qa Zebedee "$SENTRACK_DB-wal" && pass || fail "the new row is not in the -wal"
st pupil erase "$id2" --confirm "$id2"
expect_status 0
[ "$(cat "$SENTRACK_DB" "$SENTRACK_DB-wal" | grep -ca Zebedee)" = 0 ] && pass ||
	fail "the erased name is left in the database or its -wal"

t "a write command syncs twice (the log), not five times (log, checkpoint, delete)"
if command -v strace >/dev/null; then
	# after a truncation the first write also syncs the log's new header
	must meeting add "$id" --date "$TODAY" --with parents --purpose other >/dev/null
	# LeakSanitizer cannot run under ptrace: no leak check for this one run
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		strace -f -qq -c -o "$T_DIR/sys" -e trace=fsync,fdatasync \
		"$SENTRACK_BIN" --today "$TODAY" meeting add "$id" --date "$TODAY" --with parents \
		--purpose other >/dev/null 2>&1 || fail "meeting add failed under strace"
	syncs=$(awk '$NF == "fsync" || $NF == "fdatasync" { n += $4 } END { print n + 0 }' "$T_DIR/sys")
	[ "$syncs" -ge 1 ] && [ "$syncs" -le 2 ] && pass || fail "$syncs fsyncs for one write: $(tr '\n' ' ' <"$T_DIR/sys")"
	# the commit is synced: the row is durable in the -wal when the command returns
	st meeting list --pupil "$id"
	[ "$(grep -c other "$OUT")" = 2 ] && pass || fail "the two meetings are not both listed"
else
	skip "strace is not installed (apt-get install strace)"
fi
done_testing
