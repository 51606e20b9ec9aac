# test_young_person.sh - young people (issue 12): `register add
# --parents-informed --informed` and `register inform --informed`; from the
# academic year in which a pupil turns 16, findings and documents say
# "parents or young person".
. "$(dirname "$0")/lib.sh"
new_db
TODAY=2026-11-30
must config set school-name "Hill School" >/dev/null
must config set senco-name "Ms Ray" >/dev/null
# 16 on 2027-05-01: a young person from 2026-09-01
y=$(must pupil add --surname Young --forename Yan --dob 2011-05-01 --year 11)
# 16 on 2027-09-01: not yet (from 2027-09-01)
c=$(must pupil add --surname Child --forename Cal --dob 2011-09-01 --year 10)

t "register add --informed young-person"
st register add "$y" --status K --date 2026-09-10 --parents-informed 2026-09-10 --informed Young-Person
expect_status 0
st register history "$y"
expect_out_has "informed: the young person (the pupil)"
refuse 64 "--informed needs --parents-informed" register add "$c" --status K --date 2026-09-10 --informed parent
refuse 65 "--informed pupil: must be parent or young-person" register add "$c" --status K --date 2026-09-10 --parents-informed 2026-09-10 --informed pupil
refuse 65 "--informed young-person: on 2026-09-10 the pupil was not yet a young person" register add "$c" --status K --date 2026-09-10 --parents-informed 2026-09-10 --informed young-person
st register add "$c" --status K --date 2026-09-10 --parents-informed 2026-09-10 --informed parent
expect_status 0
[ "$(db_sql "SELECT informed_who FROM register_event WHERE pupil_id = $c")" = parent ] && pass || fail "informed_who parent"

t "register inform --informed"
z=$(must pupil add --surname Zed --forename Zoe --dob 2010-10-10 --year 11)
must register add "$z" --status K --date 2026-11-02 >/dev/null
refuse 65 "--informed nobody: must be parent or young-person" register inform "$z" --date 2026-11-03 --informed nobody
st register inform "$z" --date 2026-11-03 --informed young-person
expect_status 0
expect_err_has "young person (the pupil) was informed"
[ "$(db_sql "SELECT informed_who || ' ' || parents_informed FROM register_event WHERE pupil_id = $z")" = "young-person 2026-11-03" ] && pass || fail "inform --informed stored"
st log --limit 1
expect_out_has "young-person"

t "findings say parents or young person"
w=$(must pupil add --surname Wait --forename Wes --dob 2011-01-01 --year 11)
must register add "$w" --status K --date 2026-11-10 >/dev/null
st check --rule parents-not-informed --pupil "$w"
expect_out_has "placed at K on 2026-11-10; parents or young person not recorded as informed after 20 days"
v=$(must pupil add --surname Vale --forename Val --dob 2016-01-01 --year 5)
must register add "$v" --status K --date 2026-11-10 >/dev/null
st check --rule parents-not-informed --pupil "$v"
expect_out_has "placed at K on 2026-11-10; parents not recorded as informed after 20 days"

t "documents: the {{parents}} placeholder and the plan's signatures"
st letter templates
expect_out_has "parents"
mkdir -p "$T_DIR/letters"
printf 'Subject: Note\n\nTo the {{parents}} of {{pupil.name}}.\n' >"$T_DIR/letters/note.txt"
st letter note "$y"
expect_status 0
expect_out_has "To the parents or young person of Yan Young."
st letter note "$v"
expect_out_has "To the parents of Val Vale."

done_testing
