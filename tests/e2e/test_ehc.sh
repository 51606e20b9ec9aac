# test_ehc.sh - issue 12: EHC needs assessment requests followed to the
# LA's decisions (Code 9.14-9.17, 9.40) and EHC plan annual reviews step by
# step (9.166-9.179), through the real binary with --today: each command,
# its refusals and exit statuses, and the check rules at their boundaries.
. "$(dirname "$0")/lib.sh"
new_db
on() { TODAY=$1; }

on 2026-09-07
amy=$(must pupil add --surname Able --forename Amy --dob 2016-05-01 --year 5)
yan=$(must pupil add --surname Young --forename Yan --dob 2010-05-01 --year 11)
kim=$(must pupil add --surname King --forename Kim --dob 2015-05-01 --year 6)
must register add "$amy" --status K --date 2025-09-10 --parents-informed 2025-09-10 >/dev/null
must register add "$kim" --status E --date 2026-01-05 --plan-date 2026-01-05 --parents-informed 2026-01-05 >/dev/null

t "ehcna request: usage and values"
refuse 64 "--by is required" ehcna request "$amy" --date 2026-09-01
refuse 64 "--date is required" ehcna request "$amy" --by parent
refuse 64 "--parents-informed is missing: a school asks for an EHC needs assessment with the parents' knowledge (Code 9.14)" \
	ehcna request "$amy" --by school --date 2026-09-01
refuse 65 "--by teacher: must be school, parent or young-person" ehcna request "$amy" --by teacher --date 2026-09-01
refuse 65 "--date 2026-09-08: is in the future" ehcna request "$amy" --by parent --date 2026-09-08
refuse 65 "--by young-person: the pupil is under 16 on 2026-09-01" ehcna request "$amy" --by young-person --date 2026-09-01
refuse 65 "pupil 3: already has an EHC plan (E); ask the local authority for an early review instead" \
	ehcna request "$kim" --by parent --date 2026-09-01

t "ehcna request: a school's request with the parents informed; the deadlines"
st ehcna request "$amy" --by school --date 2026-09-01 --parents-informed 2026-08-28
expect_status 0
expect_out 1
expect_err_has "decides whether to assess by 2026-10-13 (6 weeks) and issues any plan by 2027-01-19 (20 weeks)"
refuse 65 "an EHC needs assessment request of 2026-09-01 is still with the local authority" \
	ehcna request "$amy" --by parent --date 2026-09-02
st ehcna request "$yan" --by young-person --date 2026-09-07
expect_status 0

t "ehcna-decision: due within due-window-days of 6 weeks, overdue after"
# 2026-09-01 + 42 days = 2026-10-13
on 2026-09-28
st check --rule ehcna-decision --pupil "$amy"
expect_status 0
on 2026-09-29
st check --rule ehcna-decision --pupil "$amy"
expect_status 1
expect_out_has "the local authority's decision whether to assess is due in 14 days (requested 2026-09-01; 6 weeks)  [Code 9.14-9.17]"
on 2026-10-14
st check --rule ehcna-decision --pupil "$amy"
expect_status 2
expect_out_has "overdue  ehcna-decision  2026-10-13"
expect_out_has "was due 1 day ago"

t "ehcna decide and outcome: order, values, issued places the pupil at E"
refuse 65 "not yet decided to assess" ehcna outcome "$amy" --plan issued --date 2026-10-14
refuse 65 "--assess maybe: must be yes or no" ehcna decide "$amy" --assess maybe --date 2026-10-14
refuse 65 "--date 2026-08-31: is before the request on 2026-09-01" ehcna decide "$amy" --assess yes --date 2026-08-31
refuse 64 "--assess is required" ehcna decide "$amy" --date 2026-10-14
st ehcna decide "$amy" --assess yes --date 2026-10-14
expect_status 0
expect_out_empty
st check --rule ehcna-decision --pupil "$amy"
expect_status 0
# the plan: 2026-09-01 + 140 days = 2027-01-19
on 2027-01-20
st check --rule ehcna-plan --pupil "$amy"
expect_status 2
expect_out_has "the final EHC plan was due 1 day ago (requested 2026-09-01; 20 weeks)  [Code 9.40]"
refuse 65 "--plan lost: must be issued or refused" ehcna outcome "$amy" --plan lost --date 2027-01-20
refuse 65 "--date 2026-10-13: is before the decision to assess on 2026-10-14" ehcna outcome "$amy" --plan issued --date 2026-10-13
st ehcna outcome "$amy" --plan issued --date 2027-01-20
expect_status 0
st register history "$amy"
expect_out_has "2027-01-20"
st pupil show "$amy"
expect_out_has "E"
st check --rule ehcna-plan,ehcna-decision
expect_out_lacks "Able"

