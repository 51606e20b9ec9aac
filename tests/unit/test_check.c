/* test_check.c - the rules of `sentrack check` on an in-memory database:
 * each rule raised just past its threshold and not at it, the day counts,
 * dates and costs in its message worked out by hand (not copied from the
 * program's output), the settings that move the thresholds, the filters
 * and the order of the findings. */
#include <stdlib.h>
#include <string.h>
#include "support.h"

struct found {
	st_finding *f;
	size_t n;
};

static struct found run(st_db *db, const st_check_filter *filter)
{
	struct found r = {NULL, 0};
	st_error err;
	assert_ok(st_check_run(db, filter, &r.f, &r.n, &err), err);
	return r;
}

static int64_t placed(st_db *db, const char *forename, const char *surname, char status,
		      const char *date, const char *informed, const char *plan)
{
	int64_t id = test_pupil(db, forename, surname, "4");
	st_error err;
	assert_ok(st_register_add(db, id, status, D(date), informed ? D(informed) : ST_DATE_NONE,
				  plan ? D(plan) : ST_DATE_NONE, NULL, &err), err);
	return id;
}

static int64_t provision(st_db *db, int64_t pupil, int sessions, int minutes, int group,
			 int64_t hourly_pence, const char *start)
{
	st_provision p = {.pupil_id = pupil, .name = "Support", .staff_role = "TA",
			  .sessions_per_week = sessions, .minutes = minutes, .group_size = group,
			  .hourly_cost_pence = hourly_pence, .start = D(start), .end = ST_DATE_NONE};
	int64_t id;
	st_error err;
	assert_ok(st_provision_add(db, &p, &id, &err), err);
	return id;
}

struct ids {
	int64_t id[8];
	int n;
};

static int collect(const st_outcome *o, void *payload)
{
	struct ids *ids = payload;
	ids->id[ids->n++] = o->id;
	return 0;
}

/* The ids of the outcomes of the pupil's open cycle, in order. */
static struct ids outcomes_of(st_db *db, int64_t pupil)
{
	struct ids ids = {{0}, 0};
	st_error err;
	assert_ok(st_outcome_list(db, pupil, 0, collect, &ids, &err), err);
	return ids;
}

/* Open, assess, plan (review_date) and start the do phase, all on day. */
static void to_do(st_db *db, int64_t pupil, const char *day, const char *review_date)
{
	st_error err;
	int64_t id;
	test_on(db, day);
	assert_ok(st_cycle_open(db, pupil, D(day), &id, &err), err);
	assert_ok(st_cycle_assess(db, pupil, "Assessed", NULL, NULL, D(day), &err), err);
	assert_ok(st_outcome_add(db, pupil, "Reads 40 words a minute", "CL", "40 wpm",
				 D(review_date), &id, &err), err);
	assert_ok(st_cycle_plan(db, pupil, D(review_date), D(day), 0, 0, &err), err);
	provision(db, pupil, 1, 30, 6, 1200, day);
	assert_ok(st_cycle_do(db, pupil, D(day), &err), err);
}

static void review_due_and_overdue(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-03");
	int64_t p = placed(db, "Ann", "Able", 'K', "2026-09-01", "2026-09-01", NULL);
	to_do(db, p, "2026-09-03", "2026-12-09");
	const st_rule due = ST_RULE_REVIEW_DUE, over = ST_RULE_REVIEW_OVERDUE;
	/* due-window-days 14: 15 days ahead is not due, 14 is */
	test_on(db, "2026-11-24");
	expect_lines(db, due, p, "");
	test_on(db, "2026-11-25");
	expect_lines(db, due, p, "due 2026-12-09 review is due in 14 days (cycle 1, plan 2026-09-03)");
	test_on(db, "2026-12-08");
	expect_lines(db, due, p, "due 2026-12-09 review is due in 1 day (cycle 1, plan 2026-09-03)");
	test_on(db, "2026-12-09");
	expect_lines(db, due, p, "due 2026-12-09 review is due today (cycle 1, plan 2026-09-03)");
	expect_lines(db, over, p, "");
	test_on(db, "2026-12-10");
	expect_lines(db, due, p, "");
	expect_lines(db, over, p,
		     "overdue 2026-12-09 review was due 1 day ago (cycle 1, plan 2026-09-03)");
	/* 9 December 2026 to 1 March 2027: 22 + 31 + 28 + 1 days */
	test_on(db, "2027-03-01");
	expect_lines(db, over, p,
		     "overdue 2026-12-09 review was due 82 days ago (cycle 1, plan 2026-09-03)");
	/* a narrower window */
	st_error err;
	assert_ok(st_config_set(db, "due-window-days", "3", &err), err);
	test_on(db, "2026-12-05");
	expect_lines(db, due, p, "");
	test_on(db, "2026-12-06");
	expect_lines(db, due, p, "due 2026-12-09 review is due in 3 days (cycle 1, plan 2026-09-03)");
	st_db_free(db);
}

