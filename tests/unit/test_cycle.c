/* test_cycle.c - the rules of Assess, Plan, Do, Review. */
#include <string.h>
#include "support.h"

/* A pupil at K since 2026-09-01, today 2026-09-10. */
static st_db *setup(int64_t *pupil)
{
	st_db *db = test_db("2026-09-10");
	st_error err;
	*pupil = test_pupil(db, "Amir", "Khan", "4");
	if (st_register_add(db, *pupil, 'K', D("2026-09-01"), D("2026-09-01"), ST_DATE_NONE,
			    NULL, &err) != ST_OK)
		fail_msg("register: %s", err.message);
	return db;
}

static int64_t add_provision(st_db *db, int64_t pupil, const char *start)
{
	st_provision p = {.pupil_id = pupil, .name = "Precision teaching", .staff_role = "TA",
			  .sessions_per_week = 3, .minutes = 20, .group_size = 1,
			  .hourly_cost_pence = 1550, .start = D(start), .end = ST_DATE_NONE};
	int64_t id = 0;
	st_error err;
	if (st_provision_add(db, &p, &id, &err) != ST_OK)
		fail_msg("provision: %s", err.message);
	return id;
}

/* Walk the open cycle of pupil to the do phase with n outcomes. */
static void to_do_phase(st_db *db, int64_t pupil, int n, int64_t *outcomes)
{
	st_error err;
	assert_ok(st_cycle_assess(db, pupil, "Phonics gaps", NULL, NULL, D("2026-09-03"), &err), err);
	for (int i = 0; i < n; i++)
		assert_ok(st_outcome_add(db, pupil, i ? "Second outcome" : "Reads 40 wpm", "CL",
					 "measure", D("2026-12-01"), &outcomes[i], &err), err);
	assert_ok(st_cycle_plan(db, pupil, D("2026-12-01"), D("2026-09-04"), 0, 0, &err), err);
	add_provision(db, pupil, "2026-09-04");
	assert_ok(st_cycle_do(db, pupil, D("2026-09-05"), &err), err);
}

static const char *phase_of(st_db *db, int64_t pupil, char *buf)
{
	st_cycle *c = NULL;
	st_error err;
	if (st_cycle_get(db, pupil, 0, &c, &err) != ST_OK)
		return strcpy(buf, "none");
	strcpy(buf, c->phase);
	st_cycle_free(c);
	return buf;
}

