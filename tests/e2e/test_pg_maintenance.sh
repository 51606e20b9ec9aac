# test_pg_maintenance.sh - erasure, retention purges, doctor and backup on a
# trust's PostgreSQL database (issue 14): erasure removes every row of the
# pupil as on a file and clears the detail of its older audit rows; doctor
# reports what a server's database can be checked for and names the
# file's checks it does not run; backup, a copy of a file, is refused (64)
# pointing to pg_dump.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"
. "$(dirname "$0")/pg_both.sh"
both_start
TODAY=2026-11-30
AUDIT_TIME="s/^[0-9T:Z-]{20}//"

both pupil add --surname Old --forename Ola --dob 1995-11-29 --year 6 --joined 2005-09-01
both pupil add --surname Edge --forename Eda --dob 1995-11-30 --year 6 --joined 2005-09-01
both pupil add --surname Young --forename Yin --dob 2012-01-01 --year 6 --joined 2016-09-01
both pupil add --surname Zephyr --forename Zoë --dob 2016-02-03 --year 5 --upn A123456789012
both pupil add --surname Stay --forename Sam --dob 2016-02-04 --year 5
# Leavers set in the data: `pupil leave` ends provision, whose storage
# functions another group ports (to use `both pupil leave` after the merge).
leave() {
	sqlite3 "$FILE_DB" "UPDATE pupil SET left_on = '$2' WHERE id = $1"
	pg_sql senco_a "UPDATE sentrack.pupil SET left_on = '$2' WHERE id = $1"
	[ "$STATUS" = 0 ] || fail "leave $1: $(cat "$ERR")"
}
leave 1 2007-07-20
leave 2 2007-07-20
leave 3 2019-07-20

t "pupil erase: every row of the pupil goes, the log keeps what and when"
both register add 4 --status K --date 2026-09-10 --parents-informed 2026-09-10
both need add 4 SLCN --rank 1
both need add 4 SEMH --rank 2
both need remove 4 SEMH
both register remove 4 --date 2026-10-01 --reason "caught up"
both register add 4 --status K --date 2026-10-05 --parents-informed 2026-10-05
both need add 4 SLCN --rank 1
both ehcna request 4 --by parent --date 2026-11-02
both register add 5 --status E --date 2026-01-05 --plan-date 2026-01-05 --parents-informed 2026-01-05
both register add 4 --status E --date 2026-11-20 --plan-date 2026-11-20 --parents-informed 2026-11-20
both ehcp schedule 4 --meeting 2026-12-10
both ehcp amended 4 --date 2026-11-25
both register add 5 --status K --date 2026-02-05 --parents-informed 2026-02-05
BOTH_SED=$AUDIT_TIME both log --pupil 4
# every table below holds a row of pupil 4 before the erasure
for tab in register_event pupil_need need_history ehcna_request ehcp_schedule ehcp_amended; do
	pg_sql senco_a "SELECT count(*) > 0 FROM sentrack.$tab WHERE pupil_id = 4"
	expect_out t
done
both pupil erase 4 --confirm 5
both pupil erase 4 --confirm A123456789012
both pupil show 4
both pupil list
BOTH_SED=$AUDIT_TIME both log --pupil 4
BOTH_SED=$AUDIT_TIME both log --pupil 5
for tab in register_event pupil_need need_history ehcna_request ehcp_schedule ehcp_amended; do
	pg_sql senco_a "SELECT count(*) FROM sentrack.$tab WHERE pupil_id = 4"
	expect_out 0
done
pg_sql senco_a "SELECT count(*) FROM sentrack.pupil WHERE id = 4 OR surname = 'Zephyr'"
expect_out 0
pg_sql senco_a "SELECT count(*) FROM sentrack.audit WHERE pupil_id = 4 AND detail IS NOT NULL AND action <> 'erase'"
expect_out 0
pg_sql senco_a "SELECT count(*) FROM sentrack.audit WHERE pupil_id = 4 AND db_user <> 'senco_a'"
expect_out 0
pg_sql senco_a "SELECT count(*) FROM sentrack.audit WHERE detail LIKE '%Zephyr%'"
expect_out 0

t "the audit log stays append-only for a SENCO: a detail may be cleared, not written"
pg_sql senco_a "UPDATE sentrack.audit SET detail = 'forged' WHERE pupil_id = 5"
expect_status 1
expect_err_has "permission denied for table audit: it is appended to; an erasure may clear a detail, nothing else"
pg_sql senco_a "UPDATE sentrack.audit SET user_name = 'forged' WHERE pupil_id = 5"
expect_status 1
expect_err_has "permission denied"
pg_sql senco_b "UPDATE sentrack.audit SET detail = NULL WHERE pupil_id = 5"
expect_status 0
BOTH_SED=$AUDIT_TIME both log --pupil 5

t "purge: the date of birth rule, then --left-before"
both purge --dry-run
both purge
both pupil list --include-left
TODAY=2026-12-01
both config set retention-years 32
both purge --dry-run
both config unset retention-years
both purge
both purge --left-before 2020-08-31 --dry-run
both purge --left-before 2020-08-31
both pupil list --include-left
BOTH_SED=$AUDIT_TIME both log --limit 3
pg_sql senco_a "SELECT count(*) FROM sentrack.pupil"
expect_out 1

t "school B's SENCO erases none of school A's pupils"
st --db "$PG_B" pupil erase 5 --confirm 5
expect_status 65
pg_sql senco_a "SELECT count(*) FROM sentrack.pupil WHERE id = 5"
expect_out 1

t "doctor on a trust's database: what it can check, and the file's checks named"
st --db "$PG_A" doctor
expect_status 0
expect_out_has "ok      integrity_check: not run: a check of a database file's pages"
expect_out_has "ok      foreign_key_check: ok"
expect_out_has "ok      schema version: trust schema 4 (current)"
expect_out_has "ok      schema: every table there, each under row-level security"
expect_out_has "ok      journal mode: not run: a database file's"
expect_out_has "ok      permissions: not run: a database file's"
expect_out_has "ok      config: every setting valid"
expect_err_has "doctor: no problems found"
st --db "$PG_A" doctor --upgrade
expect_status 0
st --db "$PG_LEAD" --school 100002 doctor
expect_status 0
pg_sql trust_admin "ALTER TABLE sentrack.concern NO FORCE ROW LEVEL SECURITY"
expect_status 0
st --db "$PG_A" doctor
expect_status 65
expect_out_has "PROBLEM schema: table concern: row-level security is not forced"
expect_err_has "doctor: 1 problem found"
pg_sql trust_admin "ALTER TABLE sentrack.concern FORCE ROW LEVEL SECURITY"

t "backup is refused on a trust's database (64), pointing to pg_dump; no file made"
st --db "$PG_A" backup "$T_DIR/copy.db"
expect_status 64
expect_err_has "backup: copies a database file; a trust's PostgreSQL database is backed up on its server (pg_dump"
[ ! -e "$T_DIR/copy.db" ] && [ -z "$(ls "$T_DIR" | grep -F 'copy.db')" ] && pass || fail "backup left a file"
st --db "$FILE_DB" backup "$T_DIR/copy.db"
expect_status 0

done_testing
