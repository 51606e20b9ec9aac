# test_export_apdr.sh - the exports built on the graduated approach:
# reviews, outcomes, provision, meetings, cycles (exact files), and the
# annual provision cost in the register export.
#
# The data is made through the commands, each on its day (--today), so the
# exports are tested on what sentrack itself stores: a phase is never
# written by hand (cycle 2 is in the do phase with its review date passed,
# and must be exported in the review phase, as `cycle list` shows it).
. "$(dirname "$0")/lib.sh"
EXPECTED="$SENTRACK_SOURCE_DIR/tests/data/expected"

# on DATE COMMAND...: run a command that must succeed on that day.
on() { local saved=$TODAY; TODAY=$1; shift; must "$@" >/dev/null; TODAY=$saved; }

new_db
must pupil add --surname "O'Brien" --forename Siobhan --dob 2016-03-14 --year 5 \
	--upn G999300024001 --class 5H >/dev/null
must pupil add --surname Brown --forename "Zoë" --dob 2017-07-22 --year 4 \
	--upn W999300024002 --class 4M >/dev/null
must pupil add --surname "Nguyễn" --forename Minh --dob 2018-01-30 --year 3 \
	--upn K999300024003 --class 3S >/dev/null
must pupil add --surname "+Plus" --forename Ann --dob 2018-02-01 --year 3 >/dev/null
for p in 1 2 3 4; do on 2026-01-05 register add $p --status K --date 2026-01-05; done
must need add 1 SPLD --rank 1 >/dev/null
must need add 2 SLCN --rank 1 >/dev/null

# pupil 1: cycle 1 reviewed (continue), cycle 2 in the do phase, review date passed
on 2026-01-10 cycle open 1 --date 2026-01-10
on 2026-01-20 cycle assess 1 --summary "reads slowly" --date 2026-01-20
on 2026-01-25 outcome add 1 "Read 40 words per minute" --area CL --measure "words per minute" --by 2026-05-01
on 2026-01-25 outcome add 1 "Spell CVC words" --area CL --measure "8 of 10 correct" --by 2026-05-01
on 2026-02-01 cycle plan 1 --review-date 2026-05-01 --date 2026-02-01
on 2026-02-01 meeting add 1 --date 2026-02-01 --with senco,parents,class-teacher --purpose plan \
	--notes "agreed outcomes"
on 2026-02-02 provision add 1 "Reading catch-up" --staff TA --sessions 3 --minutes 30 \
	--group-size 4 --hourly-cost 12.34 --start 2026-02-02
on 2026-02-02 cycle do 1 --date 2026-02-02
on 2026-05-01 outcome rate 1 partially --note "reached 32"
on 2026-05-01 outcome rate 2 achieved
on 2026-05-01 meeting add 1 --date 2026-05-01 --with parents,senco --purpose review \
	--notes "- parents happy, continue"
on 2026-05-01 cycle review 1 --decision continue --date 2026-05-01
on 2026-05-10 cycle assess 1 --summary "still slow" --date 2026-05-10
# the outcome carried forward gets its new target date before the plan
on 2026-09-10 outcome edit 3 --by 2026-11-20
on 2026-09-10 cycle plan 1 --review-date 2026-11-20 --date 2026-09-10
on 2026-09-11 provision add 1 "Precision teaching" --staff TA --sessions 1 --minutes 45 \
	--group-size 1 --hourly-cost 20 --start 2026-09-11
on 2026-09-11 cycle do 1 --date 2026-09-11

# pupil 2: in the plan phase, review due within the week
on 2026-01-10 provision add 2 "Talk boost" --staff TA --sessions 2 --minutes 20 --group-size 3 \
	--hourly-cost 15 --start 2026-01-10 --end 2026-06-30
on 2026-09-01 cycle open 2 --date 2026-09-01
on 2026-09-15 cycle assess 2 --summary "talks little" --date 2026-09-15
on 2026-09-20 outcome add 2 '=1+1 "asks" for help, in class' --area CI --measure "asks twice a day" \
	--by 2026-12-01
on 2026-10-01 cycle plan 2 --review-date 2026-12-01 --date 2026-10-01
on 2026-10-01 meeting add 2 --date 2026-10-01 --with class-teacher --purpose other

# pupil 3: in the do phase, review in January; pupil 4: assessing
on 2026-09-01 cycle open 3 --date 2026-09-01
on 2026-09-10 cycle assess 3 --summary "worries" --date 2026-09-10
on 2026-09-10 outcome add 3 "Join a lunchtime club" --area SEMH --measure "goes weekly" \
	--by 2027-01-15
on 2026-09-20 cycle plan 3 --review-date 2027-01-15 --date 2026-09-20 --long
on 2026-09-21 provision add 3 "Worry time" --staff TA --sessions 1 --minutes 15 --group-size 1 \
	--hourly-cost 14 --start 2026-09-21
on 2026-09-21 cycle do 3 --date 2026-09-21
on 2026-11-01 cycle open 4 --date 2026-11-01

