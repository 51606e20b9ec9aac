/* test_contract.c - the promises around every call: a failure always says
 * what failed (also when a list callback stops it), long messages keep
 * their reason, open failures name the file, and a read transaction is one
 * snapshot. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "support.h"

/* A callback that fails the way cycle show's book_add does when out of
 * memory: it returns a code and has no st_error to fill. */
static int stop_pupil(const st_pupil *p, void *payload)
{
	(void)p;
	(void)payload;
	return ST_EINTERNAL;
}
static int stop_need_type(const st_need_type *t, void *payload)
{
	(void)t;
	(void)payload;
	return ST_EINTERNAL;
}
static int stop_audit(const st_audit_entry *e, void *payload)
{
	(void)e;
	(void)payload;
	return ST_EINTERNAL;
}
static int stop_config(const st_config_item *item, void *payload)
{
	(void)item;
	(void)payload;
	return ST_EINTERNAL;
}
static int stop_register(const st_register_event *e, void *payload)
{
	(void)e;
	(void)payload;
	return ST_EINTERNAL;
}

static void a_stopped_list_says_why(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	int64_t id = test_pupil(db, "Amir", "Khan", "4");
	st_error err;
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), D("2026-09-01"), ST_DATE_NONE,
				  NULL, &err), err);
	assert_error(st_pupil_list(db, NULL, stop_pupil, NULL, &err), err, ST_EINTERNAL,
		     "reading pupils: stopped");
	assert_error(st_need_types(db, stop_need_type, NULL, &err), err, ST_EINTERNAL,
		     "reading need types: stopped");
	st_audit_filter all = {0, ST_DATE_NONE, 0};
	assert_error(st_audit_list(db, &all, stop_audit, NULL, &err), err, ST_EINTERNAL,
		     "reading the audit log: stopped");
	assert_error(st_config_list(db, stop_config, NULL, &err), err, ST_EINTERNAL,
		     "listing settings: stopped");
	assert_error(st_register_history(db, id, stop_register, NULL, &err), err, ST_EINTERNAL,
		     "reading the register: stopped");
	st_db_free(db);
}

/* A callback that explains its own failure keeps its message. */
struct explaining {
	st_error *err;
};
static int explain_and_stop(const st_pupil *p, void *payload)
{
	(void)p;
	struct explaining *x = payload;
	return st_error_set(x->err, ST_EIO, "writing row: disk full");
}

static void a_callbacks_own_message_is_kept(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	test_pupil(db, "Amir", "Khan", "4");
	st_error err;
	struct explaining x = {&err};
	assert_error(st_pupil_list(db, NULL, explain_and_stop, &x, &err), err, ST_EIO,
		     "writing row: disk full");
	st_db_free(db);
}

static void long_messages_keep_their_reason(void **state)
{
	(void)state;
	char path[3001];
	memset(path, 'd', sizeof path - 1);
	path[sizeof path - 1] = '\0';
	path[0] = '/';
	st_error err;
	st_error_set(&err, ST_ENODB, "database %s not found; create it with `sentrack init`", path);
	size_t len = strlen(err.message);
	assert_true(len < ST_ERROR_MAX);
	assert_true(len > ST_ERROR_MAX - 20); /* the room is used, not wasted */
	assert_int_equal(strncmp(err.message, "database /ddd", 13), 0);
	assert_non_null(strstr(err.message, "..."));
	const char *reason = " not found; create it with `sentrack init`";
	assert_string_equal(err.message + len - strlen(reason), reason);

	/* the cut never splits a UTF-8 character */
	char wide[3000] = "";
	for (int i = 0; i < 900; i++)
		strcat(wide, "\xc3\xa9"); /* é */
	st_error_set(&err, ST_EINVAL, "--surname %s: too long", wide);
	len = strlen(err.message);
	assert_string_equal(err.message + len - 10, ": too long");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)err.message[i];
		if (c == 0xc3)
			assert_int_equal((unsigned char)err.message[i + 1], 0xa9);
		else if (c == 0xa9)
			assert_int_equal((unsigned char)err.message[i - 1], 0xc3);
	}

	/* a message that fits is untouched */
	st_error_set(&err, ST_EINVAL, "--dob %s: not a calendar date", "2015-02-30");
	assert_string_equal(err.message, "--dob 2015-02-30: not a calendar date");
}

static char tmpdir[64];

static int make_tmpdir(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/sentrack-unit.XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static void open_failures_name_the_file(void **state)
{
	(void)state;
	char path[128];
	st_db *db = NULL;
	st_error err;
	/* a directory: said as such, not "disk I/O error" */
	snprintf(path, sizeof path, "%s/dir.db", tmpdir);
	assert_int_equal(mkdir(path, 0700), 0);
	assert_error(st_db_open(&db, path, ST_OPEN_READONLY, &err), err, ST_ENODB, path);
	assert_non_null(strstr(err.message, "is a directory"));
	assert_error(st_db_open(&db, path, ST_OPEN_READWRITE, &err), err, ST_ENODB,
		     "is a directory");
	/* a file that is not a database */
	snprintf(path, sizeof path, "%s/notes.txt", tmpdir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 200; i++)
		fputs("not a database, just some notes about a pupil\n", f);
	fclose(f);
	assert_error(st_db_open(&db, path, ST_OPEN_READONLY, &err), err, ST_ESCHEMA, path);
	assert_non_null(strstr(err.message, "not a database"));
	assert_null(db);
}

static int counter(const st_pupil *p, void *payload)
{
	(void)p;
	(*(int *)payload)++;
	return 0;
}

static int pupils(st_db *db)
{
	int n = 0;
	st_error err;
	assert_ok(st_pupil_list(db, NULL, counter, &n, &err), err);
	return n;
}

static void a_read_transaction_is_one_snapshot(void **state)
{
	(void)state;
	char path[128];
	snprintf(path, sizeof path, "%s/snap.db", tmpdir);
	st_db *writer = NULL, *reader = NULL;
	st_error err;
	assert_ok(st_db_open(&writer, path, ST_OPEN_CREATE, &err), err);
	st_db_set_today(writer, D("2026-11-25"));
	test_pupil(writer, "Amir", "Khan", "4");
	assert_ok(st_db_open(&reader, path, ST_OPEN_READONLY, &err), err);

	assert_ok(st_db_begin_read(reader, &err), err);
	assert_int_equal(pupils(reader), 1);
	test_pupil(writer, "Ria", "Patel", "5"); /* committed meanwhile */
	assert_int_equal(pupils(reader), 1);     /* not seen inside the snapshot */
	st_db_rollback(reader);
	assert_int_equal(pupils(reader), 2);     /* seen once it ends */

	/* without one, each query sees the latest commit: the test above
	 * proves something */
	test_pupil(writer, "Tobi", "Okafor", "6");
	assert_int_equal(pupils(reader), 3);
	/* a read transaction cannot nest inside a transaction */
	assert_ok(st_db_begin_read(reader, &err), err);
	assert_error(st_db_begin_read(reader, &err), err, ST_EINTERNAL, "inside a transaction");
	st_db_rollback(reader);
	st_db_free(reader);
	st_db_free(writer);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_stopped_list_says_why),
		cmocka_unit_test(a_callbacks_own_message_is_kept),
		cmocka_unit_test(long_messages_keep_their_reason),
		cmocka_unit_test(open_failures_name_the_file),
		cmocka_unit_test(a_read_transaction_is_one_snapshot),
	};
	return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
