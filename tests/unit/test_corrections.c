/* test_corrections.c - corrections without rewriting history (issue 16):
 * the rules of a register history, entries made in error, provision edited
 * or entered in error, a leaver's provision and cycle, cycle names and the
 * CSV guard read back. Expected dates and pence are worked out by hand. */
#include <string.h>
#include "support.h"

static st_register_event ev(char status, const char *date, const char *ceased)
{
	st_register_event e;
	memset(&e, 0, sizeof e);
	e.status = status;
	e.date = D(date);
	e.plan_date = status == 'E' ? D(date) : ST_DATE_NONE;
	e.parents_informed = ST_DATE_NONE;
	e.ceased_by_la = ceased ? D(ceased) : ST_DATE_NONE;
	e.voided_on = ST_DATE_NONE;
	return e;
}

static void history_rules(void **state)
{
	(void)state;
	st_error err;
	st_register_event h[4];
	memset(h, 0, sizeof h);
	assert_ok(st_register_history_check(h, 0, &err), err); /* never on the register */
	h[0] = ev('K', "2026-09-01", NULL);
	assert_ok(st_register_history_check(h, 1, &err), err);
	h[0] = ev('N', "2026-09-01", NULL);
	assert_error(st_register_history_check(h, 1, &err), err, ST_ERULE,
		     "would start with N on 2026-09-01");
	h[0] = ev('K', "2026-09-01", NULL);
	h[1] = ev('K', "2026-09-01", NULL); /* the same day is still twice */
	assert_error(st_register_history_check(h, 2, &err), err, ST_ERULE,
		     "K (SEN support) on 2026-09-01 followed by K (SEN support) again on 2026-09-01");
	h[1] = ev('N', "2026-09-02", NULL);
	h[2] = ev('E', "2026-09-03", NULL);
	assert_ok(st_register_history_check(h, 3, &err), err);
	h[3] = ev('K', "2026-09-04", NULL);
	assert_error(st_register_history_check(h, 4, &err), err, ST_ERULE,
		     "E on 2026-09-03 followed by K on 2026-09-04 with no decision of the LA");
	h[3] = ev('K', "2026-09-04", "2026-09-04");
	assert_ok(st_register_history_check(h, 4, &err), err);
	h[2] = ev('K', "2026-09-03", "2026-09-03"); /* ceased, but the pupil was at N */
	assert_error(st_register_history_check(h, 3, &err), err, ST_ERULE,
		     "ceased by the LA on 2026-09-03 when the pupil was at N, not E");
}

static st_pupil *pupil(st_db *db, int64_t id)
{
	st_pupil *p;
	st_error err;
	assert_ok(st_pupil_get(db, id, &p, &err), err);
	return p;
}

static void voiding_recomputes_the_status(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Amir", "Khan", "4"), k = 0, n = 0, e = 0;
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), D("2026-09-01"), ST_DATE_NONE, &k,
				  &err), err);
	assert_ok(st_need_add(db, id, "SPLD", 1, &err), err);
	assert_ok(st_register_remove(db, id, D("2026-10-01"), "by mistake", &n, &err), err);
	assert_error(st_register_void(db, n, "", &err), err, ST_EINVAL, "--reason");
	assert_ok(st_register_void(db, n, "never removed", &err), err);
	st_pupil *p = pupil(db, id);
	assert_int_equal(p->status, 'K');
	assert_int_equal(p->status_since, D("2026-09-01"));
	assert_string_equal(p->primary_need, "SPLD"); /* the move to N had ended it */
	assert_int_equal(p->parents_informed, D("2026-09-01"));
	st_pupil_free(p);
	assert_error(st_register_void(db, n, "again", &err), err, ST_ERULE,
		     "was already marked entered in error on 2026-11-25 (never removed)");
	/* a new change follows the remaining history: K, so E is the next */
	assert_ok(st_register_add(db, id, 'E', D("2026-10-01"), D("2026-10-01"), D("2026-09-30"),
				  &e, &err), err);
	assert_ok(st_register_void(db, e, "plan not issued", &err), err);
	p = pupil(db, id);
	assert_int_equal(p->status, 'K');
	st_pupil_free(p);
	/* off the register with a need recorded: refused */
	assert_error(st_register_void(db, k, "x", &err), err, ST_ERULE,
		     "has needs recorded (SPLD)");
	assert_error(st_register_void(db, 999, "x", &err), err, ST_ENOTFOUND, "EVENT 999");
	st_db_free(db);
}

