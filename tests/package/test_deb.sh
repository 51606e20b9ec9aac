#!/usr/bin/env bash
# test_deb.sh - build the Debian package from a release build, install it
# on this machine with apt-get as a user would, and check what it installed.
# Changes the system (installs /usr/bin/sentrack): for CI or a test machine.
#   usage: tests/package/test_deb.sh [BUILD_DIR]     (default build/release)
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/release}
[ -x "$build/sentrack" ] || { echo "test_deb: no $build/sentrack; build the release preset first" >&2; exit 2; }

fail() { echo "test_deb: FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# `cmake --install` (the README's way without a package) relinks the
# programs for their installed RUNPATH itself, module included: without
# the relinked copies only the install target (and cpack) used to make, it
# found nothing to copy, or stale copies from an earlier install
rm -f "$build"/CMakeFiles/CMakeRelink.dir/*
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null || fail "cmake --install failed"
out=$("$tmp/prefix/bin/sentrack" --db "host=$tmp/no-server dbname=trust" trust list 2>&1) && rc=0 || rc=$?
[ "$rc" = 66 ] && case $out in *"cannot connect to the PostgreSQL database"*) true ;; *) false ;; esac ||
	fail "the sentrack cmake --install made cannot load its PostgreSQL module ($rc: $out)"

rm -f "$build"/sentrack_*.deb
(cd "$build" && cpack -G DEB)
deb=$(ls "$build"/sentrack_*.deb)
echo "test_deb: built $deb"
dpkg-deb --contents "$deb"
apt-get install -y --no-install-recommends "./$deb"

[ "$(command -v sentrack)" = /usr/bin/sentrack ] || fail "sentrack is not /usr/bin/sentrack"
version=$(sentrack --version)
[ "$version" = "sentrack $(sed -n 's/^project(sentrack VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)" ] ||
	fail "--version printed '$version'"
man -w sentrack || fail "man -w sentrack found no man page"
[ -f /usr/share/bash-completion/completions/sentrack ] || fail "no bash completion installed"
[ -f /usr/share/zsh/vendor-completions/_sentrack ] || fail "no zsh completion installed"
[ -f /usr/share/doc/sentrack/examples/sentrack.crontab ] || fail "no example crontab"
[ -f /usr/share/doc/sentrack/examples/sentrack-check.service ] || fail "no example service"
# the packaged program runs on a fresh database, from cron's PATH as well
env -i PATH=/usr/bin:/bin SENTRACK_DB="$tmp/t.db" sh -c 'sentrack init && sentrack check' ||
	fail "the installed sentrack does not run from cron's PATH"
# the installed program finds its PostgreSQL module (LIBDIR/sentrack, its
# RUNPATH): an unreachable server is a connection failure (66), not a
# module that cannot be loaded
out=$(sentrack --db "host=$tmp/no-server dbname=trust" trust list 2>&1) && rc=0 || rc=$?
[ "$rc" = 66 ] && case $out in *"cannot connect to the PostgreSQL database"*) true ;; *) false ;; esac ||
	fail "the installed sentrack cannot load its PostgreSQL module ($rc: $out)"
echo "test_deb: ok: $version, $(man -w sentrack)"
