/* test_terms.c - term dates (issue 12): term set's rules, the academic
 * year of a day, the young person from the academic year they turn 16, and
 * parent-meeting-gap at every date boundary (due from meeting-warn-days
 * before the current term ends, overdue only for the term just ended, the
 * meeting-grace-days exemption, booked meetings) and terms-not-set. The
 * expected dates and day counts are worked out by hand. */
#include <stdlib.h>
#include <string.h>
#include "support.h"

static void set_term(st_db *db, const char *year, const char *term, const char *start,
		     const char *end)
{
	st_error err;
	assert_ok(st_term_set(db, year, term, D(start), D(end), &err), err);
}

/* 2025-26 summer, and the whole of 2026-27, as a school might set them. */
static void school_terms(st_db *db)
{
	set_term(db, "2025-26", "summer", "2026-04-13", "2026-07-22");
	set_term(db, "2026-27", "autumn", "2026-09-03", "2026-12-18");
	set_term(db, "2026-27", "spring", "2027-01-05", "2027-03-26");
	set_term(db, "2026-27", "summer", "2027-04-12", "2027-07-21");
}

static int64_t at_k(st_db *db, const char *forename, const char *surname, const char *date)
{
	int64_t id = test_pupil(db, forename, surname, "4");
	st_error err;
	assert_ok(st_register_add(db, id, 'K', D(date), D(date), ST_DATE_NONE, NULL, &err), err);
	return id;
}

static void academic_year_of_a_day(void **state)
{
	(void)state;
	char y[ST_ACADEMIC_YEAR_BUFSZ];
	assert_int_equal(st_academic_year_of(D("2026-08-31")), 2025);
	assert_int_equal(st_academic_year_of(D("2026-09-01")), 2026);
	assert_int_equal(st_academic_year_of(D("2027-01-01")), 2026);
	assert_string_equal(st_academic_year_format(2026, y), "2026-27");
	assert_string_equal(st_academic_year_format(2099, y), "2099-00");
}

static void term_set_rules(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-30");
	st_error err;
	set_term(db, "2026-27", "autumn", "2026-09-03", "2026-12-18");
	assert_error(st_term_set(db, "2026-27", "spring", D("2026-12-18"), D("2027-03-26"), &err),
		     err, ST_ERULE, "START 2026-12-18: the spring term must start after the autumn "
		     "term, which ends on 2026-12-18");
	set_term(db, "2026-27", "Spring", "2026-12-19", "2027-03-26"); /* the day after: fine */
	assert_error(st_term_set(db, "2026-27", "autumn", D("2026-09-03"), D("2026-12-19"), &err),
		     err, ST_ERULE, "END 2026-12-19: the autumn term must end before the spring term");
	assert_error(st_term_set(db, "2026-27", "summer", D("2027-04-12"), D("2027-09-01"), &err),
		     err, ST_ERULE, "END 2027-09-01: is not in the academic year 2026-27");
	assert_error(st_term_set(db, "2026-27", "autumn", D("2026-08-31"), D("2026-12-18"), &err),
		     err, ST_ERULE, "START 2026-08-31: is not in the academic year 2026-27");
	assert_error(st_term_set(db, "2026-27", "summer", D("2027-07-21"), D("2027-07-20"), &err),
		     err, ST_ERULE, "END 2027-07-20: is before START");
	assert_error(st_term_set(db, "2026-28", "summer", D("2027-04-12"), D("2027-07-21"), &err),
		     err, ST_EINVAL, "ACADEMIC_YEAR 2026-28: not an academic year");
	assert_error(st_term_set(db, "2026-27", "winter", D("2027-04-12"), D("2027-07-21"), &err),
		     err, ST_EINVAL, "TERM winter: must be autumn, spring or summer");
	/* the last day of the year is still in it; a term set again is replaced */
	set_term(db, "2026-27", "summer", "2027-04-12", "2027-08-31");
	set_term(db, "2026-27", "summer", "2027-04-12", "2027-07-21");
	st_term t[3];
	assert_ok(st_term_year(db, 2026, t, &err), err);
	assert_int_equal(t[2].end, D("2027-07-21"));
	assert_int_equal(t[2].from_settings, 0);
	assert_int_equal(t[1].start, D("2026-12-19"));
	/* a year with nothing set comes from the term.* settings */
	assert_ok(st_term_year(db, 2027, t, &err), err);
	assert_int_equal(t[0].from_settings, 1);
	assert_int_equal(t[0].start, D("2027-09-01"));
	assert_int_equal(t[0].end, D("2027-12-31"));
	assert_int_equal(t[1].start, D("2028-01-01"));
	assert_int_equal(t[1].end, D("2028-04-14"));
	assert_int_equal(t[2].start, D("2028-04-15"));
	assert_int_equal(t[2].end, D("2028-07-22"));
	st_db_free(db);
}

