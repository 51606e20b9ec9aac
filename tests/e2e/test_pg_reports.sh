# test_pg_reports.sh - checks, exports, reports, documents, the census and
# concerns on a trust's PostgreSQL database: the same output as on the file
# they were migrated from (issue 14). The demo cohort is made on a file and
# moved into school 100001 with `migrate` (the graduated-approach commands
# are not all served on PostgreSQL yet); ids come out equal in a fresh trust.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
. "$(dirname "$0")/pg_both.sh"
both_start

t "the demo cohort, moved into school 100001"
FILE_DB=$T_DIR/demo.db
st --db "$FILE_DB" demo
expect_status 0
st --db "$PG_A" migrate --from "$FILE_DB" --to "$PG_A" --school 100001
expect_status 0
both pupil list

t "written on both: terms, concerns, a passport, top-up, an EHC plan review"
both term set 2026-27 autumn 2026-09-03 2026-12-18
both term set 2026-27 spring 2027-01-05 2027-03-26
both term set 2026-27 autumn 2026-09-02 2026-12-18
both term list
both concern add 1 --from parent --date 2026-10-01 --text "Zoë finds reading hard"
both concern add 1 --from teacher --date 2026-10-01 --text "same day as the parent's"
both concern add 2 --from other --date 2026-09-15 --text "Åsa noticed"
both concern list
both concern list 1
both concern list --since 2026-10-01
both concern list 1 --since 2026-12-01
both passport set 1 --about "Likes Lego; café visits" --important "" --support "Visual timetable"
both passport set 1 --support "Now-and-next board"
both pupil edit 21 --top-up yes
both --today 2026-10-10 ehcp review 21 --date 2026-10-10 --early --notes "brought forward"
# ties in the sort orders: two pupils of the same name and year
both pupil add --surname Lee --forename Ann --dob 2016-01-02 --year 5
both pupil add --surname lee --forename ann --dob 2016-01-02 --year 5
both register add 31 --status K --date 2026-09-10
both register add 32 --status K --date 2026-09-10 --parents-informed 2026-09-11

t "check: every rule, severity, format, on several days"
for day in 2026-11-25 2026-09-01 2026-10-20 2027-03-15 2027-09-01; do
	both --today "$day" check
	both --today "$day" check --format csv
	both --today "$day" check --format json
	both --today "$day" check --quiet
	for sev in overdue due attention; do both --today "$day" check --severity $sev; done
done
for rule in review-overdue review-due no-review-date plan-missing no-active-cycle \
	parents-not-informed parent-meeting-gap outcome-overdue consider-ehcna \
	provision-over-threshold ehcp-annual-review primary-need-missing ehcp-review-step \
	ehcp-phase-transfer ehcna-decision ehcna-plan terms-not-set; do
	both check --rule $rule
	both check --rule $rule --format csv
	both --today 2027-06-30 check --rule $rule --format json
done
both check --year 5
both check --pupil 21 --format json
both check --rule review-due,outcome-overdue --severity due
both config set ehcna-after-cycles 1
both check --rule consider-ehcna
both config set ehcna-after-cycles 3
both check --rule consider-ehcna

t "exports, with their filters"
for x in reviews register outcomes provision meetings cycles; do
	both export $x
	both export $x --raw
done
both export reviews --from 2026-12-01 --to 2027-02-01
both export reviews --within 14 --year 5
both export register --status E
both export register --status N --include-left
both export register --year 5
both export outcomes --from 2026-09-01 --to 2026-10-31
both export provision --active-on 2026-09-01
both export provision --active-on 2027-09-01
both export meetings --from 2026-09-01 --to 2026-10-31
both export cycles --from 2026-11-01 --to 2026-11-30
# the audit log's ids are the trust's own (migrate logs itself); the times
# written today are the clock's
NO_AUDIT_IDS='/^"audit","[0-9]+","id",/d; s/^("[a-z_]+","[0-9]+","(created_at|entered_at)"),.*/\1/'
for p in 1 2 5 21 31; do BOTH_SED=$NO_AUDIT_IDS both export pupil $p; done
both export pupil 99

t "reads whose output cannot be delivered: 74 on both, the rows stop mid-stream"
# the rows come one at a time (pgst_each): a callback that stops leaves the
# rest to be read and dropped, and the command still ends cleanly
for cmd in "export outcomes" "export meetings --raw" "check --format csv" "export register"; do
	for side in "$FILE_DB" "$PG_A"; do
		# shellcheck disable=SC2086 # the command's words
		"$SENTRACK_BIN" --db "$side" --today "$TODAY" $cmd >/dev/full 2>"$ERR"
		STATUS=$?
		expect_status 74
		grep -q "writing the .*output failed" "$ERR" && pass || fail "stderr: $(cat "$ERR")"
	done
