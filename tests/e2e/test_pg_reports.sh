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

t "check: every rule, severity, format, on several days"
for day in 2026-11-25 2026-09-01 2027-03-15; do
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
done

t "exports"
for x in reviews register outcomes provision meetings cycles; do
	both export $x
done
both export pupil 1

t "reports, documents, census, concerns"
both report summary --academic-year 2026-27 --format text
both report provision-map --format text
both census check
both concern list
both passport 1 --format text
both plan 1 --format text
both letter placement 1 --format text

done_testing