static void plan_missing_after_assess_max_days(void **state)
{
	(void)state;
	st_db *db = test_db("2026-10-27");
	st_error err;
	int64_t id;
	int64_t p = placed(db, "Dan", "Dean", 'K', "2026-10-27", "2026-10-27", NULL);
	assert_ok(st_cycle_open(db, p, D("2026-10-27"), &id, &err), err);
	/* 27 October to 24 November is 28 days: not more than 28 */
	test_on(db, "2026-11-24");
	expect_lines(db, ST_RULE_PLAN_MISSING, p, "");
	test_on(db, "2026-11-25");
	expect_lines(db, ST_RULE_PLAN_MISSING, p,
		     "attention 2026-10-27 in the assess phase for 29 days without a plan (cycle 1)");
	assert_ok(st_config_set(db, "assess-max-days", "10", &err), err);
	test_on(db, "2026-11-06");
	expect_lines(db, ST_RULE_PLAN_MISSING, p, "");
	test_on(db, "2026-11-07");
	expect_lines(db, ST_RULE_PLAN_MISSING, p,
		     "attention 2026-10-27 in the assess phase for 11 days without a plan (cycle 1)");
	/* an assessment alone is not a plan */
	assert_ok(st_cycle_assess(db, p, "Assessed", NULL, NULL, D("2026-11-01"), &err), err);
	expect_lines(db, ST_RULE_PLAN_MISSING, p,
		     "attention 2026-10-27 in the assess phase for 11 days without a plan (cycle 1)");
	assert_ok(st_outcome_add(db, p, "Reads", NULL, "40 wpm", D("2026-12-20"), &id, &err), err);
	assert_ok(st_cycle_plan(db, p, D("2026-12-20"), D("2026-11-07"), 0, 0, &err), err);
	expect_lines(db, ST_RULE_PLAN_MISSING, p, "");
	st_db_free(db);
}

static void parents_informed_within_inform_max_days(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-17");
	st_error err;
	int64_t k = placed(db, "Fay", "Ford", 'K', "2026-11-17", NULL, NULL);
	int64_t e = placed(db, "Eli", "Earl", 'E', "2026-11-17", NULL, "2026-11-10");
	const st_rule r = ST_RULE_PARENTS_NOT_INFORMED;
	test_on(db, "2026-11-24"); /* 7 days: not more than 7 */
	expect_lines(db, r, 0, "");
	test_on(db, "2026-11-25");
	expect_lines(db, r, k,
		     "overdue 2026-11-17 placed at K on 2026-11-17; parents not recorded as informed "
		     "after 8 days");
	expect_lines(db, r, e,
		     "overdue 2026-11-17 placed at E on 2026-11-17; parents not recorded as informed "
		     "after 8 days");
	assert_ok(st_register_inform(db, k, D("2026-11-25"), &err), err);
	expect_lines(db, r, k, "");
	assert_ok(st_config_set(db, "inform-max-days", "0", &err), err);
	test_on(db, "2026-11-18");
	expect_lines(db, r, e,
		     "overdue 2026-11-17 placed at E on 2026-11-17; parents not recorded as informed "
		     "after 1 day");
	st_db_free(db);
}

