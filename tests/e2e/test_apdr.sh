# test_apdr.sh - a school year of Assess, Plan, Do, Review from the command
# line: one pupil through three cycles, one through exit, one through ehcna;
# exact output of `cycle show` and `cycle list` against tests/e2e/expected/.
. "$(dirname "$0")/lib.sh"
EXP="$SENTRACK_SOURCE_DIR/tests/e2e/expected"
new_db
on() { TODAY=$1; }   # every later `st` runs with --today $1

on 2026-09-07
amir=$(must pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4 --class 4M --upn B801200005001)
zoe=$(must pupil add --surname Brown --forename Zoë --dob 2017-07-22 --year 4 --class 4M)
minh=$(must pupil add --surname Nguyễn --forename Minh --preferred Minnie --dob 2018-01-30 --year 3)
for p in "$amir" "$zoe" "$minh"; do must register add "$p" --status K --date 2026-09-07 --parents-informed 2026-09-07 >/dev/null; done
must need add "$amir" SPLD --rank 1 >/dev/null

t "cycle 1: assess, plan, do"
st cycle open "Amir Khan"
expect_status 0
expect_out 1
refuse 65 "pupil 1: cycle 1 of Amir Khan (#1) is still open (assess phase)" cycle open "$amir"
refuse 65 "plan needs an assessment summary first" cycle plan "$amir" --review-date 2026-12-07
on 2026-09-09
printf 'Reading age 6y2m (chronological 8y10m).\nPhonics gaps at phase 5.\n' >"$T_DIR/summary.txt"
st cycle assess "$amir" --summary-file "$T_DIR/summary.txt" --pupil-views "I like stories about space" --parent-views "Worried about homework"
expect_status 0
refuse 65 "the assessment was recorded on 2026-09-09" cycle assess "$amir" --summary again
o1=$(must outcome add "$amir" "Reads 40 words per minute on a year 2 text" --area CL --measure "40 wpm" --by 2026-12-07)
o2=$(must outcome add "$amir" "Spells 20 phase 5 words" --area cl)
refuse 65 "outcomes must be SMART before the plan (Code 6.48, 9.66): #$o2 lacks a measure and a target date" \
	cycle plan "$amir" --review-date 2026-12-07
must outcome edit "$o2" --measure "20 of 20 spelt correctly" --by 2026-12-07 >/dev/null
on 2026-09-14
refuse 65 "is more than 16 weeks after the plan date" cycle plan "$amir" --review-date 2027-01-20
refuse 65 "--review-date 2026-09-14: must be after the plan date" cycle plan "$amir" --review-date 2026-09-14
st cycle plan "$amir" --review-date 2026-12-07 --with parents,senco
expect_status 0
refuse 65 "no provision is active on that date" cycle do "$amir"
prov=$(must provision add "$amir" "Precision teaching" --staff TA --sessions 3 --minutes 20 --group-size 1 --hourly-cost 15.50)
must provision add "$amir" "Phonics group" --staff TA --sessions 2 --minutes 30 --group-size 4 --hourly-cost 14 --start 2026-09-14 >/dev/null
refuse 65 "--sessions 0: must be between 1 and 50" provision add "$amir" X --staff TA --sessions 0 --minutes 20 --group-size 1 --hourly-cost 10
refuse 65 "--hourly-cost 1e308: not an amount in pounds" provision add "$amir" X --staff TA --sessions 1 --minutes 20 --group-size 1 --hourly-cost 1e308
on 2026-09-15
st cycle do "$amir"
expect_status 0
refuse 65 "outcomes are agreed in the assess or plan phase" outcome add "$amir" "Late outcome"

t "cycle list is the review schedule"
must cycle open "$zoe" >/dev/null
st cycle list
expect_status 0
expect_out_file "$EXP/cycle_list_autumn.txt"

t "cycle show before the first review"
on 2026-12-07
st outcome rate "$o1" achieved --note "42 wpm"
expect_status 0
refuse 65 "1 of 2 outcomes not rated" cycle review "$amir" --decision continue
st outcome rate "$o2" not-achieved --note "12 of 20"
st cycle show "$amir"
expect_status 0
expect_out_file "$EXP/cycle_show_review1.txt"

t "review 1: continue carries the unmet outcome"
st cycle review "$amir" --decision continue --with parents,pupil,senco --parent-views "Pleased with reading" --pupil-views "Reading is easier"
expect_status 0
expect_out 2 # the cycle's number for Amir, not its row id (issue 16)
expect_err_has "reviewed (continue); cycle 2 of Amir Khan (#1) opened in the assess phase"
st outcome list "$amir"
expect_out_has "Spells 20 phase 5 words"
expect_out_has "carried forward from #$o2"
refuse 65 "belongs to a closed cycle, which is read-only" outcome rate "$o2" achieved

