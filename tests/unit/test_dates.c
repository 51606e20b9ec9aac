/* test_dates.c - dates at the edges: the audit log's --since in local
 * time, the EHC plan review message, events never in the future, planned
 * dates bounded, arithmetic that cannot wrap. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "support.h"
#include "internal.h"
#include "store.h"

static void keep_last(int kind, const char *message, void *payload)
{
	if (kind == ST_IMPORT_ERROR)
		snprintf(payload, 512, "%s", message);
}

static int count_entries(const st_audit_entry *e, void *payload)
{
	(void)e;
	++*(int *)payload;
	return 0;
}

/* An entry typed at 00:30 BST on 2 July is 23:30 UTC on 1 July: --since
 * 2026-07-02 (a local day) includes it, and excludes the one an hour earlier. */
static void log_since_is_a_local_day(void **state)
{
	(void)state;
	setenv("TZ", "Europe/London", 1);
	tzset();
	char buf[32];
	assert_int_equal(st__audit_local_midnight_utc(D("2026-07-02"), buf), ST_OK);
	assert_string_equal(buf, "2026-07-01T23:00:00Z");
	assert_int_equal(st__audit_local_midnight_utc(D("2026-12-02"), buf), ST_OK);
	assert_string_equal(buf, "2026-12-02T00:00:00Z");
	st_db *db = test_db("2026-07-02");
	st_error err;
	st_audit_entry before = {.entered_at = "2026-07-01T22:30:00Z", .user = "t", .command = "c",
				 .action = "insert", .entity = "pupil", .event_date = ST_DATE_NONE};
	st_audit_entry after = before;
	after.entered_at = "2026-07-01T23:30:00Z";
	assert_ok(st__store_audit_insert(db->store, &before, &err), err);
	assert_ok(st__store_audit_insert(db->store, &after, &err), err);
	st_audit_filter f = {0, D("2026-07-02"), 0};
	int n = 0;
	assert_ok(st_audit_list(db, &f, count_entries, &n, &err), err);
	assert_int_equal(n, 1);
	st_db_free(db);
	unsetenv("TZ");
	tzset();
}

/* The message names the review date and the plan date, each once. */
static void ehcp_review_before_plan_names_both_dates(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Amir", "Khan", "4");
	assert_ok(st_register_add(db, id, 'E', D("2026-04-01"), D("2026-04-01"), D("2026-04-01"),
				  NULL, &err), err);
	assert_error(st_ehcp_review_add(db, id, D("2026-03-31"), 0, NULL, NULL, &err), err,
		     ST_ERULE, "--date 2026-03-31: is before the EHC plan date 2026-04-01");
	st_db_free(db);
}

/* Day and year arithmetic stays inside 1900-2999: never wraps. */
static void date_arithmetic_never_wraps(void **state)
{
	(void)state;
	st_date d = 0;
	assert_int_equal(st_date_add_years(D("2024-02-29"), 1, &d), ST_OK);
	assert_int_equal(d, D("2025-02-28"));
	assert_int_equal(st_date_add_years(D("2998-12-30"), 1, &d), ST_OK);
	assert_int_equal(d, D("2999-12-30"));
	assert_int_equal(st_date_add_years(D("2999-12-30"), 1, &d), ST_EINVAL);
	assert_int_equal(st_date_add_years(D("1900-01-01"), -1, &d), ST_EINVAL);
	assert_int_equal(st_date_add_years(D("2000-01-01"), INT32_MAX, &d), ST_EINVAL);
	assert_int_equal(st_date_add_days(D("2999-12-30"), 1, &d), ST_OK);
	assert_int_equal(d, D("2999-12-31"));
	assert_int_equal(st_date_add_days(D("2999-12-31"), 1, &d), ST_EINVAL);
	assert_int_equal(st_date_add_days(D("1900-01-01"), -1, &d), ST_EINVAL);
	assert_int_equal(st_date_add_days(D("2026-01-01"), INT32_MAX, &d), ST_EINVAL);
	assert_int_equal(st_date_add_days(D("2026-01-01"), INT32_MIN + 1, &d), ST_EINVAL);
	assert_int_equal(st_date_add_days(ST_DATE_NONE, 1, &d), ST_EINVAL);
}

/* An EHC plan at the end of the calendar: its annual review falls after
 * 2999, so check reports nothing for it (it used to read an unset date). */
static void check_near_the_end_of_the_calendar(void **state)
{
	(void)state;
	st_db *db = test_db("2999-12-31");
	st_error err;
	int64_t id = test_pupil(db, "Amir", "Khan", "4");
	assert_ok(st_register_add(db, id, 'E', D("2999-12-30"), D("2999-12-30"), D("2999-12-30"),
				  NULL, &err), err);
	st_finding *f = NULL;
	size_t n = 0;
	assert_ok(st_check_run(db, NULL, &f, &n, &err), err);
	for (size_t i = 0; i < n; i++)
		if (f[i].rule == ST_RULE_EHCP_ANNUAL_REVIEW)
			fail_msg("annual review finding: %s", f[i].detail);
	st_check_free(f, n);
	st_db_free(db);
}