static void no_active_cycle_after_gap_max_days(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-10");
	st_error err;
	int64_t p = placed(db, "Eve", "Earl", 'K', "2026-11-10", "2026-11-10", NULL);
	const st_rule r = ST_RULE_NO_ACTIVE_CYCLE;
	test_on(db, "2026-11-24"); /* 14 days */
	expect_lines(db, r, p, "");
	test_on(db, "2026-11-25");
	expect_lines(db, r, p, "attention 2026-11-10 at K with no open cycle since 2026-11-10 (15 days)");
	/* a cycle closed without a next one: the gap counts from the close */
	to_do(db, p, "2026-11-25", "2026-12-09");
	expect_lines(db, r, p, "");
	test_on(db, "2026-12-09");
	struct ids ids = outcomes_of(db, p);
	assert_int_equal(ids.n, 1);
	assert_ok(st_outcome_rate(db, ids.id[0], "achieved", NULL, &err), err);
	st_review rv = {.decision = ST_DECISION_CLOSE, .date = D("2026-12-09"),
			.ceased_by_la = ST_DATE_NONE};
	assert_ok(st_cycle_review(db, p, &rv, NULL, &err), err);
	test_on(db, "2026-12-23");
	expect_lines(db, r, p, "");
	test_on(db, "2026-12-24");
	expect_lines(db, r, p, "attention 2026-12-09 at K with no open cycle since 2026-12-09 (15 days)");
	/* an EHC plan is not SEN support: the rule is about K */
	int64_t e = placed(db, "Kim", "King", 'E', "2026-11-01", "2026-11-01", "2026-11-01");
	expect_lines(db, r, e, "");
	st_db_free(db);
}

/* The term.* settings as the fallback for a year with no terms set (the
 * rule's date boundaries with set terms are in test_terms.c). */
static void parent_meeting_gap_by_term(void **state)
{
	(void)state;
	/* default terms: autumn from 09-01, spring 01-01, summer 04-15 to 07-22 */
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t m;
	const st_rule r = ST_RULE_PARENT_MEETING_GAP;
	int64_t a = placed(db, "Ann", "Able", 'K', "2025-10-01", "2025-10-01", NULL);
	/* none at all: only the term just ended is named (the autumn term ends
	 * on 31 December, more than 21 days away) */
	expect_lines(db, r, a,
		     "overdue 2026-07-22 no meeting with parents held in the summer term 2025-26 "
		     "(2026-04-15 to 2026-07-22), which ended 126 days ago");
	/* the last day of a term counts for it; a meeting without parents does
	 * not; older terms are never reported */
	assert_ok(st_meeting_add(db, a, D("2026-07-22"), ST_WHO_PARENTS | ST_WHO_SENCO, "other", NULL,
				 &m, &err), err);
	assert_ok(st_meeting_add(db, a, D("2026-03-10"), ST_WHO_SENCO, "other", NULL, &m, &err), err);
	expect_lines(db, r, a, "");
	/* placed after the term ended: exempt */
	int64_t late = placed(db, "Lou", "Late", 'K', "2026-08-01", "2026-08-01", NULL);
	expect_lines(db, r, late, "");
	/* moved term dates move the terms: the meeting of 22 July is now after
	 * the summer term */
	assert_ok(st_config_set(db, "term.summer.end", "07-15", &err), err);
	expect_lines(db, r, a,
		     "overdue 2026-07-15 no meeting with parents held in the summer term 2025-26 "
		     "(2026-04-15 to 2026-07-15), which ended 133 days ago");
	/* 21 days before 31 December, the autumn term is due too */
	test_on(db, "2026-12-10");
	expect_lines(db, r, late,
		     "due 2026-12-31 no meeting with parents held or booked in the autumn term "
		     "2026-27 (2026-09-01 to 2026-12-31), which ends in 21 days");
	st_db_free(db);
}

static void outcome_overdue_after_its_target(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-01");
	st_error err;
	int64_t id, late, today;
	int64_t p = placed(db, "Joe", "Jay", 'K', "2026-09-01", "2026-09-01", NULL);
	assert_ok(st_cycle_open(db, p, D("2026-11-01"), &id, &err), err);
	assert_ok(st_cycle_assess(db, p, "s", NULL, NULL, D("2026-11-01"), &err), err);
	assert_ok(st_outcome_add(db, p, "Overdue", NULL, NULL, D("2026-11-24"), &late, &err), err);
	assert_ok(st_outcome_add(db, p, "Due today", NULL, NULL, D("2026-11-25"), &today, &err), err);
	assert_ok(st_outcome_add(db, p, "No target", NULL, NULL, ST_DATE_NONE, &id, &err), err);
	test_on(db, "2026-11-25");
	char want[200];
	snprintf(want, sizeof want,
		 "attention 2026-11-24 outcome #%lld not rated; its target date was 2026-11-24 "
		 "(cycle 1)", (long long)late);
	expect_lines(db, ST_RULE_OUTCOME_OVERDUE, p, want);
	st_db_free(db);
}

