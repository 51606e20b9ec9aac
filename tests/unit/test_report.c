/* test_report.c - the figures of the provision map and the governors'
 * summary, against examples worked by hand. */
#include <stdlib.h>
#include <string.h>
#include "support.h"

static st_provision row(int64_t pupil, const char *surname, const char *year, const char *name,
			int sessions, int minutes, int group, int64_t hourly)
{
	st_provision p = {.pupil_id = pupil, .name = name, .staff_role = "TA",
			  .sessions_per_week = sessions, .minutes = minutes, .group_size = group,
			  .hourly_cost_pence = hourly, .start = ST_DATE_NONE, .end = ST_DATE_NONE,
			  .surname = surname, .forename = "Pat", .year = year};
	return p;
}

/* The issue's example: three pupils share one TA for 30 minutes at
 * £18.00 an hour: the session costs 0.5 h x £18 = £9.00 a week, counted
 * once, and each pupil's place £9.00 / 3 = £3.00. Over 38 weeks: £342.00
 * and £114.00. */
static void group_of_three_counts_once(void **state)
{
	(void)state;
	st_provision rows[] = {row(1, "Ali", "4", "Phonics", 1, 30, 3, 1800),
			       row(2, "Brown", "4", "Phonics", 1, 30, 3, 1800),
			       row(3, "Cole", "5", "Phonics", 1, 30, 3, 1800)};
	st_provision_map *m = NULL;
	st_error err;
	assert_ok(st_provision_map_from(rows, 3, 38, &m, &err), err);
	assert_int_equal(m->nrows, 1);
	assert_int_equal(m->rows[0].npupils, 3);
	assert_int_equal(m->rows[0].weekly_pence, 900);
	assert_int_equal(m->rows[0].pupil_weekly_pence, 300);
	assert_int_equal(m->rows[0].annual_pence, 34200);
	assert_int_equal(m->rows[0].pupil_annual_pence, 11400);
	assert_int_equal(m->weekly_pence, 900);
	assert_int_equal(m->annual_pence, 34200);
	assert_int_equal(m->npupils, 3);
	/* year totals are the pupils' places: two in Y4, one in Y5 */
	assert_int_equal(m->nyears, 2);
	assert_string_equal(m->years[0].year, "4");
	assert_int_equal(m->years[0].weekly_pence, 600);
	assert_int_equal(m->years[0].npupils, 2);
	assert_string_equal(m->years[1].year, "5");
	assert_int_equal(m->years[1].annual_pence, 11400);
	assert_int_equal(m->places_annual_pence, 34200);
	st_provision_map_free(m);
}

/* Three sessions of 30 minutes a week: 1.5 h x £18 = £27.00, £9.00 a
 * pupil. Five pupils in groups of three fill two sessions (3 + 2): the
 * school pays for both sessions (£54.00) but the places taken cost 5 x £9. */
static void more_pupils_than_places_fill_sessions(void **state)
{
	(void)state;
	st_provision rows[5];
	const char *names[] = {"Eve", "Ali", "Dee", "Bo", "Cy"};
	for (int i = 0; i < 5; i++)
		rows[i] = row(i + 1, names[i], "3", "Reading group", 3, 30, 3, 1800);
	st_provision_map *m = NULL;
	st_error err;
	assert_ok(st_provision_map_from(rows, 5, 38, &m, &err), err);
	assert_int_equal(m->nrows, 2);
	assert_int_equal(m->rows[0].npupils, 3);
	assert_int_equal(m->rows[1].npupils, 2);
	assert_int_equal(m->rows[0].weekly_pence, 2700);
	assert_int_equal(m->rows[0].pupil_weekly_pence, 900);
	assert_string_equal(m->rows[0].pupils[0].name, "Pat Ali"); /* name order */
	assert_string_equal(m->rows[1].pupils[1].name, "Pat Eve");
	assert_int_equal(m->weekly_pence, 5400);
	assert_int_equal(m->years[0].weekly_pence, 4500);
	st_provision_map_free(m);
}

/* One-to-one provision is one row per pupil; different hourly costs are
 * different interventions; a pupil in two interventions counts once. */
static void one_to_one_and_distinct_pupils(void **state)
{
	(void)state;
	st_provision rows[] = {row(1, "Ali", "R", "Precision teaching", 3, 20, 1, 1550),
			       row(2, "Bo", "R", "Precision teaching", 3, 20, 1, 1550),
			       row(2, "Bo", "R", "Precision teaching", 3, 20, 1, 1600),
			       row(1, "Ali", "R", "Lego therapy", 1, 45, 3, 1400)};
	st_provision_map *m = NULL;
	st_error err;
	assert_ok(st_provision_map_from(rows, 4, 38, &m, &err), err);
	assert_int_equal(m->nrows, 4);
	assert_int_equal(m->npupils, 2);
	assert_int_equal(m->years[0].npupils, 2);
	/* £15.50 + £15.50 + £16.00 + (0.75 h x £14 = £10.50) */
	assert_int_equal(m->weekly_pence, 1550 + 1550 + 1600 + 1050);
	/* places: the same three one-to-ones + a third of £10.50 = 350p */
	assert_int_equal(m->years[0].weekly_pence, 1550 + 1550 + 1600 + 350);
	st_provision_map_free(m);
}

