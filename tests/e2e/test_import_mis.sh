# test_import_mis.sh - the MIS import as schools' files really are (issue
# 16) and one audit row per import (issue 15): header names and wordings
# from SIMS, Arbor and Bromcom, columns not read, whole values in errors,
# UPN check letters, possible duplicates, parents informed before
# sentrack, progress only on a terminal, the import's own record.
. "$(dirname "$0")/lib.sh"
new_db
F=$T_DIR

t "MIS header names and wordings: Reg, Primary SEN need, SEN Support (K), need descriptions"
cat >"$F/sims.csv" <<'CSV'
UPN,Legal Surname,Legal Forename,DOB,NC Year,Reg,SEN Provision,Primary SEN need,Secondary SEN need,Ethnicity,Gender
G999300024001,O'Brien,Siobhan,14/03/2016,5,5B,SEN Support (K),Autistic Spectrum Disorder,"Speech, Language and Communication Needs",WBRI,F
W999300024002,Khan,Amir,02/09/2015,6,6A,Education Health and Care Plan,Specific Learning Difficulty,,ASIA,M
K999300024003,Nguyễn,Minh,01/01/2019,2,2C,No Special Educational Need,,,AOTH,M
Z999300024004,Smith,Mary,02/11/2017,4,4M,K - SEN Support,MLD - Moderate Learning Difficulty,VI,WBRI,F
CSV
st import pupils "$F/sims.csv" --dry-run
expect_status 0
expect_out_has "columns not read (sentrack ignores them): \"Ethnicity\" (column 10), \"Gender\" (column 11)"
expect_out_has "new pupil (line 2): UPN G999300024001: O'Brien, Siobhan, year 5, SEN K, need ASD"
expect_out_has "new pupil (line 3): UPN W999300024002: Khan, Amir, year 6, SEN E, need SPLD"
expect_out_has "new pupil (line 4): UPN K999300024003: Nguyễn, Minh, year 2, SEN N"
expect_out_has "new pupil (line 5): UPN Z999300024004: Smith, Mary, year 4, SEN K, need MLD"
expect_err_has "$F/sims.csv:1: columns not read (sentrack ignores them): \"Ethnicity\" (column 10), \"Gender\" (column 11)"
st import pupils "$F/sims.csv" --date 2026-11-20
expect_status 0
expect_err_has "columns not read (sentrack ignores them): \"Ethnicity\""
st pupil show G999300024001
expect_out_has "Class             5B"
expect_out_has "SEN status        K since 2026-11-20"
expect_out_has "ASD"
expect_out_has "SLCN"
st pupil show W999300024002
expect_out_has "SEN status        E since 2026-11-20"

t "Registration form is a class column; no unknown columns, no line about them"
printf 'Surname,Forename,DOB,Year,Registration form,SEN Status\nLee,Sam,01/02/2018,3,3S,K - SEN Support\n' >"$F/arbor.csv"
st import pupils "$F/arbor.csv" --dry-run
expect_status 0
expect_out_has "new pupil (line 2): UPN (none): Lee, Sam, year 3, SEN K"
expect_out_lacks "columns not read"

t "errors quote the whole value, never cut"
long="Autistic spectrum disorder with a very long description that goes on"
printf 'Surname,Forename,DOB,Year,SEN Status,Primary Need\nLee,Sam,01/02/2018,3,Special educational needs support plan of the school,"%s"\n' "$long" >"$F/long.csv"
st import pupils "$F/long.csv"
expect_status 65
expect_err_has "SEN Status Special educational needs support plan of the school: not an SEN provision"
expect_err_has "Primary Need $long: not a census need type"
printf 'Surname,Forename,DOB,Year\nLee,Sam,the first of February two thousand and eighteen,Year Three Hundred and Six\n' >"$F/long2.csv"
st import pupils "$F/long2.csv"
expect_status 65
expect_err_has "DOB the first of February two thousand and eighteen: not a date"
expect_err_has "Year Year Three Hundred and Six: not a year group"

t "a UPN whose check letter does not match: check it in the MIS, never 'should be'"
printf 'UPN,Surname,Forename,DOB,Year\nA999300024002,Lee,Sam,01/02/2018,3\n' >"$F/upn.csv"
st import pupils "$F/upn.csv"
expect_status 65
expect_err_has "upn.csv:2:1: UPN A999300024002: the check letter A does not match its digits: check it in the MIS"
grep -q "should be" "$ERR" && fail "names a letter to type" || pass
refuse 65 "--upn A999300024002: the check letter A does not match its digits: check it in the MIS" \
	pupil add --surname Lee --forename Sam --dob 2018-02-01 --year 3 --upn A999300024002
grep -q "should be" "$ERR" && fail "names a letter to type" || pass
must pupil add --surname Lee --forename Sam --dob 2018-02-01 --year 3 >/dev/null
refuse 65 "the check letter A does not match its digits" pupil edit "Sam Lee" --upn A999300024002

t "possible duplicates: same name and date of birth, no UPN to tell them apart"
refuse 65 "sam LEE, born 2018-02-01: possibly Sam Lee (pupil 5, year 3, no UPN) already in sentrack" \
	pupil add --surname LEE --forename sam --dob 01/02/2018 --year 3
