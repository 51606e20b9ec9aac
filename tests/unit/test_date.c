/* test_date.c - strict ISO 8601 date parsing and day arithmetic. */
#include <string.h>
#include "support.h"

static void parses_valid_dates(void **state)
{
	(void)state;
	st_date d;
	st_error err;
	char buf[ST_DATE_BUFSZ];
	assert_ok(st_date_parse("--dob", "2028-02-29", &d, &err), err);
	assert_string_equal(st_date_format(d, buf), "2028-02-29");
	assert_ok(st_date_parse("--dob", "2000-02-29", &d, &err), err);
	assert_ok(st_date_parse("--dob", "1970-01-01", &d, &err), err);
	assert_int_equal(d, 0);
	assert_ok(st_date_parse("--dob", "2026-12-31", &d, &err), err);
	assert_string_equal(st_date_format(d, buf), "2026-12-31");
}

static void refuses_impossible_dates(void **state)
{
	(void)state;
	st_date d = 7;
	st_error err;
	assert_error(st_date_parse("--review-date", "2026-02-30", &d, &err), err, ST_EINVAL,
		     "--review-date 2026-02-30: not a calendar date");
	assert_int_equal(d, 7); /* untouched on failure */
	assert_error(st_date_parse("--dob", "2026-02-29", &d, &err), err, ST_EINVAL,
		     "not a calendar date");
	assert_error(st_date_parse("--dob", "1900-02-29", &d, &err), err, ST_EINVAL,
		     "not a calendar date");
	assert_error(st_date_parse("--dob", "2026-13-01", &d, &err), err, ST_EINVAL,
		     "not a calendar date");
	assert_error(st_date_parse("--dob", "2026-04-31", &d, &err), err, ST_EINVAL,
		     "not a calendar date");
	assert_error(st_date_parse("--dob", "2026-00-10", &d, &err), err, ST_EINVAL,
		     "not a calendar date");
}

static void refuses_wrong_shapes(void **state)
{
	(void)state;
	st_date d;
	st_error err;
	const char *bad[] = {"20260101", "2026-1-01", "2026-01-1", "26-01-01", "2026/01/01",
			     "2026-01-01 ", " 2026-01-01", "2026-01-01T00:00", "abcd-ef-gh",
			     "01/02/2026", "2026-0a-01", "-2026-01-01"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_error(st_date_parse("--date", bad[i], &d, &err), err, ST_EINVAL,
			     "not a date in the form YYYY-MM-DD");
	assert_error(st_date_parse("--date", "", &d, &err), err, ST_EINVAL, "missing date");
	assert_error(st_date_parse("--date", NULL, &d, &err), err, ST_EINVAL, "missing date");
	assert_error(st_date_parse("--date", "1899-12-31", &d, &err), err, ST_EINVAL,
		     "year must be between");
	assert_error(st_date_parse("--date", "3000-01-01", &d, &err), err, ST_EINVAL,
		     "year must be between");
}

static void day_arithmetic_round_trips(void **state)
{
	(void)state;
	st_date a, b;
	st_error err;
	assert_ok(st_date_parse("a", "2028-02-28", &a, &err), err);
	assert_ok(st_date_parse("b", "2028-03-01", &b, &err), err);
	assert_int_equal(b - a, 2); /* leap day between */
	assert_ok(st_date_parse("a", "2026-02-28", &a, &err), err);
	assert_ok(st_date_parse("b", "2026-03-01", &b, &err), err);
	assert_int_equal(b - a, 1);
	/* every day from 1900 to 2999 formats back to what parses to it */
	st_date first, last;
	assert_ok(st_date_parse("a", "1900-01-01", &first, &err), err);
	assert_ok(st_date_parse("b", "2999-12-31", &last, &err), err);
	char buf[ST_DATE_BUFSZ];
	for (st_date d = first; d <= last; d++) {
		st_date back;
		if (st_date_parse("x", st_date_format(d, buf), &back, &err) != ST_OK || back != d)
			fail_msg("day %d: %s did not round-trip", d, buf);
	}
	assert_true(st_date_is_leap(2000));
	assert_false(st_date_is_leap(1900));
	assert_true(st_date_is_leap(2028));
	assert_false(st_date_is_leap(2026));
}

static void formats_none_as_empty(void **state)
{
	(void)state;
	char buf[ST_DATE_BUFSZ] = "x";
	assert_string_equal(st_date_format(ST_DATE_NONE, buf), "");
}

/* Dates as people type them (issue 16): one parser for the command line. */
static void parses_what_people_type(void **state)
{
	(void)state;
	st_date today, d;
	st_error err;
	char buf[ST_DATE_BUFSZ];
	assert_ok(st_date_parse("t", "2026-11-25", &today, &err), err);
	assert_ok(st_date_parse_input("--date", "31/12/2026", today, &d, &err), err);
	assert_string_equal(st_date_format(d, buf), "2026-12-31");
	assert_ok(st_date_parse_input("--date", "1/9/2026", today, &d, &err), err);
	assert_string_equal(st_date_format(d, buf), "2026-09-01");
	assert_ok(st_date_parse_input("--date", "Yesterday", today, &d, &err), err);
	assert_string_equal(st_date_format(d, buf), "2026-11-24");
	assert_ok(st_date_parse_input("--date", "tomorrow", today, &d, &err), err);
	assert_string_equal(st_date_format(d, buf), "2026-11-26");
	assert_ok(st_date_parse_input("--date", "TODAY", today, &d, &err), err);
	assert_int_equal(d, today);
	assert_ok(st_date_parse_input("--date", "2028-02-29", today, &d, &err), err);
	assert_error(st_date_parse_input("--date", "31/11/2026", today, &d, &err), err, ST_EINVAL,
		     "--date 31/11/2026: not a calendar date");
	assert_error(st_date_parse_input("--date", "2026-11-31", today, &d, &err), err, ST_EINVAL,
		     "--date 2026-11-31: not a calendar date");
	assert_error(st_date_parse_input("--date", "29/02/2027", today, &d, &err), err, ST_EINVAL,
		     "not a calendar date");
	assert_error(st_date_parse_input("--date", "12/2026", today, &d, &err), err, ST_EINVAL,
		     "not a date in the form YYYY-MM-DD (or DD/MM/YYYY");
	assert_error(st_date_parse_input("--date", "1/1/26", today, &d, &err), err, ST_EINVAL,
		     "not a date in the form");
	assert_error(st_date_parse_input("--date", "01/01/1800", today, &d, &err), err, ST_EINVAL,
		     "year must be between 1900 and 2999");
	assert_error(st_date_parse_input("--date", "next week", today, &d, &err), err, ST_EINVAL,
		     "--date next week: not a date");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_valid_dates),
		cmocka_unit_test(refuses_impossible_dates),
		cmocka_unit_test(refuses_wrong_shapes),
		cmocka_unit_test(day_arithmetic_round_trips),
		cmocka_unit_test(formats_none_as_empty),
		cmocka_unit_test(parses_what_people_type),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