t "ehcna list: who asked, the decisions or their due dates"
st ehcna list
expect_status 0
expect_out_has "ID  PUPIL NAME"
expect_out_has "2026-09-01 school       2026-08-28 yes 2026-10-14  issued 2027-01-20"
expect_out_has "2026-09-07 young-person -          due 2026-10-19  due 2027-01-25"
st ehcna list "$yan"
expect_err_has "1 request"

t "cycle review --decision ehcna records a school's request, one at a time; a refusal closes it"
on 2026-09-02
ben=$(must pupil add --surname Bell --forename Ben --dob 2017-05-01 --year 4)
must register add "$ben" --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
must cycle open "$ben" --date 2026-09-01 >/dev/null
must cycle assess "$ben" --summary "Assessed" --date 2026-09-02 >/dev/null
must outcome add "$ben" "Reads a page aloud" --area CL --measure "4 of 5 sessions" --by 2026-11-20 >/dev/null
must cycle plan "$ben" --review-date 2026-11-20 --date 2026-09-02 >/dev/null
must provision add "$ben" "Reading group" --staff TA --sessions 3 --minutes 30 --group-size 4 --hourly-cost 20 >/dev/null
must cycle do "$ben" --date 2026-09-02 >/dev/null
on 2026-11-25
must outcome rate 1 not-achieved >/dev/null
# a parent's own request still open: the review cannot make a second one
must ehcna request "$ben" --by parent --date 2026-11-10 >/dev/null
refuse 65 "an EHC needs assessment request of 2026-11-10 is still with the local authority" \
	cycle review "$ben" --decision ehcna --date 2026-11-20 --with parents,senco
must ehcna decide "$ben" --assess no --date 2026-11-18 >/dev/null
st cycle review "$ben" --decision ehcna --date 2026-11-20 --with parents,senco
expect_status 0
st ehcna list "$ben"
expect_out_has "2026-11-20 school       2026-11-20 due 2027-01-01"
must ehcna decide "$ben" --assess no --date 2026-11-24 >/dev/null
st ehcna list "$ben"
expect_out_has "no 2026-11-24   -"
st check --rule ehcna-decision,ehcna-plan --pupil "$ben"
expect_status 0

t "ehcp schedule: the deadlines; a move; refusals"
on 2026-11-11
refuse 65 "has no EHC plan (status E); an annual review needs one" ehcp schedule "$ben" --meeting 2026-12-10
refuse 65 "--meeting 2026-01-04: is before the EHC plan date 2026-01-05" ehcp schedule "$kim" --meeting 2026-01-04
refuse 64 "--meeting is required" ehcp schedule "$kim"
refuse 65 "no annual review scheduled" ehcp done "$kim" --step invite --date 2026-11-10
st ehcp schedule "$kim" --meeting 2026-12-03
expect_status 0
expect_out 1
expect_err_has "invitations and advice requests by 2026-11-19 (Code 9.168), the report to the local authority by 2026-12-17 and its decision by 2026-12-31 (Code 9.176)"
st ehcp schedule "$kim" --meeting 2026-12-10
expect_status 0
expect_out 1
expect_err_has "moved the annual review meeting from 2026-12-03"
refuse 65 "already scheduled on that day" ehcp schedule "$kim" --meeting 2026-12-10

t "ehcp-review-step: invitations due 14 days before the meeting's deadline, overdue after"
# meeting 2026-12-10: invitations and advice by 2026-11-26
st check --rule ehcp-review-step --pupil "$kim"
expect_status 0
on 2026-11-12
st check --rule ehcp-review-step --pupil "$kim"
expect_status 1
expect_out_has "invitations to the annual review meeting is due in 14 days (at least 2 weeks before the meeting on 2026-12-10, Code 9.168)  [Code 9.166-9.176; school policy (configurable): ehcp-book-weeks]"
refuse 65 "--step agenda: must be invite, advice, report or decision" ehcp done "$kim" --step agenda --date 2026-11-12
refuse 64 "--step is required" ehcp done "$kim" --date 2026-11-12
refuse 65 "before the meeting on 2026-12-10; the report follows it" ehcp done "$kim" --step report --date 2026-11-12
st ehcp done "$kim" --step invite --date 2026-11-12
expect_status 0
refuse 65 "--step invite: already recorded on 2026-11-12" ehcp done "$kim" --step invite --date 2026-11-12
on 2026-11-27
st check --rule ehcp-review-step --pupil "$kim"
expect_status 2
expect_out_has "advice requests for the annual review was due 1 day ago"
expect_out_lacks "invitations"
must ehcp done "$kim" --step advice --date 2026-11-27 >/dev/null