static void voiding_refuses_a_leaver(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Zoë", "Brown", "4"), k = 0;
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), D("2026-09-01"), ST_DATE_NONE, &k,
				  &err), err);
	assert_ok(st_pupil_leave(db, id, D("2026-11-20"), &err), err);
	assert_error(st_register_void(db, k, "x", &err), err, ST_ERULE, "left on 2026-11-20");
	st_db_free(db);
}

static int64_t add_provision(st_db *db, int64_t pupil_id, const char *start, const char *end)
{
	st_provision p = {.pupil_id = pupil_id, .name = "Reading", .staff_role = "TA",
			  .sessions_per_week = 3, .minutes = 30, .group_size = 4,
			  .hourly_cost_pence = 1500, .start = D(start),
			  .end = end ? D(end) : ST_DATE_NONE};
	int64_t id = 0;
	st_error err;
	assert_ok(st_provision_add(db, &p, &id, &err), err);
	return id;
}

static st_provision no_change(void)
{
	st_provision c = {.start = ST_DATE_NONE, .end = ST_DATE_NONE, .hourly_cost_pence = -1};
	return c;
}

struct seen {
	int n;
	st_date end;
	st_date voided_on;
};

static int see(const st_provision *p, void *payload)
{
	struct seen *s = payload;
	s->n++;
	s->end = p->end;
	s->voided_on = p->voided_on;
	return 0;
}

static void provision_edit_and_void(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t pupil_id = test_pupil(db, "Amir", "Khan", "4");
	int64_t v = add_provision(db, pupil_id, "2026-09-02", NULL);
	int64_t pence = 0;
	/* 3 x 30 min x £15 / 4 = 562.5p -> 563p a week, x 38 = 21394p */
	assert_ok(st_provision_annual_total(db, pupil_id, D("2026-11-25"), &pence, NULL, &err), err);
	assert_int_equal(pence, 21394);
	st_provision c = no_change();
	assert_error(st_provision_edit(db, v, &c, &err), err, ST_EUSAGE, "nothing to change");
	c.end = D("2026-09-01"); /* the day before the start */
	assert_error(st_provision_edit(db, v, &c, &err), err, ST_ERULE,
		     "--end 2026-09-01: is before the start 2026-09-02");
	c.end = D("2026-09-02"); /* the start day itself: one day of provision */
	assert_ok(st_provision_edit(db, v, &c, &err), err);
	c = no_change();
	c.sessions_per_week = 2;
	c.hourly_cost_pence = 1800;
	c.end = D("2026-12-18");
	assert_ok(st_provision_edit(db, v, &c, &err), err);
	/* 2 x 30 min x £18 / 4 = 450p a week, x 38 = 17100p */
	assert_ok(st_provision_annual_total(db, pupil_id, D("2026-11-25"), &pence, NULL, &err), err);
	assert_int_equal(pence, 17100);
	assert_ok(st_provision_void(db, v, NULL, &err), err);
	assert_ok(st_provision_annual_total(db, pupil_id, D("2026-11-25"), &pence, NULL, &err), err);
	assert_int_equal(pence, 0);
	struct seen s = {0};
	assert_ok(st_provision_list(db, pupil_id, ST_DATE_NONE, see, &s, &err), err);
	assert_int_equal(s.n, 0);
	assert_ok(st_provision_list_with_void(db, pupil_id, ST_DATE_NONE, see, &s, &err), err);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.voided_on, D("2026-11-25"));
	c = no_change();
	c.minutes = 20;
	assert_error(st_provision_edit(db, v, &c, &err), err, ST_ERULE, "entered in error");
	assert_error(st_provision_void(db, v, "twice", &err), err, ST_ERULE, "entered in error");
	assert_error(st_provision_end(db, v, D("2026-11-25"), &err), err, ST_ERULE,
		     "entered in error");
	st_db_free(db);
}

static int first_id(const st_provision *p, void *payload)
{
	*(int64_t *)payload = p->id;
	return 0;
}

