/* pgst.h - the PostgreSQL backend's store (store_ops.h): what the files
 * of src/lib/pg/ that serve the everyday commands share.
 *
 * One pg_store is one connection on one school. Every statement is a
 * constant SQL literal, prepared once per connection (named after the
 * literal's address, as sqlst_stmt caches SQLite's), its values bound as
 * text: PostgreSQL parses each as the column's type, so a date goes as
 * "2026-12-01", a flag as "1"/"0", an id as its digits. The session is
 * set to DateStyle ISO and TimeZone UTC, so dates and times come back as
 * the file backend prints them, and to search_path sentrack, so the SQL
 * names tables as the file schema does.
 *
 * The school: every table of a school's data has school_id. A statement
 * that reads binds it as a filter (a trust reader may read every school);
 * one that writes binds it as the row's school. Row-level security, not
 * this filter, is the guard: a SENCO's statements reach only the schools
 * sentrack.member gives its role, whatever was bound (docs/trust.md). */
#ifndef SENTRACK_PGST_H
#define SENTRACK_PGST_H

#include "../store_ops.h"
#include "pg_store.h"

#define PGST_PREPARED_MAX 512
#define PGST_PARAMS_MAX 32

struct pg_store {
	struct store base;   /* ops: &pgst_store_ops */
	struct pg_trust conn;
	unsigned flags;
	int depth;           /* open transaction levels: 0 none, 1 BEGIN, 2+ savepoints */
	int read_only;       /* the open transaction is a read snapshot */
	int busy_ms;         /* lock_timeout of each transaction */
	int64_t school_id;   /* 0: none chosen yet (a role that reads several) */
	int schools_readable; /* how many the role reads, for the message */
	char school_urn[8];
	int64_t last_id;     /* the id the last pgst_insert returned */
	struct pgst_stage *stage; /* an import's staged rows (pg/import.c), else NULL */
	int nprepared;
	const char *prepared[PGST_PREPARED_MAX]; /* statement i is named "pgst_i" */
};

static inline struct pg_store *pgst_of(const struct store *s)
{
	return (struct pg_store *)s;
}

/* Bound values, in the order of $1, $2, ...: each add appends one. */
struct pgst_params {
	int n;
	int no_school;   /* pgst_school found none chosen: pgst_query says so */
	const char *v[PGST_PARAMS_MAX];
	char buf[PGST_PARAMS_MAX][24];
};
void pgst_text(struct pgst_params *p, const char *text); /* NULL: SQL NULL */
void pgst_int(struct pgst_params *p, int64_t v);
void pgst_id(struct pgst_params *p, int64_t id);     /* 0: NULL */
void pgst_date(struct pgst_params *p, st_date d);    /* no date: NULL */
void pgst_char(struct pgst_params *p, char c);       /* 0: NULL */
void pgst_flag(struct pgst_params *p, int flag);     /* boolean */
/* The chosen school's id. When the role reads several schools and none was
 * chosen, the statement is not run: pgst_query fails with ST_EUSAGE, naming
 * --school. */
void pgst_school(struct store *s, struct pgst_params *p);

/* Run the prepared statement sql with p's values (p may be NULL). On
 * success *out (if non-NULL) holds every row, to PQclear. */
int pgst_query(struct store *s, const char *sql, const struct pgst_params *p, PGresult **out,
	       const char *doing, st_error *err);
/* Run sql as pgst_query does, handing the rows to row(res, 0, payload) one
 * at a time as they arrive (libpq's single-row mode): a big result is never
 * held whole, as a file's statement steps row by row. res is freed after
 * each call (copy what must outlive it). A non-zero return stops the rows:
 * the rest are read and dropped (the connection must be free for what
 * follows) and pgst_each returns st__err_stopped's code. */
typedef int pgst_row_fn(const PGresult *res, int row, void *payload);
int pgst_each(struct store *s, const char *sql, const struct pgst_params *p, pgst_row_fn *row,
	      void *payload, const char *doing, st_error *err);
/* An INSERT ... RETURNING id: *out_id (and the store's last id) is the new
 * row's id. */
int pgst_insert(struct store *s, const char *sql, const struct pgst_params *p, int64_t *out_id,
		const char *doing, st_error *err);
/* One value of the first row: *found 0 when there is no row. */
int pgst_value(struct store *s, const char *sql, const struct pgst_params *p, char *buf,
	       size_t size, int *found, const char *doing, st_error *err);
int pgst_int_value(struct store *s, const char *sql, const struct pgst_params *p, int64_t *out,
		   const char *doing, st_error *err);

/* Column values of row i (NULL reads as NULL, 0 or no date). */
const char *pgst_col_text(const PGresult *r, int row, int col);
int64_t pgst_col_int(const PGresult *r, int row, int col);
st_date pgst_col_date(const PGresult *r, int row, int col);
char pgst_col_char(const PGresult *r, int row, int col);
int pgst_col_flag(const PGresult *r, int row, int col);

/* End whatever transaction is open (closing, or a lost connection). */
void pgst_rollback_all(struct pg_store *ps);

/* The UTC time as the file backend stores it (2026-12-01T06:05:56Z). */
void pgst_utc_now(char buf[32]);

/* A timestamptz column selected as the file backend prints its times. */
#define PGST_TIME(col) "to_char(" col " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

/* An import's staging (pg/import.c). While an import runs, a new pupil's
 * rows (the pupil, its first register event and status, its needs) are
 * kept in memory under a placeholder id (negative) and written in one
 * batch: COPY into TEMP tables, then INSERT ... SELECT into the real ones
 * (row-level security checks every row). pgst_query flushes the batch
 * before any other statement, so every statement sees what the import
 * wrote before it, in the order the file wrote it.
 *
 * pgst_stage_flush: write the pending batch (ST_OK when there is none).
 * pgst_stage_id: *id as a real id (a placeholder's, flushing its batch
 * first); any other id unchanged.
 * The pgst_staged_* calls take the slot's row when it belongs to the
 * pending batch (*done 1); else *done is 0 and the slot writes it itself
 * (its ids already made real). */
int pgst_stage_flush(struct store *s, st_error *err);
int pgst_stage_id(struct store *s, int64_t *id, st_error *err);
int pgst_staged_pupil(struct store *s, const struct pupil_row *r, int64_t *out_id, int *done,
		      st_error *err);
void pgst_staged_pupil_known(struct store *s, const char *upn, int64_t id);
int pgst_staged_upn(struct store *s, const char *upn, int64_t *out_id, int *done, st_error *err);
int pgst_staged_event(struct store *s, struct register_row *r, const char *now, int64_t *out_id,
		      int *done, st_error *err);
int pgst_staged_status(struct store *s, int64_t *id, char status, st_date since,
		       int64_t *event_id, int *done, st_error *err);
int pgst_staged_need(struct store *s, int64_t *pupil_id, const char *code, int rank,
		     st_date since, int *done, st_error *err);
void pgst_stage_free(struct pg_store *ps);

/* The table the module fills (pg/ops.c) and its open. */
extern const struct store_ops pgst_store_ops;
store_open_fn pgst_open;

#include "ops.h"

#endif
