/* pupil.c - storage of pupils. */
#include <stdio.h>
#include <string.h>
#include "sqlite_store.h"

#define PUPIL_SELECT \
	"SELECT p.id, p.upn, p.surname, p.forename, p.preferred, p.dob, p.year, p.class, " \
	"p.joined, p.left_on, p.status, p.status_since, n1.need_code, n2.need_code, " \
	"e.parents_informed, e.plan_date " \
	"FROM pupil p " \
	"LEFT JOIN register_event e ON e.id = p.status_event " \
	"LEFT JOIN pupil_need n1 ON n1.pupil_id = p.id AND n1.rank = 1 " \
	"LEFT JOIN pupil_need n2 ON n2.pupil_id = p.id AND n2.rank = 2 "

static void read_pupil(sqlite3_stmt *st, st_pupil *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->upn = sqlst_col_text(st, 1);
	p->surname = sqlst_col_text(st, 2);
	p->forename = sqlst_col_text(st, 3);
	p->preferred = sqlst_col_text(st, 4);
	p->dob = sqlst_col_date(st, 5);
	p->year = sqlst_col_text(st, 6);
	p->class_name = sqlst_col_text(st, 7);
	p->joined = sqlst_col_date(st, 8);
	p->left = sqlst_col_date(st, 9);
	p->status = sqlst_col_char(st, 10);
	p->status_since = sqlst_col_date(st, 11);
	p->primary_need = sqlst_col_text(st, 12);
	p->secondary_need = sqlst_col_text(st, 13);
	p->parents_informed = sqlst_col_date(st, 14);
	p->plan_date = sqlst_col_date(st, 15);
}

/* Step st, handing each row to cb; *count gets the number of rows. */
static int pupil_rows(struct store *s, sqlite3_stmt *st, st_pupil_cb cb, void *payload,
		      int *count, st_error *err)
{
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_pupil p;
		read_pupil(st, &p);
		n++;
		int stop = cb(&p, payload);
		if (stop) {
			sqlite3_reset(st);
			if (count)
				*count = n;
			return st__err_stopped(stop, "reading pupils", err);
		}
	}
	sqlite3_reset(st);
	if (count)
		*count = n;
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading pupils", err);
}

static void bind_row(sqlite3_stmt *st, const struct pupil_row *r)
{
	sqlst_bind_text(st, 1, r->upn);
	sqlst_bind_text(st, 2, r->surname);
	sqlst_bind_text(st, 3, r->forename);
	sqlst_bind_text(st, 4, r->preferred);
	sqlst_bind_date(st, 5, r->dob);
	sqlst_bind_text(st, 6, r->year);
	sqlst_bind_text(st, 7, r->class_name);
	sqlst_bind_date(st, 8, r->joined);
	sqlst_bind_date(st, 9, r->left);
	sqlst_bind_text(st, 10, r->surname_key);
	sqlst_bind_text(st, 11, r->forename_key);
	sqlst_bind_text(st, 12, r->preferred_key);
}

/* The import writing the row (both NULL for a command's write). */
static void bind_import(sqlite3_stmt *st, int i, const struct pupil_row *r)
{
	sqlst_bind_id(st, i, r->import_id);
	if (r->import_id)
		sqlite3_bind_int64(st, i + 1, r->import_line);
	else
		sqlite3_bind_null(st, i + 1);
}

int sqlst_pupil_insert(struct store *s, const struct pupil_row *r, int64_t *out_id,
		       st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO pupil(upn, surname, forename, preferred, dob, "
				   "year, class, joined, left_on, surname_key, forename_key, "
				   "preferred_key, created_at, import_id, import_line) VALUES (?1, ?2, "
				   "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", err);
	if (!st)
		return err->code;
	char now[32];
	sqlst_utc_now(now);
	bind_row(st, r);
	sqlst_bind_text(st, 13, now);
	bind_import(st, 14, r);
	int rc = sqlst_step_done(s, st, "adding the pupil", err);
	if (rc == ST_OK && out_id)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

int sqlst_pupil_update(struct store *s, int64_t id, const struct pupil_row *r, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE pupil SET upn = ?1, surname = ?2, forename = ?3, "
				   "preferred = ?4, dob = ?5, year = ?6, class = ?7, joined = ?8, "
				   "left_on = ?9, surname_key = ?10, forename_key = ?11, "
				   "preferred_key = ?12, import_id = coalesce(?14, import_id), "
				   "import_line = CASE WHEN ?14 IS NULL THEN import_line ELSE ?15 END "
				   "WHERE id = ?13", err);
	if (!st)
		return err->code;
	bind_row(st, r);
	sqlite3_bind_int64(st, 13, id);
	bind_import(st, 14, r);
	return sqlst_step_done(s, st, "updating the pupil", err);
}

