/* audit.c - storage of the audit log. */
#include "sqlite_store.h"

int sqlst_audit_insert(struct store *s, const st_audit_entry *e, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO audit(entered_at, user, command, action, entity, "
				   "entity_id, pupil_id, event_date, detail) "
				   "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", err);
	if (!st)
		return err->code;
	char now[32];
	sqlst_utc_now(now);
	sqlst_bind_text(st, 1, e->entered_at ? e->entered_at : now);
	sqlst_bind_text(st, 2, e->user);
	sqlst_bind_text(st, 3, e->command);
	sqlst_bind_text(st, 4, e->action);
	sqlst_bind_text(st, 5, e->entity);
	sqlst_bind_id(st, 6, e->entity_id);
	sqlst_bind_id(st, 7, e->pupil_id);
	sqlst_bind_date(st, 8, e->event_date);
	sqlst_bind_text(st, 9, e->detail);
	return sqlst_step_done(s, st, "writing the audit log", err);
}

/* A cycle is named by its number for the pupil, not its row id (issue 16). */
#define AUDIT_CYCLE_SEQ \
	"(SELECT c.seq FROM cycle c WHERE audit.entity = 'cycle' AND c.id = audit.entity_id)"

int sqlst_audit_list(struct store *s, const st_audit_filter *f, const char *since_utc,
		     st_audit_cb cb, void *payload, st_error *err)
{
	/* Two statements so that each uses its index. */
	sqlite3_stmt *st;
	if (f->pupil_id)
		st = sqlst_stmt(s, "SELECT id, entered_at, user, command, action, entity, entity_id, "
			     "pupil_id, event_date, detail, " AUDIT_CYCLE_SEQ " FROM audit "
			     "WHERE pupil_id = ?1 AND (?2 IS NULL OR entered_at >= ?2) "
			     /* the import that last created or changed the pupil
			      * has one audit row for all its pupils (issue 15) */
			     "UNION ALL SELECT id, entered_at, user, command, action, entity, "
			     "entity_id, pupil_id, event_date, detail, NULL FROM audit WHERE id = "
			     "(SELECT r.audit_id FROM pupil p JOIN import_run r ON r.id = p.import_id "
			     "WHERE p.id = ?1) AND (?2 IS NULL OR entered_at >= ?2) "
			     "ORDER BY id DESC LIMIT ?3", err);
	else
		st = sqlst_stmt(s, "SELECT id, entered_at, user, command, action, entity, entity_id, "
			     "pupil_id, event_date, detail, " AUDIT_CYCLE_SEQ " FROM audit "
			     "WHERE (?2 IS NULL OR entered_at >= ?2) ORDER BY id DESC LIMIT ?3",
			  err);
	if (!st)
		return err->code;
	if (f->pupil_id)
		sqlite3_bind_int64(st, 1, f->pupil_id);
	sqlst_bind_text(st, 2, since_utc);
	sqlite3_bind_int(st, 3, f->limit > 0 ? f->limit : -1);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_audit_entry e = {
			.id = sqlite3_column_int64(st, 0),
			.entered_at = sqlst_col_text(st, 1),
			.user = sqlst_col_text(st, 2),
			.command = sqlst_col_text(st, 3),
			.action = sqlst_col_text(st, 4),
			.entity = sqlst_col_text(st, 5),
			.entity_id = sqlite3_column_int64(st, 6),
			.pupil_id = sqlite3_column_int64(st, 7),
			.event_date = sqlst_col_date(st, 8),
			.detail = sqlst_col_text(st, 9),
			.cycle_seq = sqlite3_column_int(st, 10),
		};
		int stop = cb(&e, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading the audit log", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading the audit log", err);
}
