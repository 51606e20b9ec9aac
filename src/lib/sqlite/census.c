/* census.c - the rows of the school census SEN return (issue 12). */
#include "sqlite_store.h"

int sqlst_census_rows(struct store *s, census_row_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT p.id, p.upn, p.surname, p.forename, p.year, y.ord, "
		"p.dob, e.plan_date, p.status, "
		"(SELECT n.need_code FROM pupil_need n WHERE n.pupil_id = p.id AND n.rank = 1), "
		"(SELECT n.need_code FROM pupil_need n WHERE n.pupil_id = p.id AND n.rank = 2), "
		"p.top_up, p.preferred, p.surname_key || ' ' || p.forename_key "
		"FROM pupil p JOIN year_group y ON y.code = p.year "
		"LEFT JOIN register_event e ON e.id = p.status_event "
		"WHERE (p.status = 'K' OR p.status = 'E') AND p.left_on IS NULL "
		"ORDER BY y.ord, p.surname_key, p.forename_key, p.id", err);
	if (!st)
		return err->code;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct census_row r = {
			.pupil_id = sqlite3_column_int64(st, 0),
			.upn = sqlst_col_text(st, 1),
			.surname = sqlst_col_text(st, 2),
			.forename = sqlst_col_text(st, 3),
			.year = sqlst_col_text(st, 4),
			.year_ord = sqlite3_column_int(st, 5),
			.dob = sqlst_col_date(st, 6),
			.plan_date = sqlst_col_date(st, 7),
			.status = sqlst_col_char(st, 8),
			.need1 = sqlst_col_text(st, 9),
			.need2 = sqlst_col_text(st, 10),
			.top_up = sqlite3_column_int(st, 11),
			.preferred = sqlst_col_text(st, 12),
			.sort_key = sqlst_col_text(st, 13),
		};
		int stop = cb(&r, payload);
		if (stop) {
			sqlite3_reset(st);
			return stop;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading the census rows", err);
}

int sqlst_pupil_set_top_up(struct store *s, int64_t id, int top_up, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE pupil SET top_up = ?2 WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, top_up != 0);
	return sqlst_step_done(s, st, "recording top-up funding", err);
}

int sqlst_concern_insert(struct store *s, int64_t pupil_id, const char *from, st_date date,
			 const char *text, int64_t *out_id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO concern(pupil_id, raised_by, concern_date, text) "
				   "VALUES (?1, ?2, ?3, ?4)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_text(st, 2, from);
	sqlst_bind_date(st, 3, date);
	sqlst_bind_text(st, 4, text);
	int rc = sqlst_step_done(s, st, "recording the concern", err);
	if (rc == ST_OK)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

int sqlst_concern_list(struct store *s, int64_t pupil_id, st_date since, st_concern_cb cb,
		       void *payload, st_error *err)
{
	sqlite3_stmt *st = pupil_id
		? sqlst_stmt(s, "SELECT c.id, c.pupil_id, c.raised_by, c.concern_date, c.text, "
			  "p.surname, p.forename FROM concern c JOIN pupil p ON p.id = c.pupil_id "
			  "WHERE c.pupil_id = ?1 AND (?2 IS NULL OR c.concern_date >= ?2) "
			  "ORDER BY c.concern_date, c.id", err)
		: sqlst_stmt(s, "/* full scan: every concern */ SELECT c.id, c.pupil_id, c.raised_by, "
			  "c.concern_date, c.text, p.surname, p.forename FROM concern c "
			  "JOIN pupil p ON p.id = c.pupil_id WHERE p.left_on IS NULL "
			  "AND (?2 IS NULL OR c.concern_date >= ?2) ORDER BY c.concern_date, c.id",
			  err);
	if (!st)
		return err->code;
	if (pupil_id)
		sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_date(st, 2, since);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_concern c = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
				sqlst_col_text(st, 2), sqlst_col_date(st, 3), sqlst_col_text(st, 4),
				sqlst_col_text(st, 5), sqlst_col_text(st, 6)};
		int stop = cb(&c, payload);
		if (stop) {
			sqlite3_reset(st);
			return stop;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading concerns", err);
}