expect_err_has "give the UPN, or --allow-duplicate if they are two pupils"
# a UPN on the new pupil does not tell them apart from one without
refuse 65 "possibly Sam Lee (pupil 5," pupil add --surname Lee --forename Sam --dob 2018-02-01 --year 3 \
	--upn R999300024007
# another date of birth is another pupil
must pupil add --surname Lee --forename Sam --dob 2018-02-02 --year 3 >/dev/null
# two UPNs tell them apart
must pupil add --surname O\'Brien --forename Siobhan --dob 2016-03-14 --year 5 --upn R999300024007 >/dev/null
st pupil add --surname Lee --forename Sam --dob 2018-02-01 --year 3 --allow-duplicate
expect_status 0
refuse 64 "--allow-duplicate: only with pupil add" pupil edit 1 --allow-duplicate

t "possible duplicates in an import: a known pupil, an earlier line, --allow-duplicate"
printf 'Surname,Forename,DOB,Year\nLee,Sam,01/02/2018,3\nBrown,Zoë,03/04/2017,4\nbrown,ZOË,03/04/2017,4\n' >"$F/dup.csv"
refuse 65 "dup.csv:2:1: Sam Lee, born 2018-02-01: possibly Sam Lee (pupil 5, year 3, no UPN) already in sentrack" import pupils "$F/dup.csv"
expect_err_has "dup.csv:4:1: ZOË brown, born 2017-04-03: the same name and date of birth as line 3, and no UPN tells them apart"
st import pupils "$F/dup.csv" --allow-duplicate
expect_status 0
expect_err_has "3 new"

t "Parents Informed column; --parents-informed-before for placements made before sentrack"
new_db
printf 'UPN,Surname,Forename,DOB,Year,SEN Status,Primary Need,Parents Informed\nG999300024001,Brown,Zoë,03/04/2017,4,K,MLD,10/09/2025\nW999300024002,Khan,Amir,02/09/2015,6,K,SPLD,\n' >"$F/informed.csv"
must import pupils "$F/informed.csv" --date 2025-09-01 >/dev/null
st check --rule parents-not-informed
expect_out_has "Amir Khan"
expect_out_lacks "Zoë Brown"
new_db
st import pupils "$F/informed.csv" --date 2025-09-01 --parents-informed-before 2025-09-01
expect_status 0
st check --rule parents-not-informed
expect_status 0
expect_out_lacks "Amir Khan"
st register history W999300024002
expect_out_has "placed before sentrack; parents informed before 2025-09-01"
# a placement after the date is not covered: its parents still need telling
new_db
st import pupils "$F/informed.csv" --parents-informed-before 2025-09-01
expect_status 0
TODAY=2026-12-31 st check --rule parents-not-informed
expect_out_has "Amir Khan"
refuse 65 "--parents-informed-before 2026-12-01: is in the future" \
	import pupils "$F/informed.csv" --parents-informed-before 2026-12-01

t "one audit row per import: the file, its SHA-256 and counts; pupils linked to it"
new_db
st import pupils "$F/sims.csv" --date 2026-11-20
expect_status 0
sum=$(sha256sum "$F/sims.csv" | cut -d' ' -f1)
st log
expect_out_has "sims.csv (SHA-256 $sum): 4 rows, 4 new, 0 updated, 0 unchanged"
[ "$(db_sql "SELECT count(*) FROM audit")" = 1 ] && pass || fail "more than one audit row"
st pupil show G999300024001
expect_out_has "From the MIS      import 1: $F/sims.csv, line 2"
st log --pupil G999300024001
expect_out_has "SHA-256 $sum"
# the same file again changes nothing and records nothing
st import pupils "$F/sims.csv" --update --date 2026-11-20
expect_status 0
[ "$(db_sql "SELECT count(*) FROM import_run")" = 1 ] && pass || fail "an import that changed nothing was recorded"
sed 's/,5B,/,5C,/' "$F/sims.csv" >"$F/sims2.csv"
st import pupils "$F/sims2.csv" --update --date 2026-11-20
expect_status 0
expect_err_has "1 updated, 3 unchanged"
st pupil show G999300024001
expect_out_has "From the MIS      import 2: $F/sims2.csv, line 2"
st log --pupil G999300024001
expect_out_has "sims2.csv (SHA-256"
st pupil show K999300024003
expect_out_has "From the MIS      import 1: $F/sims.csv, line 4"

t "progress on stderr only when it is a terminal: rows and percentage"
new_db
awk -v rows=1500 -f "$SENTRACK_SOURCE_DIR/tests/e2e/gen_pupils.awk" >"$F/many.csv"
script -qec "$(printf '%q ' "$SENTRACK_BIN" --today "$TODAY" import pupils "$F/many.csv")" /dev/null >"$OUT" 2>&1 </dev/null
expect_out_has "sentrack: import: 1024 rows, "
grep -q "sentrack: import: 1024 rows, [0-9]*%" "$OUT" && pass || fail "no percentage"
expect_out_has "imported $F/many.csv: 1500 new"
new_db
st import pupils "$F/many.csv"
expect_status 0
grep -q "rows" "$ERR" && fail "progress without a terminal" || pass

done_testing
