/* test_register.c - the SEN register: dated history and its rules. */
#include <string.h>
#include "support.h"

struct history {
	int n;
	char status[8];
	st_date informed[8];
};

static int collect(const st_register_event *e, void *payload)
{
	struct history *h = payload;
	if (h->n < 8) {
		h->status[h->n] = e->status;
		h->informed[h->n] = e->parents_informed;
	}
	h->n++;
	return 0;
}

static void places_informs_and_removes_as_history(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Amir", "Khan", "4"), ev = 0;
	assert_ok(st_register_add(db, id, 'K', D("2025-09-15"), ST_DATE_NONE, ST_DATE_NONE, &ev,
				  &err), err);
	assert_true(ev > 0);
	assert_ok(st_register_inform(db, id, D("2025-09-16"), &err), err);
	assert_error(st_register_inform(db, id, D("2025-09-17"), &err), err, ST_ERULE,
		     "already recorded as informed on 2025-09-16");
	assert_ok(st_register_add(db, id, 'E', D("2026-03-01"), D("2026-03-01"), D("2026-02-20"),
				  NULL, &err), err);
	st_register_change off = {'N', D("2026-07-10"), ST_DATE_NONE, ST_DATE_NONE, D("2026-07-01"),
				  "outcomes met", "command"};
	assert_ok(st_register_apply(db, id, &off, NULL, &err), err);
	struct history h = {0};
	assert_ok(st_register_history(db, id, collect, &h, &err), err);
	assert_int_equal(h.n, 3);
	assert_memory_equal(h.status, "KEN", 3);
	assert_int_equal(h.informed[0], D("2025-09-16"));
	st_pupil *p;
	assert_ok(st_pupil_get(db, id, &p, &err), err);
	assert_int_equal(p->status, 'N');
	assert_int_equal(p->status_since, D("2026-07-10"));
	st_pupil_free(p);
	st_db_free(db);
}

