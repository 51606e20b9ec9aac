/* test_export.c - the CSV exports on a small school built through the
 * library's own write functions (never by writing rows with SQL): every
 * column of the review schedule, the register, the provision map, the
 * meetings and the cycles, with days, costs and counts worked out by hand
 * in the comments; the filters; the subject access export. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support.h"

typedef int (*export_fn)(st_db *, const st_export_filter *, st_csv_writer *, st_error *);

/* Run an export into memory; rc into *rc. Rows end in CRLF, checked here
 * once and turned into "\n" for the expectations. */
static char *export_text(st_db *db, export_fn fn, const st_export_filter *f, int *rc,
			 st_error *err)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);
	st_csv_writer *w;
	assert_ok(st_csv_writer_new(&w, mem, NULL, err), *err);
	*rc = fn(db, f, w, err);
	st_csv_writer_free(w);
	fclose(mem);
	char *o = buf;
	for (const char *p = buf; *p; p++) {
		if (*p == '\r') {
			assert_int_equal(p[1], '\n');
			continue;
		}
		if (*p == '\n')
			assert_true(p > buf && p[-1] == '\r');
		*o++ = *p;
	}
	*o = '\0';
	return buf;
}

static void expect_export(st_db *db, export_fn fn, const st_export_filter *f, const char *want)
{
	int rc;
	st_error err;
	char *got = export_text(db, fn, f, &rc, &err);
	assert_ok(rc, err);
	assert_string_equal(got, want);
	free(got);
}

static int64_t add_pupil(st_db *db, const char *surname, const char *forename, const char *dob,
			 const char *year, const char *cls, const char *upn)
{
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.surname = surname;
	f.forename = forename;
	f.dob = D(dob);
	f.year = year;
	f.class_name = cls;
	f.upn = upn;
	int64_t id;
	st_error err;
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	return id;
}

static int64_t add_provision(st_db *db, int64_t pupil, const char *name, int sessions,
			     int minutes, int group, int64_t hourly, const char *start)
{
	st_provision p = {.pupil_id = pupil, .name = name, .staff_role = "TA",
			  .sessions_per_week = sessions, .minutes = minutes, .group_size = group,
			  .hourly_cost_pence = hourly, .start = D(start), .end = ST_DATE_NONE};
	int64_t id;
	st_error err;
	assert_ok(st_provision_add(db, &p, &id, &err), err);
	return id;
}

/* The school, ending on 2026-11-25:
 * 1 Siobhan O'Brien, Y5: K since 2026-09-01, SPLD; cycle 1 in do, review
 *   2026-12-03; Reading catch-up from 2026-09-10.
 * 2 Zoë Brown, Y4: E since 2026-01-12 (plan 2026-01-05); Talk boost
 *   2026-01-12 to 2026-06-30, Precision teaching from 2026-09-01; cycle 1
 *   opened 2026-11-20, in assess.
 * 3 Minh Nguyễn, Y3: K since 2026-09-01; cycle 1 reviewed and closed on
 *   2026-11-02 with one outcome of each rating.
 * 4 Amir Khan, Y4: K, left on 2026-10-01. */
