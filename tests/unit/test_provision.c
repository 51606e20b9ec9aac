/* test_provision.c - derived costs, rounding, thresholds, meetings and
 * specialists. */
#include <string.h>
#include "support.h"

static void weekly_cost_rounds_to_the_penny(void **state)
{
	(void)state;
	/* 3 x 20 min x £15.50 / 1 = £15.50 */
	assert_int_equal(st_provision_weekly_pence(3, 20, 1, 1550), 1550);
	/* 2 x 30 min x £12.00 / 3 = £4.00 */
	assert_int_equal(st_provision_weekly_pence(2, 30, 3, 1200), 400);
	/* 1 x 45 min x £13.37 / 4 = 250.6875p -> 251p */
	assert_int_equal(st_provision_weekly_pence(1, 45, 4, 1337), 251);
	/* 1 x 1 min x 30p = 0.5p: halves round up */
	assert_int_equal(st_provision_weekly_pence(1, 1, 1, 30), 1);
	/* 1 x 1 min x 29p = 0.48p -> 0p */
	assert_int_equal(st_provision_weekly_pence(1, 1, 1, 29), 0);
	/* 5 x 60 min x £20.00 / 6 = £16.666... -> £16.67 */
	assert_int_equal(st_provision_weekly_pence(5, 60, 6, 2000), 1667);
	assert_int_equal(st_provision_weekly_pence(0, 60, 6, 2000), 0);
	/* the largest allowed values do not overflow */
	assert_int_equal(st_provision_weekly_pence(50, 600, 1, 100000000), 50000000000LL);
}

static int64_t add(st_db *db, int64_t pupil, int sessions, int minutes, int group,
		   int64_t hourly, const char *start, const char *end, st_error *err, int *rc)
{
	st_provision p = {.pupil_id = pupil, .name = "Speech group", .staff_role = "TA",
			  .sessions_per_week = sessions, .minutes = minutes, .group_size = group,
			  .hourly_cost_pence = hourly, .start = D(start),
			  .end = end ? D(end) : ST_DATE_NONE};
	int64_t id = 0;
	*rc = st_provision_add(db, &p, &id, err);
	return id;
}

struct costs {
	int64_t weekly, annual;
};

static int first_costs(const st_provision *p, void *payload)
{
	struct costs *c = payload;
	c->weekly = p->weekly_pence;
	c->annual = p->annual_pence;
	return 1; /* stop */
}

static void annual_cost_and_threshold(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-10");
	st_error err;
	int rc;
	int64_t pupil = test_pupil(db, "Zoë", "Brown", "4");
	add(db, pupil, 3, 20, 1, 1550, "2026-09-01", NULL, &err, &rc);
	assert_ok(rc, err);
	struct costs c = {0};
	assert_int_equal(st_provision_list(db, pupil, ST_DATE_NONE, first_costs, &c, &err), 1);
	assert_int_equal(c.weekly, 1550);
	assert_int_equal(c.annual, 1550 * 38);
	assert_ok(st_config_set(db, "school-weeks", "39", &err), err);
	assert_int_equal(st_provision_list(db, pupil, ST_DATE_NONE, first_costs, &c, &err), 1);
	assert_int_equal(c.annual, 1550 * 39);
	/* threshold: exactly at it is flagged */
	assert_ok(st_config_set(db, "sen-support-threshold", "604.50", &err), err);
	int64_t total;
	int over = 0;
	assert_ok(st_provision_annual_total(db, pupil, D("2026-09-10"), &total, &over, &err), err);
	assert_int_equal(total, 60450);
	assert_true(over);
	assert_ok(st_config_set(db, "sen-support-threshold", "604.51", &err), err);
	assert_ok(st_provision_annual_total(db, pupil, D("2026-09-10"), &total, &over, &err), err);
	assert_false(over);
	/* only provision active on the date counts */
	assert_ok(st_provision_annual_total(db, pupil, D("2026-08-31"), &total, &over, &err), err);
	assert_int_equal(total, 0);
	st_db_free(db);
}

