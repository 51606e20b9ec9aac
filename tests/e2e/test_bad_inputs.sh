# test_bad_inputs.sh - the bad-input catalogue (tests/bad_inputs/cases.txt):
# every case exits with its documented status, names the field and rule in
# its message, raises no sanitizer or valgrind report and leaves the
# database unchanged (same .dump; a non-database file byte-for-byte).
#
# cases.txt: one case a line, tab-separated: STATUS, FRAGMENT (of stderr),
# SETUP, ARGS. ARGS are shell words ($F is tests/bad_inputs/files, $T a
# scratch directory). SETUP is the database the case runs against: `-` the
# demo database, `textdb` a text file, `newerdb` a schema from a newer
# sentrack, `rodb` a read-only file, `fulldisk` no room to grow (ulimit -f),
# `nodb` none at all, `filedb` the demo database as a file (a case about
# files only). Lines starting with # are comments.
#
# On a trust's PostgreSQL database (e2e-pg/) the `-` cases run against the
# demo moved into school 100001, the rows compared before and after (by
# their fingerprint, pg_suite.sh: a pg_dump a case would double the time); the
# other setups are a file's and are listed as skipped (file_only).
. "$(dirname "$0")/lib.sh"
CASES="$SENTRACK_SOURCE_DIR/tests/bad_inputs/cases.txt"
F="$SENTRACK_SOURCE_DIR/tests/bad_inputs/files"
T="$T_DIR/scratch"
mkdir -p "$T"
export SENTRACK_DB="$T_DIR/demo.db"
st demo
expect_status 0
if on_pg; then pg_fingerprint >"$T_DIR/base"; else
	# the -wal is kept between commands: fold it into the file before a plain cp
	sqlite3 "$SENTRACK_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	cp "$SENTRACK_DB" "$T_DIR/base.db"
fi
awk -v rows=3000 -f "$SENTRACK_SOURCE_DIR/tests/e2e/gen_pupils.awk" >"$T/big.csv"

# Put the case's database in place; print the path of its "before" image.
setup() {
	if on_pg; then cp "$T_DIR/base" "$T_DIR/before"; return; fi
	rm -f "$T_DIR"/case.db*
	export SENTRACK_DB="$T_DIR/case.db"
	case "$1" in
	textdb) printf 'Dear parents,\nthis is not a database.\n' >"$SENTRACK_DB" ;;
	nodb) ;;
	*) cp "$T_DIR/base.db" "$SENTRACK_DB" ;;
	esac
	case "$1" in
	newerdb) sqlite3 "$SENTRACK_DB" 'PRAGMA user_version = 99' ;;
	rodb) chmod 400 "$SENTRACK_DB" ;;
	esac
	image >"$T_DIR/before"
}
image() {
	if on_pg; then pg_fingerprint; return; fi
	if [ ! -e "$SENTRACK_DB" ]; then echo "(no file)"
	elif [ "$(head -c 15 "$SENTRACK_DB")" = "SQLite format 3" ]; then sqlite3 "$SENTRACK_DB" .dump
	else cat "$SENTRACK_DB"; fi
}

n=0
while IFS=$'\t' read -r want fragment setup args; do
	case "$want" in '#'* | '') continue ;; esac
	n=$((n + 1))
	eval "set -- $args"
	t "case $n: sentrack $args"
	[ "$setup" = - ] || file_only "the case's database is a file ($setup)" || continue
	setup "$setup"
	if [ "$setup" = fulldisk ]; then
		# 40 KiB: room for the -shm index, none for the write; EFBIG
		# instead of SIGXFSZ, so the write fails as on a full disk
		(trap '' XFSZ; ulimit -f 40; st "$@"; echo "$STATUS" >"$T_DIR/status")
		STATUS=$(cat "$T_DIR/status")
		grep -q -e 'ERROR: AddressSanitizer' -e 'runtime error:' "$ERR" && fail "sanitizer report"
	elif [ "$setup" = rodb ]; then
		st_nodac "$@"
	else
		st "$@"
	fi
	if [ -n "${SENTRACK_BAD_INPUTS_DRAFT:-}" ]; then
		printf '%s\t%s\t%s\t%s\n' "$STATUS" "$(head -1 "$ERR")" "$setup" "$args"
		continue
	fi
	expect_status "$want"
	expect_err_has "$fragment"
	[ "$setup" = rodb ] && chmod 600 "$SENTRACK_DB"
	image >"$T_DIR/after"
	cmp -s "$T_DIR/before" "$T_DIR/after" && pass || fail "database changed"
done <"${SENTRACK_BAD_INPUTS_DRAFT:-$CASES}"
echo "bad inputs: $n cases"
[ "$n" -ge 150 ] || [ -n "${SENTRACK_BAD_INPUTS_DRAFT:-}" ] && pass || fail "only $n cases"

done_testing
