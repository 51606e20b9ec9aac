# test_option_statuses.sh - the README's rule for usage and data errors,
# over every option of every command, walked from the help output itself
# (so a new command or option is covered the day it is added):
#   an unknown option                        -> 64
#   a missing argument                       -> 64
#   a required option left out               -> 64, naming the option
#   an option given an invalid value         -> 65, naming the option
# Each case starts from a command line that is valid in every other part.
. "$(dirname "$0")/lib.sh"
new_db

# A small school: a pupil at K with an open cycle, an outcome and
# provision, a file to import and a text file for the --X-file options.
st pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4
P=$(cat "$OUT")
st register add "$P" --status K --date 2026-09-01 --parents-informed 2026-09-01
st cycle open "$P" --date 2026-09-02
st outcome add "$P" "Reads 20 common exception words"
O=$(cat "$OUT")
st provision add "$P" Reading --staff TA --sessions 3 --minutes 30 --group-size 4 \
	--hourly-cost 15 --start 2026-09-02
V=$(cat "$OUT")
[ -n "$P" ] && [ -n "$O" ] && [ -n "$V" ] && pass || fail "setup"
printf 'Surname,Forename,DOB,Year\nLee,Ann,2016-01-02,3\n' >"$T_DIR/pupils.csv"
echo "a note" >"$T_DIR/note.txt"

# A valid value for a placeholder of the usage text (option metavar or
# positional); $1 is the option ("" for a positional), $2 the placeholder.
valid() {
	case "$1:$2" in
	--delimiter:*) echo ';' ;;
	--output:*) echo "$T_DIR/out.$RANDOM.csv" ;;
	--confirm:*) echo "$P" ;;
	--cycle:*) echo 1 ;;
	--academic-year:*) echo 2025-26 ;;
	--rank:*) echo 1 ;;
	--year:*) echo 4 ;;
	--area:*) echo cognition-and-learning ;;
	--*-file:*) echo "$T_DIR/note.txt" ;;
	*:DATE) echo 2026-11-20 ;;
	*:PUPIL | *:UPN_OR_ID) echo "$P" ;;
	*:OUTCOME_ID) echo "$O" ;;
	*:PROVISION_ID) echo "$V" ;;
	*:TYPE) echo SPLD ;;
	*:KEY) echo due-window-days ;;
	*:VALUE) echo 14 ;;
	*:FILE\|-) echo "$T_DIR/pupils.csv" ;;
	*:FILE) echo "$T_DIR/copy.$RANDOM.db" ;;
	*:N | *:DAYS) echo 2 ;;
	*:POUNDS) echo 15 ;;
	*:UPN) echo A999300024001 ;;
	*:URN) echo 100001 ;;
	*:ID\[*) echo review-overdue ;;
	*:WHO,...) echo parents ;;
	*\|*) echo "${2%%|*}" ;;
	*) echo Text ;;
	esac
}
# An invalid value, or nothing when the placeholder has no wrong values
# (free text, names, files).
invalid() {
	case "$1:$2" in
	--delimiter:*) echo 'ab' ;;
	--output:* | --*-file:* | --class:* | *:TEXT | *:S | *:F | *:NAME | *:ROLE | *:FILE*) ;;
	--year:*) echo 15 ;;
	--academic-year:*) echo 2025-13 ;;
	--area:*) echo nowhere ;;
	*:DATE) echo 2026-02-30 ;;
	*:N | *:DAYS) echo x ;;
	*:POUNDS) echo lots ;;
	*:UPN) echo BAD ;;
	*:URN) echo 12345 ;;
	*:ID\[*) echo no-such-rule ;;
	*:WHO,...) echo nobody ;;
	*:PUPIL) [ -n "$1" ] && echo 99999 ;;
	*\|*) echo bogus ;;
	esac
}

