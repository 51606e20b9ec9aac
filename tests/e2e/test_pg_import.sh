# test_pg_import.sh - `import pupils` on a trust's PostgreSQL database: new,
# updated and unchanged pupils, errors, all or nothing, and `pupil show`'s
# import, with the same output as on a file (issue 14; the files as
# tests/e2e/test_import.sh reads them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
. "$(dirname "$0")/pg_both.sh"
both_start
DATA="$SENTRACK_SOURCE_DIR/tests/data"
cd "$DATA" || exit 1   # messages name files as typed
TODAY=2026-11-25
# the import's start is the clock's, not the data's
TIMES="s/[0-9-]{10}T[0-9:]{8}Z/TIME/g"

# Real imports first: a failed or dry-run import is rolled back, and on
# PostgreSQL what it drew from the id sequences is not given back (on the
# file it is), so the ids after one would differ. The errors and dry runs
# come last, on pupils whose ids are already set.
t "new pupils: the SIMS and Arbor exports"
both import pupils sims_pupils.csv --date 2026-11-20
both import pupils arbor_pupils.csv
both pupil list
both register list
BOTH_SED=$TIMES both pupil show K999300024003
BOTH_SED=$TIMES both pupil show C999300024006
BOTH_SED=$TIMES both log --pupil K999300024003 # the import's own audit row (import_run.audit_id)

t "--update: the same file changes nothing; then changed name, class, status and needs"
both import pupils sims_pupils.csv --update --date 2026-11-20
sed -e 's/,Brown,Zoë,,22\/07\/2017,4,4M,A,slcn,ASD,/,Brown-Lee,Zoë,,22\/07\/2017,5,5H,,,,/' \
	-e 's/,Khan,Amir,,01\/05\/2021,Reception,RC,P,SEMH,,/,Khan,Amir,,01\/05\/2021,Reception,RC,P,ASD,SEMH,/' \
	sims_pupils.csv >"$T_DIR/changed.csv"
both import pupils "$T_DIR/changed.csv" --update --sen-from-file
BOTH_SED=$TIMES both pupil show W999300024002
both register list
both pupil list --status K
BOTH_SED="s/^[0-9T:Z-]{20}//" both log --limit 4

# The trust's import stages new pupils (COPY into TEMP tables, then
# INSERT ... SELECT): the same rows, ids, register, needs and audit as the
# file's, one by one.
GEN="$SENTRACK_SOURCE_DIR/tests/e2e/gen_pupils.awk"
# every table an import writes, counted by the superuser (no row-level security)
COUNTS="SELECT concat_ws(' ', (SELECT count(*) FROM sentrack.pupil), (SELECT count(*) FROM
	sentrack.register_event), (SELECT count(*) FROM sentrack.pupil_need), (SELECT count(*) FROM
	sentrack.need_history), (SELECT count(*) FROM sentrack.import_run), (SELECT count(*) FROM
	sentrack.audit))"
counts() { pg_sql postgres "$COUNTS" postgres; cat "$OUT"; }
# The hundreds of rows run without valgrind (CI time); the awkward file's
# few rows below take the same staging path under it.
nv() { SENTRACK_WRAPPER='' "$@"; }
t "a first import of 300 pupils, at K and E with needs, staged: the same as the file's"
awk -v rows=300 -f "$GEN" >"$T_DIR/many.csv"
nv both import pupils "$T_DIR/many.csv" --date 2026-11-20
nv both pupil list
nv both register list
nv both export register
SEN_UPN=$(awk -F, 'NR > 1 && $7 == "K" { print $1; exit }' "$T_DIR/many.csv")
BOTH_SED=$TIMES nv both pupil show "$SEN_UPN"
BOTH_SED="s/^[0-9T:Z-]{20}//" nv both log --limit 2
pg_sql senco_a "SELECT count(*) FROM sentrack.pupil WHERE import_line IS NOT NULL AND status_event
	IS NULL AND status IS NOT NULL"
expect_out 0 # each pupil placed on the register points at its own event

t "--update --sen-from-file: some pupils changed, some added (rows 301 to 350)"
# the generator's first 300 rows are many.csv's; then names, classes and a status change
awk -v rows=350 -f "$GEN" | awk -F, -v OFS=, 'NR == 5 { $2 = $2 "-Smith" } NR == 9 { $6 = "9Z" }
	NR == 20 { $3 = "Renamed" } NR > 20 && !done && $7 == "K" { $7 = ""; $8 = ""; done = 1 }
	NR > 40 && !up && $7 == "K" { $7 = "E"; up = 1 } { print }' >"$T_DIR/many2.csv"
