# test_check.sh - `sentrack check`: every rule raised by a scenario, not raised
# just inside its threshold, exact text and CSV, exit statuses, filters,
# term boundaries, a leap day; config and ehcp review.
. "$(dirname "$0")/lib.sh"
EXP="$SENTRACK_SOURCE_DIR/tests/e2e/expected"
new_db
on() { TODAY=$1; }

# pupil NAME YEAR: add a pupil and print the id
pupil() { must pupil add --surname "$1" --forename "$2" --dob 2016-01-01 --year "$3"; }
# place ID STATUS DATE [INFORMED] [PLAN]
place() {
	local args=(register add "$1" --status "$2" --date "$3")
	[ -n "${4:-}" ] && args+=(--parents-informed "$4")
	[ -n "${5:-}" ] && args+=(--plan-date "$5")
	st "${args[@]}"; [ "$STATUS" = 0 ] || fail "place $*"
	must need add "$1" MLD --rank 1 >/dev/null   # the census's primary need
}
cheap() { must provision add "$1" "Reading group" --staff TA --sessions 1 --minutes 30 --group-size 6 --hourly-cost 12 --start "$2" >/dev/null; }
# to_do ID OPEN REVIEW: a cycle opened, assessed and planned on OPEN, in do the day after
to_do() {
	on "$2"; must cycle open "$1" --date "$2" >/dev/null
	must cycle assess "$1" --summary "Assessed" --date "$2" >/dev/null
	must outcome add "$1" "Target one" --measure m --by 2027-07-01 >/dev/null
	must cycle plan "$1" --review-date "$3" --date "$2" >/dev/null
	cheap "$1" "$2"
	must cycle do "$1" --date "$2" >/dev/null
}

on 2026-11-25
a=$(pupil Able Ann 4); place "$a" K 2026-09-01 2026-09-01
b=$(pupil Bell Ben 4); place "$b" K 2026-09-01 2026-09-01
b2=$(pupil Bell Bea 4); place "$b2" K 2026-09-01 2026-09-01
c=$(pupil Cole Cai 5); place "$c" K 2026-09-01 2026-09-01
d=$(pupil Dean Dan 5); place "$d" K 2026-10-27 2026-10-27
d2=$(pupil Dean Dot 5); place "$d2" K 2026-10-28 2026-10-28
e=$(pupil Earl Eve 5); place "$e" K 2026-11-10 2026-11-10
e2=$(pupil Earl Eli 5); place "$e2" K 2026-11-11 2026-11-11
f=$(pupil Ford Fay 6); place "$f" K 2026-11-17
f2=$(pupil Ford Fin 6); place "$f2" K 2026-11-18
g=$(pupil Gray Gus 6); place "$g" K 2026-03-01 2026-03-01
g2=$(pupil Gray Gia 6); place "$g2" K 2026-03-01 2026-03-01
i=$(pupil Ives Ian 3); place "$i" K 2026-07-25 2026-07-25
i2=$(pupil Ives Ivy 3); place "$i2" K 2026-07-25 2026-07-25
j=$(pupil Jay Joe 3); place "$j" K 2026-09-01 2026-09-01
j2=$(pupil Jay Jen 3); place "$j2" K 2026-09-01 2026-09-01
k=$(pupil King Kim 2); place "$k" E 2025-11-20 2025-11-20 2025-11-20
k2=$(pupil King Kit 2); place "$k2" E 2025-12-09 2025-12-09 2025-12-09
k3=$(pupil King Kay 2); place "$k3" E 2025-12-10 2025-12-10 2025-12-10
k4=$(pupil Kerr Kai 2); place "$k4" E 2024-03-01 2024-03-01 2024-02-29
l=$(pupil Left Lou 2); place "$l" K 2026-09-01
on 2026-09-02; must pupil leave "$l" --date 2026-09-02 >/dev/null

