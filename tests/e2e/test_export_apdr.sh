# test_export_apdr.sh - the exports built on the graduated approach:
# reviews, outcomes, provision, meetings, cycles (exact files), and the
# annual provision cost in the register export.
#
# The cycles, outcomes, provision and meetings are seeded straight into the
# database with sqlite3, so these tests pin the export queries and columns
# independently of the APDR commands.
. "$(dirname "$0")/lib.sh"
EXPECTED="$SENTRACK_SOURCE_DIR/tests/data/expected"

new_db
must pupil add --surname "O'Brien" --forename Siobhan --dob 2016-03-14 --year 5 \
	--upn G999300024001 --class 5H >/dev/null
must pupil add --surname Brown --forename "Zoë" --dob 2017-07-22 --year 4 \
	--upn W999300024002 --class 4M >/dev/null
must pupil add --surname "Nguyễn" --forename Minh --dob 2018-01-30 --year 3 \
	--upn K999300024003 --class 3S >/dev/null
must pupil add --surname "+Plus" --forename Ann --dob 2018-02-01 --year 3 >/dev/null
for p in 1 2 3 4; do must register add $p --status K --date 2026-01-05 >/dev/null; done
must need add 1 SPLD --rank 1 >/dev/null
must need add 2 SLCN --rank 1 >/dev/null

sqlite3 "$SENTRACK_DB" <<'SQL'
INSERT INTO cycle(id, pupil_id, seq, phase, opened_on, assessed_on, assessment, planned_on,
  review_date, do_on, reviewed_on, decision, closed_on) VALUES
 (1, 1, 1, 'closed', '2026-01-10', '2026-01-20', 'reads slowly', '2026-02-01', '2026-05-01',
  '2026-02-02', '2026-05-01', 'continue', '2026-05-01'),
 (2, 1, 2, 'do', '2026-05-01', '2026-05-10', 'still slow', '2026-09-10', '2026-11-20',
  '2026-09-11', NULL, NULL, NULL),
 (3, 2, 1, 'plan', '2026-09-01', '2026-09-15', 'talks little', '2026-10-01', '2026-12-01',
  NULL, NULL, NULL, NULL),
 (4, 3, 1, 'review', '2026-09-01', '2026-09-10', 'worries', '2026-09-20', '2027-01-15',
  '2026-09-21', NULL, NULL, NULL),
 (5, 4, 1, 'assess', '2026-11-01', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO outcome(id, cycle_id, text, area, measure, target_date, rating, rating_note,
  rated_on, origin_id, created_on) VALUES
 (1, 1, 'Read 40 words per minute', 'CL', 'words per minute', '2026-05-01', 'partially',
  'reached 32', '2026-05-01', NULL, '2026-01-25'),
 (2, 1, 'Spell CVC words', 'CL', NULL, '2026-05-01', 'achieved', NULL, '2026-05-01', NULL,
  '2026-01-25'),
 (3, 2, 'Read 40 words per minute', 'CL', 'words per minute', '2026-11-20', NULL, NULL, NULL,
  1, '2026-05-01'),
 (4, 3, '=1+1 "asks" for help, in class', 'CI', NULL, '2026-12-01', NULL, NULL, NULL, NULL,
  '2026-09-20');
INSERT INTO provision(id, pupil_id, name, staff_role, sessions_per_week, minutes, group_size,
  hourly_cost_pence, start_date, end_date) VALUES
 (1, 1, 'Reading catch-up', 'TA', 3, 30, 4, 1234, '2026-02-02', NULL),
 (2, 1, 'Precision teaching', 'TA', 1, 45, 1, 2000, '2026-09-11', NULL),
 (3, 2, 'Talk boost', 'TA', 2, 20, 3, 1500, '2026-01-10', '2026-06-30');
INSERT INTO meeting(id, pupil_id, cycle_id, meeting_date, purpose, notes, with_parents) VALUES
 (1, 1, 1, '2026-02-01', 'plan', 'agreed outcomes', 1),
 (2, 1, 1, '2026-05-01', 'review', '- parents happy, continue', 1),
 (3, 2, NULL, '2026-10-01', 'other', NULL, 0);
INSERT INTO meeting_attendee(meeting_id, role) VALUES
 (1, 'senco'), (1, 'parents'), (1, 'class-teacher'), (2, 'parents'), (2, 'senco'),
 (3, 'class-teacher');
SQL

t "export reviews: open cycles by review date, days, status, outcomes"
st export reviews
expect_status 0
expect_out_file "$EXPECTED/reviews.csv"
st export reviews --within 7
expect_status 0
[ "$(wc -l <"$OUT")" = 3 ] && pass || fail "--within 7 keeps the overdue and the due one"
expect_out_has '"2026-11-20","-5","overdue"'
expect_out_has '"2026-12-01","6","due"'
st export reviews --from 2026-11-21 --year 3
expect_status 0
[ "$(wc -l <"$OUT")" = 2 ] && pass || fail "--from and --year"
expect_out_has '"Nguyễn"'
sqlite3 "$SENTRACK_DB" "INSERT INTO config(key, value) VALUES ('due-window-days', '3')"
st export reviews --within 60
expect_out_has '"2026-12-01","6","scheduled"'
sqlite3 "$SENTRACK_DB" "DELETE FROM config"
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
expect_out_has '"1","G999300024001","D'"'"'Souza","Chloë","5","5H","K",,,"do","2026-09-10","2026-11-20","-5","overdue","1"'
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
