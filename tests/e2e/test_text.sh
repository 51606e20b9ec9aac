# test_text.sh - names and single-line fields refuse control and invisible
# characters (exit 65, naming the field and the rule); text stored before
# that rule prints escaped on a terminal.
. "$(dirname "$0")/lib.sh"

new_db

t "a bidirectional override or a C1 control in a name is refused"
refuse 65 "--surname: contains a bidirectional control character (U+202E)" \
	pupil add --surname $'Ev\u202eil' --forename Ann --dob 2018-01-01 --year 3
refuse 65 "--forename: contains a C1 control character (U+0085)" \
	pupil add --surname Lee --forename $'A\u0085nn' --dob 2018-01-01 --year 3
refuse 65 "--preferred: contains a bidirectional control character (U+2067)" \
	pupil add --surname Lee --forename Ann --preferred $'\u2067Al' --dob 2018-01-01 --year 3
must pupil add --surname Lee --forename Ann --dob 2018-01-01 --year 3
id=$(cat "$OUT")
refuse 65 "--surname: contains a bidirectional control character (U+200F)" \
	pupil edit "$id" --surname $'Lee\u200f'

t "an import names the cell and the rule"
printf 'Surname,Forename,DOB,Year\nLee,Bo\xe2\x80\xae,01/02/2018,3\n' >"$T_DIR/bidi.csv"
refuse 65 "bidi.csv:2:5: Forename: contains a bidirectional control character (U+202E)" \
	import pupils "$T_DIR/bidi.csv"

t "text stored before the rule prints escaped on a terminal"
chr=char; on_pg && chr=chr # the one name the two SQLs spell differently
db_sql "UPDATE pupil SET surname = 'Ev' || $chr(8238) || 'il' || $chr(27) || '[31m' WHERE id = $id"
script -qec "$SENTRACK_BIN --today $TODAY pupil show $id" /dev/null >"$OUT" 2>"$ERR" </dev/null
STATUS=$?
expect_status 0
expect_out_has 'Ev<U+202E>il\x1B[31m'
if grep -q $'\u202e' "$OUT" || grep -q $'\x1b' "$OUT"; then fail "raw control reached the terminal"; else pass; fi

done_testing
