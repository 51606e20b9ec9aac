/* internal.h - what the model files of libsentrack share (not public).
 *
 * The model (src/lib) enforces the rules and never sees SQL; storage
 * (src/lib/sqlite, declared in store.h) runs every statement. */
#ifndef SENTRACK_INTERNAL_H
#define SENTRACK_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "sentrack/sentrack.h"

struct store; /* one storage connection (store.h) */

struct st_db {
	struct store *store;
	char *path;
	unsigned flags;
	st_date today;
	char *user;
	char *command;
	/* Inside a bulk write (an import) that is committed or rolled back
	 * whole: write_begin/write_end open no savepoint per call. */
	int bulk;
};

/* Limits on free text, in bytes. */
#define TEXT_NAME_MAX 100
#define TEXT_SHORT_MAX 200
#define TEXT_LONG_MAX 20000

enum text_rule {
	TEXT_OPTIONAL = 0,
	TEXT_REQUIRED = 1,  /* not empty or blank */
	TEXT_MULTILINE = 2  /* newlines and tabs allowed */
};

/* Check that text is valid UTF-8 within max bytes with no control
 * characters (bar newline and tab with TEXT_MULTILINE); NULL passes unless
 * TEXT_REQUIRED. Messages name field ("--surname: is empty"). */
int text_check(const char *field, const char *text, size_t max, unsigned rules,
	       st_error *err);

/* 1 when s is one or more ASCII digits and nothing else. */
int text_all_digits(const char *s);

/* 1 when s is valid UTF-8 of length n. */
int text_utf8_valid(const char *s, size_t n);

/* Case-fold UTF-8 for name matching: ASCII and the Latin letters used in
 * names (Zoë, Nguyễn, Łukasz) fold to lower case; other characters pass
 * through. Trims and collapses spaces. Returns a malloc'd string or NULL. */
char *text_fold(const char *s);

/* Public entry points accept a NULL st_error; this gives the body a real
 * one so that nothing below has to check. */
#define ERR_ENSURE(err) \
	st_error err_local_; \
	if (!(err)) \
		(err) = &err_local_; \
	st_error_clear(err)

/* Parse a comma-separated list of names ("parents,senco") into a bit set,
 * bit i for name_at(i), i < count. On an unknown name returns -1 with
 * *bad and *bad_len pointing at it in text; an empty list gives mask 0. */
int text_name_set(const char *text, const char *(*name_at)(int), int count, unsigned *mask,
		  const char **bad, size_t *bad_len);

/* strdup that accepts NULL. */
char *xstrdup(const char *s);

/* Out of memory: set err and return ST_EINTERNAL. */
int err_nomem(st_error *err);

/* Today as the context of this handle. */
static inline st_date db_today(const st_db *db) { return db->today; }

/* A write: begin (a savepoint when a transaction is already open), and end
 * by committing on rc == ST_OK or rolling back otherwise. write_end returns
 * rc, or the commit's error. */
int write_begin(st_db *db, st_error *err);
int write_end(st_db *db, int rc, st_error *err);

/* Event dates: present and not in the future. field names the option. */
int check_not_future(const st_db *db, const char *field, st_date d, st_error *err);

/* The census rule: a pupil at K or E has a primary need (census.c). */
struct census_row;
int census_primary_missing(const struct census_row *r);

/* A move to N ends every current need of the pupil on date (kept in the
 * history): the census records needs only at K or E. */
int need_end_all(st_db *db, int64_t pupil_id, st_date date, st_error *err);

/* st_need_add with the date the need is recorded from (an import's date). */
int need_add_dated(st_db *db, int64_t pupil_id, const char *type, int rank, st_date since,
		   st_error *err);

/* Load the reference data files into the database when they changed. */
int refdata_sync(st_db *db, st_error *err);

/* Embedded copies of data/ (built by cmake/embed.cmake). */
const char *embedded_get(const char *name, size_t *size);

#endif
