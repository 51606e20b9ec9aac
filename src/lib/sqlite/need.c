/* need.c - storage of pupils' needs. */
#include "sqlite_store.h"

int st__store_need_upsert(struct store *s, int64_t pupil_id, const char *code, int rank,
		      st_date since, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO pupil_need(pupil_id, rank, need_code, since) "
				   "VALUES (?1, ?2, ?3, ?4)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlite3_bind_int(st, 2, rank);
	sqlst_bind_text(st, 3, code);
	sqlst_bind_date(st, 4, since);
	return sqlst_step_done(s, st, "recording the need", err);
}

int st__store_need_delete(struct store *s, int64_t pupil_id, const char *code, int *deleted,
		      st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "DELETE FROM pupil_need WHERE pupil_id = ?1 AND need_code = ?2",
				err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_text(st, 2, code);
	int rc = sqlst_step_done(s, st, "removing the need", err);
	*deleted = rc == ST_OK ? sqlite3_changes(s->db) : 0;
	return rc;
}

int st__store_need_list(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
		    st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT pn.pupil_id, pn.rank, n.code, n.label, n.area, "
				   "a.label, pn.since FROM pupil_need pn "
				   "JOIN need_type n ON n.code = pn.need_code "
				   "LEFT JOIN area a ON a.code = n.area "
				   "WHERE pn.pupil_id = ?1 ORDER BY pn.rank", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_pupil_need n = {
			.pupil_id = sqlite3_column_int64(st, 0),
			.rank = sqlite3_column_int(st, 1),
			.type = {sqlst_col_text(st, 2), sqlst_col_text(st, 3), sqlst_col_text(st, 4), sqlst_col_text(st, 5)},
			.since = sqlst_col_date(st, 6),
		};
		int stop = cb(&n, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading needs", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading needs", err);
}
