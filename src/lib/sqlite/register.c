/* register.c - storage of SEN register events. */
#include "sqlite_store.h"

#define EVENT_SELECT \
	"SELECT id, pupil_id, status, event_date, parents_informed, plan_date, reason, " \
	"source, entered_at, entered_by, ceased_by_la, informed_who, voided_on, void_reason " \
	"FROM register_event "

static void read_event(sqlite3_stmt *st, st_register_event *e)
{
	e->id = sqlite3_column_int64(st, 0);
	e->pupil_id = sqlite3_column_int64(st, 1);
	e->status = sqlst_col_char(st, 2);
	e->date = sqlst_col_date(st, 3);
	e->parents_informed = sqlst_col_date(st, 4);
	e->plan_date = sqlst_col_date(st, 5);
	e->reason = sqlst_col_text(st, 6);
	e->source = sqlst_col_text(st, 7);
	e->entered_at = sqlst_col_text(st, 8);
	e->entered_by = sqlst_col_text(st, 9);
	e->ceased_by_la = sqlst_col_date(st, 10);
	e->informed_who = sqlst_col_text(st, 11);
	e->voided_on = sqlst_col_date(st, 12);
	e->void_reason = sqlst_col_text(st, 13);
}

int sqlst_register_insert(struct store *s, const struct register_row *r, int64_t *out_id,
			  st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO register_event(pupil_id, status, event_date, "
				   "parents_informed, plan_date, reason, source, entered_at, "
				   "entered_by, ceased_by_la) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
				   "?9, ?10)", err);
	if (!st)
		return err->code;
	char now[32];
	sqlst_utc_now(now);
	sqlite3_bind_int64(st, 1, r->pupil_id);
	sqlst_bind_char(st, 2, r->status);
	sqlst_bind_date(st, 3, r->date);
	sqlst_bind_date(st, 4, r->parents_informed);
	sqlst_bind_date(st, 5, r->plan_date);
	sqlst_bind_text(st, 6, r->reason);
	sqlst_bind_text(st, 7, r->source);
	sqlst_bind_text(st, 8, now);
	sqlst_bind_text(st, 9, r->entered_by);
	sqlst_bind_date(st, 10, r->ceased_by_la);
	int rc = sqlst_step_done(s, st, "recording the register change", err);
	if (rc == ST_OK && out_id)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

int sqlst_register_latest(struct store *s, int64_t pupil_id, st_register_event *out,
			  st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, EVENT_SELECT "WHERE pupil_id = ?1 AND voided_on IS NULL "
				"ORDER BY event_date DESC, id DESC LIMIT 1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_event(st, out);
		out->reason = out->source = out->entered_at = out->entered_by = NULL;
		out->void_reason = NULL;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return ST_ENOTFOUND;
	return rc == SQLITE_ROW ? ST_OK : sqlst_fail(s, rc, "reading the register", err);
}

int sqlst_register_set_informed(struct store *s, int64_t event_id, st_date date,
				st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE register_event SET parents_informed = ?1 "
				   "WHERE id = ?2 AND parents_informed IS NULL", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, date);
	sqlite3_bind_int64(st, 2, event_id);
	return sqlst_step_done(s, st, "recording that parents were informed", err);
}

int sqlst_register_history(struct store *s, int64_t pupil_id, st_register_cb cb,
			   void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, EVENT_SELECT "WHERE pupil_id = ?1 ORDER BY event_date, id", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_register_event e;
		read_event(st, &e);
		int stop = cb(&e, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading the register", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading the register", err);
}

int sqlst_register_set_informed_who(struct store *s, int64_t event_id, const char *who,
				    st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE register_event SET informed_who = ?1 "
				   "WHERE id = ?2 AND parents_informed IS NOT NULL", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, who);
	sqlite3_bind_int64(st, 2, event_id);
	return sqlst_step_done(s, st, "recording who was informed", err);
}

int sqlst_register_get(struct store *s, int64_t event_id, st_register_cb cb, void *payload,
		       st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, EVENT_SELECT "WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, event_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		st_register_event e;
		read_event(st, &e);
		int stop = cb(&e, payload);
		sqlite3_reset(st);
		return stop ? st__err_stopped(stop, "reading the register", err) : ST_OK;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_ENOTFOUND : sqlst_fail(s, rc, "reading the register", err);
}

int sqlst_register_void(struct store *s, int64_t event_id, st_date date, const char *reason,
			st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE register_event SET voided_on = ?2, "
				   "void_reason = ?3 WHERE id = ?1 AND voided_on IS NULL", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, event_id);
	sqlst_bind_date(st, 2, date);
	sqlst_bind_text(st, 3, reason);
	return sqlst_step_done(s, st, "marking the register entry entered in error", err);
}
