/* test_locator.c - which backend a database locator names, and that the
 * file backend refuses a PostgreSQL locator without touching anything. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "support.h"

static st_backend backend_of(const char *locator)
{
	st_backend b = 99;
	st_error err;
	assert_ok(st_db_locator_backend(locator, &b, &err), err);
	return b;
}

static void paths_are_files(void **state)
{
	(void)state;
	const char *paths[] = {"sentrack.db", "/var/lib/sentrack/school.db", "./service=trust",
			       "postgresql:/not-a-uri", "postgresql", "my school.db",
			       "Service=trust", "school=1.db", "hosts=x", "host", "C:host=x",
			       "postgresqlx://h", " /tmp/a.db"};
	for (size_t i = 0; i < sizeof paths / sizeof *paths; i++)
		assert_int_equal(backend_of(paths[i]), ST_BACKEND_FILE);
}

static void uris_and_keyword_strings_are_postgresql(void **state)
{
	(void)state;
	const char *pg[] = {"postgresql://", "postgres://trust@db.example/trust",
			    "postgresql:///trust?host=/run/postgresql", "service=trust",
			    "host=/tmp/pg dbname=trust user=senco_a",
			    "  host = db.example  dbname=trust sslmode=verify-full",
			    "dbname='my trust' application_name='it\\'s'", "sslmode=verify-full"};
	for (size_t i = 0; i < sizeof pg / sizeof *pg; i++)
		assert_int_equal(backend_of(pg[i]), ST_BACKEND_POSTGRESQL);
}

static void refuses_malformed_locators(void **state)
{
	(void)state;
	st_backend b;
	st_error err;
	assert_error(st_db_locator_backend("", &b, &err), err, ST_EINVAL, "database locator: empty");
	assert_error(st_db_locator_backend(NULL, &b, &err), err, ST_EINVAL, "empty");
	assert_error(st_db_locator_backend("host=x dbname", &b, &err), err, ST_EINVAL,
		     "dbname needs '=' and a value");
	assert_error(st_db_locator_backend("host=x colour=blue", &b, &err), err, ST_EINVAL,
		     "'colour' is not a libpq connection keyword");
	assert_error(st_db_locator_backend("service='trust", &b, &err), err, ST_EINVAL,
		     "a quoted value is not closed");
}

/* Every command opens through st_db_open: a PostgreSQL locator goes to the
 * PostgreSQL store (here: no such server, 66), never a file named like it;
 * and a trust database is not created by `init`. */
static void postgresql_locators_never_make_files(void **state)
{
	(void)state;
	char dir[] = "/tmp/sentrack-locator.XXXXXX";
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chdir(dir), 0);
	st_db *db = NULL;
	st_error err;
	assert_error(st_db_open(&db, "service=trust", ST_OPEN_CREATE, &err), err, ST_EUSAGE,
		     "made by its admin's `sentrack trust init`");
	assert_null(db);
	assert_int_equal(st_db_open(&db, "service=no_such_service_here", ST_OPEN_READONLY, &err),
			 ST_ENODB);
	assert_int_equal(st_exit_status(err.code), 66);
	assert_null(db);
	assert_int_equal(st_db_open(&db, "postgresql://u:secret@/trust?host=/nonexistent",
				    ST_OPEN_READONLY, &err), ST_ENODB);
	assert_null(strstr(err.message, "secret")); /* a URI may carry a password */
	assert_error(st_db_open(&db, "service=trust", ST_OPEN_CREATE | ST_OPEN_NO_WAL, &err), err,
		     ST_EUSAGE, "--no-wal: a journal option of database files");
	assert_int_equal(access("service=trust", F_OK), -1);
	assert_int_equal(rmdir(dir), 0); /* nothing was created in it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(paths_are_files),
		cmocka_unit_test(uris_and_keyword_strings_are_postgresql),
		cmocka_unit_test(refuses_malformed_locators),
		cmocka_unit_test(postgresql_locators_never_make_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
