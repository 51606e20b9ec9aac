/* test_ehc.c - EHC needs assessment requests and EHC plan annual review
 * steps (issue 12): each deadline the day before, on and after it, the
 * under-5 boundary, 1 September / 15 February / 31 March; the dates are
 * worked out by hand in the comments, not copied from the program. */
#include <stdlib.h>
#include <string.h>
#include "support.h"

static int64_t pupil_born(st_db *db, const char *forename, const char *year, const char *dob)
{
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.forename = forename;
	f.surname = "Test";
	f.year = year;
	f.dob = D(dob);
	int64_t id;
	st_error err;
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	return id;
}

static int64_t at_e(st_db *db, const char *forename, const char *year, const char *dob,
		    const char *plan)
{
	int64_t id = pupil_born(db, forename, year, dob);
	st_error err;
	assert_ok(st_register_add(db, id, 'E', D(plan), D(plan), D(plan), NULL, &err), err);
	return id;
}

/* --- the date rules ----------------------------------------------------- */

static void review_due_a_year_on_or_months_under_five(void **state)
{
	(void)state;
	st_date due;
	/* fifth birthday 2026-01-11: under 5 on 2026-01-10, so 6 (or 3) months */
	assert_int_equal(st_ehcp_review_due(D("2026-01-10"), D("2021-01-11"), 6, &due), ST_OK);
	assert_int_equal(due, D("2026-07-10"));
	assert_int_equal(st_ehcp_review_due(D("2026-01-10"), D("2021-01-11"), 3, &due), ST_OK);
	assert_int_equal(due, D("2026-04-10"));
	/* fifth birthday on the day of the last review: 5, so a year */
	assert_int_equal(st_ehcp_review_due(D("2026-01-10"), D("2021-01-10"), 6, &due), ST_OK);
	assert_int_equal(due, D("2027-01-10"));
	/* 31 August plus 6 months: the last day of February, leap or not */
	assert_int_equal(st_ehcp_review_due(D("2026-08-31"), D("2022-01-01"), 6, &due), ST_OK);
	assert_int_equal(due, D("2027-02-28"));
	assert_int_equal(st_ehcp_review_due(D("2027-08-31"), D("2023-01-01"), 6, &due), ST_OK);
	assert_int_equal(due, D("2028-02-29"));
	/* 29 February plus a year */
	assert_int_equal(st_ehcp_review_due(D("2024-02-29"), D("2010-01-01"), 6, &due), ST_OK);
	assert_int_equal(due, D("2025-02-28"));
}

static void transfer_due_by_15_february_or_31_march(void **state)
{
	(void)state;
	st_date from, due;
	/* 31 August still belongs to the academic year that began 1 Sept 2025 */
	assert_int_equal(st_ehcp_transfer_due("6", D("2026-08-31"), &from, &due), ST_OK);
	assert_int_equal(from, D("2025-09-01"));
	assert_int_equal(due, D("2026-02-15"));
	assert_int_equal(st_ehcp_transfer_due("6", D("2026-09-01"), &from, &due), ST_OK);
	assert_int_equal(from, D("2026-09-01"));
	assert_int_equal(due, D("2027-02-15"));
	assert_int_equal(st_ehcp_transfer_due("11", D("2027-01-04"), &from, &due), ST_OK);
	assert_int_equal(due, D("2027-03-31"));
	assert_int_equal(st_ehcp_transfer_due("5", D("2027-01-04"), &from, &due), ST_ENOTFOUND);
	assert_int_equal(st_ehcp_transfer_due("R", D("2027-01-04"), &from, &due), ST_ENOTFOUND);
}

/* --- annual reviews ------------------------------------------------------ */

