/* outcome.c - storage of outcomes. */
#include "sqlite_store.h"

#define OUTCOME_SELECT \
	"SELECT o.id, o.cycle_id, c.seq, c.pupil_id, o.text, o.area, o.measure, o.target_date, " \
	"o.rating, o.rating_note, o.rated_on, o.origin_id, o.created_on " \
	"FROM outcome o JOIN cycle c ON c.id = o.cycle_id "

static int outcome_rows(struct store *s, sqlite3_stmt *st, st_outcome_cb cb, void *payload,
			int want_one, st_error *err)
{
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_outcome o = {
			.id = sqlite3_column_int64(st, 0),
			.cycle_id = sqlite3_column_int64(st, 1),
			.cycle_seq = sqlite3_column_int(st, 2),
			.pupil_id = sqlite3_column_int64(st, 3),
			.text = sqlst_col_text(st, 4),
			.area = sqlst_col_text(st, 5),
			.measure = sqlst_col_text(st, 6),
			.target_date = sqlst_col_date(st, 7),
			.rating = sqlst_col_text(st, 8),
			.rating_note = sqlst_col_text(st, 9),
			.rated_on = sqlst_col_date(st, 10),
			.origin_id = sqlite3_column_int64(st, 11),
			.created_on = sqlst_col_date(st, 12),
		};
		n++;
		int stop = cb(&o, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading outcomes", err);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sqlst_fail(s, rc, "reading outcomes", err);
	return want_one && n == 0 ? ST_ENOTFOUND : ST_OK;
}

int sqlst_outcome_insert(struct store *s, int64_t cycle_id, const char *text, const char *area,
			 const char *measure, st_date target, st_date created_on,
			 int64_t *out_id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO outcome(cycle_id, text, area, measure, target_date, "
				   "created_on) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, cycle_id);
	sqlst_bind_text(st, 2, text);
	sqlst_bind_text(st, 3, area);
	sqlst_bind_text(st, 4, measure);
	sqlst_bind_date(st, 5, target);
	sqlst_bind_date(st, 6, created_on);
	int rc = sqlst_step_done(s, st, "adding the outcome", err);
	if (rc == ST_OK)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

int sqlst_outcome_get(struct store *s, int64_t id, st_outcome_cb cb, void *payload,
		      st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, OUTCOME_SELECT "WHERE o.id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	return outcome_rows(s, st, cb, payload, 1, err);
}

int sqlst_outcome_rate(struct store *s, int64_t id, const char *rating, const char *note,
		       st_date rated_on, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE outcome SET rating = ?2, rating_note = ?3, rated_on = ?4 "
				   "WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_text(st, 2, rating);
	sqlst_bind_text(st, 3, note);
	sqlst_bind_date(st, 4, rated_on);
	return sqlst_step_done(s, st, "rating the outcome", err);
}

int sqlst_outcome_list_cycle(struct store *s, int64_t cycle_id, st_outcome_cb cb,
			     void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, OUTCOME_SELECT "WHERE o.cycle_id = ?1 ORDER BY o.id", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, cycle_id);
	return outcome_rows(s, st, cb, payload, 0, err);
}

int sqlst_outcome_list_pupil(struct store *s, int64_t pupil_id, st_outcome_cb cb,
			     void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, OUTCOME_SELECT "WHERE c.pupil_id = ?1 ORDER BY c.seq, o.id", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	return outcome_rows(s, st, cb, payload, 0, err);
}

int sqlst_outcome_counts(struct store *s, int64_t cycle_id, int *total, int *unrated,
			 st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT count(*), count(*) - count(rating) FROM outcome "
				   "WHERE cycle_id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, cycle_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*total = sqlite3_column_int(st, 0);
		*unrated = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : sqlst_fail(s, rc, "counting outcomes", err);
}

int sqlst_outcome_carry_forward(struct store *s, int64_t from_cycle, int64_t to_cycle,
				st_date created_on, int *copied, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO outcome(cycle_id, text, area, measure, target_date, "
				   "origin_id, created_on) SELECT ?2, text, area, measure, NULL, id, ?3 "
				   "FROM outcome WHERE cycle_id = ?1 AND rating <> 'achieved' "
				   "ORDER BY id", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, from_cycle);
	sqlite3_bind_int64(st, 2, to_cycle);
	sqlst_bind_date(st, 3, created_on);
	int rc = sqlst_step_done(s, st, "carrying outcomes forward", err);
	*copied = rc == ST_OK ? sqlite3_changes(sqlst_db(s)) : 0;
	return rc;
}

/* Issue 12: outcome edit (NULL / ST_DATE_NONE leave a field as it is). */
int sqlst_outcome_update(struct store *s, int64_t id, const char *text, const char *area,
			 const char *measure, st_date target, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE outcome SET text = coalesce(?2, text), "
				   "area = coalesce(?3, area), measure = coalesce(?4, measure), "
				   "target_date = coalesce(?5, target_date) WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_text(st, 2, text);
	sqlst_bind_text(st, 3, area);
	sqlst_bind_text(st, 4, measure);
	sqlst_bind_date(st, 5, target);
	return sqlst_step_done(s, st, "editing the outcome", err);
}
