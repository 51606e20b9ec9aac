# test_pg_apdr.sh - the graduated approach on a trust's PostgreSQL database:
# Assess, Plan, Do, Review cycles, outcomes, provision, meetings, views,
# specialists, reschedules, terms and the week ahead give the same output
# as on a file (issue 14, step 4).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
. "$(dirname "$0")/pg_both.sh"
both_start
on() { TODAY=$1; }   # every later `both` runs with --today $1

# reschedules and register events keep the clock's time of entry
NO_TIME='s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z//g'

# Every read command of the group, compared after each step.
reads() {
	both cycle list
	both cycle list --phase assess
	both cycle list --phase plan
	both cycle list --phase do
	both cycle list --phase review
	both cycle list --overdue
	both cycle list --due-before 2026-12-08
	both cycle list --year 4
	both cycle list --year 3 --format json
	both cycle list --format json
	both cycle show 1
	both cycle show 1 --format json
	both cycle history 1
	both cycle history 2
	both outcome list 1
	both outcome list 1 --all-cycles
	both outcome list 2
	both provision list
	both provision list --pupil 1
	both provision list --include-void
	both provision list --active-on 2026-10-01
	both provision list --pupil 1 --active-on 2026-10-01 --include-void
	both meeting list
	both meeting list --planned
	both meeting list --pupil 1
	both meeting list --since 2026-12-01
	both meeting list --pupil 1 --since 2026-12-01 --planned
	both specialist list 1
	both term list
	both today
}

on 2026-09-07
t "pupils on the register (names that sort apart by their bytes)"
both pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4 --class 4M --upn B801200005001
both pupil add --surname Brown --forename Zoë --dob 2017-07-22 --year 4 --class 4M
both pupil add --surname Nguyễn --forename Minh --preferred Minnie --dob 2018-01-30 --year 3
both pupil add --surname brown --forename Ava --dob 2017-03-22 --year 4
for p in 1 2 3 4; do both register add $p --status K --date 2026-09-07 --parents-informed 2026-09-07; done
both need add 1 SPLD --rank 1
t "nothing yet"
reads
both cycle show 1
both cycle history 1

t "terms"
both term set 2026-27 autumn 2026-09-03 2026-12-18
both term set 2026-27 Spring 2027-01-05 2027-03-26
both term set 2026-27 summer 2027-04-12 2027-07-21
both term set 2026-27 autumn 2026-09-02 2026-12-18
both term set 2026-27 summer 2027-03-20 2027-07-21
both term list

t "cycle 1: assess"
both cycle open "Amir Khan"
both cycle open 1
both cycle plan 1 --review-date 2026-12-07
reads
on 2026-09-09
both cycle assess 1 --summary "Reading age 6y2m; phonics gaps" --pupil-views "I like stories about space" --parent-views "Worried about homework"
both cycle assess 1 --summary again
both outcome add 1 "Reads 40 words per minute on a year 2 text" --area CL --measure "40 wpm" --by 2026-12-07
both outcome add 1 "Spells 20 phase 5 words" --area cl
both cycle plan 1 --review-date 2026-12-07
both outcome edit 2 --measure "20 of 20 spelt correctly" --by 2026-12-07
both outcome edit 2 --text "Spells 20 phase 5 words (édition)"
both outcome edit 99 --text x
reads

t "cycle 1: plan, provision, do"
on 2026-09-14
both cycle plan 1 --review-date 2027-01-20
both cycle plan 1 --review-date 2026-12-07 --with parents,senco --strategies "Word bank on the desk" --lead "Ms Patel"
both cycle do 1
both provision add 1 "Precision teaching" --staff TA --sessions 3 --minutes 20 --group-size 1 --hourly-cost 15.50
both provision add 1 "Phonics group" --staff TA --sessions 2 --minutes 30 --group-size 4 --hourly-cost 14 --start 2026-09-14
both provision add 1 "Typed in twice" --staff TA --sessions 2 --minutes 30 --group-size 4 --hourly-cost 14 --start 2026-09-14
both provision add 4 "Reading buddy" --staff "Year 6 pupil" --sessions 1 --minutes 15 --group-size 2 --hourly-cost 0 --start 2026-09-10
both provision add 2 "Speech group" --staff TA --sessions 2 --minutes 30 --group-size 3 --hourly-cost 12 --start 2026-09-10 --end 2026-09-30
both provision edit 2 --sessions 3 --name "Phonics group (small)"
both provision remove 3 --entered-in-error --reason "typed twice"
both provision remove 3 --entered-in-error --reason "again"
both provision end 4 --date 2026-12-18
reads
on 2026-09-15
both cycle do 1
both outcome add 1 "Late outcome"
reads

