# test_trust_walkthrough.sh - docs/trust.md's "From a fresh Debian machine to
# a trust database", run as written (issue 14's "done when": a trust can
# follow it to a running multi-school database with two schools moved in).
#
# The section's ```sh blocks are read from the document and each line run
# here, on a throwaway cluster, through stand-ins for what belongs to the
# machine: `apt-get` and `pg_ctlcluster` do nothing (the cluster is
# pg_lib.sh's), `useradd --create-home NAME` makes a home under the test's
# directory, and `runuser -u NAME -- ...` runs the rest as that login
# would: in its home, its /home/NAME paths mapped there, and the document's
# socket locator replaced by this cluster's for the role of that name (the
# peer authentication the document relies on). Every line must succeed
# (`check` may exit 1 or 2: something is due); then what the trust holds is
# checked.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
pg_start
DOC="$SENTRACK_SOURCE_DIR/docs/trust.md"
DOC_SOCKET_DB="host=/var/run/postgresql dbname=trust"

t "setup: the cluster without the admin and database the walkthrough makes"
pg_sql postgres "DROP DATABASE trust" postgres; expect_status 0
pg_sql postgres "DROP ROLE trust_admin" postgres; expect_status 0

t "the walkthrough's commands, from the document"
awk '/^## From a fresh Debian machine/ { on = 1; next } /^## / { on = 0 }
	on && /^```sh$/ { code = 1; next } on && /^```$/ { code = 0; next }
	on && code && NF' "$DOC" >"$T_DIR/walkthrough.sh"
[ "$(grep -c 'sentrack' "$T_DIR/walkthrough.sh")" -ge 15 ] && pass ||
	fail "too few sentrack commands found in the walkthrough: $(cat "$T_DIR/walkthrough.sh")"
for step in "apt-get install" "pg_ctlcluster" "CREATE ROLE trust_admin" "trust init" \
	"trust school add 137002" "migrate --from /home/senco_ashfield/ashfield.db" \
	"migrate --from /home/senco_beech/beech.db" "check --all-schools"; do
	grep -qF -- "$step" "$T_DIR/walkthrough.sh" && pass || fail "the walkthrough lacks: $step"
done

HOMES="$T_DIR/home"
mkdir -p "$HOMES"
apt-get() { :; }
pg_ctlcluster() { :; }
useradd() { mkdir -p "$HOMES/${*: -1}"; }
sentrack() { ${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --today "$TODAY" "$@"; }
runuser() { # -u NAME -- COMMAND...
	local user=$2 arg args=()
	shift 3
	if [ "$user" = postgres ]; then # psql as the cluster's superuser
		[ "$1" = psql ] || return 99
		shift
		psql -X -q -v ON_ERROR_STOP=1 "$(pg_db postgres postgres)" "$@"
		return
	fi
	for arg in "$@"; do
		case $arg in
		"$DOC_SOCKET_DB") arg=$(pg_db "$user") ;;
		/home/*) arg=$HOMES/${arg#/home/} ;;
		esac
		args+=("$arg")
	done
	(cd "$HOMES/$user" && HOME=$HOMES/$user "${args[@]}")
}
n=0
while IFS= read -r line; do
	n=$((n + 1))
	eval "$line" >"$T_DIR/step$n.out" 2>"$T_DIR/step$n.err" </dev/null
	rc=$?
	case $line in *" check "*) ok='^[012]$' ;; *) ok='^0$' ;; esac
	if [[ $rc =~ $ok ]]; then pass; else
		fail "line $n: $line: exit $rc: $(head -c 600 "$T_DIR/step$n.err")"
	fi
done <"$T_DIR/walkthrough.sh"

t "the trust it made: two schools, their roles, each school's pupils moved in"
st --db "$(pg_db trust_admin)" trust list
expect_status 0
for row in "137001  Ashfield Primary" "senco_ashfield          read-write" \
	"senco_beech             read-write" "governor_ashfield       read-only" "trust_lead"; do
	expect_out_has "$row"
done
pg_sql postgres "SELECT s.urn || ' ' || count(p.id) FROM sentrack.school s
	LEFT JOIN sentrack.pupil p ON p.school_id = s.id GROUP BY s.urn ORDER BY s.urn"
expect_out "137001 30
137002 1"

t "each SENCO sees the school's own pupils only; the trust lead reads both"
st --db "$(pg_db senco_beech)" pupil list
expect_status 0
expect_out_has "Adebayo"
expect_out_lacks "Khan"
st --db "$(pg_db senco_ashfield)" pupil list
expect_out_has "Khan"
expect_out_lacks "Adebayo"
grep -q '^"137001"' "$T_DIR/step$n.out" && grep -q '^"137002"' "$T_DIR/step$n.out" && pass ||
	fail "check --all-schools did not cover both schools: $(head -5 "$T_DIR/step$n.out")"

t "the governor reads Ashfield and writes nothing"
st --db "$(pg_db governor_ashfield)" register list
expect_status 0
st --db "$(pg_db governor_ashfield)" pupil add --surname Nope --forename No --dob 2017-01-01 --year 3
expect_status 77

t "the schools' files are still there, as they were"
st --db "$HOMES/senco_beech/beech.db" pupil list
expect_status 0
expect_out_has "Adebayo"

done_testing
