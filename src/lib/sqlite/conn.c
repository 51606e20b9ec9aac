/* conn.c - the SQLite connection: open, pragmas, statement cache and
 * transactions. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "sqlite_store.h"


sqlite3_stmt *sqlst_stmt(struct store *s, const char *sql, st_error *err)
{
	struct sqlite_store *q = sqlst_of(s);
	for (int i = 0; i < q->ncache; i++) {
		if (q->cache[i].sql == sql) {
			sqlite3_stmt *st = q->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	sqlite3_stmt *st = NULL;
	unsigned prep = q->ncache < STMT_CACHE_MAX ? SQLITE_PREPARE_PERSISTENT : 0;
	int rc = sqlite3_prepare_v3(q->db, sql, -1, prep, &st, NULL);
	if (rc != SQLITE_OK) {
		int drift = 0;
		char why[200];
		snprintf(why, sizeof why, "%s", sqlite3_errmsg(q->db));
		/* the message first: the drift check below runs SQL of its own */
		sqlst_fail(s, rc, "preparing a statement", err);
		/* Our statements match our schema: one that does not compile on
		 * this file means its schema text was damaged or edited. */
		if ((rc & 0xFF) == SQLITE_ERROR && sqlst_schema_drift(s, NULL, NULL, &drift, NULL) ==
		    ST_OK && drift > 0)
			st_error_set(err, ST_ESCHEMA, "schema damaged; run sentrack doctor (%s)", why);
		return NULL;
	}
	if (q->ncache < STMT_CACHE_MAX) {
		q->cache[q->ncache].sql = sql;
		q->cache[q->ncache].stmt = st;
		q->ncache++;
	} else {
		/* Cache full: a programming error (raise STMT_CACHE_MAX); leak-free
		 * fallback is impossible without an owner, so refuse loudly. */
		sqlite3_finalize(st);
		st_error_set(err, ST_EINTERNAL, "statement cache full (%d)", STMT_CACHE_MAX);
		return NULL;
	}
	return st;
}

/* A read-only connection cannot roll back or recover another process's
 * unfinished write (a hot journal, an unrecovered WAL index): SQLite says
 * "attempt to write a readonly database". Nothing is wrong with this
 * command or the file's permissions: the database is in use, or a write
 * was interrupted and the next read-write open recovers it. */
static int readonly_meets_a_write(const struct store *s, int rc)
{
	struct sqlite_store *q = sqlst_of(s);
	return s && (q->flags & ST_OPEN_READONLY) &&
	       (rc == SQLITE_READONLY_ROLLBACK || rc == SQLITE_READONLY_RECOVERY);
}

int sqlst_fail(struct store *s, int rc, const char *doing, st_error *err)
{
	struct sqlite_store *q = sqlst_of(s);
	const char *msg = q && q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(rc);
	/* File-level failures name the file: the --db a cron line points at
	 * may not be the one the user thinks. */
	const char *file = q && q->path ? q->path : "", *sep = *file ? ": " : "";
	int ms = q ? q->busy_ms : ST_BUSY_TIMEOUT_MS_DEFAULT;
	if (readonly_meets_a_write(s, rc))
		return st_error_set(err, ST_EBUSY,
				    "database is busy: %s%s%s: another program's write is unfinished "
				    "(or was interrupted); try again; if this persists, any write "
				    "command (such as `sentrack doctor --upgrade`) completes it",
				    file, sep, doing);
	/* No room for the -wal or -shm file comes back as an i/o error. */
	if ((rc & 0xFF) == SQLITE_IOERR && q && q->db && sqlite3_system_errno(q->db) == ENOSPC)
		rc = SQLITE_FULL;
	switch (rc & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		/* The holder may be a writer or, without WAL, a reader that keeps
		 * a writer from committing: say "using", not "writing". */
		return st_error_set(err, ST_EBUSY,
				    "database is busy: another program is using %s; gave up after "
				    "%d ms while %s%s; try again",
				    *file ? file : "it", ms, doing,
				    s && (q->flags & ST_OPEN_READONLY) ? "" : ", nothing was written");
	case SQLITE_FULL:
		return st_error_set(err, ST_EIO, "%s%s%s: disk full; nothing was written", file, sep,
				    doing);
	case SQLITE_READONLY:
		return st_error_set(err, ST_EIO, "%s%s%s: database is read-only: %s", file, sep,
				    doing, msg);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return st_error_set(err, ST_EIO, "%s%s%s: i/o error: %s", file, sep, doing, msg);
	case SQLITE_NOTADB:
		return st_error_set(err, ST_ESCHEMA, "%s%s%s: file is not a database", file, sep,
				    doing);
	case SQLITE_CORRUPT:
		return st_error_set(err, ST_ESCHEMA,
				    "%s%s%s: database file is damaged (run `sentrack doctor`)", file,
				    sep, doing);
	case SQLITE_CONSTRAINT:
		return st_error_set(err, ST_ERULE, "%s: refused by the database: %s", doing, msg);
	case SQLITE_NOMEM:
		return st_error_set(err, ST_EINTERNAL, "%s: out of memory", doing);
	case SQLITE_TOOBIG:
		return st_error_set(err, ST_EINVAL, "%s: value too large", doing);
	default:
		return st_error_set(err, ST_EINTERNAL, "%s: %s", doing, msg);
	}
}

