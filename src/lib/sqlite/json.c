/* json.c - JSON documents built with SQLite's JSON functions on a private
 * in-memory connection: json_set adds a field to the current object, a
 * temporary table keeps the finished objects in order, and
 * json_group_array joins them, so every string is escaped by SQLite. */
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "sentrack/json.h"

struct st_json {
	sqlite3 *db;
	sqlite3_stmt *set;     /* the current object with one more field */
	sqlite3_stmt *set_json; /* the same, the value being JSON text */
	sqlite3_stmt *append;  /* the current object into the array */
	sqlite3_stmt *nested;  /* a finished document as a string */
	char *object;          /* the current object, "{...}" */
	int count;             /* objects in the array */
};

static int fail(st_json *j, const char *doing, st_error *err)
{
	return st_error_set(err, ST_EINTERNAL, "JSON output: %s: %s", doing,
			    j && j->db ? sqlite3_errmsg(j->db) : "out of memory");
}

int st_json_new(st_json **out, st_error *err)
{
	st_json *j = calloc(1, sizeof *j);
	if (!j)
		return fail(NULL, "starting", err);
	*out = j;
	if (sqlite3_open_v2(":memory:", &j->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    sqlite3_exec(j->db, "CREATE TABLE item(n INTEGER PRIMARY KEY, obj TEXT NOT NULL)",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(j->db, "SELECT json_set(?1, '$.\"' || ?2 || '\"', ?3)", -1, &j->set,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(j->db, "SELECT json_set(?1, '$.\"' || ?2 || '\"', json(?3))", -1,
			       &j->set_json, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(j->db, "INSERT INTO item(obj) VALUES (json(?1))", -1, &j->append,
			       NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(j->db, "SELECT json_group_array(json(obj)) FROM "
			       "(SELECT obj FROM item ORDER BY n)", -1, &j->nested,
			       NULL) != SQLITE_OK ||
	    !(j->object = strdup("{}"))) {
		int rc = fail(j, "starting", err);
		st_json_free(j);
		*out = NULL;
		return rc;
	}
	return ST_OK;
}

void st_json_free(st_json *j)
{
	if (!j)
		return;
	sqlite3_finalize(j->set);
	sqlite3_finalize(j->set_json);
	sqlite3_finalize(j->append);
	sqlite3_finalize(j->nested);
	sqlite3_close(j->db);
	free(j->object);
	free(j);
}

/* Run a set statement with the value already bound to ?3; the result
 * becomes the current object. Keys are our own identifiers ("review_date"). */
static int set_field(st_json *j, sqlite3_stmt *set, const char *key, st_error *err)
{
	sqlite3_bind_text(set, 1, j->object, -1, SQLITE_STATIC);
	sqlite3_bind_text(set, 2, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(set);
	char *next = rc == SQLITE_ROW ? strdup((const char *)sqlite3_column_text(set, 0)) : NULL;
	sqlite3_reset(set);
	sqlite3_clear_bindings(set);
	if (!next)
		return fail(j, "adding a field", err);
	free(j->object);
	j->object = next;
	return ST_OK;
}

int st_json_text(st_json *j, const char *key, const char *value, st_error *err)
{
	if (value)
		sqlite3_bind_text(j->set, 3, value, -1, SQLITE_TRANSIENT);
	return set_field(j, j->set, key, err);
}

int st_json_int(st_json *j, const char *key, int64_t value, st_error *err)
{
	sqlite3_bind_int64(j->set, 3, value);
	return set_field(j, j->set, key, err);
}

int st_json_date(st_json *j, const char *key, st_date value, st_error *err)
{
	char buf[ST_DATE_BUFSZ];
	return st_json_text(j, key, value == ST_DATE_NONE ? NULL : st_date_format(value, buf), err);
}

int st_json_bool(st_json *j, const char *key, int value, st_error *err)
{
	sqlite3_bind_text(j->set_json, 3, value ? "true" : "false", -1, SQLITE_STATIC);
	return set_field(j, j->set_json, key, err);
}

/* The array of j's objects, malloc'd; NULL on failure. */
static char *array_text(st_json *j)
{
	char *text = NULL;
	if (sqlite3_step(j->nested) == SQLITE_ROW)
		text = strdup((const char *)sqlite3_column_text(j->nested, 0));
	sqlite3_reset(j->nested);
	return text;
}

int st_json_nested(st_json *j, const char *key, st_json *value, int as_object,
		   st_error *err)
{
	char *text = as_object ? strdup(value->object) : array_text(value);
	if (!text)
		return fail(value, "nesting", err);
	sqlite3_bind_text(j->set_json, 3, text, -1, SQLITE_STATIC);
	int rc = set_field(j, j->set_json, key, err);
	free(text);
	return rc;
}

int st_json_end_object(st_json *j, st_error *err)
{
	sqlite3_bind_text(j->append, 1, j->object, -1, SQLITE_STATIC);
	int rc = sqlite3_step(j->append);
	sqlite3_reset(j->append);
	if (rc != SQLITE_DONE)
		return fail(j, "adding an object", err);
	free(j->object);
	j->object = strdup("{}");
	j->count++;
	return j->object ? ST_OK : fail(NULL, "adding an object", err);
}

int st_json_write(st_json *j, int as_object, FILE *f, st_error *err)
{
	char *text = as_object ? strdup(j->object) : array_text(j);
	if (!text)
		return fail(j, "writing", err);
	fputs(text, f);
	fputc('\n', f);
	free(text);
	return ST_OK;
}
