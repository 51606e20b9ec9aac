/* support.c - helpers for the cmocka unit tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "support.h"

st_date D(const char *text)
{
	st_date d = 0;
	st_error err;
	if (st_date_parse("test", text, &d, &err) != ST_OK)
		fail_msg("bad date literal %s: %s", text, err.message);
	return d;
}

/* SENTRACK_TEST_BACKEND=postgresql (ctest's unit-pg/ tests): each test
 * database is a new PostgreSQL database copied from the template trust
 * tests/unit/pg_cluster.sh made (schema, reference data, school 100001
 * granted to the role unit_senco), so every test starts empty with ids
 * from 1, as an in-memory file does; it is opened as unit_senco, whose
 * only school is the default. SENTRACK_TEST_PG_HOST: the cluster's socket
 * directory. The copies go with the cluster. */
static st_db *open_trust_copy(void)
{
	static unsigned copies; /* this test program's; names are per process */
	const char *host = getenv("SENTRACK_TEST_PG_HOST");
	if (!host)
		fail_msg("SENTRACK_TEST_PG_HOST: not set (run through ctest's unit-pg/ tests)");
	char name[64], cmd[512], locator[256];
	snprintf(name, sizeof name, "unit_%ld_%u", (long)getpid(), ++copies);
	snprintf(cmd, sizeof cmd, "psql -X -q -v ON_ERROR_STOP=1 'host=%s dbname=postgres "
		 "user=trust_admin' -c 'CREATE DATABASE %s TEMPLATE trust' >/dev/null", host, name);
	if (system(cmd) != 0)
		fail_msg("creating the test database %s", name);
	snprintf(locator, sizeof locator, "host=%s dbname=%s user=unit_senco", host, name);
	st_db *db = NULL;
	st_error err;
	if (st_db_open(&db, locator, ST_OPEN_READWRITE, &err) != ST_OK)
		fail_msg("open %s as unit_senco: %s", name, err.message);
	return db;
}

int test_on_pg(void)
{
	const char *backend = getenv("SENTRACK_TEST_BACKEND");
	return backend && strcmp(backend, "postgresql") == 0;
}

static st_db *open_test_db(void)
{
	if (test_on_pg())
		return open_trust_copy();
	st_db *db = NULL;
	st_error err;
	if (st_db_open(&db, NULL, ST_OPEN_MEMORY, &err) != ST_OK)
		fail_msg("open: %s", err.message);
	return db;
}

st_db *test_db(const char *today)
{
	st_db *db = open_test_db();
	st_error err;
	st_db_set_today(db, D(today));
	st_db_set_user(db, "tester", &err);
	st_db_set_command(db, "unit test", &err);
	return db;
}

int64_t test_pupil(st_db *db, const char *forename, const char *surname, const char *year)
{
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.forename = forename;
	f.surname = surname;
	f.year = year;
	f.dob = D("2016-05-01");
	int64_t id = 0;
	st_error err;
	if (st_pupil_add(db, &f, &id, &err) != ST_OK)
		fail_msg("add pupil: %s", err.message);
	return id;
}

static int count_one(const st_pupil *p, void *payload)
{
	(void)p;
	++*(int *)payload;
	return 0;
}

int test_count_pupils(st_db *db)
{
	int n = 0;
	st_pupil_filter all = {.include_left = 1};
	st_error err;
	if (st_pupil_list(db, &all, count_one, &n, &err) != ST_OK)
		fail_msg("list pupils: %s", err.message);
	return n;
}

void test_on(st_db *db, const char *day)
{
	st_db_set_today(db, D(day));
}

char *test_rule_lines(st_db *db, st_rule rule, int64_t pupil)
{
	st_check_filter f = {1u << rule, -1, NULL, pupil};
	st_finding *found;
	size_t n, used = 0;
	st_error err;
	assert_ok(st_check_run(db, &f, &found, &n, &err), err);
	size_t cap = 64 + n * 400;
	char *out = calloc(1, cap);
	assert_non_null(out);
	for (size_t i = 0; i < n; i++) {
		char d[ST_DATE_BUFSZ];
		assert_int_equal(found[i].rule, rule);
		used += (size_t)snprintf(out + used, cap - used, "%s%s %s %s", i ? "\n" : "",
					 st_severity_name(found[i].severity),
					 st_date_format(found[i].date, d), found[i].detail);
	}
	st_check_free(found, n);
	return out;
}