int sqlst_bind_text(sqlite3_stmt *st, int i, const char *text)
{
	return text ? sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

int sqlst_bind_date(sqlite3_stmt *st, int i, st_date d)
{
	if (d == ST_DATE_NONE)
		return sqlite3_bind_null(st, i);
	char buf[ST_DATE_BUFSZ];
	return sqlite3_bind_text(st, i, st_date_format(d, buf), -1, SQLITE_TRANSIENT);
}

int sqlst_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	return id ? sqlite3_bind_int64(st, i, id) : sqlite3_bind_null(st, i);
}

int sqlst_bind_char(sqlite3_stmt *st, int i, char c)
{
	char buf[2] = {c, 0};
	return c ? sqlite3_bind_text(st, i, buf, 1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

const char *sqlst_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

st_date sqlst_col_date(sqlite3_stmt *st, int i)
{
	const char *t = sqlst_col_text(st, i);
	st_date d;
	/* Stored dates were validated on the way in. */
	return t && st_date_parse("stored date", t, &d, NULL) == ST_OK ? d : ST_DATE_NONE;
}

char sqlst_col_char(sqlite3_stmt *st, int i)
{
	const char *t = sqlst_col_text(st, i);
	return t ? t[0] : 0;
}

int sqlst_step_done(struct store *s, sqlite3_stmt *st, const char *doing, st_error *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rc != SQLITE_DONE) {
		int r = sqlst_fail(s, rc, doing, err);
		sqlite3_reset(st);
		return r;
	}
	sqlite3_reset(st);
	return ST_OK;
}

int sqlst_read_value(struct store *s, sqlite3_stmt *st, char *buf, size_t size, int *found,
	       const char *doing, st_error *err)
{
	int rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW)
		snprintf(buf, size, "%s", sqlst_col_text(st, 0) ? sqlst_col_text(st, 0) : "");
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, doing, err);
}

void sqlst_utc_now(char buf[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int exec(struct store *s, const char *sql, const char *doing, st_error *err)
{
	int rc = sqlite3_exec(sqlst_db(s), sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? ST_OK : sqlst_fail(s, rc, doing, err);
}

static int pragma_int(struct store *s, const char *sql, int *out, st_error *err)
{
	struct sqlite_store *q = sqlst_of(s);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(q->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_OK)
		return ST_OK;
	/* The first read parses the stored schema: a damaged definition is not
	 * damage to the header. */
	if ((rc & 0xFF) == SQLITE_CORRUPT &&
	    strncmp(sqlite3_errmsg(q->db), "malformed database schema", 25) == 0)
		return st_error_set(err, ST_ESCHEMA, "schema damaged; run sentrack doctor (%s)",
				    sqlite3_errmsg(q->db));
	return sqlst_fail(s, rc, "reading the database header", err);
}

/* mkdir -p for the parent directories of path; the last one we create is
 * made 0700 because it holds personal data. */
static int make_parent_dirs(const char *path, st_error *err)
{
	char *dir = strdup(path);
	if (!dir)
		return st__err_nomem(err);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return ST_OK;
	}
	*slash = '\0';
	for (char *p = dir + 1;; p++) {
		if (*p == '/' || *p == '\0') {
			char saved = *p;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				int e = errno;
				st_error_set(err, ST_ECANTCREATE, "cannot create directory %s: %s", dir,
					     strerror(e));
				free(dir);
				return ST_ECANTCREATE;
			}
			if (saved == '\0') {
				free(dir);
				return ST_OK;
			}
			*p = saved;
		}
	}
}

/* Create the database file 0600 whatever the umask, refusing an existing
 * one unless it is an empty regular file (made by touch or mktemp). */
static int create_file(const char *path, st_error *err)
{
	struct stat sb;
	if (stat(path, &sb) == 0 && !(S_ISREG(sb.st_mode) && sb.st_size == 0))
		return st_error_set(err, ST_EEXISTS, "database %s already exists", path);
	int rc = st__store_check_dir(path, err);
	if (rc == ST_OK)
		rc = make_parent_dirs(path, err);
	if (rc != ST_OK)
		return rc;
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		int e = errno;
		return st_error_set(err, ST_ECANTCREATE, "cannot create database %s: %s", path,
				    strerror(e));
	}
	/* The umask may have taken bits away, never added; an empty file made
	 * by someone else must not become our database. */
	errno = 0;
	if (fstat(fd, &sb) != 0 || sb.st_size != 0 || fchmod(fd, 0600) != 0) {
		int e = errno;
		close(fd);
		return st_error_set(err, ST_ECANTCREATE, "cannot create database %s: %s", path,
				    e ? strerror(e) : "it is not empty");
	}
	close(fd);
	return ST_OK;
}