static st_db *school(void)
{
	st_db *db = test_db("2026-01-12");
	st_error err;
	int64_t id, o[3];
	int64_t siobhan = add_pupil(db, "O'Brien", "Siobhan", "2016-03-14", "5", "5H",
				    "G999300024001");
	int64_t zoe = add_pupil(db, "Brown", "Zo\xC3\xAB", "2017-07-22", "4", "4M", NULL);
	int64_t minh = add_pupil(db, "Nguy\xE1\xBB\x85n", "Minh", "2018-01-30", "3", "3S", NULL);
	int64_t amir = add_pupil(db, "Khan", "Amir", "2017-11-02", "4", NULL, NULL);
	assert_ok(st_register_add(db, zoe, 'E', D("2026-01-12"), D("2026-01-12"), D("2026-01-05"),
				  NULL, &err), err);
	add_provision(db, zoe, "Talk boost", 2, 20, 3, 1500, "2026-01-12");
	test_on(db, "2026-09-01");
	assert_ok(st_provision_end(db, 1, D("2026-06-30"), &err), err);
	add_provision(db, zoe, "Precision teaching", 1, 45, 1, 2000, "2026-09-01");
	test_on(db, "2026-09-02");
	assert_ok(st_register_add(db, siobhan, 'K', D("2026-09-01"), D("2026-09-02"), ST_DATE_NONE,
				  NULL, &err), err);
	assert_ok(st_need_add(db, siobhan, "SPLD", 1, &err), err);
	assert_ok(st_register_add(db, minh, 'K', D("2026-09-01"), D("2026-09-01"), ST_DATE_NONE,
				  NULL, &err), err);
	assert_ok(st_register_add(db, amir, 'K', D("2026-09-01"), D("2026-09-01"), ST_DATE_NONE,
				  NULL, &err), err);
	test_on(db, "2026-09-11");
	assert_ok(st_cycle_open(db, siobhan, D("2026-09-03"), &id, &err), err);
	assert_ok(st_cycle_assess(db, siobhan, "reads slowly", NULL, NULL, D("2026-09-05"), &err),
		  err);
	assert_ok(st_outcome_add(db, siobhan, "Read 40 words per minute", "CL", "wpm",
				 D("2026-12-01"), &id, &err), err);
	assert_ok(st_cycle_plan(db, siobhan, D("2026-12-03"), D("2026-09-10"),
				ST_WHO_PARENTS | ST_WHO_SENCO, 0, &err), err);
	add_provision(db, siobhan, "Reading catch-up", 3, 30, 4, 1234, "2026-09-10");
	assert_ok(st_cycle_do(db, siobhan, D("2026-09-11"), &err), err);
	/* Minh: a whole cycle */
	assert_ok(st_cycle_open(db, minh, D("2026-09-07"), &id, &err), err);
	assert_ok(st_cycle_assess(db, minh, "worries", NULL, NULL, D("2026-09-08"), &err), err);
	assert_ok(st_outcome_add(db, minh, "Asks for help", "SEMH", "asks", D("2026-11-02"), &o[0], &err),
		  err);
	assert_ok(st_outcome_add(db, minh, "Joins a group game", "SEMH", "joins", D("2026-11-02"), &o[1],
				 &err), err);
	assert_ok(st_outcome_add(db, minh, "Names three feelings", "SEMH", "names", D("2026-11-02"), &o[2],
				 &err), err);
	assert_ok(st_cycle_plan(db, minh, D("2026-11-02"), D("2026-09-09"), 0, 0, &err), err);
	add_provision(db, minh, "Nurture group", 5, 60, 8, 1600, "2026-09-09");
	assert_ok(st_cycle_do(db, minh, D("2026-09-10"), &err), err);
	test_on(db, "2026-10-01");
	assert_ok(st_pupil_leave(db, amir, D("2026-10-01"), &err), err);
	test_on(db, "2026-11-02");
	assert_ok(st_outcome_rate(db, o[0], "achieved", NULL, &err), err);
	assert_ok(st_outcome_rate(db, o[1], "partially", "with an adult", &err), err);
	assert_ok(st_outcome_rate(db, o[2], "not-achieved", NULL, &err), err);
	st_review rv = {.decision = ST_DECISION_CLOSE, .date = D("2026-11-02"),
			.ceased_by_la = ST_DATE_NONE};
	assert_ok(st_cycle_review(db, minh, &rv, NULL, &err), err);
	test_on(db, "2026-11-21");
	assert_ok(st_cycle_open(db, zoe, D("2026-11-20"), &id, &err), err);
	assert_ok(st_meeting_add(db, zoe, D("2026-11-21"), ST_WHO_CLASS_TEACHER, "other",
				 "- call back", &id, &err), err);
	test_on(db, "2026-11-25");
	return db;
}

