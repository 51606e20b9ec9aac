/* pupil.c - the PostgreSQL store's pupils (as sqlite/pupil.c). */
#include <stdio.h>
#include <string.h>
#include "pgst.h"

#define PUPIL_SELECT \
	"SELECT p.id, p.upn, p.surname, p.forename, p.preferred, p.dob, p.year, p.class, " \
	"p.joined, p.left_on, p.status, p.status_since, n1.need_code, n2.need_code, " \
	"e.parents_informed, e.plan_date " \
	"FROM pupil p " \
	"LEFT JOIN register_event e ON e.id = p.status_event " \
	"LEFT JOIN pupil_need n1 ON n1.pupil_id = p.id AND n1.rank = 1 " \
	"LEFT JOIN pupil_need n2 ON n2.pupil_id = p.id AND n2.rank = 2 "

static void read_pupil(const PGresult *r, int i, st_pupil *p)
{
	p->id = pgst_col_int(r, i, 0);
	p->upn = pgst_col_text(r, i, 1);
	p->surname = pgst_col_text(r, i, 2);
	p->forename = pgst_col_text(r, i, 3);
	p->preferred = pgst_col_text(r, i, 4);
	p->dob = pgst_col_date(r, i, 5);
	p->year = pgst_col_text(r, i, 6);
	p->class_name = pgst_col_text(r, i, 7);
	p->joined = pgst_col_date(r, i, 8);
	p->left = pgst_col_date(r, i, 9);
	p->status = pgst_col_char(r, i, 10);
	p->status_since = pgst_col_date(r, i, 11);
	p->primary_need = pgst_col_text(r, i, 12);
	p->secondary_need = pgst_col_text(r, i, 13);
	p->parents_informed = pgst_col_date(r, i, 14);
	p->plan_date = pgst_col_date(r, i, 15);
}

/* Run sql, handing each row to cb; *count (if non-NULL) gets the rows. */
static int pupil_rows(struct store *s, const char *sql, const struct pgst_params *p,
		      st_pupil_cb cb, void *payload, int *count, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, sql, p, &res, "reading pupils", err);
	if (rc != ST_OK)
		return rc;
	int n = PQntuples(res);
	for (int i = 0; rc == ST_OK && i < n; i++) {
		st_pupil row;
		read_pupil(res, i, &row);
		int stop = cb(&row, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading pupils", err);
	}
	PQclear(res);
	if (count)
		*count = n;
	return rc;
}

static void bind_row(struct pgst_params *p, const struct pupil_row *r)
{
	pgst_text(p, r->upn);
	pgst_text(p, r->surname);
	pgst_text(p, r->forename);
	pgst_text(p, r->preferred);
	pgst_date(p, r->dob);
	pgst_text(p, r->year);
	pgst_text(p, r->class_name);
	pgst_date(p, r->joined);
	pgst_date(p, r->left);
	pgst_text(p, r->surname_key);
	pgst_text(p, r->forename_key);
	pgst_text(p, r->preferred_key);
}

/* The import writing the row (both NULL for a command's write). */
static void bind_import(struct pgst_params *p, const struct pupil_row *r)
{
	pgst_id(p, r->import_id);
	if (r->import_id)
		pgst_int(p, r->import_line);
	else
		pgst_text(p, NULL);
}

int pgst_pupil_insert(struct store *s, const struct pupil_row *r, int64_t *out_id,
		      st_error *err)
{
	int staged = 0;
	int rc = pgst_staged_pupil(s, r, out_id, &staged, err);
	if (rc != ST_OK || staged)
		return rc;
	struct pgst_params p = {0};
	char now[32];
	pgst_utc_now(now);
	bind_row(&p, r);
	pgst_text(&p, now);
	bind_import(&p, r);
	pgst_school(s, &p);
	rc = pgst_insert(s, "INSERT INTO pupil (upn, surname, forename, "
					      "preferred, dob, year, class, joined, left_on, "
					      "surname_key, forename_key, preferred_key, created_at, "
					      "import_id, import_line, school_id) VALUES ($1, $2, $3, "
					      "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
					      "$16) RETURNING id", &p, out_id, "adding the pupil",
					      err);
	if (rc == ST_OK)
		pgst_staged_pupil_known(s, r->upn, *out_id);
	return rc;
}

int pgst_pupil_update(struct store *s, int64_t id, const struct pupil_row *r, st_error *err)
{
	int rc = pgst_stage_id(s, &id, err);
	if (rc != ST_OK)
		return rc;
	struct pgst_params p = {0};
	bind_row(&p, r);
	pgst_int(&p, id);
	bind_import(&p, r);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE pupil SET upn = $1, surname = $2, "
					     "forename = $3, preferred = $4, dob = $5, year = $6, "
					     "class = $7, joined = $8, left_on = $9, surname_key = "
					     "$10, forename_key = $11, preferred_key = $12, "
					     "import_id = coalesce($14, import_id), import_line = "
					     "CASE WHEN $14 IS NULL THEN import_line ELSE $15 END "
					     "WHERE id = $13 AND school_id = $16", &p, NULL,
					     "updating the pupil", err);
}

int pgst_pupil_get(struct store *s, int64_t id, st_pupil_cb cb, void *payload, st_error *err)
{
	int rc = pgst_stage_id(s, &id, err);
	if (rc != ST_OK)
		return rc;
	struct pgst_params p = {0};
	pgst_int(&p, id);
	int count = 0;
	pgst_school(s, &p);
	rc = pupil_rows(s, PUPIL_SELECT "WHERE p.id = $1 AND p.school_id = $2", &p, cb,
				payload, &count, err);
	if (rc == ST_OK && count == 0)
		return st_error_set(err, ST_ENOTFOUND, "pupil %lld: no such pupil", (long long)id);
	return rc;
}

