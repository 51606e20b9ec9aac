/* test_schema.c - opening, migrating and refusing database files. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "support.h"
#include "internal.h"
#include "sqlite/sqlite_store.h"

static char dir[64];

static int make_dir(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/sentrack-unit.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int remove_entry(const char *p, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(p);
}

static int remove_dir(void **state)
{
	(void)state;
	return nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

static void path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/%s", dir, name);
}

static void raw_sql(const char *file, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static void creates_current_schema_private_to_owner(void **state)
{
	(void)state;
	char file[128];
	path(file, sizeof file, "sub/new.db");
	mode_t old = umask(0);
	st_db *db;
	st_error err;
	assert_ok(st_db_open(&db, file, ST_OPEN_CREATE, &err), err);
	umask(old);
	int v = 0;
	assert_ok(st_db_file_schema_version(db, &v, &err), err);
	assert_int_equal(v, st_db_schema_version());
	assert_true(st_db_is_wal(db));
	st_db_free(db);
	struct stat sb;
	assert_int_equal(stat(file, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	path(file, sizeof file, "sub");
	assert_int_equal(stat(file, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
	/* creating again is refused */
	path(file, sizeof file, "sub/new.db");
	assert_error(st_db_open(&db, file, ST_OPEN_CREATE, &err), err, ST_EEXISTS, "already exists");
	assert_null(db);
}

static void no_wal_keeps_rollback_journal(void **state)
{
	(void)state;
	char file[128];
	path(file, sizeof file, "nowal.db");
	st_db *db;
	st_error err;
	assert_ok(st_db_open(&db, file, ST_OPEN_CREATE | ST_OPEN_NO_WAL, &err), err);
	assert_false(st_db_is_wal(db));
	st_db_free(db);
	assert_ok(st_db_open(&db, file, ST_OPEN_READWRITE, &err), err);
	assert_false(st_db_is_wal(db)); /* the choice is kept in the file */
	st_db_free(db);
}

static void missing_file_is_not_created(void **state)
{
	(void)state;
	char file[128];
	path(file, sizeof file, "missing.db");
	st_db *db;
	st_error err;
	assert_error(st_db_open(&db, file, ST_OPEN_READWRITE, &err), err, ST_ENODB, "sentrack init");
	assert_int_equal(access(file, F_OK), -1);
	assert_error(st_db_open(&db, file, ST_OPEN_READONLY, &err), err, ST_ENODB, "not found");
}

static void migrates_a_version_0_file(void **state)
{
	(void)state;
	char file[128];
	path(file, sizeof file, "v0.db");
	raw_sql(file, "PRAGMA user_version=0");
	st_db *db;
	st_error err;
	assert_ok(st_db_open(&db, file, ST_OPEN_READWRITE, &err), err);
	int v = -1;
	assert_ok(st_db_file_schema_version(db, &v, &err), err);
	assert_int_equal(v, st_db_schema_version());
	st_db_set_today(db, D("2026-11-25"));
	assert_int_equal(test_pupil(db, "Amir", "Khan", "4"), 1); /* the schema works */
	st_db_free(db);
	/* opening a current file again changes nothing and works read-only */
	assert_ok(st_db_open(&db, file, ST_OPEN_READONLY, &err), err);
	st_db_free(db);
}

static void read_only_open_does_not_migrate(void **state)
{
	(void)state;
	char file[128];
	path(file, sizeof file, "v0ro.db");
	raw_sql(file, "PRAGMA user_version=0");
	st_db *db;
	st_error err;
	assert_error(st_db_open(&db, file, ST_OPEN_READONLY, &err), err, ST_ESCHEMA, "is older than");
}