nv both import pupils "$T_DIR/many2.csv" --update --sen-from-file --date 2026-11-21
nv both pupil list
nv both register list
nv both export register
BOTH_SED="s/^[0-9T:Z-]{20}//" nv both log --limit 3

t "awkward text through COPY: quotes, commas, backslashes, \\. and \\N, non-ASCII"
AW=$(awk -v rows=410 -f "$GEN" | tail -4 | cut -d, -f1 | tr '\n' ' ')
read -r AW1 AW2 AW3 AW4 <<<"$AW"
{
	printf 'UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,NC Year Actual,Reg Group,SEN Provision,Primary Need,Secondary Need\r\n'
	printf '%s,"O'\''Brien, ""Jr""",Se\303\241n,"\\.",01/02/2015,Year 5,"5\\B",K,SEMH,\r\n' "$AW1"
	printf '%s,Nguy\341\273\205n,Th\341\273\213,,02/03/2016,Year 4,"a,b",K,ASD,SLCN\r\n' "$AW2"
	printf '%s,Wi\305\233niewska,"Zo\303\253 ""Z""",\\N,03/04/2017,Year 3,"\\.",,,\r\n' "$AW3"
	printf '%s,"Back\\slash\\\\",",",";x\\ty",04/05/2018,Year 2,"""",K,MLD,\r\n' "$AW4"
} >"$T_DIR/awkward.csv"
both import pupils "$T_DIR/awkward.csv"
for u in $AW; do BOTH_SED=$TIMES both pupil show "$u"; done
BOTH_SED=$TIMES both export pupil "$AW4"
pg_sql senco_a "SELECT concat_ws('|', surname, forename, preferred, class) FROM sentrack.pupil WHERE
	upn IN ('$AW1', '$AW4') ORDER BY upn = '$AW4'"
expect_out "O'Brien, \"Jr\"|Seán|\\.|5\\B
Back\\slash\\\\|,|;x\\ty|\""

t "a rule refusing a new pupil's need names \"the new pupil\", as on the file, never an id (65)"
# the import is rolled back, so the pupil's id would name no pupil (and on
# the trust it is still a placeholder): the problem's line and column say
# which; the three census rules, the last one for a pupil with no SEN status
read -r N1 N2 N3 <<<"$(awk -v rows=433 -f "$GEN" | tail -3 | cut -d, -f1 | tr '\n' ' ')"
printf 'UPN,Legal Surname,Legal Forename,DOB,NC Year Actual,Reg Group,SEN Provision,Primary Need,Secondary Need\r
%s,Ash,Amy,01/02/2015,Year 5,5A,E,NSA,\r\n%s,Birch,Ben,01/02/2015,Year 5,5A,K,NSA,SEMH\r
%s,Cole,Cat,01/02/2015,Year 5,5A,,SEMH,\r\n' "$N1" "$N2" "$N3" >"$T_DIR/nsa.csv"
both import pupils "$T_DIR/nsa.csv"
expect_err_has "nsa.csv:2:46: TYPE NSA: the new pupil has an EHC plan (E), whose needs"
expect_err_has "nsa.csv:3:52: --rank 2: the new pupil's primary need is NSA, which takes"
expect_err_has "nsa.csv:4:46: the new pupil: is not on the SEN register; (DfE school census"
if grep -qE 'pupil -?[0-9]' "$ERR" "$OUT"; then fail "an id named: $(grep -hE 'pupil -?[0-9]' "$ERR" "$OUT")"; else pass; fi

t "dry runs and errors: nothing written, each error with its line and column"
both import pupils sims_pupils.csv --update --dry-run
both import pupils arbor_pupils.csv --dry-run
both import pupils sims_pupils.csv
both import pupils bromcom_bad.csv
both import pupils malformed_quote.csv
both import pupils missing_columns.csv
both pupil list
BOTH_SED=$TIMES both pupil show W999300024002

t "one bad row after 50 new pupils: 65, nothing written; a tab or a newline in a name: 65"
BEFORE=$(counts)
{ awk -v rows=400 -f "$GEN"; printf 'X999000024999,Late,Row,31/02/2015,Year 5,5A,,,\r\n'; } >"$T_DIR/bad_end.csv"
nv both import pupils "$T_DIR/bad_end.csv" --update
[ "$(counts)" = "$BEFORE" ] && pass || fail "rows written by a failed import: $BEFORE, now $(counts)"
{
	head -1 "$T_DIR/awkward.csv"
	printf '%s,Tab,"a\tb",,01/02/2015,Year 5,5A,,,\r\n' "$(awk -v rows=420 -f "$GEN" | tail -1 | cut -d, -f1)"
	printf '%s,"New\nLine",Ann,,01/02/2015,Year 5,5A,,,\r\n' "$(awk -v rows=421 -f "$GEN" | tail -1 | cut -d, -f1)"
} >"$T_DIR/controls.csv"
both import pupils "$T_DIR/controls.csv"
nv both import pupils "$T_DIR/bad_end.csv" --update --dry-run
[ "$(counts)" = "$BEFORE" ] && pass || fail "rows written by a failed or dry-run import"

