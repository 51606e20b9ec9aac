#!/bin/sh
# regenerate.sh - the pictures in docs/documents.md: every document of the
# demo school rendered by chromium-headless-shell, as the tests render them.
# Usage (from the source tree, after a build):
#   sh docs/documents/regenerate.sh [path/to/sentrack]
set -eu
bin=${1:-build/dev/sentrack}
out=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
s() { "$bin" --db "$tmp/demo.db" --today 2026-11-25 "$@"; }
s demo 2>/dev/null
s plan "Amir Khan" --with-costs --output "$tmp/plan.html"
s passport "Amir Khan" --output "$tmp/passport.html"
s letter review-invitation "Amir Khan" --meeting 2026-12-10 --output "$tmp/letter.html"
s report provision-map --output "$tmp/provision-map.html"
s report summary --academic-year 2025-26 --output "$tmp/summary.html"
for f in plan passport letter provision-map summary; do
	chromium-headless-shell --no-sandbox --single-process --disable-gpu --hide-scrollbars \
		--screenshot="$out/$f.png" --window-size=820,1160 "file://$tmp/$f.html" 2>/dev/null
done
echo "wrote $out/*.png"
