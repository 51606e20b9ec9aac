# test_pg_import.sh - `import pupils` on a trust's PostgreSQL database: new,
# updated and unchanged pupils, errors, all or nothing, and `pupil show`'s
# import, with the same output as on a file (issue 14; the files as
# tests/e2e/test_import.sh reads them).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
. "$(dirname "$0")/pg_both.sh"
both_start
DATA="$SENTRACK_SOURCE_DIR/tests/data"
cd "$DATA" || exit 1   # messages name files as typed
TODAY=2026-11-25
# the import's start is the clock's, not the data's
TIMES="s/[0-9-]{10}T[0-9:]{8}Z/TIME/g"

# Real imports first: a failed or dry-run import is rolled back, and on
# PostgreSQL what it drew from the id sequences is not given back (on the
# file it is), so the ids after one would differ. The errors and dry runs
# come last, on pupils whose ids are already set.
t "new pupils: the SIMS and Arbor exports"
both import pupils sims_pupils.csv --date 2026-11-20
both import pupils arbor_pupils.csv
both pupil list
both register list
BOTH_SED=$TIMES both pupil show K999300024003
BOTH_SED=$TIMES both pupil show C999300024006
BOTH_SED=$TIMES both log --pupil K999300024003 # the import's own audit row (import_run.audit_id)

t "--update: the same file changes nothing; then changed name, class, status and needs"
both import pupils sims_pupils.csv --update --date 2026-11-20
sed -e 's/,Brown,Zoë,,22\/07\/2017,4,4M,A,slcn,ASD,/,Brown-Lee,Zoë,,22\/07\/2017,5,5H,,,,/' \
	-e 's/,Khan,Amir,,01\/05\/2021,Reception,RC,P,SEMH,,/,Khan,Amir,,01\/05\/2021,Reception,RC,P,ASD,SEMH,/' \
	sims_pupils.csv >"$T_DIR/changed.csv"
both import pupils "$T_DIR/changed.csv" --update --sen-from-file
BOTH_SED=$TIMES both pupil show W999300024002
both register list
both pupil list --status K
BOTH_SED="s/^[0-9T:Z-]{20}//" both log --limit 4

t "dry runs and errors: nothing written, each error with its line and column"
both import pupils sims_pupils.csv --update --dry-run
both import pupils arbor_pupils.csv --dry-run
both import pupils sims_pupils.csv
both import pupils bromcom_bad.csv
both import pupils malformed_quote.csv
both import pupils missing_columns.csv
both pupil list
BOTH_SED=$TIMES both pupil show W999300024002

t "school B has none of school A's imports"
st --db "$PG_B" pupil show W999300024002
expect_status 65
st --db "$PG_B" import pupils arbor_pupils.csv
expect_status 0
expect_err_has "2 new, 0 updated, 0 unchanged"

done_testing