static void review_schedule(void **state)
{
	(void)state;
	st_db *db = school();
	/* Siobhan: 25 November to 3 December is 8 days, within the 14-day
	 * window: due. Zoë: no plan yet, so no review date, listed last. Minh's
	 * cycle is closed, Amir has left. */
	expect_export(db, st_export_reviews, NULL,
		      "\"Pupil ID\",\"UPN\",\"Surname\",\"Forename\",\"Year\",\"Class\",\"SEN Status\","
		      "\"Primary Need\",\"Area of Need\",\"Phase\",\"Plan Date\",\"Review Date\","
		      "\"Days Until Review\",\"Review Status\",\"Outcomes\"\n"
		      "\"1\",\"G999300024001\",\"O'Brien\",\"Siobhan\",\"5\",\"5H\",\"K\",\"SPLD\","
		      "\"Cognition and learning\",\"do\",\"2026-09-10\",\"2026-12-03\",\"8\",\"due\",\"1\"\n"
		      "\"2\",,\"Brown\",\"Zo\xC3\xAB\",\"4\",\"4M\",\"E\",,,\"assess\",,,,"
		      "\"no-review-date\",\"0\"\n");
	/* 8 days is outside a window of 7: scheduled; a week later, overdue by 2 */
	st_error err;
	assert_ok(st_config_set(db, "due-window-days", "7", &err), err);
	st_export_filter f;
	st_export_filter_init(&f);
	f.year = "5";
	expect_export(db, st_export_reviews, &f,
		      "\"Pupil ID\",\"UPN\",\"Surname\",\"Forename\",\"Year\",\"Class\",\"SEN Status\","
		      "\"Primary Need\",\"Area of Need\",\"Phase\",\"Plan Date\",\"Review Date\","
		      "\"Days Until Review\",\"Review Status\",\"Outcomes\"\n"
		      "\"1\",\"G999300024001\",\"O'Brien\",\"Siobhan\",\"5\",\"5H\",\"K\",\"SPLD\","
		      "\"Cognition and learning\",\"do\",\"2026-09-10\",\"2026-12-03\",\"8\","
		      "\"scheduled\",\"1\"\n");
	/* a review date range leaves out the cycle without one */
	f.year = NULL;
	f.from = D("2026-12-01");
	f.to = D("2026-12-03");
	int rc;
	char *got = export_text(db, st_export_reviews, &f, &rc, &err);
	assert_ok(rc, err);
	assert_non_null(strstr(got, "\"2026-12-03\""));
	assert_null(strstr(got, "Brown"));
	free(got);
	f.from = D("2026-12-04");
	f.to = ST_DATE_NONE;
	got = export_text(db, st_export_reviews, &f, &rc, &err);
	assert_ok(rc, err);
	assert_null(strchr(strchr(got, '\n') + 1, '\n')); /* the header only */
	free(got);
	st_db_free(db);
}

