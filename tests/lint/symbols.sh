#!/bin/sh
# symbols.sh LIBRARY INCLUDE_DIR - every symbol libsentrack exports is in its
# namespace: st_ and declared in a public header (the API), st__ (internal
# to the library) or sqlst_ (the SQLite backend's helpers). Anything else
# could clash with a program or another library linked beside it.
set -eu
lib=$1 include=$2
nm -g --defined-only "$lib" >/dev/null   # fail loudly if nm cannot read it
names=$(nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sort -u)
[ -n "$names" ] || { echo "FAIL: no symbols read from $lib"; exit 1; }
bad=0
for n in $names; do
	case $n in
	st__* | sqlst_*) ;;
	st_*)
		grep -rqw -- "$n" "$include" ||
			{ echo "FAIL: $n starts st_ but is in no public header (internal: st__)"; bad=1; } ;;
	*) echo "FAIL: $n is outside the library's namespace (st_, st__, sqlst_)"; bad=1 ;;
	esac
done
echo "$(printf '%s\n' "$names" | wc -l) symbols checked"
exit $bad
