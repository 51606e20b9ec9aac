/* meeting.c - storage of meetings (with their attendees) and of outside
 * specialists' involvement. */
#include "sqlite_store.h"

/* Record the attendees of meeting id, one row per role in with. */
static int insert_attendees(struct store *s, int64_t id, unsigned with, st_error *err)
{
	int rc = ST_OK;
	for (unsigned i = 0; rc == ST_OK && st__who_role(i); i++) {
		if (!(with & (1u << i)))
			continue;
		sqlite3_stmt *a = sqlst_stmt(s, "INSERT INTO meeting_attendee(meeting_id, role) "
					  "VALUES (?1, ?2)", err);
		if (!a)
			return err->code;
		sqlite3_bind_int64(a, 1, id);
		sqlst_bind_text(a, 2, st__who_role(i));
		rc = sqlst_step_done(s, a, "recording who attended", err);
	}
	return rc;
}

int sqlst_meeting_insert(struct store *s, int64_t pupil_id, int64_t cycle_id, st_date date,
			 const char *purpose, unsigned with, const char *notes, int planned,
			 int64_t *out_id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO meeting(pupil_id, cycle_id, meeting_date, purpose, "
				   "notes, with_parents, planned) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_id(st, 2, cycle_id);
	sqlst_bind_date(st, 3, date);
	sqlst_bind_text(st, 4, purpose);
	sqlst_bind_text(st, 5, notes);
	sqlite3_bind_int(st, 6, (with & ST_WHO_PARENTS) != 0);
	sqlite3_bind_int(st, 7, planned != 0);
	int rc = sqlst_step_done(s, st, "recording the meeting", err);
	if (rc != ST_OK)
		return rc;
	int64_t id = sqlite3_last_insert_rowid(sqlst_db(s));
	rc = insert_attendees(s, id, with, err);
	if (rc == ST_OK)
		*out_id = id;
	return rc;
}

int sqlst_meeting_update(struct store *s, const st_meeting *m, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE meeting SET meeting_date = ?2, purpose = ?3, "
				   "notes = ?4, with_parents = ?5, planned = ?6 WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, m->id);
	sqlst_bind_date(st, 2, m->date);
	sqlst_bind_text(st, 3, m->purpose);
	sqlst_bind_text(st, 4, m->notes);
	sqlite3_bind_int(st, 5, (m->with & ST_WHO_PARENTS) != 0);
	sqlite3_bind_int(st, 6, m->planned != 0);
	int rc = sqlst_step_done(s, st, "correcting the meeting", err);
	sqlite3_stmt *del = rc == ST_OK ? sqlst_stmt(s, "DELETE FROM meeting_attendee "
						     "WHERE meeting_id = ?1", err) : NULL;
	if (rc == ST_OK && !del)
		return err->code;
	if (rc == ST_OK) {
		sqlite3_bind_int64(del, 1, m->id);
		rc = sqlst_step_done(s, del, "correcting who attended", err);
	}
	return rc == ST_OK ? insert_attendees(s, m->id, m->with, err) : rc;
}

static int read_meetings(struct store *s, sqlite3_stmt *st, st_meeting_cb cb, void *payload,
			 st_error *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_meeting m = {
			.id = sqlite3_column_int64(st, 0),
			.pupil_id = sqlite3_column_int64(st, 1),
			.cycle_id = sqlite3_column_int64(st, 2),
			.date = sqlst_col_date(st, 3),
			.purpose = sqlst_col_text(st, 4),
			.notes = sqlst_col_text(st, 5),
			.with = st__who_bits(sqlst_col_text(st, 6)),
			.surname = sqlst_col_text(st, 7),
			.forename = sqlst_col_text(st, 8),
			.preferred = sqlst_col_text(st, 9),
			.year = sqlst_col_text(st, 10),
			.planned = sqlite3_column_int(st, 11),
		};
		int stop = cb(&m, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading meetings", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading meetings", err);
}

#define MEETING_SELECT \
	"SELECT m.id, m.pupil_id, m.cycle_id, m.meeting_date, m.purpose, m.notes, " \
	"(SELECT group_concat(role) FROM meeting_attendee a WHERE a.meeting_id = m.id), " \
	"p.surname, p.forename, p.preferred, p.year, m.planned " \
	"FROM meeting m JOIN pupil p ON p.id = m.pupil_id "

int sqlst_meeting_list(struct store *s, int64_t pupil_id, st_date since, int planned_only,
		       st_meeting_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st;
	if (pupil_id)
		st = sqlst_stmt(s, MEETING_SELECT "WHERE m.pupil_id = ?1 AND (?2 IS NULL OR "
			     "m.meeting_date >= ?2) AND (?3 = 0 OR m.planned = 1) "
			     "ORDER BY m.meeting_date, m.id", err);
	else
		st = sqlst_stmt(s, MEETING_SELECT "WHERE (?2 IS NULL OR m.meeting_date >= ?2) "
			     "AND (?3 = 0 OR m.planned = 1) ORDER BY m.meeting_date, m.id", err);
	if (!st)
		return err->code;
	if (pupil_id)
		sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_date(st, 2, since);
	sqlite3_bind_int(st, 3, planned_only != 0);
	return read_meetings(s, st, cb, payload, err);
}

int sqlst_meeting_get(struct store *s, int64_t id, st_meeting_cb cb, void *payload,
		      st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, MEETING_SELECT "WHERE m.id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	return read_meetings(s, st, cb, payload, err);
}

int sqlst_specialist_insert(struct store *s, int64_t pupil_id, const char *service,
			    st_date consent, st_date date, const char *notes, int64_t *out_id,
			    st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO specialist(pupil_id, service, consent_date, "
				   "start_date, notes) VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_text(st, 2, service);
	sqlst_bind_date(st, 3, consent);
	sqlst_bind_date(st, 4, date);
	sqlst_bind_text(st, 5, notes);
	int rc = sqlst_step_done(s, st, "recording the specialist", err);
	if (rc == ST_OK)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

int sqlst_specialist_list(struct store *s, int64_t pupil_id, st_specialist_cb cb,
			  void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT id, pupil_id, service, consent_date, start_date, notes "
				   "FROM specialist WHERE pupil_id = ?1 ORDER BY start_date, id", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_specialist sp = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
				    sqlst_col_text(st, 2), sqlst_col_date(st, 3), sqlst_col_date(st, 4), sqlst_col_text(st, 5)};
		int stop = cb(&sp, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading specialists", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading specialists", err);
}
