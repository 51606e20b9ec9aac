# test_pg_reliability.sh - a trust's PostgreSQL database under load and
# failure (issue 14): 16 clients writing across 4 schools with readers
# beside them lose and duplicate nothing; a server restart mid-run ends the
# commands in flight with 74 (the connection lost, reported, never retried
# silently) or 75, and the ones that cannot connect with 66, each writing
# nothing; every acknowledged write is there exactly once, with its audit row.
# The steady phase runs the issue's 30 s (SENTRACK_PG_RELIABILITY_SECONDS
# changes it: 6 s under valgrind, whose run looks for memory errors, not
# lost writes); the restart phase runs 6 s (SENTRACK_PG_RESTART_SECONDS).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
STEADY_SECONDS=${SENTRACK_PG_RELIABILITY_SECONDS:-30}
RESTART_SECONDS=${SENTRACK_PG_RESTART_SECONDS:-6}
SCHOOLS=(100001 100002 100003 100004)
pg_start
ADMIN=$(pg_db trust_admin)
for step in "trust init" "trust grant lead --all-schools"; do
	# shellcheck disable=SC2086 # the step's words
	st --db "$ADMIN" $step; [ "$STATUS" = 0 ] || fail "$step: $(cat "$ERR")"
done
for i in 1 2 3 4; do
	st --db "$ADMIN" trust school add "${SCHOOLS[i - 1]}" "School $i"; [ "$STATUS" = 0 ] || fail "school $i"
	st --db "$ADMIN" trust grant "senco_$i" --school "${SCHOOLS[i - 1]}"; [ "$STATUS" = 0 ] || fail "grant $i"
done