static void booking_the_meeting_10_weeks_ahead(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-01");
	st_error err;
	int64_t id;
	const st_rule r = ST_RULE_EHCP_REVIEW_STEP;
	/* plan 2025-11-25: review due 2026-11-25; booked by 70 days before,
	 * 2026-09-16 (25 days of November, 31 of October, 14 of September);
	 * due-window-days 14 from 2026-09-02 */
	int64_t kim = at_e(db, "Kim", "4", "2016-05-01", "2025-11-25");
	expect_lines(db, r, kim, "");
	test_on(db, "2026-09-02");
	expect_lines(db, r, kim, "due 2026-09-16 booking the annual review meeting is due in 14 "
		     "days (last review 2025-11-25; `sentrack ehcp schedule`)");
	test_on(db, "2026-09-16");
	expect_lines(db, r, kim, "due 2026-09-16 booking the annual review meeting is due today "
		     "(last review 2025-11-25; `sentrack ehcp schedule`)");
	test_on(db, "2026-09-17");
	expect_lines(db, r, kim, "overdue 2026-09-16 booking the annual review meeting was due 1 "
		     "day ago (last review 2025-11-25; `sentrack ehcp schedule`)");
	/* the setting moves it: 8 weeks is 56 days before, 2026-09-30 */
	assert_ok(st_config_set(db, "ehcp-book-weeks", "8", &err), err);
	expect_lines(db, r, kim, "due 2026-09-30 booking the annual review meeting is due in 13 "
		     "days (last review 2025-11-25; `sentrack ehcp schedule`)");
	/* once booked the invitations are next: 2 weeks before 2026-11-20 */
	st_date moved;
	assert_ok(st_ehcp_schedule(db, kim, D("2026-11-20"), &id, &moved, &err), err);
	assert_int_equal(moved, ST_DATE_NONE);
	expect_lines(db, r, kim, "");
	st_db_free(db);
}

static void annual_review_overdue_the_day_after(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id;
	const st_rule r = ST_RULE_EHCP_ANNUAL_REVIEW;
	int64_t kim = at_e(db, "Kim", "4", "2016-05-01", "2025-11-25");
	int64_t kai = at_e(db, "Kai", "4", "2016-05-01", "2024-02-29");
	/* due today is not yet late: the booking step chased it */
	expect_lines(db, r, kim, "");
	test_on(db, "2026-11-26");
	expect_lines(db, r, kim, "overdue 2026-11-25 EHC plan annual review was due 1 day ago "
		     "(last 2025-11-25)");
	/* 29 February 2024 falls due on 28 February 2025; to 26 November 2026
	 * is 365 + 271 days */
	expect_lines(db, r, kai, "overdue 2025-02-28 EHC plan annual review was due 636 days ago "
		     "(last 2024-02-29)");
	assert_ok(st_ehcp_review_add(db, kai, D("2026-11-20"), 0, NULL, &id, &err), err);
	expect_lines(db, r, kai, "");
	/* SEN support has no annual review */
	int64_t k = pupil_born(db, "Ann", "4", "2016-05-01");
	assert_ok(st_register_add(db, k, 'K', D("2024-01-01"), D("2024-01-01"), ST_DATE_NONE, NULL,
				  &err), err);
	expect_lines(db, r, k, "");
	st_db_free(db);
}

static void under_five_every_six_months_or_as_set(void **state)
{
	(void)state;
	st_db *db = test_db("2026-07-10");
	st_error err;
	const st_rule r = ST_RULE_EHCP_ANNUAL_REVIEW;
	/* fifth birthday 2026-01-11; plan 2026-01-10 while 4: due 2026-07-10 */
	int64_t tia = at_e(db, "Tia", "R", "2021-01-11", "2026-01-10");
	/* fifth birthday 2026-01-10: 5 on the plan date, due a year on */
	int64_t tom = at_e(db, "Tom", "R", "2021-01-10", "2026-01-10");
	expect_lines(db, r, tia, "");
	test_on(db, "2026-07-11");
	expect_lines(db, r, tia, "overdue 2026-07-10 EHC plan annual review was due 1 day ago "
		     "(last 2026-01-10)");
	expect_lines(db, r, tom, "");
	/* every 3 months: due 2026-04-10, 92 days before 2026-07-11 */
	assert_ok(st_config_set(db, "ehcp-under5-months", "3", &err), err);
	expect_lines(db, r, tia, "overdue 2026-04-10 EHC plan annual review was due 92 days ago "
		     "(last 2026-01-10)");
	assert_error(st_config_set(db, "ehcp-under5-months", "7", &err), err, ST_EINVAL, "3");
	st_db_free(db);
}