static void register_with_annual_cost(void **state)
{
	(void)state;
	st_db *db = school();
	/* Annual cost of provision active today, weekly x 38 school weeks:
	 * Zoë: Precision teaching 1 x 45 min at £20.00/h one to one = £15.00 a
	 *   week, £570.00 a year (Talk boost ended on 2026-06-30).
	 * Siobhan: Reading catch-up 3 x 30 min at £12.34/h shared by 4 =
	 *   90 x 1234 / 240 = 462.75p, 463p a week; 463 x 38 = £175.94.
	 * Minh: Nurture group 5 x 60 min at £16.00/h shared by 8 = 1000p a
	 *   week, £380.00 a year.
	 * Sorted by year group: Minh (3), Zoë (4), Siobhan (5). */
	const char *header =
		"\"UPN\",\"Surname\",\"Forename\",\"Preferred Forename\",\"Date of Birth\",\"Year\","
		"\"Class\",\"SEN Status\",\"Status Since\",\"Primary Need\",\"Primary Area\","
		"\"Secondary Need\",\"Secondary Area\",\"Parents Informed\",\"EHC Plan Date\","
		"\"Annual Provision Cost\",\"Left On\"\n";
	char want[2048];
	snprintf(want, sizeof want, "%s%s", header,
		 ",\"Nguy\xE1\xBB\x85n\",\"Minh\",,\"2018-01-30\",\"3\",\"3S\",\"K\",\"2026-09-01\",,,"
		 ",,\"2026-09-01\",,\"380.00\",\n"
		 ",\"Brown\",\"Zo\xC3\xAB\",,\"2017-07-22\",\"4\",\"4M\",\"E\",\"2026-01-12\",,,,,"
		 "\"2026-01-12\",\"2026-01-05\",\"570.00\",\n"
		 "\"G999300024001\",\"O'Brien\",\"Siobhan\",,\"2016-03-14\",\"5\",\"5H\",\"K\","
		 "\"2026-09-01\",\"SPLD\",\"Cognition and learning\",,,\"2026-09-02\",,\"175.94\",\n");
	expect_export(db, st_export_register, NULL, want);
	/* leavers with --include-left, with their leaving date */
	st_export_filter f;
	st_export_filter_init(&f);
	f.include_left = 1;
	f.year = "4";
	snprintf(want, sizeof want, "%s%s", header,
		 ",\"Brown\",\"Zo\xC3\xAB\",,\"2017-07-22\",\"4\",\"4M\",\"E\",\"2026-01-12\",,,,,"
		 "\"2026-01-12\",\"2026-01-05\",\"570.00\",\n"
		 ",\"Khan\",\"Amir\",,\"2017-11-02\",\"4\",,\"K\",\"2026-09-01\",,,,,\"2026-09-01\",,"
		 "\"0.00\",\"2026-10-01\"\n");
	expect_export(db, st_export_register, &f, want);
	/* one status */
	st_export_filter_init(&f);
	f.status = 'E';
	int rc;
	st_error err;
	char *got = export_text(db, st_export_register, &f, &rc, &err);
	assert_ok(rc, err);
	assert_non_null(strstr(got, "Brown"));
	assert_null(strstr(got, "O'Brien"));
	free(got);
	/* costs follow school-weeks: 39 weeks of 463p is £180.57 */
	assert_ok(st_config_set(db, "school-weeks", "39", &err), err);
	st_export_filter_init(&f);
	f.year = "5";
	got = export_text(db, st_export_register, &f, &rc, &err);
	assert_ok(rc, err);
	assert_non_null(strstr(got, ",\"180.57\","));
	free(got);
	st_db_free(db);
}

static void provision_map_costs(void **state)
{
	(void)state;
	st_db *db = school();
	/* Talk boost: 2 x 20 min at £15.00/h shared by 3 = 40 x 1500 / 180 =
	 * 333.33p, 333p a week; x 38 = 12654p. Precision teaching 1500p and
	 * 57000p; Reading catch-up 463p and 17594p; Nurture group 1000p and
	 * 38000p. Sorted by surname. */
	const char *header =
		"\"Provision ID\",\"Pupil ID\",\"UPN\",\"Surname\",\"Forename\",\"Year\","
		"\"Provision\",\"Staff Role\",\"Sessions per Week\",\"Minutes per Session\","
		"\"Group Size\",\"Hourly Cost\",\"Weekly Cost\",\"Annual Cost\",\"Start Date\","
		"\"End Date\"\n";
	char want[2048];
	snprintf(want, sizeof want, "%s%s", header,
		 "\"1\",\"2\",,\"Brown\",\"Zo\xC3\xAB\",\"4\",\"Talk boost\",\"TA\",\"2\",\"20\",\"3\","
		 "\"15.00\",\"3.33\",\"126.54\",\"2026-01-12\",\"2026-06-30\"\n"
		 "\"2\",\"2\",,\"Brown\",\"Zo\xC3\xAB\",\"4\",\"Precision teaching\",\"TA\",\"1\","
		 "\"45\",\"1\",\"20.00\",\"15.00\",\"570.00\",\"2026-09-01\",\n"
		 "\"4\",\"3\",,\"Nguy\xE1\xBB\x85n\",\"Minh\",\"3\",\"Nurture group\",\"TA\",\"5\","
		 "\"60\",\"8\",\"16.00\",\"10.00\",\"380.00\",\"2026-09-09\",\n"
		 "\"3\",\"1\",\"G999300024001\",\"O'Brien\",\"Siobhan\",\"5\",\"Reading catch-up\","
		 "\"TA\",\"3\",\"30\",\"4\",\"12.34\",\"4.63\",\"175.94\",\"2026-09-10\",\n");
	expect_export(db, st_export_provision, NULL, want);
	/* active on the first day of term: the Talk boost had ended */
	st_export_filter f;
	st_export_filter_init(&f);
	f.active_on = D("2026-09-01");
	int rc;
	st_error err;
	char *got = export_text(db, st_export_provision, &f, &rc, &err);
	assert_ok(rc, err);
	assert_null(strstr(got, "Talk boost"));
	assert_non_null(strstr(got, "Precision teaching"));
	assert_null(strstr(got, "Reading catch-up")); /* from 2026-09-10 */
	free(got);
	st_db_free(db);
}