static void refuses_newer_schema_without_touching_it(void **state)
{
	(void)state;
	char file[128];
	path(file, sizeof file, "newer.db");
	st_db *db;
	st_error err;
	assert_ok(st_db_open(&db, file, ST_OPEN_CREATE | ST_OPEN_NO_WAL, &err), err);
	st_db_free(db);
	raw_sql(file, "PRAGMA user_version=999");
	struct stat before, after;
	stat(file, &before);
	assert_error(st_db_open(&db, file, ST_OPEN_READWRITE, &err), err, ST_ESCHEMA,
		     "schema version 999 is newer than this sentrack understands");
	assert_null(db);
	stat(file, &after);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_mtime, after.st_mtime);
}

static void refuses_other_programs_databases(void **state)
{
	(void)state;
	char file[128];
	path(file, sizeof file, "other.db");
	raw_sql(file, "CREATE TABLE notes(x); INSERT INTO notes VALUES ('keep me')");
	st_db *db;
	st_error err;
	assert_error(st_db_open(&db, file, ST_OPEN_READWRITE, &err), err, ST_ESCHEMA,
		     "not a sentrack database");
	path(file, sizeof file, "text.db");
	FILE *f = fopen(file, "w");
	fputs("this is not a database\n", f);
	fclose(f);
	assert_error(st_db_open(&db, file, ST_OPEN_READWRITE, &err), err, ST_ESCHEMA,
		     "file is not a database");
}