t "cycles of others; list filters, ties by review date"
both cycle open 2
both cycle open 4
both cycle open 3 --date 2026-09-08
on 2026-09-16
for p in 2 3 4; do
	both cycle assess $p --summary "Speech sounds" --parent-views "Keen" 
	both outcome add $p "Produces /s/ in words" --measure "8 of 10 words" --by 2026-11-30
	both cycle plan $p --review-date 2026-11-30 --with parents
done
both provision add 3 "1:1 support" --staff TA --sessions 10 --minutes 60 --group-size 1 --hourly-cost 16
both cycle do 3
reads

t "reschedules"
both cycle reschedule 2 --review-date 2026-12-01 --reason "Parent evening moved"
both cycle reschedule 2 --review-date 2026-12-02 --reason "Moved again (école)"
BOTH_SED="$NO_TIME" both cycle show 2
BOTH_SED="$NO_TIME" both cycle show 2 --format json

t "meetings planned, held, edited"
both meeting add 1 --date 2026-12-07 --with parents,senco --purpose review
both meeting add 1 --date 2026-09-14 --with parents,pupil,class-teacher --purpose plan --notes "Agreed targets"
both meeting add 3 --date 2026-11-30 --with parents --purpose other
both meeting add 4 --date 2026-12-07 --with specialist,other --purpose review
both meeting held 1
both meeting held 99
both meeting held 3 --date 2026-09-16 --notes "Early"
both meeting edit 2 --with parents,class-teacher --notes "Corrected"
both meeting edit 4 --date 2026-12-08
reads

t "specialists"
both specialist add 1 "Educational psychology" --consent-date 2026-09-10 --date 2026-09-20 --notes "Cognitive assessment"
both specialist add 1 "Speech and language therapy" --consent-date 2026-09-10 --date 2026-09-12
both specialist add 1 "Occupational therapy" --consent-date 2026-09-10 --date 2026-09-12
both specialist list 1
both specialist list 2

t "the week ahead and the calendar"
on 2026-11-28
reads
both export calendar --output -
both export calendar --from 2026-12-01 --to 2026-12-10 --output -

t "review 1: continue carries the unmet outcome forward"
on 2026-12-07
both outcome rate 1 achieved --note "42 wpm"
both cycle review 1 --decision continue
both outcome rate 2 not-achieved --note "12 of 20"
both outcome rate 2 partially
reads
both cycle review 1 --decision continue --with parents,pupil,senco --parent-views "Pleased with reading" --pupil-views "Reading is easier"
both outcome rate 2 achieved
reads

t "review: exit ends provision, a leaver's cycle closes"
on 2026-12-02
both outcome rate 3 achieved
both cycle do 2
both provision add 2 "Speech and language group" --staff TA --sessions 2 --minutes 30 --group-size 3 --hourly-cost 12 --start 2026-09-16
both cycle do 2
on 2026-12-03
both outcome rate 3 achieved
both cycle review 2 --decision exit --with parents
BOTH_SED="$NO_TIME" both register history 2
both outcome rate 4 partially
both cycle review 3 --decision close --notes "Targets met"
both pupil leave 4 --date 2026-12-04
reads

t "cycle 2 of Amir"
on 2027-01-06
both cycle assess 1 --summary "Spelling still behind; reading secure."
both outcome add 1 "Uses a word bank in independent writing" --measure "3 pieces" --by 2027-03-22
both outcome edit 7 --by 2027-03-22
both outcome edit 8 --area SEMH
on 2027-01-11
both cycle plan 1 --review-date 2027-03-22 --with parents
both cycle reschedule 1 --review-date 2027-03-29 --reason "Parent evening moved"
on 2027-01-12
both cycle do 1
reads
on 2027-03-29
both cycle list --overdue
for id in 7 8; do both outcome rate $id partially; done
both cycle review 1 --decision continue --with parents,senco
reads
for n in 1 2 3 9; do BOTH_SED="$NO_TIME" both cycle show 1 --cycle $n; done
both cycle history 1
both outcome list 1 --all-cycles

t "school B sees none of school A's cycles"
st --db "$PG_B" cycle list
expect_status 0
expect_out_empty
st --db "$PG_B" cycle show 1
expect_status 65
st --db "$PG_B" provision list
expect_out_empty
st --db "$PG_B" meeting list
expect_out_empty
st --db "$PG_B" term list
expect_out_empty

done_testing
