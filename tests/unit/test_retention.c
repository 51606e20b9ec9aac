/* test_retention.c - the records rule for SEN files behind `purge`: kept
 * until date of birth + retention-years (default 31), at its boundaries,
 * and st_purge_retention erasing only leavers past it. */
#include <string.h>
#include "support.h"

static void ends_the_day_after_dob_plus_years(void **state)
{
	(void)state;
	/* born 1995-11-30: kept until 2026-11-30, erased from 2026-12-01 */
	assert_int_equal(st_retention_ended(D("1995-11-30"), 31, D("2026-11-30")), 0);
	assert_int_equal(st_retention_ended(D("1995-11-30"), 31, D("2026-12-01")), 1);
	/* born on 29 February: kept until 28 February */
	assert_int_equal(st_retention_ended(D("1996-02-29"), 31, D("2027-02-28")), 0);
	assert_int_equal(st_retention_ended(D("1996-02-29"), 31, D("2027-03-01")), 1);
	assert_int_equal(st_retention_ended(D("1996-02-29"), 32, D("2028-02-29")), 0);
	assert_int_equal(st_retention_ended(D("1996-02-29"), 32, D("2028-03-01")), 1);
	assert_int_equal(st_retention_ended(ST_DATE_NONE, 31, D("2028-03-01")), 0);
}

static int64_t leaver(st_db *db, const char *surname, const char *dob, int left)
{
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.forename = "Lee";
	f.surname = surname;
	f.year = "6";
	f.dob = D(dob);
	int64_t id;
	st_error err;
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	if (left)
		assert_ok(st_pupil_leave(db, id, D("2008-07-20"), &err), err);
	return id;
}

static void purges_leavers_past_it(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-30");
	st_error err;
	leaver(db, "Past", "1995-11-29", 1);
	int64_t kept = leaver(db, "Today", "1995-11-30", 1);
	int64_t stays = leaver(db, "OnRoll", "1995-01-01", 0); /* never left: not erased */
	int count;
	long years;
	assert_ok(st_purge_retention(db, 1, NULL, NULL, &count, &years, &err), err);
	assert_int_equal(count, 1);
	assert_int_equal(years, 31);
	assert_int_equal(test_count_pupils(db), 3); /* dry run */
	assert_ok(st_purge_retention(db, 0, NULL, NULL, &count, &years, &err), err);
	assert_int_equal(count, 1);
	assert_int_equal(test_count_pupils(db), 2);
	st_pupil *p;
	assert_ok(st_pupil_get(db, kept, &p, &err), err);
	st_pupil_free(p);
	assert_ok(st_pupil_get(db, stays, &p, &err), err);
	st_pupil_free(p);
	/* a longer setting keeps everyone */
	assert_ok(st_config_set(db, "retention-years", "35", &err), err);
	st_db_set_today(db, D("2027-01-01"));
	assert_ok(st_purge_retention(db, 0, NULL, NULL, &count, &years, &err), err);
	assert_int_equal(count, 0);
	assert_int_equal(years, 35);
	assert_error(st_config_set(db, "retention-years", "24", &err), err, ST_EINVAL,
		     "retention-years 24: must be a whole number from 25 to 100");
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ends_the_day_after_dob_plus_years),
		cmocka_unit_test(purges_leavers_past_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