/* Review the open cycle on day: rate its outcomes, then continue. */
static void review_rated(st_db *db, int64_t pupil, const char *day, const char *const *ratings,
			 int n)
{
	st_error err;
	test_on(db, day);
	struct ids ids = outcomes_of(db, pupil);
	assert_int_equal(ids.n, n);
	for (int i = 0; i < n; i++)
		assert_ok(st_outcome_rate(db, ids.id[i], ratings[i], NULL, &err), err);
	st_review rv = {.decision = ST_DECISION_CONTINUE, .date = D(day),
			.ceased_by_la = ST_DATE_NONE};
	assert_ok(st_cycle_review(db, pupil, &rv, NULL, &err), err);
}

/* The next cycle: assess, plan and do on day, review in 30 days. */
static void next_cycle(st_db *db, int64_t pupil, const char *day, const char *review)
{
	st_error err;
	test_on(db, day);
	assert_ok(st_cycle_assess(db, pupil, "s", NULL, NULL, D(day), &err), err);
	/* carried-forward outcomes need a new target date before the plan */
	struct ids o = outcomes_of(db, pupil);
	for (int i = 0; i < o.n; i++)
		assert_ok(st_outcome_edit(db, o.id[i], NULL, NULL, "m", D(review), &err), err);
	assert_ok(st_cycle_plan(db, pupil, D(review), D(day), 0, 0, &err), err);
	assert_ok(st_cycle_do(db, pupil, D(day), &err), err);
}

static void consider_ehcna_after_cycles_not_achieved(void **state)
{
	(void)state;
	static const char *const none[] = {"not-achieved", "not-achieved"};
	static const char *const half[] = {"not-achieved", "achieved"};
	st_db *db = test_db("2026-07-25");
	st_error err;
	int64_t id;
	int64_t p = placed(db, "Ian", "Ives", 'K', "2026-07-25", "2026-07-25", NULL);
	provision(db, p, 1, 30, 6, 1200, "2026-07-25");
	assert_ok(st_cycle_open(db, p, D("2026-07-25"), &id, &err), err);
	assert_ok(st_cycle_assess(db, p, "s", NULL, NULL, D("2026-07-25"), &err), err);
	assert_ok(st_outcome_add(db, p, "One", NULL, "m", D("2026-08-24"), &id, &err), err);
	assert_ok(st_outcome_add(db, p, "Two", NULL, "m", D("2026-08-24"), &id, &err), err);
	assert_ok(st_cycle_plan(db, p, D("2026-08-24"), D("2026-07-25"), 0, 0, &err), err);
	assert_ok(st_cycle_do(db, p, D("2026-07-25"), &err), err);
	review_rated(db, p, "2026-08-24", none, 2);
	next_cycle(db, p, "2026-09-01", "2026-10-01");
	review_rated(db, p, "2026-10-01", none, 2);
	/* two such cycles: not yet (ehcna-after-cycles 3) */
	expect_lines(db, ST_RULE_CONSIDER_EHCNA, p, "");
	assert_ok(st_config_set(db, "ehcna-after-cycles", "2", &err), err);
	expect_lines(db, ST_RULE_CONSIDER_EHCNA, p,
		     "attention 2026-10-01 outcomes mostly not achieved in the last 2 reviewed cycles; "
		     "consider an EHC needs assessment");
	assert_ok(st_config_unset(db, "ehcna-after-cycles", &err), err);
	next_cycle(db, p, "2026-10-10", "2026-11-09");
	review_rated(db, p, "2026-11-09", none, 2);
	test_on(db, "2026-11-25");
	expect_lines(db, ST_RULE_CONSIDER_EHCNA, p,
		     "attention 2026-11-09 outcomes mostly not achieved in the last 3 reviewed cycles; "
		     "consider an EHC needs assessment");
	/* half achieved is not "mostly not achieved": the latest three no longer qualify */
	next_cycle(db, p, "2026-11-10", "2026-12-10");
	review_rated(db, p, "2026-12-10", half, 2);
	expect_lines(db, ST_RULE_CONSIDER_EHCNA, p, "");
	st_db_free(db);
}

