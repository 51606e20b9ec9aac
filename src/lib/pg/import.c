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
