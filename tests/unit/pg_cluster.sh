#!/bin/sh
# pg_cluster.sh start|stop DIR SENTRACK - the throwaway PostgreSQL cluster
# the unit tests run on a second time (ctest's unit-pg/ tests, fixture
# pg_unit): initdb in DIR (private; as root through runuser -u postgres),
# listening only on a Unix socket there; the role trust_admin (CREATEROLE,
# CREATEDB) owns the database trust, made a trust with `sentrack trust
# init` and school 100001 granted to unit_senco: the template each test
# database is copied from (tests/unit/support/support.c).
set -eu
action=$1 dir=$2 sentrack=${3:-}
bindir=
for d in "${SENTRACK_PG_BINDIR:-}" /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
	if [ -n "$d" ] && [ -x "$d/initdb" ]; then bindir=$d; break; fi
done
[ -n "$bindir" ] || { echo "pg_cluster.sh: no initdb (apt-get install postgresql)" >&2; exit 1; }
as=
if [ "$(id -u)" = 0 ]; then as="runuser -u postgres --"; fi
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGSERVICE PGOPTIONS

stop() {
	if [ -d "$dir/data" ]; then
		$as "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
}

case $action in
stop) stop ;;
start)
	stop
	mkdir -m 700 "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	$as "$bindir/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	$as "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
		-o "-k $dir -c listen_addresses='' -c unix_socket_permissions=0700 -c fsync=off -c max_connections=200" \
		start >/dev/null
	psql -X -q -v ON_ERROR_STOP=1 "host=$dir dbname=postgres user=postgres" \
		-c "CREATE ROLE trust_admin LOGIN CREATEROLE CREATEDB" \
		-c "CREATE DATABASE trust OWNER trust_admin"
	admin="host=$dir dbname=trust user=trust_admin"
	"$sentrack" --db "$admin" trust init
	"$sentrack" --db "$admin" trust school add 100001 "Unit test school"
	"$sentrack" --db "$admin" trust grant unit_senco --school 100001
	;;
*) echo "usage: pg_cluster.sh start|stop DIR [SENTRACK]" >&2; exit 64 ;;
esac