static void provision_threshold_in_pence(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-01");
	st_error err;
	const st_rule r = ST_RULE_PROVISION_OVER_THRESHOLD;
	/* 15 x 60 min at £16.00/h, one to one: £240.00 a week, x 38 = £9,120.00 */
	int64_t joe = placed(db, "Joe", "Jay", 'K', "2026-09-01", "2026-09-01", NULL);
	provision(db, joe, 15, 60, 1, 1600, "2026-11-01");
	/* 10 x 60 min at £15.78/h: £157.80 a week, x 38 = £5,996.40: under £6,000 */
	int64_t jen = placed(db, "Jen", "Jay", 'K', "2026-09-01", "2026-09-01", NULL);
	provision(db, jen, 10, 60, 1, 1578, "2026-11-01");
	test_on(db, "2026-11-25");
	expect_lines(db, r, joe,
		     "attention 2026-11-25 provision costs 9120.00 a year, at or above the threshold "
		     "of 6000.00; no EHC needs assessment requested");
	expect_lines(db, r, jen, "");
	int64_t total;
	int over;
	assert_ok(st_provision_annual_total(db, jen, D("2026-11-25"), &total, &over, &err), err);
	assert_int_equal(total, 599640);
	assert_false(over);
	/* at the threshold counts: 40 weeks x £150.00 = £6,000.00 */
	assert_ok(st_config_set(db, "school-weeks", "40", &err), err);
	int64_t kai = placed(db, "Kai", "Kerr", 'K', "2026-09-01", "2026-09-01", NULL);
	provision(db, kai, 10, 60, 1, 1500, "2026-11-01");
	expect_lines(db, r, kai,
		     "attention 2026-11-25 provision costs 6000.00 a year, at or above the threshold "
		     "of 6000.00; no EHC needs assessment requested");
	expect_lines(db, r, jen, "attention 2026-11-25 provision costs 6312.00 a year, at or above "
				 "the threshold of 6000.00; no EHC needs assessment requested");
	/* each provision is rounded to the penny before they are added up, as
	 * the provision map shows them: 1 x 60 min at £10.00/h shared by 3 is
	 * 333.33p, so 333p a week; two of them 666p, x 40 = £266.40 (not 266.67) */
	int64_t two = placed(db, "Tom", "Two", 'K', "2026-09-01", "2026-09-01", NULL);
	provision(db, two, 1, 60, 3, 1000, "2026-11-01");
	provision(db, two, 1, 60, 3, 1000, "2026-11-01");
	assert_ok(st_provision_annual_total(db, two, D("2026-11-25"), &total, &over, &err), err);
	assert_int_equal(total, 26640);
	assert_ok(st_config_set(db, "sen-support-threshold", "266.40", &err), err);
	expect_lines(db, r, two, "attention 2026-11-25 provision costs 266.40 a year, at or above "
				 "the threshold of 266.40; no EHC needs assessment requested");
	assert_ok(st_config_set(db, "sen-support-threshold", "266.41", &err), err);
	expect_lines(db, r, two, "");
	/* provision that ended or has not started does not count */
	assert_ok(st_config_set(db, "sen-support-threshold", "1", &err), err);
	int64_t gone = placed(db, "Gus", "Gone", 'K', "2026-09-01", "2026-09-01", NULL);
	int64_t ended = provision(db, gone, 5, 60, 1, 2000, "2026-09-01");
	assert_ok(st_provision_end(db, ended, D("2026-11-24"), &err), err);
	expect_lines(db, r, gone, "");
	st_db_free(db);
}

/* ehcp-annual-review and the other EHC timelines: test_ehc.c. */

static void leavers_and_pupils_at_n_raise_nothing(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-02");
	st_error err;
	int64_t left = placed(db, "Lou", "Left", 'K', "2026-09-01", NULL, NULL);
	assert_ok(st_pupil_leave(db, left, D("2026-09-02"), &err), err);
	int64_t n = placed(db, "Nia", "None", 'K', "2026-09-01", NULL, NULL);
	assert_ok(st_register_remove(db, n, D("2026-09-02"), "progress", NULL, &err), err);
	test_pupil(db, "Nev", "Never", "3");
	test_on(db, "2027-09-01");
	struct found all = run(db, NULL);
	assert_int_equal(all.n, 0);
	st_check_free(all.f, all.n);
	st_db_free(db);
}

