# test_import.sh - importing pupils from messy MIS exports (tests/data):
# aliases, BOM, CRLF, quoted newlines, DD/MM/YYYY, year group forms,
# legacy codes, every error with its line and column, all or nothing.
. "$(dirname "$0")/lib.sh"
DATA="$SENTRACK_SOURCE_DIR/tests/data"
EXPECTED="$DATA/expected"
cd "$DATA" || exit 1   # messages name files as typed

expect_err_file() { # stderr equals a file
	if cmp -s "$1" "$ERR"; then pass; else fail "stderr differs from $1"; diff "$1" "$ERR" | head -20 >&2; fi
}

new_db

t "a SIMS export: BOM, CRLF, quoted newlines, DD/MM/YYYY, legacy codes"
st import pupils sims_pupils.csv --dry-run
expect_status 0
expect_out_has "6 new, 0 updated, 0 unchanged, 0 errors"
expect_out_has "new pupil (line 2): UPN G999300024001: O'Brien, Siobhan, year 5, SEN K, need SPLD"
st pupil list
expect_out_lacks "Siobhan"
st import pupils sims_pupils.csv --date 2026-11-20
expect_status 0
expect_err_file "$EXPECTED/sims.err"
st export register --status K
expect_out_file "$EXPECTED/sims-register-k.csv"
st export register --status E
expect_out_has '"Z999300024004","Smith, Jones","Mary ""Mo"" Anne",,"2017-11-02","4","4M","E","2026-11-20","MLD"'
st pupil show K999300024003
expect_out_has "Surname           Nguyễn"
expect_out_has "Preferred name    Minnie"
st pupil show C999300024006
expect_out_has "Year group        N1"

t "an Arbor export: other headers, ISO dates, no final newline"
st import pupils arbor_pupils.csv
expect_status 0
expect_err_has "imported arbor_pupils.csv: 2 new, 0 updated, 0 unchanged"
st export register --year 2
expect_out_file "$EXPECTED/arbor-register-y2.csv"

t "a known UPN without --update is an error, and nothing is written"
refuse 65 "sims_pupils.csv:2:1: UPN G999300024001: already in sentrack (pupil 1); use --update" \
	import pupils sims_pupils.csv
expect_out "0 new, 0 updated, 0 unchanged, 6 errors"

t "--update: the same file again changes nothing and logs nothing"
snapshot before
st import pupils sims_pupils.csv --update --date 2026-11-20
expect_status 0
expect_err_has "0 new, 0 updated, 6 unchanged"
expect_same_as before

t "--update: changed name, class, status and needs"
sed -e 's/,Brown,Zoë,,22\/07\/2017,4,4M,A,slcn,ASD,/,Brown-Lee,Zoë,,22\/07\/2017,5,5H,,,,/' \
	-e 's/,Khan,Amir,,01\/05\/2021,Reception,RC,P,SEMH,,/,Khan,Amir,,01\/05\/2021,Reception,RC,P,ASD,SEMH,/' \
	sims_pupils.csv >"$T_DIR/changed.csv"
st import pupils "$T_DIR/changed.csv" --update --dry-run
expect_status 0
expect_out_has "0 new, 1 updated, 5 unchanged, 0 errors, 0 leavers skipped, 5 SEN disagreements"
expect_out_has "pupil 2 (UPN W999300024002): surname: Brown → Brown-Lee"
expect_out_has "pupil 2 (UPN W999300024002): class: 4M → 5H"
expect_out_has "UPN W999300024002: file says N, sentrack has K since 2026-11-20"
expect_err_has "UPN W999300024002: file says N, sentrack has K since 2026-11-20"
st import pupils "$T_DIR/changed.csv" --update --sen-from-file --dry-run
expect_status 0
expect_out_has "0 new, 2 updated, 4 unchanged, 0 errors"
expect_out_has "pupil 2 (UPN W999300024002): SEN status: K → N on 2026-11-25"
expect_out_has "pupil 2 (UPN W999300024002): primary need: SLCN → (none)"
expect_out_lacks "file says"
st import pupils "$T_DIR/changed.csv" --update --sen-from-file
expect_status 0
st pupil show W999300024002
expect_out_has "Surname           Brown-Lee"
expect_out_has "Class             5H"
st register history W999300024002
expect_out_has "2026-11-25 N"
expect_out_has "reason: no SEN in the MIS import"
st export register --year R
expect_out_has '"N999300024005","Khan","Amir",,"2021-05-01","R","RC","K","2026-11-20","ASD","Communication and interaction","SEMH","Social, emotional and mental health"'
st log
expect_out_has "import pupils"

t "--update keeps the SENCO's decisions: a placement at K, an exit at review"
printf 'UPN,Surname,Forename,DOB,Year,SEN Status,Primary Need\nU999300024101,Ray,Ada,01/02/2018,3,,\nH999300024102,Ray,Bo,01/02/2018,3,K,MLD\n' >"$T_DIR/mis.csv"
st import pupils "$T_DIR/mis.csv" --date 2026-09-01
expect_status 0
must register add U999300024101 --status K --date 2026-10-01
must need add U999300024101 ASD --rank 1
must register remove H999300024102 --date 2026-11-01 --reason "outcomes met"
snapshot before
st import pupils "$T_DIR/mis.csv" --update --dry-run
expect_status 0
expect_out_has "U999300024101: file says N, sentrack has K since 2026-10-01"
expect_out_has "H999300024102: file says K, sentrack has N since 2026-11-01"
expect_same_as before
st import pupils "$T_DIR/mis.csv" --update
expect_status 0
expect_err_has "U999300024101: file says N, sentrack has K since 2026-10-01"
expect_err_has "U999300024101: file says primary need (none), sentrack has ASD"
expect_err_has "H999300024102: file says K, sentrack has N since 2026-11-01"
st pupil show U999300024101
expect_out_has "SEN status        K since 2026-10-01"
expect_out_has "ASD"
st pupil show H999300024102
expect_out_has "SEN status        N since 2026-11-01"

