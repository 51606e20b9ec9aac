/* term.c - storage of term dates (table term, one row per academic year and
 * term). */
#include <stdlib.h>
#include <string.h>
#include "sqlite_store.h"

int sqlst_term_set(struct store *s, const char *year, const char *term, st_date start,
		       st_date end, int *replaced, st_error *err)
{
	sqlite3_stmt *q = sqlst_stmt(s, "SELECT 1 FROM term WHERE academic_year = ?1 AND term = ?2",
				     err);
	if (!q)
		return err->code;
	sqlst_bind_text(q, 1, year);
	sqlst_bind_text(q, 2, term);
	int rc = sqlite3_step(q);
	*replaced = rc == SQLITE_ROW;
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return sqlst_fail(s, rc, "reading the terms", err);
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO term(academic_year, term, starts, ends) "
				      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (academic_year, term) "
				      "DO UPDATE SET starts = excluded.starts, ends = excluded.ends",
				      err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, year);
	sqlst_bind_text(st, 2, term);
	sqlst_bind_date(st, 3, start);
	sqlst_bind_date(st, 4, end);
	return sqlst_step_done(s, st, "setting the term", err);
}

static st_term_name term_of(const char *name)
{
	return strcmp(name, "autumn") == 0 ? ST_TERM_AUTUMN
	       : strcmp(name, "spring") == 0 ? ST_TERM_SPRING : ST_TERM_SUMMER;
}

int sqlst_term_list(struct store *s, const char *year, st_term_cb cb, void *payload,
			st_error *err)
{
	sqlite3_stmt *st = year ? sqlst_stmt(s, "SELECT academic_year, term, starts, ends FROM term "
					     "WHERE academic_year = ?1 ORDER BY starts", err)
				: sqlst_stmt(s, "SELECT academic_year, term, starts, ends FROM term "
					     "ORDER BY starts", err);
	if (!st)
		return err->code;
	if (year)
		sqlst_bind_text(st, 1, year);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_term t = {atoi(sqlst_col_text(st, 0)), term_of(sqlst_col_text(st, 1)),
			     sqlst_col_date(st, 2), sqlst_col_date(st, 3), 0};
		int stop = cb(&t, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading the terms", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading the terms", err);
}
