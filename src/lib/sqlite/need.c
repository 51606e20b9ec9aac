/* need.c - storage of pupils' needs. */
#include "sqlite_store.h"

int sqlst_need_upsert(struct store *s, int64_t pupil_id, const char *code, int rank,
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

/* Stream need rows (current, or with ended and why when history). */
static int need_rows(struct store *s, sqlite3_stmt *st, int history, st_need_cb cb,
		     void *payload, st_error *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_pupil_need n = {
			.pupil_id = sqlite3_column_int64(st, 0),
			.rank = sqlite3_column_int(st, 1),
			.type = {sqlst_col_text(st, 2), sqlst_col_text(st, 3), sqlst_col_text(st, 4), sqlst_col_text(st, 5)},
			.since = sqlst_col_date(st, 6),
			.ended = history ? sqlst_col_date(st, 7) : ST_DATE_NONE,
			.why = history ? sqlst_col_text(st, 8) : NULL,
		};
		int stop = cb(&n, payload);
		if (stop) {
			sqlite3_reset(st);
			return stop;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading needs", err);
}

int sqlst_need_list(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
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
	return need_rows(s, st, 0, cb, payload, err);
}

/* Issue 12: ended needs are kept, dated, in need_history. */
int sqlst_need_end(struct store *s, int64_t pupil_id, const char *code, st_date ended,
		   const char *why, int *ended_count, st_error *err)
{
	sqlite3_stmt *copy = sqlst_stmt(s, "INSERT INTO need_history(pupil_id, rank, need_code, since, "
				     "ended, why) SELECT pupil_id, rank, need_code, since, "
				     "max(since, ?3), ?4 FROM pupil_need WHERE pupil_id = ?1 "
				     "AND (?2 IS NULL OR need_code = ?2)", err);
	if (!copy)
		return err->code;
	sqlite3_bind_int64(copy, 1, pupil_id);
	sqlst_bind_text(copy, 2, code);
	sqlst_bind_date(copy, 3, ended);
	sqlst_bind_text(copy, 4, why);
	int rc = sqlst_step_done(s, copy, "keeping the need in the history", err);
	sqlite3_stmt *del = rc == ST_OK ? sqlst_stmt(s, "DELETE FROM pupil_need WHERE pupil_id = ?1 "
					      "AND (?2 IS NULL OR need_code = ?2)", err)
					: NULL;
	if (rc == ST_OK && !del)
		return err->code;
	if (rc != ST_OK)
		return rc;
	sqlite3_bind_int64(del, 1, pupil_id);
	sqlst_bind_text(del, 2, code);
	rc = sqlst_step_done(s, del, "ending the need", err);
	*ended_count = rc == ST_OK ? sqlite3_changes(sqlst_db(s)) : 0;
	return rc;
}

int sqlst_need_history(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
		       st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT h.pupil_id, h.rank, n.code, n.label, n.area, "
				   "a.label, h.since, h.ended, h.why FROM need_history h "
				   "JOIN need_type n ON n.code = h.need_code "
				   "LEFT JOIN area a ON a.code = n.area "
				   "WHERE h.pupil_id = ?1 ORDER BY h.ended, h.id", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	return need_rows(s, st, 1, cb, payload, err);
}

int sqlst_need_restore(struct store *s, int64_t pupil_id, st_date date, int *restored,
		       st_error *err)
{
	/* sqlst_need_end dated each ended need max(since, date) */
	sqlite3_stmt *copy = sqlst_stmt(s, "INSERT INTO pupil_need(pupil_id, rank, need_code, since) "
				     "SELECT pupil_id, rank, need_code, since FROM need_history "
				     "WHERE pupil_id = ?1 AND why = 'register-n' "
				     "AND ended = max(since, ?2)", err);
	if (!copy)
		return err->code;
	sqlite3_bind_int64(copy, 1, pupil_id);
	sqlst_bind_date(copy, 2, date);
	int rc = sqlst_step_done(s, copy, "restoring the needs", err);
	*restored = rc == ST_OK ? sqlite3_changes(sqlst_db(s)) : 0;
	if (rc != ST_OK)
		return rc;
	sqlite3_stmt *del = sqlst_stmt(s, "DELETE FROM need_history WHERE pupil_id = ?1 "
				    "AND why = 'register-n' AND ended = max(since, ?2)", err);
	if (!del)
		return err->code;
	sqlite3_bind_int64(del, 1, pupil_id);
	sqlst_bind_date(del, 2, date);
	return sqlst_step_done(s, del, "restoring the needs", err);
}
