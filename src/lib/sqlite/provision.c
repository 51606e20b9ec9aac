/* provision.c - storage of provision (costs are derived in the model). */
#include "sqlite_store.h"

#define PROVISION_SELECT \
	"SELECT v.id, v.pupil_id, v.name, v.staff_role, v.sessions_per_week, v.minutes, " \
	"v.group_size, v.hourly_cost_pence, v.start_date, v.end_date, " \
	"p.surname, p.forename, p.preferred, p.year, p.status, v.voided_on, v.void_reason, " \
	"p.left_on " \
	"FROM provision v JOIN pupil p ON p.id = v.pupil_id "

static int provision_rows(struct store *s, sqlite3_stmt *st, st_provision_cb cb, void *payload,
			  int want_one, st_error *err)
{
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_provision v = {
			.id = sqlite3_column_int64(st, 0),
			.pupil_id = sqlite3_column_int64(st, 1),
			.name = sqlst_col_text(st, 2),
			.staff_role = sqlst_col_text(st, 3),
			.sessions_per_week = sqlite3_column_int(st, 4),
			.minutes = sqlite3_column_int(st, 5),
			.group_size = sqlite3_column_int(st, 6),
			.hourly_cost_pence = sqlite3_column_int64(st, 7),
			.start = sqlst_col_date(st, 8),
			.end = sqlst_col_date(st, 9),
			.surname = sqlst_col_text(st, 10),
			.forename = sqlst_col_text(st, 11),
			.preferred = sqlst_col_text(st, 12),
			.year = sqlst_col_text(st, 13),
			.status = sqlst_col_char(st, 14),
			.voided_on = sqlst_col_date(st, 15),
			.void_reason = sqlst_col_text(st, 16),
			.pupil_left = sqlst_col_date(st, 17),
		};
		n++;
		int stop = cb(&v, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading provision", err);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sqlst_fail(s, rc, "reading provision", err);
	return want_one && n == 0 ? ST_ENOTFOUND : ST_OK;
}

int sqlst_provision_insert(struct store *s, const st_provision *p, int64_t *out_id,
			   st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO provision(pupil_id, name, staff_role, "
				   "sessions_per_week, minutes, group_size, hourly_cost_pence, "
				   "start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
				err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, p->pupil_id);
	sqlst_bind_text(st, 2, p->name);
	sqlst_bind_text(st, 3, p->staff_role);
	sqlite3_bind_int(st, 4, p->sessions_per_week);
	sqlite3_bind_int(st, 5, p->minutes);
	sqlite3_bind_int(st, 6, p->group_size);
	sqlite3_bind_int64(st, 7, p->hourly_cost_pence);
	sqlst_bind_date(st, 8, p->start);
	sqlst_bind_date(st, 9, p->end);
	int rc = sqlst_step_done(s, st, "adding the provision", err);
	if (rc == ST_OK)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

int sqlst_provision_get(struct store *s, int64_t id, st_provision_cb cb, void *payload,
			st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, PROVISION_SELECT "WHERE v.id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	return provision_rows(s, st, cb, payload, 1, err);
}

int sqlst_provision_set_end(struct store *s, int64_t id, st_date end, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE provision SET end_date = ?2 WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_date(st, 2, end);
	return sqlst_step_done(s, st, "ending the provision", err);
}

int sqlst_provision_end_active(struct store *s, int64_t pupil_id, st_date date, int *ended,
			       st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE provision SET end_date = max(?2, start_date) "
				   "WHERE pupil_id = ?1 AND (end_date IS NULL OR end_date > ?2) "
				   "AND voided_on IS NULL",
				err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_date(st, 2, date);
	int rc = sqlst_step_done(s, st, "ending provision", err);
	*ended = rc == ST_OK ? sqlite3_changes(sqlst_db(s)) : 0;
	return rc;
}

int sqlst_provision_list(struct store *s, int64_t pupil_id, st_date active_on,
			 unsigned include, st_provision_cb cb, void *payload, st_error *err)
{
	/* Two statements so that each uses an index: by pupil, or all. A
	 * pupil counts in the map of a date while on roll: up to the day
	 * before their leaving date. */
	sqlite3_stmt *st;
	if (pupil_id)
		st = sqlst_stmt(s, PROVISION_SELECT "WHERE v.pupil_id = ?1 AND (?2 IS NULL OR "
			     "(v.start_date <= ?2 AND (v.end_date IS NULL OR v.end_date >= ?2))) "
			     "AND (?3 OR v.voided_on IS NULL) "
			     "ORDER BY v.start_date, v.id", err);
	else
		st = sqlst_stmt(s, "/* full scan: the provision map of every pupil */ "
			     PROVISION_SELECT "WHERE (?4 OR p.left_on IS NULL OR p.left_on > ?2) "
			     "AND (?2 IS NULL OR "
			     "(v.start_date <= ?2 AND (v.end_date IS NULL OR v.end_date >= ?2))) "
			     "AND (?3 OR v.voided_on IS NULL) "
			     "ORDER BY p.surname_key, p.forename_key, v.pupil_id, v.start_date, v.id",
			  err);
	if (!st)
		return err->code;
	if (pupil_id)
		sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_date(st, 2, active_on);
	sqlite3_bind_int(st, 3, (include & ST__PROVISION_VOID) != 0);
	if (!pupil_id)
		sqlite3_bind_int(st, 4, (include & ST__PROVISION_LEFT) != 0);
	return provision_rows(s, st, cb, payload, 0, err);
}

int sqlst_provision_update(struct store *s, int64_t id, const st_provision *p,
			   st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE provision SET name = ?2, staff_role = ?3, "
				   "sessions_per_week = ?4, minutes = ?5, group_size = ?6, "
				   "hourly_cost_pence = ?7, start_date = ?8, end_date = ?9 "
				   "WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_text(st, 2, p->name);
	sqlst_bind_text(st, 3, p->staff_role);
	sqlite3_bind_int(st, 4, p->sessions_per_week);
	sqlite3_bind_int(st, 5, p->minutes);
	sqlite3_bind_int(st, 6, p->group_size);
	sqlite3_bind_int64(st, 7, p->hourly_cost_pence);
	sqlst_bind_date(st, 8, p->start);
	sqlst_bind_date(st, 9, p->end);
	return sqlst_step_done(s, st, "editing the provision", err);
}

int sqlst_provision_void(struct store *s, int64_t id, st_date date, const char *reason,
			 st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE provision SET voided_on = ?2, void_reason = ?3 "
				   "WHERE id = ?1 AND voided_on IS NULL", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_date(st, 2, date);
	sqlst_bind_text(st, 3, reason);
	return sqlst_step_done(s, st, "marking the provision entered in error", err);
}
