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
	/* The directory of the school's own letter templates (NULL: beside
	 * the database file; none for a trust). */
	char *letters_dir;
	/* Inside a bulk write (an import) that is committed or rolled back
	 * whole: st__write_begin/st__write_end open no savepoint per call. */
	int bulk;
	/* Inside an import (issue 15): the import's one audit row stands for
	 * every change it makes, so st_audit_record writes none, and a pupil
	 * added links to import_id at import_line of its file. */
	int importing;
	int64_t import_id;
	long import_line;
};

/* SHA-256 of a stream (sha256.c). */
struct st__sha256 {
	uint32_t h[8];
	uint64_t bytes;
	unsigned char buf[64];
	size_t used;
};
void st__sha256_init(struct st__sha256 *c);
void st__sha256_update(struct st__sha256 *c, const void *data, size_t n);
void st__sha256_hex(struct st__sha256 *c, char out[65]);  /* ends c */

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
int st__text_check(const char *field, const char *text, size_t max, unsigned rules,
	       st_error *err);

/* 1 when s is one or more ASCII digits and nothing else. */
int st__text_all_digits(const char *s);

/* 1 when s is valid UTF-8 of length n. */
int st__text_utf8_valid(const char *s, size_t n);

/* Case-fold UTF-8 for name matching: ASCII and the Latin letters used in
 * names (Zoë, Nguyễn, Łukasz) fold to lower case; other characters pass
 * through. Trims and collapses spaces. Returns a malloc'd string or NULL. */
char *st__text_fold(const char *s);

/* One UTF-8 character: decode the first of n bytes (its length, or 0 when
 * they are not UTF-8), or encode c into out (its length, 1 to 4). */
size_t st__text_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
size_t st__text_utf8_encode(uint32_t c, char *out);

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
int st__text_name_set(const char *text, const char *(*name_at)(int), int count, unsigned *mask,
		  const char **bad, size_t *bad_len);

/* --- temporary files (tmpfile.c) --- */

/* The directory part of path ("." when none) into buf. */
void st__tmp_dir_of(const char *path, char *buf, size_t size);

/* Create DIR/.BASE.sentrack-tmp.PID.XXXXXX (mode 0600) beside target, after
 * removing stale ones in DIR; *out is malloc'd (free it), *fd open. what
 * names the option for the message ("--output"). ST_ECANTCREATE. */
int st__tmp_create(const char *target, const char *what, char **out, int *fd, st_error *err);

/* Remove our temporaries in dir whose process is gone; cb (may be NULL) is
 * told each one removed. Returns how many. */
typedef void (*tmp_swept_cb)(const char *dir, const char *name, void *payload);
int st__tmp_sweep(const char *dir, tmp_swept_cb cb, void *payload);

/* strdup that accepts NULL. */
char *st__xstrdup(const char *s);

/* Out of memory: set err and return ST_EINTERNAL. */
int st__err_nomem(st_error *err);

/* A row callback returned stop (non-zero) to end a list early; returns
 * stop. A negative stop is a failure, and a failure always has a message:
 * when the callback did not write one into err, say which list it
 * stopped, so no caller ever reports an error as "ok". */
int st__err_stopped(int stop, const char *doing, st_error *err);

/* Today as the context of this handle. */
static inline st_date db_today(const st_db *db) { return db->today; }

/* A write: begin (a savepoint when a transaction is already open), and end
 * by committing on rc == ST_OK or rolling back otherwise. st__write_end returns
 * rc, or the commit's error. */
int st__write_begin(st_db *db, st_error *err);
int st__write_end(st_db *db, int rc, st_error *err);

/* A leaver's records are kept as they were: ST_ERULE naming the pupil and
 * the day they left (the one wording of that rule), else ST_OK. */
int st__pupil_refuse_left(const st_pupil *p, st_error *err);
/* st_pupil_get that refuses a leaver; out may be NULL (only the check). */
int st__pupil_get_on_roll(st_db *db, int64_t id, st_pupil **out, st_error *err);