t "export reviews: open cycles by review date, days, status, outcomes"
st export reviews
expect_status 0
expect_out_file "$EXPECTED/reviews.csv"
# the phase is the one cycle list shows: do until the review date, then review
expect_out_has '"Cognition and learning","review","2026-09-10","2026-11-20","-5","overdue"'
expect_out_has '"3S","K",,,"do","2026-09-20","2027-01-15","51","scheduled"'
st cycle list --phase review
expect_out_has "O'Brien"
expect_out_lacks "Nguyễn"
st export reviews --within 7
expect_status 0
[ "$(wc -l <"$OUT")" = 3 ] && pass || fail "--within 7 keeps the overdue and the due one"
expect_out_has '"2026-11-20","-5","overdue"'
expect_out_has '"2026-12-01","6","due"'
st export reviews --from 2026-11-21 --year 3
expect_status 0
[ "$(wc -l <"$OUT")" = 2 ] && pass || fail "--from and --year"
expect_out_has '"Nguyễn"'
must config set due-window-days 3 >/dev/null
st export reviews --within 60
expect_out_has '"2026-12-01","6","scheduled"'
must config unset due-window-days >/dev/null
refuse 65 "--to 2026-01-01: is before --from 2026-02-01" export reviews --from 2026-02-01 --to 2026-01-01

t "export outcomes: set or rated in the period"
st export outcomes
expect_status 0
expect_out_file "$EXPECTED/outcomes.csv"
st export outcomes --from 2026-05-01 --to 2026-05-31
[ "$(wc -l <"$OUT")" = 4 ] && pass || fail "outcomes rated or set in May: $(wc -l <"$OUT")"

t "export provision: costs in pounds, rounded to the penny"
st export provision
expect_status 0
expect_out_file "$EXPECTED/provision.csv"
st export provision --active-on 2026-11-25
expect_out_lacks "Talk boost"
expect_out_has '"4.63","175.94"'

t "export register: annual provision cost of what is active today"
st export register --year 5
expect_out_has '"SPLD","Cognition and learning",,,,,"745.94",'

t "export meetings"
st export meetings
expect_status 0
expect_out_file "$EXPECTED/meetings.csv"
st export meetings --from 2026-03-01 --to 2026-06-30
[ "$(wc -l <"$OUT")" = 2 ] && pass || fail "one meeting in the period"

t "export cycles: cycles open in the period, with ratings"
st export cycles
expect_status 0
expect_out_file "$EXPECTED/cycles.csv"
expect_out_has '"5","2","review","2026-05-01"'
st export cycles --from 2026-06-01
expect_out_lacks '"closed"'
[ "$(wc -l <"$OUT")" = 5 ] && pass || fail "closed cycle left out"

t "export pupil includes the APDR sections"
st export pupil 1
expect_out_has '"cycles","2","assessment","still slow"'
expect_out_has '"outcomes","3","origin_id","1"'
expect_out_has '"provision","1","hourly_cost","12.34"'
expect_out_has '"meetings","2","notes","'"'"'- parents happy, continue"'
expect_out_has '"meetings","1","attendees","class-teacher, parents, senco"'

t "through the APDR commands: a full cycle and the next one, exported"
export SENTRACK_DB="$T_DIR/apdr.db"
new_db
must pupil add --surname "D'Souza" --forename "Chloë" --dob 2016-05-05 --year 5 \
	--upn G999300024001 --class 5H >/dev/null
TODAY=2026-09-11   # the steps are logged on the day they happen
must register add 1 --status K --date 2026-09-01 --parents-informed 2026-09-02 >/dev/null
must cycle open 1 --date 2026-09-03 >/dev/null
must cycle assess 1 --summary "reads slowly" --date 2026-09-05 >/dev/null
must outcome add 1 "Read 40 words per minute" --area CL --measure "wpm" --by 2026-11-20 >/dev/null
must cycle plan 1 --review-date 2026-11-20 --date 2026-09-10 --with parents,senco >/dev/null
must provision add 1 "Reading catch-up" --staff TA --sessions 3 --minutes 30 --group-size 4 \
	--hourly-cost 12.34 --start 2026-09-10 >/dev/null
must cycle do 1 --date 2026-09-11 >/dev/null
TODAY=2026-11-25
st export reviews
expect_status 0
expect_out_has '"1","G999300024001","D'"'"'Souza","Chloë","5","5H","K",,,"review","2026-09-10","2026-11-20","-5","overdue","1"'
st export provision
expect_out_has '"Reading catch-up","TA","3","30","4","12.34","4.63","175.94","2026-09-10",'
st export register
expect_out_has '"175.94",'
st export meetings
expect_out_has '"2026-09-10","plan","parents, senco","yes","1",'
TODAY=2026-11-20
must outcome rate 1 partially --note "reached 32" >/dev/null
must cycle review 1 --decision continue --date 2026-11-20 >/dev/null
TODAY=2026-11-25
st export cycles
expect_status 0
expect_out_has '"5","1","closed","2026-09-03","2026-09-05","2026-09-10","2026-11-20","2026-09-11","2026-11-20","continue","2026-11-20","1","0","1","0"'
expect_out_has '"5","2","assess","2026-11-20"'
st export outcomes --from 2026-11-20
expect_out_has '"Read 40 words per minute","Cognition and learning","wpm","2026-11-20","2026-09-11","partially","2026-11-20","reached 32",'
expect_out_has ',,,"1"'
st export reviews
expect_out_has '"assess",,,,"no-review-date","1"'

t "--help of every export"
for e in reviews register outcomes provision meetings cycles pupil; do
	st export $e --help
	expect_status 0
	expect_out_has "usage: sentrack export $e"
done
st import pupils --help
expect_status 0
expect_out_has "usage: sentrack import pupils FILE|-"

done_testing
