/* db.h - opening a sentrack database, transactions and per-handle context.
 *
 * An st_db is one connection to one SQLite file. It carries the context a
 * command runs in: "today" (so --today makes everything reproducible), the
 * user and command name written to the audit log. It is not thread-safe;
 * use one handle per thread. */
#ifndef SENTRACK_DB_H
#define SENTRACK_DB_H

#include "sentrack/date.h"
#include "sentrack/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_db st_db;

enum st_open_flags {
	ST_OPEN_READWRITE = 0,     /* the file must exist; migrate if older  */
	ST_OPEN_READONLY = 1 << 0, /* never writes (check, export)           */
	ST_OPEN_CREATE = 1 << 1,   /* create a new database; refuse existing */
	ST_OPEN_NO_WAL = 1 << 2,   /* with CREATE: rollback journal, for network shares */
	ST_OPEN_MEMORY = 1 << 3    /* ignore path: private in-memory database (tests, fuzzing) */
};

#define ST_BUSY_TIMEOUT_MS_DEFAULT 5000

/* Open (or with ST_OPEN_CREATE create) the database at path. A created file
 * is mode 0600 and its directory 0700 whatever the umask. A missing file
 * without CREATE fails with ST_ENODB; a schema newer than this library with
 * ST_ESCHEMA (the file is not modified). Free with st_db_free(). */
int st_db_open(st_db **out, const char *path, unsigned flags, st_error *err);

/* Close and free; NULL is allowed. Rolls back an open transaction. */
void st_db_free(st_db *db);

/* Context for the calls that follow. Strings are copied. */
void st_db_set_today(st_db *db, st_date today);
st_date st_db_today(const st_db *db);
int st_db_set_user(st_db *db, const char *user, st_error *err);
int st_db_set_command(st_db *db, const char *command, st_error *err);
/* The directory of the school's own letter templates (NAME.txt, NAME.html:
 * `sentrack letter`). NULL or "" (the default): the `letters` directory
 * beside a database file; a trust's database has none until one is set
 * (the CLI sets SENTRACK_LETTERS, or ~/.local/share/sentrack/letters). */
int st_db_set_letters_dir(st_db *db, const char *dir, st_error *err);
const char *st_db_letters_dir(const st_db *db);
/* The school the calls that follow are about, by URN: a trust database
 * (PostgreSQL) holds many, and defaults to the connected role's only one;
 * a database file holds one, and refuses with ST_EUSAGE. */
int st_db_set_school(st_db *db, const char *urn, st_error *err);
/* The schools of a trust database the connected role may read, by URN
 * (check --all-schools walks them); a database file: ST_EUSAGE. */
typedef int (*st_school_cb)(const char *urn, const char *name, void *payload);
int st_db_schools(st_db *db, st_school_cb cb, void *payload, st_error *err);
void st_db_set_busy_timeout(st_db *db, int milliseconds);

/* One transaction around several calls (a CLI command). Writes take the
 * lock at once (BEGIN IMMEDIATE), so readers never deadlock a writer; after
 * the busy timeout the result is ST_EBUSY. Library calls made inside nest
 * as savepoints; outside one, each write call is its own transaction. */
int st_db_begin(st_db *db, st_error *err);
int st_db_commit(st_db *db, st_error *err);
void st_db_rollback(st_db *db);

/* One snapshot around several reads (a read-only CLI command): every query
 * until st_db_rollback (or st_db_commit) sees the database as it was at the
 * first one, whatever other connections commit meanwhile. Takes no write
 * lock; allowed on a read-only handle. */
int st_db_begin_read(st_db *db, st_error *err);

/* The schema version this library writes, and the one found in the file. */
int st_db_schema_version(void);
int st_db_file_schema_version(st_db *db, int *out, st_error *err);
const char *st_db_path(const st_db *db);

/* 1 when the database uses write-ahead logging. */
int st_db_is_wal(st_db *db);

/* Which storage a database locator (--db, SENTRACK_DB) names: a path is a
 * local database file; a "postgresql://" or "postgres://" URI, or a libpq
 * keyword string whose first keyword is a libpq connection keyword
 * ("service=trust", "host=/run/pg dbname=trust"), is a PostgreSQL database.
 * A file whose name looks like a keyword string is given as "./name".
 * ST_EINVAL for an empty locator or a malformed keyword string. */
typedef enum st_backend { ST_BACKEND_FILE = 0, ST_BACKEND_POSTGRESQL = 1 } st_backend;
int st_db_locator_backend(const char *locator, st_backend *out, st_error *err);

const char *st_version(void);

#ifdef __cplusplus
}
#endif
#endif
