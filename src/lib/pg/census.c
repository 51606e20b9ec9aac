/* census.c - the PostgreSQL store's census rows, top-up funding and
 * concerns (as sqlite/census.c; issue 12). */
#include "pgst.h"

int pgst_census_rows(struct store *s, census_row_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT p.id, p.upn, p.surname, p.forename, p.year, y.ord, "
		"p.dob, e.plan_date, p.status, "
		"(SELECT n.need_code FROM pupil_need n WHERE n.pupil_id = p.id AND n.rank = 1), "
		"(SELECT n.need_code FROM pupil_need n WHERE n.pupil_id = p.id AND n.rank = 2), "
		"p.top_up, p.preferred, p.surname_key || ' ' || p.forename_key "
		"FROM pupil p JOIN year_group y ON y.code = p.year "
		"LEFT JOIN register_event e ON e.id = p.status_event "
		"WHERE p.school_id = $1 AND (p.status = 'K' OR p.status = 'E') "
		"AND p.left_on IS NULL ORDER BY y.ord, p.surname_key COLLATE \"C\", "
		"p.forename_key COLLATE \"C\", p.id", &p, &res, "reading the census rows", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		struct census_row r = {
			.pupil_id = pgst_col_int(res, i, 0),
			.upn = pgst_col_text(res, i, 1),
			.surname = pgst_col_text(res, i, 2),
			.forename = pgst_col_text(res, i, 3),
			.year = pgst_col_text(res, i, 4),
			.year_ord = (int)pgst_col_int(res, i, 5),
			.dob = pgst_col_date(res, i, 6),
			.plan_date = pgst_col_date(res, i, 7),
			.status = pgst_col_char(res, i, 8),
			.need1 = pgst_col_text(res, i, 9),
			.need2 = pgst_col_text(res, i, 10),
			.top_up = pgst_col_flag(res, i, 11),
			.preferred = pgst_col_text(res, i, 12),
			.sort_key = pgst_col_text(res, i, 13),
		};
		rc = cb(&r, payload); /* a stop is the caller's own code */
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}

int pgst_pupil_set_top_up(struct store *s, int64_t id, int top_up, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_flag(&p, top_up);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE pupil SET top_up = $2 WHERE id = $1 AND school_id = $3", &p,
			  NULL, "recording top-up funding", err);
}

int pgst_concern_insert(struct store *s, int64_t pupil_id, const char *from, st_date date,
			const char *text, int64_t *out_id, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_text(&p, from);
	pgst_date(&p, date);
	pgst_text(&p, text);
	pgst_school(s, &p);
	return pgst_insert(s, "INSERT INTO concern (pupil_id, raised_by, concern_date, text, "
			   "school_id) VALUES ($1, $2, $3, $4, $5) RETURNING id", &p, out_id,
			   "recording the concern", err);
}

int pgst_concern_list(struct store *s, int64_t pupil_id, st_date since, st_concern_cb cb,
		      void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_date(&p, since);
	pgst_school(s, &p);
	if (pupil_id)
		pgst_int(&p, pupil_id);
	PGresult *res;
	int rc = pupil_id
		? pgst_query(s, "SELECT c.id, c.pupil_id, c.raised_by, c.concern_date, c.text, "
			     "p.surname, p.forename FROM concern c JOIN pupil p ON p.id = c.pupil_id "
			     "WHERE c.school_id = $2 AND c.pupil_id = $3 "
			     "AND ($1::date IS NULL OR c.concern_date >= $1) "
			     "ORDER BY c.concern_date, c.id", &p, &res, "reading concerns", err)
		: pgst_query(s, "SELECT c.id, c.pupil_id, c.raised_by, c.concern_date, c.text, "
			     "p.surname, p.forename FROM concern c JOIN pupil p ON p.id = c.pupil_id "
			     "WHERE c.school_id = $2 AND p.left_on IS NULL "
			     "AND ($1::date IS NULL OR c.concern_date >= $1) "
			     "ORDER BY c.concern_date, c.id", &p, &res, "reading concerns", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_concern c = {pgst_col_int(res, i, 0), pgst_col_int(res, i, 1),
				pgst_col_text(res, i, 2), pgst_col_date(res, i, 3),
				pgst_col_text(res, i, 4), pgst_col_text(res, i, 5),
				pgst_col_text(res, i, 6)};
		rc = cb(&c, payload); /* a stop is the caller's own code */
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}