static void transactions_roll_back_everything(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	assert_ok(st_db_begin(db, &err), err);
	int64_t id = test_pupil(db, "Amir", "Khan", "4");
	assert_ok(st_register_add(db, id, 'K', D("2026-11-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	/* a failing call inside the transaction undoes only itself */
	assert_error(st_register_add(db, id, 'K', D("2026-11-02"), ST_DATE_NONE, ST_DATE_NONE,
				     NULL, &err), err, ST_ERULE, "already at K");
	st_db_rollback(db);
	st_pupil *p = NULL;
	assert_error(st_pupil_get(db, id, &p, &err), err, ST_ENOTFOUND, "no such pupil");
	st_db_free(db);
}

static long long query_ll(const char *file, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* A version 1 file (ids without AUTOINCREMENT) holding a pupil with a cycle,
 * outcomes and register history, and the audit trace of an erased pupil 3:
 * the upgrade keeps every row, index and reference, and the next pupil is
 * 4, not 3 (the erased child's id and history are never handed on). */
static void migrates_version_1_ids_to_autoincrement(void **state)
{
	(void)state;
	char file[128];
	path(file, sizeof file, "v1.db");
	struct store *s;
	st_error err;
	assert_ok(st__store_open(&s, ST_BACKEND_FILE, file, ST_OPEN_CREATE, &err), err);
	assert_ok(st__store_migrate_to(s, 1, &err), err);
	st__store_close(s);
	raw_sql(file,
		"PRAGMA foreign_keys=ON;"
		"INSERT INTO year_group VALUES ('5', 7, 'Year 5');"
		"INSERT INTO pupil (id, surname, forename, dob, year, surname_key, forename_key, "
		"created_at) VALUES (1, 'Khan', 'Amir', '2015-01-01', '5', 'khan', 'amir', 'x'),"
		"(2, 'Brown', 'Zoe', '2015-01-01', '5', 'brown', 'zoe', 'x');"
		"INSERT INTO register_event VALUES (1, 2, 'K', '2026-09-01', '2026-09-01', NULL, NULL,"
		" 'command', 'x', 'u');"
		"INSERT INTO cycle (id, pupil_id, seq, phase, opened_on) VALUES (1, 2, 1, 'closed', "
		"'2026-01-01'), (2, 2, 2, 'assess', '2026-09-01');"
		"UPDATE cycle SET previous_id = 1 WHERE id = 2;"
		"INSERT INTO outcome (id, cycle_id, text, created_on) VALUES (1, 2, 'Reads', "
		"'2026-09-01');"
		"INSERT INTO audit (entered_at, user, command, action, entity, entity_id, pupil_id) "
		"VALUES ('x', 'u', 'pupil add', 'insert', 'pupil', 3, 3),"
		"('x', 'u', 'pupil erase', 'erase', 'pupil', 3, 3);");
	long long indexes = query_ll(file, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'");
	st_db *db;
	assert_ok(st_db_open(&db, file, ST_OPEN_READWRITE, &err), err);
	int v = 0;
	assert_ok(st_db_file_schema_version(db, &v, &err), err);
	assert_int_equal(v, st_db_schema_version());
	st_db_set_today(db, D("2026-11-25"));
	assert_int_equal(test_pupil(db, "Nia", "New", "5"), 4);
	st_db_free(db);
	/* every index kept (steps 4 and 5, issues 12 and 16, add their own), but
	 * the one that step 6's outcome index for check extends (issue 15; step
	 * 7 adds the open cycles' covering index) */
	assert_int_equal(query_ll(file, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
				  "AND name NOT IN ('need_history_by_pupil', 'concern_by_pupil', "
				  "'term_by_dates', 'sqlite_autoindex_term_1', "
				  "'ehcp_schedule_by_pupil', 'ehcp_amended_by_pupil', "
				  "'cycle_by_pupil_closed', 'cycle_by_pupil_phase', "
				  "'meeting_by_pupil_parents', 'outcome_by_cycle_rating', "
				  "'provision_by_pupil_cost', 'cycle_open_covering')"),
			 indexes - 1);
	assert_int_equal(query_ll(file, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
				  "AND name = 'outcome_by_cycle'"), 0);
	assert_int_equal(query_ll(file, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
	assert_int_equal(query_ll(file, "SELECT previous_id FROM cycle WHERE id = 2"), 1);
	assert_int_equal(query_ll(file, "SELECT count(*) FROM outcome WHERE cycle_id = 2"), 1);
	assert_int_equal(query_ll(file, "SELECT count(*) FROM register_event WHERE pupil_id = 2"), 1);
	assert_int_equal(query_ll(file, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' "
				  "AND sql LIKE '%AUTOINCREMENT%' "
				  "AND name NOT IN ('need_history', 'concern', 'term', "
				  "'ehcp_schedule', 'ehcp_amended', 'import_run')"), 12);
	/* step 5 rebuilt the cycle table: a pupil who leaves closes it as 'left' */
	raw_sql(file, "UPDATE cycle SET phase = 'closed', closed_on = '2026-11-25', "
		"decision = 'left' WHERE id = 2");
	assert_int_equal(query_ll(file, "SELECT count(*) FROM cycle WHERE decision = 'left'"), 1);
	/* references still point at the rebuilt tables: a cascade still works */
	raw_sql(file, "PRAGMA foreign_keys=ON; DELETE FROM pupil WHERE id = 2");
	assert_int_equal(query_ll(file, "SELECT count(*) FROM outcome"), 0);
	/* and a fresh database has the same schema text as the upgraded one */
	char fresh[128];
	path(fresh, sizeof fresh, "v2fresh.db");
	assert_ok(st_db_open(&db, fresh, ST_OPEN_CREATE, &err), err);
	st_db_free(db);
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(file, &raw), SQLITE_OK);
	char *attach = sqlite3_mprintf("ATTACH %Q AS fresh", fresh);
	assert_int_equal(sqlite3_exec(raw, attach, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(attach);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(raw, "SELECT count(*) FROM (SELECT type, name, sql FROM "
					    "main.sqlite_schema EXCEPT SELECT type, name, sql FROM "
					    "fresh.sqlite_schema)", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	sqlite3_close(raw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(creates_current_schema_private_to_owner),
		cmocka_unit_test(no_wal_keeps_rollback_journal),
		cmocka_unit_test(missing_file_is_not_created),
		cmocka_unit_test(migrates_a_version_0_file),
		cmocka_unit_test(read_only_open_does_not_migrate),
		cmocka_unit_test(refuses_newer_schema_without_touching_it),
		cmocka_unit_test(refuses_other_programs_databases),
		cmocka_unit_test(transactions_roll_back_everything),
		cmocka_unit_test(migrates_version_1_ids_to_autoincrement),
	};
	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
