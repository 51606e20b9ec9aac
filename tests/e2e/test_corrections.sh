# test_corrections.sh - corrections without rewriting history (issue 16):
# provision edit and provision remove --entered-in-error, register correct,
# pupil leave ending provision and closing the cycle, one way of numbering
# cycles, and the register export round trip through import.
. "$(dirname "$0")/lib.sh"
new_db

must pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4 >/dev/null
must pupil add --surname Brown --forename "Zoë" --dob 2017-07-22 --year 4 >/dev/null
must register add 1 --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
must register add 2 --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
# 3 x 30 min x £15 / 4 = £5.63 a week (5.625 rounds up); x 38 = £213.94
V1=$(must provision add 1 Reading --staff TA --sessions 3 --minutes 30 --group-size 4 \
	--hourly-cost 15 --start 2026-09-02)
# typed for the wrong pupil: 2 x 60 min x £20 / 1 = £40 a week, £1,520 a year
V2=$(must provision add 1 "Speech therapy" --staff external --sessions 2 --minutes 60 \
	--group-size 1 --hourly-cost 20 --start 2026-09-02)

t "provision edit corrects a detail; costs follow; the audit log keeps old and new"
st provision edit "$V1" --sessions 2 --hourly-cost 18
expect_status 0
expect_err_has "provision $V1 updated"
st provision list --pupil 1
# 2 x 30 min x £18 / 4 = £4.50 a week, £171.00 a year
expect_out_has "Reading                TA       2x30m 1:4      18.00     4.50    171.00  2026-09-02 -"
st log
expect_out_has "provision edit     update provision $V1  pupil 1  (edited: --sessions 3 -> 2; --hourly-cost 15.00 -> 18.00)"

t "provision edit: names and roles are named, not quoted, in the audit log"
st provision edit "$V1" --name "Reading Recovery" --staff teacher
expect_status 0
st log
expect_out_has "(edited: NAME old -> new; --staff old -> new)"
st provision list --pupil 1
expect_out_has "Reading Recovery"

t "provision edit refuses what add refuses, and nothing changes"
refuse 65 "--end 2026-09-01: is before the start 2026-09-02" provision edit "$V1" --end 2026-09-01
refuse 65 "--sessions 0: must be between 1 and 50" provision edit "$V1" --sessions 0
refuse 65 "--hourly-cost lots" provision edit "$V1" --hourly-cost lots
refuse 64 "nothing to change" provision edit "$V1"
refuse 65 "PROVISION_ID 99: no such provision" provision edit 99 --minutes 20
refuse 65 "already has these details" provision edit "$V1" --minutes 30

t "provision remove needs --entered-in-error: provision that happened is ended"
refuse 64 "--entered-in-error is required" provision remove "$V2"
refuse 64 "missing PROVISION_ID" provision remove --entered-in-error

t "provision remove --entered-in-error keeps the row, marked, out of costs and lists"
st provision remove "$V2" --entered-in-error --reason "typed for the wrong pupil"
expect_status 0
expect_err_has "provision $V2 marked as entered in error"
st provision list
expect_status 0
expect_out_lacks "Speech therapy"
expect_out_has "total a year for Amir Khan, active today: 171.00"
st provision list --include-void
expect_out_has "Speech therapy"
expect_out_has "VOID: entered in error, marked 2026-11-25 (typed for the wrong pupil); not counted"
expect_out_has "total a year for Amir Khan, active today: 171.00"
st export provision
expect_out_lacks "Speech therapy"
st export register
expect_out_has '"171.00"'
st report provision-map --format text
expect_out_lacks "Speech therapy"
st export pupil 1
expect_out_has '"provision","2","void_reason","typed for the wrong pupil"'
st log
expect_out_has "provision remove   update provision $V2  pupil 1  on 2026-11-25  (entered in error)"

t "provision entered in error is not edited, ended or removed again"
refuse 65 "PROVISION_ID $V2: was marked as entered in error on 2026-11-25" \
	provision edit "$V2" --minutes 20
refuse 65 "was marked as entered in error" provision end "$V2"
refuse 65 "was marked as entered in error" provision remove "$V2" --entered-in-error

t "provision remove without --reason records 'entered in error'"
V3=$(must provision add 2 Maths --staff TA --sessions 1 --minutes 20 --group-size 2 \
	--hourly-cost 12 --start 2026-10-01)
st provision remove "$V3" --entered-in-error
expect_status 0
st provision list --include-void --pupil 2
expect_out_has "VOID: entered in error, marked 2026-11-25 (entered in error); not counted"

