/* need.c - the PostgreSQL store's pupils' needs (as sqlite/need.c). */
#include "changes.h"

int pgst_need_upsert(struct store *s, int64_t pupil_id, const char *code, int rank,
		     st_date since, st_error *err)
{
	int staged = 0;
	int rc = pgst_staged_need(s, &pupil_id, code, rank, since, &staged, err);
	if (rc != ST_OK || staged)
		return rc;
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_int(&p, rank);
	pgst_text(&p, code);
	pgst_date(&p, since);
	pgst_school(s, &p);
	return pgst_query(s, "INSERT INTO pupil_need (pupil_id, rank, "
					     "need_code, since, school_id) VALUES ($1, $2, $3, $4, "
					     "$5)", &p, NULL, "recording the need", err);
}

/* Need rows (current, or with ended and why when history). */
static int need_rows(struct store *s, const char *sql, const struct pgst_params *p,
		     int history, st_need_cb cb, void *payload, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, sql, p, &res, "reading needs", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_pupil_need n = {
			.pupil_id = pgst_col_int(res, i, 0),
			.rank = (int)pgst_col_int(res, i, 1),
			.type = {pgst_col_text(res, i, 2), pgst_col_text(res, i, 3),
				 pgst_col_text(res, i, 4), pgst_col_text(res, i, 5)},
			.since = pgst_col_date(res, i, 6),
			.ended = history ? pgst_col_date(res, i, 7) : ST_DATE_NONE,
			.why = history ? pgst_col_text(res, i, 8) : NULL,
		};
		rc = cb(&n, payload); /* a stop is the caller's own code */
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}

int pgst_need_list(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
		   st_error *err)
{
	int rc = pgst_stage_id(s, &pupil_id, err);
	if (rc != ST_OK)
		return rc;
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_school(s, &p);
	return need_rows(s, "SELECT pn.pupil_id, pn.rank, n.code, n.label, "
					    "n.area, a.label, pn.since FROM pupil_need pn "
					    "JOIN need_type n ON n.code = pn.need_code "
					    "LEFT JOIN area a ON a.code = n.area "
					    "WHERE pn.pupil_id = $1 AND pn.school_id = $2 "
					    "ORDER BY pn.rank", &p, 0, cb, payload, err);
}

/* Issue 12: ended needs are kept, dated, in need_history. */
int pgst_need_end(struct store *s, int64_t pupil_id, const char *code, st_date ended,
		  const char *why, int *ended_count, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_text(&p, code);
	pgst_date(&p, ended);
	pgst_text(&p, why);
	*ended_count = 0;
	pgst_school(s, &p);
	int rc = pgst_changes(s, "INSERT INTO need_history (pupil_id, rank, need_code, since, ended, "
			     "why, school_id) SELECT pupil_id, rank, need_code, since, "
			     "greatest(since, $3), $4, school_id FROM pupil_need WHERE pupil_id = $1 "
			     "AND school_id = $5 AND ($2::text IS NULL OR need_code = $2)", &p, NULL,
			     "keeping the need in the history", err);
	struct pgst_params d = {0};
	pgst_int(&d, pupil_id);
	pgst_text(&d, code);
	pgst_school(s, &d);
	if (rc == ST_OK)
		rc = pgst_changes(s, "DELETE FROM pupil_need WHERE pupil_id = $1 AND school_id = $3 AND "
			     "($2::text IS NULL OR need_code = $2)", &d, ended_count,
			     "ending the need", err);
	return rc;
}

int pgst_need_history(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
		      st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_school(s, &p);
	return need_rows(s, "SELECT h.pupil_id, h.rank, n.code, n.label, "
					    "n.area, a.label, h.since, h.ended, h.why FROM "
					    "need_history h JOIN need_type n ON n.code = h.need_code "
					    "LEFT JOIN area a ON a.code = n.area "
					    "WHERE h.pupil_id = $1 AND h.school_id = $2 "
					    "ORDER BY h.ended, h.id", &p, 1, cb, payload, err);
}

int pgst_need_restore(struct store *s, int64_t pupil_id, st_date date, int *restored,
		      st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_date(&p, date);
	*restored = 0;
	pgst_school(s, &p);
	/* pgst_need_end dated each ended need greatest(since, date) */
	int rc = pgst_changes(s, "INSERT INTO pupil_need (pupil_id, rank, need_code, since, "
			     "school_id) SELECT pupil_id, rank, need_code, since, school_id FROM "
			     "need_history WHERE pupil_id = $1 AND school_id = $3 AND why = "
			     "'register-n' AND ended = greatest(since, $2)", &p, restored,
			     "restoring the needs", err);
	if (rc == ST_OK)
		rc = pgst_changes(s, "DELETE FROM need_history WHERE pupil_id = $1 AND school_id = $3 "
			     "AND why = 'register-n' AND ended = greatest(since, $2)", &p, NULL,
			     "restoring the needs", err);
	return rc;
}
