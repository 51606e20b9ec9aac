# pg_both.sh - the same commands on a database file and on a trust's
# PostgreSQL database: their output, messages and exit statuses must be
# identical (issue 14, "output identical to SQLite for the same data").
# Source after lib.sh and pg_lib.sh; call both_start, then `both ARGS...`.
#
# The trust: schools 100001 (role senco_a, the one compared with the file)
# and 100002 (senco_b), and trust_lead reading every school. Ids come from
# one sequence per table for the whole trust, so a test writes to school A
# alone while it compares, and ids match the file's.

# Times of day (2026-12-01T06:20:56Z) are the clock's, not the data's.
both_filter() {
	sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z/<time>/g' \
		${BOTH_SED:+-e "$BOTH_SED"} "$1"
}

both_start() {
	pg_start
	FILE_DB=$T_DIR/both.db
	PG_A=$(pg_db senco_a)
	PG_B=$(pg_db senco_b)
	PG_LEAD=$(pg_db trust_lead)
	PG_ADMIN=$(pg_db trust_admin)
	local step
	for step in "trust init" "trust school add 100001 Ashfield" "trust school add 100002 Beech" \
		"trust grant senco_a --school 100001" "trust grant senco_b --school 100002" \
		"trust grant trust_lead --all-schools"; do
		# shellcheck disable=SC2086 # the step's words
		st --db "$PG_ADMIN" $step
		[ "$STATUS" = 0 ] || { fail "$step: $(cat "$ERR")"; done_testing; exit; }
	done
	st --db "$FILE_DB" init
	[ "$STATUS" = 0 ] || { fail "init of the file: $(cat "$ERR")"; done_testing; exit; }
}

# Run the command on the file and on school A: same stdout, stderr and
# status, else fail showing the difference (a usage error, 64, is a
# mistake in the test, never a comparison). Times of day are masked in
# both outputs; BOTH_SED (a sed -E script), when set, is applied too.
both() {
	# the file side is the file suite's to check under valgrind: here it
	# only gives the expected output, so it runs without the wrapper
	SENTRACK_WRAPPER= st --db "$FILE_DB" "$@"
	local file_status=$STATUS
	both_filter "$OUT" >"$T_DIR/both.file.out"
	cp "$ERR" "$T_DIR/both.file.err"
	# Under valgrind (~2 s a command) a command line runs in valgrind the
	# first time only: the sweeps of reads after each step repeat the same
	# ~30 lines, whose code valgrind has seen; ASan still checks every run.
	# (%q keeps a command line one line, whatever newlines its words hold)
	local wrapper=${SENTRACK_WRAPPER:-} line
	line=$(printf '%q ' "$@")
	if [ -n "$wrapper" ] && grep -qxF -- "$line" "$T_DIR/both.valgrinded" 2>/dev/null; then
		wrapper=
	elif [ -n "$wrapper" ]; then
		printf '%s\n' "$line" >>"$T_DIR/both.valgrinded"
	fi
	SENTRACK_WRAPPER=$wrapper st --db "$PG_A" "$@"
	both_filter "$OUT" >"$T_DIR/both.pg.out"
	cp "$T_DIR/both.pg.out" "$OUT"
	if [ "$file_status" = 64 ]; then
		# the same usage error on both compares nothing: the test is wrong
		fail "sentrack $*: a usage error (64) on the file: $(head -2 "$T_DIR/both.file.err")"
	elif [ "$STATUS" != "$file_status" ]; then
		fail "sentrack $*: exit $file_status on the file, $STATUS on PostgreSQL: $(head -3 "$ERR")"
	elif ! cmp -s "$OUT" "$T_DIR/both.file.out"; then
		fail "sentrack $*: stdout differs (< file, > PostgreSQL):
$(diff "$T_DIR/both.file.out" "$OUT" | head -20)"
	elif ! cmp -s "$ERR" "$T_DIR/both.file.err"; then
		fail "sentrack $*: stderr differs (< file, > PostgreSQL):
$(diff "$T_DIR/both.file.err" "$ERR" | head -20)"
	else
		pass
	fi
}
