# test_completion.sh - the bash completion script, generated from the
# command table, sourced into a real bash and asked for completions as the
# shell would (COMP_WORDS/COMP_CWORD), with pupils' names from the database.
. "$(dirname "$0")/lib.sh"
new_db
BIN_DIR="$T_DIR/bin"
mkdir -p "$BIN_DIR"
ln -s "$(cd "$(dirname "$SENTRACK_BIN")" && pwd)/$(basename "$SENTRACK_BIN")" "$BIN_DIR/sentrack"
must pupil add --surname Brown --forename Zoë --dob 2017-07-22 --year 4 >/dev/null
must pupil add --surname Nguyễn --forename Minh --preferred Minnie --dob 2018-01-30 --year 3 >/dev/null

st completion bash
expect_status 0
cp "$OUT" "$T_DIR/sentrack.bash"

# complete WORD... : the words after `sentrack`, the last being completed;
# prints COMPREPLY one per line.
complete_words() {
	PATH="$BIN_DIR:/usr/bin:/bin" bash --norc -c '
		if [ -r /usr/share/bash-completion/bash_completion ]; then
			. /usr/share/bash-completion/bash_completion
		fi
		. "$1"; shift
		COMP_WORDS=(sentrack "$@"); COMP_CWORD=$#
		COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
		_sentrack
		[ ${#COMPREPLY[@]} = 0 ] || printf "%s\n" "${COMPREPLY[@]}"' _ "$T_DIR/sentrack.bash" "$@" >"$OUT" 2>"$ERR"
	STATUS=$?
}

t "the script registers itself for sentrack"
PATH="$BIN_DIR:/usr/bin:/bin" bash --norc -c ". '$T_DIR/sentrack.bash'; complete -p sentrack" >"$OUT"
expect_out_has "complete -F _sentrack sentrack"

t "commands, subcommands and options come from the command table"
complete_words cy
expect_out "cycle"
complete_words cycle re
expect_out "reschedule
review"
complete_words register ""
expect_out_has "history"
expect_out_has "inform"
complete_words cycle review --de
expect_out "--decision"
complete_words cycle review x --decision ""
expect_out "continue
exit
ehcna
close"
complete_words help cyc
expect_out "cycle"

t "pupils' names come from the database, quoted for the shell"
complete_words cycle open Zo
expect_out 'Zoë\ Brown'
complete_words --db "$SENTRACK_DB" pupil show min
expect_out 'Minnie\ Nguyễn'
complete_words --db "$T_DIR/none.db" pupil show Zo
expect_out_empty

t "the zsh script is printed too"
st completion zsh
expect_status 0
expect_out_has "#compdef sentrack"
if command -v zsh >/dev/null; then
	zsh -n "$OUT" && pass || fail "zsh -n: syntax error"
fi

done_testing