/* What happened is never in the future: today passes, tomorrow does not. */
static void events_are_never_in_the_future(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.surname = "Lee", f.forename = "Sam", f.year = "3", f.dob = D("2018-01-01");
	f.joined = D("2026-11-26");
	int64_t id;
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_ERULE,
		     "--joined 2026-11-26: is in the future (today is 2026-11-25)");
	f.joined = D("2026-11-25");
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	assert_error(st_register_add(db, id, 'E', D("2026-11-25"), ST_DATE_NONE, D("2026-11-26"),
				     NULL, &err), err, ST_ERULE, "--plan-date 2026-11-26: is in the future");
	assert_error(st_register_add(db, id, 'E', D("2026-11-26"), ST_DATE_NONE, D("2026-11-25"),
				     NULL, &err), err, ST_ERULE, "--date 2026-11-26: is in the future");
	assert_ok(st_register_add(db, id, 'E', D("2026-11-25"), D("2026-11-25"), D("2026-11-25"),
				  NULL, &err), err);
	/* an MIS file: each date column by its own name */
	static const char *const csv[] = {
		"Surname,Forename,DOB,Year,Admission Date\nLee,Ann,01/01/2018,3,26/11/2026\n",
		"Surname,Forename,DOB,Year,SEN Status,Status Since\nLee,Ann,01/01/2018,3,K,26/11/2026\n",
		"Surname,Forename,DOB,Year,SEN Status,Parents Informed\nLee,Ann,01/01/2018,3,K,"
		"26/11/2026\n",
		"Surname,Forename,DOB,Year,SEN Status,EHC Plan Date\nLee,Ann,01/01/2018,3,E,30/12/2999\n",
	};
	static const char *const want[] = {
		"Admission Date 26/11/2026: is in the future", "Status Since 26/11/2026: is in the future",
		"Parents Informed 26/11/2026: is in the future", "EHC Plan Date 30/12/2999: is in the future",
	};
	for (int i = 0; i < 4; i++) {
		FILE *in = fmemopen((void *)csv[i], strlen(csv[i]), "r");
		st_import_counts n;
		char last[512] = "";
		assert_int_equal(st_import_pupils(db, "t.csv", in, NULL, keep_last, last, &n, &err),
				 ST_EINVAL);
		fclose(in);
		if (!strstr(last, want[i]))
			fail_msg("\"%s\" lacks \"%s\"", last, want[i]);
	}
	st_db_free(db);
}

/* Planned dates may be ahead, at most 10 years: today + 10 years passes,
 * the day after does not. */
static void planned_dates_are_bounded(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t pupil = test_pupil(db, "Amir", "Khan", "4"), id;
	st_provision p = {.pupil_id = pupil, .name = "Precision teaching", .staff_role = "TA",
			  .sessions_per_week = 3, .minutes = 20, .group_size = 1,
			  .hourly_cost_pence = 1550, .start = D("2036-11-26"), .end = ST_DATE_NONE};
	assert_error(st_provision_add(db, &p, &id, &err), err, ST_ERULE,
		     "--start 2036-11-26: is more than 10 years ahead (today is 2026-11-25)");
	p.start = D("2026-11-25");
	p.end = D("2036-11-26");
	assert_error(st_provision_add(db, &p, &id, &err), err, ST_ERULE, "--end 2036-11-26: is more");
	p.end = D("2036-11-25");
	assert_ok(st_provision_add(db, &p, &id, &err), err);
	assert_ok(st_register_add(db, pupil, 'K', D("2026-11-19"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	assert_ok(st_cycle_open(db, pupil, D("2026-11-20"), NULL, &err), err);
	assert_ok(st_cycle_assess(db, pupil, "Phonics", NULL, NULL, D("2026-11-21"), &err), err);
	assert_error(st_outcome_add(db, pupil, "Reads", NULL, NULL, D("2036-11-26"), &id, &err), err,
		     ST_ERULE, "--by 2036-11-26: is more than 10 years ahead");
	assert_ok(st_outcome_add(db, pupil, "Reads", NULL, "40 wpm", D("2036-11-25"), &id, &err), err);
	assert_error(st_cycle_plan(db, pupil, D("2036-11-26"), D("2026-11-22"), 0, 1, &err), err,
		     ST_ERULE, "--review-date 2036-11-26: is more than 10 years ahead");
	assert_ok(st_cycle_plan(db, pupil, D("2036-11-25"), D("2026-11-22"), 0, 1, &err), err);
	assert_error(st_specialist_add(db, pupil, "EP", D("2026-11-25"), D("2036-11-26"), NULL, &id,
				       &err), err, ST_ERULE, "--date 2036-11-26: is more than 10");
	assert_ok(st_specialist_add(db, pupil, "EP", D("2026-11-25"), D("2026-11-26"), NULL, &id,
				    &err), err);
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(log_since_is_a_local_day),
		cmocka_unit_test(ehcp_review_before_plan_names_both_dates),
		cmocka_unit_test(date_arithmetic_never_wraps),
		cmocka_unit_test(check_near_the_end_of_the_calendar),
		cmocka_unit_test(events_are_never_in_the_future),
		cmocka_unit_test(planned_dates_are_bounded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