to_do "$a" 2026-09-14 2026-11-24
to_do "$b" 2026-09-14 2026-12-09
to_do "$b2" 2026-09-14 2026-12-10
to_do "$c" 2026-09-14 2026-12-20
# an imported or migrated cycle without a review date
db_sql "UPDATE cycle SET review_date = NULL WHERE pupil_id = $c"
on 2026-10-27; must cycle open "$d" --date 2026-10-27 >/dev/null
on 2026-10-28; must cycle open "$d2" --date 2026-10-28 >/dev/null
# outcomes: one past its target (raised), one due today (not)
on 2026-11-01
must cycle open "$j" --date 2026-11-01 >/dev/null
must cycle assess "$j" --summary s >/dev/null
must outcome add "$j" "Overdue target" --measure m --by 2026-11-24 >/dev/null
must outcome add "$j" "Target due today" --measure m --by 2026-11-25 >/dev/null
must cycle plan "$j" --review-date 2027-01-10 >/dev/null
must provision add "$j" "1:1 support" --staff TA --sessions 15 --minutes 60 --group-size 1 --hourly-cost 16 >/dev/null
must cycle do "$j" >/dev/null
on 2026-11-01; must cycle open "$j2" --date 2026-11-01 >/dev/null
must provision add "$j2" "1:1 support" --staff TA --sessions 10 --minutes 60 --group-size 1 --hourly-cost 15.78 >/dev/null
# parent meetings: the last day of the summer term (the term just ended)
# counts; the last day of the spring term does not count for the summer term
on 2026-11-20
must cycle open "$g" --date 2026-11-20 >/dev/null
must cycle open "$g2" --date 2026-11-20 >/dev/null
must meeting add "$g" --date 2026-04-14 --with parents --purpose other >/dev/null
must meeting add "$g" --date 2026-07-22 --with parents,senco --purpose other >/dev/null
must meeting add "$g2" --date 2026-04-14 --with parents --purpose other >/dev/null
must meeting add "$g2" --date 2026-03-10 --with senco --purpose other >/dev/null
# three cycles mostly not achieved (i), or not every one of them (i2)
cycles() { # ID RATINGS-OF-CYCLE-2
	local id=$1 second=$2 start
	cheap "$id" 2026-07-25
	on 2026-07-25; must cycle open "$id" --date 2026-07-25 >/dev/null
	for start in 2026-07-25 2026-09-01 2026-10-10; do
		on "$start"
		must cycle assess "$id" --summary s >/dev/null
		[ "$start" = 2026-07-25 ] && { must outcome add "$id" "One" --measure m >/dev/null; must outcome add "$id" "Two" --measure m >/dev/null; }
		st outcome list "$id"   # carried forward or new: each gets its target date
		for oid in $(awk 'NR>1 && $1 ~ /^[0-9]+$/ {print $1}' "$OUT"); do
			must outcome edit "$oid" --by 2027-07-01 >/dev/null
		done
		must cycle plan "$id" --review-date "$(date -d "$start + 30 days" +%F)" >/dev/null
		must cycle do "$id" >/dev/null
		on "$(date -d "$start + 30 days" +%F)"
		local n=0
		st outcome list "$id"
		for oid in $(awk 'NR>1 && $1 ~ /^[0-9]+$/ {print $1}' "$OUT"); do
			n=$((n + 1))
			local rating=not-achieved
			[ "$start" = 2026-09-01 ] && [ "$n" = 2 ] && rating=$second
			must outcome rate "$oid" "$rating" >/dev/null
		done
		must cycle review "$id" --decision continue >/dev/null
	done
}
cycles "$i" not-achieved
cycles "$i2" achieved
on 2026-01-20; must ehcp review "$k" --date 2025-11-25 >/dev/null

on 2026-11-25
t "every rule, exact text"
st check
expect_status 2
expect_out_file "$EXP/check_all.txt"
expect_err_has "sentrack: check: "
t "exact CSV"
st check --format csv
expect_status 2
expect_out_file "$EXP/check_all.csv"

t "just inside each threshold nothing is raised"
while read -r id rule; do
	st check --pupil "$id" --rule "$rule"
	expect_out_empty
	expect_status 0
done <<PAIRS
$b2 review-due
$d2 plan-missing
$e2 no-active-cycle
$f2 parents-not-informed
$j2 provision-over-threshold
$i2 consider-ehcna
$k3 ehcp-annual-review
PAIRS
for id in "$b2" "$d2" "$e2" "$f2" "$j2" "$i2"; do
	st check --pupil "$id"
	expect_out_empty
