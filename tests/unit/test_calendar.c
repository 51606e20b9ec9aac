/* test_calendar.c - the calendar's dated items and the iCalendar file:
 * parsed back with libical, RFC 5545 line folding (75 octets, CRLF, never
 * inside a UTF-8 character), commas and semicolons in names escaped, all-day
 * DATE values, UIDs that survive a moved date, the --from/--to range, and
 * the EHC deadlines (st_ehc_deadlines): the annual review a year after the
 * plan or the last review, its booking 10 weeks before. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support.h"

struct school {
	st_db *db;
	int64_t k, e, meeting;
};

static struct school setup(void)
{
	struct school s;
	st_error err;
	s.db = test_db("2026-11-30");
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.forename = "Anne-Éléonore Marguerite-Joséphine";
	f.surname = "O'Brien, Day; Night";
	f.year = "5";
	f.dob = D("2016-03-04");
	assert_ok(st_pupil_add(s.db, &f, &s.k, &err), err);
	assert_ok(st_register_add(s.db, s.k, 'K', D("2026-09-10"), D("2026-09-10"), ST_DATE_NONE,
				  NULL, &err), err);
	int64_t id;
	assert_ok(st_cycle_open(s.db, s.k, D("2026-09-14"), &id, &err), err);
	assert_ok(st_cycle_assess(s.db, s.k, "Reads slowly", NULL, NULL, D("2026-09-14"), &err), err);
	assert_ok(st_outcome_add(s.db, s.k, "Reads 20 words", NULL, "Word list", D("2026-12-01"), &id,
				 &err), err);
	assert_ok(st_cycle_plan(s.db, s.k, D("2026-12-10"), D("2026-09-15"), 0, 0, &err), err);
	assert_ok(st_meeting_add(s.db, s.k, D("2027-01-20"), ST_WHO_PARENTS | ST_WHO_SENCO, "review",
				 NULL, &s.meeting, &err), err);
	s.e = test_pupil(s.db, "Luke", "Kowalski", "4"); /* not a phase-transfer year */
	assert_ok(st_register_add(s.db, s.e, 'E', D("2026-01-05"), D("2026-01-05"), D("2026-01-05"),
				  NULL, &err), err);
	return s;
}

/* The calendar as text, and its event count. */
static char *ics(st_db *db, st_date from, st_date to, long *count)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	st_error err;
	assert_non_null(out);
	assert_ok(st_calendar_write(db, from, to, out, count, &err), err);
	fclose(out);
	return buf;
}

/* Every physical line: CRLF, at most 75 octets, a continuation starting
 * with one space, no line starting inside a UTF-8 character. */
static void assert_folded(const char *text)
{
	int folded = 0;
	for (const char *line = text; *line;) {
		const char *end = strstr(line, "\r\n");
		assert_non_null(end);
		assert_true(end - line <= 75);
		const char *first = line[0] == ' ' ? line + 1 : line;
		folded |= line[0] == ' ';
		assert_false(((unsigned char)*first & 0xC0) == 0x80);
		line = end + 2;
	}
	assert_true(folded); /* the long names made some line fold */
}

static icalcomponent *event_with_uid(icalcomponent *cal, const char *uid)
{
	for (icalcomponent *ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (strcmp(icalcomponent_get_uid(ev), uid) == 0)
			return ev;
	fail_msg("no event %s", uid);
	return NULL;
}

static void assert_all_day(icalcomponent *ev, int y, int m, int d)
{
	struct icaltimetype t = icalcomponent_get_dtstart(ev);
	assert_int_equal(t.is_date, 1);
	assert_int_equal(t.year, y);
	assert_int_equal(t.month, m);
	assert_int_equal(t.day, d);
}

static void parses_back_with_libical(void **state)
{
	(void)state;
	struct school s = setup();
	long count = 0;
	char *text = ics(s.db, D("2026-11-30"), ST_DATE_NONE, &count);
	assert_int_equal(count, 3);
	assert_folded(text);
	assert_true(strncmp(text, "BEGIN:VCALENDAR\r\n", 17) == 0);
	/* commas and semicolons in the name are escaped in the text */
	char *unfolded = calloc(1, strlen(text) + 1);
	for (const char *p = text; *p; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2;
			continue;
		}
		strncat(unfolded, p, 1);
	}
	assert_non_null(strstr(unfolded, "O'Brien\\, Day\\; Night"));
	assert_non_null(strstr(unfolded, "DTSTART;VALUE=DATE:20261210\r\n"));
	assert_non_null(strstr(unfolded, "DTSTAMP:20261130T000000Z\r\n"));
	free(unfolded);

	icalcomponent *cal = icalparser_parse_string(text);
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_count_errors(cal), 0);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 3);
	icalcomponent *review = event_with_uid(cal, "review-cycle-1@sentrack");
	assert_all_day(review, 2026, 12, 10);
	assert_string_equal(icalcomponent_get_summary(review),
			    "SEN support review: Anne-Éléonore Marguerite-Joséphine O'Brien, Day; "
			    "Night (Y5)");
	char uid[64];
	snprintf(uid, sizeof uid, "meeting-%lld@sentrack", (long long)s.meeting);
	icalcomponent *meeting = event_with_uid(cal, uid);
	assert_all_day(meeting, 2027, 1, 20);
	assert_non_null(strstr(icalcomponent_get_description(meeting), "with parents,senco"));
	snprintf(uid, sizeof uid, "ehc-review-pupil-%lld@sentrack", (long long)s.e);
	icalcomponent *annual = event_with_uid(cal, uid);
	assert_all_day(annual, 2027, 1, 5); /* a year after the plan of 2026-01-05 */
	icalcomponent_free(cal);
	free(text);
	st_db_free(s.db);
}

