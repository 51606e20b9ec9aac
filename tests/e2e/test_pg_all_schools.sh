# test_pg_all_schools.sh - check across a trust's schools (issue 14):
# `check --school URN` for one, `--all-schools` for every school the role
# reads, the school's URN first in text, CSV and JSON, the exit status the
# worst across them; a SENCO's --all-schools is its own school alone.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
. "$(dirname "$0")/pg_both.sh"
both_start

t "the demo moved into both schools"
st --db "$T_DIR/demo.db" demo
expect_status 0
st --db "$PG_A" migrate --from "$T_DIR/demo.db" --to "$PG_A" --school 100001
expect_status 0
st --db "$PG_B" migrate --from "$T_DIR/demo.db" --to "$PG_B" --school 100002
expect_status 0

t "check --school: the trust reader checks one school as its SENCO does"
st --db "$PG_A" check
expect_status 2
cp "$OUT" "$T_DIR/a.txt"
st --db "$PG_LEAD" check --school 100001
expect_status 2
expect_out_file "$T_DIR/a.txt"
st --db "$PG_B" check
cp "$OUT" "$T_DIR/b.txt"
st --db "$PG_LEAD" check
expect_status 64
expect_err_has "--school: your database role reads 2 schools"

t "check --all-schools: every school, by URN, each line led by it"
st --db "$PG_LEAD" check --all-schools
expect_status 2
{ sed 's/^/100001  /' "$T_DIR/a.txt"; sed 's/^/100002  /' "$T_DIR/b.txt"; } >"$T_DIR/all.txt"
expect_out_file "$T_DIR/all.txt"
[ -s "$T_DIR/a.txt" ] && [ -s "$T_DIR/b.txt" ] && pass || fail "a school had no findings: the test proves little"
expect_err_has "overdue"

t "check --all-schools --format csv: a school column first"
st --db "$PG_A" check --format csv
tail -n +2 "$OUT" | sed 's/^/"100001",/' >"$T_DIR/a.csv"
st --db "$PG_B" check --format csv
tail -n +2 "$OUT" | sed 's/^/"100002",/' >"$T_DIR/b.csv"
{ st --db "$PG_A" check --format csv
	head -1 "$OUT" | sed 's/^/"school",/'
	cat "$T_DIR/a.csv" "$T_DIR/b.csv"; } >"$T_DIR/all.csv"
st --db "$PG_LEAD" check --all-schools --format csv
expect_status 2
expect_out_file "$T_DIR/all.csv"

t "check --all-schools --format json: each finding names its school"
st --db "$PG_LEAD" check --all-schools --format json
expect_status 2
[ "$(jq '[.[] | .school] | unique' -c "$OUT")" = '["100001","100002"]' ] && pass || fail "schools: $(jq -c '[.[] | .school] | unique' "$OUT")"
[ "$(jq 'length' "$OUT")" = "$(cat "$T_DIR/a.txt" "$T_DIR/b.txt" | wc -l)" ] && pass || fail "not every finding"

t "--quiet across the schools: the worst"
st --db "$PG_LEAD" check --all-schools --quiet
expect_status 2
expect_out_empty
st --db "$PG_LEAD" check --school 100002 --rule terms-not-set
expect_status 1 # attention, not overdue
st --db "$PG_LEAD" check --all-schools --quiet --rule terms-not-set
expect_status 1

t "a SENCO's --all-schools is its own school"
st --db "$PG_A" check --all-schools
expect_status 2
sed 's/^/100001  /' "$T_DIR/a.txt" >"$T_DIR/a_only.txt"
expect_out_file "$T_DIR/a_only.txt"

t "--all-schools takes neither --school nor --pupil (64)"
st --db "$PG_LEAD" check --all-schools --school 100001
expect_status 64
st --db "$PG_LEAD" check --all-schools --pupil 1
expect_status 64
expect_err_has "a pupil is in one school"

done_testing
