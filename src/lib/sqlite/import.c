/* import.c - storage settings for a bulk import.
 *
 * An import of a whole school writes far more pages than SQLite's default
 * page cache (2 MiB) holds; every spill rewrites pages to the journal. A
 * bounded larger cache for the duration of the import keeps that in memory
 * (memory stays flat however long the file: the cache has a fixed size).
 * 10 MiB, not more: issue 8 caps a 100,000-row import at 16 MiB peak RSS,
 * and a 64 MiB cache took it to 45 MiB. */
#include <stdio.h>
#include "sqlite_store.h"

int st__store_import_begin(struct store *s, int *saved_cache, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "PRAGMA cache_size", err);
	if (!st)
		return err->code;
	int rc = sqlite3_step(st);
	*saved_cache = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -2000;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return sqlst_fail(s, rc, "reading the cache size", err);
	return sqlst_exec(s, "PRAGMA cache_size=-10240", "enlarging the cache", err);
}

void st__store_import_end(struct store *s, int saved_cache)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%d", saved_cache);
	sqlst_exec(s, sql, "restoring the cache size", NULL);
}
