/* test_config.c - settings: types, ranges, defaults, normal forms. */
#include <string.h>
#include "support.h"

static void defaults_and_round_trip(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	long v = 0;
	assert_ok(st_config_int(db, "review-max-weeks", &v, &err), err);
	assert_int_equal(v, 16);
	int64_t pence = 0;
	assert_ok(st_config_pence(db, "sen-support-threshold", &pence, &err), err);
	assert_int_equal(pence, 600000);
	int m, d;
	assert_ok(st_config_monthday(db, "term.summer.end", &m, &d, &err), err);
	assert_int_equal(m, 7);
	assert_int_equal(d, 22);
	assert_ok(st_config_set(db, "sen-support-threshold", "£6500.5", &err), err);
	char buf[64];
	assert_ok(st_config_get(db, "sen-support-threshold", buf, sizeof buf, &err), err);
	assert_string_equal(buf, "6500.50");
	assert_ok(st_config_set(db, "term.spring.start", "02-29", &err), err);
	assert_ok(st_config_set(db, "gap-max-days", "0", &err), err);
	assert_ok(st_config_int(db, "gap-max-days", &v, &err), err);
	assert_int_equal(v, 0);
	assert_ok(st_config_unset(db, "gap-max-days", &err), err);
	assert_ok(st_config_int(db, "gap-max-days", &v, &err), err);
	assert_int_equal(v, 14);
	st_db_free(db);
}

static void refuses_out_of_range(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	assert_error(st_config_set(db, "due-window-days", "0", &err), err, ST_EINVAL,
		     "due-window-days 0: must be a whole number from 1 to 365");
	assert_error(st_config_set(db, "due-window-days", "366", &err), err, ST_EINVAL, "1 to 365");
	assert_error(st_config_set(db, "due-window-days", "7x", &err), err, ST_EINVAL, "whole number");
	assert_error(st_config_set(db, "due-window-days", "", &err), err, ST_EINVAL, "whole number");
	assert_error(st_config_set(db, "school-weeks", "99999999999999999999", &err), err,
		     ST_EINVAL, "1 to 52");
	assert_error(st_config_set(db, "term.autumn.start", "9-1", &err), err, ST_EINVAL,
		     "must be a month and day as MM-DD");
	assert_error(st_config_set(db, "term.autumn.start", "02-30", &err), err, ST_EINVAL,
		     "not a day of the year");
	assert_error(st_config_set(db, "term.autumn.start", "13-01", &err), err, ST_EINVAL,
		     "not a day of the year");
	assert_error(st_config_set(db, "sen-support-threshold", "-1", &err), err, ST_EINVAL,
		     "not an amount in pounds");
	assert_error(st_config_set(db, "sen-support-threshold", "2000000", &err), err, ST_EINVAL,
		     "must be from 0.00 to 1000000.00");
	assert_error(st_config_set(db, "colour", "blue", &err), err, ST_EINVAL,
		     "KEY colour: not a setting (one of due-window-days");
	char buf[8];
	assert_error(st_config_get(db, "nope", buf, sizeof buf, &err), err, ST_EINVAL, "not a setting");
	st_db_free(db);
}

struct listing {
	int n, changed;
};

static int count(const st_config_item *item, void *payload)
{
	struct listing *l = payload;
	l->n++;
	l->changed += !item->is_default;
	return 0;
}

static void list_marks_changed_values(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	struct listing l = {0, 0};
	assert_ok(st_config_list(db, count, &l, &err), err);
	/* every setting listed (issue 6 began with 17; later issues add more) */
	assert_true(l.n >= 17);
	assert_int_equal(l.changed, 0);
	assert_ok(st_config_set(db, "school-weeks", "39", &err), err);
	assert_ok(st_config_set(db, "assess-max-days", "28", &err), err); /* the default again */
	l = (struct listing){0, 0};
	assert_ok(st_config_list(db, count, &l, &err), err);
	assert_int_equal(l.changed, 1);
	/* text settings for the documents: one line, checked like any text */
	char buf[ST_CONFIG_VALUE_MAX];
	assert_ok(st_config_get(db, "school-name", buf, sizeof buf, &err), err);
	assert_string_equal(buf, "");
	assert_ok(st_config_set(db, "school-name", "St Mary's & St John's C of E Primary", &err), err);
	assert_ok(st_config_get(db, "school-name", buf, sizeof buf, &err), err);
	assert_string_equal(buf, "St Mary's & St John's C of E Primary");
	assert_error(st_config_set(db, "senco-name", "Ms\nPatel", &err), err, ST_EINVAL,
		     "senco-name");
	assert_ok(st_config_set(db, "notional-sen-budget", "85000", &err), err);
	assert_ok(st_config_get(db, "notional-sen-budget", buf, sizeof buf, &err), err);
	assert_string_equal(buf, "85000.00");
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(defaults_and_round_trip),
		cmocka_unit_test(refuses_out_of_range),
		cmocka_unit_test(list_marks_changed_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
