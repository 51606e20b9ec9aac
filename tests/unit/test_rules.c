/* test_rules.c - the business rules that are written once, in C, and used
 * everywhere: the phase shown, due/overdue, "mostly not achieved", costs,
 * money, the display name, the leaver rule. Each is asserted here on
 * figures worked out by hand; no backend's SQL restates them (the store
 * returns raw columns, the model applies these per row). */
#include <string.h>
#include "support.h"

static void phase_is_review_from_the_review_date_in_the_do_phase(void **state)
{
	(void)state;
	st_date today = D("2026-11-25");
	assert_string_equal(st_cycle_phase_shown("do", D("2026-11-26"), today), "do");
	assert_string_equal(st_cycle_phase_shown("do", today, today), "review");
	assert_string_equal(st_cycle_phase_shown("do", D("2026-11-20"), today), "review");
	assert_string_equal(st_cycle_phase_shown("do", ST_DATE_NONE, today), "do");
	/* only the do phase turns into review: a plan past its date is still a plan */
	assert_string_equal(st_cycle_phase_shown("plan", D("2026-11-20"), today), "plan");
	assert_string_equal(st_cycle_phase_shown("assess", ST_DATE_NONE, today), "assess");
	assert_string_equal(st_cycle_phase_shown("closed", D("2026-05-01"), today), "closed");
	assert_null(st_cycle_phase_shown(NULL, ST_DATE_NONE, today));
}

static void due_status_overdue_due_within_the_window_scheduled(void **state)
{
	(void)state;
	st_date today = D("2026-11-25");
	assert_int_equal(st_due_status_on(ST_DATE_NONE, today, 14), ST_DUE_NO_DATE);
	assert_int_equal(st_due_status_on(D("2026-11-24"), today, 14), ST_DUE_OVERDUE);
	assert_int_equal(st_due_status_on(today, today, 14), ST_DUE_DUE);
	assert_int_equal(st_due_status_on(D("2026-12-09"), today, 14), ST_DUE_DUE);    /* +14 */
	assert_int_equal(st_due_status_on(D("2026-12-10"), today, 14), ST_DUE_SCHEDULED); /* +15 */
	assert_int_equal(st_due_status_on(D("2026-11-26"), today, 0), ST_DUE_SCHEDULED);
	/* far future dates never wrap round into due or overdue */
	assert_int_equal(st_due_status_on(D("2999-12-31"), D("1900-01-01"), 14), ST_DUE_SCHEDULED);
	assert_string_equal(st_due_status_name(ST_DUE_NO_DATE), "no-review-date");
	assert_string_equal(st_due_status_name(ST_DUE_OVERDUE), "overdue");
	assert_string_equal(st_due_status_name(ST_DUE_DUE), "due");
	assert_string_equal(st_due_status_name(ST_DUE_SCHEDULED), "scheduled");
}

static void mostly_not_achieved_is_more_than_half(void **state)
{
	(void)state;
	assert_false(st_outcomes_mostly_not_achieved(0, 0)); /* no outcomes: nothing to judge */
	assert_false(st_outcomes_mostly_not_achieved(1, 2)); /* half is not most */
	assert_true(st_outcomes_mostly_not_achieved(2, 3));
	assert_true(st_outcomes_mostly_not_achieved(1, 1));
	assert_false(st_outcomes_mostly_not_achieved(2, 5));
	assert_true(st_outcomes_mostly_not_achieved(3, 5));
}

static void money_limit_is_one_constant(void **state)
{
	(void)state;
	st_error err;
	int64_t pence;
	assert_ok(st_money_parse("--hourly-cost", "1000000.00", &pence, &err), err);
	assert_int_equal(pence, ST_MONEY_MAX_PENCE);
	assert_error(st_money_parse("--hourly-cost", "1000000.01", &pence, &err), err, ST_EINVAL,
		     "--hourly-cost 1000000.01: must be from 0.00 to 1000000.00 pounds");
	assert_error(st_money_parse("sen-support-threshold", "99999999999999999999", &pence, &err),
		     err, ST_EINVAL, "must be from 0.00 to 1000000.00 pounds");
	assert_ok(st_money_check("--hourly-cost", 0, &err), err);
	assert_error(st_money_check("--hourly-cost", -1, &err), err, ST_EINVAL,
		     "--hourly-cost -0.01: must be from 0.00 to 1000000.00 pounds");
	assert_error(st_money_check("--hourly-cost", ST_MONEY_MAX_PENCE + 1, &err), err,
		     ST_EINVAL, "--hourly-cost 1000000.01:");
	/* the same limit through the API and through config */
	st_db *db = test_db("2026-11-25");
	int64_t id = test_pupil(db, "Amir", "Khan", "4");
	st_provision p = {.pupil_id = id, .name = "Tutor", .staff_role = "TA",
			  .sessions_per_week = 1, .minutes = 60, .group_size = 1,
			  .hourly_cost_pence = ST_MONEY_MAX_PENCE + 1, .start = D("2026-11-01"),
			  .end = ST_DATE_NONE};
	assert_error(st_provision_add(db, &p, NULL, &err), err, ST_EINVAL,
		     "must be from 0.00 to 1000000.00 pounds");
	p.hourly_cost_pence = ST_MONEY_MAX_PENCE;
	assert_ok(st_provision_add(db, &p, NULL, &err), err);
	assert_error(st_config_set(db, "sen-support-threshold", "1000000.01", &err), err,
		     ST_EINVAL, "must be from 0.00 to 1000000.00 pounds");
	st_db_free(db);
}