static void filters_and_order(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	/* the terms in use are set: no terms-not-set finding */
	assert_ok(st_term_set(db, "2025-26", "summer", D("2026-04-13"), D("2026-07-22"), &err), err);
	assert_ok(st_term_set(db, "2026-27", "autumn", D("2026-09-03"), D("2026-12-18"), &err), err);
	assert_ok(st_term_set(db, "2026-27", "spring", D("2027-01-05"), D("2027-03-26"), &err), err);
	assert_ok(st_term_set(db, "2026-27", "summer", D("2027-04-12"), D("2027-07-21"), &err), err);
	/* overdue (not informed, 2026-11-17; no meeting with parents in the
	 * summer term, 2026-07-22), due (the EHC annual review meeting to book
	 * by 2026-12-02, 10 weeks before 2027-02-10), attention (no cycle since
	 * 2026-11-01) */
	int64_t b = placed(db, "Bea", "Bell", 'K', "2026-11-17", NULL, NULL);
	int64_t a = placed(db, "Ann", "Able", 'K', "2026-11-17", NULL, NULL);
	int64_t e = placed(db, "Eve", "Earl", 'E', "2026-02-10", "2026-02-10", "2026-02-10");
	int64_t c = placed(db, "Cai", "Cole", 'K', "2026-11-01", "2026-11-01", NULL);
	/* each has a primary need: no primary-need-missing findings here */
	const int64_t all[] = {a, b, e, c};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		assert_ok(st_need_add(db, all[i], "SPLD", 1, &err), err);
	struct found r = run(db, NULL);
	/* severity, then date, then surname */
	assert_int_equal(r.n, 5);
	/* the overdue ones by date: Eve's summer term (2026-07-22), then Ann
	 * and Bea (2026-11-17) by surname */
	assert_int_equal(r.f[0].pupil_id, e);
	assert_int_equal(r.f[0].rule, ST_RULE_PARENT_MEETING_GAP);
	assert_int_equal(r.f[1].pupil_id, a);
	assert_int_equal(r.f[1].rule, ST_RULE_PARENTS_NOT_INFORMED);
	assert_int_equal(r.f[2].pupil_id, b);
	assert_int_equal(r.f[3].pupil_id, e);
	assert_int_equal(r.f[3].rule, ST_RULE_EHCP_REVIEW_STEP);
	assert_int_equal(r.f[4].pupil_id, c);
	assert_int_equal(r.f[4].rule, ST_RULE_NO_ACTIVE_CYCLE);
	assert_string_equal(r.f[1].surname, "Able");
	assert_string_equal(r.f[1].forename, "Ann");
	assert_string_equal(r.f[1].year, "4");
	assert_null(r.f[1].upn);
	st_check_free(r.f, r.n);
	/* --severity due keeps overdue and due */
	st_check_filter f = {0, ST_SEVERITY_DUE, NULL, 0};
	r = run(db, &f);
	assert_int_equal(r.n, 4);
	st_check_free(r.f, r.n);
	f.severity = ST_SEVERITY_OVERDUE;
	r = run(db, &f);
	assert_int_equal(r.n, 3);
	st_check_free(r.f, r.n);
	/* --year, --pupil */
	f = (st_check_filter){0, -1, "5", 0};
	r = run(db, &f);
	assert_int_equal(r.n, 0);
	st_check_free(r.f, r.n);
	f = (st_check_filter){0, -1, "4", e};
	r = run(db, &f);
	assert_int_equal(r.n, 2);
	st_check_free(r.f, r.n);
	st_db_free(db);
}

