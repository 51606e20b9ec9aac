/* calendar.c - the PostgreSQL store's queries behind the calendar's sources
 * (as sqlite/calendar.c): open cycles of pupils at K or E by review date
 * (as check: a pupil at N has no review due), planned meetings by date. */
#include "pgst.h"

static int calendar_rows(struct store *s, const char *sql, st_date from, st_date to,
			 st_calendar_kind kind, st_calendar_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_date(&p, from);
	pgst_date(&p, to);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, sql, &p, &res, "reading the calendar", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_calendar_item it = {
			.kind = kind,
			.pupil_id = pgst_col_int(res, i, 0),
			.surname = pgst_col_text(res, i, 1),
			.forename = pgst_col_text(res, i, 2),
			.preferred = pgst_col_text(res, i, 3),
			.year = pgst_col_text(res, i, 4),
			.ref_id = pgst_col_int(res, i, 5),
			.date = pgst_col_date(res, i, 6),
			.since = pgst_col_date(res, i, 7),
			.seq = (int)pgst_col_int(res, i, 8),
			.detail = pgst_col_text(res, i, 9),
			.with = (unsigned)pgst_col_int(res, i, 10),
		};
		int stop = cb(&it, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading the calendar", err);
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}

#define CAL_PUPIL "p.id, p.surname, p.forename, p.preferred, p.year, "

int pgst_calendar_reviews(struct store *s, st_date from, st_date to, st_calendar_cb cb,
			  void *payload, st_error *err)
{
	return calendar_rows(s, "SELECT " CAL_PUPIL "c.id, c.review_date, NULL, c.seq, NULL, 0 "
				"FROM cycle c JOIN pupil p ON p.id = c.pupil_id "
				"WHERE c.school_id = $3 AND c.phase <> 'closed' AND "
				"c.review_date BETWEEN $1 AND $2 AND p.left_on IS NULL AND "
				"(p.status = 'K' OR p.status = 'E')", from, to, ST_CALENDAR_REVIEW,
			     cb, payload, err);
}

/* The attendees as the bits of st_who (parents 1, pupil 2, ...). */
#define WHO_BITS \
	"(SELECT coalesce(sum(CASE a.role WHEN 'parents' THEN 1 WHEN 'pupil' THEN 2 " \
	"WHEN 'class-teacher' THEN 4 WHEN 'senco' THEN 8 WHEN 'specialist' THEN 16 ELSE 32 END), 0) " \
	"FROM meeting_attendee a WHERE a.meeting_id = m.id)"

int pgst_calendar_meetings(struct store *s, st_date from, st_date to, st_calendar_cb cb,
			   void *payload, st_error *err)
{
	return calendar_rows(s, "SELECT " CAL_PUPIL "m.id, m.meeting_date, NULL, 0, m.purpose, "
				WHO_BITS " FROM meeting m JOIN pupil p ON p.id = m.pupil_id "
				"WHERE m.school_id = $3 AND m.planned AND "
				"m.meeting_date BETWEEN $1 AND $2 AND p.left_on IS NULL", from, to,
			     ST_CALENDAR_MEETING, cb, payload, err);
}