static void review_steps_before_and_after_the_meeting(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-11");
	st_error err;
	int64_t id, review;
	st_date moved;
	const st_rule r = ST_RULE_EHCP_REVIEW_STEP;
	int64_t kim = at_e(db, "Kim", "4", "2016-05-01", "2026-01-05");
	/* meeting 2026-12-10: invitations and advice by 2026-11-26, the report
	 * by 2026-12-24, the LA's decision by 2027-01-07 */
	assert_ok(st_ehcp_schedule(db, kim, D("2026-12-10"), &id, &moved, &err), err);
	expect_lines(db, r, kim, "");
	test_on(db, "2026-11-12");
	expect_lines(db, r, kim,
		     "due 2026-11-26 invitations to the annual review meeting is due in 14 days (at "
		     "least 2 weeks before the meeting on 2026-12-10, Code 9.168)\n"
		     "due 2026-11-26 advice requests for the annual review is due in 14 days (at "
		     "least 2 weeks before the meeting on 2026-12-10, Code 9.168)");
	assert_ok(st_ehcp_step_done(db, kim, "invite", D("2026-11-12"), &err), err);
	test_on(db, "2026-11-26");
	expect_lines(db, r, kim, "due 2026-11-26 advice requests for the annual review is due "
		     "today (at least 2 weeks before the meeting on 2026-12-10, Code 9.168)\n"
		     "due 2026-12-10 the annual review meeting is due in 14 days (scheduled; record "
		     "it with `sentrack ehcp review`)");
	test_on(db, "2026-11-27");
	expect_lines(db, r, kim, "overdue 2026-11-26 advice requests for the annual review was "
		     "due 1 day ago (at least 2 weeks before the meeting on 2026-12-10, Code 9.168)\n"
		     "due 2026-12-10 the annual review meeting is due in 13 days (scheduled; record "
		     "it with `sentrack ehcp review`)");
	assert_ok(st_ehcp_step_done(db, kim, "advice", D("2026-11-27"), &err), err);
	/* the meeting held: the review completes the schedule */
	test_on(db, "2026-12-10");
	assert_ok(st_ehcp_review_add(db, kim, D("2026-12-10"), 0, NULL, &review, &err), err);
	st_ehcp_schedule_row row;
	assert_ok(st_ehcp_schedule_get(db, kim, &row, &err), err);
	assert_int_equal(row.review_id, review);
	expect_lines(db, r, kim, "due 2026-12-24 the annual review report to the local authority "
		     "is due in 14 days (within 2 weeks of the meeting on 2026-12-10, Code 9.176)");
	test_on(db, "2026-12-25");
	expect_lines(db, r, kim, "overdue 2026-12-24 the annual review report to the local "
		     "authority was due 1 day ago (within 2 weeks of the meeting on 2026-12-10, Code "
		     "9.176)\ndue 2027-01-07 the local authority's decision after the annual review "
		     "is due in 13 days (within 4 weeks of the meeting on 2026-12-10, Code 9.176; "
		     "record it with `sentrack ehcp done --step decision`)");
	assert_ok(st_ehcp_step_done(db, kim, "report", D("2026-12-24"), &err), err);
	test_on(db, "2027-01-08");
	expect_lines(db, r, kim, "overdue 2027-01-07 the local authority's decision after the "
		     "annual review was due 1 day ago (within 4 weeks of the meeting on 2026-12-10, "
		     "Code 9.176; record it with `sentrack ehcp done --step decision`)");
	assert_ok(st_ehcp_step_done(db, kim, "decision", D("2027-01-08"), &err), err);
	expect_lines(db, r, kim, "");
	/* the next booking runs from the review: 2027-12-10 less 70 days */
	test_on(db, "2027-09-17");
	expect_lines(db, r, kim, "due 2027-10-01 booking the annual review meeting is due in 14 "
		     "days (last review 2026-12-10; `sentrack ehcp schedule`)");
	st_db_free(db);
}