t "cycle 2"
on 2027-01-06
must cycle assess "$amir" --summary "Spelling still behind; reading secure." >/dev/null
must outcome add "$amir" "Uses a word bank in independent writing" --measure "3 pieces" --by 2027-03-22 >/dev/null
on 2027-01-11
refuse 65 "#3 lacks a target date" cycle plan "$amir" --review-date 2027-03-22
must outcome edit 3 --by 2027-03-22 >/dev/null
must cycle plan "$amir" --review-date 2027-03-22 --with parents >/dev/null
st cycle reschedule "$amir" --review-date 2027-03-29 --reason "Parent evening moved"
expect_status 0
on 2027-01-12
must cycle do "$amir" >/dev/null
on 2027-03-29
for id in $(st outcome list "$amir"; awk 'NR>1 && $1 ~ /^[0-9]+$/ {print $1}' "$OUT"); do
	must outcome rate "$id" partially >/dev/null
done
must cycle review "$amir" --decision continue --with parents,senco >/dev/null

t "cycle 3 and the history of the year"
on 2027-04-19
must cycle assess "$amir" --summary "Steady progress." >/dev/null
on 2027-04-21
must outcome edit 5 --by 2027-07-12 >/dev/null
must outcome edit 6 --by 2027-07-12 >/dev/null
must cycle plan "$amir" --review-date 2027-07-12 --strategies "Word bank on the desk; spelling practised daily" --lead "Ms Patel (class teacher)" >/dev/null
on 2027-04-22
must cycle do "$amir" >/dev/null
on 2027-07-12
for id in $(st outcome list "$amir"; awk 'NR>1 && $1 ~ /^[0-9]+$/ {print $1}' "$OUT"); do
	must outcome rate "$id" achieved >/dev/null
done
st cycle review "$amir" --decision close --notes "Targets met; continue monitoring at K."
expect_status 0
expect_out_empty
st cycle show "$amir" --cycle 3
expect_out_has "Word bank on the desk; spelling practised daily"
expect_out_has "Lead: Ms Patel (class teacher)"
st export cycles
expect_out_has '"Word bank on the desk; spelling practised daily","Ms Patel (class teacher)"'
st cycle history "$amir"
expect_out_file "$EXP/cycle_history_year.txt"
st cycle show "$amir" --cycle 2
expect_out_has "Cycle 2 of Amir Khan (#1): closed, reviewed 2027-03-29, decision continue"
expect_out_has "2027-03-22 -> 2027-03-29  Parent evening moved (tester)"
refuse 65 "--cycle 9: pupil $amir has no such cycle" cycle show "$amir" --cycle 9
expect_out_empty

t "exit: provision ends and the pupil moves to N"
on 2026-09-16
must cycle assess "$zoe" --summary "Speech sounds" >/dev/null
zo=$(must outcome add "$zoe" "Produces /s/ in words" --measure "8 of 10 words" --by 2026-11-30)
must cycle plan "$zoe" --review-date 2026-11-30 >/dev/null
must provision add "$zoe" "Speech and language group" --staff TA --sessions 2 --minutes 30 --group-size 3 --hourly-cost 12 >/dev/null
must cycle do "$zoe" >/dev/null
on 2026-11-30
must outcome rate "$zo" achieved >/dev/null
st cycle review "$zoe" --decision exit --with parents
expect_status 0
st register history "$zoe"
expect_out_has "2026-11-30 N"
st provision list --pupil "$zoe" --active-on 2026-12-01
expect_out_empty
st pupil show "$zoe"
expect_out_has "SEN status        N since 2026-11-30"

t "ehcna: the request is recorded and SEN support continues"
on 2026-09-08
must cycle open "$minh" >/dev/null
must cycle assess "$minh" --summary "Significant needs" >/dev/null
mo=$(must outcome add "$minh" "Follows a two-step instruction" --measure "4 of 5 times" --by 2026-11-30)
must cycle plan "$minh" --review-date 2026-11-30 >/dev/null
must provision add "$minh" "1:1 support" --staff TA --sessions 10 --minutes 60 --group-size 1 --hourly-cost 16 >/dev/null
must cycle do "$minh" >/dev/null
on 2026-11-30
must outcome rate "$mo" not-achieved >/dev/null
st cycle review "$minh" --decision ehcna --notes "Request EHC needs assessment"
expect_status 0
expect_out_has "$(( $(cat "$OUT") ))"
st log --pupil "$minh" --limit 4
expect_out_has "insert ehcna_request"
st provision list --pupil "$minh"
expect_out_has "AT OR ABOVE THRESHOLD"

t "specialists need consent; meetings"
refuse 64 "--consent-date: is required" specialist add "$minh" "Educational psychology"
st specialist add "$minh" "Educational psychology" --consent-date 2026-11-30 --notes "EP visit booked"
expect_status 0
refuse 65 "--with teacher: not a participant" meeting add "$minh" --date 2026-11-30 --with parents,teacher --purpose other
st meeting add "$minh" --date 2026-11-30 --with parents,class-teacher --purpose other --notes "Coffee morning"
expect_status 0
st meeting list --pupil "$minh"
expect_out_has "other       parents,class-teacher"

done_testing
