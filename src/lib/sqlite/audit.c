/* audit.c - storage of the audit log. */
#include "sqlite_store.h"

int store_audit_insert(struct store *s, const st_audit_entry *e, st_error *err)
{
	sqlite3_stmt *st = stmt(s, "INSERT INTO audit(entered_at, user, command, action, entity, "
				   "entity_id, pupil_id, event_date, detail) "
				   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!st)
		return err->code;
	char now[32];
	utc_now(now);
	bind_text(st, 1, e->entered_at ? e->entered_at : now);
	bind_text(st, 2, e->user);
	bind_text(st, 3, e->command);
	bind_text(st, 4, e->action);
	bind_text(st, 5, e->entity);
	bind_id(st, 6, e->entity_id);
	bind_id(st, 7, e->pupil_id);
	bind_date(st, 8, e->event_date);
	bind_text(st, 9, e->detail);
	return step_done(s, st, "writing the audit log", err);
}

int store_audit_list(struct store *s, const st_audit_filter *f, st_audit_cb cb, void *payload,
		     st_error *err)
{
	/* Two statements so that each uses its index. */
	sqlite3_stmt *st;
	if (f->pupil_id)
		st = stmt(s, "SELECT id, entered_at, user, command, action, entity, entity_id, "
			     "pupil_id, event_date, detail FROM audit "
			     "WHERE pupil_id = ?1 AND (?2 IS NULL OR entered_at >= ?2) "
			     "ORDER BY id DESC LIMIT ?3", err);
	else
		st = stmt(s, "SELECT id, entered_at, user, command, action, entity, entity_id, "
			     "pupil_id, event_date, detail FROM audit "
			     "WHERE (?2 IS NULL OR entered_at >= ?2) ORDER BY id DESC LIMIT ?3",
			  err);
	if (!st)
		return err->code;
	if (f->pupil_id)
		sqlite3_bind_int64(st, 1, f->pupil_id);
	bind_date(st, 2, f->since);
	sqlite3_bind_int(st, 3, f->limit > 0 ? f->limit : -1);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_audit_entry e = {
			.id = sqlite3_column_int64(st, 0),
			.entered_at = col_text(st, 1),
			.user = col_text(st, 2),
			.command = col_text(st, 3),
			.action = col_text(st, 4),
			.entity = col_text(st, 5),
			.entity_id = sqlite3_column_int64(st, 6),
			.pupil_id = sqlite3_column_int64(st, 7),
			.event_date = col_date(st, 8),
			.detail = col_text(st, 9),
		};
		int stop = cb(&e, payload);
		if (stop) {
			sqlite3_reset(st);
			return err_stopped(stop, "reading the audit log", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sql_fail(s, rc, "reading the audit log", err);
}