static void rule_and_severity_names(void **state)
{
	(void)state;
	st_error err;
	unsigned mask;
	assert_ok(st_rule_parse("--rule", "review-due,plan-missing", &mask, &err), err);
	assert_int_equal(mask, 1u << ST_RULE_REVIEW_DUE | 1u << ST_RULE_PLAN_MISSING);
	assert_error(st_rule_parse("--rule", "review-due,sleeping", &mask, &err), err, ST_EINVAL,
		     "--rule sleeping: not a rule");
	assert_error(st_rule_parse("--rule", "", &mask, &err), err, ST_EINVAL,
		     "--rule: name at least one rule");
	int sev;
	assert_ok(st_severity_parse("--severity", "attention", &sev, &err), err);
	assert_int_equal(sev, ST_SEVERITY_ATTENTION);
	assert_error(st_severity_parse("--severity", "urgent", &sev, &err), err, ST_EINVAL,
		     "--severity urgent: must be overdue, due or attention");
	assert_string_equal(st_rule_id(ST_RULE_EHCP_ANNUAL_REVIEW), "ehcp-annual-review");
	assert_string_equal(st_rule_code_ref(ST_RULE_EHCP_ANNUAL_REVIEW), "Code 9.166, 9.178");
	assert_string_equal(st_rule_id(ST_RULE_EHCP_REVIEW_STEP), "ehcp-review-step");
	assert_string_equal(st_rule_policy(ST_RULE_EHCP_REVIEW_STEP), "ehcp-book-weeks");
	assert_string_equal(st_rule_code_ref(ST_RULE_EHCNA_PLAN), "Code 9.40");
	assert_string_equal(st_rule_code_ref(ST_RULE_PARENTS_NOT_INFORMED), "Code 6.43");
	assert_string_equal(st_rule_id(ST_RULE_COUNT), "?");
	assert_string_equal(st_severity_name(ST_SEVERITY_DUE), "due");
	/* every rule id parses back to its own bit */
	for (int i = 0; i < ST_RULE_COUNT; i++) {
		assert_ok(st_rule_parse("--rule", st_rule_id((st_rule)i), &mask, &err), err);
		assert_int_equal(mask, 1u << i);
	}
}

/* --- issue 15: findings passed in order; the worst severity alone ---------- */

static int worst_of(st_db *db, const st_check_filter *filter)
{
	int worst = -9;
	st_error err;
	assert_ok(st_check_worst(db, filter, &worst, &err), err);
	return worst;
}

/* `check --quiet` needs only the worst severity: at the review-overdue
 * boundary (the review date is today: due; a day later: overdue). */
static void worst_severity_at_the_review_boundary(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-01");
	assert_int_equal(worst_of(db, NULL), -1); /* nothing on the register */
	st_error err;
	/* the school has set its terms (else terms-not-set is for attention) */
	static const char *const terms[][4] = {
		{"2025-26", "autumn", "2025-09-03", "2025-12-19"},
		{"2025-26", "spring", "2026-01-05", "2026-03-27"},
		{"2025-26", "summer", "2026-04-13", "2026-07-21"},
		{"2026-27", "autumn", "2026-09-03", "2026-12-18"},
		{"2026-27", "spring", "2027-01-04", "2027-03-26"},
		{"2026-27", "summer", "2027-04-12", "2027-07-20"},
	};
	for (size_t i = 0; i < sizeof terms / sizeof *terms; i++)
		assert_ok(st_term_set(db, terms[i][0], terms[i][1], D(terms[i][2]), D(terms[i][3]),
				      &err), err);
	int64_t a = placed(db, "Ada", "Able", 'K', "2026-09-01", "2026-09-01", NULL);
	assert_ok(st_need_add(db, a, "MLD", 1, &err), err);
	to_do(db, a, "2026-09-01", "2026-11-25");
	test_on(db, "2026-11-10");
	assert_int_equal(worst_of(db, NULL), -1); /* review in 15 days: scheduled */
	test_on(db, "2026-11-11");
	assert_int_equal(worst_of(db, NULL), ST_SEVERITY_DUE); /* in 14 days */
	test_on(db, "2026-11-25");
	assert_int_equal(worst_of(db, NULL), ST_SEVERITY_DUE); /* today */
	test_on(db, "2026-11-26");
	assert_int_equal(worst_of(db, NULL), ST_SEVERITY_OVERDUE); /* a day past */
	st_check_filter only_attention = {1u << ST_RULE_OUTCOME_OVERDUE, -1, NULL, 0};
	assert_int_equal(worst_of(db, &only_attention), ST_SEVERITY_ATTENTION);
	st_check_filter nothing = {1u << ST_RULE_CONSIDER_EHCNA, -1, NULL, 0};
	assert_int_equal(worst_of(db, &nothing), -1);
	st_db_free(db);
}

struct seen {
	const st_finding *expect;
	size_t n, stop_after;
};

static int compare_one(const st_finding *f, void *payload)
{
	struct seen *s = payload;
	const st_finding *e = &s->expect[s->n++];
	assert_int_equal(f->severity, e->severity);
	assert_int_equal(f->rule, e->rule);
	assert_int_equal(f->date, e->date);
	assert_int_equal(f->pupil_id, e->pupil_id);
	assert_string_equal(f->surname, e->surname);
	assert_string_equal(f->forename, e->forename);
	assert_string_equal(f->year, e->year);
	assert_string_equal(f->detail, e->detail);
	assert_true((f->upn == NULL) == (e->upn == NULL));
	assert_true((f->preferred == NULL) == (e->preferred == NULL));
	return s->n == s->stop_after ? 7 : 0;
}