t "register correct: an entry made in error is kept, marked VOID, and the status recomputed"
must pupil add --surname Nguyễn --forename Minh --dob 2018-01-30 --year 3 >/dev/null
E1=$(must register add 3 --status K --date 2026-09-10 --parents-informed 2026-09-12)
must need add 3 SLCN --rank 1 >/dev/null
# removed from the register by mistake: the needs were ended with it
E2=$(must register remove 3 --date 2026-10-05 --reason "good progress")
st pupil show 3
expect_out_has "SEN status        N since 2026-10-05"
st register correct "$E2" --entered-in-error --reason "meant for another pupil"
expect_status 0
expect_err_has "register entry $E2 marked as entered in error"
st register history 3
expect_out_has "$E1 2026-09-10 K  2026-09-12 -"
expect_out_has "$E2 2026-10-05 N  -"
expect_out_has "VOID: entered in error (marked 2026-11-25): meant for another pupil"
st pupil show 3
expect_out_has "SEN status        K since 2026-09-10"
expect_out_has "SLCN"
expect_out_has "VOID: entered in error (meant for another pupil)"
st register list
expect_out_has "Minh Nguyễn"
expect_out_has "K  2026-09-10 2026-09-12 SLCN"
st export register
expect_out_has '"Nguyễn","Minh",,"2018-01-30","3",,"K","2026-09-10","SLCN"'
st log
expect_out_has "register correct   update register_event $E2  pupil 3  on 2026-10-05  (entered in error: status N)"
expect_out_has "restored: the move to N was entered in error"
st export pupil 3
expect_out_has '"register","2","void_reason","meant for another pupil"'

t "register correct: the same entry twice, an unknown entry, a missing reason"
refuse 65 "EVENT $E2: was already marked entered in error on 2026-11-25" \
	register correct "$E2" --entered-in-error --reason again
refuse 65 "EVENT 999: no such register entry" register correct 999 --entered-in-error --reason x
refuse 64 "--reason is required" register correct "$E1" --entered-in-error
refuse 64 "--entered-in-error is required" register correct "$E1" --reason x
refuse 64 "missing EVENT" register correct --entered-in-error --reason x
refuse 65 "EVENT x" register correct x --entered-in-error --reason x

t "register correct refuses what would leave needs without a placement"
refuse 65 "pupil 3: has needs recorded (SLCN), which are recorded only for K or E" \
	register correct "$E1" --entered-in-error --reason "never on the register"

t "register correct refuses a history that never was (K then K again)"
must pupil add --surname Patel --forename Riya --dob 2017-05-05 --year 4 >/dev/null
R1=$(must register add 4 --status K --date 2026-09-01 --parents-informed 2026-09-01)
R2=$(must register remove 4 --date 2026-10-01)
R3=$(must register add 4 --status K --date 2026-11-01 --parents-informed 2026-11-01)
refuse 65 "EVENT $R2: marking it entered in error would leave a history that never was: the history would have K (SEN support) on 2026-09-01 followed by K (SEN support) again on 2026-11-01" \
	register correct "$R2" --entered-in-error --reason "not removed"
t "... and works once the later entry is corrected first"
st register correct "$R3" --entered-in-error --reason "not removed, so not re-added"
expect_status 0
st pupil show 4
expect_out_has "SEN status        N since 2026-10-01"
st register correct "$R2" --entered-in-error --reason "not removed"
expect_status 0
st pupil show 4
expect_out_has "SEN status        K since 2026-09-01"
t "voiding an older entry leaves the current status alone"
R5=$(must register remove 4 --date 2026-11-05 --reason "by mistake")
R4=$(must register add 4 --status E --date 2026-11-10 --plan-date 2026-11-05 --parents-informed 2026-11-10)
st register correct "$R5" --entered-in-error --reason "never removed"
expect_status 0
st pupil show 4
expect_out_has "SEN status        E since 2026-11-10"

t "register correct of the only placement takes the pupil off the register"
st register correct "$R4" --entered-in-error --reason "no plan yet"
expect_status 0
st pupil show 4
expect_out_has "SEN status        K since 2026-09-01"
st register correct "$R1" --entered-in-error --reason "never at K"
expect_status 0
st pupil show 4
expect_out_has "SEN status        not on the register"
st register list
expect_out_lacks "Riya"
refuse 65 "pupil 4: is not on the SEN register" register remove 4

