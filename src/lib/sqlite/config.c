/* config.c - storage of configuration values. */
#include <stdio.h>
#include "sqlite_store.h"

int sqlst_config_get(struct store *s, const char *key, char *buf, size_t size, int *found,
		     st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT value FROM config WHERE key = ?1", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, key);
	return sqlst_read_value(s, st, buf, size, found, "reading configuration", err);
}

int sqlst_config_set(struct store *s, const char *key, const char *value, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO config(key, value) VALUES (?1, ?2) "
				   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, key);
	sqlst_bind_text(st, 2, value);
	return sqlst_step_done(s, st, "writing configuration", err);
}

int sqlst_config_unset(struct store *s, const char *key, int *deleted, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "DELETE FROM config WHERE key = ?1", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, key);
	int rc = sqlst_step_done(s, st, "writing configuration", err);
	*deleted = rc == ST_OK ? sqlite3_changes(sqlst_db(s)) : 0;
	return rc;
}