t "a leaver in the file is skipped, not a reason to refuse the import"
must pupil leave U999300024101 --date 2026-11-10
st import pupils "$T_DIR/mis.csv" --update
expect_status 0
expect_err_has "warning: UPN U999300024101: left on 2026-11-10 in sentrack; row skipped"
expect_err_has "1 leavers skipped"
printf 'UPN,Surname,Forename,DOB,Year,Admission Date\nU999300024101,Ray,Ada,01/02/2018,3,20/11/2026\n' >"$T_DIR/back.csv"
st import pupils "$T_DIR/back.csv" --update --dry-run
expect_status 0
expect_out_has "(UPN U999300024101): re-joins on 2026-11-20 (left 2026-11-10)"
st import pupils "$T_DIR/back.csv" --update
expect_status 0
st pupil list
expect_out_has "Ada Ray"

t "--sen-from-file needs --update; duplicate and synonym headers are refused"
st import pupils "$T_DIR/mis.csv" --sen-from-file
expect_status 64
printf 'Surname,Forename,DOB,Year,Last Name\nA,B,01/02/2018,3,C\n' >"$T_DIR/dup.csv"
refuse 65 "dup.csv:1:27: Last Name: the same column as Surname (line 1, column 1)" \
	import pupils "$T_DIR/dup.csv"

t "a dry run only reads: a writer is not blocked while it runs"
mkfifo "$T_DIR/feed"
awk -v rows=6000 -v seed=3 -f "$SENTRACK_SOURCE_DIR/tests/e2e/gen_pupils.awk" >"$T_DIR/big.csv"
"$SENTRACK_BIN" --today "$TODAY" import pupils - --dry-run <"$T_DIR/feed" >"$T_DIR/dry.out" 2>&1 &
dry_pid=$!
exec 3>"$T_DIR/feed"
# the pipe holds 64 KiB: once cat returns, the dry run has read (and so
# opened the database for) all but the last 64 KiB of the file
cat "$T_DIR/big.csv" >&3
SENTRACK_BUSY_TIMEOUT=0 st pupil add --surname Busy --forename Not --dob 2018-01-01 --year 3
expect_status 0
exec 3>&-
wait "$dry_pid"
dry_status=$?
if [ "$dry_status" = 0 ]; then pass; else fail "dry run exited $dry_status"; fi
if grep -qF "6000 new" "$T_DIR/dry.out"; then pass; else fail "dry run summary: $(tail -1 "$T_DIR/dry.out")"; fi

t "a file full of mistakes: every error, with line and column, then nothing"
refuse 65 "bromcom_bad.csv: 10 errors; nothing was imported" import pupils bromcom_bad.csv
expect_err_file "$EXPECTED/bromcom_bad.err"
expect_out "1 new, 0 updated, 0 unchanged, 10 errors"
st import pupils bromcom_bad.csv --dry-run
expect_status 65
expect_out_has "1 new, 0 updated, 0 unchanged, 10 errors"

t "missing required columns"
refuse 65 "2 errors" import pupils missing_columns.csv
expect_err_file "$EXPECTED/missing_columns.err"

t "malformed CSV: the position of the stray quote"
refuse 65 "malformed_quote.csv:4:2: malformed CSV" import pupils malformed_quote.csv
expect_err_lines 2

t "dates: --date-format ymd, impossible dates, future --date"
printf 'Surname,Forename,DOB,Year\nLee,Sam,2018/02/01,Y3\n' >"$T_DIR/ymd.csv"
refuse 65 "ymd.csv:2:9: DOB 2018/02/01: not a date (DD/MM/YYYY or YYYY-MM-DD)" \
	import pupils "$T_DIR/ymd.csv"
st import pupils "$T_DIR/ymd.csv" --date-format ymd
expect_status 0
st pupil list --year 3
expect_out_has "Sam Lee"
refuse 65 "--date 2026-12-01: is in the future" import pupils "$T_DIR/ymd.csv" --date 2026-12-01
printf 'Surname,Forename,DOB,Year\nLee,Ann,01/02/2030,3\n' >"$T_DIR/future.csv"
refuse 65 "future.csv:2:9: DOB 01/02/2030: is in the future" import pupils "$T_DIR/future.csv"
st import pupils "$T_DIR/ymd.csv" --date-format mdy
expect_status 65

t "standard input, a missing file, an empty file"
snapshot before
"$SENTRACK_BIN" --today "$TODAY" import pupils - --dry-run <arbor_pupils.csv >"$OUT" 2>"$ERR"
STATUS=$?
expect_status 65
expect_out 'stdin:1: columns not read (sentrack ignores them): "Gender" (column 10)
0 new, 0 updated, 0 unchanged, 2 errors'
expect_err_has "stdin:2:41: UPN R999300024007: already in sentrack"
expect_same_as before
refuse 66 "nope.csv: cannot open" import pupils nope.csv
: >"$T_DIR/empty.csv"
refuse 65 "empty.csv:1:1: empty file (no header row)" import pupils "$T_DIR/empty.csv"

done_testing