static void open_needs_register_and_one_open_cycle(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-10");
	st_error err;
	int64_t id, cyc;
	int64_t off = test_pupil(db, "Not", "Registered", "3");
	assert_error(st_cycle_open(db, off, D("2026-09-02"), &cyc, &err), err, ST_ERULE,
		     "is not on the SEN register");
	int64_t pupil = test_pupil(db, "Amir", "Khan", "4");
	assert_ok(st_register_add(db, pupil, 'K', D("2026-09-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	assert_error(st_cycle_open(db, pupil, D("2026-08-31"), &cyc, &err), err, ST_ERULE,
		     "is before the pupil was placed at K");
	assert_error(st_cycle_open(db, pupil, D("2026-09-11"), &cyc, &err), err, ST_ERULE,
		     "is in the future");
	assert_ok(st_cycle_open(db, pupil, D("2026-09-02"), &id, &err), err);
	assert_error(st_cycle_open(db, pupil, D("2026-09-03"), &cyc, &err), err, ST_ERULE,
		     "cycle 1 of Amir Khan (#2) is still open (assess phase)");
	st_db_free(db);
}

static void assess_then_plan_rules(void **state)
{
	(void)state;
	int64_t pupil, cyc, o;
	st_db *db = setup(&pupil);
	st_error err;
	char phase[16];
	assert_error(st_cycle_assess(db, pupil, "x", NULL, NULL, D("2026-09-03"), &err), err,
		     ST_ERULE, "has no open cycle");
	assert_ok(st_cycle_open(db, pupil, D("2026-09-02"), &cyc, &err), err);
	assert_error(st_cycle_plan(db, pupil, D("2026-12-01"), D("2026-09-04"), 0, 0, &err), err,
		     ST_ERULE, "plan needs an assessment summary first");
	assert_error(st_cycle_assess(db, pupil, "  ", NULL, NULL, D("2026-09-03"), &err), err,
		     ST_EINVAL, "--summary: is empty");
	assert_error(st_cycle_assess(db, pupil, "x", NULL, NULL, D("2026-09-01"), &err), err,
		     ST_ERULE, "is before the opening of the cycle (2026-09-02)");
	assert_ok(st_cycle_assess(db, pupil, "Reading age 6y2m", "I like stories", "Worried",
				  D("2026-09-03"), &err), err);
	assert_error(st_cycle_assess(db, pupil, "again", NULL, NULL, D("2026-09-04"), &err), err,
		     ST_ERULE, "the assessment was recorded on 2026-09-03");
	assert_error(st_cycle_plan(db, pupil, D("2026-12-01"), D("2026-09-04"), 0, 0, &err), err,
		     ST_ERULE, "plan needs at least one outcome");
	assert_error(st_outcome_add(db, pupil, "Reads", "XX", NULL, ST_DATE_NONE, &o, &err), err,
		     ST_EINVAL, "--area XX: not an area of need");
	assert_error(st_outcome_add(db, pupil, "Reads", NULL, NULL, D("2026-09-01"), &o, &err), err,
		     ST_ERULE, "--by 2026-09-01: is in the past");
	assert_ok(st_outcome_add(db, pupil, "Reads 40 wpm", "cl", "40 wpm", D("2026-12-01"), &o,
				 &err), err);
	assert_error(st_cycle_plan(db, pupil, D("2026-09-04"), D("2026-09-04"), 0, 0, &err), err,
		     ST_ERULE, "--review-date 2026-09-04: must be after the plan date 2026-09-04");
	assert_error(st_cycle_plan(db, pupil, D("2026-12-31"), D("2026-09-04"), 0, 0, &err), err,
		     ST_ERULE, "is more than 16 weeks after the plan date 2026-09-04");
	assert_error(st_cycle_plan(db, pupil, D("2026-12-01"), D("2026-09-02"), 0, 0, &err), err,
		     ST_ERULE, "is before the assessment (2026-09-03)");
	assert_string_equal(phase_of(db, pupil, phase), "assess");
	/* exactly 16 weeks is allowed; review-max-weeks is honoured */
	assert_ok(st_config_set(db, "review-max-weeks", "12", &err), err);
	assert_error(st_cycle_plan(db, pupil, D("2026-12-25"), D("2026-09-04"), 0, 0, &err), err,
		     ST_ERULE, "more than 12 weeks");
	assert_ok(st_cycle_plan(db, pupil, D("2026-12-31"), D("2026-09-04"), ST_WHO_PARENTS, 1,
				&err), err);
	assert_string_equal(phase_of(db, pupil, phase), "plan");
	assert_ok(st_outcome_add(db, pupil, "Another in plan phase", NULL, NULL, ST_DATE_NONE, &o,
				 &err), err);
	st_db_free(db);
}

static void reschedule_keeps_the_old_date(void **state)
{
	(void)state;
	int64_t pupil, cyc, o;
	st_db *db = setup(&pupil);
	st_error err;
	assert_ok(st_cycle_open(db, pupil, D("2026-09-02"), &cyc, &err), err);
	assert_error(st_cycle_reschedule(db, pupil, D("2026-12-10"), "x", &err), err, ST_ERULE,
		     "has no review date yet");
	assert_ok(st_cycle_assess(db, pupil, "s", NULL, NULL, D("2026-09-03"), &err), err);
	assert_ok(st_outcome_add(db, pupil, "o", NULL, "m", D("2026-12-01"), &o, &err), err);
	assert_ok(st_cycle_plan(db, pupil, D("2026-12-01"), D("2026-09-04"), 0, 0, &err), err);
	assert_error(st_cycle_reschedule(db, pupil, D("2026-12-10"), "", &err), err, ST_EINVAL,
		     "--reason: is empty");
	assert_error(st_cycle_reschedule(db, pupil, D("2026-09-09"), "ill", &err), err, ST_ERULE,
		     "is in the past");
	assert_ok(st_cycle_reschedule(db, pupil, D("2026-12-10"), "Parent unavailable", &err), err);
	st_cycle *c;
	assert_ok(st_cycle_get(db, pupil, 0, &c, &err), err);
	assert_int_equal(c->review_date, D("2026-12-10"));
	st_cycle_free(c);
	st_db_free(db);
}

static void do_needs_active_provision(void **state)
{
	(void)state;
	int64_t pupil, cyc, o;
	st_db *db = setup(&pupil);
	st_error err;
	assert_ok(st_cycle_open(db, pupil, D("2026-09-02"), &cyc, &err), err);
	assert_ok(st_cycle_assess(db, pupil, "s", NULL, NULL, D("2026-09-03"), &err), err);
	assert_ok(st_outcome_add(db, pupil, "o", NULL, "m", D("2026-12-01"), &o, &err), err);
	assert_error(st_cycle_do(db, pupil, D("2026-09-05"), &err), err, ST_ERULE,
		     "do needs the plan phase");
	assert_ok(st_cycle_plan(db, pupil, D("2026-12-01"), D("2026-09-04"), 0, 0, &err), err);
	assert_error(st_cycle_do(db, pupil, D("2026-09-05"), &err), err, ST_ERULE,
		     "no provision is active on that date");
	add_provision(db, pupil, "2026-09-06");
	assert_error(st_cycle_do(db, pupil, D("2026-09-05"), &err), err, ST_ERULE,
		     "no provision is active on that date");
	assert_error(st_cycle_do(db, pupil, D("2026-09-03"), &err), err, ST_ERULE,
		     "is before the plan date");
	assert_ok(st_cycle_do(db, pupil, D("2026-09-06"), &err), err);
	assert_error(st_outcome_add(db, pupil, "late", NULL, NULL, ST_DATE_NONE, &o, &err), err,
		     ST_ERULE, "outcomes are agreed in the assess or plan phase");
	st_db_free(db);
}

struct outcomes {
	int n;
	int64_t origin[8];
	char rating[8][16];
	char text[8][32];
};

static int collect_outcome(const st_outcome *o, void *payload)
{
	struct outcomes *s = payload;
	if (s->n < 8) {
		s->origin[s->n] = o->origin_id;
		strcpy(s->rating[s->n], o->rating ? o->rating : "-");
		strncpy(s->text[s->n], o->text, 31);
		s->text[s->n][31] = '\0';
	}
	s->n++;
	return 0;
}

static void review_continue_carries_unmet_outcomes(void **state)
{
	(void)state;
	int64_t pupil, cyc, o[2], next = 0;
	st_db *db = setup(&pupil);
	st_error err;
	assert_ok(st_cycle_open(db, pupil, D("2026-09-02"), &cyc, &err), err);
	to_do_phase(db, pupil, 2, o);
	st_review r = {ST_DECISION_CONTINUE, D("2026-09-10"), ST_WHO_PARENTS | ST_WHO_SENCO, "ok",
		       "pleased", "notes", ST_DATE_NONE};
	assert_error(st_outcome_rate(db, o[0], "great", NULL, &err), err, ST_EINVAL,
		     "must be achieved, partially or not-achieved");
	assert_ok(st_outcome_rate(db, o[0], "achieved", "42 wpm", &err), err);
	assert_error(st_cycle_review(db, pupil, &r, &next, &err), err, ST_ERULE,
		     "1 of 2 outcomes not rated");
	assert_ok(st_outcome_rate(db, o[1], "partially", NULL, &err), err);
	r.date = D("2026-09-04");
	assert_error(st_cycle_review(db, pupil, &r, &next, &err), err, ST_ERULE,
		     "is before the start of the do phase");
	r.date = D("2026-09-10");
	assert_ok(st_cycle_review(db, pupil, &r, &next, &err), err);
	assert_true(next > cyc);
	/* the first cycle is closed and read-only */
	assert_error(st_outcome_rate(db, o[1], "achieved", NULL, &err), err, ST_ERULE,
		     "belongs to a closed cycle, which is read-only");
	st_cycle *c;
	assert_ok(st_cycle_get(db, pupil, 1, &c, &err), err);
	assert_string_equal(c->phase, "closed");
	assert_string_equal(c->decision, "continue");
	st_cycle_free(c);
	assert_ok(st_cycle_get(db, pupil, 0, &c, &err), err);
	assert_int_equal(c->seq, 2);
	assert_string_equal(c->phase, "assess");
	assert_int_equal(c->opened_on, D("2026-09-10"));
	assert_int_equal(c->previous_id, cyc);
	st_cycle_free(c);
	struct outcomes s = {0};
	assert_ok(st_outcome_list(db, pupil, 0, collect_outcome, &s, &err), err);
	assert_int_equal(s.n, 1); /* only the partially achieved one */
	assert_int_equal(s.origin[0], o[1]);
	assert_string_equal(s.text[0], "Second outcome");
	assert_string_equal(s.rating[0], "-");
	/* a review meeting with parents was logged */
	st_db_free(db);
}

static void review_exit_moves_to_n_and_ends_provision(void **state)
{
	(void)state;
	int64_t pupil, cyc, o[1], next = 99;
	st_db *db = setup(&pupil);
	st_error err;
	assert_ok(st_cycle_open(db, pupil, D("2026-09-02"), &cyc, &err), err);
	to_do_phase(db, pupil, 1, o);
	assert_ok(st_outcome_rate(db, o[0], "achieved", NULL, &err), err);
	st_review r = {ST_DECISION_EXIT, D("2026-09-09"), 0, NULL, NULL, NULL, ST_DATE_NONE};
	assert_ok(st_cycle_review(db, pupil, &r, &next, &err), err);
	assert_int_equal(next, 0);
	st_pupil *p;
	assert_ok(st_pupil_get(db, pupil, &p, &err), err);
	assert_int_equal(p->status, 'N');
	assert_int_equal(p->status_since, D("2026-09-09"));
	st_pupil_free(p);
	int64_t total = -1;
	int over = 1;
	assert_ok(st_provision_annual_total(db, pupil, D("2026-09-10"), &total, &over, &err), err);
	assert_int_equal(total, 0);
	assert_false(over);
	char phase[16];
	assert_string_equal(phase_of(db, pupil, phase), "none");
	/* at N, no new cycle can be opened */
	assert_error(st_cycle_open(db, pupil, D("2026-09-10"), &cyc, &err), err, ST_ERULE,
		     "is not on the SEN register");
	st_db_free(db);
}

static void review_ehcna_records_request_and_continues(void **state)
{
	(void)state;
	int64_t pupil, cyc, o[1], next = 0;
	st_db *db = setup(&pupil);
	st_error err;
	assert_ok(st_cycle_open(db, pupil, D("2026-09-02"), &cyc, &err), err);
	to_do_phase(db, pupil, 1, o);
	assert_ok(st_outcome_rate(db, o[0], "not-achieved", NULL, &err), err);
	st_review r = {ST_DECISION_EHCNA, D("2026-09-09"), 0, NULL, NULL, NULL, ST_DATE_NONE};
	assert_ok(st_cycle_review(db, pupil, &r, &next, &err), err);
	assert_true(next > 0);
	struct outcomes s = {0};
	assert_ok(st_outcome_list(db, pupil, 0, collect_outcome, &s, &err), err);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.origin[0], o[0]);
	st_db_free(db);
}

static void review_close_opens_nothing(void **state)
{
	(void)state;
	int64_t pupil, cyc, o[1], next = 5;
	st_db *db = setup(&pupil);
	st_error err;
	assert_ok(st_cycle_open(db, pupil, D("2026-09-02"), &cyc, &err), err);
	to_do_phase(db, pupil, 1, o);
	assert_ok(st_outcome_rate(db, o[0], "partially", NULL, &err), err);
	st_review r = {ST_DECISION_CLOSE, D("2026-09-09"), 0, NULL, NULL, NULL, ST_DATE_NONE};
	assert_ok(st_cycle_review(db, pupil, &r, &next, &err), err);
	assert_int_equal(next, 0);
	char phase[16];
	assert_string_equal(phase_of(db, pupil, phase), "none");
	st_pupil *p;
	assert_ok(st_pupil_get(db, pupil, &p, &err), err);
	assert_int_equal(p->status, 'K'); /* close leaves the register alone */
	st_pupil_free(p);
	assert_error(st_cycle_review(db, pupil, &r, &next, &err), err, ST_ERULE, "has no open cycle");
	st_db_free(db);
}

static int count_cycle(const st_cycle *c, void *payload)
{
	(void)c;
	(*(int *)payload)++;
	return 0;
}

static void phase_shows_review_from_the_review_date(void **state)
{
	(void)state;
	int64_t pupil, cyc, o[1];
	st_db *db = setup(&pupil);
	st_error err;
	char phase[16];
	assert_ok(st_cycle_open(db, pupil, D("2026-09-02"), &cyc, &err), err);
	to_do_phase(db, pupil, 1, o);
	assert_string_equal(phase_of(db, pupil, phase), "do");
	/* --phase: the stored do prefilters both do and review, the rule decides */
	st_cycle_filter f = {"do", ST_DATE_NONE, 0, NULL};
	int n = 0;
	assert_ok(st_cycle_list(db, &f, count_cycle, &n, &err), err);
	assert_int_equal(n, 1);
	f.phase = "review";
	n = 0;
	assert_ok(st_cycle_list(db, &f, count_cycle, &n, &err), err);
	assert_int_equal(n, 0);
	st_db_set_today(db, D("2026-12-01"));
	assert_string_equal(phase_of(db, pupil, phase), "review");
	n = 0;
	assert_ok(st_cycle_list(db, &f, count_cycle, &n, &err), err);
	assert_int_equal(n, 1);
	f.phase = "do";
	n = 0;
	assert_ok(st_cycle_list(db, &f, count_cycle, &n, &err), err);
	assert_int_equal(n, 0);
	st_cycle_filter overdue = {NULL, ST_DATE_NONE, 1, NULL};
	assert_ok(st_cycle_list(db, &overdue, count_cycle, &n, &err), err);
	assert_int_equal(n, 0); /* due today is not overdue */
	st_db_set_today(db, D("2026-12-02"));
	assert_ok(st_cycle_list(db, &overdue, count_cycle, &n, &err), err);
	assert_int_equal(n, 1);
	st_db_free(db);
}

static void decisions_parse(void **state)
{
	(void)state;
	st_decision d;
	st_error err;
	assert_ok(st_decision_parse("--decision", "ehcna", &d, &err), err);
	assert_int_equal(d, ST_DECISION_EHCNA);
	assert_string_equal(st_decision_name(d), "ehcna");
	/* any case, as people type it (issue 16) */
	assert_ok(st_decision_parse("--decision", "Continue", &d, &err), err);
	assert_int_equal(d, ST_DECISION_CONTINUE);
	assert_error(st_decision_parse("--decision", "carry-on", &d, &err), err, ST_EINVAL,
		     "--decision carry-on: not a decision");
}

/* SMART outcomes (Code 6.48, 9.66): the plan names each outcome lacking a
 * measure or a target date; outcome edit completes them (assess or plan). */
static void plan_needs_smart_outcomes(void **state)
{
	(void)state;
	int64_t pupil, cyc, o1, o2;
	st_db *db = setup(&pupil);
	st_error err;
	assert_ok(st_cycle_open(db, pupil, D("2026-09-02"), &cyc, &err), err);
	assert_ok(st_cycle_assess(db, pupil, "Gaps", NULL, NULL, D("2026-09-03"), &err), err);
	assert_ok(st_outcome_add(db, pupil, "Reads", "CL", NULL, ST_DATE_NONE, &o1, &err), err);
	assert_ok(st_outcome_add(db, pupil, "Spells", "CL", "20 words", ST_DATE_NONE, &o2, &err),
		  err);
	assert_error(st_cycle_plan(db, pupil, D("2026-12-01"), D("2026-09-04"), 0, 0, &err), err,
		     ST_ERULE, "outcomes must be SMART before the plan (Code 6.48, 9.66): #1 lacks a "
		     "measure and a target date; #2 lacks a target date");
	assert_error(st_outcome_edit(db, o1, NULL, NULL, NULL, ST_DATE_NONE, &err), err, ST_EUSAGE,
		     "nothing to change");
	assert_error(st_outcome_edit(db, o1, NULL, NULL, "40 wpm", D("2026-09-09"), &err), err,
		     ST_ERULE, "--by 2026-09-09: is in the past");
	/* the boundary: a target date of today is allowed */
	assert_ok(st_outcome_edit(db, o1, NULL, NULL, "40 wpm", D("2026-09-10"), &err), err);
	assert_error(st_cycle_plan(db, pupil, D("2026-12-01"), D("2026-09-04"), 0, 0, &err), err,
		     ST_ERULE, "#2 lacks a target date;");
	assert_ok(st_outcome_edit(db, o2, "Spells phase 5 words", "cl", NULL, D("2026-12-01"), &err),
		  err);
	st_plan p = {D("2026-12-01"), D("2026-09-04"), 0, 0, "Precision teaching daily", "Ms Lee"};
	assert_ok(st_cycle_plan_full(db, pupil, &p, &err), err);
	st_cycle *c;
	assert_ok(st_cycle_get(db, pupil, 0, &c, &err), err);
	assert_string_equal(c->strategies, "Precision teaching daily");
	assert_string_equal(c->lead, "Ms Lee");
	st_cycle_free(c);
	add_provision(db, pupil, "2026-09-04");
	assert_ok(st_cycle_do(db, pupil, D("2026-09-04"), &err), err);
	assert_error(st_outcome_edit(db, o1, "x", NULL, NULL, ST_DATE_NONE, &err), err, ST_ERULE,
		     "outcomes are edited in the assess or plan phase");
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plan_needs_smart_outcomes),
		cmocka_unit_test(open_needs_register_and_one_open_cycle),
		cmocka_unit_test(assess_then_plan_rules),
		cmocka_unit_test(reschedule_keeps_the_old_date),
		cmocka_unit_test(do_needs_active_provision),
		cmocka_unit_test(review_continue_carries_unmet_outcomes),
		cmocka_unit_test(review_exit_moves_to_n_and_ends_provision),
		cmocka_unit_test(review_ehcna_records_request_and_continues),
		cmocka_unit_test(review_close_opens_nothing),
		cmocka_unit_test(phase_shows_review_from_the_review_date),
		cmocka_unit_test(decisions_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
