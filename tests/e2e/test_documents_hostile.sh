# test_documents_hostile.sh - hostile names and texts in every document: the
# DOM a real browser builds (chromium-headless-shell --dump-dom) has no
# script, image or event-handler element, and the text reads as typed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/docs_lib.sh"
new_db
D="$T_DIR/docs"
mkdir -p "$D"
SCRIPT='<script>alert(1)</script>'
IMG='"><img src=x onerror=alert(1)>'
AMP='Tom &amp; Jerry'
RLO=$(printf 'gnp.\u202Eexe')   # a right-to-left override inside
id=$(must pupil add --surname "$SCRIPT" --forename "$IMG" --dob 2017-01-01 --year 4 --class "$AMP")
must register add "$id" --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
must need add "$id" SPLD --rank 1 >/dev/null
must config set school-name "$SCRIPT" >/dev/null
must config set school-address "$IMG, $AMP" >/dev/null
must config set senco-name "$RLO" >/dev/null
must cycle open "$id" --date 2026-09-02 >/dev/null
must cycle assess "$id" --summary "$SCRIPT" --pupil-views "$IMG" --parent-views "$RLO" --date 2026-09-03 >/dev/null
must outcome add "$id" "$SCRIPT" --measure "$IMG" --by 2026-12-01 >/dev/null
must cycle plan "$id" --review-date 2026-12-01 --date 2026-09-04 --with parents >/dev/null
must provision add "$id" "$SCRIPT" --staff "$IMG" --sessions 1 --minutes 30 --group-size 3 --hourly-cost 18 --start 2026-09-05 >/dev/null
must passport set "$id" --about "$SCRIPT" --important "$AMP" --support "$RLO" >/dev/null

t "pupil with hostile names in every document"
st plan "$id" --with-costs --output "$D/plan.html"; expect_status 0
st passport "$id" --output "$D/passport.html"; expect_status 0
st letter placement "$id" --output "$D/letter.html"; expect_status 0
st report provision-map --output "$D/map.html"; expect_status 0
for f in "$D"/*.html; do
	dom "$f"
	domf=${f%.html}.dom
	t "$(basename "$f"): no active element"
	# every start tag the browser built
	grep -oE '<[a-zA-Z][^>]*>' "$domf" >"$domf.tags"
	if grep -qiE '^<(script|img|iframe|object|embed|link|svg)' "$domf.tags"; then
		fail "an active element: $(grep -iE '^<(script|img|iframe|object|embed|link|svg)' "$domf.tags" | head -3)"
	else pass; fi
	if grep -qiE '\son[a-z]+=' "$domf.tags"; then
		fail "an event handler: $(grep -iE '\son[a-z]+=' "$domf.tags" | head -3)"; else pass; fi
	t "$(basename "$f"): the text reads as typed"
	for want in '&lt;script&gt;alert(1)&lt;/script&gt;' '"&gt;&lt;img src=x onerror=alert(1)&gt;'; do
		if grep -qF -- "$want" "$domf"; then pass; else fail "lacks $want"; fi
	done
done
t "the ampersand and the right-to-left override survive"
for f in plan passport letter; do
	grep -qF -- 'Tom &amp;amp; Jerry' "$D/$f.dom" && pass || fail "$f: lacks Tom &amp;amp; Jerry"
done
for f in passport letter; do
	grep -qF -- "$RLO" "$D/$f.dom" && pass || fail "$f: lacks the override as typed"
done

t "text formats: the values as typed"
st plan "$id" --format text
expect_out_has "$SCRIPT"
expect_out_has "$IMG"
st letter placement "$id" --format text
expect_out_has "$AMP"

done_testing
