# test_terms.sh - term dates (issue 12): `term set` and `term list`, the
# term.* settings as the fallback, check's terms-not-set and
# parent-meeting-gap following the terms set, and the young person.
. "$(dirname "$0")/lib.sh"
new_db
TODAY=2026-11-30

t "term set and term list"
st term list
expect_status 0
expect_out_empty
expect_err_has "2026-27: no dates set for the autumn, spring, summer terms; check uses the term.* settings"
st term set 2026-27 autumn 2026-09-03 2026-12-18
expect_status 0
expect_err_has "2026-27 autumn term: 2026-09-03 to 2026-12-18"
must term set 2026-27 Spring 2027-01-05 2027-03-26 >/dev/null
refuse 65 "START 2027-03-20: the summer term must start after the spring term, which ends on 2027-03-26" term set 2026-27 summer 2027-03-20 2027-07-21
refuse 65 "END 2027-09-01: is not in the academic year 2026-27" term set 2026-27 summer 2027-04-12 2027-09-01
refuse 65 "ACADEMIC_YEAR 2026-28: not an academic year like 2025-26" term set 2026-28 summer 2027-04-12 2027-07-21
refuse 65 "TERM easter: must be autumn, spring or summer" term set 2026-27 easter 2027-04-12 2027-07-21
refuse 65 "END" term set 2026-27 summer 2027-04-12 2027-02-30
refuse 64 "missing" term set 2026-27 summer 2027-04-12
must term set 2026-27 summer 2027-04-12 2027-07-21 >/dev/null
st term list
expect_out "YEAR     TERM    START       END          DAYS
2026-27  autumn  2026-09-03  2026-12-18    107
2026-27  spring  2027-01-05  2027-03-26     81
2026-27  summer  2027-04-12  2027-07-21    101"
st log --limit 1
expect_out_has "term"

t "check follows the terms set"
a=$(must pupil add --surname Able --forename Ann --dob 2016-01-01 --year 4)
must register add "$a" --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
must need add "$a" MLD --rank 1 >/dev/null
# the summer term of 2025-26 (just ended) comes from the settings
st check --rule terms-not-set
expect_status 1
expect_out "attention  terms-not-set  2026-04-15  school  academic year 2025-26: no dates set for the summer term; parent-meeting-gap uses the term.* settings (\`sentrack term set 2025-26 summer START END\`)  [Code 6.65]"
must term set 2025-26 summer 2026-04-13 2026-07-22 >/dev/null
st check --rule terms-not-set
expect_status 0
expect_out_empty
# 19 days before the autumn term ends: due
st check --rule parent-meeting-gap
expect_status 1
expect_out "due  parent-meeting-gap  2026-12-18  #$a Ann Able (Y4)  no meeting with parents held or booked in the autumn term 2026-27 (2026-09-03 to 2026-12-18), which ends in 18 days  [Code 6.65; school policy (configurable): meeting-warn-days, meeting-grace-days]"
TODAY=2026-11-26
st check --rule parent-meeting-gap
expect_out_empty
TODAY=2026-11-27
st check --rule parent-meeting-gap
expect_out_has "which ends in 21 days"
# a meeting booked for later in the term is enough while it is to come
m=$(must meeting add "$a" --date 2026-12-15 --with parents --purpose review)
st check --rule parent-meeting-gap
expect_out_empty
# never held: overdue once the term has ended
TODAY=2026-12-19
st check --rule parent-meeting-gap
expect_status 2
expect_out "overdue  parent-meeting-gap  2026-12-18  #$a Ann Able (Y4)  no meeting with parents held in the autumn term 2026-27 (2026-09-03 to 2026-12-18), which ended 1 day ago  [Code 6.65; school policy (configurable): meeting-warn-days, meeting-grace-days]"
must meeting held "$m" >/dev/null
st check --rule parent-meeting-gap
expect_status 0
# the settings move the thresholds
TODAY=2027-03-06
st check --rule parent-meeting-gap
expect_out_has "which ends in 20 days"
must config set meeting-warn-days 19 >/dev/null
st check --rule parent-meeting-gap
expect_out_empty
st config list
expect_out_has "meeting-grace-days"

t "the young person: from the academic year in which the pupil turns 16"
y=$(must pupil add --surname Young --forename Yan --dob 2011-05-01 --year 11)
must register add "$y" --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
st check --rule parent-meeting-gap --pupil "$y"
expect_out_has "no meeting with parents or young person held in the autumn term 2026-27"

done_testing
