/* maintenance.c - backup, doctor, erasure and retention purges. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "store.h"

/* A trust's database on a PostgreSQL server, not a file: the file's own
 * notions (a copy of the file, its pages, its journal, its permissions)
 * do not apply (issue 14). */
static int on_server(const st_db *db)
{
	st_backend backend = ST_BACKEND_FILE;
	st_error e;
	return !(db->flags & ST_OPEN_MEMORY) && st_db_locator_backend(db->path, &backend, &e) == ST_OK &&
	       backend == ST_BACKEND_POSTGRESQL;
}

/* --- backup ----------------------------------------------------------------- */

/* Put the finished temporary file in place: link() refuses an existing dest
 * atomically, rename() replaces it atomically. */
static int publish(const char *tmp, const char *dest, int overwrite, st_error *err)
{
	int rc = overwrite ? rename(tmp, dest) : link(tmp, dest);
	if (rc == 0)
		return ST_OK;
	int e = errno;
	if (e == EEXIST)
		return st_error_set(err, ST_EEXISTS, "backup %s: already exists (use --force to "
				    "replace it)", dest);
	return st_error_set(err, ST_ECANTCREATE, "backup %s: %s", dest, strerror(e));
}

int st_db_backup(st_db *db, const char *dest, int overwrite, st_error *err)
{
	ERR_ENSURE(err);
	if (!dest || !*dest)
		return st_error_set(err, ST_EUSAGE, "backup FILE: no file given");
	if (on_server(db)) /* before any file is made */
		return st_error_set(err, ST_EUSAGE, "backup: copies a database file; a trust's "
				    "PostgreSQL database is backed up on its server (pg_dump, "
				    "docs/trust.md)");
	struct stat sb;
	if (!overwrite && stat(dest, &sb) == 0)
		return st_error_set(err, ST_EEXISTS, "backup %s: already exists (use --force to "
				    "replace it)", dest);
	char *tmp;
	int fd;
	int rc = st__tmp_create(dest, "backup", &tmp, &fd, err);
	if (rc != ST_OK)
		return rc;
	close(fd);
	rc = st__store_backup_to(db->store, tmp, dest, err);
	if (rc == ST_OK)
		rc = publish(tmp, dest, overwrite, err);
	if (rc != ST_OK || !overwrite)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* --- doctor ----------------------------------------------------------------- */

struct doctor {
	st_doctor_cb cb;
	void *payload;
	int problems;
	const char *what;
};

static void finding(struct doctor *d, int problem, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void finding(struct doctor *d, int problem, const char *fmt, ...)
{
	char line[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	d->problems += problem;
	d->cb(problem, line, d->payload);
}

static int problem_line(const char *line, void *payload)
{
	struct doctor *d = payload;
	finding(d, 1, "%s: %s", d->what, line);
	return d->problems >= 100; /* enough to know the file is damaged */
}

static int check_pragma(st_db *db, struct doctor *d, const char *what,
			int (*run)(struct store *, store_line_cb, void *, st_error *),
			st_error *err)
{
	int before = d->problems;
	d->what = what;
	int rc = run(db->store, problem_line, d, err);
	if (rc != ST_OK)
		finding(d, 1, "%s: %s", what, err->message);
	else if (d->problems == before)
		finding(d, 0, "%s: ok", what);
	st_error_clear(err);
	return ST_OK;
}

static void check_schema(st_db *db, struct doctor *d, st_error *err)
{
	int version = 0;
	if (st_db_file_schema_version(db, &version, err) != ST_OK)
		finding(d, 1, "schema version: %s", err->message);
	else if (version != st_db_schema_version())
		finding(d, 1, "schema version: %d, this sentrack writes %d (run `sentrack doctor "
			"--upgrade`)", version, st_db_schema_version());
	else
		finding(d, 0, "schema version: %d (current)", version);
	st_error_clear(err);
	int before = d->problems, drift = 0;
	d->what = "schema text";
	if (st__store_schema_drift(db->store, problem_line, d, &drift, err) != ST_OK)
		finding(d, 1, "schema text: %s", err->message);
	else if (d->problems == before)
		finding(d, 0, "schema text: every table and index as version %d defines it", version);
	st_error_clear(err);
}

static void check_journal(st_db *db, struct doctor *d, st_error *err)
{
	char mode[32] = "";
	if (st__store_journal_mode(db->store, mode, sizeof mode, err) != ST_OK)
		finding(d, 1, "journal mode: %s", err->message);
	else if (strcmp(mode, "wal") == 0)
		finding(d, 0, "journal mode: wal (readers and a writer run at once)");
	else
		finding(d, 0, "journal mode: %s (rollback journal: readers wait for writers; "
			"expected only on network shares)", mode);
	st_error_clear(err);
}

/* A file or directory others may read or write: the data is about children. */
static void check_mode(struct doctor *d, const char *path, int is_dir)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return; /* -wal and -shm exist only while in use */
	if (sb.st_mode & 077)
		finding(d, 1, "permissions: %s %s is open to other users (mode %04o); run "
			"chmod %s %s", is_dir ? "directory" : "file", path,
			(unsigned)(sb.st_mode & 07777), is_dir ? "700" : "600", path);
	else
		finding(d, 0, "permissions: %s %s (mode %04o)", is_dir ? "directory" : "file", path,
			(unsigned)(sb.st_mode & 07777));
}

static void swept(const char *dir, const char *name, void *payload)
{
	struct doctor *d = payload;
	finding(d, 0, "temporary files: removed %s/%s, a copy of personal data left by a "
		"killed backup or export", dir, name);
}

/* Temporaries of killed backups and exports beside the database. */
static void check_temporaries(struct doctor *d, const char *dir)
{
	if (st__tmp_sweep(dir, swept, d) == 0)
		finding(d, 0, "temporary files: none left behind in %s", dir);
}

static void check_files(st_db *db, struct doctor *d)
{
	if (db->flags & ST_OPEN_MEMORY)
		return;
	size_t n = strlen(db->path) + 8;
	char *buf = malloc(n);
	if (!buf)
		return;
	check_mode(d, db->path, 0);
	snprintf(buf, n, "%s-wal", db->path);
	check_mode(d, buf, 0);
	snprintf(buf, n, "%s-shm", db->path);
	check_mode(d, buf, 0);
	snprintf(buf, n, "%s", db->path);
	char *slash = strrchr(buf, '/');
	if (slash == buf)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		snprintf(buf, n, ".");
	check_mode(d, buf, 1);
	check_temporaries(d, buf);
	free(buf);
}

struct config_check {
	struct doctor *d;
	int bad;
};

static int check_config_item(const st_config_item *item, void *payload)
{
	struct config_check *c = payload;
	st_error e;
	if (!item->is_default && st_config_validate(item->key, item->value, &e) != ST_OK) {
		finding(c->d, 1, "config: stored %s", e.message);
		c->bad++;
	}
	return 0;
}

static void check_config(st_db *db, struct doctor *d, st_error *err)
{
	struct config_check c = {d, 0};
	if (st_config_list(db, check_config_item, &c, err) != ST_OK)
		finding(d, 1, "config: %s", err->message);
	else if (c.bad == 0)
		finding(d, 0, "config: every setting valid");
	st_error_clear(err);
}

/* Finish an erasure that could not truncate the log: doctor's own
 * connection is read-only, so a second, read-write one checkpoints. */
static void check_log(st_db *db, struct doctor *d, st_error *err)
{
	if ((db->flags & ST_OPEN_MEMORY) || !st_db_is_wal(db))
		return;
	char wal[4200];
	struct stat sb;
	snprintf(wal, sizeof wal, "%s-wal", db->path);
	if (stat(wal, &sb) != 0 || sb.st_size == 0) {
		finding(d, 0, "write-ahead log: empty, nothing left in %s", wal);
		return;
	}
	struct store *rw = NULL;
	int rc = st__store_open(&rw, ST_BACKEND_FILE, db->path, ST_OPEN_READWRITE, err);
	if (rc == ST_OK) {
		st__store_set_busy_timeout(rw, st__store_busy_timeout(db->store));
		rc = st__store_truncate_log(rw, err);
	}
	st__store_close(rw);
	if (rc != ST_OK)
		finding(d, 1, "write-ahead log: %s; it may still hold erased data: run `sentrack "
			"doctor` again when no one else is using the database", err->message);
	else
		finding(d, 0, "write-ahead log: truncated, nothing left in %s-wal", db->path);
	st_error_clear(err);
}

/* A trust's database: what doctor can check from a SENCO's connection
 * (the schema's version and guard, the links, the settings); the file's
 * checks are each named and refused, with what does that job instead. */
static void doctor_server(st_db *db, struct doctor *d, st_error *err)
{
	finding(d, 0, "integrity_check: not run: a check of a database file's pages; the "
		"PostgreSQL server checks its own (pg_amcheck, by its admin)");
	check_pragma(db, d, "foreign_key_check", st__store_foreign_key_check, err);
	int version = 0;
	if (st_db_file_schema_version(db, &version, err) != ST_OK ||
	    st__store_check_version(db->store, NULL, err) != ST_OK)
		finding(d, 1, "schema version: %s", err->message);
	else
		finding(d, 0, "schema version: trust schema %d (current)", version);
	st_error_clear(err);
	int before = d->problems, drift = 0;
	d->what = "schema";
	if (st__store_schema_drift(db->store, problem_line, d, &drift, err) != ST_OK)
		finding(d, 1, "schema: %s", err->message);
	else if (d->problems == before)
		finding(d, 0, "schema: every table there, each under row-level security");
	st_error_clear(err);
	finding(d, 0, "journal mode: not run: a database file's; the PostgreSQL server keeps "
		"its own write-ahead log");
	finding(d, 0, "permissions: not run: a database file's; on the server, database roles "
		"and row-level security guard the data (docs/trust.md)");
	check_config(db, d, err);
}

int st_db_doctor(st_db *db, st_doctor_cb cb, void *payload, int *problems, st_error *err)
{
	ERR_ENSURE(err);
	struct doctor d = {cb, payload, 0, NULL};
	if (on_server(db)) {
		doctor_server(db, &d, err);
		*problems = d.problems;
		return ST_OK;
	}
	check_log(db, &d, err);
	check_pragma(db, &d, "integrity_check", st__store_integrity_check, err);
	check_pragma(db, &d, "foreign_key_check", st__store_foreign_key_check, err);
	check_schema(db, &d, err);
	check_journal(db, &d, err);
	check_files(db, &d);
	check_config(db, &d, err);
	*problems = d.problems;
	return ST_OK;
}

/* --- erasure ------------------------------------------------------------------ */

static int erase_one(st_db *db, int64_t id, const char *why, st_error *err)
{
	int rc = st__store_pupil_erase(db->store, id, err);
	/* The erasure itself is logged: who and when, the id, no personal data. */
	return rc == ST_OK ? st_audit_record(db, "erase", "pupil", id, id, ST_DATE_NONE, why, err)
			   : rc;
}

static int confirm_matches(const st_pupil *p, const char *confirm)
{
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	return strcmp(confirm, id) == 0 || (p->upn && strcasecmp(confirm, p->upn) == 0);
}

int st_pupil_erase(st_db *db, int64_t id, const char *confirm, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	st_pupil *p = NULL;
	if ((rc = st_pupil_get(db, id, &p, err)) != ST_OK)
		return st__write_end(db, rc, err);
	if (!confirm || !confirm_matches(p, confirm))
		rc = st_error_set(err, ST_ERULE, "--confirm %.40s: must repeat pupil %lld's %s to "
				  "erase them", confirm ? confirm : "", (long long)id,
				  p->upn ? "UPN or id" : "id");
	else
		rc = erase_one(db, id, "erased on request", err);
	st_pupil_free(p);
	return st__write_end(db, rc, err);
}

int st_db_truncate_log(st_db *db, st_error *err)
{
	ERR_ENSURE(err);
	if ((db->flags & ST_OPEN_MEMORY) || !st_db_is_wal(db))
		return ST_OK;
	int rc = st__store_truncate_log(db->store, err);
	if (rc == ST_EBUSY)
		st_error_set(err, ST_EBUSY, "the erasure is committed, but the old text remains in "
			     "%s-wal until the log can be truncated: another program is reading the "
			     "database; run `sentrack doctor` when it has finished", db->path);
	return rc;
}

struct id_list {
	int64_t *ids;
	size_t n, cap;
	int out_of_memory;
};

static int collect_id(int64_t id, void *payload)
{
	struct id_list *l = payload;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		int64_t *ids = realloc(l->ids, cap * sizeof *ids);
		if (!ids) {
			l->out_of_memory = 1;
			return 1;
		}
		l->ids = ids;
		l->cap = cap;
	}
	l->ids[l->n++] = id;
	return 0;
}

static int purge_ids(st_db *db, const struct id_list *l, int dry_run, st_pupil_cb cb,
		     void *payload, st_error *err)
{
	int rc = ST_OK;
	for (size_t i = 0; i < l->n && rc == ST_OK; i++) {
		st_pupil *p = NULL;
		if ((rc = st_pupil_get(db, l->ids[i], &p, err)) != ST_OK)
			break;
		if (cb && cb(p, payload) != 0)
			rc = st_error_set(err, ST_EINTERNAL, "purge: stopped by the caller");
		st_pupil_free(p);
		if (rc == ST_OK && !dry_run)
			rc = erase_one(db, l->ids[i], "retention period ended", err);
	}
	return rc;
}

int st_purge_leavers(st_db *db, st_date left_before, int dry_run, st_pupil_cb cb,
		     void *payload, int *count, st_error *err)
{
	ERR_ENSURE(err);
	*count = 0;
	int rc = st__check_not_future(db, "--left-before", left_before, err);
	if (rc != ST_OK)
		return rc;
	if ((rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct id_list l = {0};
	rc = st__store_pupil_left_before(db->store, left_before, collect_id, &l, err);
	if (rc == ST_OK && l.out_of_memory)
		rc = st__err_nomem(err);
	if (rc == ST_OK)
		rc = purge_ids(db, &l, dry_run, cb, payload, err);
	if (rc == ST_OK)
		*count = (int)l.n;
	free(l.ids);
	return st__write_end(db, rc, err);
}

int st_retention_ended(st_date dob, long years, st_date today)
{
	st_date until;
	if (dob == ST_DATE_NONE || st_date_add_years(dob, (int)years, &until) != ST_OK)
		return 0; /* past the calendar sentrack knows: not yet */
	return until < today;
}

/* Leavers erased under the date-of-birth rule: the query's candidates are
 * checked again here, so the rule is only st_retention_ended. */
static int purge_born(st_db *db, const struct id_list *l, long years, int dry_run,
		      st_pupil_cb cb, void *payload, int *count, st_error *err)
{
	int rc = ST_OK;
	for (size_t i = 0; i < l->n && rc == ST_OK; i++) {
		st_pupil *p = NULL;
		if ((rc = st_pupil_get(db, l->ids[i], &p, err)) != ST_OK)
			break;
		int ended = st_retention_ended(p->dob, years, db->today);
		if (ended && cb && cb(p, payload) != 0)
			rc = st_error_set(err, ST_EINTERNAL, "purge: stopped by the caller");
		st_pupil_free(p);
		if (rc == ST_OK && ended && !dry_run)
			rc = erase_one(db, l->ids[i], "retention period ended (date of birth rule)", err);
		*count += ended;
	}
	return rc;
}

int st_purge_retention(st_db *db, int dry_run, st_pupil_cb cb, void *payload, int *count,
		       long *years, st_error *err)
{
	ERR_ENSURE(err);
	*count = 0;
	st_date born_before;
	int rc = st_config_int(db, "retention-years", years, err);
	if (rc != ST_OK)
		return rc;
	/* a day's margin either side of a 29 February; purge_born decides */
	if (st_date_add_years(db->today, -(int)*years, &born_before) != ST_OK)
		return ST_OK;
	born_before += 2;
	if ((rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct id_list l = {0};
	rc = st__store_pupil_left_born_before(db->store, born_before, collect_id, &l, err);
	if (rc == ST_OK && l.out_of_memory)
		rc = st__err_nomem(err);
	if (rc == ST_OK)
		rc = purge_born(db, &l, *years, dry_run, cb, payload, count, err);
	free(l.ids);
	return st__write_end(db, rc, err);
}