done
st check --pupil "$j" --rule outcome-overdue
expect_out_has "outcome #"
expect_out_lacks "Target due today"

t "term boundaries"
st check --pupil "$g"
expect_out_empty
st check --pupil "$g2" --rule parent-meeting-gap
expect_out "overdue  parent-meeting-gap  2026-07-22  #$g2 Gia Gray (Y6)  no meeting with parents held in the summer term 2025-26 (2026-04-15 to 2026-07-22), which ended 126 days ago  [Code 6.65; school policy (configurable): meeting-warn-days, meeting-grace-days]"

t "filters and exit statuses"
st check --severity due --rule review-due
expect_status 1
expect_out_has "review-due"
expect_out_lacks "overdue"
st check --severity overdue
expect_status 2
grep -qE '^(due|attention) ' "$OUT" && fail "--severity overdue let through less severe findings" || pass
st check --year 2 --rule ehcp-annual-review
expect_status 2
expect_out_lacks "(Y3)"
st check --rule plan-missing
expect_status 1
st check --quiet
expect_status 2
expect_out_empty
[ -s "$ERR" ] && fail "--quiet printed on stderr" || pass
st check --rule review-due --pupil "$a"
expect_status 0
expect_out_empty
[ -s "$ERR" ] && fail "nothing found, yet stderr" || pass
# --quiet finds only the worst severity (issue 15), with the same statuses
st check --quiet --rule plan-missing
expect_status 1
expect_out_empty
st check --quiet --rule review-due --pupil "$a"
expect_status 0
st check --quiet --severity due
expect_status 2
refuse 65 "--rule review-late: not a rule" check --rule review-late
refuse 65 "--severity urgent: must be overdue, due or attention" check --severity urgent
refuse 65 "--format xml: must be text, csv or json" check --format xml
refuse 65 "--year 15: not a year group" check --year 15

t "check never writes: it works on a read-only file"
if file_only "a read-only database file"; then
sqlite3 "$SENTRACK_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null   # the -wal is kept
cp "$SENTRACK_DB" "$T_DIR/ro.db"
chmod 0444 "$T_DIR/ro.db"
st --db "$T_DIR/ro.db" check --quiet
expect_status 2
else
	t "check never writes: it works for a role that may only read the school"
	SENTRACK_DB=$(pg_db trust_admin) st trust grant reader_a --school 100001 --read-only
	expect_status 0
	st --db "$(pg_db reader_a)" check --quiet
	expect_status 2
	st --db "$(pg_db reader_a)" config set due-window-days 20
	expect_status 77
fi

t "config"
st config get due-window-days
expect_out 14
refuse 65 "due-window-days 0: must be a whole number from 1 to 365" config set due-window-days 0
refuse 65 "term.summer.end 02-30: not a day of the year" config set term.summer.end 02-30
refuse 65 "KEY colour: not a setting" config set colour blue
refuse 65 "sen-support-threshold 1e9: not an amount in pounds" config set sen-support-threshold 1e9
st config set term.spring.start 02-29
expect_status 0
st config unset term.spring.start
st config set due-window-days 15
expect_status 0
st check --pupil "$b2"
expect_out_has "review-due"
st config list
expect_out_has "due-window-days        15       * (default 14)"
expect_out_has "school-weeks           38"
st config unset due-window-days
st config get due-window-days
expect_out 14

t "ehcp review"
refuse 65 "has no EHC plan (status E)" ehcp review "$a" --date 2026-11-20
refuse 64 "--date is required" ehcp review "$k"
st ehcp review "$k" --date 2026-11-24 --with parents,senco --notes "Plan continues"
expect_status 0
st check --pupil "$k" --rule ehcp-annual-review
expect_out_empty
st meeting list --pupil "$k"
expect_out_has "ehcp-review"


t "a pupil moved to N raises nothing, even with a cycle left open"
on 2026-09-01
n=$(pupil Nash Ned 3); place "$n" K 2026-09-01 2026-09-01
must cycle open "$n" --date 2026-09-01 >/dev/null
on 2026-09-02; must register remove "$n" --date 2026-09-02 --reason "Caught up" >/dev/null
on 2026-11-25
st check --pupil "$n"
expect_status 0
expect_out_empty

done_testing
