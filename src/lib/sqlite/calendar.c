/* calendar.c - the queries behind the calendar's sources, each through an
 * index: open cycles of pupils at K or E by review date (as check: a pupil
 * at N has no review due), planned meetings by date (the EHC deadlines
 * come from st_ehc_deadlines). */
#include "sqlite_store.h"

static int calendar_rows(struct store *s, sqlite3_stmt *st, st_calendar_kind kind,
			 st_calendar_cb cb, void *payload, st_error *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_calendar_item it = {
			.kind = kind,
			.pupil_id = sqlite3_column_int64(st, 0),
			.surname = sqlst_col_text(st, 1),
			.forename = sqlst_col_text(st, 2),
			.preferred = sqlst_col_text(st, 3),
			.year = sqlst_col_text(st, 4),
			.ref_id = sqlite3_column_int64(st, 5),
			.date = sqlst_col_date(st, 6),
			.since = sqlst_col_date(st, 7),
			.seq = sqlite3_column_int(st, 8),
			.detail = sqlst_col_text(st, 9),
			.with = (unsigned)sqlite3_column_int(st, 10),
		};
		int stop = cb(&it, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading the calendar", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading the calendar", err);
}

#define CAL_PUPIL "p.id, p.surname, p.forename, p.preferred, p.year, "

int sqlst_calendar_reviews(struct store *s, st_date from, st_date to, st_calendar_cb cb,
			       void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT " CAL_PUPIL "c.id, c.review_date, NULL, c.seq, "
				      "NULL, 0 FROM cycle c JOIN pupil p ON p.id = c.pupil_id "
				      "WHERE c.phase <> 'closed' AND c.review_date BETWEEN ?1 AND ?2 "
				      "AND p.left_on IS NULL AND (p.status = 'K' OR p.status = 'E')",
				      err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, from);
	sqlst_bind_date(st, 2, to);
	return calendar_rows(s, st, ST_CALENDAR_REVIEW, cb, payload, err);
}

/* The attendees as the bits of st_who (parents 1, pupil 2, ...). */
#define WHO_BITS \
	"(SELECT coalesce(sum(CASE a.role WHEN 'parents' THEN 1 WHEN 'pupil' THEN 2 " \
	"WHEN 'class-teacher' THEN 4 WHEN 'senco' THEN 8 WHEN 'specialist' THEN 16 ELSE 32 END), 0) " \
	"FROM meeting_attendee a WHERE a.meeting_id = m.id)"

int sqlst_calendar_meetings(struct store *s, st_date from, st_date to, st_calendar_cb cb,
				void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT " CAL_PUPIL "m.id, m.meeting_date, NULL, 0, "
				      "m.purpose, " WHO_BITS " FROM meeting m "
				      "JOIN pupil p ON p.id = m.pupil_id "
				      "WHERE m.planned = 1 AND m.meeting_date BETWEEN ?1 AND ?2 "
				      "AND p.left_on IS NULL", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, from);
	sqlst_bind_date(st, 2, to);
	return calendar_rows(s, st, ST_CALENDAR_MEETING, cb, payload, err);
}
