# test_dates.sh - every kind of date at its boundary: events up to today,
# planned dates up to 10 years ahead, and nothing that leaves the calendar.
. "$(dirname "$0")/lib.sh"

new_db
must pupil add --surname Khan --forename Amir --dob 2018-01-01 --year 3
id=$(cat "$OUT")

t "an EHC plan dated in the future is refused; today is accepted"
refuse 65 "--plan-date 2999-12-30: is in the future (today is 2026-11-25)" \
	register add "$id" --status E --date 2026-11-25 --plan-date 2999-12-30
refuse 65 "--plan-date 2026-11-26: is in the future" \
	register add "$id" --status E --date 2026-11-25 --plan-date 2026-11-26
must register add "$id" --status E --date 2026-11-25 --plan-date 2026-11-25

t "an admission date: today, not tomorrow"
refuse 65 "--joined 2026-11-26: is in the future (today is 2026-11-25)" \
	pupil edit "$id" --joined 2026-11-26
must pupil edit "$id" --joined 2026-11-25

t "the EHC review message names both dates"
refuse 65 "--date 2026-11-24: is before the EHC plan date 2026-11-25" \
	ehcp review "$id" --date 2026-11-24

t "check at the end of the calendar prints no impossible date"
new_db
"$SENTRACK_BIN" --today 2999-12-31 pupil add --surname Lee --forename Ann --dob 2990-01-01 --year 3 >/dev/null 2>&1
st_at_end() { "$SENTRACK_BIN" --today 2999-12-31 "$@" >"$OUT" 2>"$ERR" </dev/null; STATUS=$?; }
st_at_end register add 1 --status E --date 2999-12-30 --plan-date 2999-12-30
expect_status 0
st_at_end check
expect_out_lacks "1970-01-01"
expect_out_lacks "ehcp-annual-review"

done_testing
