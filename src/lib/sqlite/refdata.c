/* refdata.c - storage of reference data (areas, need types, year groups)
 * and of the meta table. */
#include <stdio.h>
#include <string.h>
#include "sqlite_store.h"

int sqlst_meta_get(struct store *s, const char *key, char *buf, size_t size, int *found,
		   st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT value FROM meta WHERE key = ?1", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, key);
	return sqlst_read_value(s, st, buf, size, found, "reading metadata", err);
}

int sqlst_meta_set(struct store *s, const char *key, const char *value, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO meta(key, value) VALUES (?1, ?2) "
				   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, key);
	sqlst_bind_text(st, 2, value);
	return sqlst_step_done(s, st, "writing metadata", err);
}

int sqlst_area_upsert(struct store *s, const char *code, const char *label, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO area(code, label) VALUES (?1, ?2) "
				   "ON CONFLICT(code) DO UPDATE SET label = excluded.label", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, code);
	sqlst_bind_text(st, 2, label);
	return sqlst_step_done(s, st, "loading areas of need", err);
}

int sqlst_need_type_upsert(struct store *s, const char *code, const char *label,
			   const char *area, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO need_type(code, label, area) VALUES (?1, ?2, ?3) "
				   "ON CONFLICT(code) DO UPDATE SET label = excluded.label, "
				   "area = excluded.area", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, code);
	sqlst_bind_text(st, 2, label);
	sqlst_bind_text(st, 3, area && *area ? area : NULL);
	return sqlst_step_done(s, st, "loading need types", err);
}

int sqlst_year_upsert(struct store *s, const char *code, int ord, const char *label,
		      st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO year_group(code, ord, label) VALUES (?1, ?2, ?3) "
				   "ON CONFLICT(code) DO UPDATE SET ord = excluded.ord, "
				   "label = excluded.label", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, code);
	sqlite3_bind_int(st, 2, ord);
	sqlst_bind_text(st, 3, label);
	return sqlst_step_done(s, st, "loading year groups", err);
}

static int exists(struct store *s, const char *sql, const char *code, int *out, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, sql, err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, code);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK
						      : sqlst_fail(s, rc, "reading reference data", err);
}

int sqlst_year_exists(struct store *s, const char *code, int *out, st_error *err)
{
	return exists(s, "SELECT 1 FROM year_group WHERE code = ?1", code, out, err);
}

int sqlst_area_exists(struct store *s, const char *code, int *out, st_error *err)
{
	return exists(s, "SELECT 1 FROM area WHERE code = ?1", code, out, err);
}

int sqlst_year_codes(struct store *s, char *buf, size_t size, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT group_concat(code, ', ') FROM "
				   "(SELECT code FROM year_group ORDER BY ord)", err);
	if (!st)
		return err->code;
	int rc = sqlite3_step(st);
	snprintf(buf, size, "%s", rc == SQLITE_ROW && sqlst_col_text(st, 0) ? sqlst_col_text(st, 0) : "");
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : sqlst_fail(s, rc, "reading year groups", err);
}

static int need_type_rows(struct store *s, sqlite3_stmt *st, st_need_type_cb cb, void *payload,
			  int *count, st_error *err)
{
	int rc;
	*count = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_need_type t = {sqlst_col_text(st, 0), sqlst_col_text(st, 1), sqlst_col_text(st, 2), sqlst_col_text(st, 3)};
		(*count)++;
		int stop = cb(&t, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading need types", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading need types", err);
}

#define NEED_TYPE_SELECT \
	"SELECT n.code, n.label, n.area, a.label FROM need_type n " \
	"LEFT JOIN area a ON a.code = n.area "

int sqlst_need_type_find(struct store *s, const char *code, st_need_type_cb cb, void *payload,
			 st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, NEED_TYPE_SELECT "WHERE n.code = ?1", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, code);
	int count;
	int rc = need_type_rows(s, st, cb, payload, &count, err);
	return rc == ST_OK && count == 0 ? ST_ENOTFOUND : rc;
}

int sqlst_need_types(struct store *s, st_need_type_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, NEED_TYPE_SELECT "ORDER BY n.code", err);
	if (!st)
		return err->code;
	int count;
	return need_type_rows(s, st, cb, payload, &count, err);
}
