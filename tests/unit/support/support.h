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

/* A fresh in-memory database with today fixed; free with st_db_free. */
st_db *test_db(const char *today);

/* Add a pupil with the given names and year; returns the id. */
int64_t test_pupil(st_db *db, const char *forename, const char *surname, const char *year);

/* How many pupils the database holds, leavers included. */
int test_count_pupils(st_db *db);

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