/* Each command is one process: left to itself, the last connection to
 * close checkpoints the write-ahead log into the database and deletes it,
 * and the next write creates it again, five fsyncs for one row. Keeping
 * the -wal file (mode 0600, as the database) and leaving checkpoints to
 * SQLite's auto-checkpoint (every 1000 pages), `doctor`, `backup` and
 * `pupil erase` (which truncate it) makes a write two fsyncs. Every commit
 * is still synced to the log before it returns (synchronous stays FULL):
 * a committed write survives a crash or a power cut exactly as before. */
static void keep_log_between_processes(struct store *s)
{
	struct sqlite_store *q = sqlst_of(s);
	int one = 1;
	sqlite3_file_control(q->db, "main", SQLITE_FCNTL_PERSIST_WAL, &one);
	sqlite3_db_config(q->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
}

static int configure(struct store *s, unsigned flags, st_error *err)
{
	struct sqlite_store *q = sqlst_of(s);
	sqlite3_extended_result_codes(q->db, 1);
	sqlite3_busy_timeout(q->db, q->busy_ms);
	/* Per connection, and outside any transaction (inside one it is a no-op). */
	int rc = exec(s, "PRAGMA foreign_keys=ON", "enabling foreign keys", err);
	if (rc == ST_OK && !(flags & ST_OPEN_MEMORY))
		keep_log_between_processes(s);
	if (rc == ST_OK && !(flags & ST_OPEN_READONLY))
		rc = exec(s, "PRAGMA secure_delete=ON", "enabling secure delete", err);
	if (rc != ST_OK || !(flags & ST_OPEN_CREATE))
		return rc;
	if (flags & ST_OPEN_NO_WAL)
		rc = exec(s, "PRAGMA journal_mode=DELETE", "setting the journal mode", err);
	else
		rc = exec(s, "PRAGMA journal_mode=WAL", "setting the journal mode", err);
	return rc;
}

int sqlst_open(struct store **out, const char *path, unsigned flags, st_error *err)
{
	*out = NULL;
	const char *file = (flags & ST_OPEN_MEMORY) ? ":memory:" : path;
	int oflags = SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX;
	if (!(flags & ST_OPEN_MEMORY)) {
		int rc = (flags & ST_OPEN_CREATE) ? create_file(path, err) : ST_OK;
		if (rc == ST_OK)
			rc = st__store_check_file(path, flags, err);
		if (rc != ST_OK)
			return rc;
	}
	oflags |= (flags & ST_OPEN_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	if (flags & ST_OPEN_MEMORY)
		oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_MEMORY;

	struct sqlite_store *q = calloc(1, sizeof *q);
	if (!q)
		return st__err_nomem(err);
	q->base.ops = &sqlst_store_ops;
	q->flags = flags;
	q->busy_ms = ST_BUSY_TIMEOUT_MS_DEFAULT;
	if (!(flags & ST_OPEN_MEMORY) && !(q->path = strdup(path))) {
		free(q);
		return st__err_nomem(err);
	}
	struct store *s = &q->base;
	int rc = sqlite3_open_v2(file, &q->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		rc = sqlst_fail(s, rc, "opening the database", err);
		sqlst_close(s);
		return rc;
	}
	rc = configure(s, flags, err);
	if (rc != ST_OK) {
		sqlst_close(s);
		return rc;
	}
	*out = s;
	return ST_OK;
}

void sqlst_close(struct store *s)
{
	struct sqlite_store *q = sqlst_of(s);
	if (!q)
		return;
	if (q->depth > 0 && q->db)
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	for (int i = 0; i < q->ncache; i++)
		sqlite3_finalize(q->cache[i].stmt);
	sqlite3_close(q->db);
	free(q->path);
	free(q);
}

void sqlst_set_busy_timeout(struct store *s, int ms)
{
	struct sqlite_store *q = sqlst_of(s);
	q->busy_ms = ms;
	sqlite3_busy_timeout(q->db, ms);
}

int sqlst_busy_timeout(const struct store *s)
{
	return sqlst_of(s)->busy_ms;
}

int sqlst_begin(struct store *s, st_error *err)
{
	struct sqlite_store *q = sqlst_of(s);
	int rc = q->depth == 0 ? exec(s, "BEGIN IMMEDIATE", "starting a transaction", err)
			       : exec(s, "SAVEPOINT st_nested", "starting a savepoint", err);
	if (rc == ST_OK)
		q->depth++;
	return rc;
}

int sqlst_begin_read(struct store *s, st_error *err)
{
	struct sqlite_store *q = sqlst_of(s);
	if (q->depth != 0)
		return st_error_set(err, ST_EINTERNAL, "read transaction inside a transaction");
	/* Deferred: the snapshot is taken by the first read and held until
	 * the end, so every query of the command sees the same database. */
	int rc = exec(s, "BEGIN DEFERRED", "starting a read transaction", err);
	if (rc == ST_OK)
		q->depth++;
	return rc;
}

int sqlst_commit(struct store *s, st_error *err)
{
	struct sqlite_store *q = sqlst_of(s);
	if (q->depth == 0)
		return st_error_set(err, ST_EINTERNAL, "commit without a transaction");
	int rc = q->depth == 1 ? exec(s, "COMMIT", "committing", err)
			       : exec(s, "RELEASE st_nested", "releasing a savepoint", err);
	if (rc == ST_OK)
		q->depth--;
	else if (q->depth == 1)
		sqlst_rollback(s);
	return rc;
}

void sqlst_rollback(struct store *s)
{
	struct sqlite_store *q = sqlst_of(s);
	if (q->depth == 0)
		return;
	if (q->depth == 1)
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	else
		sqlite3_exec(q->db, "ROLLBACK TO st_nested; RELEASE st_nested", NULL, NULL, NULL);
	q->depth--;
}

int sqlst_in_transaction(const struct store *s)
{
	return sqlst_of(s)->depth > 0;
}

int sqlst_user_version(struct store *s, int *out, st_error *err)
{
	return pragma_int(s, "PRAGMA user_version", out, err);
}

/* A database file holds one school: there is nothing to choose. */
int sqlst_set_school(struct store *s, const char *urn, st_error *err)
{
	(void)s;
	return st_error_set(err, ST_EUSAGE, "--school %s: a database file holds one school; "
			    "--school chooses among the schools of a trust's PostgreSQL database",
			    urn);
}

int sqlst_schools(struct store *s, st_school_cb cb, void *payload, st_error *err)
{
	(void)s, (void)cb, (void)payload;
	return st_error_set(err, ST_EUSAGE, "--all-schools: a database file holds one school; "
			    "--all-schools walks the schools of a trust's PostgreSQL database");
}

int sqlst_is_wal(struct store *s)
{
	struct sqlite_store *q = sqlst_of(s);
	sqlite3_stmt *st = NULL;
	int wal = 0;
	if (sqlite3_prepare_v2(q->db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		wal = strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
	sqlite3_finalize(st);
	return wal;
}

int sqlst_application_id(struct store *s, int *out, st_error *err)
{
	return pragma_int(s, "PRAGMA application_id", out, err);
}

int sqlst_table_count(struct store *s, int *out, st_error *err)
{
	return pragma_int(s, "SELECT count(*) FROM sqlite_schema", out, err);
}

int sqlst_exec(struct store *s, const char *sql, const char *doing, st_error *err)
{
	return exec(s, sql, doing, err);
}

int sqlst_cache_set(struct store *s, const char *pragma, int *saved, st_error *err)
{
	int rc = pragma_int(s, "PRAGMA cache_size", saved, err);
	return rc != ST_OK ? rc : exec(s, pragma, "setting the cache size", err);
}

int sqlst_cache_restore(struct store *s, int saved, st_error *err)
{
	/* a PRAGMA takes no bound value: this is the integer SQLite gave */
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%d", saved);
	return exec(s, sql, "restoring the cache size", err);
}
