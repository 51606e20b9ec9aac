# test_pg_pupils.sh - pupils, the register, needs, config and the audit
# log on a trust's PostgreSQL database: the same output as on a file, each
# school's own (issue 14).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
. "$(dirname "$0")/pg_both.sh"
both_start

t "pupils: add, show, list, edit, find by name and UPN"
both pupil add --surname Lee --forename Ann --dob 2016-01-02 --year 3 --class 3B
both pupil add --surname Okafor --forename Chidi --preferred Chi --dob 2015-05-06 --year 4 --upn A123456789012
both pupil add --surname Åberg --forename Zoë --dob 2016-03-04 --year 3
both pupil add --surname lee --forename ann --dob 2016-01-02 --year 3
both pupil list
both pupil list --year 3
both pupil show 1
both pupil show "Chi Okafor"
both pupil show A123456789012
both pupil show 99
both pupil edit 1 --class 3C
both pupil show 1

t "the register and needs"
both register add 1 --status K --date 2026-09-10 --parents-informed 2026-09-11
both need add 1 SLCN --rank 1
both need add 1 SEMH --rank 2
both need add 1 SEMH --rank 1
both pupil show 1
both register add 2 --status K --date 2026-09-12
both register inform 2 --date 2026-09-20 --informed parent
both register list
both register list --status K --year 3
both register list --format json
both need remove 1 SEMH
both register remove 1 --date 2026-11-01 --reason "caught up"
both register history 1
both register add 1 --status K --date 2026-11-05 --parents-informed 2026-11-05
both register history 1
both pupil show 1
both need types

t "config and the audit log"
both config set school-weeks 38
both config get school-weeks
both config list
both config unset school-weeks
both log --limit 5
both log --pupil 1

t "school B sees none of school A's pupils"
st --db "$PG_B" pupil list
expect_status 0
expect_out_empty
st --db "$PG_B" pupil show 1
expect_status 65

t "a trust reader names its school; it cannot write"
st --db "$PG_LEAD" pupil list
expect_status 64
expect_err_has "--school: your database role reads 2 schools"
st --db "$PG_LEAD" --school 100001 pupil list
expect_status 0
expect_out_has "Lee"
st --db "$PG_LEAD" --school 100001 pupil add --surname New --forename Kid --dob 2016-01-02 --year 3
expect_status 77
st --db "$PG_LEAD" --school 999999 pupil list
expect_status 65
expect_err_has "--school 999999: no school with this URN"

t "a role granted no school is told so (77)"
pg_sql trust_admin "CREATE ROLE nobody_here LOGIN"
st --db "$(pg_db nobody_here)" pupil list
expect_status 77
expect_err_has "permission denied for schema sentrack"

t "--school on a database file is refused (64)"
st --db "$FILE_DB" --school 100001 pupil list
expect_status 64
expect_err_has "a database file holds one school"

done_testing
