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
	};
	return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
