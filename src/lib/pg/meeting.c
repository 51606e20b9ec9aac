/* meeting.c - the PostgreSQL store's meetings (with their attendees) and
 * outside specialists' involvement (as sqlite/meeting.c). */
#include "pgst.h"

/* Record the attendees of meeting id, one row per role in with. */
static int insert_attendees(struct store *s, int64_t id, unsigned with, st_error *err)
{
	int rc = ST_OK;
	for (unsigned i = 0; rc == ST_OK && st__who_role(i); i++) {
		if (!(with & (1u << i)))
			continue;
		struct pgst_params p = {0};
		pgst_int(&p, id);
		pgst_text(&p, st__who_role(i));
		pgst_school(s, &p);
		rc = pgst_query(s, "INSERT INTO meeting_attendee (meeting_id, role, school_id) "
				   "VALUES ($1, $2, $3)", &p, NULL, "recording who attended", err);
	}
	return rc;
}

int pgst_meeting_insert(struct store *s, int64_t pupil_id, int64_t cycle_id, st_date date,
			const char *purpose, unsigned with, const char *notes, int planned,
			int64_t *out_id, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_id(&p, cycle_id);
	pgst_date(&p, date);
	pgst_text(&p, purpose);
	pgst_text(&p, notes);
	pgst_flag(&p, (with & ST_WHO_PARENTS) != 0);
	pgst_flag(&p, planned != 0);
	pgst_school(s, &p);
	int64_t id;
	int rc = pgst_insert(s, "INSERT INTO meeting (pupil_id, cycle_id, meeting_date, purpose, "
				"notes, with_parents, planned, school_id) VALUES ($1, $2, $3, $4, "
				"$5, $6, $7, $8) RETURNING id", &p, &id, "recording the meeting",
			     err);
	if (rc == ST_OK)
		rc = insert_attendees(s, id, with, err);
	if (rc == ST_OK)
		*out_id = id;
	return rc;
}

int pgst_meeting_update(struct store *s, const st_meeting *m, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, m->id);
	pgst_date(&p, m->date);
	pgst_text(&p, m->purpose);
	pgst_text(&p, m->notes);
	pgst_flag(&p, (m->with & ST_WHO_PARENTS) != 0);
	pgst_flag(&p, m->planned != 0);
	pgst_school(s, &p);
	int rc = pgst_query(s, "UPDATE meeting SET meeting_date = $2, purpose = $3, notes = $4, "
			       "with_parents = $5, planned = $6 WHERE id = $1 AND school_id = $7",
			    &p, NULL, "correcting the meeting", err);
	struct pgst_params d = {0};
	pgst_int(&d, m->id);
	pgst_school(s, &d);
	if (rc == ST_OK)
		rc = pgst_query(s, "DELETE FROM meeting_attendee WHERE meeting_id = $1 AND "
				   "school_id = $2", &d, NULL, "correcting who attended", err);
	return rc == ST_OK ? insert_attendees(s, m->id, m->with, err) : rc;
}

static int read_meetings(struct store *s, const char *sql, const struct pgst_params *p,
			 st_meeting_cb cb, void *payload, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, sql, p, &res, "reading meetings", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_meeting m = {
			.id = pgst_col_int(res, i, 0),
			.pupil_id = pgst_col_int(res, i, 1),
			.cycle_id = pgst_col_int(res, i, 2),
			.date = pgst_col_date(res, i, 3),
			.purpose = pgst_col_text(res, i, 4),
			.notes = pgst_col_text(res, i, 5),
			.with = st__who_bits(pgst_col_text(res, i, 6)),
			.surname = pgst_col_text(res, i, 7),
			.forename = pgst_col_text(res, i, 8),
			.preferred = pgst_col_text(res, i, 9),
			.year = pgst_col_text(res, i, 10),
			.planned = pgst_col_flag(res, i, 11),
		};
		int stop = cb(&m, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading meetings", err);
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}

#define MEETING_SELECT \
	"SELECT m.id, m.pupil_id, m.cycle_id, m.meeting_date, m.purpose, m.notes, " \
	"(SELECT string_agg(role, ',') FROM meeting_attendee a WHERE a.meeting_id = m.id), " \
	"p.surname, p.forename, p.preferred, p.year, m.planned " \
	"FROM meeting m JOIN pupil p ON p.id = m.pupil_id "

int pgst_meeting_list(struct store *s, int64_t pupil_id, st_date since, int planned_only,
		      st_meeting_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_date(&p, since);
	pgst_flag(&p, planned_only != 0);
	pgst_school(s, &p);
	if (pupil_id) {
		pgst_int(&p, pupil_id);
		return read_meetings(s, MEETING_SELECT "WHERE m.pupil_id = $4 AND m.school_id = $3 "
					"AND ($1::date IS NULL OR m.meeting_date >= $1) AND "
					"(NOT $2 OR m.planned) ORDER BY m.meeting_date, m.id", &p,
				     cb, payload, err);
	}
	return read_meetings(s, MEETING_SELECT "WHERE m.school_id = $3 AND ($1::date IS NULL OR "
				"m.meeting_date >= $1) AND (NOT $2 OR m.planned) "
				"ORDER BY m.meeting_date, m.id", &p, cb, payload, err);
}

int pgst_meeting_get(struct store *s, int64_t id, st_meeting_cb cb, void *payload,
		     st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_school(s, &p);
	return read_meetings(s, MEETING_SELECT "WHERE m.id = $1 AND m.school_id = $2", &p, cb,
			     payload, err);
}

int pgst_specialist_insert(struct store *s, int64_t pupil_id, const char *service,
			   st_date consent, st_date date, const char *notes, int64_t *out_id,
			   st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_text(&p, service);
	pgst_date(&p, consent);
	pgst_date(&p, date);
	pgst_text(&p, notes);
	pgst_school(s, &p);
	return pgst_insert(s, "INSERT INTO specialist (pupil_id, service, consent_date, "
			      "start_date, notes, school_id) VALUES ($1, $2, $3, $4, $5, $6) "
			      "RETURNING id", &p, out_id, "recording the specialist", err);
}

int pgst_specialist_list(struct store *s, int64_t pupil_id, st_specialist_cb cb,
			 void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT id, pupil_id, service, consent_date, start_date, notes "
			       "FROM specialist WHERE pupil_id = $1 AND school_id = $2 "
			       "ORDER BY start_date, id", &p, &res, "reading specialists", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_specialist sp = {pgst_col_int(res, i, 0), pgst_col_int(res, i, 1),
				    pgst_col_text(res, i, 2), pgst_col_date(res, i, 3),
				    pgst_col_date(res, i, 4), pgst_col_text(res, i, 5)};
		int stop = cb(&sp, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading specialists", err);
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}