static void an_empty_map(void **state)
{
	(void)state;
	st_provision_map *m = NULL;
	st_error err;
	assert_ok(st_provision_map_from(NULL, 0, 38, &m, &err), err);
	assert_int_equal(m->nrows, 0);
	assert_int_equal(m->annual_pence, 0);
	st_provision_map_free(m);
}

static void small_numbers_are_suppressed(void **state)
{
	(void)state;
	char buf[16];
	assert_string_equal(st_suppress(0, 5, buf, sizeof buf), "0");
	assert_string_equal(st_suppress(1, 5, buf, sizeof buf), "<5");
	assert_string_equal(st_suppress(4, 5, buf, sizeof buf), "<5");
	assert_string_equal(st_suppress(5, 5, buf, sizeof buf), "5");
	assert_string_equal(st_suppress(1, 1, buf, sizeof buf), "1"); /* 1: show everything */
	assert_string_equal(st_suppress(9, 10, buf, sizeof buf), "<10");
}

static void academic_years(void **state)
{
	(void)state;
	int y = 0;
	st_error err;
	assert_ok(st_academic_year_parse("--academic-year", "2025-26", &y, &err), err);
	assert_int_equal(y, 2025);
	assert_ok(st_academic_year_parse("--academic-year", "2099-00", &y, &err), err);
	assert_int_equal(y, 2099);
	const char *bad[] = {"2025-27", "2025/26", "2025-2026", "25-26", "2025-26x", "", "abcd-ef"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_error(st_academic_year_parse("--academic-year", bad[i], &y, &err), err,
			     ST_EINVAL, "not an academic year");
}

/* £15.50 a week x 38 weeks = £589.00 a year; from 1 September to 28
 * February is 181 of the year's 365 days: 58900 x 181 / 365 = 29207.9p,
 * £292.08. Provision outside the year costs nothing in it. */
static void cost_within_a_year_is_prorated(void **state)
{
	(void)state;
	st_provision p = row(1, "Ali", "4", "Precision teaching", 3, 20, 1, 1550);
	st_date from = D("2025-09-01"), to = D("2026-08-31");
	p.start = D("2025-09-01");
	p.end = D("2026-02-28");
	assert_int_equal(st_provision_cost_within(&p, 38, from, to), 29208);
	p.start = D("2024-01-01");
	p.end = ST_DATE_NONE;
	assert_int_equal(st_provision_cost_within(&p, 38, from, to), 58900);
	p.end = D("2025-08-31");
	assert_int_equal(st_provision_cost_within(&p, 38, from, to), 0);
}

/* A small school, worked by hand: three pupils placed at K in 2025-26,
 * one moved to N; one review held late, one on time; counts below 5 are
 * suppressed in the document but exact in the figures. */
static void summary_of_a_small_school(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-30");
	st_error err;
	int64_t a = test_pupil(db, "Ann", "Ash", "3"), b = test_pupil(db, "Ben", "Birch", "3"),
		c = test_pupil(db, "Cal", "Cedar", "4");
	assert_ok(st_register_add(db, a, 'K', D("2025-09-10"), D("2025-09-11"), ST_DATE_NONE, NULL,
				  &err), err);
	assert_ok(st_register_add(db, b, 'K', D("2025-10-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	assert_ok(st_register_add(db, c, 'K', D("2024-05-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	assert_ok(st_register_remove(db, c, D("2026-03-01"), "progress", NULL, &err), err);
	assert_ok(st_meeting_add(db, a, D("2025-10-01"), ST_WHO_PARENTS, "other", NULL, NULL, &err),
		  err);
	assert_ok(st_meeting_add(db, b, D("2026-10-01") - 30, ST_WHO_SENCO, "other", NULL, NULL,
				 &err), err);
	st_summary *s = NULL;
	assert_ok(st_summary_build(db, 2025, &s, &err), err);
	assert_int_equal(s->as_of, D("2026-08-31"));
	assert_int_equal(s->k, 2); /* Ann and Ben; Cal left the register */
	assert_int_equal(s->e, 0);
	assert_int_equal(s->nyears, 1);
	assert_string_equal(s->by_year[0].label, "3");
	assert_int_equal(s->by_year[0].k, 2);
	assert_int_equal(s->entries, 2);
	assert_int_equal(s->exits, 1);
	assert_int_equal(s->pupils_supported, 3);
	assert_int_equal(s->parent_meetings, 1); /* the other was without parents */
	assert_int_equal(s->suppress_below, 5);
	st_summary_free(s);
	/* a year that has not started */
	assert_error(st_summary_build(db, 2026 + 1, &s, &err), err, ST_EINVAL, "has not started");
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(group_of_three_counts_once),
		cmocka_unit_test(more_pupils_than_places_fill_sessions),
		cmocka_unit_test(one_to_one_and_distinct_pupils),
		cmocka_unit_test(an_empty_map),
		cmocka_unit_test(small_numbers_are_suppressed),
		cmocka_unit_test(academic_years),
		cmocka_unit_test(cost_within_a_year_is_prorated),
		cmocka_unit_test(summary_of_a_small_school),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