/* st_check_each passes the findings st_check_run returns, in the same
 * order, on the demo on days across the year; a nonzero return stops. */
static void each_gives_the_list_in_order_and_stops(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int pupils;
	assert_ok(st_demo_load(db, &pupils, &err), err);
	const char *days[] = {"2026-11-25", "2026-01-10", "2027-03-01"};
	for (int d = 0; d < 3; d++) {
		test_on(db, days[d]);
		struct found all = run(db, NULL);
		assert_true(all.n > 5);
		int worst = worst_of(db, NULL);
		assert_int_equal(worst, (int)all.f[0].severity); /* the list starts with the worst */
		struct seen s = {all.f, 0, 0};
		assert_ok(st_check_each(db, NULL, compare_one, &s, &err), err);
		assert_int_equal(s.n, all.n);
		struct seen part = {all.f, 0, 3};
		assert_int_equal(st_check_each(db, NULL, compare_one, &part, &err), 7);
		assert_int_equal(part.n, 3);
		st_check_free(all.f, all.n);
	}
	st_db_free(db);
}

/* The worst severity alone (which skips queries that cannot raise anything
 * worse than what is known, and stops early) equals the worst of the full
 * list, on every week of a school year, for every single rule and for all
 * rules, with a mix of pupils that raise each severity on different days. */
static void worst_equals_the_worst_of_the_full_list(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-01");
	st_error err;
	int64_t a = placed(db, "Ada", "Able", 'K', "2026-09-01", "2026-09-01", NULL);
	assert_ok(st_need_add(db, a, "MLD", 1, &err), err);
	to_do(db, a, "2026-09-01", "2026-11-25");               /* due, then overdue */
	int64_t b = placed(db, "Bo", "Bell", 'K', "2026-09-01", NULL, NULL); /* informed? no */
	to_do(db, b, "2026-09-01", "2026-12-15");
	int64_t c = placed(db, "Cy", "Cole", 'K', "2026-09-01", "2026-09-01", NULL);
	provision(db, c, 15, 60, 1, 1600, "2026-09-01");        /* over the threshold */
	placed(db, "Di", "Dean", 'E', "2026-09-01", "2026-09-01", "2026-08-01"); /* EHC plan */
	for (st_date day = D("2026-09-01"); day <= D("2027-08-31"); day += 7) {
		st_db_set_today(db, day);
		for (int rule = -1; rule < ST_RULE_COUNT; rule++) {
			st_check_filter f = {rule < 0 ? 0 : 1u << rule, -1, NULL, 0};
			st_finding *found;
			size_t n;
			assert_ok(st_check_run(db, &f, &found, &n, &err), err);
			int want = -1;
			for (size_t i = 0; i < n; i++)
				if (want < 0 || (int)found[i].severity < want)
					want = (int)found[i].severity;
			st_check_free(found, n);
			if (worst_of(db, &f) != want) {
				char d[ST_DATE_BUFSZ];
				fail_msg("%s, rule %d: worst %d, the list's worst %d",
					 st_date_format(day, d), rule, worst_of(db, &f), want);
			}
		}
	}
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(review_due_and_overdue),
		cmocka_unit_test(plan_missing_after_assess_max_days),
		cmocka_unit_test(parents_informed_within_inform_max_days),
		cmocka_unit_test(no_active_cycle_after_gap_max_days),
		cmocka_unit_test(parent_meeting_gap_by_term),
		cmocka_unit_test(outcome_overdue_after_its_target),
		cmocka_unit_test(consider_ehcna_after_cycles_not_achieved),
		cmocka_unit_test(provision_threshold_in_pence),
		cmocka_unit_test(leavers_and_pupils_at_n_raise_nothing),
		cmocka_unit_test(filters_and_order),
		cmocka_unit_test(rule_and_severity_names),
		cmocka_unit_test(worst_severity_at_the_review_boundary),
		cmocka_unit_test(worst_equals_the_worst_of_the_full_list),
		cmocka_unit_test(each_gives_the_list_in_order_and_stops),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
