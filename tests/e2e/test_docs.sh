# test_docs.sh - every command the program offers is documented in the man
# page, and its --help works.
. "$(dirname "$0")/lib.sh"
MAN="$SENTRACK_SOURCE_DIR/docs/sentrack.1"

st_raw --help
groups=$(sed -n 's/^  \([a-z]*\)  .*/\1/p' "$OUT")
[ -n "$groups" ] && pass || fail "no commands listed"
for g in $groups; do
	t "documentation of $g"
	st_raw help "$g"
	expect_status 0
	grep -q "not implemented yet" "$OUT" && continue
	while read -r usage; do
		# "sentrack GROUP [SUB] ..." lines of `sentrack help GROUP`
		cmd=$(printf '%s\n' "$usage" | awk '{ if ($3 ~ /^[a-z][a-z-]*$/) print $2 " " $3; else print $2 }')
		if grep -qF "sentrack $cmd" "$MAN"; then pass; else fail "man page lacks 'sentrack $cmd'"; fi
		st_raw $cmd --help
		expect_status 0
		expect_out_has "usage: sentrack $cmd"
	done < <(grep '^  sentrack ' "$OUT")
done

t "the man page is well-formed roff"
# No groff, no check: a failure, not a silent pass (install groff-base).
if command -v groff >/dev/null; then
	warnings=$(groff -k -man -Tutf8 -ww "$MAN" 2>&1 >/dev/null)
	[ -z "$warnings" ] && pass || fail "groff warnings: $warnings"
else
	fail "groff is not installed: the man page cannot be checked (apt-get install groff-base)"
fi

done_testing