# One client: pupil add then register add, until $T_DIR/stop appears.
# Logs "STATUS OP SURNAME SCHOOL" per command to $T_DIR/$phase.cmd.$c, its
# messages to $phase.err.$c.
client() {
	local phase=$1 c=$2 school=$(( ($2 - 1) % 4 + 1 )) n=0 id rc s log="$T_DIR/$1.cmd.$2" errs="$T_DIR/$1.err.$2"
	local db errs="$T_DIR/$1.err.$2"
	db=$(pg_db "senco_$school")
	while [ ! -e "$T_DIR/stop.$phase" ]; do
		n=$((n + 1))
		s="${phase}C${c}N${n}"
		id=$(${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --db "$db" --today "$TODAY" pupil add \
			--surname "$s" --forename Test --dob 2016-01-01 --year 4 2>>"$errs")
		rc=$?
		echo "$rc add $s ${SCHOOLS[school - 1]}" >>"$log"
		if [ "$rc" = 0 ]; then
			${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --db "$db" --today "$TODAY" register add "$id" \
				--status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null 2>>"$errs"
			echo "$? register $s ${SCHOOLS[school - 1]}" >>"$log"
		fi
	done
}
reader() {
	local phase=$1 r=$2 log="$T_DIR/$1.cmd.r$2" errs="$T_DIR/$1.err.r$2"
	while [ ! -e "$T_DIR/stop.$phase" ]; do
		${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --db "$(pg_db lead)" --school "${SCHOOLS[r - 1]}" \
			--today "$TODAY" register list >/dev/null 2>>"$errs"
		echo "$? list - -" >>"$log"
	done
}
# Commands logged so far in a phase; every client has logged one.
logged() { cat "$T_DIR/$1".cmd.* 2>/dev/null | wc -l; }
every_client_logged() {
	local c
	for c in $(seq 1 16); do [ -s "$T_DIR/$1.cmd.$c" ] || return 1; done
}
more_than() { [ "$(logged "$1")" -gt "$2" ]; }
# The phase runs SECONDS and until every client has done something
# (under valgrind a command takes seconds); then "$@" happens while 16
# more commands run.
run_phase() { # PHASE SECONDS, then what to do while it runs
	local phase=$1 seconds=$2 c r n
	shift 2
	for c in $(seq 1 16); do client "$phase" "$c" & done
	for r in 1 2 3 4; do reader "$phase" "$r" & done
	sleep "$seconds"
	wait_until 600 every_client_logged "$phase" || fail "a client logged nothing"
	"$@"
	n=$(logged "$phase")
	wait_until 600 more_than "$phase" $((n + 16)) || fail "the commands stopped"
	touch "$T_DIR/stop.$phase"
	wait
}

# What the database holds for the phase's pupils, as "SURNAME SCHOOL STATUS
# AUDIT_ROWS" lines, read as the superuser (who sees every school).
held() {
	pg_sql postgres "SELECT p.surname || ' ' || s.urn || ' ' || coalesce(p.status, '-') || ' ' ||
		(SELECT count(*) FROM sentrack.audit a WHERE a.pupil_id = p.id AND a.entity = 'pupil')
		FROM sentrack.pupil p JOIN sentrack.school s ON s.id = p.school_id
		WHERE p.surname LIKE '$1C%' ORDER BY 1"
	sort "$OUT"
}

verify() { # PHASE ALLOWED_STATUSES (an egrep alternation)
	local phase=$1 allowed=$2 all="$T_DIR/$1.all"
	cat "$T_DIR/$phase".cmd.* >"$all"
	t "$phase: every command exits 0 or as documented"
	local bad
	bad=$(awk '{print $1}' "$all" | grep -vxE "$allowed" | sort | uniq -c)
	[ -z "$bad" ] && pass || fail "other exit statuses: $bad: $(cat "$T_DIR/$phase".err.* | sort | uniq -c | head -5)"
	[ "$(awk '$2 == "add" && $1 == 0' "$all" | wc -l)" -gt 0 ] && pass ||
		fail "no write landed: $(wc -l <"$all") commands"
	t "$phase: every acknowledged write is there once, with its audit row; nothing else is"
	held "$phase" >"$T_DIR/$phase.held"
	awk '$2 == "add" && $1 == 0 { print $3, $4 }' "$all" | sort >"$T_DIR/$phase.acked"
	awk '{ print $1, $2 }' "$T_DIR/$phase.held" | sort >"$T_DIR/$phase.held.names"
	if cmp -s "$T_DIR/$phase.acked" "$T_DIR/$phase.held.names"; then pass; else
		fail "acknowledged and held differ: $(diff "$T_DIR/$phase.acked" "$T_DIR/$phase.held.names" | head -5)"
	fi
	echo "pg reliability: $phase: $(wc -l <"$all") commands, statuses:" \
		"$(awk '{ print $1 }' "$all" | sort | uniq -c | tr -s ' \n' ' ')"
	awk '$4 != 1' "$T_DIR/$phase.held" | grep . && fail "a pupil without exactly one audit row" || pass
	# a register add that succeeded left the pupil on K; one that failed left no trace
	local s
	for s in $(awk '$2 == "register" && $1 == 0 { print $3 }' "$all" | head -50); do
		grep -q "^$s [0-9]* K 1$" "$T_DIR/$phase.held" || { fail "$s: acknowledged on K, not held so"; break; }
	done
	pass
}

t "16 clients writing across 4 schools, 4 readers, ${STEADY_SECONDS}s"
run_phase steady "$STEADY_SECONDS" true
verify steady '0|75' # 75: a writer waited past the busy timeout (valgrind)

restart_server() {
	"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w restart \
		-o "-k $PG_DIR -c listen_addresses='' -c unix_socket_permissions=0700 -c fsync=off" \
		>/dev/null 2>&1 || fail "the server did not restart"
}
t "a server restart mid-run"
run_phase restart "$RESTART_SECONDS" restart_server
verify restart '0|66|74|75'
t "restart: the commands in flight were told the connection was lost"
if grep -q "the connection to the server was lost\|terminating connection" "$T_DIR"/restart.err.*; then pass
else skip "no command was mid-transaction when the server went down"; fi

done_testing
