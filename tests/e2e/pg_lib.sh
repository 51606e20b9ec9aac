# pg_lib.sh - a throwaway PostgreSQL cluster for end-to-end tests of the
# trust backend. Source it after lib.sh, then call pg_start.
#
# The cluster lives in a private temporary directory, listens only on a
# Unix socket there (listen_addresses='': no TCP) and is stopped and removed
# when the script exits, however it exits. As root, initdb and pg_ctl run
# as the `postgres` user (initdb refuses root), through runuser. Local
# connections are trusted: these tests are about authorisation (which role
# sees which rows), not passwords. Needs Debian's `postgresql` package.
#
# The whole script is skipped (visibly) only when sentrack was built
# without PostgreSQL (SENTRACK_POSTGRES=OFF); a missing server is a failure.

# Nothing from the caller's environment may point the tests elsewhere.
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGPASSFILE PGSERVICE \
	PGSERVICEFILE PGOPTIONS PGSSLMODE PGAPPNAME
PG_DIR=
PG_AS=()

# Skip the whole script when the trust backend is not built in.
pg_require_backend() {
	if [ "${SENTRACK_POSTGRES:-}" = OFF ]; then
		t "PostgreSQL trust backend"
		# what such a build promises instead: the trust commands say so
		st --db service=trust trust list
		expect_status 66
		expect_err_has "built without PostgreSQL support (SENTRACK_POSTGRES=OFF)"
		skip "sentrack was built with SENTRACK_POSTGRES=OFF"
		done_testing
		exit
	fi
}

pg_bindir() {
	local d
	for d in "${SENTRACK_PG_BINDIR:-}" /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
		[ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
	done
	return 1
}

pg_stop() {
	[ -n "$PG_DIR" ] || return 0
	"${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
	rm -rf "$PG_DIR"
	PG_DIR=
}

# Start the cluster, create the login role trust_admin (CREATEROLE, not a
# superuser) and the database trust it owns.
pg_start() {
	pg_require_backend
	t "starting a throwaway PostgreSQL cluster"
	PG_BIN=$(pg_bindir) || { fail "no initdb/pg_ctl: apt-get install postgresql"; done_testing; exit; }
	PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sentrack-pg.XXXXXX")
	chmod 700 "$PG_DIR"
	if [ "$(id -u)" = 0 ]; then
		chown postgres: "$PG_DIR"
		PG_AS=(runuser -u postgres --)
	fi
	# Stop the server whatever ends the script (a failure, set -u, a signal);
	# then lib.sh's verdict, with the script's own status.
	trap 'pg_rc_=$?; [ "$BASHPID" = "$T_MAIN" ] && pg_stop; (exit $pg_rc_); t_on_exit' EXIT
	trap 'exit 143' TERM INT HUP
	if ! "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres \
		--no-sync >"$PG_DIR/initdb.log" 2>&1; then
		fail "initdb failed: $(tail -5 "$PG_DIR/initdb.log")"; done_testing; exit
	fi
	if ! "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
		-o "-k $PG_DIR -c listen_addresses='' -c unix_socket_permissions=0700 -c fsync=off" \
		start >/dev/null 2>&1; then
		fail "the server did not start: $(tail -5 "$PG_DIR/log")"; done_testing; exit
	fi
	pass
	pg_sql postgres "CREATE ROLE trust_admin LOGIN CREATEROLE" postgres
	[ "$STATUS" = 0 ] && pass || fail "creating the role trust_admin"
	pg_sql postgres "CREATE DATABASE trust OWNER trust_admin" postgres
	[ "$STATUS" = 0 ] && pass || fail "creating the database trust"
}

# A libpq keyword string for role on the test database (or $2).
pg_db() { echo "host=$PG_DIR dbname=${2:-trust} user=$1"; }

# Run SQL with psql as a role: stdout, stderr and status as `st` keeps them.
# Unaligned, tuples only, stop at the first error.
pg_sql() {
	psql -X -q -At -v ON_ERROR_STOP=1 "$(pg_db "$1" "${3:-trust}")" -c "$2" >"$OUT" 2>"$ERR" </dev/null
	STATUS=$?
}
