# test_meeting_planned.sh - meetings booked ahead (issue 12, Code 6.65):
# `meeting add` with a later date books a planned meeting, `meeting held`
# records it, `meeting list --planned`; `meeting edit` (issue 16) corrects a
# meeting, audited, and moves only a planned one after today.
. "$(dirname "$0")/lib.sh"
new_db
TODAY=2026-11-30
p=$(must pupil add --surname Khan --forename Amir --dob 2016-03-04 --year 5)
must register add "$p" --status K --date 2026-09-10 --parents-informed 2026-09-10 >/dev/null

t "a meeting dated after today is booked as planned"
st meeting add "$p" --date 2026-12-10 --with parents,senco --purpose review
expect_status 0
m=$(cat "$OUT")
expect_err_has "booked meeting $m for 2026-12-10"
st meeting add "$p" --date 2026-11-30 --with parents --purpose other
expect_status 0
held=$(cat "$OUT")
st meeting list --planned
expect_out_has "2026-12-10 #$p Amir Khan"
expect_out_has "parents,senco (planned)"
expect_out_lacks "2026-11-30"
expect_err_has "1 planned meeting"
st meeting list
expect_out_has "2026-11-30"
expect_out_has "(planned)"

t "a booking is limited to a few years ahead"
refuse 65 "is more than 10 years ahead" meeting add "$p" --date 2037-12-10 --with parents --purpose review

t "views and outcomes still refuse future dates"
must cycle open "$p" --date 2026-11-01 >/dev/null
refuse 65 "is in the future" cycle assess "$p" --summary "Views" --parent-views "Happy" --date 2026-12-01

t "meeting held: the booked date must have come, or --date gives the day"
refuse 65 "is booked for 2026-12-10, after today; give --date" meeting held "$m"
refuse 65 "--date 2026-12-01: is in the future" meeting held "$m" --date 2026-12-01
refuse 65 "is already recorded as held on 2026-11-30" meeting held "$held"
refuse 65 "meeting 999: no such meeting" meeting held 999
refuse 65 "MEETING_ID" meeting held abc
TODAY=2026-12-10
st meeting held "$m" --notes "Reading age up six months"
expect_status 0
expect_err_has "meeting $m recorded as held"
st meeting list --planned
expect_out_empty
st meeting list --pupil "$p" --since 2026-12-01
expect_out_has "2026-12-10"
expect_out_lacks "(planned)"
expect_out_has "Reading age up six months"
st log --limit 1
expect_out_has "meeting"
expect_out_has "held"

t "meeting held with --date records the day it happened"
m2=$(must meeting add "$p" --date 2027-01-20 --with parents --purpose plan)
TODAY=2027-01-25
st meeting held "$m2" --date 2027-01-22
expect_status 0
st meeting list --since 2027-01-01
expect_out_has "2027-01-22"

t "meeting edit corrects a held meeting, audited, never into the future"
st meeting edit "$held" --with parents,class-teacher --purpose review --notes "Corrected"
expect_status 0
st meeting list --pupil "$p" --since 2026-11-30
expect_out_has "review      parents,class-teacher"
expect_out_has "Corrected"
st log --limit 1
expect_out_has "purpose,with,notes"
refuse 65 "meeting $held was held, and only a planned meeting" meeting edit "$held" --date 2027-02-01
refuse 65 "--purpose ehcp: must be plan, review or other" meeting edit "$held" --purpose ehcp
refuse 65 "--purpose ehcp-review: must be plan, review or other" meeting edit "$held" --purpose ehcp-review
refuse 64 "give at least one of" meeting edit "$held"
st meeting edit "$held" --date 2026-11-29
expect_status 0

t "meeting edit moves a planned meeting to another later day"
m3=$(must meeting add "$p" --date 2027-02-10 --with parents --purpose review)
st meeting edit "$m3" --date 2027-03-03
expect_status 0
st meeting list --planned
expect_out_has "2027-03-03"
expect_out_has "(planned)"

t "an EHC plan review's meeting keeps the review's date"
e=$(must pupil add --surname Lee --forename Ana --dob 2015-02-02 --year 6)
must register add "$e" --status E --date 2026-09-01 --parents-informed 2026-09-01 --plan-date 2026-01-10 >/dev/null
must ehcp review "$e" --date 2027-01-12 --with parents,senco >/dev/null
em=$(db_sql "SELECT id FROM meeting WHERE purpose = 'ehcp-review'")
refuse 65 "its date and purpose follow the review" meeting edit "$em" --date 2027-01-11
st meeting edit "$em" --notes "LA officer attended"
expect_status 0

t "planned meetings: marked in today, left out of the held meetings' export"
TODAY=2027-03-01
st today
expect_out_has "2027-03-03"
expect_out_has "(planned)"
st export meetings --from 2027-02-01
expect_status 0
expect_out_lacks "2027-03-03"
TODAY=2027-03-03
must meeting held "$m3" >/dev/null
st export meetings --from 2027-02-01
expect_out_has "2027-03-03"
st export pupil "$p" --output "$T_DIR/sar/"
expect_status 0
grep -q "planned" "$T_DIR/sar/meetings.csv" && pass || fail "the subject access export lacks planned"

done_testing