/* Event dates (what happened: placements, plans, reviews held, meetings,
 * assessments, joining and leaving): present and not in the future.
 * field names the option. */
int st__check_not_future(const st_db *db, const char *field, st_date d, st_error *err);

/* Planned dates (review dates, targets, provision start and end) may be
 * in the future, but at most PLANNED_YEARS_MAX years ahead of today, so
 * that every date derived from them stays in the calendar. NONE passes. */
#define PLANNED_YEARS_MAX 10
int st__check_planned(const st_db *db, const char *field, st_date d, st_error *err);

/* The UTC instant "YYYY-MM-DDTHH:MM:SSZ" at which local day starts (the
 * audit log's entered_at is UTC; users name local days). */
int st__audit_local_midnight_utc(st_date day, char buf[32]);

/* The checks st_pupil_add (p NULL) or st_pupil_edit of p would make of f,
 * writing nothing (an import's dry run). */
int st__pupil_validate(st_db *db, const st_pupil *p, const st_pupil_fields *f, st_error *err);

/* st_pupil_add for an import that has checked the year group, the UPN
 * (shape and lookup) and duplicates itself: validates the rest and
 * inserts, linked to the import (db->import_id); no audit row of its own. */
int st__pupil_add_checked(st_db *db, const st_pupil_fields *f, int64_t *out_id, st_error *err);

/* The first register event of pupil p, just added (no event yet): K or E,
 * checked like st_register_apply, without reading the pupil again. None of
 * its refusals can name p->id (those need an earlier event, or N). */
int st__register_first(st_db *db, const st_pupil *p, const st_register_change *c,
		       st_error *err);
/* A need (census code, known) of a pupil just added at status, whose
 * primary need is primary (NULL: none yet), checked by the census rules
 * without reading the pupil again. A refusal names it ST__NEW_PUPIL, not
 * by its id: the import is rolled back, and on a trust the id is still a
 * placeholder (pg/import.c). */
#define ST__NEW_PUPIL "the new pupil"
int st__need_add_new(st_db *db, int64_t pupil_id, char status, const char *code, int rank,
		     const char *primary, st_date since, st_error *err);

#define ST__DUPLICATE_HINT "give the UPN, or --allow-duplicate if they are two pupils"
/* The possible-duplicate rule (issue 16): ST_EEXISTS naming the pupil
 * already known with these names and date of birth when no UPN (upn NULL,
 * or theirs missing) tells the two apart; hint says what to do. */
int st__pupil_refuse_duplicate(st_db *db, const char *surname, const char *forename,
			       st_date dob, const char *upn, const char *hint, st_error *err);

/* A leaver back on roll: clears the leaving date, joined (after it) is
 * the new admission date. */
int st__pupil_rejoin(st_db *db, int64_t id, st_date joined, st_error *err);

/* The census rule: a pupil at K or E has a primary need (census.c). */
struct census_row;
int st__census_primary_missing(const struct census_row *r);

/* A move to N ends every current need of the pupil on date (kept in the
 * history): the census records needs only at K or E. */
int st__need_end_all(st_db *db, int64_t pupil_id, st_date date, st_error *err);

/* st_need_add with the date the need is recorded from (an import's date). */
int st__need_add_dated(st_db *db, int64_t pupil_id, const char *type, int rank, st_date since,
		   st_error *err);

/* Load the reference data files into the database when they changed. */
int st__refdata_sync(st_db *db, st_error *err);

/* Embedded copies of data/ (built by cmake/embed.cmake). */
const char *st__embedded_get(const char *name, size_t *size);

/* ST_OK when locator names a PostgreSQL database; a file path is ST_ENODB
 * saying the trust commands need one (trust_check.c). */
int st__trust_check_locator(const char *locator, st_error *err);

#endif
