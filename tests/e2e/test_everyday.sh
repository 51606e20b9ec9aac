# test_everyday.sh - what people type (issue 16): dates, year groups,
# enumerations and money as a SENCO writes them, names without accents,
# mistyped commands, -h and `help GROUP CMD`, text that starts with '-'.
. "$(dirname "$0")/lib.sh"
new_db
TODAY=2026-11-25

t "dates: DD/MM/YYYY, today, yesterday and tomorrow are taken wherever a date is"
zoe=$(must pupil add --surname Brown --forename Zoë --dob 22/07/2017 --year Y4 --class 4M)
st pupil show "$zoe"
expect_out_has "2017-07-22"
expect_out_has "Year group        4"
minh=$(must pupil add --surname Nguyễn --forename Minh --preferred Minnie --dob 2018-01-30 \
	--year "Year 3")
rec=$(must pupil add --surname Ali --forename Sam --dob 2021-10-01 --year Reception)
st pupil show "$rec"
expect_out_has "Year group        R"
must register add "$zoe" --status K --date 01/09/2026 --parents-informed yesterday >/dev/null
st register history "$zoe"
expect_out_has "2026-09-01"
expect_out_has "2026-11-24"
must register add "$minh" --status k --date today >/dev/null
must cycle open "$zoe" --date 1/9/2026 >/dev/null
st cycle show "$zoe"
expect_out_has "2026-09-01"
refuse 65 "--date 31/11/2026: not a calendar date" cycle open "$minh" --date 31/11/2026
refuse 65 "--date 2026-11-31: not a calendar date" cycle open "$minh" --date 2026-11-31
refuse 65 "--date 2026/11/30: not a date in the form YYYY-MM-DD (or DD/MM/YYYY" \
	cycle open "$minh" --date 2026/11/30
refuse 65 "--date 2026-11-26: is in the future" cycle open "$minh" --date tomorrow
st cycle list --due-before tomorrow
expect_status 0

t "year groups on the command line as in the import"
st pupil list --year Y4
expect_out_has "Zoë Brown"
expect_out_lacks "Nguyễn"
st pupil list --year reception
expect_out_has "Sam Ali"
st register list --year "Year 4"
expect_out_has "Zoë Brown"
refuse 65 "not a year group (one of N1, N2, R" pupil add --surname A --forename B --dob 2015-01-01 \
	--year Y15

t "enumerations ignore case; money takes £ and thousands separators"
st config set sen-support-threshold "£6,000"
expect_status 0
st config get sen-support-threshold
expect_out "6000.00"
st config set sen-support-threshold "£12,500.50"
expect_status 0
refuse 65 "commas must separate thousands" config set sen-support-threshold "6,00"
must cycle assess "$zoe" --summary "Reading below age" --date 02/09/2026 >/dev/null
oid=$(must outcome add "$zoe" "Reads 40 wpm" --area cl --measure "40 wpm" \
	--by 01/02/2027)
must cycle plan "$zoe" --review-date 01/12/2026 --date 2026-09-02 --with Parents,SENCO >/dev/null
must provision add "$zoe" "Precision teaching" --staff TA --sessions 3 --minutes 20 \
	--group-size 1 --hourly-cost "£1,015.50" --start 2026-09-03 >/dev/null
st provision list --pupil "$zoe"
expect_out_has "1015.50"
must cycle do "$zoe" --date 2026-09-03 >/dev/null
st outcome rate "$oid" Achieved
expect_status 0
st outcome list "$zoe"
expect_out_has "achieved"
st check --severity OVERDUE
expect_status 0
st cycle review "$zoe" --decision Continue --with parents,senco
expect_status 0

t "names: accents and case do not matter, an exact match wins, near misses are suggested"
st pupil show "zoe brown"
expect_status 0
expect_out_has "Zoë"
st pupil show "Minnie Nguyen"
expect_status 0
expect_out_has "Nguyễn"
st pupil show "nguyen, minh"
expect_status 0
zoe2=$(must pupil add --surname Brown --forename Zoe --dob 2016-01-02 --year 5)
st pupil show "Zoe Brown"
expect_out_has "Pupil             $zoe2"
st pupil show "Zoë Brown"
expect_out_has "Pupil             $zoe"
refuse 65 "pupil Zoey Brwn: no pupil with this name; did you mean Zoë Brown (Y4) or Zoe Brown (Y5)?" \
	pupil show "Zoey Brwn"
refuse 65 "pupil Xavier Quinn: no pupil with this name (try \`sentrack pupil list\`)" \
	pupil show "Xavier Quinn"

t "a mistyped command or subcommand suggests the nearest"
refuse 64 "cycel: unknown command; did you mean \`sentrack cycle\`?" cycel list
refuse 64 "cycle opne: unknown subcommand; did you mean \`sentrack cycle open\`?" cycle opne "$zoe"
refuse 64 "register ls: unknown subcommand; did you mean \`sentrack register list\`?" register ls
refuse 64 "pupils: unknown command; did you mean \`sentrack pupil\`?" pupils list
refuse 64 "cycle open: --datee: unknown option; did you mean --date?" cycle open "$zoe" --datee x
refuse 64 "frobnicate: unknown command (see" frobnicate

t "-h works like --help everywhere"
st -h
expect_status 0
expect_out_has "commands:"
st cycle -h
expect_status 0
expect_out_has "sentrack cycle review"
st cycle review -h
expect_status 0
expect_out_has "usage: sentrack cycle review"

t "help GROUP CMD shows that subcommand with an example and the values of its options"
st help cycle review
expect_status 0
expect_out_has "usage: sentrack cycle review PUPIL --decision"
expect_out_has "example:"
expect_out_has "sentrack cycle review \"Amir Khan\" --decision continue"
expect_out_has "ehcna (an EHC needs assessment is requested)"
expect_out_lacks "sentrack cycle open"
st outcome add --help
expect_out_has "CI communication and interaction"
st need add --help
expect_out_has "SPLD, MLD"
st help cycle opne
expect_status 64
expect_err_has "did you mean \`sentrack cycle open\`?"

t "text starting with '-' gets a hint about --, which works"
refuse 64 "-5 errors per page: unknown option (a text that starts with '-' goes after \`--\`" \
	outcome add "$zoe" "-5 errors per page"
must cycle open "$minh" --date today >/dev/null
st outcome add "$minh" -- "-5 errors per page"
expect_status 0
st outcome list "$minh"
expect_out_has "-5 errors per page"

t "--summary and --summary-file together say so"
printf 'From a file\n' >"$T_DIR/summary.txt"
refuse 64 "--summary and --summary-file: give the text one way, not both" \
	cycle assess "$minh" --summary "Inline" --summary-file "$T_DIR/summary.txt"

done_testing
