/* maintenance.c - the PostgreSQL store's side of backup, health checks and
 * erasure (as sqlite/maintenance.c). A trust's database is the server's:
 * it is backed up with pg_dump, its pages and its write-ahead log are the
 * server's to check and recycle, so the file's notions are refused or have
 * nothing to do, each saying why. */
#include "pgst.h"

int pgst_backup_to(struct store *s, const char *dest, const char *name, st_error *err)
{
	(void)s;
	(void)dest;
	(void)name;
	/* st_db_backup refuses first, with the same words; this is the backstop */
	return st_error_set(err, ST_EUSAGE, "backup: copies a database file; a trust's "
			    "PostgreSQL database is backed up on its server (pg_dump, "
			    "docs/trust.md)");
}

/* The server checks its own pages as it reads them (and pg_amcheck looks
 * deeper, with the admin's rights): there is no file here to check.
 * st_db_doctor says so instead of calling this. */
int pgst_integrity_check(struct store *s, store_line_cb cb, void *payload, st_error *err)
{
	(void)s;
	(void)cb;
	(void)payload;
	return st_error_set(err, ST_EUSAGE, "integrity_check: a check of a database file's "
			    "pages; a PostgreSQL server checks its own");
}

/* PostgreSQL enforces every foreign key at each statement, and nothing can
 * turn that off for a SENCO (SQLite's can be, per connection): there is
 * never a broken link to find, so no line. */
int pgst_foreign_key_check(struct store *s, store_line_cb cb, void *payload, st_error *err)
{
	(void)s;
	(void)cb;
	(void)payload;
	(void)err;
	return ST_OK;
}

int pgst_journal_mode(struct store *s, char *buf, size_t size, st_error *err)
{
	(void)s;
	if (size)
		buf[0] = '\0';
	return st_error_set(err, ST_EUSAGE, "journal mode: a database file's; a PostgreSQL "
			    "server keeps its own write-ahead log");
}

/* The server's write-ahead log is not the erased text's refuge that a
 * file's -wal is (it is recycled by the server, and is the admin's, like
 * its backups): nothing to truncate. st_db_truncate_log does not call
 * this on a store that is not in WAL mode (pgst_is_wal is 0). */
int pgst_truncate_log(struct store *s, st_error *err)
{
	(void)s;
	(void)err;
	return ST_OK;
}

/* Every row of the pupil goes with the pupil's (each table's foreign key
 * to pupil cascades, 001_model.sql); the older audit rows keep what was
 * done and when, not the detail (003_audit_erasure.sql lets a SENCO clear
 * it, and nothing else). */
int pgst_pupil_erase(struct store *s, int64_t id, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_school(s, &p);
	int rc = pgst_query(s, "DELETE FROM pupil WHERE id = $1 AND school_id = $2", &p, NULL,
			    "erasing the pupil", err);
	if (rc == ST_OK)
		rc = pgst_query(s, "UPDATE audit SET detail = NULL WHERE pupil_id = $1 AND "
				"school_id = $2 AND detail IS NOT NULL", &p, NULL,
				"clearing the pupil's audit details", err);
	return rc;
}

/* Each id of the rows, in order, until the callback stops (then ST_OK, as
 * the file's). */
static int ids(struct store *s, const char *sql, st_date date, store_id_cb cb, void *payload,
	       st_error *err)
{
	struct pgst_params p = {0};
	pgst_date(&p, date);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, sql, &p, &res, "listing leavers", err);
	if (rc != ST_OK)
		return rc;
	for (int i = 0; i < PQntuples(res); i++)
		if (cb(pgst_col_int(res, i, 0), payload) != 0)
			break;
	PQclear(res);
	return ST_OK;
}

int pgst_pupil_left_before(struct store *s, st_date before, store_id_cb cb, void *payload,
			   st_error *err)
{
	return ids(s, "SELECT id FROM pupil WHERE school_id = $2 AND left_on IS NOT NULL AND "
		   "left_on < $1 ORDER BY left_on, id", before, cb, payload, err);
}

int pgst_pupil_left_born_before(struct store *s, st_date born_before, store_id_cb cb,
				void *payload, st_error *err)
{
	return ids(s, "SELECT id FROM pupil WHERE school_id = $2 AND left_on IS NOT NULL AND "
		   "dob < $1 ORDER BY dob, id", born_before, cb, payload, err);
}

/* --- schema drift -----------------------------------------------------------
 *
 * The file's check compares its schema text with a fresh one of the same
 * version. A trust's schema is changed by `trust init`'s migrations alone,
 * and what matters most in it is the guard: each line here is a table of
 * the model that is missing, or a table of the trust's schema without
 * row-level security forced (a school's rows would then be open to every
 * role that reads the table). */
int pgst_schema_drift(struct store *s, store_line_cb cb, void *payload, int *drift,
		      st_error *err)
{
	*drift = 0;
	PGresult *res;
	int rc = pgst_query(s, "SELECT line FROM (SELECT 'table ' || t || ': missing' FROM unnest(ARRAY['school', "
		"'member', 'schema_version', 'area', 'need_type', 'year_group', 'meta', 'config', "
		"'pupil', 'register_event', 'pupil_need', 'need_history', 'audit', 'cycle', "
		"'cycle_reschedule', 'pupil_view', 'outcome', 'provision', 'meeting', "
		"'meeting_attendee', 'specialist', 'ehcna_request', 'ehcp_review', 'passport', "
		"'concern', 'term', 'ehcp_schedule', 'ehcp_amended', 'import_run']) t "
		"WHERE to_regclass('sentrack.' || t) IS NULL "
		"UNION ALL SELECT 'table ' || c.relname || ': row-level security is not forced' "
		"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
		"WHERE n.nspname = 'sentrack' AND c.relkind = 'r' "
		"AND NOT (c.relrowsecurity AND c.relforcerowsecurity)) d(line) ORDER BY line COLLATE \"C\"",
		NULL, &res, "reading the schema", err);
	if (rc != ST_OK)
		return rc;
	for (int i = 0; i < PQntuples(res); i++) {
		++*drift;
		if (cb(pgst_col_text(res, i, 0), payload) != 0)
			break;
	}
	PQclear(res);
	return ST_OK;
}