static void uids_stay_when_dates_move(void **state)
{
	(void)state;
	struct school s = setup();
	st_error err;
	long count;
	char *before = ics(s.db, ST_DATE_NONE, ST_DATE_NONE, &count);
	assert_ok(st_cycle_reschedule(s.db, s.k, D("2026-12-17"), "Teacher ill", &err), err);
	st_meeting_change c = {D("2027-01-27"), 0, NULL, NULL};
	assert_ok(st_meeting_edit(s.db, s.meeting, &c, &err), err);
	char *after = ics(s.db, ST_DATE_NONE, ST_DATE_NONE, &count);
	icalcomponent *cal = icalparser_parse_string(after);
	assert_all_day(event_with_uid(cal, "review-cycle-1@sentrack"), 2026, 12, 17);
	char uid[64];
	snprintf(uid, sizeof uid, "meeting-%lld@sentrack", (long long)s.meeting);
	assert_all_day(event_with_uid(cal, uid), 2027, 1, 27);
	icalcomponent_free(cal);
	/* the same day, nothing changed: the same file */
	char *again = ics(s.db, ST_DATE_NONE, ST_DATE_NONE, &count);
	assert_string_equal(after, again);
	free(before);
	free(after);
	free(again);
	st_db_free(s.db);
}

static int collect_kinds(const st_calendar_item *it, void *payload)
{
	char *out = payload, d[ST_DATE_BUFSZ];
	size_t used = strlen(out);
	snprintf(out + used, 400 - used, "%s%d:%s", used ? " " : "", (int)it->kind,
		 st_date_format(it->date, d));
	return 0;
}

static void items_in_range_by_date(void **state)
{
	(void)state;
	struct school s = setup();
	st_error err;
	char got[400] = "";
	/* both ends inclusive */
	assert_ok(st_calendar_items(s.db, D("2026-12-10"), D("2027-01-20"), collect_kinds, got, &err),
		  err);
	assert_string_equal(got, "0:2026-12-10 2:2027-01-05 1:2027-01-20");
	got[0] = '\0';
	assert_ok(st_calendar_items(s.db, D("2026-12-11"), D("2027-01-19"), collect_kinds, got, &err),
		  err);
	assert_string_equal(got, "2:2027-01-05");
	/* a meeting once held leaves the calendar; an annual review held moves
	 * the next one a year on, and its booking 10 weeks before (the EHC
	 * deadlines check uses) */
	assert_ok(st_ehcp_review_add(s.db, s.e, D("2026-11-20"), 0, NULL, NULL, &err), err);
	st_db_set_today(s.db, D("2027-01-20"));
	assert_ok(st_meeting_held(s.db, s.meeting, ST_DATE_NONE, NULL, &err), err);
	got[0] = '\0';
	assert_ok(st_calendar_items(s.db, ST_DATE_NONE, ST_DATE_NONE, collect_kinds, got, &err), err);
	assert_string_equal(got, "0:2026-12-10 2:2027-09-11 2:2027-11-20");
	/* a leaver's dates go */
	assert_ok(st_pupil_leave(s.db, s.k, D("2027-01-20"), &err), err);
	got[0] = '\0';
	assert_ok(st_calendar_items(s.db, ST_DATE_NONE, ST_DATE_NONE, collect_kinds, got, &err), err);
	assert_string_equal(got, "2:2027-09-11 2:2027-11-20");
	st_db_free(s.db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_back_with_libical),
		cmocka_unit_test(uids_stay_when_dates_move),
		cmocka_unit_test(items_in_range_by_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