static void meetings_and_cycles(void **state)
{
	(void)state;
	st_db *db = school();
	/* the plan meeting logged by `cycle plan --with parents,senco`, and a
	 * note that would be a formula, guarded; the meeting belongs to the
	 * cycle open that day */
	expect_export(db, st_export_meetings, NULL,
		      "\"Meeting ID\",\"Pupil ID\",\"UPN\",\"Surname\",\"Forename\",\"Year\",\"Date\","
		      "\"Purpose\",\"Attendees\",\"With Parents\",\"Cycle\",\"Notes\"\n"
		      "\"1\",\"1\",\"G999300024001\",\"O'Brien\",\"Siobhan\",\"5\",\"2026-09-10\","
		      "\"plan\",\"parents, senco\",\"yes\",\"1\",\n"
		      "\"2\",\"2\",,\"Brown\",\"Zo\xC3\xAB\",\"4\",\"2026-11-21\",\"other\","
		      "\"class-teacher\",\"no\",\"1\",\"'- call back\"\n");
	/* Minh's closed cycle counts one outcome of each rating (cycles have no
	 * year filter: the whole export, by surname) */
	expect_export(db, st_export_cycles, NULL,
		      "\"Cycle ID\",\"Pupil ID\",\"UPN\",\"Surname\",\"Forename\",\"Year\",\"Cycle\","
		      "\"Phase\",\"Opened On\",\"Assessed On\",\"Planned On\",\"Review Date\",\"Do On\","
		      "\"Reviewed On\",\"Decision\",\"Closed On\",\"Outcomes\",\"Achieved\","
		      "\"Partially\",\"Not Achieved\",\"Strategies\",\"Lead\"\n"
		      "\"3\",\"2\",,\"Brown\",\"Zo\xC3\xAB\",\"4\",\"1\",\"assess\",\"2026-11-20\",,,,,,,,"
		      "\"0\",\"0\",\"0\",\"0\",,\n"
		      "\"2\",\"3\",,\"Nguy\xE1\xBB\x85n\",\"Minh\",\"3\",\"1\",\"closed\",\"2026-09-07\","
		      "\"2026-09-08\",\"2026-09-09\",\"2026-11-02\",\"2026-09-10\",\"2026-11-02\","
		      "\"close\",\"2026-11-02\",\"3\",\"1\",\"1\",\"1\",,\n"
		      "\"1\",\"1\",\"G999300024001\",\"O'Brien\",\"Siobhan\",\"5\",\"1\",\"do\","
		      "\"2026-09-03\",\"2026-09-05\",\"2026-09-10\",\"2026-12-03\",\"2026-09-11\",,,,"
		      "\"1\",\"0\",\"0\",\"0\",,\n");
	st_export_filter f;
	/* cycles open in a period: Minh's closed before it */
	st_export_filter_init(&f);
	f.from = D("2026-11-03");
	int rc;
	st_error err;
	char *got = export_text(db, st_export_cycles, &f, &rc, &err);
	assert_ok(rc, err);
	assert_null(strstr(got, "Minh"));
	assert_non_null(strstr(got, "Siobhan"));
	assert_non_null(strstr(got, "Zo\xC3\xAB"));
	free(got);
	/* outcomes set or rated in November: Minh's three ratings */
	st_export_filter_init(&f);
	f.from = D("2026-11-01");
	f.to = D("2026-11-30");
	got = export_text(db, st_export_outcomes, &f, &rc, &err);
	assert_ok(rc, err);
	assert_non_null(strstr(got, "\"Joins a group game\",\"Social, emotional and mental health\",\"joins\","
				    "\"2026-11-02\","
				    "\"2026-09-11\",\"partially\",\"2026-11-02\",\"with an adult\",\n"));
	assert_null(strstr(got, "Read 40 words"));
	free(got);
	st_db_free(db);
}