# Parse one usage line into words: "pos NAME", "req --opt META",
# "opt --opt META", "flag --opt". Alternatives ("[--to DATE | --within
# DAYS]", "(PUPIL | --class C | --year Y)") count as optional.
parse_usage() {
	local depth=0 prev="" w kind
	for w in "$@"; do
		local open=${w//[^\[(]/} close=${w//[^\])]/}
		local bare=${w#"${w%%[!\[(]*}"}
		bare=${bare%"${bare##*[!\])]}"}
		[ "$w" = "|" ] && { prev=""; continue; }
		if [ -n "$prev" ] && [ "${bare#--}" = "$bare" ]; then
			echo "$kind $prev $bare"
			prev=""
		elif [ "${bare#--}" != "$bare" ]; then
			[ -n "$prev" ] && echo "flag $prev"
			prev=$bare
			kind=$([ $depth = 0 ] && [ -z "$open" ] && echo req || echo opt)
			if [ ${#close} -gt ${#open} ] || { [ -n "$open" ] && [ ${#close} = ${#open} ]; }; then
				echo "flag $bare"; prev=""
			fi
		else
			[ $depth = 0 ] && [ -z "$open" ] && echo "pos $bare"
		fi
		depth=$((depth + ${#open} - ${#close}))
	done
	[ -n "$prev" ] && echo "flag $prev"
}

# Every command's usage line: "GROUP [SUB] USAGE...".
"$SENTRACK_BIN" --help | awk '/^commands:/ { f = 1; next } f && /^  [a-z]/ { print $1 }' >"$T_DIR/groups"
while read -r g; do
	"$SENTRACK_BIN" help "$g" | sed -n 's/^  sentrack //p'
done <"$T_DIR/groups" >"$T_DIR/usages"
[ "$(wc -l <"$T_DIR/usages")" -ge 40 ] && pass || fail "only $(wc -l <"$T_DIR/usages") commands found"

ncases=0
while read -r line; do
	# "(PUPIL | --class C | --year Y)": one of them, the first for the walk
	line=$(sed -E 's/\(([^|()]*[^ |()]) *\|[^()]*\)/\1/g' <<<"$line")
	read -r -a words <<<"$line"
	g=${words[0]}
	# the shell's words after --, not options: nothing to walk
	[ "$g ${words[1]:-}" = "completion complete" ] && continue
	cmd=("$g")
	rest=("${words[@]:1}")
	if [[ "${words[1]:-}" =~ ^[a-z][a-z-]*$ ]]; then # a subcommand
		cmd+=("${words[1]}")
		rest=("${words[@]:2}")
	fi
	parse_usage "${rest[@]}" >"$T_DIR/spec"
	[ -n "${SENTRACK_TEST_VERBOSE:-}" ] && sed "s/^/${cmd[*]}: /" "$T_DIR/spec"
	name="${cmd[*]}"
	# the valid command line: positionals, then required options
	base=()
	while read -r kind opt meta; do
		case $kind in
		pos) base+=("$(valid "" "$opt")") ;;
		req) base+=("$opt" "$(valid "$opt" "$meta")") ;;
		esac
	done <"$T_DIR/spec"

	t "$name: an unknown option is a usage error (64)"
	st "${cmd[@]}" "${base[@]}" --no-such-option
	expect_status 64
	expect_err_has "--no-such-option: unknown option"
	ncases=$((ncases + 1))

	npos=$(grep -c '^pos ' "$T_DIR/spec")
	if [ "$npos" -gt 0 ]; then
		t "$name: a missing argument is a usage error (64)"
		snapshot before
		st "${cmd[@]}" "${base[@]:0:$((npos - 1))}" "${base[@]:$npos}"
		expect_status 64
		expect_err_has "missing"
		expect_same_as before
		ncases=$((ncases + 1))
	fi

	while read -r kind opt meta; do
		[ "$kind" = req ] || continue
		t "$name: leaving out $opt is a usage error (64)"
		args=()
		skip=0
		for a in "${base[@]}"; do
			if [ "$skip" = 1 ]; then skip=0; continue; fi
			if [ "$a" = "$opt" ]; then skip=1; continue; fi
			args+=("$a")
		done
		snapshot before
		st "${cmd[@]}" "${args[@]}"
		expect_status 64
		expect_err_has "$opt"
		expect_same_as before
		ncases=$((ncases + 1))
	done <"$T_DIR/spec"

	while read -r kind opt meta; do
		[ "$kind" = req ] || [ "$kind" = opt ] || continue
		bad=$(invalid "$opt" "$meta")
		[ -n "$bad" ] || continue
		t "$name: $opt $bad is an invalid value (65)"
		args=()
		skip=0
		for a in "${base[@]}"; do
			if [ "$skip" = 1 ]; then skip=0; continue; fi
			if [ "$a" = "$opt" ]; then skip=1; continue; fi
			args+=("$a")
		done
		snapshot before
		st "${cmd[@]}" "${args[@]}" "$opt" "$bad"
		expect_status 65
		# a pupil reference is named by its value ("pupil 99999: no pupil
		# has this id"), everything else by the option
		expect_err_has "$([ "$meta" = PUPIL ] && echo "$bad" || echo "$opt")"
		expect_same_as before
		ncases=$((ncases + 1))
	done <"$T_DIR/spec"
done <"$T_DIR/usages"
echo "option statuses: $ncases cases over $(wc -l <"$T_DIR/usages") commands"

t "requirements that depend on another option are usage errors too (64)"
refuse 64 "--plan-date: is required for status E" register add "$P" --status E --date 2026-09-01
refuse 64 "--summary (or --summary-file) is required" cycle assess "$P" --pupil-views Fine
refuse 64 "--consent-date: is required" specialist add "$P" EP --date 2026-11-20

done_testing
