# test_purge_retention.sh - `purge` by default applies the records rule
# schools follow for SEN files (issue 12): kept until date of birth + 31
# years (setting retention-years), and says which rule it applied.
. "$(dirname "$0")/lib.sh"
new_db
TODAY=2026-11-30
old=$(must pupil add --surname Old --forename Ola --dob 1995-11-29 --year 6 --joined 2005-09-01)
edge=$(must pupil add --surname Edge --forename Eda --dob 1995-11-30 --year 6 --joined 2005-09-01)
young=$(must pupil add --surname Young --forename Yin --dob 2012-01-01 --year 6 --joined 2016-09-01)
must pupil leave "$old" --date 2007-07-20 >/dev/null
must pupil leave "$edge" --date 2007-07-20 >/dev/null
must pupil leave "$young" --date 2019-07-20 >/dev/null

t "purge without --left-before: date of birth + 31 years, said"
snapshot before
st purge --dry-run
expect_status 0
expect_out_has "$old	-	Old, Ola	2007-07-20"
expect_out_lacks "Edge"
expect_out_lacks "Young"
expect_err_has "would erase 1 pupil past their retention date (rule: date of birth + 31 years, the records rule for SEN files; setting retention-years)"
expect_same_as before
st purge
expect_status 0
expect_err_has "erased 1 pupil past their retention date (rule: date of birth + 31 years"
[ "$(db_sql "SELECT id FROM pupil WHERE id IN ($old, $edge, $young) ORDER BY id" | paste -sd,)" = "$edge,$young" ] && pass || fail "wrong pupils erased"

t "the next day the edge case goes; the setting moves the rule"
TODAY=2026-12-01
must config set retention-years 32 >/dev/null
st purge --dry-run
expect_out_empty
expect_err_has "would erase 0 pupils past their retention date (rule: date of birth + 32 years"
must config unset retention-years >/dev/null
st purge
expect_err_has "erased 1 pupil"
refuse 65 "retention-years 20: must be a whole number from 25 to 100" config set retention-years 20

t "--left-before keeps its own rule, and says so"
st purge --left-before 2020-08-31 --dry-run
expect_err_has "would erase 1 pupil who left before 2020-08-31 (rule: --left-before)"

done_testing
