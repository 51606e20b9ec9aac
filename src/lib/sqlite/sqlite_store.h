/* sqlite_store.h - helpers shared by the SQLite implementation of store.h. */
#ifndef SENTRACK_SQLITE_STORE_H
#define SENTRACK_SQLITE_STORE_H

#include <sqlite3.h>
#include "../store_ops.h"

#define STMT_CACHE_MAX 256

/* The SQLite store: struct store first, so a struct store * from the model
 * is one of these (sqlst_of). */
struct sqlite_store {
	struct store base;  /* ops: &sqlst_store_ops */
	sqlite3 *db;
	char *path;       /* as given to sqlst_open, for messages; NULL in memory */
	unsigned flags;
	int depth;        /* open transaction levels: 0 none, 1 BEGIN, 2+ savepoints */
	int busy_ms;
	int ncache;
	struct {
		const char *sql;  /* the literal's address is the key */
		sqlite3_stmt *stmt;
	} cache[STMT_CACHE_MAX];
};

/* The SQLite store behind s (NULL for NULL): every struct store this
 * backend is handed is its own, made by sqlst_open. */
static inline struct sqlite_store *sqlst_of(const struct store *s)
{
	return (struct sqlite_store *)s;
}

static inline sqlite3 *sqlst_db(const struct store *s)
{
	return sqlst_of(s)->db;
}

/* The backend's implementation of each slot of store_ops.h, in the table
 * sqlst_store_ops (ops.c): st__store_X is sqlst_X here. */
#include "ops.h"

/* A prepared statement for sql, prepared once per connection and reused:
 * sql must be a string literal (or otherwise live as long as the store).
 * The statement comes back reset with bindings cleared. */
sqlite3_stmt *sqlst_stmt(struct store *s, const char *sql, st_error *err);

/* Map the connection's last error (rc from a call) to an st_code and a
 * message prefixed with what was being done (and, when the file is at
 * fault, which file). */
int sqlst_fail(struct store *s, int rc, const char *doing, st_error *err);

/* Bind helpers: NULL text or ST_DATE_NONE bind SQL NULL. */
int sqlst_bind_text(sqlite3_stmt *st, int i, const char *text);
int sqlst_bind_date(sqlite3_stmt *st, int i, st_date d);
int sqlst_bind_id(sqlite3_stmt *st, int i, int64_t id);  /* 0 binds NULL */
int sqlst_bind_char(sqlite3_stmt *st, int i, char c);    /* 0 binds NULL */

/* Column helpers: NULL reads as NULL / ST_DATE_NONE / 0. */
const char *sqlst_col_text(sqlite3_stmt *st, int i);
st_date sqlst_col_date(sqlite3_stmt *st, int i);
char sqlst_col_char(sqlite3_stmt *st, int i);

/* Step a statement that returns no rows (or whose rows are ignored). */
int sqlst_step_done(struct store *s, sqlite3_stmt *st, const char *doing, st_error *err);

/* 'SENT' (0x53454E54): marks the file as sentrack's, so another program's
 * database is refused rather than migrated. */
#define SENTRACK_APPLICATION_ID 1397050964
#define SENTRACK_APPLICATION_ID_PRAGMA "PRAGMA application_id=1397050964"

int sqlst_application_id(struct store *s, int *out, st_error *err);
int sqlst_table_count(struct store *s, int *out, st_error *err);
/* Run SQL without parameters (schema, pragmas): never user input. */
int sqlst_exec(struct store *s, const char *sql, const char *doing, st_error *err);
/* A page cache for one piece of work: pragma is a constant "PRAGMA
 * cache_size=-N"; *saved gets the size before, which sqlst_cache_restore
 * puts back (err NULL: nothing to report). */
int sqlst_cache_set(struct store *s, const char *pragma, int *saved, st_error *err);
int sqlst_cache_restore(struct store *s, int saved, st_error *err);

/* Read the text value of a one-row, one-column statement already bound
 * (meta, config); *found is 0 when there is no row. */
int sqlst_read_value(struct store *s, sqlite3_stmt *st, char *buf, size_t size, int *found,
	       const char *doing, st_error *err);

/* Before SQLite opens path (files.c): the file must be a non-empty regular
 * file (empty allowed with ST_OPEN_CREATE), in a directory no one else can
 * write, with no -wal, -shm or -journal file another user owns or can read.
 * ST_ENODB, ST_ESCHEMA or ST_EPERM with a message naming the file and fix. */
int st__store_check_file(const char *path, unsigned flags, st_error *err);
/* Only the directory part of that (before creating a database). */
int st__store_check_dir(const char *path, st_error *err);
/* UTC now as YYYY-MM-DDTHH:MM:SSZ. */
void sqlst_utc_now(char buf[32]);

#endif
