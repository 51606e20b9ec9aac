# test_output.sh - output for people (issue 16): `sentrack today`/`agenda`,
# colour only on a terminal without NO_COLOR, export progress only when
# stderr is a terminal. script(1) gives the program a real terminal.
. "$(dirname "$0")/lib.sh"
export SENTRACK_DB="$T_DIR/demo.db"
TODAY=2026-11-25
st demo
expect_status 0
ESC=$(printf '\033')
# run sentrack on a pseudo-terminal (stdout and stderr both), output in $OUT
on_tty() {
	script -qec "$(printf '%q ' "$SENTRACK_BIN" --today "$TODAY" "$@")" /dev/null >"$OUT" 2>&1 </dev/null
	STATUS=$?
}

t "today: this week's reviews, meetings, EHC steps and overdue items on one screen"
st today
expect_status 0
expect_out_has "Today 2026-11-25; this week 2026-11-23 to 2026-11-29"
expect_out_has "Reviews this week:"
expect_out_has "Meetings this week:"
expect_out_has "EHC plans and needs assessments:"
expect_out_has "Anya D'Souza (Y5)"
expect_out_has "EHC plan annual review  (overdue)  [Code 9.166, 9.178]"
expect_out_has "Overdue:"
expect_out_has "parents not recorded as informed"
# every review in the week's window, and none outside it
st cycle list --format json
jq -r '.[] | select(.review_date >= "2026-11-23" and .review_date <= "2026-11-29")
	| "\(.review_date)  \(.forename) \(.surname)"' "$OUT" >"$T_DIR/week"
st today
while read -r date first last; do
	grep -q "$date  $first $last" "$OUT" && pass || fail "review $date $first $last not shown"
done <"$T_DIR/week"
[ -s "$T_DIR/week" ] && pass || fail "the demo has no review this week: test proves nothing"
st agenda
expect_status 0
expect_out_has "Reviews this week:"
st today --today 2026-12-02
expect_out_has "this week 2026-11-30 to 2026-12-06"

t "colour for severities and phases on a terminal only"
on_tty check --severity overdue
grep -q "${ESC}\[1;31moverdue${ESC}\[0m" "$OUT" && pass || fail "no colour on a terminal: $(head -c 300 "$OUT")"
expect_out_lacks '\x1B' # real escape sequences, not the terminal guard's escaped text
on_tty cycle list
grep -q "${ESC}\[" "$OUT" && pass || fail "no colour for phases"
NO_COLOR=1 on_tty check --severity overdue
grep -q "$ESC" "$OUT" && fail "colour although NO_COLOR is set" || pass
st check --severity overdue
grep -q "$ESC" "$OUT" && fail "colour in a pipe" || pass
expect_out_has "overdue  "

t "export progress on stderr when it is a terminal, nothing otherwise"
awk -v rows=2500 -f "$SENTRACK_SOURCE_DIR/tests/e2e/gen_pupils.awk" >"$T_DIR/pupils.csv"
st import pupils "$T_DIR/pupils.csv"
expect_status 0
on_tty export register --output "$T_DIR/register.csv"
expect_status 0
ROWS=$(($(wc -l <"$T_DIR/register.csv") - 1)) # the data rows, counted ahead by the export
[ "$ROWS" -gt 1000 ] && pass || fail "the export has only $ROWS rows"
expect_out_has "sentrack: register: 999 of $ROWS rows ($((999 * 100 / ROWS))%)..."
expect_out_lacks '\x0D'
grep -q "$(printf '\r')sentrack: register: 999 of" "$OUT" && pass || fail "no carriage return"
st export register --output "$T_DIR/register2.csv"
expect_status 0
grep -q "rows\.\.\." "$ERR" && fail "progress without a terminal" || pass
cmp -s "$T_DIR/register.csv" "$T_DIR/register2.csv" && pass || fail "exports differ"

done_testing
