/* docs.c - the PostgreSQL store's documents: passports and the figures of
 * the governors' summary (as sqlite/docs.c). SQLite sums its 0/1
 * comparisons; here each count is a count(*) FILTER of the same test. */
#include "pgst.h"
#include "../store_docs.h"

int pgst_passport_get(struct store *s, int64_t pupil_id, passport_cb cb, void *payload,
		      int *found, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_school(s, &p);
	PGresult *res;
	*found = 0;
	int rc = pgst_query(s, "SELECT about, important, support, updated_on FROM passport "
			    "WHERE pupil_id = $1 AND school_id = $2", &p, &res,
			    "reading the passport", err);
	if (rc != ST_OK)
		return rc;
	*found = PQntuples(res) > 0;
	if (*found) {
		struct passport_row r = {pgst_col_text(res, 0, 0), pgst_col_text(res, 0, 1),
					 pgst_col_text(res, 0, 2), pgst_col_date(res, 0, 3)};
		rc = cb(&r, payload);
	}
	PQclear(res);
	return rc;
}

int pgst_passport_put(struct store *s, int64_t pupil_id, const struct passport_row *r,
		      st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_text(&p, r->about);
	pgst_text(&p, r->important);
	pgst_text(&p, r->support);
	pgst_date(&p, r->updated_on);
	pgst_school(s, &p);
	return pgst_query(s, "INSERT INTO passport (pupil_id, about, important, support, "
			  "updated_on, school_id) VALUES ($1, $2, $3, $4, $5, $6) "
			  "ON CONFLICT (pupil_id) DO UPDATE SET about = excluded.about, "
			  "important = excluded.important, support = excluded.support, "
			  "updated_on = excluded.updated_on", &p, NULL, "writing the passport", err);
}

int pgst_report_status_at(struct store *s, st_date on, status_at_cb cb, void *payload,
			  st_error *err)
{
	struct pgst_params p = {0};
	pgst_date(&p, on);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT p.year, t.code, t.label, r.status FROM pupil p "
		"JOIN year_group y ON y.code = p.year "
		"JOIN register_event r ON r.id = (SELECT e.id FROM register_event e "
		"  WHERE e.pupil_id = p.id AND e.event_date <= $1 AND e.voided_on IS NULL "
		"  ORDER BY e.event_date DESC, e.id DESC LIMIT 1) "
		"LEFT JOIN pupil_need n ON n.pupil_id = p.id AND n.rank = 1 "
		"LEFT JOIN need_type t ON t.code = n.need_code "
		"WHERE p.school_id = $2 AND (p.left_on IS NULL OR p.left_on > $1) "
		"AND (r.status = 'K' OR r.status = 'E') ORDER BY y.ord, p.id", &p, &res,
		"reading the register", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++)
		rc = cb(pgst_col_text(res, i, 0), pgst_col_text(res, i, 1), pgst_col_text(res, i, 2),
			pgst_col_char(res, i, 3), payload);
	PQclear(res); /* NULL after a failed query */
	return rc;
}

/* Run a one-row statement of counts between from and to (and the school)
 * into out[0..n-1]. */
static int counts(struct store *s, const char *sql, st_date from, st_date to, long *out, int n,
		  st_error *err)
{
	struct pgst_params p = {0};
	pgst_date(&p, from);
	pgst_date(&p, to);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, sql, &p, &res, "counting for the summary", err);
	if (rc != ST_OK)
		return rc;
	for (int i = 0; i < n; i++)
		out[i] = PQntuples(res) > 0 ? (long)pgst_col_int(res, 0, i) : 0;
	PQclear(res);
	return ST_OK;
}

int pgst_report_moves(struct store *s, st_date from, st_date to, long *entries, long *exits,
		      long *supported, st_error *err)
{
	long v[3] = {0};
	int rc = counts(s, "WITH ev AS (SELECT pupil_id, status, event_date, "
		"  LAG(status) OVER (PARTITION BY pupil_id ORDER BY event_date, id) AS prev, "
		"  LEAD(event_date) OVER (PARTITION BY pupil_id ORDER BY event_date, id) "
		"  AS next_date FROM register_event WHERE school_id = $3 AND voided_on IS NULL) "
		"SELECT count(*) FILTER (WHERE event_date BETWEEN $1 AND $2 AND status <> 'N' "
		"    AND (prev IS NULL OR prev = 'N')), "
		"  count(*) FILTER (WHERE event_date BETWEEN $1 AND $2 AND status = 'N' "
		"    AND prev <> 'N'), "
		"  count(DISTINCT CASE WHEN status <> 'N' AND event_date <= $2 "
		"    AND (next_date IS NULL OR next_date >= $1) THEN pupil_id END) "
		"FROM ev", from, to, v, 3, err);
	*entries = v[0], *exits = v[1], *supported = v[2];
	return rc;
}

int pgst_report_reviews(struct store *s, st_date from, st_date to, long *held, long *on_time,
			st_error *err)
{
	long v[2] = {0};
	int rc = counts(s, "SELECT count(*), count(*) FILTER (WHERE reviewed_on <= review_date) "
			"FROM cycle WHERE school_id = $3 AND reviewed_on BETWEEN $1 AND $2",
			from, to, v, 2, err);
	*held = v[0], *on_time = v[1];
	return rc;
}

int pgst_report_parent_meetings(struct store *s, st_date from, st_date to, long *n,
				st_error *err)
{
	return counts(s, "SELECT count(*) FROM meeting WHERE school_id = $3 AND meeting_date "
		      "BETWEEN $1 AND $2 AND with_parents AND NOT planned", from, to, n, 1, err);
}

int pgst_report_outcomes(struct store *s, st_date from, st_date to, long out[3], st_error *err)
{
	return counts(s, "SELECT count(*) FILTER (WHERE rating = 'achieved'), "
		      "count(*) FILTER (WHERE rating = 'partially'), "
		      "count(*) FILTER (WHERE rating = 'not-achieved') FROM outcome "
		      "WHERE school_id = $3 AND rated_on BETWEEN $1 AND $2", from, to, out, 3, err);
}

int pgst_report_ehcna(struct store *s, st_date from, st_date to, long *requests, long *plans,
		      st_error *err)
{
	long v[2] = {0};
	int rc = counts(s, "SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM "
			"register_event e WHERE e.pupil_id = r.pupil_id AND e.status = 'E' "
			"AND e.voided_on IS NULL AND e.event_date >= r.request_date)) "
			"FROM ehcna_request r WHERE r.school_id = $3 "
			"AND r.request_date BETWEEN $1 AND $2", from, to, v, 2, err);
	*requests = v[0], *plans = v[1];
	return rc;
}