static void schedule_and_steps_refuse_what_cannot_be(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-11");
	st_error err;
	int64_t id, id2;
	st_date moved;
	int64_t kim = at_e(db, "Kim", "4", "2016-05-01", "2026-01-05");
	int64_t k = pupil_born(db, "Ann", "4", "2016-05-01");
	assert_error(st_ehcp_schedule(db, k, D("2026-12-10"), &id, &moved, &err), err, ST_ERULE,
		     "has no EHC plan");
	assert_error(st_ehcp_schedule(db, kim, D("2026-01-04"), &id, &moved, &err), err, ST_ERULE,
		     "before the EHC plan date 2026-01-05");
	assert_error(st_ehcp_step_done(db, kim, "invite", D("2026-11-10"), &err), err, ST_ENOTFOUND,
		     "no annual review scheduled");
	assert_ok(st_ehcp_schedule(db, kim, D("2026-12-10"), &id, &moved, &err), err);
	/* scheduling again moves the meeting not yet held */
	assert_ok(st_ehcp_schedule(db, kim, D("2026-12-17"), &id2, &moved, &err), err);
	assert_int_equal(id2, id);
	assert_int_equal(moved, D("2026-12-10"));
	assert_error(st_ehcp_schedule(db, kim, D("2026-12-17"), &id2, &moved, &err), err, ST_ERULE,
		     "already scheduled on that day");
	assert_error(st_ehcp_step_done(db, kim, "agenda", D("2026-11-10"), &err), err, ST_EINVAL,
		     "--step agenda: must be invite, advice, report or decision");
	assert_error(st_ehcp_step_done(db, kim, "report", D("2026-11-10"), &err), err, ST_ERULE,
		     "before the meeting on 2026-12-17");
	assert_error(st_ehcp_step_done(db, kim, "invite", D("2026-11-12"), &err), err, ST_ERULE,
		     "is in the future");
	assert_ok(st_ehcp_step_done(db, kim, "invite", D("2026-11-10"), &err), err);
	assert_error(st_ehcp_step_done(db, kim, "invite", D("2026-11-11"), &err), err, ST_ERULE,
		     "already recorded on 2026-11-10");
	st_db_free(db);
}

/* --- phase transfer ------------------------------------------------------ */

static void phase_transfer_from_1_september(void **state)
{
	(void)state;
	st_db *db = test_db("2026-09-01");
	st_error err;
	int64_t id;
	const st_rule r = ST_RULE_EHCP_PHASE_TRANSFER;
	int64_t six = at_e(db, "Sam", "6", "2015-05-01", "2024-01-10");
	int64_t eleven = at_e(db, "Eve", "11", "2010-05-01", "2024-01-10");
	int64_t five = at_e(db, "Fay", "5", "2016-05-01", "2024-01-10");
	/* due all year from 1 September: 2027-02-15 is 167 days on */
	expect_lines(db, r, six, "due 2027-02-15 the amended EHC plan for the phase transfer is due "
		     "in 167 days (Year 6 to secondary school, from 1 September; `sentrack ehcp "
		     "amended`)");
	expect_lines(db, r, five, "");
	test_on(db, "2027-02-15");
	expect_lines(db, r, six, "due 2027-02-15 the amended EHC plan for the phase transfer is due "
		     "today (Year 6 to secondary school, from 1 September; `sentrack ehcp amended`)");
	test_on(db, "2027-02-16");
	expect_lines(db, r, six, "overdue 2027-02-15 the amended EHC plan for the phase transfer "
		     "was due 1 day ago (Year 6 to secondary school, from 1 September; `sentrack "
		     "ehcp amended`)");
	/* Year 11: 31 March */
	test_on(db, "2027-03-31");
	expect_lines(db, r, eleven, "due 2027-03-31 the amended EHC plan for the phase transfer is "
		     "due today (Year 11 to post-16, from 1 September; `sentrack ehcp amended`)");
	test_on(db, "2027-04-01");
	expect_lines(db, r, eleven, "overdue 2027-03-31 the amended EHC plan for the phase "
		     "transfer was due 1 day ago (Year 11 to post-16, from 1 September; `sentrack "
		     "ehcp amended`)");
	/* an amended plan from 1 September on ends it; one from before does not */
	assert_ok(st_ehcp_amended(db, eleven, D("2026-08-31"), &id, &err), err);
	assert_ok(st_ehcp_amended(db, six, D("2026-09-01"), &id, &err), err);
	expect_lines(db, r, six, "");
	char *still = test_rule_lines(db, r, eleven);
	assert_non_null(strstr(still, "overdue 2027-03-31"));
	free(still);
	st_db_free(db);
}

