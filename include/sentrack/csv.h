/* csv.h - CSV in and out, every byte through libcsv.
 *
 * The writer produces RFC 4180: one header row, UTF-8, CRLF after every
 * row, every non-empty field quoted by libcsv's csv_fwrite (so commas,
 * quotes and newlines inside values are always safe), empty cells for
 * absent values. Text cells are guarded against spreadsheet formula
 * injection; typed cells (numbers, dates, money) are not, so a negative
 * day count stays a number.
 *
 * The reader streams a file of any size through libcsv and hands each
 * record to a callback with the physical line and column (as a text editor
 * counts them) where every field starts, even when quoted fields contain
 * newlines. It strips a UTF-8 byte-order mark, accepts CRLF or LF, and
 * reports invalid UTF-8 per field.
 *
 * Atomic output: st_output writes to a temporary file beside the target
 * (mode 0600), and st_output_commit flushes, fsyncs and renames it into
 * place, so a reader of the target never sees half a file. */
#ifndef SENTRACK_CSV_H
#define SENTRACK_CSV_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "sentrack/date.h"
#include "sentrack/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* --- writer ---------------------------------------------------------------- */

enum st_csv_flags {
	ST_CSV_BOM = 1 << 0, /* start with a UTF-8 byte-order mark (Excel on Windows) */
	ST_CSV_RAW = 1 << 1  /* no formula-injection guard */
};

typedef struct st_csv_options {
	char delimiter;  /* ',' when 0 */
	unsigned flags;  /* st_csv_flags */
} st_csv_options;

typedef struct st_csv_writer st_csv_writer;

/* Check a delimiter typed by a user (one character, not a quote, CR, LF or
 * a letter or digit; "tab" and "\t" mean a tab) into *out. */
int st_csv_parse_delimiter(const char *field, const char *text, char *out, st_error *err);

/* A writer on f (not closed by the writer); options may be NULL. Free with
 * st_csv_writer_free. The BOM, when asked for, is written by the first row. */
int st_csv_writer_new(st_csv_writer **out, FILE *f, const st_csv_options *options,
		      st_error *err);
void st_csv_writer_free(st_csv_writer *w);

/* Call cb(rows written, rows expected, payload) after every `every` rows
 * (progress for long exports; the library prints nothing itself). Rows
 * count the header; expected is -1 until someone who knows the total (the
 * exports do, when progress is asked for) calls st_csv_writer_expect. */
typedef void (*st_csv_progress_cb)(long rows, long expected, void *payload);
void st_csv_writer_on_progress(st_csv_writer *w, long every, st_csv_progress_cb cb,
			       void *payload);
/* Whether a progress callback is set (worth counting the rows ahead for). */
int st_csv_writer_shows_progress(const st_csv_writer *w);
/* The rows, header included, the writer will hold when the export is done. */
void st_csv_writer_expect(st_csv_writer *w, long rows);

/* A text cell: NULL or "" is an empty cell. Unless ST_CSV_RAW, a value
 * that starts with =, +, -, @, tab or carriage return gets a leading '. */
int st_csv_text(st_csv_writer *w, const char *text, st_error *err);
/* A typed cell (number, date, money already formatted): never prefixed. */
int st_csv_typed(st_csv_writer *w, const char *text, st_error *err);
int st_csv_int(st_csv_writer *w, int64_t v, st_error *err);
/* ST_DATE_NONE is an empty cell. */
int st_csv_date(st_csv_writer *w, st_date d, st_error *err);
/* Pence as pounds with two decimals. */
int st_csv_money(st_csv_writer *w, int64_t pence, st_error *err);
/* End the row with CRLF. */
int st_csv_end_row(st_csv_writer *w, st_error *err);
/* A header row of n names. */
int st_csv_header(st_csv_writer *w, const char *const *names, int n, st_error *err);
/* Flush; ST_EIO when anything written so far failed. */
int st_csv_flush(st_csv_writer *w, st_error *err);
/* Rows written so far, header included. */
long st_csv_rows(const st_csv_writer *w);

/* 1 when the guard would prefix text. */
int st_csv_needs_guard(const char *text);

/* text without the guard's leading ' when the guard put it there (the
 * rest would need the guard), else text: what an import reads back from
 * a file sentrack exported, so "'-4M" is the class -4M again. */
const char *st_csv_unguard(const char *text);

/* --- atomic output --------------------------------------------------------- */

typedef struct st_output st_output;

/* Open path for writing through a temporary file in the same directory
 * (mode 0600, named .BASE.sentrack-tmp.PID.XXXXXX; stale ones of dead
 * processes there are removed first); NULL, "-" or "/dev/stdout" writes to
 * stdout directly, a character device (/dev/null) in place. ST_ECANTCREATE
 * when the directory is not writable, or path is a directory, a FIFO, a
 * socket (or a symbolic link to one). */
int st_output_open(st_output **out, const char *path, st_error *err);
/* The same refusals as st_output_open, without creating anything: check
 * before reading the data to write. */
int st_output_check(const char *path, st_error *err);
FILE *st_output_file(st_output *o);
/* Flush, fsync and rename into place, then free o. On failure the
 * temporary file is removed and the target is untouched (ST_EIO or
 * ST_ECANTCREATE). */
int st_output_commit(st_output *o, st_error *err);
/* Remove the temporary file and free o; NULL is allowed. */
void st_output_abort(st_output *o);

/* --- reader ---------------------------------------------------------------- */

typedef struct st_csv_record {
	long number;             /* records so far, 1 for the first (the header) */
	int nfields;
	char **fields;           /* NUL-terminated, valid during the callback */
	const size_t *lens;
	const long *lines;       /* physical line where each field starts (1-based) */
	const long *columns;     /* column in characters where it starts (1-based) */
	const unsigned char *utf8_ok; /* 0: not valid UTF-8, or has a NUL byte */
} st_csv_record;

/* Return ST_OK to go on; anything else stops reading and is returned. */
typedef int (*st_csv_record_cb)(const st_csv_record *rec, void *payload);

typedef struct st_csv_position {
	long line, column;
} st_csv_position;

/* Read all of f (name is used in messages: "pupils.csv:12:5: ..."),
 * calling cb for every record, the header included. Malformed CSV (a stray
 * quote, an unterminated quoted field) stops with ST_EINVAL and a message
 * "NAME:LINE:COLUMN: ..."; *where (may be NULL) gets the position. A read
 * error is ST_EIO. Memory is bounded by the longest record. */
int st_csv_read(const char *name, FILE *f, char delimiter, st_csv_record_cb cb,
		void *payload, st_csv_position *where, st_error *err);

/* The same over a buffer in memory. */
int st_csv_read_buffer(const char *name, const char *bytes, size_t size, char delimiter,
		       st_csv_record_cb cb, void *payload, st_csv_position *where,
		       st_error *err);

#ifdef __cplusplus
}
#endif
#endif