static void refuses_rule_violations(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Zoë", "Brown", "4");
	assert_error(st_register_remove(db, id, D("2026-11-01"), NULL, NULL, &err), err, ST_ERULE,
		     "is not on the SEN register");
	assert_error(st_register_inform(db, id, D("2026-11-01"), &err), err, ST_ERULE,
		     "is not on the SEN register");
	assert_error(st_register_add(db, id, 'K', D("2026-11-26"), ST_DATE_NONE, ST_DATE_NONE,
				     NULL, &err), err, ST_ERULE, "--date 2026-11-26: is in the future");
	assert_error(st_register_add(db, id, 'E', D("2026-11-01"), ST_DATE_NONE, ST_DATE_NONE,
				     NULL, &err), err, ST_EUSAGE, "--plan-date: is required for status E");
	assert_error(st_register_add(db, id, 'K', D("2026-11-01"), ST_DATE_NONE, D("2026-10-01"),
				     NULL, &err), err, ST_ERULE, "--plan-date: only applies to status E");
	assert_error(st_register_add(db, id, 'N', D("2026-11-01"), ST_DATE_NONE, ST_DATE_NONE,
				     NULL, &err), err, ST_EINVAL, "register add takes K or E");
	assert_error(st_register_add(db, id, 'K', D("2026-11-01"), D("2026-12-01"), ST_DATE_NONE,
				     NULL, &err), err, ST_ERULE, "--parents-informed 2026-12-01: is in the future");
	assert_error(st_register_add(db, id, 'K', D("2010-01-01"), ST_DATE_NONE, ST_DATE_NONE,
				     NULL, &err), err, ST_ERULE, "before the date of birth");
	assert_ok(st_register_add(db, id, 'K', D("2026-11-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	assert_error(st_register_add(db, id, 'K', D("2026-11-02"), ST_DATE_NONE, ST_DATE_NONE,
				     NULL, &err), err, ST_ERULE, "already at K (SEN support) since 2026-11-01");
	assert_error(st_register_remove(db, id, D("2026-10-31"), NULL, NULL, &err), err, ST_ERULE,
		     "is before the last register change");
	assert_error(st_register_inform(db, id, D("2026-10-30"), &err), err, ST_ERULE,
		     "is before the placement");
	assert_error(st_register_add(db, 999, 'K', D("2026-11-01"), ST_DATE_NONE, ST_DATE_NONE,
				     NULL, &err), err, ST_ENOTFOUND, "no such pupil");
	struct history h = {0};
	assert_ok(st_register_history(db, id, collect, &h, &err), err);
	assert_int_equal(h.n, 1);
	st_db_free(db);
}

/* Only the LA ceases an EHC plan (Code 9.199): leaving E needs its decision
 * date, on or before the change, not before the plan, not in the future. */
static void only_the_la_ceases_an_ehc_plan(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Amir", "Khan", "4"), ev = 0;
	assert_ok(st_register_add(db, id, 'E', D("2026-03-01"), D("2026-03-01"), D("2026-02-20"),
				  NULL, &err), err);
	assert_error(st_register_remove(db, id, D("2026-11-25"), NULL, NULL, &err), err, ST_ERULE,
		     "only the local authority ceases an EHC plan (Code 9.199-9.210)");
	assert_error(st_register_add(db, id, 'K', D("2026-11-25"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				     &err), err, ST_ERULE, "give --ceased-by-la DATE");
	st_register_change to_k = {'K', D("2026-11-20"), ST_DATE_NONE, ST_DATE_NONE, D("2026-11-21"),
				   "needs met at SEN support", "command"};
	assert_error(st_register_apply(db, id, &to_k, NULL, &err), err, ST_ERULE,
		     "--ceased-by-la 2026-11-21: is after the register change (2026-11-20)");
	to_k.ceased_by_la = D("2026-02-19");
	assert_error(st_register_apply(db, id, &to_k, NULL, &err), err, ST_ERULE,
		     "is before the EHC plan date 2026-02-20");
	to_k.date = D("2026-11-25");
	to_k.ceased_by_la = D("2026-11-26");
	assert_error(st_register_apply(db, id, &to_k, NULL, &err), err, ST_ERULE,
		     "--ceased-by-la 2026-11-26: is in the future");
	to_k.ceased_by_la = D("2026-11-25"); /* the boundary: decided the same day */
	assert_ok(st_register_apply(db, id, &to_k, &ev, &err), err);
	st_register_event cur;
	assert_ok(st_register_current(db, id, &cur, &err), err);
	assert_int_equal(cur.status, 'K');
	assert_int_equal(cur.ceased_by_la, D("2026-11-25"));
	/* at K the option has nothing to cease */
	st_register_change to_n = {'N', D("2026-11-25"), ST_DATE_NONE, ST_DATE_NONE,
				   D("2026-11-25"), NULL, "command"};
	assert_error(st_register_apply(db, id, &to_n, NULL, &err), err, ST_ERULE,
		     "--ceased-by-la: only applies when a pupil leaves E");
	st_db_free(db);
}

static void leavers_cannot_change_status(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Luca", "Rossi", "6");
	assert_ok(st_pupil_leave(db, id, D("2026-07-17"), &err), err);
	assert_error(st_register_add(db, id, 'K', D("2026-11-01"), ST_DATE_NONE, ST_DATE_NONE,
				     NULL, &err), err, ST_ERULE, "left on 2026-07-17");
	st_db_free(db);
}

static void parses_statuses(void **state)
{
	(void)state;
	char s = 0;
	st_error err;
	assert_ok(st_register_parse_status("--status", "k", &s, &err), err);
	assert_int_equal(s, 'K');
	assert_ok(st_register_parse_status("--status", "E", &s, &err), err);
	assert_int_equal(s, 'E');
	assert_error(st_register_parse_status("--status", "S", &s, &err), err, ST_EINVAL,
		     "--status S: not a register status");
	assert_error(st_register_parse_status("--status", "KE", &s, &err), err, ST_EINVAL,
		     "not a register status");
	assert_error(st_register_parse_status("--status", "", &s, &err), err, ST_EINVAL,
		     "not a register status");
}

struct audit_seen {
	int n;
	int has_register_insert;
};

static int audit_cb(const st_audit_entry *e, void *payload)
{
	struct audit_seen *a = payload;
	a->n++;
	if (strcmp(e->entity, "register_event") == 0 && strcmp(e->action, "insert") == 0 &&
	    e->event_date == D("2026-01-05") && strcmp(e->user, "tester") == 0)
		a->has_register_insert = 1;
	return 0;
}

static void every_write_is_audited_with_its_event_date(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Amir", "Khan", "4");
	assert_ok(st_register_add(db, id, 'K', D("2026-01-05"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	struct audit_seen a = {0};
	st_audit_filter f = {id, ST_DATE_NONE, 0};
	assert_ok(st_audit_list(db, &f, audit_cb, &a, &err), err);
	assert_int_equal(a.n, 2); /* pupil insert + register insert */
	assert_true(a.has_register_insert);
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(places_informs_and_removes_as_history),
		cmocka_unit_test(refuses_rule_violations),
		cmocka_unit_test(only_the_la_ceases_an_ehc_plan),
		cmocka_unit_test(leavers_cannot_change_status),
		cmocka_unit_test(parses_statuses),
		cmocka_unit_test(every_write_is_audited_with_its_event_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
