#!/bin/bash
# import_100k.sh - time `sentrack import pupils` on a generated 100,000-row
# MIS file against the sqlite3 shell's `.import` of the same file (the
# yardstick of the performance issue), and a second, unchanged --update run.
# Usage: bench/import_100k.sh [path/to/sentrack] [rows]
set -eu
BIN=${1:-build/release/sentrack}
ROWS=${2:-100000}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/sentrack-bench.XXXXXX")
trap 'rm -rf "$DIR"' EXIT

awk -v rows="$ROWS" 'BEGIN {
	letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
	split("SPLD MLD SEMH SLCN ASD HI", needs, " ")
	srand(1)
	printf "UPN,Legal Surname,Legal Forename,DOB,NC Year Actual,Reg Group,SEN Provision,Primary Need,Secondary Need\r\n"
	for (i = 0; i < rows; i++) {
		rest = sprintf("999%04d24%03d", int(i / 1000), i % 1000)
		sum = 0
		for (p = 2; p <= 13; p++) sum += substr(rest, p - 1, 1) * p
		upn = substr(letters, sum % 23 + 1, 1) rest
		y = 1 + int(rand() * 11)
		r = rand(); sen = r < 0.5 ? "" : r < 0.83 ? "K" : "E"
		need = sen == "" ? "" : needs[1 + int(rand() * 6)]
		printf "%s,Surname%d,Forename%d,%02d/%02d/%d,Year %d,%dA,%s,%s,\r\n", upn, i, i,
			1 + int(rand() * 28), 1 + int(rand() * 12), 2020 - y, y, y, sen, need
	}
}' >"$DIR/pupils.csv"

"$BIN" --db "$DIR/s.db" init 2>/dev/null
t0=$(date +%s.%N)
"$BIN" --db "$DIR/s.db" import pupils "$DIR/pupils.csv"
t1=$(date +%s.%N)
"$BIN" --db "$DIR/s.db" import pupils "$DIR/pupils.csv" --update
t2=$(date +%s.%N)
sqlite3 "$DIR/q.db" ".import --csv $DIR/pupils.csv t"
t3=$(date +%s.%N)
printf 'rows %s\nsentrack import (new)       %.2f s\nsentrack import --update (unchanged) %.2f s\nsqlite3 .import             %.2f s\n' \
	"$ROWS" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t3 - $t2" | bc)"
