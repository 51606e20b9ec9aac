# test_register.sh - pupils, the register, needs and the audit log from the
# command line: exact output, exit statuses, and nothing written on error.
. "$(dirname "$0")/lib.sh"
new_db

t "pupil add prints the new id alone on stdout"
st pupil add --surname "O'Brien" --forename Siobhan --dob 2016-03-14 --year 5 --class 5H \
	--upn B801200005001 --joined 2020-09-03
expect_status 0
expect_out "1"
expect_err_has "added pupil 1"
id2=$(must pupil add --surname Brown --forename Zoë --dob 2017-07-22 --year 4 --class 4M)
[ "$id2" = 2 ] && pass || fail "second id $id2"
id3=$(must pupil add --surname Nguyễn --forename Minh --preferred Minnie --dob 2018-01-30 --year 3)

t "bad values exit 65 naming the field and the rule, and write nothing"
refuse 65 "--dob 2015-02-30: not a calendar date" \
	pupil add --surname A --forename B --dob 2015-02-30 --year 5
refuse 65 "--dob 20150101: not a date in the form YYYY-MM-DD" \
	pupil add --surname A --forename B --dob 20150101 --year 5
refuse 65 "--upn Z801200001001: the check letter Z does not match its digits: check it in the MIS" \
	pupil add --surname A --forename B --dob 2015-01-01 --year 5 --upn Z801200001001
refuse 65 "--upn B801200005001: already used by pupil 1" \
	pupil add --surname A --forename B --dob 2015-01-01 --year 5 --upn B801200005001
refuse 65 "--year 15: not a year group (one of N1, N2, R, 1, 2" \
	pupil add --surname A --forename B --dob 2015-01-01 --year 15
refuse 65 "--dob 2027-01-01: is in the future (today is 2026-11-25)" \
	pupil add --surname A --forename B --dob 2027-01-01 --year 5
refuse 64 "--surname is required" pupil add --forename B --dob 2015-01-01 --year 5

t "names with SQL in them are just names"
id4=$(must pupil add --surname "Robert'); DROP TABLE pupil;--" --forename Bobby --dob 2016-01-01 --year 5)
st pupil show "$id4"
expect_status 0
expect_out_has "Robert'); DROP TABLE pupil;--"

t "pupil list shows names intact and lines up"
st pupil list
expect_status 0
expect_out "    ID  UPN            NAME                       YEAR CLASS  STATUS NEEDS
     3  -              Minnie Nguyễn              3    -      -      -
     2  -              Zoë Brown                  4    4M     -      -
     1  B801200005001  Siobhan O'Brien            5    5H     -      -
     4  -              Bobby Robert'); DROP TABL~ 5    -      -      -"

t "register add, inform and list"
st register add "zoë brown" --status K --date 2026-09-10
expect_status 0
expect_out "1"
expect_err_has "record when parents are informed"
st register add 1 --status E --date 2026-10-01 --plan-date 2026-09-20 --parents-informed 2026-10-01
expect_status 0
expect_out "2"
refuse 64 "--plan-date: is required for status E" register add 3 --status E
refuse 65 "already at K (SEN support) since 2026-09-10" register add 2 --status K
refuse 65 "--date 2026-09-01: is before the last register change" register remove 2 --date 2026-09-01
refuse 65 "--status X: not a register status" register add 3 --status X
refuse 64 "--status is required" register add 3
st register inform "Brown, Zoë" --date 2026-09-12
expect_status 0
refuse 65 "already recorded as informed on 2026-09-12" register inform 2
st register list
expect_out "    ID  NAME                       YEAR ST SINCE      INFORMED   NEEDS
     2  Zoë Brown                  4    K  2026-09-10 2026-09-12 -
     1  Siobhan O'Brien            5    E  2026-10-01 2026-10-01 -"
st register list --status E
expect_out_has "Siobhan O'Brien"
expect_out_lacks "Zoë"

t "register remove moves to N with a reason, kept in the history"
st register remove 2 --date 2026-11-20 --reason "Outcomes achieved"
expect_status 0
expect_out "3"
st register history 2
expect_status 0
expect_out_has "2026-09-10 K  2026-09-12 -"
expect_out_has "2026-11-20 N  -"
expect_out_has "reason: Outcomes achieved"
st register list
expect_out_lacks "Zoë"
st pupil list --status N
expect_out_has "Zoë Brown"

t "needs: primary and secondary, one of each"
st need add 1 spld --rank 1
expect_status 0
st need add 1 SEMH --rank 2
expect_status 0
refuse 65 "--rank 1: pupil 1 already has SPLD as the primary need" need add 1 MLD --rank 1
refuse 65 "TYPE DYSLEXIA: not a census need type" need add 1 DYSLEXIA --rank 2
refuse 65 "--rank 3: must be between 1 and 2" need add 1 MLD --rank 3
refuse 64 "--rank is required" need add 1 MLD
refuse 65 "TYPE HI: not recorded for pupil 1" need remove 1 HI
st pupil show "Siobhan O'Brien"
expect_out_has "primary   SPLD  Specific learning difficulty [Cognition and learning]"
expect_out_has "secondary SEMH"
st need remove 1 SEMH
expect_status 0

t "ambiguous and missing pupils"
must pupil add --surname Jones --forename Ffion --dob 2017-03-03 --year 4 >/dev/null
must pupil add --surname Jones --forename Ffion --dob 2019-06-19 --year 2 >/dev/null
refuse 65 "pupil Ffion Jones: 2 pupils match; use an id or UPN: #5 Ffion Jones (Y4, born 2017-03-03); #6 Ffion Jones (Y2, born 2019-06-19)" \
	register add "Ffion Jones" --status K
refuse 65 "pupil 99: no pupil has this id" register add 99 --status K
refuse 65 "no pupil with this name" pupil show "Nobody Atall"

t "leavers are archived and hidden"
st pupil leave 3 --date 2026-11-01
expect_status 0
st pupil list
expect_out_lacks "Minnie"
st pupil list --include-left
expect_out_has "Minnie Nguyễn"
expect_out_has "- left"
refuse 65 "pupil 3: left on 2026-11-01; a leaver's records are kept as they were" pupil leave 3

t "pupil edit"
st pupil edit 2 --class 4T --preferred ""
expect_status 0
st pupil show 2
expect_out_has "Class             4T"
refuse 64 "nothing to change" pupil edit 2

t "the audit log records user, command, entity and event date"
st --user "Ms Senco" register inform 1 2>/dev/null
st log --limit 2
expect_status 0
expect_out_has "tester     pupil edit"
st log --pupil 2
expect_out_has "register remove    insert register_event 3  pupil 2  on 2026-11-20  (status N)"
expect_out_has "register add       insert register_event 1  pupil 2  on 2026-09-10  (status K)"
st log --since 2099-01-01
expect_out_empty

done_testing