static void display_name_prefers_the_preferred_forename(void **state)
{
	(void)state;
	char buf[ST_PUPIL_NAME_BUFSZ];
	assert_string_equal(st_display_name("Sio", "Siobhan", "O'Brien", buf, sizeof buf),
			    "Sio O'Brien");
	assert_string_equal(st_display_name(NULL, "Siobhan", "O'Brien", buf, sizeof buf),
			    "Siobhan O'Brien");
	assert_string_equal(st_display_name("", "Zoë", "Brown", buf, sizeof buf), "Zoë Brown");
	char small[8];
	assert_string_equal(st_display_name(NULL, "Siobhan", "O'Brien", small, sizeof small),
			    "Siobhan");
}

/* Every write refused for a leaver says so in one wording. */
static void a_leaver_is_refused_in_one_wording(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Luca", "Rossi", "6");
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	assert_ok(st_pupil_leave(db, id, D("2026-10-01"), &err), err);
	const char *want = "pupil 1: left on 2026-10-01; a leaver's records are kept as they were";
	assert_error(st_pupil_leave(db, id, D("2026-10-02"), &err), err, ST_ERULE, want);
	assert_error(st_need_add(db, id, "MLD", 1, &err), err, ST_ERULE, want);
	assert_error(st_cycle_open(db, id, D("2026-11-01"), NULL, &err), err, ST_ERULE, want);
	assert_error(st_meeting_add(db, id, D("2026-11-01"), ST_WHO_PARENTS, "other", NULL, NULL,
				    &err), err, ST_ERULE, want);
	assert_error(st_specialist_add(db, id, "Speech and language therapy", D("2026-11-01"),
				       ST_DATE_NONE, NULL, NULL, &err), err, ST_ERULE, want);
	assert_error(st_register_add(db, id, 'E', D("2026-11-01"), ST_DATE_NONE, D("2026-11-01"),
				     NULL, &err), err, ST_ERULE, want);
	st_provision p = {.pupil_id = id, .name = "Tutor", .staff_role = "TA",
			  .sessions_per_week = 1, .minutes = 60, .group_size = 1,
			  .hourly_cost_pence = 1500, .start = D("2026-11-01"), .end = ST_DATE_NONE};
	assert_error(st_provision_add(db, &p, NULL, &err), err, ST_ERULE, want);
	st_db_free(db);
}

/* The figures the set-based queries once got from SQL functions (each
 * calling the C), now applied by the model per row (issue 14 step 2): the
 * days until a review and money. */
static void days_until_and_money(void **state)
{
	(void)state;
	char m[ST_MONEY_BUFSZ];
	assert_int_equal(D("2026-11-20") - D("2026-11-25"), -5);
	assert_int_equal(D("2027-01-15") - D("2026-11-25"), 51);
	/* 3 x 30 min at £12.34 in a group of 4: 3 x 0.5 x 1234 / 4 = 462.75 -> 463 */
	assert_int_equal(st_provision_weekly_pence(3, 30, 4, 1234), 463);
	assert_true(st_outcomes_mostly_not_achieved(2, 3));
	assert_false(st_outcomes_mostly_not_achieved(1, 2));
	assert_string_equal(st_money_format(123456, m), "1234.56");
	assert_string_equal(st_money_format(5, m), "0.05");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phase_is_review_from_the_review_date_in_the_do_phase),
		cmocka_unit_test(due_status_overdue_due_within_the_window_scheduled),
		cmocka_unit_test(mostly_not_achieved_is_more_than_half),
		cmocka_unit_test(money_limit_is_one_constant),
		cmocka_unit_test(display_name_prefers_the_preferred_forename),
		cmocka_unit_test(a_leaver_is_refused_in_one_wording),
		cmocka_unit_test(days_until_and_money),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