t "register correct refuses to undo the placement a cycle was opened under"
must pupil add --surname Ahmed --forename Yusuf --dob 2017-03-03 --year 4 >/dev/null
Y1=$(must register add 5 --status K --date 2026-09-01 --parents-informed 2026-09-01)
must cycle open 5 --date 2026-09-02 >/dev/null
refuse 65 "EVENT $Y1: cycle 1 of Yusuf Ahmed (#5) was opened on 2026-09-02, when the remaining entries say the pupil was not on the register; a cycle is for a pupil at K or E" \
	register correct "$Y1" --entered-in-error --reason x

t "E to K needs the LA's decision, so voiding the K that left E is fine, the E before K is not"
must pupil add --surname Lee --forename Ann --dob 2016-02-02 --year 5 >/dev/null
L1=$(must register add 6 --status K --date 2026-09-01 --parents-informed 2026-09-01)
L2=$(must register add 6 --status E --date 2026-10-01 --plan-date 2026-09-28 --parents-informed 2026-10-01)
L3=$(must register add 6 --status K --date 2026-11-01 --ceased-by-la 2026-10-30)
refuse 65 "the history would have K (SEN support) on 2026-09-01 followed by K (SEN support) again on 2026-11-01" \
	register correct "$L2" --entered-in-error --reason x
st register correct "$L3" --entered-in-error --reason "the LA has not ceased the plan"
expect_status 0
st pupil show 6
expect_out_has "SEN status        E since 2026-10-01"

t "a new entry after a void one follows the remaining history"
st register add 6 --status K --date 2026-11-20
expect_status 65
expect_err_has "give --ceased-by-la DATE"

t "cycles are numbered per pupil everywhere: stdout, messages, cycle show"
# Yusuf (#5) already has cycle 1, the first cycle row; Ann's first cycle is row 2
st cycle open 6 --date 2026-11-02
expect_status 0
expect_out 1
expect_err_has "cycle 1 of Ann Lee (#6) opened in the assess phase"
refuse 65 "pupil 6: cycle 1 of Ann Lee (#6) is still open (assess phase)" cycle open 6
refuse 65 "cycle 1 of Ann Lee (#6) is in the assess phase; do needs the plan phase" cycle do 6
refuse 65 "cycle 1 of Ann Lee (#6): plan needs an assessment summary first" \
	cycle plan 6 --review-date 2026-12-20
st cycle show 6
expect_out_has "Cycle 1 of Ann Lee (#6): assess phase, no review date yet"
st export cycles
expect_out_has '"2","6",,"Lee","Ann","5","1","assess"'

t "pupil leave: open provision ends on the leaving date, the open cycle closes as 'left'"
must provision add 6 "Social skills" --staff TA --sessions 2 --minutes 30 --group-size 3 \
	--hourly-cost 15 --start 2026-11-02 >/dev/null
VE=$(must provision add 6 "Ended already" --staff TA --sessions 1 --minutes 30 --group-size 1 \
	--hourly-cost 15 --start 2026-09-02 --end 2026-10-01)
st report provision-map --format text --on 2026-11-19
expect_out_has "Social skills"
st pupil leave 6 --date 2026-11-20
expect_status 0
st provision list --pupil 6
expect_out_has "Social skills          TA       2x30m 1:3      15.00     5.00    190.00  2026-11-02 2026-11-20"
expect_out_has "Ended already          TA       1x30m 1:1      15.00     7.50    285.00  2026-09-02 2026-10-01"
st cycle history 6
expect_out_has "left"
st cycle show 6 --cycle 1
expect_out_has "Cycle 1 of Ann Lee (#6): closed 2026-11-20, when the pupil left (no review)"
st export cycles
expect_out_has '"2","6",,"Lee","Ann","5","1","closed","2026-11-02",,,,,,"left","2026-11-20"'
st log
expect_out_has "pupil leave        update provision  pupil 6  on 2026-11-20  (ended on leaving)"
# the cycle's number for Ann, as in every message (its row id is 2)
expect_out_has "pupil leave        update cycle 1  pupil 6  on 2026-11-20  (left)"

t "reports count a leaver up to the day before the leaving date"
st report provision-map --format text --on 2026-11-19
expect_out_has "Social skills"
st report provision-map --format text --on 2026-11-20
expect_out_lacks "Social skills"
st report provision-map --format text
expect_out_lacks "Social skills"
st check
expect_out_lacks "Ann Lee"
st cycle list
expect_out_lacks "Ann Lee"
st report summary --academic-year 2026-27 --format text
expect_status 0
st export provision --active-on 2026-11-19
expect_out_has "Social skills"
st export provision --active-on 2026-11-20
expect_out_lacks "Social skills"

