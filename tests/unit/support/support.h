/* support.h - helpers for the cmocka unit tests. */
#ifndef SENTRACK_TEST_SUPPORT_H
#define SENTRACK_TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include "sentrack/sentrack.h"

/* A date from text; fails the test on a bad literal. */
st_date D(const char *text);

/* The tests run on a trust's PostgreSQL database (unit-pg/, pg_units.txt). */
int test_on_pg(void);

/* A fresh in-memory database with today fixed; free with st_db_free. */
st_db *test_db(const char *today);

/* Add a pupil with the given names and year; returns the id. */
int64_t test_pupil(st_db *db, const char *forename, const char *surname, const char *year);

/* How many pupils the database holds, leavers included. */
int test_count_pupils(st_db *db);

/* Set the database's today to a literal date. */
void test_on(st_db *db, const char *day);

/* The findings of one check rule for one pupil (0: every pupil) as
 * "severity date detail" lines, each asserted to be of that rule; free it. */
char *test_rule_lines(st_db *db, st_rule rule, int64_t pupil);

#define expect_lines(db, rule, pupil, want) \
	do { \
		char *got_ = test_rule_lines((db), (rule), (pupil)); \
		assert_string_equal(got_, (want)); \
		free(got_); \
	} while (0)

/* Assert that rc is code and that the message contains fragment. */
#define assert_error(rc, err, want_code, fragment) \
	do { \
		assert_int_equal((rc), (want_code)); \
		assert_int_equal((err).code, (want_code)); \
		if (!strstr((err).message, (fragment))) \
			fail_msg("message \"%s\" lacks \"%s\"", (err).message, (fragment)); \
	} while (0)

/* Assert rc == ST_OK, showing the message otherwise. */
#define assert_ok(rc, err) \
	do { \
		int rc_ = (rc); \
		if (rc_ != ST_OK) \
			fail_msg("expected ST_OK, got %d: %s", rc_, (err).message); \
	} while (0)

#endif
