/* term.c - the PostgreSQL store's term dates (as sqlite/term.c). Ported
 * with the checks: every `check` reads the terms (parent-meeting-gap,
 * terms-not-set). */
#include <stdlib.h>
#include <string.h>
#include "pgst.h"

int pgst_term_set(struct store *s, const char *year, const char *term, st_date start,
		  st_date end, int *replaced, st_error *err)
{
	struct pgst_params q = {0};
	pgst_text(&q, year);
	pgst_text(&q, term);
	pgst_school(s, &q);
	char buf[2];
	int rc = pgst_value(s, "SELECT 1 FROM term WHERE academic_year = $1 AND term = $2 "
			    "AND school_id = $3", &q, buf, sizeof buf, replaced,
			    "reading the terms", err);
	if (rc != ST_OK)
		return rc;
	struct pgst_params p = {0};
	pgst_text(&p, year);
	pgst_text(&p, term);
	pgst_date(&p, start);
	pgst_date(&p, end);
	pgst_school(s, &p);
	return pgst_query(s, "INSERT INTO term (academic_year, term, starts, ends, school_id) "
			  "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (school_id, academic_year, term) "
			  "DO UPDATE SET starts = excluded.starts, ends = excluded.ends", &p, NULL,
			  "setting the term", err);
}

static st_term_name term_of(const char *name)
{
	return strcmp(name, "autumn") == 0 ? ST_TERM_AUTUMN
	       : strcmp(name, "spring") == 0 ? ST_TERM_SPRING : ST_TERM_SUMMER;
}

int pgst_term_list(struct store *s, const char *year, st_term_cb cb, void *payload,
		   st_error *err)
{
	struct pgst_params p = {0};
	pgst_text(&p, year);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT academic_year, term, starts, ends FROM term "
			    "WHERE school_id = $2 AND ($1::text IS NULL OR academic_year = $1) "
			    "ORDER BY starts", &p, &res, "reading the terms", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_term t = {atoi(pgst_col_text(res, i, 0)), term_of(pgst_col_text(res, i, 1)),
			     pgst_col_date(res, i, 2), pgst_col_date(res, i, 3), 0};
		int stop = cb(&t, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading the terms", err);
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}
