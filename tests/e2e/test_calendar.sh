# test_calendar.sh - `sentrack export calendar` (issue 12): review dates,
# planned meetings and EHC plan annual reviews as an iCalendar file, private,
# CRLF lines, all-day events, the range, and its usage errors.
. "$(dirname "$0")/lib.sh"
new_db
TODAY=2026-11-30
k=$(must pupil add --surname "Smith, Jones; Co" --forename Amir --dob 2016-03-04 --year 5)
must register add "$k" --status K --date 2026-09-10 --parents-informed 2026-09-10 >/dev/null
must cycle open "$k" --date 2026-09-14 >/dev/null
must cycle assess "$k" --summary "Reads slowly" --date 2026-09-14 >/dev/null
must outcome add "$k" "Reads 20 words" --measure "Word list" --by 2026-12-01 >/dev/null
must cycle plan "$k" --review-date 2026-12-10 --date 2026-09-15 >/dev/null
m=$(must meeting add "$k" --date 2027-01-20 --with parents,senco --purpose review)
e=$(must pupil add --surname Kowalski --forename Luke --dob 2017-01-01 --year 4)
must register add "$e" --status E --date 2026-01-05 --parents-informed 2026-01-05 --plan-date 2026-01-05 >/dev/null

t "libical is loaded by export calendar alone: the program does not link it (start-up cost)"
if ldd "$SENTRACK_BIN" | grep -q 'libical'; then fail "sentrack links libical"; else pass; fi
if command -v strace >/dev/null; then
	strace -f -e trace=openat -o "$T_DIR/open.trace" "$SENTRACK_BIN" --today "$TODAY" pupil list \
		>/dev/null 2>&1
	if grep -q 'libical' "$T_DIR/open.trace"; then fail "pupil list opened libical"; else pass; fi
fi

t "the calendar file: private, CRLF, one all-day event per date"
st export calendar --output "$T_DIR/sen.ics"
expect_status 0
expect_err_has "wrote 3 events to $T_DIR/sen.ics"
grep -q $'^UID:ehc-review-pupil-'"$e"$'@sentrack\r$' "$T_DIR/sen.ics" && pass || fail "EHC review UID"
[ "$(stat -c %a "$T_DIR/sen.ics")" = 600 ] && pass || fail "calendar file mode $(stat -c %a "$T_DIR/sen.ics")"
if grep -qv $'\r$' "$T_DIR/sen.ics"; then fail "a line without CRLF"; else pass; fi
grep -q $'^DTSTART;VALUE=DATE:20261210\r$' "$T_DIR/sen.ics" && pass || fail "review DTSTART"
grep -q $'^DTSTART;VALUE=DATE:20270120\r$' "$T_DIR/sen.ics" && pass || fail "meeting DTSTART"
grep -q $'^DTSTART;VALUE=DATE:20270105\r$' "$T_DIR/sen.ics" && pass || fail "EHC annual review DTSTART"
grep -q $'^UID:meeting-'"$m"$'@sentrack\r$' "$T_DIR/sen.ics" && pass || fail "meeting UID"
grep -qF 'Smith\, Jones\; Co' "$T_DIR/sen.ics" && pass || fail "escaped name"
[ "$(grep -c '^BEGIN:VEVENT' "$T_DIR/sen.ics")" = 3 ] && pass || fail "three events"

t "EHC needs assessment deadlines: the LA's decision in 6 weeks, the plan in 20"
must ehcna request "$k" --by parent --date 2026-11-20 >/dev/null
st export calendar --output -
expect_status 0
expect_out_has "DTSTART;VALUE=DATE:20270101"
expect_out_has "DTSTART;VALUE=DATE:20270409"
expect_out_has "UID:ehc-ehcna-decision-"
[ "$(grep -c '^BEGIN:VEVENT' "$OUT")" = 5 ] && pass || fail "five events"

t "the range: --from and --to inclusive; from today by default"
st export calendar --from 2026-12-10 --to 2026-12-10 --output -
expect_status 0
expect_out_has "DTSTART;VALUE=DATE:20261210"
expect_out_lacks "20270120"
TODAY=2026-12-11
st export calendar --output -
expect_out_lacks "DTSTART;VALUE=DATE:20261210"
expect_out_has "DTSTART;VALUE=DATE:20270120"
TODAY=2026-11-30

t "usage and values"
refuse 64 "--output is required" export calendar
refuse 65 "--to 2026-12-01: is before --from 2026-12-02" export calendar --from 2026-12-02 --to 2026-12-01 --output "$T_DIR/x.ics"
refuse 65 "--from" export calendar --from 2026-02-30 --output "$T_DIR/x.ics"
[ -e "$T_DIR/x.ics" ] && fail "file left after a refusal" || pass
st export calendar --output "$T_DIR/no-such-dir/sen.ics"
[ "$STATUS" = 73 ] || [ "$STATUS" = 74 ] || [ "$STATUS" = 66 ] && pass || fail "missing directory: exit $STATUS"

done_testing