/* --- needs assessment requests -------------------------------------------- */

static void ehcna_decision_6_weeks_plan_20_weeks(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-11");
	st_error err;
	int64_t id;
	int64_t amy = pupil_born(db, "Amy", "4", "2016-05-01");
	assert_ok(st_register_add(db, amy, 'K', D("2025-09-10"), D("2025-09-10"), ST_DATE_NONE, NULL,
				  &err), err);
	/* requested 2026-10-01: decision by 2026-11-12 (30 days of October, 12
	 * of November), plan by 2027-02-18 (31 + 30 + 31 + 31 + 17) */
	assert_ok(st_ehcna_request(db, amy, "school", D("2026-10-01"), D("2026-09-30"), &id, &err),
		  err);
	expect_lines(db, ST_RULE_EHCNA_DECISION, amy, "due 2026-11-12 the local authority's "
		     "decision whether to assess is due in 1 day (requested 2026-10-01; 6 weeks)");
	test_on(db, "2026-11-12");
	expect_lines(db, ST_RULE_EHCNA_DECISION, amy, "due 2026-11-12 the local authority's "
		     "decision whether to assess is due today (requested 2026-10-01; 6 weeks)");
	test_on(db, "2026-11-13");
	expect_lines(db, ST_RULE_EHCNA_DECISION, amy, "overdue 2026-11-12 the local authority's "
		     "decision whether to assess was due 1 day ago (requested 2026-10-01; 6 weeks)");
	expect_lines(db, ST_RULE_EHCNA_PLAN, amy, "");
	assert_ok(st_ehcna_decide(db, amy, "yes", D("2026-11-13"), &err), err);
	expect_lines(db, ST_RULE_EHCNA_DECISION, amy, "");
	test_on(db, "2027-02-04");
	expect_lines(db, ST_RULE_EHCNA_PLAN, amy, "due 2027-02-18 the final EHC plan is due in 14 "
		     "days (requested 2026-10-01; 20 weeks)");
	test_on(db, "2027-02-19");
	expect_lines(db, ST_RULE_EHCNA_PLAN, amy, "overdue 2027-02-18 the final EHC plan was due 1 "
		     "day ago (requested 2026-10-01; 20 weeks)");
	/* issued: the pupil is at E with that plan date */
	assert_ok(st_ehcna_outcome(db, amy, "issued", D("2027-02-19"), &err), err);
	expect_lines(db, ST_RULE_EHCNA_PLAN, amy, "");
	st_pupil *p;
	assert_ok(st_pupil_get(db, amy, &p, &err), err);
	assert_int_equal(p->status, 'E');
	assert_int_equal(p->plan_date, D("2027-02-19"));
	st_pupil_free(p);
	/* at E the route is an early review */
	assert_error(st_ehcna_request(db, amy, "parent", D("2027-02-19"), ST_DATE_NONE, &id, &err),
		     err, ST_ERULE, "early review");
	st_db_free(db);
}

