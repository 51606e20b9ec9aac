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

/* --- import runs (issue 15) ------------------------------------------------ */

int st__store_import_run_start(struct store *s, const char *file, const char *user,
			       int64_t *out_id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO import_run(file, started_at, user) "
				   "VALUES (?1, ?2, ?3)", err);
	if (!st)
		return err->code;
	char now[32];
	sqlst_utc_now(now);
	sqlst_bind_text(st, 1, file);
	sqlst_bind_text(st, 2, now);
	sqlst_bind_text(st, 3, user);
	int rc = sqlst_step_done(s, st, "recording the import", err);
	if (rc == ST_OK)
		*out_id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int st__store_import_run_finish(struct store *s, const st_import_run *run, int64_t audit_id,
				st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE import_run SET sha256 = ?2, rows_read = ?3, "
				   "created = ?4, updated = ?5, unchanged = ?6, audit_id = ?7 "
				   "WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, run->id);
	sqlst_bind_text(st, 2, run->sha256);
	sqlite3_bind_int64(st, 3, run->rows);
	sqlite3_bind_int64(st, 4, run->created);
	sqlite3_bind_int64(st, 5, run->updated);
	sqlite3_bind_int64(st, 6, run->unchanged);
	sqlst_bind_id(st, 7, audit_id);
	return sqlst_step_done(s, st, "recording the import", err);
}

int st__store_pupil_set_import(struct store *s, int64_t pupil_id, int64_t import_id, long line,
			       st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE pupil SET import_id = ?2, import_line = ?3 "
				   "WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlite3_bind_int64(st, 2, import_id);
	sqlite3_bind_int64(st, 3, line);
	return sqlst_step_done(s, st, "linking the pupil to its import", err);
}

static void copy_col(char *out, size_t size, sqlite3_stmt *st, int i)
{
	const char *t = sqlst_col_text(st, i);
	snprintf(out, size, "%s", t ? t : "");
}

int st__store_pupil_import(struct store *s, int64_t pupil_id, st_import_run *run, long *line,
			   st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT r.id, r.file, r.sha256, r.started_at, r.user, "
				   "r.rows_read, r.created, r.updated, r.unchanged, p.import_line "
				   "FROM pupil p JOIN import_run r ON r.id = p.import_id "
				   "WHERE p.id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		run->id = sqlite3_column_int64(st, 0);
		copy_col(run->file, sizeof run->file, st, 1);
		copy_col(run->sha256, sizeof run->sha256, st, 2);
		copy_col(run->started_at, sizeof run->started_at, st, 3);
		copy_col(run->user, sizeof run->user, st, 4);
		run->rows = (long)sqlite3_column_int64(st, 5);
		run->created = (long)sqlite3_column_int64(st, 6);
		run->updated = (long)sqlite3_column_int64(st, 7);
		run->unchanged = (long)sqlite3_column_int64(st, 8);
		*line = (long)sqlite3_column_int64(st, 9);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return ST_ENOTFOUND;
	return rc == SQLITE_ROW ? ST_OK : sqlst_fail(s, rc, "reading the pupil's import", err);
}

int st__store_pupils_without_upn(struct store *s, long *out, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT count(*) FROM pupil WHERE upn IS NULL", err);
	if (!st)
		return err->code;
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : sqlst_fail(s, rc, "counting pupils without a UPN", err);
}

int64_t st__store_last_id(struct store *s)
{
	return sqlite3_last_insert_rowid(s->db);
}