static void filters_are_checked(void **state)
{
	(void)state;
	st_db *db = school();
	st_export_filter f;
	int rc;
	st_error err;
	st_export_filter_init(&f);
	f.from = D("2026-02-01");
	f.to = D("2026-01-01");
	free(export_text(db, st_export_reviews, &f, &rc, &err));
	assert_error(rc, err, ST_EINVAL, "--to 2026-01-01: is before --from 2026-02-01");
	st_export_filter_init(&f);
	f.year = "15";
	free(export_text(db, st_export_register, &f, &rc, &err));
	assert_error(rc, err, ST_EINVAL, "--year 15: not a year group");
	st_db_free(db);
}

static char *pupil_text(st_db *db, int64_t pupil, const char *section)
{
	st_error err;
	char *buf = NULL;
	size_t size = 0;
	FILE *mem = open_memstream(&buf, &size);
	st_csv_writer *w;
	assert_ok(st_csv_writer_new(&w, mem, NULL, &err), err);
	int found = -1;
	for (int i = 0; section && i < st_export_pupil_sections(); i++)
		if (strcmp(st_export_pupil_section_name(i), section) == 0)
			found = i;
	if (section)
		assert_ok(st_export_pupil_section(db, pupil, found, w, &err), err);
	else
		assert_ok(st_export_pupil(db, pupil, w, &err), err);
	st_csv_writer_free(w);
	fclose(mem);
	return buf;
}

static void subject_access_export(void **state)
{
	(void)state;
	st_db *db = school();
	st_error err;
	char *buf = pupil_text(db, 2, NULL);
	size_t size = 0;
	FILE *mem;
	st_csv_writer *w;
	const char *head = "\"section\",\"record\",\"field\",\"value\"\r\n"
			   "\"pupil\",\"1\",\"id\",\"2\"\r\n";
	assert_true(strncmp(buf, head, strlen(head)) == 0);
	assert_non_null(strstr(buf, "\"pupil\",\"1\",\"surname\",\"Brown\"\r\n"));
	assert_non_null(strstr(buf, "\"register\",\"1\",\"status\",\"E\"\r\n"));
	assert_non_null(strstr(buf, "\"provision\",\"2\",\"name\",\"Precision teaching\"\r\n"));
	assert_non_null(strstr(buf, "\"meetings\",\"1\",\"notes\",\"'- call back\"\r\n"));
	/* nobody else's data */
	assert_null(strstr(buf, "Siobhan"));
	assert_null(strstr(buf, "Nurture group"));
	free(buf);
	/* every section has a name; a section alone is a table with a header */
	int n = st_export_pupil_sections();
	assert_true(n >= 9);
	for (int i = 0; i < n; i++)
		assert_non_null(st_export_pupil_section_name(i));
	buf = NULL;
	mem = open_memstream(&buf, &size);
	assert_ok(st_csv_writer_new(&w, mem, NULL, &err), err);
	int specialists = -1;
	for (int i = 0; i < n; i++)
		if (strcmp(st_export_pupil_section_name(i), "specialists") == 0)
			specialists = i;
	assert_true(specialists >= 0);
	assert_ok(st_export_pupil_section(db, 2, specialists, w, &err), err);
	st_csv_writer_free(w);
	fclose(mem);
	assert_non_null(strchr(buf, '\n'));
	assert_null(strchr(strchr(buf, '\n') + 1, '\n')); /* no specialists: the header alone */
	free(buf);
	/* an unknown pupil */
	mem = open_memstream(&buf, &size);
	assert_ok(st_csv_writer_new(&w, mem, NULL, &err), err);
	assert_error(st_export_pupil(db, 99, w, &err), err, ST_ENOTFOUND, "pupil 99: no such pupil");
	st_csv_writer_free(w);
	fclose(mem);
	assert_int_equal(size, 0); /* nothing written, not even the header */
	free(buf);
	st_db_free(db);
}

