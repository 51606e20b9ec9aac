/* db.c - st_db: opening, context (today, user, command) and transactions. */
#include <stdlib.h>
#include <string.h>
#include "store.h"

const char *st_version(void)
{
	return SENTRACK_VERSION;
}

int st_db_schema_version(void)
{
	return st__store_schema_version;
}

static int prepare_schema(st_db *db, st_backend backend, unsigned flags, st_error *err)
{
	/* a trust database is migrated, and its reference data loaded, by the
	 * admin's `trust init` alone (a SENCO may write neither): its store
	 * only checks the version */
	if (backend == ST_BACKEND_POSTGRESQL)
		return st__store_migrate(db->store, err);
	if (!(flags & ST_OPEN_READONLY)) {
		int rc = st__store_migrate(db->store, err);
		return rc == ST_OK ? st__refdata_sync(db, err) : rc;
	}
	int version = 0;
	int rc = st__store_check_version(db->store, &version, err);
	if (rc == ST_OK && version < st__store_schema_version)
		return st_error_set(err, ST_ESCHEMA,
				    "database schema version %d is older than %d; run any write "
				    "command (for example `sentrack doctor --upgrade`) to upgrade it",
				    version, st__store_schema_version);
	return rc;
}

/* Make an open failure name the file: with --db, SENTRACK_DB and the
 * default path, the user may not know which file was meant. */
static int open_failed(const char *path, int rc, st_error *err)
{
	/* a directory, FIFO or device is named by the checks before opening
	 * (sqlite/files.c) */
	if (!strstr(err->message, path)) {
		char reason[ST_ERROR_MAX];
		memcpy(reason, err->message, sizeof reason);
		st_error_set(err, rc, "database %s: %s", path, reason);
	}
	return rc;
}

int st_db_open(st_db **out, const char *path, unsigned flags, st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	if (!path && !(flags & ST_OPEN_MEMORY))
		return st_error_set(err, ST_EUSAGE, "no database path given");
	st_backend backend = ST_BACKEND_FILE;
	if (!(flags & ST_OPEN_MEMORY)) {
		int rc = st_db_locator_backend(path, &backend, err);
		if (rc != ST_OK)
			return rc;
	}
	st_db *db = calloc(1, sizeof *db);
	if (!db)
		return st__err_nomem(err);
	db->flags = flags;
	db->today = st_date_today();
	db->path = st__xstrdup(path ? path : ":memory:");
	db->user = st__xstrdup("unknown");
	db->command = st__xstrdup("library");
	if (!db->path || !db->user || !db->command) {
		st_db_free(db);
		return st__err_nomem(err);
	}
	int rc = st__store_open(&db->store, backend, path, flags, err);
	if (rc == ST_OK)
		rc = prepare_schema(db, backend, flags, err);
	if (rc != ST_OK) {
		st_db_free(db);
		/* a file is named; a PostgreSQL locator may carry a password */
		return path && !(flags & ST_OPEN_MEMORY) && backend == ST_BACKEND_FILE
			       ? open_failed(path, rc, err) : rc;
	}
	*out = db;
	return ST_OK;
}

void st_db_free(st_db *db)
{
	if (!db)
		return;
	st__store_close(db->store);
	free(db->path);
	free(db->user);
	free(db->command);
	free(db->letters_dir);
	free(db);
}

void st_db_set_today(st_db *db, st_date today)
{
	db->today = today;
}

st_date st_db_today(const st_db *db)
{
	return db->today;
}

static int replace_string(char **slot, const char *value, st_error *err)
{
	char *copy = st__xstrdup(value ? value : "");
	if (!copy)
		return st__err_nomem(err);
	free(*slot);
	*slot = copy;
	return ST_OK;
}

int st_db_set_user(st_db *db, const char *user, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__text_check("--user", user, TEXT_NAME_MAX, TEXT_REQUIRED, err);
	return rc == ST_OK ? replace_string(&db->user, user, err) : rc;
}

int st_db_set_letters_dir(st_db *db, const char *dir, st_error *err)
{
	ERR_ENSURE(err);
	if (!dir || !*dir) {
		free(db->letters_dir);
		db->letters_dir = NULL;
		return ST_OK;
	}
	if (strlen(dir) > 3900)
		return st_error_set(err, ST_EINVAL, "SENTRACK_LETTERS: a directory name of at "
				    "most 3900 bytes");
	return replace_string(&db->letters_dir, dir, err);
}

const char *st_db_letters_dir(const st_db *db)
{
	return db->letters_dir;
}

int st_db_set_school(st_db *db, const char *urn, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_set_school(db->store, urn, err);
}

int st_db_schools(st_db *db, st_school_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_schools(db->store, cb, payload, err);
}

int st_db_set_command(st_db *db, const char *command, st_error *err)
{
	ERR_ENSURE(err);
	return replace_string(&db->command, command, err);
}

void st_db_set_busy_timeout(st_db *db, int ms)
{
	st__store_set_busy_timeout(db->store, ms < 0 ? 0 : ms);
}

int st_db_begin(st_db *db, st_error *err)
{
	ERR_ENSURE(err);
	if (db->flags & ST_OPEN_READONLY)
		return st_error_set(err, ST_EINTERNAL, "database opened read-only");
	return st__store_begin(db->store, err);
}

int st_db_begin_read(st_db *db, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_begin_read(db->store, err);
}

int st_db_commit(st_db *db, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_commit(db->store, err);
}

void st_db_rollback(st_db *db)
{
	st__store_rollback(db->store);
}

int st_db_file_schema_version(st_db *db, int *out, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_user_version(db->store, out, err);
}

const char *st_db_path(const st_db *db)
{
	return db->path;
}

int st_db_is_wal(st_db *db)
{
	return st__store_is_wal(db->store);
}

int st__write_begin(st_db *db, st_error *err)
{
	if (db->flags & ST_OPEN_READONLY)
		return st_error_set(err, ST_EINTERNAL, "write on a database opened read-only");
	if (db->bulk)
		return ST_OK;
	return st__store_begin(db->store, err);
}

int st__write_end(st_db *db, int rc, st_error *err)
{
	if (db->bulk)
		return rc;
	if (rc != ST_OK) {
		st__store_rollback(db->store);
		return rc;
	}
	return st__store_commit(db->store, err);
}

int st__check_planned(const st_db *db, const char *field, st_date d, st_error *err)
{
	char when[ST_DATE_BUFSZ], today[ST_DATE_BUFSZ];
	st_date limit;
	if (d == ST_DATE_NONE || st_date_add_years(db->today, PLANNED_YEARS_MAX, &limit) != ST_OK)
		return ST_OK; /* the parser already bounds dates to 2999 */
	if (d > limit)
		return st_error_set(err, ST_ERULE, "%s %s: is more than %d years ahead (today is %s)",
				    field, st_date_format(d, when), PLANNED_YEARS_MAX,
				    st_date_format(db->today, today));
	return ST_OK;
}

int st__check_not_future(const st_db *db, const char *field, st_date d, st_error *err)
{
	char when[ST_DATE_BUFSZ], today[ST_DATE_BUFSZ];
	if (d == ST_DATE_NONE)
		return st_error_set(err, ST_EINVAL, "%s: missing date", field);
	if (d > db->today)
		return st_error_set(err, ST_ERULE, "%s %s: is in the future (today is %s)", field,
				    st_date_format(d, when), st_date_format(db->today, today));
	return ST_OK;
}