static void refuses_bad_provision(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-10");
	st_error err;
	int rc;
	int64_t pupil = test_pupil(db, "Zoë", "Brown", "4");
	add(db, pupil, 0, 20, 1, 1550, "2026-09-01", NULL, &err, &rc);
	assert_error(rc, err, ST_EINVAL, "--sessions 0: must be between 1 and 50");
	add(db, pupil, 3, -5, 1, 1550, "2026-09-01", NULL, &err, &rc);
	assert_error(rc, err, ST_EINVAL, "--minutes -5: must be between 1 and 600");
	add(db, pupil, 3, 20, 0, 1550, "2026-09-01", NULL, &err, &rc);
	assert_error(rc, err, ST_EINVAL, "--group-size 0: must be between 1 and 60");
	add(db, pupil, 3, 20, 1, 1550, "2026-09-05", "2026-09-01", &err, &rc);
	assert_error(rc, err, ST_ERULE, "--end 2026-09-01: is before the start 2026-09-05");
	add(db, 99, 3, 20, 1, 1550, "2026-09-05", NULL, &err, &rc);
	assert_error(rc, err, ST_ENOTFOUND, "no such pupil");
	int64_t pence;
	assert_error(st_money_parse("--hourly-cost", "1e308", &pence, &err), err, ST_EINVAL,
		     "--hourly-cost 1e308: not an amount in pounds");
	assert_error(st_money_parse("--hourly-cost", "-5", &pence, &err), err, ST_EINVAL,
		     "not an amount in pounds");
	assert_error(st_money_parse("--hourly-cost", "12.345", &pence, &err), err, ST_EINVAL,
		     "at most two decimal places");
	assert_error(st_money_parse("--hourly-cost", "99999999999999999999", &pence, &err), err,
		     ST_EINVAL, "must be from 0.00 to 1000000.00 pounds");
	assert_ok(st_money_parse("--hourly-cost", "£12.5", &pence, &err), err);
	assert_int_equal(pence, 1250);
	/* thousands separators, as a SENCO writes a threshold (issue 16) */
	assert_ok(st_money_parse("--hourly-cost", "£6,000", &pence, &err), err);
	assert_int_equal(pence, 600000);
	assert_ok(st_money_parse("--hourly-cost", "123,456.78", &pence, &err), err);
	assert_int_equal(pence, 12345678);
	assert_error(st_money_parse("--hourly-cost", "6,00", &pence, &err), err, ST_EINVAL,
		     "--hourly-cost 6,00: commas must separate thousands");
	assert_error(st_money_parse("--hourly-cost", "1234,567", &pence, &err), err, ST_EINVAL,
		     "commas must separate thousands");
	assert_error(st_money_parse("--hourly-cost", ",100", &pence, &err), err, ST_EINVAL,
		     "commas must separate thousands");
	assert_error(st_money_parse("--hourly-cost", "1,000.5,0", &pence, &err), err, ST_EINVAL,
		     "commas must separate thousands");
	int64_t id = add(db, pupil, 3, 20, 1, 1550, "2026-09-01", NULL, &err, &rc);
	assert_ok(rc, err);
	assert_error(st_provision_end(db, id, D("2026-08-31"), &err), err, ST_ERULE,
		     "is before the provision started");
	assert_error(st_provision_end(db, id, D("2026-09-11"), &err), err, ST_ERULE,
		     "is in the future");
	assert_ok(st_provision_end(db, id, D("2026-09-10"), &err), err);
	assert_error(st_provision_end(db, id, D("2026-09-10"), &err), err, ST_ERULE, "already ended");
	assert_error(st_provision_end(db, 999, D("2026-09-10"), &err), err, ST_ENOTFOUND,
		     "PROVISION_ID 999: no such provision");
	st_db_free(db);
}

struct seen {
	int n;
	unsigned with;
	int64_t cycle_id;
};

static int seen_meeting(const st_meeting *m, void *payload)
{
	struct seen *s = payload;
	s->n++;
	s->with = m->with;
	s->cycle_id = m->cycle_id;
	return 0;
}

static void meetings_and_specialists(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-10");
	st_error err;
	int64_t pupil = test_pupil(db, "Zoë", "Brown", "4"), id;
	unsigned with;
	assert_ok(st_who_parse("--with", "parents,class-teacher,senco", &with, &err), err);
	assert_int_equal(with, ST_WHO_PARENTS | ST_WHO_CLASS_TEACHER | ST_WHO_SENCO);
	char buf[80];
	assert_string_equal(st_who_format(with, buf, sizeof buf), "parents,class-teacher,senco");
	assert_error(st_who_parse("--with", "parents,teacher", &with, &err), err, ST_EINVAL,
		     "--with teacher: not a participant");
	assert_error(st_who_parse("--with", "", &with, &err), err, ST_EINVAL,
		     "name at least one participant");
	/* a later date books a planned meeting (issue 12), up to 10 years ahead */
	assert_error(st_meeting_add(db, pupil, D("2040-09-11"), ST_WHO_PARENTS, "other", NULL, &id,
				    &err), err, ST_ERULE, "--date 2040-09-11: is more than 10 years ahead");
	assert_error(st_meeting_add(db, pupil, D("2026-09-09"), ST_WHO_PARENTS, "chat", NULL, &id,
				    &err), err, ST_EINVAL, "--purpose chat: must be plan, review or other");
	assert_ok(st_meeting_add(db, pupil, D("2026-09-09"), ST_WHO_PARENTS | ST_WHO_PUPIL, "other",
				 "Coffee morning", &id, &err), err);
	struct seen s = {0};
	assert_ok(st_meeting_list(db, pupil, ST_DATE_NONE, seen_meeting, &s, &err), err);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.with, ST_WHO_PARENTS | ST_WHO_PUPIL);
	assert_int_equal(s.cycle_id, 0);
	assert_error(st_specialist_add(db, pupil, "Educational psychology", ST_DATE_NONE,
				       D("2026-09-09"), NULL, &id, &err), err, ST_EUSAGE,
		     "--consent-date: is required");
	assert_error(st_specialist_add(db, pupil, "Educational psychology", D("2026-09-09"),
				       D("2026-09-08"), NULL, &id, &err), err, ST_ERULE,
		     "is before the consent date");
	assert_ok(st_specialist_add(db, pupil, "Educational psychology", D("2026-09-01"),
				    D("2026-09-08"), "Assessment booked", &id, &err), err);
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(weekly_cost_rounds_to_the_penny),
		cmocka_unit_test(annual_cost_and_threshold),
		cmocka_unit_test(refuses_bad_provision),
		cmocka_unit_test(meetings_and_specialists),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
