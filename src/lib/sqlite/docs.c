/* docs.c - storage for the documents: passports and the summary figures.
 * The summary reads a whole academic year, so some statements stream every
 * row of a table on purpose (marked "full scan:" for test_query_plans). */
#include "sqlite_store.h"
#include "../store_docs.h"

int sqlst_passport_get(struct store *s, int64_t pupil_id, passport_cb cb, void *payload,
		       int *found, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT about, important, support, updated_on FROM passport "
				   "WHERE pupil_id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	int rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW) {
		struct passport_row r = {sqlst_col_text(st, 0), sqlst_col_text(st, 1), sqlst_col_text(st, 2),
					 sqlst_col_date(st, 3)};
		int stop = cb(&r, payload);
		sqlite3_reset(st);
		return stop;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading the passport", err);
}

int sqlst_passport_put(struct store *s, int64_t pupil_id, const struct passport_row *r,
		       st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO passport(pupil_id, about, important, support, "
				   "updated_on) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(pupil_id) DO "
				   "UPDATE SET about = excluded.about, important = excluded.important, "
				   "support = excluded.support, updated_on = excluded.updated_on", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_text(st, 2, r->about);
	sqlst_bind_text(st, 3, r->important);
	sqlst_bind_text(st, 4, r->support);
	sqlst_bind_date(st, 5, r->updated_on);
	return sqlst_step_done(s, st, "writing the passport", err);
}

int sqlst_report_status_at(struct store *s, st_date on, status_at_cb cb, void *payload,
			   st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s,
		"SELECT p.year, t.code, t.label, r.status FROM pupil p "
		"JOIN year_group y ON y.code = p.year "
		"JOIN register_event r ON r.id = (SELECT e.id FROM register_event e "
		"  WHERE e.pupil_id = p.id AND e.event_date <= ?1 AND e.voided_on IS NULL "
		"  ORDER BY e.event_date DESC, e.id DESC LIMIT 1) "
		"LEFT JOIN pupil_need n ON n.pupil_id = p.id AND n.rank = 1 "
		"LEFT JOIN need_type t ON t.code = n.need_code "
		"WHERE /* full scan: every pupil of the school */ "
		"  (p.left_on IS NULL OR p.left_on > ?1) AND (r.status = 'K' OR r.status = 'E') "
		"ORDER BY y.ord", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, on);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int stop = cb(sqlst_col_text(st, 0), sqlst_col_text(st, 1), sqlst_col_text(st, 2), sqlst_col_char(st, 3),
			      payload);
		if (stop) {
			sqlite3_reset(st);
			return stop;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading the register", err);
}

/* Run a bound one-row statement of counts into out[0..n-1]. */
static int counts(struct store *s, sqlite3_stmt *st, long *out, int n, st_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		for (int i = 0; i < n; i++)
			out[i] = (long)sqlite3_column_int64(st, i);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : sqlst_fail(s, rc, "counting for the summary", err);
}

int sqlst_report_moves(struct store *s, st_date from, st_date to, long *entries, long *exits,
		       long *supported, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s,
		"WITH ev AS (SELECT /* full scan: the history of every pupil */ pupil_id, status, "
		"  event_date, LAG(status) OVER (PARTITION BY pupil_id ORDER BY event_date, id) "
		"  AS prev, LEAD(event_date) OVER (PARTITION BY pupil_id ORDER BY event_date, id) "
		"  AS next_date FROM register_event WHERE voided_on IS NULL) "
		"SELECT coalesce(sum(event_date BETWEEN ?1 AND ?2 AND status <> 'N' "
		"    AND (prev IS NULL OR prev = 'N')), 0), "
		"  coalesce(sum(event_date BETWEEN ?1 AND ?2 AND status = 'N' AND prev <> 'N'), 0), "
		"  count(DISTINCT CASE WHEN status <> 'N' AND event_date <= ?2 "
		"    AND (next_date IS NULL OR next_date >= ?1) THEN pupil_id END) "
		"FROM ev", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, from);
	sqlst_bind_date(st, 2, to);
	long v[3] = {0};
	int rc = counts(s, st, v, 3, err);
	*entries = v[0], *exits = v[1], *supported = v[2];
	return rc;
}

int sqlst_report_reviews(struct store *s, st_date from, st_date to, long *held, long *on_time,
			 st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT count(*), coalesce(sum(reviewed_on <= review_date), 0) "
				   "FROM cycle WHERE /* full scan: a year of reviews */ "
				   "reviewed_on BETWEEN ?1 AND ?2", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, from);
	sqlst_bind_date(st, 2, to);
	long v[2] = {0};
	int rc = counts(s, st, v, 2, err);
	*held = v[0], *on_time = v[1];
	return rc;
}

int sqlst_report_parent_meetings(struct store *s, st_date from, st_date to, long *n,
				 st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT count(*) FROM meeting WHERE meeting_date BETWEEN ?1 "
				   "AND ?2 AND with_parents = 1 AND planned = 0", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, from);
	sqlst_bind_date(st, 2, to);
	return counts(s, st, n, 1, err);
}

int sqlst_report_outcomes(struct store *s, st_date from, st_date to, long out[3],
			  st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT coalesce(sum(rating = 'achieved'), 0), "
				   "coalesce(sum(rating = 'partially'), 0), "
				   "coalesce(sum(rating = 'not-achieved'), 0) FROM outcome "
				   "WHERE /* full scan: a year of ratings */ rated_on BETWEEN ?1 AND ?2",
				err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, from);
	sqlst_bind_date(st, 2, to);
	return counts(s, st, out, 3, err);
}

int sqlst_report_ehcna(struct store *s, st_date from, st_date to, long *requests, long *plans,
		       st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM "
				   "register_event e WHERE e.pupil_id = r.pupil_id AND e.status = 'E' "
				   "AND e.voided_on IS NULL "
				   "AND e.event_date >= r.request_date)), 0) FROM ehcna_request r "
				   "WHERE /* full scan: a year of requests */ "
				   "r.request_date BETWEEN ?1 AND ?2", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, from);
	sqlst_bind_date(st, 2, to);
	long v[2] = {0};
	int rc = counts(s, st, v, 2, err);
	*requests = v[0], *plans = v[1];
	return rc;
}
