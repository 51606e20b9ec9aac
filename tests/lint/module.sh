#!/bin/sh
# module.sh MODULE - the PostgreSQL module (sentrack-pg.so) exports its
# table alone: the library objects and libpq calls inside it stay its own,
# so they can neither clash with nor stand in for the program's.
set -eu
names=$(nm -D --defined-only "$1" | awk 'NF == 3 { print $3 }')
[ "$names" = st__pg_module ] || { echo "FAIL: $1 exports: $names"; exit 1; }
nm -D --undefined-only "$1" | grep -q ' PQconnectStartParams' ||
	{ echo "FAIL: $1 does not call libpq"; exit 1; }
echo "$1 exports st__pg_module alone"