int sqlst_pupil_get(struct store *s, int64_t id, st_pupil_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, PUPIL_SELECT "WHERE p.id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	int count = 0;
	int rc = pupil_rows(s, st, cb, payload, &count, err);
	if (rc == ST_OK && count == 0)
		return st_error_set(err, ST_ENOTFOUND, "pupil %lld: no such pupil", (long long)id);
	return rc;
}

int sqlst_pupil_id_by_upn(struct store *s, const char *upn, int64_t *out_id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT id FROM pupil WHERE upn = ?1", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, upn);
	int rc = sqlite3_step(st);
	*out_id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "finding a UPN", err);
}

int sqlst_pupil_same_person(struct store *s, const char *surname_key,
				const char *forename_key, const char *dob, const char *upn,
				struct st__pupil_twin *out, st_error *err)
{
	/* a UPN on both sides tells two pupils apart; either missing cannot */
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT id, upn, year, left_on, import_id, import_line, "
				"preferred, forename, surname FROM pupil "
				"WHERE surname_key = ?1 AND forename_key = ?2 AND dob = ?3 "
				"AND (?4 IS NULL OR upn IS NULL) ORDER BY id LIMIT 1", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, surname_key);
	sqlst_bind_text(st, 2, forename_key);
	sqlst_bind_text(st, 3, dob);
	sqlst_bind_text(st, 4, upn);
	int rc = sqlite3_step(st);
	memset(out, 0, sizeof *out);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		const unsigned char *u = sqlite3_column_text(st, 1), *y = sqlite3_column_text(st, 2);
		snprintf(out->upn, sizeof out->upn, "%s", u ? (const char *)u : "");
		snprintf(out->year, sizeof out->year, "%s", y ? (const char *)y : "");
		out->left = sqlite3_column_type(st, 3) != SQLITE_NULL;
		out->import_id = sqlite3_column_int64(st, 4);
		out->import_line = (long)sqlite3_column_int64(st, 5);
		st_display_name(sqlst_col_text(st, 6), sqlst_col_text(st, 7), sqlst_col_text(st, 8),
				out->name, sizeof out->name);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK
						      : sqlst_fail(s, rc, "finding a possible duplicate", err);
}

int sqlst_pupil_by_name(struct store *s, const char *forename_key, const char *surname_key,
			st_pupil_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, PUPIL_SELECT
				"WHERE p.id IN (SELECT id FROM pupil WHERE surname_key = ?2 AND "
				"forename_key = ?1 UNION SELECT id FROM pupil WHERE surname_key = ?2 "
				"AND preferred_key = ?1) ORDER BY p.id", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, forename_key);
	sqlst_bind_text(st, 2, surname_key);
	return pupil_rows(s, st, cb, payload, NULL, err);
}

/* Three statements, so that a filtered list uses its index: by year group,
 * by register status, or every pupil (a full pass is the point). */
#define PUPIL_LIST_WHERE \
	"(?2 IS NULL OR p.class = ?2) AND (?3 IS NULL OR p.status = ?3) " \
	"AND (?4 OR p.left_on IS NULL) AND (NOT ?5 OR p.status = 'K' OR p.status = 'E') " \
	"ORDER BY y.ord, p.surname_key, p.forename_key, p.id"

int sqlst_pupil_list(struct store *s, const st_pupil_filter *f, st_pupil_cb cb, void *payload,
		     st_error *err)
{
	sqlite3_stmt *st;
	if (f->year)
		st = sqlst_stmt(s, PUPIL_SELECT "JOIN year_group y ON y.code = p.year "
			     "WHERE p.year = ?1 AND " PUPIL_LIST_WHERE, err);
	else if (f->status || f->register_only)
		st = sqlst_stmt(s, PUPIL_SELECT "JOIN year_group y ON y.code = p.year "
			     "WHERE p.status IN ('K', 'E', ?3) AND " PUPIL_LIST_WHERE, err);
	else
		st = sqlst_stmt(s, "/* full scan: every pupil */ " PUPIL_SELECT
			     "JOIN year_group y ON y.code = p.year WHERE " PUPIL_LIST_WHERE, err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, f->year);
	sqlst_bind_text(st, 2, f->class_name);
	sqlst_bind_char(st, 3, f->status);
	sqlite3_bind_int(st, 4, f->include_left != 0);
	sqlite3_bind_int(st, 5, f->register_only != 0);
	return pupil_rows(s, st, cb, payload, NULL, err);
}

int sqlst_pupil_set_status(struct store *s, int64_t id, char status, st_date since,
			   int64_t event_id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE pupil SET status = ?1, status_since = ?2, "
				   "status_event = ?4 WHERE id = ?3", err);
	if (!st)
		return err->code;
	sqlst_bind_char(st, 1, status);
	sqlst_bind_date(st, 2, since);
	sqlite3_bind_int64(st, 3, id);
	sqlst_bind_id(st, 4, event_id);
	return sqlst_step_done(s, st, "updating the register status", err);
}