int pgst_pupil_id_by_upn(struct store *s, const char *upn, int64_t *out_id, st_error *err)
{
	int known = 0;
	int rc = pgst_staged_upn(s, upn, out_id, &known, err);
	if (rc != ST_OK || known)
		return rc;
	struct pgst_params p = {0};
	pgst_text(&p, upn);
	pgst_school(s, &p);
	return pgst_int_value(s, "SELECT id FROM pupil WHERE upn = $1 AND "
						 "school_id = $2", &p, out_id, "finding a UPN", err);
}

int pgst_pupil_same_person(struct store *s, const char *surname_key, const char *forename_key,
			   const char *dob, const char *upn, struct st__pupil_twin *out,
			   st_error *err)
{
	struct pgst_params p = {0};
	pgst_text(&p, surname_key);
	pgst_text(&p, forename_key);
	pgst_text(&p, dob);
	pgst_text(&p, upn);
	memset(out, 0, sizeof *out);
	PGresult *res;
	pgst_school(s, &p);
	/* a UPN on both sides tells two pupils apart; either missing cannot */
	int rc = pgst_query(s, "SELECT id, upn, year, left_on, import_id, import_line, "
				"preferred, forename, surname FROM pupil "
				"WHERE surname_key = $1 AND forename_key = $2 AND dob = $3 "
				"AND ($4::text IS NULL OR upn IS NULL) AND school_id = $5 "
				"ORDER BY id LIMIT 1", &p, &res, "finding a possible duplicate",
				err);
	if (rc != ST_OK)
		return rc;
	if (PQntuples(res) == 1) {
		const char *u = pgst_col_text(res, 0, 1), *y = pgst_col_text(res, 0, 2);
		out->id = pgst_col_int(res, 0, 0);
		snprintf(out->upn, sizeof out->upn, "%s", u ? u : "");
		snprintf(out->year, sizeof out->year, "%s", y ? y : "");
		out->left = !PQgetisnull(res, 0, 3);
		out->import_id = pgst_col_int(res, 0, 4);
		out->import_line = (long)pgst_col_int(res, 0, 5);
		st_display_name(pgst_col_text(res, 0, 6), pgst_col_text(res, 0, 7),
				pgst_col_text(res, 0, 8), out->name, sizeof out->name);
	}
	PQclear(res);
	return ST_OK;
}

int pgst_pupil_by_name(struct store *s, const char *forename_key, const char *surname_key,
		       st_pupil_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_text(&p, forename_key);
	pgst_text(&p, surname_key);
	pgst_school(s, &p);
	return pupil_rows(s, PUPIL_SELECT
					     "WHERE p.school_id = $3 AND p.surname_key = $2 AND "
					     "(p.forename_key = $1 OR p.preferred_key = $1) "
					     "ORDER BY p.id", &p, cb, payload, NULL, err);
}

/* Names sort as the file backend sorts them: by their bytes (COLLATE "C"),
 * whatever the database's collation. */
#define PUPIL_LIST_WHERE \
	"($2::text IS NULL OR p.class = $2) AND ($3::text IS NULL OR p.status = $3) " \
	"AND ($4 OR p.left_on IS NULL) AND (NOT $5 OR p.status = 'K' OR p.status = 'E') " \
	"AND p.school_id = $6 " \
	"ORDER BY y.ord, p.surname_key COLLATE \"C\", p.forename_key COLLATE \"C\", p.id"

int pgst_pupil_list(struct store *s, const st_pupil_filter *f, st_pupil_cb cb, void *payload,
		    st_error *err)
{
	struct pgst_params p = {0};
	pgst_text(&p, f->year);
	pgst_text(&p, f->class_name);
	pgst_char(&p, f->status);
	pgst_flag(&p, f->include_left != 0);
	pgst_flag(&p, f->register_only != 0);
	pgst_school(s, &p);
	const char *sql;
	if (f->year)
		sql = PUPIL_SELECT "JOIN year_group y ON y.code = p.year "
		      "WHERE p.year = $1 AND " PUPIL_LIST_WHERE;
	else if (f->status || f->register_only)
		sql = PUPIL_SELECT "JOIN year_group y ON y.code = p.year "
		      "WHERE p.status IN ('K', 'E', $3) AND ($1::text IS NULL) AND "
		      PUPIL_LIST_WHERE;
	else
		sql = PUPIL_SELECT "JOIN year_group y ON y.code = p.year "
		      "WHERE ($1::text IS NULL) AND " PUPIL_LIST_WHERE;
	return pupil_rows(s, sql, &p, cb, payload, NULL, err);
}

int pgst_pupil_set_status(struct store *s, int64_t id, char status, st_date since,
			  int64_t event_id, st_error *err)
{
	int staged = 0;
	int rc = pgst_staged_status(s, &id, status, since, &event_id, &staged, err);
	if (rc != ST_OK || staged)
		return rc;
	struct pgst_params p = {0};
	pgst_char(&p, status);
	pgst_date(&p, since);
	pgst_int(&p, id);
	pgst_id(&p, event_id);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE pupil SET status = $1, status_since = $2, "
					     "status_event = $4 WHERE id = $3 AND school_id = $5",
					     &p, NULL, "updating the register status", err);
}