t "school B has none of school A's imports"
st --db "$PG_B" pupil show W999300024002
expect_status 65
st --db "$PG_B" import pupils arbor_pupils.csv
expect_status 0
expect_err_has "2 new, 0 updated, 0 unchanged"

t "a read-only role's import: 77, nothing written"
st --db "$PG_ADMIN" trust grant governor_a --school 100001 --read-only; expect_status 0
BEFORE=$(counts)
st --db "$(pg_db governor_a)" import pupils "$T_DIR/bad_end.csv"
expect_status 77
[ "$(counts)" = "$BEFORE" ] && pass || fail "a read-only role's import wrote rows"

t "kill -9 of the client while the staged rows are written: nothing; then the import succeeds"
# 2000 UPNs of nobody yet; the lock, not the size, stops the import where it is killed
awk -v rows=3000 -f "$GEN" | awk 'NR == 1 || NR > 1001' >"$T_DIR/big.csv"
BEFORE=$(counts)
SUPER=$(pg_db postgres)
# gives_1 DB SQL: the query's answer is 1 (polled with wait_until, at most a minute)
gives_1() { [ "$(psql -X -At "$1" -c "$2" 2>/dev/null)" = 1 ]; }
# the import has ended, or waits to insert the needs
at_needs() {
	! kill -0 "$IMP" 2>/dev/null || gives_1 "$SUPER" "SELECT count(*) FROM pg_catalog.pg_stat_activity
		WHERE usename = 'senco_a' AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO pupil_need%'"
}
# The import of big.csv in the background (IMP), stopped at its needs, its
# pupils and register events inserted: the admin holds pupil_need (SHARE:
# reads go on, inserts wait).
stopped_import() {
	psql -X -q "$PG_ADMIN" -c "BEGIN; LOCK TABLE sentrack.pupil_need IN SHARE MODE; SELECT pg_sleep(600)" >/dev/null 2>&1 &
	LOCKER=$!
	wait_until 60 gives_1 "$PG_ADMIN" "SELECT count(*) FROM pg_catalog.pg_locks WHERE relation =
		'sentrack.pupil_need'::regclass AND mode = 'ShareLock' AND granted" || fail "the lock was not taken"
	SENTRACK_BUSY_TIMEOUT=60000 "$SENTRACK_BIN" --db "$PG_A" import pupils "$T_DIR/big.csv" >"$OUT" 2>"$ERR" &
	IMP=$!
	wait_until 60 at_needs && kill -0 "$IMP" 2>/dev/null || fail "the import did not stop at its needs"
}
# The lock let go; every session of senco_a ended.
release_needs() {
	kill "$LOCKER"; wait "$LOCKER" 2>/dev/null
	psql -X -q "$SUPER" -c "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()" >/dev/null
	wait_until 60 gives_1 "$SUPER" "SELECT (count(*) = 0)::int FROM pg_catalog.pg_stat_activity WHERE
		usename = 'senco_a'" || fail "the import's session did not end"
}
stopped_import
kill -9 "$IMP"; wait "$IMP" 2>/dev/null
release_needs
[ "$(counts)" = "$BEFORE" ] && pass || fail "a killed import left rows: $BEFORE, now $(counts)"

t "the server ends the import's connection while it writes: 74, nothing written"
stopped_import
psql -X -q "$SUPER" -c "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE usename = 'senco_a'" >/dev/null
wait "$IMP"; STATUS=$?
[ "$STATUS" = 74 ] && pass || fail "exit status $STATUS, expected 74 ($(cat "$ERR"))"
expect_err_has "the connection to the server was lost"
release_needs
[ "$(counts)" = "$BEFORE" ] && pass || fail "a lost connection left rows: $BEFORE, now $(counts)"
# the staging is checked under valgrind by the imports above: not this big one again
SENTRACK_WRAPPER= st --db "$PG_A" import pupils "$T_DIR/big.csv"
expect_status 0
expect_err_has "2000 new, 0 updated, 0 unchanged"
pg_sql senco_a "SELECT count(*) FROM sentrack.pupil_need n JOIN sentrack.pupil p ON p.id = n.pupil_id
	WHERE p.import_line IS NOT NULL AND p.surname ~ '^Surname[0-9]{4}$'"
expect_out "$(awk -F, 'NR > 1 && $8 != ""' "$T_DIR/big.csv" | wc -l)"

done_testing
