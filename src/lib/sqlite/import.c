/* import.c - storage settings for a bulk import.
 *
 * An import of a whole school writes far more pages than SQLite's default
 * page cache (2 MiB) holds; every spill rewrites pages to the journal. A
 * bounded larger cache for the duration of the import keeps that in memory
 * (memory stays flat however long the file: the cache has a fixed size).
 * 4 MiB, not more: issue 15 caps a 100,000-row import at 16 MiB peak RSS
 * (a 64 MiB cache took it to 45 MiB, 10 MiB to 17.8 MiB); 4 MiB was
 * measured as fast as 10 (bench/README.md). */
#include <stdio.h>
#include <stdlib.h>
#include "sqlite_store.h"

int sqlst_import_begin(struct store *s, int *saved_cache, st_error *err)
{
	return sqlst_cache_set(s, "PRAGMA cache_size=-4096", saved_cache, err);
}

void sqlst_import_end(struct store *s, int saved_cache)
{
	sqlst_cache_restore(s, saved_cache, NULL);
}

/* --- import runs (issue 15) ------------------------------------------------ */

int sqlst_import_run_start(struct store *s, const char *file, const char *user,
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
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

int sqlst_import_run_finish(struct store *s, const st_import_run *run, int64_t audit_id,
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

int sqlst_pupil_set_import(struct store *s, int64_t pupil_id, int64_t import_id, long line,
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

int sqlst_pupil_import(struct store *s, int64_t pupil_id, st_import_run *run, long *line,
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

int sqlst_pupils_without_upn(struct store *s, long *out, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT count(*) FROM pupil WHERE upn IS NULL", err);
	if (!st)
		return err->code;
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ST_OK : sqlst_fail(s, rc, "counting pupils without a UPN", err);
}

int64_t sqlst_last_id(struct store *s)
{
	return sqlite3_last_insert_rowid(sqlst_db(s));
}

/* --- secondary indexes of a load into an empty pupil table ----------------
 *
 * Each new pupil went into four secondary indexes (name, preferred name,
 * year, class) at a random place: most of an import's index work. Into an
 * empty table, they are dropped at the start and built once at the end
 * from their own stored SQL (the schema stays exactly as it was; a failed
 * import rolls the drop back with everything else). The UPN index stays:
 * every row looks its UPN up. */
static const char *const deferrable[] = {"pupil_by_name", "pupil_by_preferred", "pupil_by_year",
					 "pupil_by_class"};
#define NDEFER (sizeof deferrable / sizeof *deferrable)

struct st__deferred_indexes {
	char *sql[NDEFER];  /* NULL: not dropped (or built again already) */
};

static int pupil_table_empty(struct store *s, int *empty, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT 1 FROM pupil /* full scan: stops at the first row */ LIMIT 1",
				   err);
	if (!st)
		return err->code;
	int rc = sqlite3_step(st);
	*empty = rc == SQLITE_DONE;
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading pupils", err);
}

static int index_sql(struct store *s, const char *name, char **out, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND "
				   "name = ?1 AND tbl_name = 'pupil'", err);
	if (!st)
		return err->code;
	sqlst_bind_text(st, 1, name);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW && sqlst_col_text(st, 0) ? st__xstrdup(sqlst_col_text(st, 0)) : NULL;
	sqlite3_reset(st);
	if (rc == SQLITE_ROW && !*out)
		return st__err_nomem(err);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading the schema", err);
}

int sqlst_import_defer_indexes(struct store *s, struct st__deferred_indexes **out,
				   st_error *err)
{
	*out = NULL;
	int empty = 0;
	int rc = pupil_table_empty(s, &empty, err);
	if (rc != ST_OK || !empty)
		return rc;
	struct st__deferred_indexes *d = calloc(1, sizeof *d);
	if (!d)
		return st__err_nomem(err);
	for (size_t i = 0; rc == ST_OK && i < NDEFER; i++) {
		if ((rc = index_sql(s, deferrable[i], &d->sql[i], err)) != ST_OK || !d->sql[i])
			continue;
		char drop[64];
		snprintf(drop, sizeof drop, "DROP INDEX %s", deferrable[i]); /* a fixed name */
		rc = sqlst_exec(s, drop, "deferring an index", err);
	}
	*out = d;
	return rc;
}

/* Build one deferred index again now (a lookup that needs it is coming). */
static int rebuild(struct store *s, struct st__deferred_indexes *d, size_t i, st_error *err)
{
	if (!d || !d->sql[i])
		return ST_OK;
	int rc = sqlst_exec(s, d->sql[i], "building an index", err);
	free(d->sql[i]);
	d->sql[i] = NULL;
	return rc;
}

int sqlst_import_need_name_index(struct store *s, struct st__deferred_indexes *d,
				     st_error *err)
{
	return rebuild(s, d, 0, err);
}

int sqlst_import_restore_indexes(struct store *s, struct st__deferred_indexes *d, int build,
				     st_error *err)
{
	int rc = ST_OK;
	for (size_t i = 0; d && i < NDEFER; i++) {
		if (build && rc == ST_OK)
			rc = rebuild(s, d, i, err);
		free(d->sql[i]);
	}
	free(d);
	return rc;
}