static void a_leaver_stops_on_the_leaving_date(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Zoë", "Brown", "4"), cycle = 0;
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), D("2026-09-01"), ST_DATE_NONE, NULL,
				  &err), err);
	add_provision(db, id, "2026-09-02", NULL);
	add_provision(db, id, "2026-09-02", "2026-10-01"); /* ended before: left alone */
	add_provision(db, id, "2026-11-23", NULL);        /* starts after the leaving date */
	assert_ok(st_cycle_open(db, id, D("2026-09-02"), &cycle, &err), err);
	assert_ok(st_pupil_leave(db, id, D("2026-11-20"), &err), err);
	struct seen s = {0};
	assert_ok(st_provision_list(db, id, D("2026-11-20"), see, &s, &err), err);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.end, D("2026-11-20")); /* active on its last day */
	s = (struct seen){0};
	assert_ok(st_provision_list(db, id, D("2026-09-15"), see, &s, &err), err);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.end, D("2026-10-01"));
	s = (struct seen){0};
	assert_ok(st_provision_list(db, id, D("2026-11-23"), see, &s, &err), err);
	assert_int_equal(s.end, D("2026-11-23")); /* never ran: ends on its start */
	/* the school's map counts a pupil up to the day before the leaving date */
	int64_t found = 0;
	assert_ok(st_provision_list(db, 0, D("2026-11-19"), first_id, &found, &err), err);
	assert_true(found > 0);
	found = 0;
	assert_ok(st_provision_list(db, 0, D("2026-11-20"), first_id, &found, &err), err);
	assert_int_equal(found, 0);
	st_cycle *c;
	assert_ok(st_cycle_get(db, id, 1, &c, &err), err);
	assert_string_equal(c->phase, "closed");
	assert_string_equal(c->decision, "left");
	assert_int_equal(c->closed_on, D("2026-11-20"));
	assert_int_equal(c->reviewed_on, ST_DATE_NONE); /* no review was held */
	char name[300];
	assert_string_equal(st_cycle_name(c, name, sizeof name), "cycle 1 of Zoë Brown (#1)");
	st_cycle_free(c);
	st_db_free(db);
}

/* The governors' summary counts a leaver's provision up to the day before
 * the leaving date: 2026-09-02 to 2026-11-19 is 29 + 31 + 19 = 79 days of
 * the 365 of 2026-27; 3 x 30 min x £15 / 4 = 563p a week, x 38 = 21394p a
 * year; 21394 x 79 / 365 = 4630.48 -> 4630p. */
static void summary_counts_a_leaver_until_they_left(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Zoë", "Brown", "4");
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), D("2026-09-01"), ST_DATE_NONE, NULL,
				  &err), err);
	add_provision(db, id, "2026-09-02", NULL);
	assert_ok(st_pupil_leave(db, id, D("2026-11-20"), &err), err);
	st_summary *sum;
	assert_ok(st_summary_build(db, 2026, &sum, &err), err);
	assert_int_equal(sum->provision_pence, 4630);
	assert_int_equal(sum->k, 0); /* not on the register on 2026-11-25 */
	st_summary_free(sum);
	st_db_free(db);
}

static void csv_guard_read_back(void **state)
{
	(void)state;
	static const char *const guarded[] = {"=Jo", "-4M", "+1", "@x", "\xEF\xBC\x9D" "x",
					      " =x", "\t", "\xC2\xA0-x"};
	for (size_t i = 0; i < sizeof guarded / sizeof *guarded; i++) {
		char buf[32];
		snprintf(buf, sizeof buf, "'%s", guarded[i]);
		assert_true(st_csv_needs_guard(guarded[i]));
		assert_string_equal(st_csv_unguard(buf), guarded[i]);
	}
	/* a quote the guard did not put there stays */
	assert_string_equal(st_csv_unguard("'Brien"), "'Brien");
	assert_string_equal(st_csv_unguard("O'Brien"), "O'Brien");
	assert_string_equal(st_csv_unguard("'"), "'");
	assert_string_equal(st_csv_unguard("-4M"), "-4M");
	assert_null(st_csv_unguard(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(history_rules),
		cmocka_unit_test(voiding_recomputes_the_status),
		cmocka_unit_test(voiding_refuses_a_leaver),
		cmocka_unit_test(provision_edit_and_void),
		cmocka_unit_test(a_leaver_stops_on_the_leaving_date),
		cmocka_unit_test(summary_counts_a_leaver_until_they_left),
		cmocka_unit_test(csv_guard_read_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