static void ehcna_requests_refuse_what_cannot_be(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-11");
	st_error err;
	int64_t id;
	int64_t amy = pupil_born(db, "Amy", "4", "2016-05-01");
	/* 16 on 2026-05-01 */
	int64_t yan = pupil_born(db, "Yan", "12", "2010-05-01");
	assert_error(st_ehcna_request(db, amy, "school", D("2026-10-01"), ST_DATE_NONE, &id, &err),
		     err, ST_EUSAGE, "--parents-informed is missing");
	assert_error(st_ehcna_request(db, amy, "teacher", D("2026-10-01"), ST_DATE_NONE, &id, &err),
		     err, ST_EINVAL, "--by teacher: must be school, parent or young-person");
	assert_error(st_ehcna_request(db, amy, "young-person", D("2026-10-01"), ST_DATE_NONE, &id,
				      &err), err, ST_ERULE, "under 16");
	assert_error(st_ehcna_request(db, yan, "young-person", D("2026-04-30"), ST_DATE_NONE, &id,
				      &err), err, ST_ERULE, "under 16 on 2026-04-30");
	assert_ok(st_ehcna_request(db, yan, "young-person", D("2026-05-01"), ST_DATE_NONE, &id, &err),
		  err);
	assert_error(st_ehcna_outcome(db, yan, "issued", D("2026-06-01"), &err), err, ST_ERULE,
		     "not yet decided to assess");
	assert_error(st_ehcna_decide(db, yan, "maybe", D("2026-06-01"), &err), err, ST_EINVAL,
		     "--assess maybe: must be yes or no");
	assert_error(st_ehcna_decide(db, yan, "no", D("2026-04-30"), &err), err, ST_ERULE,
		     "before the request on 2026-05-01");
	/* a parent's own request; one open at a time */
	assert_ok(st_ehcna_request(db, amy, "parent", D("2026-10-01"), ST_DATE_NONE, &id, &err), err);
	assert_error(st_ehcna_request(db, amy, "parent", D("2026-10-02"), ST_DATE_NONE, &id, &err),
		     err, ST_ERULE, "request of 2026-10-01 is still with the local authority");
	/* refused an assessment: closed, and a new request may follow */
	assert_ok(st_ehcna_decide(db, amy, "no", D("2026-11-01"), &err), err);
	expect_lines(db, ST_RULE_EHCNA_PLAN, amy, "");
	assert_error(st_ehcna_outcome(db, amy, "issued", D("2026-11-02"), &err), err, ST_ERULE,
		     "no EHC needs assessment request waiting");
	assert_ok(st_ehcna_request(db, amy, "school", D("2026-11-05"), D("2026-11-05"), &id, &err),
		  err);
	st_db_free(db);
}

struct statuses {
	st_ehcp_status s[4];
	int n;
};

static int collect_status(const st_ehcp_status *s, void *payload)
{
	struct statuses *all = payload;
	if (all->n < 4)
		all->s[all->n++] = *s; /* the names are borrowed: compared by id below */
	return 0;
}

static void ehcp_list_by_name_with_the_next_due(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-11");
	st_error err;
	int64_t id;
	st_date moved;
	/* Zed under 5 on the plan date (fifth birthday 2026-01-11): due in 6 months */
	int64_t zed = at_e(db, "Zed", "R", "2021-01-11", "2026-01-10");
	int64_t abe = at_e(db, "Abe", "4", "2016-05-01", "2025-12-01");
	assert_ok(st_ehcp_schedule(db, abe, D("2026-11-20"), &id, &moved, &err), err);
	assert_ok(st_ehcp_step_done(db, abe, "invite", D("2026-11-05"), &err), err);
	struct statuses all = {.n = 0};
	assert_ok(st_ehcp_list(db, collect_status, &all, &err), err);
	assert_int_equal(all.n, 2);
	/* surnames tie ("Test"): by forename */
	assert_int_equal(all.s[0].pupil_id, abe);
	assert_int_equal(all.s[0].review_due, D("2026-12-01"));
	assert_int_equal(all.s[0].sched.meeting, D("2026-11-20"));
	assert_int_equal(all.s[0].sched.invite_on, D("2026-11-05"));
	assert_int_equal(all.s[0].sched.advice_on, ST_DATE_NONE);
	assert_int_equal(all.s[0].last_review, ST_DATE_NONE);
	assert_int_equal(all.s[1].pupil_id, zed);
	assert_int_equal(all.s[1].review_due, D("2026-07-10"));
	assert_int_equal(all.s[1].sched.id, 0);
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(review_due_a_year_on_or_months_under_five),
		cmocka_unit_test(transfer_due_by_15_february_or_31_march),
		cmocka_unit_test(booking_the_meeting_10_weeks_ahead),
		cmocka_unit_test(annual_review_overdue_the_day_after),
		cmocka_unit_test(under_five_every_six_months_or_as_set),
		cmocka_unit_test(review_steps_before_and_after_the_meeting),
		cmocka_unit_test(schedule_and_steps_refuse_what_cannot_be),
		cmocka_unit_test(phase_transfer_from_1_september),
		cmocka_unit_test(ehcna_decision_6_weeks_plan_20_weeks),
		cmocka_unit_test(ehcna_requests_refuse_what_cannot_be),
		cmocka_unit_test(ehcp_list_by_name_with_the_next_due),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