/* The pupil export's derived fields come from the model's rules on the
 * store's raw cells: the cycle's phase shown on today (review from its
 * review date on), the hourly cost in pounds; long and table forms alike. */
static void subject_access_derived_fields(void **state)
{
	(void)state;
	st_db *db = school();
	char *buf = pupil_text(db, 1, NULL);
	assert_non_null(strstr(buf, "\"cycles\",\"1\",\"phase\",\"do\"\r\n"));
	assert_non_null(strstr(buf, "\"provision\",\"1\",\"hourly_cost\",\"12.34\"\r\n"));
	free(buf);
	test_on(db, "2026-12-03");
	buf = pupil_text(db, 1, NULL);
	assert_non_null(strstr(buf, "\"cycles\",\"1\",\"phase\",\"review\"\r\n"));
	free(buf);
	buf = pupil_text(db, 1, "cycles");
	assert_non_null(strstr(buf, "\"1\",\"1\",\"review\",\"2026-09-03\""));
	free(buf);
	buf = pupil_text(db, 1, "provision");
	assert_non_null(strstr(buf, ",\"12.34\","));
	free(buf);
	st_db_free(db);
}

/* Progress: once a watcher is set, every export counts its rows ahead, so
 * each call knows the total (the header included), and the count matches
 * what was written, under a filter too. Without a watcher nothing counts. */
struct seen {
	long calls, rows, expected;
};

static void watch(long rows, long expected, void *payload)
{
	struct seen *s = payload;
	s->calls++;
	s->rows = rows;
	s->expected = expected;
}

static void progress_knows_the_total(void **state)
{
	(void)state;
	st_db *db = school();
	export_fn fns[] = {st_export_reviews, st_export_register, st_export_outcomes,
			   st_export_provision, st_export_meetings, st_export_cycles};
	st_export_filter k;
	st_export_filter_init(&k);
	k.status = 'K';
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
		for (int filtered = 0; filtered < 2; filtered++) {
			char *buf = NULL;
			size_t size = 0;
			FILE *mem = open_memstream(&buf, &size);
			st_csv_writer *w;
			st_error err;
			struct seen seen = {0, 0, 0};
			assert_ok(st_csv_writer_new(&w, mem, NULL, &err), err);
			st_csv_writer_on_progress(w, 1, watch, &seen);
			assert_true(st_csv_writer_shows_progress(w));
			assert_ok(fns[i](db, filtered && fns[i] == st_export_register ? &k : NULL, w,
					 &err), err);
			long written = st_csv_rows(w);
			st_csv_writer_free(w);
			fclose(mem);
			free(buf);
			assert_int_equal(seen.calls, written);
			assert_int_equal(seen.rows, written);
			assert_int_equal(seen.expected, written > 1 ? written : -1);
		}
	}
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(review_schedule),
		cmocka_unit_test(subject_access_derived_fields),
		cmocka_unit_test(register_with_annual_cost),
		cmocka_unit_test(provision_map_costs),
		cmocka_unit_test(meetings_and_cycles),
		cmocka_unit_test(filters_are_checked),
		cmocka_unit_test(subject_access_export),
		cmocka_unit_test(progress_knows_the_total),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