static void young_person_from_the_year_they_turn_16(void **state)
{
	(void)state;
	/* born 1 September 2010: 16 on 1 September 2026, that academic year */
	assert_int_equal(st_young_person_on(D("2010-09-01"), D("2026-08-31")), 0);
	assert_int_equal(st_young_person_on(D("2010-09-01"), D("2026-09-01")), 1);
	/* born 31 August 2011: 16 on 31 August 2027, in the same academic year */
	assert_int_equal(st_young_person_on(D("2011-08-31"), D("2026-08-31")), 0);
	assert_int_equal(st_young_person_on(D("2011-08-31"), D("2026-09-01")), 1);
	/* born 1 September 2011: a year later */
	assert_int_equal(st_young_person_on(D("2011-09-01"), D("2027-08-31")), 0);
	assert_int_equal(st_young_person_on(D("2011-09-01"), D("2027-09-01")), 1);
	assert_string_equal(st_parents_words(D("2011-09-01"), D("2027-09-01")),
			    "parents or young person");
	assert_string_equal(st_parents_words(D("2011-09-01"), D("2027-08-31")), "parents");
	assert_int_equal(st_young_person_on(ST_DATE_NONE, D("2027-08-31")), 0);
}

static const st_rule GAP = ST_RULE_PARENT_MEETING_GAP;

#define AUTUMN_DUE(n) "due 2026-12-18 no meeting with parents held or booked in the autumn " \
	"term 2026-27 (2026-09-03 to 2026-12-18), which " n
#define AUTUMN_OVERDUE(n) "overdue 2026-12-18 no meeting with parents held in the autumn " \
	"term 2026-27 (2026-09-03 to 2026-12-18), which ended " n

static void gap_due_before_the_current_term_ends(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-26");
	school_terms(db);
	int64_t a = at_k(db, "Ann", "Able", "2026-09-01");
	/* 22 days before the end: not yet; 21: due */
	expect_lines(db, GAP, a, "");
	test_on(db, "2026-11-27");
	expect_lines(db, GAP, a, AUTUMN_DUE("ends in 21 days"));
	test_on(db, "2026-12-17");
	expect_lines(db, GAP, a, AUTUMN_DUE("ends in 1 day"));
	test_on(db, "2026-12-18");
	expect_lines(db, GAP, a, AUTUMN_DUE("ends today"));
	/* the day after: overdue, through the holiday and the next term */
	test_on(db, "2026-12-19");
	expect_lines(db, GAP, a, AUTUMN_OVERDUE("1 day ago"));
	test_on(db, "2027-01-05");
	expect_lines(db, GAP, a, AUTUMN_OVERDUE("18 days ago"));
	/* near the end of spring: spring due as well; once spring has ended,
	 * autumn (an older term) is never reported again */
	test_on(db, "2027-03-05");
	expect_lines(db, GAP, a, AUTUMN_OVERDUE("77 days ago") "\n"
		     "due 2027-03-26 no meeting with parents held or booked in the spring term "
		     "2026-27 (2027-01-05 to 2027-03-26), which ends in 21 days");
	test_on(db, "2027-03-27");
	expect_lines(db, GAP, a, "overdue 2027-03-26 no meeting with parents held in the spring "
		     "term 2026-27 (2027-01-05 to 2027-03-26), which ended 1 day ago");
	/* meeting-warn-days moves the start */
	test_on(db, "2026-12-08");
	st_error err;
	assert_ok(st_config_set(db, "meeting-warn-days", "10", &err), err);
	expect_lines(db, GAP, a, AUTUMN_DUE("ends in 10 days"));
	test_on(db, "2026-12-07");
	expect_lines(db, GAP, a, "");
	st_db_free(db);
}

static void gap_meetings_held_or_booked(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-27");
	school_terms(db);
	st_error err;
	int64_t m, b = at_k(db, "Ben", "Bell", "2026-09-01"), c = at_k(db, "Cai", "Cole", "2026-09-01");
	/* a meeting the day before the term does not count; the first day does */
	assert_ok(st_meeting_add(db, b, D("2026-09-02"), ST_WHO_PARENTS, "other", NULL, &m, &err), err);
	expect_lines(db, GAP, b, AUTUMN_DUE("ends in 21 days"));
	assert_ok(st_meeting_add(db, b, D("2026-09-03"), ST_WHO_PARENTS, "other", NULL, &m, &err), err);
	expect_lines(db, GAP, b, "");
	/* a meeting without parents does not count */
	assert_ok(st_meeting_add(db, c, D("2026-11-20"), ST_WHO_SENCO, "other", NULL, &m, &err), err);
	expect_lines(db, GAP, c, AUTUMN_DUE("ends in 21 days"));
	/* booked for the last day of the term: enough while it is to come */
	assert_ok(st_meeting_add(db, c, D("2026-12-18"), ST_WHO_PARENTS, "review", NULL, &m, &err), err);
	expect_lines(db, GAP, c, "");
	test_on(db, "2026-12-18");
	expect_lines(db, GAP, c, "");
	/* booked but never recorded as held: the term just ended is overdue */
	test_on(db, "2026-12-19");
	expect_lines(db, GAP, c, AUTUMN_OVERDUE("1 day ago"));
	assert_ok(st_meeting_held(db, m, ST_DATE_NONE, NULL, &err), err);
	expect_lines(db, GAP, c, "");
	/* booked for next term: it does not cover this one */
	test_on(db, "2027-03-10");
	int64_t next;
	assert_ok(st_meeting_add(db, c, D("2027-04-20"), ST_WHO_PARENTS, "plan", NULL, &next, &err),
		  err);
	expect_lines(db, GAP, c, "due 2027-03-26 no meeting with parents held or booked in the "
		     "spring term 2026-27 (2027-01-05 to 2027-03-26), which ends in 16 days");
	st_db_free(db);
}

