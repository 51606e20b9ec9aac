# test_json.sh - `--format json` for scripts (issue 16): valid JSON (jq
# parses it), the same records as the text output, names with accents and
# quotes intact, [] rather than nothing when nothing is found.
. "$(dirname "$0")/lib.sh"
export SENTRACK_DB="$T_DIR/demo.db"
st demo
expect_status 0
jqq() { jq -r "$@" "$OUT"; }

t "pupil list: an array of pupils, accents and apostrophes intact"
st pupil list --format json
expect_status 0
[ "$(jqq length)" = 29 ] && pass || fail "$(jqq length) pupils"
[ "$(jqq '.[] | select(.id == 2) | .forename')" = "Zoë" ] && pass || fail "Zoë"
[ "$(jqq '.[] | select(.id == 21) | .surname')" = "D'Souza" ] && pass || fail "D'Souza"
[ "$(jqq '[.[] | select(.status == "K")] | length')" -gt 5 ] && pass || fail "K pupils"
[ "$(jqq '.[0].left')" = null ] && pass || fail "left is not null"

t "pupil show: one object"
st pupil show "zoe brown" --format json
expect_status 0
[ "$(jqq '.surname + "," + .year + "," + .primary_need')" = "Brown,4,SLCN" ] && pass ||
	fail "$(cat "$OUT")"

t "register list: the pupils on the register, filters as in text"
st register list --format json --year R
[ "$(jqq '[.[].status] | unique | join(",")')" = "K" ] && pass || fail "statuses"
st register list --format json
n_json=$(jqq length)
st register list
[ "$n_json" = "$(($(wc -l <"$OUT") - 1))" ] && pass || fail "json $n_json rows, text differs"

t "cycle list and cycle show"
st cycle list --format json --overdue
expect_status 0
jqq '.[] | "\(.forename) \(.surname) \(.review_date) \(.phase)"' >"$T_DIR/names"
grep -q "^Zoë Brown 2026-11-22 review" "$T_DIR/names" && pass || fail "$(cat "$T_DIR/names")"
st cycle show "Amir Khan" --format json
expect_status 0
[ "$(jqq '.pupil.surname')" = Khan ] && pass || fail "pupil"
[ "$(jqq '.outcome_list | length')" = "$(jqq '.outcomes')" ] && pass || fail "outcomes"
[ "$(jqq '.outcome_list[0].area')" = CL ] && pass || fail "area"
st cycle show "Owen Evans" --format json
[ "$(jqq '.cycle')" = null ] && pass || fail "no open cycle: $(cat "$OUT")"

t "check: an array of findings; [] when nothing is found, exit status as in text"
st check --format json
expect_status 2
[ "$(jqq '[.[] | select(.severity == "overdue")] | length')" -gt 0 ] && pass || fail "overdue"
st check --format json --rule ehcp-annual-review --pupil "Zoë Brown"
expect_status 0
expect_out "[]"

t "a format the command does not have is refused"
refuse 65 "--format xml: not a format (one of text, json)" pupil list --format xml

done_testing
