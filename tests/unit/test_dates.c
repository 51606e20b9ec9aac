/* test_dates.c - dates at the edges: the audit log's --since in local
 * time, the EHC plan review message, events never in the future, planned
 * dates bounded, arithmetic that cannot wrap. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "support.h"
#include "internal.h"
#include "store.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(log_since_is_a_local_day),
		cmocka_unit_test(ehcp_review_before_plan_names_both_dates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
