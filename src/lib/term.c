/* term.c - term dates per academic year: set, listed, and resolved for the
 * rules that follow terms (parent-meeting-gap), with the month-day settings
 * as the fallback for a term a school has not set. */
#include <stdio.h>
#include <string.h>
#include "fold.h"
#include "store.h"

static const char *const term_names[] = {"autumn", "spring", "summer", NULL};

const char *st_term_name_of(st_term_name t)
{
	return (unsigned)t <= ST_TERM_SUMMER ? term_names[t] : "?";
}

const char *st_academic_year_format(int start_year, char *buf)
{
	unsigned y = (unsigned)start_year % 10000u; /* dates are years 1900..2999 */
	snprintf(buf, ST_ACADEMIC_YEAR_BUFSZ, "%04u-%02u", y, (y + 1) % 100u);
	return buf;
}

int st_academic_year_of(st_date d)
{
	int y, m, day;
	st_date_to_ymd(d, &y, &m, &day);
	return m >= 9 ? y : y - 1;
}

/* month-day in year; 02-29 in a year without it is 02-28. */
static st_date monthday(int year, int month, int day)
{
	st_date d = ST_DATE_NONE;
	if (st_date_from_ymd(year, month, day, &d) != ST_OK)
		st_date_from_ymd(year, month, day - 1, &d);
	return d;
}

/* The day before d; ST_DATE_NONE stays none (a year past the end of the
 * calendar sentrack knows has no dates to subtract from). */
static st_date day_before(st_date d)
{
	return d == ST_DATE_NONE ? ST_DATE_NONE : d - 1;
}

/* The terms of start_year from the term.* settings: autumn runs to the day
 * before spring starts, spring to the day before summer starts. */
static int terms_from_settings(st_db *db, int y, st_term out[3], st_error *err)
{
	static const char *const keys[] = {"term.autumn.start", "term.spring.start",
					   "term.summer.start", "term.summer.end"};
	int md[4][2];
	for (int i = 0; i < 4; i++)
		if (st_config_monthday(db, keys[i], &md[i][0], &md[i][1], err) != ST_OK)
			return err->code;
	st_date aut = monthday(y, md[0][0], md[0][1]), spr = monthday(y + 1, md[1][0], md[1][1]),
		sum = monthday(y + 1, md[2][0], md[2][1]), end = monthday(y + 1, md[3][0], md[3][1]);
	out[0] = (st_term){y, ST_TERM_AUTUMN, aut, day_before(spr), 1};
	out[1] = (st_term){y, ST_TERM_SPRING, spr, day_before(sum), 1};
	out[2] = (st_term){y, ST_TERM_SUMMER, sum, end, 1};
	return ST_OK;
}

static int keep_term(const st_term *t, void *payload)
{
	st_term *out = payload;
	out[t->term] = *t;
	return 0;
}

int st_term_year(st_db *db, int start_year, st_term out[3], st_error *err)
{
	ERR_ENSURE(err);
	char year[ST_ACADEMIC_YEAR_BUFSZ];
	int rc = terms_from_settings(db, start_year, out, err);
	if (rc == ST_OK)
		rc = st__store_term_list(db->store, st_academic_year_format(start_year, year),
					 keep_term, out, err);
	return rc;
}

int st_term_list(st_db *db, st_term_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_term_list(db->store, NULL, cb, payload, err);
}

/* The new term t against the terms already set in its year: in order,
 * never overlapping. */
static int check_order(st_db *db, const st_term *t, st_error *err)
{
	st_term year[3];
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	int rc = st_term_year(db, t->start_year, year, err);
	for (int i = 0; rc == ST_OK && i < 3; i++) {
		const st_term *o = &year[i];
		if (o->from_settings || o->term == t->term)
			continue;
		if (o->term < t->term && o->end >= t->start)
			return st_error_set(err, ST_ERULE, "START %s: the %s term must start after "
					    "the %s term, which ends on %s", st_date_format(t->start, d1),
					    term_names[t->term], term_names[o->term],
					    st_date_format(o->end, d2));
		if (o->term > t->term && o->start <= t->end)
			return st_error_set(err, ST_ERULE, "END %s: the %s term must end before "
					    "the %s term, which starts on %s", st_date_format(t->end, d1),
					    term_names[t->term], term_names[o->term],
					    st_date_format(o->start, d2));
	}
	return rc;
}

/* A term lies within its academic year (1 September to 31 August). */
static int check_within(const st_term *t, const char *year, st_error *err)
{
	st_date first, last;
	char d[ST_DATE_BUFSZ];
	st_date_from_ymd(t->start_year, 9, 1, &first);
	st_date_from_ymd(t->start_year + 1, 8, 31, &last);
	if (t->start < first || t->start > last)
		return st_error_set(err, ST_ERULE, "START %s: is not in the academic year %s "
				    "(1 September to 31 August)", st_date_format(t->start, d), year);
	if (t->end < first || t->end > last)
		return st_error_set(err, ST_ERULE, "END %s: is not in the academic year %s "
				    "(1 September to 31 August)", st_date_format(t->end, d), year);
	if (t->end < t->start)
		return st_error_set(err, ST_ERULE, "END %s: is before START", st_date_format(t->end, d));
	return ST_OK;
}

int st_term_set(st_db *db, const char *academic_year, const char *term, st_date start,
		st_date end, st_error *err)
{
	ERR_ENSURE(err);
	st_term t = {0, ST_TERM_AUTUMN, start, end, 0};
	const char *name = st__fold_enum(term, term_names);
	char year[ST_ACADEMIC_YEAR_BUFSZ];
	int rc = st_academic_year_parse("ACADEMIC_YEAR", academic_year, &t.start_year, err);
	if (rc == ST_OK && !name)
		rc = st_error_set(err, ST_EINVAL, "TERM %.30s: must be autumn, spring or summer",
				  term ? term : "");
	if (rc == ST_OK && (start == ST_DATE_NONE || end == ST_DATE_NONE))
		rc = st_error_set(err, ST_EUSAGE, "%s: missing date", start == ST_DATE_NONE ? "START" : "END");
	if (rc != ST_OK)
		return rc;
	for (int i = 0; i < 3; i++)
		if (strcmp(name, term_names[i]) == 0)
			t.term = (st_term_name)i;
	st_academic_year_format(t.start_year, year);
	if ((rc = check_within(&t, year, err)) != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	int replaced = 0;
	char detail[32];
	rc = check_order(db, &t, err);
	if (rc == ST_OK)
		rc = st__store_term_set(db->store, year, name, start, end, &replaced, err);
	snprintf(detail, sizeof detail, "%s %s", year, name);
	if (rc == ST_OK)
		rc = st_audit_record(db, replaced ? "update" : "insert", "term", 0, 0, start, detail,
				     err);
	return st__write_end(db, rc, err);
}