static void gap_grace_for_pupils_placed_late(void **state)
{
	(void)state;
	st_db *db = test_db("2026-12-18");
	school_terms(db);
	/* 28 days before the end of the term: not exempt; 27: exempt */
	int64_t on_28 = at_k(db, "Dan", "Dean", "2026-11-20");
	int64_t on_27 = at_k(db, "Dot", "Dean", "2026-11-21");
	expect_lines(db, GAP, on_28, AUTUMN_DUE("ends today"));
	expect_lines(db, GAP, on_27, "");
	test_on(db, "2026-12-19");
	expect_lines(db, GAP, on_28, AUTUMN_OVERDUE("1 day ago"));
	expect_lines(db, GAP, on_27, "");
	st_error err;
	assert_ok(st_config_set(db, "meeting-grace-days", "27", &err), err);
	expect_lines(db, GAP, on_27, AUTUMN_OVERDUE("1 day ago"));
	st_db_free(db);
}

static void gap_young_person_words(void **state)
{
	(void)state;
	st_db *db = test_db("2026-12-18");
	school_terms(db);
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.forename = "Yan";
	f.surname = "Young";
	f.year = "11";
	f.dob = D("2011-05-01"); /* 16 in May 2027: a young person from 1 September 2026 */
	int64_t id;
	st_error err;
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), D("2026-09-01"), ST_DATE_NONE, NULL,
				  &err), err);
	expect_lines(db, GAP, id, "due 2026-12-18 no meeting with parents or young person held "
		     "or booked in the autumn term 2026-27 (2026-09-03 to 2026-12-18), which ends today");
	st_db_free(db);
}

static void terms_not_set_once_per_year_in_use(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-30");
	const st_rule r = ST_RULE_TERMS_NOT_SET;
	/* nobody on the register: the terms are not in use */
	expect_lines(db, r, 0, "");
	int64_t a = at_k(db, "Ann", "Able", "2026-09-01"), b = at_k(db, "Ben", "Bell", "2026-09-01");
	(void)a;
	(void)b;
	/* one finding for the year, not one per pupil; the term just ended
	 * (summer 2025-26, from the settings) is in use too */
	expect_lines(db, r, 0,
		     "attention 2026-04-15 academic year 2025-26: no dates set for the summer term; "
		     "parent-meeting-gap uses the term.* settings (`sentrack term set 2025-26 summer "
		     "START END`)\n"
		     "attention 2026-09-01 academic year 2026-27: no dates set for the autumn, spring, "
		     "summer terms; parent-meeting-gap uses the term.* settings (`sentrack term set "
		     "2026-27 autumn START END`)");
	set_term(db, "2026-27", "autumn", "2026-09-03", "2026-12-18");
	set_term(db, "2025-26", "summer", "2026-04-13", "2026-07-22");
	expect_lines(db, r, 0,
		     "attention 2027-01-01 academic year 2026-27: no dates set for the spring, summer "
		     "terms; parent-meeting-gap uses the term.* settings (`sentrack term set 2026-27 "
		     "spring START END`)");
	set_term(db, "2026-27", "spring", "2027-01-05", "2027-03-26");
	set_term(db, "2026-27", "summer", "2027-04-12", "2027-07-21");
	expect_lines(db, r, 0, "");
	/* a pupil filter leaves the school-wide finding out */
	test_on(db, "2027-09-10");
	expect_lines(db, r, a, "");
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(academic_year_of_a_day),
		cmocka_unit_test(term_set_rules),
		cmocka_unit_test(young_person_from_the_year_they_turn_16),
		cmocka_unit_test(gap_due_before_the_current_term_ends),
		cmocka_unit_test(gap_meetings_held_or_booked),
		cmocka_unit_test(gap_grace_for_pupils_placed_late),
		cmocka_unit_test(gap_young_person_words),
		cmocka_unit_test(terms_not_set_once_per_year_in_use),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
