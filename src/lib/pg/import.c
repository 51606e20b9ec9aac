/* import.c - the PostgreSQL store's side of `import`: the import runs and
 * the pupils' links to them (as sqlite/import.c). */
#include <stdio.h>
#include "pgst.h"

static void copy_col(char *out, size_t size, const PGresult *r, int col)
{
	const char *t = pgst_col_text(r, 0, col);
	snprintf(out, size, "%s", t ? t : "");
}

int pgst_pupil_import(struct store *s, int64_t pupil_id, st_import_run *run, long *line,
		      st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	PGresult *res;
	pgst_school(s, &p);
	int rc = pgst_query(s, "SELECT r.id, r.file, r.sha256, " PGST_TIME("r.started_at") ", "
				"r.user_name, r.rows_read, r.created, r.updated, r.unchanged, "
				"p.import_line FROM pupil p JOIN import_run r ON r.id = p.import_id "
				"WHERE p.id = $1 AND p.school_id = $2", &p, &res,
				"reading the pupil's import", err);
	if (rc != ST_OK)
		return rc;
	int found = PQntuples(res) == 1;
	if (found) {
		run->id = pgst_col_int(res, 0, 0);
		copy_col(run->file, sizeof run->file, res, 1);
		copy_col(run->sha256, sizeof run->sha256, res, 2);
		copy_col(run->started_at, sizeof run->started_at, res, 3);
		copy_col(run->user, sizeof run->user, res, 4);
		run->rows = (long)pgst_col_int(res, 0, 5);
		run->created = (long)pgst_col_int(res, 0, 6);
		run->updated = (long)pgst_col_int(res, 0, 7);
		run->unchanged = (long)pgst_col_int(res, 0, 8);
		*line = (long)pgst_col_int(res, 0, 9);
	}
	PQclear(res);
	return found ? ST_OK : ST_ENOTFOUND;
}

int pgst_pupils_without_upn(struct store *s, long *out, st_error *err)
{
	struct pgst_params p = {0};
	int64_t n = 0;
	pgst_school(s, &p);
	int rc = pgst_int_value(s, "SELECT count(*) FROM pupil WHERE school_id = $1 AND upn IS "
				    "NULL", &p, &n, "counting pupils without a UPN", err);
	*out = (long)n;
	return rc;
}

/* The file backend enlarges SQLite's page cache for an import; a server
 * manages its own buffers, so there is nothing to set or restore. */
int pgst_import_begin(struct store *s, int *saved_cache, st_error *err)
{
	(void)s;
	(void)err;
	*saved_cache = 0;
	return ST_OK;
}

void pgst_import_end(struct store *s, int saved_cache)
{
	(void)s;
	(void)saved_cache;
}

/* --- import runs (issue 15) ------------------------------------------------ */

int pgst_import_run_start(struct store *s, const char *file, const char *user, int64_t *out_id,
			  st_error *err)
{
	char now[32];
	pgst_utc_now(now); /* the file's started_at: the client's clock, to the second */
	struct pgst_params p = {0};
	pgst_text(&p, file);
	pgst_text(&p, now);
	pgst_text(&p, user);
	pgst_school(s, &p);
	return pgst_insert(s, "INSERT INTO import_run (file, started_at, user_name, school_id) "
			   "VALUES ($1, $2, $3, $4) RETURNING id", &p, out_id,
			   "recording the import", err);
}

int pgst_import_run_finish(struct store *s, const st_import_run *run, int64_t audit_id,
			   st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, run->id);
	pgst_text(&p, run->sha256);
	pgst_int(&p, run->rows);
	pgst_int(&p, run->created);
	pgst_int(&p, run->updated);
	pgst_int(&p, run->unchanged);
	pgst_id(&p, audit_id);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE import_run SET sha256 = $2, rows_read = $3, created = $4, "
			  "updated = $5, unchanged = $6, audit_id = $7 WHERE id = $1 AND "
			  "school_id = $8", &p, NULL, "recording the import", err);
}

int pgst_pupil_set_import(struct store *s, int64_t pupil_id, int64_t import_id, long line,
			  st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_int(&p, import_id);
	pgst_int(&p, line);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE pupil SET import_id = $2, import_line = $3 WHERE id = $1 "
			  "AND school_id = $4", &p, NULL, "linking the pupil to its import", err);
}

/* --- secondary indexes of a load into an empty pupil table ----------------
 *
 * The file backend drops the pupil table's secondary indexes for a load
 * into an empty table and builds them once at the end (sqlite/import.c).
 * Not here: on a trust's database the pupil table holds every school's
 * pupils, so it is empty only for the trust's very first import, DROP
 * INDEX would take an exclusive lock on the table every school's SENCO
 * uses, and a SENCO's role does not own the table, so it may not drop its
 * indexes at all. The import writes through the indexes as any other
 * command does; *out stays NULL, which the model reads as "nothing
 * deferred", and the two calls after it have nothing to do. */
int pgst_import_defer_indexes(struct store *s, struct st__deferred_indexes **out,
			      st_error *err)
{
	(void)s;
	(void)err;
	*out = NULL;
	return ST_OK;
}

int pgst_import_need_name_index(struct store *s, struct st__deferred_indexes *d,
				st_error *err)
{
	(void)s;
	(void)d;
	(void)err;
	return ST_OK;
}

int pgst_import_restore_indexes(struct store *s, struct st__deferred_indexes *d, int build,
				st_error *err)
{
	(void)s;
	(void)d;
	(void)build;
	(void)err;
	return ST_OK;
}