t "a pupil who left before sentrack ended their provision is not counted after leaving either"
sqlite3 "$SENTRACK_DB" "UPDATE provision SET end_date = NULL WHERE name = 'Social skills'"
st report provision-map --format text
expect_out_lacks "Social skills"
st export provision --active-on 2026-11-24
expect_out_lacks "Social skills"
st export register --include-left --year 5
expect_out_has '"Lee","Ann",,"2016-02-02","5",,"E","2026-10-01",,,,,"2026-10-01","2026-09-28","0.00","2026-11-20"'

t "a move to N decided at a cycle review is not voided: the review stands"
must pupil add --surname Cole --forename Ben --dob 2017-06-06 --year 4 >/dev/null
must register add 7 --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
must cycle open 7 --date 2026-09-01 >/dev/null
must cycle assess 7 --summary "Reading age 6y" --date 2026-09-02 >/dev/null
OB=$(must outcome add 7 "Reads 40 wpm" --measure "40 wpm" --by 2026-12-01)
must cycle plan 7 --review-date 2026-12-01 --date 2026-09-03 >/dev/null
must provision add 7 Reading --staff TA --sessions 1 --minutes 30 --group-size 1 \
	--hourly-cost 15 --start 2026-09-03 >/dev/null
must cycle do 7 --date 2026-09-04 >/dev/null
must outcome rate "$OB" achieved >/dev/null
must cycle review 7 --decision exit --date 2026-11-20 >/dev/null
st register history 7
BN=$(awk '$3 == "N" { print $1 }' "$OUT")
refuse 65 "EVENT $BN: was recorded by a cycle review (decision exit on 2026-11-20); the review stands" \
	register correct "$BN" --entered-in-error --reason "exit by mistake"

t "register export round trip: into the same database with --update, nothing changes"
export SENTRACK_DB="$T_DIR/school.db"
new_db
must pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4 --upn G999300024001 >/dev/null
# a name and a class that the formula-injection guard quotes in the file
must pupil add --surname "-Smith" --forename "=Jo" --dob 2017-04-04 --year 4 --class "-4M" \
	--upn Z999300024004 >/dev/null
must pupil add --surname "Nguyễn" --forename Minh --dob 2018-01-30 --year 3 --upn K999300024003 >/dev/null
must register add 1 --status K --date 2026-09-01 --parents-informed 2026-09-02 >/dev/null
must register add 2 --status K --date 2026-09-01 --parents-informed 2026-09-02 >/dev/null
must register add 3 --status E --date 2026-10-01 --plan-date 2026-09-20 --parents-informed 2026-10-01 >/dev/null
must need add 3 ASD --rank 1 >/dev/null
# 2 x 30 min x £18 / 4 = £4.50 a week, x 38 = £171.00
must provision add 1 "Reading Recovery" --staff teacher --sessions 2 --minutes 30 --group-size 4 \
	--hourly-cost 18 --start 2026-09-02 >/dev/null
st export register --output "$T_DIR/register.csv"
expect_status 0
grep -qF "\"'-Smith\",\"'=Jo\"" "$T_DIR/register.csv" && pass || fail "the guard quoted the names"
grep -qF '"171.00"' "$T_DIR/register.csv" && pass || fail "Amir's cost in the file"
snapshot before_import
st import pupils "$T_DIR/register.csv" --update
expect_status 0
expect_err_has "0 new, 0 updated, 3 unchanged"
expect_same_as before_import
st export register
expect_out_file "$T_DIR/register.csv"

t "register export round trip: into another database, the guard's quote is not kept"
export SENTRACK_DB="$T_DIR/other.db"
new_db
st import pupils "$T_DIR/register.csv"
expect_status 0
expect_err_has "3 new, 0 updated, 0 unchanged"
st pupil show Z999300024004
expect_out_has "Surname           -Smith"
expect_out_has "Forename          =Jo"
expect_out_has "Class             -4M"
t "... and exports the same file, but for costs, which come from the provision recorded there"
st export register
sed 's/"171\.00"/"0.00"/' "$T_DIR/register.csv" >"$T_DIR/register-no-costs.csv"
expect_out_file "$T_DIR/register-no-costs.csv"
must provision add G999300024001 "Reading Recovery" --staff teacher --sessions 2 --minutes 30 \
	--group-size 4 --hourly-cost 18 --start 2026-09-02 >/dev/null
st export register
expect_out_file "$T_DIR/register.csv"

done_testing