done

t "exports with a terminal watching: the rows are counted first (progress)"
# script(1) (bsdutils) gives stderr a terminal, so each export runs its
# counting statement before its rows
for x in reviews register outcomes provision meetings cycles; do
	for side in file pg; do
		db=$FILE_DB
		[ $side = pg ] && db=$PG_A
		script -qec "$(printf '%q ' "$SENTRACK_BIN" --today "$TODAY" --db "$db" export $x)" \
			/dev/null >"$T_DIR/tty.$side" 2>&1
		echo "exit $?" >>"$T_DIR/tty.$side"
	done
	if cmp -s "$T_DIR/tty.file" "$T_DIR/tty.pg"; then pass; else
		fail "export $x on a terminal differs: $(diff "$T_DIR/tty.file" "$T_DIR/tty.pg" |
			head -10)"; fi
	grep -q '^exit 0$' "$T_DIR/tty.pg" && pass || fail "export $x on a terminal: $(tail -3 "$T_DIR/tty.pg")"
done

t "export pupil into a directory: every section, the empty ones with their header"
mkdir -p "$T_DIR/sar.file" "$T_DIR/sar.pg"
st --db "$FILE_DB" export pupil 21 --output "$T_DIR/sar.file/"
expect_status 0
st --db "$PG_A" export pupil 21 --output "$T_DIR/sar.pg/"
expect_status 0
for d in sar.file sar.pg; do
	sed -E 's/^"[0-9]+","[0-9TZ:-]+",//' "$T_DIR/$d/audit.csv" >"$T_DIR/$d/audit.tmp"
	mv "$T_DIR/$d/audit.tmp" "$T_DIR/$d/audit.csv"
done
if diff -r "$T_DIR/sar.file" "$T_DIR/sar.pg" >"$T_DIR/sar.diff"; then pass; else
	fail "export pupil --output DIR/ differs: $(head -20 "$T_DIR/sar.diff")"; fi
[ "$(ls "$T_DIR/sar.pg" | wc -l)" -ge 18 ] && pass || fail "fewer than 18 section files: $(ls "$T_DIR/sar.pg")"

t "the census"
both census check
both --today 2027-01-15 census check

t "documents and reports"
both letter placement 1 --format text
both letter placement 21 --format text --date 2026-11-20
both letter review-invitation 1 --meeting 2026-12-10 --format text
both letter ehcna-request 5 --format text
both letter placement 1
both ehcp list
both --today 2027-06-30 ehcp list
# The summary's figures (report_status_at, _moves, _reviews,
# _parent_meetings, _outcomes, _ehcna) and the documents built on the
# graduated approach's reads.
both report summary --academic-year 2026-27 --format text
both report provision-map --format text
both passport 1 --format text
both plan 1 --format text

t "school B sees none of it"
st --db "$PG_B" concern list
expect_status 0
expect_out_empty
st --db "$PG_B" check --format csv
expect_status 0
st --db "$PG_B" export register
expect_status 0
[ "$(wc -l <"$OUT")" = 1 ] && pass || fail "school B's register export has rows: $(cat "$OUT")"

t "check --all-schools for the trust reader: each school's findings, its URN first"
st --db "$T_DIR/demo_b.db" --today 2026-10-01 demo
expect_status 0
st --db "$PG_B" migrate --from "$T_DIR/demo_b.db" --to "$PG_B" --school 100002
expect_status 0
: >"$T_DIR/schools.csv"
for urn in 100001 100002; do
	st --db "$PG_LEAD" --school $urn check --format csv
	expect_status 2
	tail -n +2 "$OUT" | sed "s/^/\"$urn\",/" >>"$T_DIR/schools.csv"
done
st --db "$PG_LEAD" check --all-schools --format csv
expect_status 2
expect_out_has '"school","severity","rule","date","pupil_id"'
if tail -n +2 "$OUT" | cmp -s - "$T_DIR/schools.csv"; then pass; else
	fail "check --all-schools is not each school's check in turn: $(tail -n +2 "$OUT" |
		diff - "$T_DIR/schools.csv" | head -10)"; fi
grep -q '^"100002",' "$OUT" && grep -q '^"100001",' "$OUT" && pass ||
	fail "check --all-schools lacks a school's findings"
st --db "$PG_LEAD" --school 100001 check --format csv
cp "$OUT" "$T_DIR/lead_a.csv"
st --db "$FILE_DB" check --format csv
if cmp -s "$OUT" "$T_DIR/lead_a.csv"; then pass; else
	fail "the trust reader's check of 100001 differs from the file's"; fi
st --db "$PG_LEAD" check --all-schools --quiet
expect_status 2
expect_out_empty

done_testing