st ehcp list
expect_status 0
expect_out_has "     3 Kim King                  6    2026-01-05 -           2027-01-05 2026-12-10 invite, advice"
expect_err_has "2 pupils with an EHC plan"

t "ehcp review completes the schedule; the report and the LA's decision follow"
on 2026-12-10
st ehcp review "$kim" --date 2026-12-10 --with parents,senco
expect_status 0
on 2026-12-25
st check --rule ehcp-review-step --pupil "$kim"
expect_status 2
expect_out_has "the annual review report to the local authority was due 1 day ago (within 2 weeks of the meeting on 2026-12-10, Code 9.176)"
expect_out_has "the local authority's decision after the annual review is due in 13 days"
expect_out_lacks "the annual review meeting is"
must ehcp done "$kim" --step report --date 2026-12-24 >/dev/null
must ehcp done "$kim" --step decision --date 2026-12-25 >/dev/null
st ehcp list
expect_out_has "2026-01-05 2026-12-10  2027-12-10 2026-12-10 invite, advice, held, report, decision"
st check --rule ehcp-review-step --pupil "$kim"
expect_status 0

t "ehcp-phase-transfer: Year 6 from 1 September, overdue after 15 February"
on 2027-02-15
st check --rule ehcp-phase-transfer --pupil "$kim"
expect_status 1
expect_out_has "the amended EHC plan for the phase transfer is due today (Year 6 to secondary school, from 1 September; \`sentrack ehcp amended\`)  [Code 9.179]"
on 2027-02-16
st check --rule ehcp-phase-transfer --pupil "$kim"
expect_status 2
refuse 65 "--date 2027-02-17: is in the future" ehcp amended "$kim" --date 2027-02-17
st ehcp amended "$kim" --date 2027-02-16
expect_status 0
expect_out 1
st check --rule ehcp-phase-transfer --pupil "$kim"
expect_status 0

t "ehcp-annual-review and booking: 10 weeks ahead, configurable; overdue the day after"
# last review 2026-12-10: due 2027-12-10, book by 2027-10-01 (70 days before)
on 2027-09-16
st check --rule ehcp-review-step --pupil "$kim"
expect_status 0
on 2027-09-17
st check --rule ehcp-review-step --pupil "$kim"
expect_status 1
expect_out_has "booking the annual review meeting is due in 14 days (last review 2026-12-10; \`sentrack ehcp schedule\`)"
# 13 weeks: 91 days before, 2027-09-10
must config set ehcp-book-weeks 13 >/dev/null
st check --rule ehcp-review-step --pupil "$kim"
expect_status 2
on 2027-12-10
st check --rule ehcp-annual-review --pupil "$kim"
expect_status 0
on 2027-12-11
st check --rule ehcp-annual-review --pupil "$kim"
expect_status 2
expect_out_has "EHC plan annual review was due 1 day ago (last 2026-12-10)  [Code 9.166, 9.178]"
refuse 65 "ehcp-under5-months 2: must be a whole number from 3" config set ehcp-under5-months 2

t "export pupil (subject access) includes the requests, the scheduled reviews and amended plans"
st export pupil "$kim"
expect_status 0
expect_out_has '"ehcp_schedules","1","meeting_on","2026-12-10"'
expect_out_has '"ehcp_schedules","1","decision_on","2026-12-25"'
expect_out_has '"ehcp_amended","1","amended_on","2027-02-16"'
st export pupil "$amy"
expect_out_has '"ehcna_requests","1","requested_by","school"'
expect_out_has '"ehcna_requests","1","plan","issued"'

t "today lists this week's EHC steps and needs assessment deadlines"
new_db
on 2026-11-30
zoe=$(must pupil add --surname Zane --forename Zoe --dob 2016-05-01 --year 4)
luke=$(must pupil add --surname Kowalski --forename Luke --dob 2015-05-01 --year 6)
must register add "$zoe" --status K --date 2025-09-10 --parents-informed 2025-09-10 >/dev/null
must register add "$luke" --status E --date 2026-01-05 --plan-date 2026-01-05 --parents-informed 2026-01-05 >/dev/null
# decision due 2026-12-03 (Thursday of this week)
must ehcna request "$zoe" --by parent --date 2026-10-22 >/dev/null
must ehcp schedule "$luke" --meeting 2026-12-16 >/dev/null
st today
expect_status 0
expect_out_has "2026-12-02  Luke Kowalski (Y6)             invitations to the annual review meeting (meeting 2026-12-16)  [Code 9.168]"
expect_out_has "2026-12-03  Zoe Zane (Y4)                  the local authority's decision whether to assess  [Code 9.14-9.17]"
expect_out_lacks "the report to the local authority"
st agenda
expect_out_has "the local authority's decision whether to assess"

done_testing
