/* csvwrite.c - the CSV writer (fields quoted by libcsv's csv_fwrite) with
 * the spreadsheet formula-injection guard. */
#include <csv.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

struct st_csv_writer {
	FILE *f;
	char delim;
	unsigned flags;
	int cells;        /* cells written in the current row */
	long rows;
	int bom_pending;
	int failed;
	char *guard;      /* reused buffer for "'" + text */
	size_t guard_cap;
	long progress_every;
	st_csv_progress_cb progress;
	void *progress_payload;
	long expected;    /* -1: unknown */
};

void st_csv_writer_on_progress(st_csv_writer *w, long every, st_csv_progress_cb cb,
			       void *payload)
{
	w->progress_every = every > 0 ? every : 1;
	w->progress = cb;
	w->progress_payload = payload;
}

int st_csv_writer_shows_progress(const st_csv_writer *w)
{
	return w->progress != NULL;
}

void st_csv_writer_expect(st_csv_writer *w, long rows)
{
	w->expected = rows;
}

int st_csv_parse_delimiter(const char *field, const char *text, char *out, st_error *err)
{
	ERR_ENSURE(err);
	if (text && (strcmp(text, "tab") == 0 || strcmp(text, "\\t") == 0)) {
		*out = '\t';
		return ST_OK;
	}
	unsigned char c = text ? (unsigned char)text[0] : 0;
	if (!text || strlen(text) != 1 || c == '"' || c == '\r' || c == '\n' || c == '\'' ||
	    c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == ' ')
		return st_error_set(err, ST_EINVAL, "%s %.10s: not a delimiter (one character such "
				    "as , ; | or tab)", field, text ? text : "");
	*out = (char)c;
	return ST_OK;
}

int st_csv_writer_new(st_csv_writer **out, FILE *f, const st_csv_options *o, st_error *err)
{
	ERR_ENSURE(err);
	st_csv_writer *w = calloc(1, sizeof *w);
	if (!w)
		return st__err_nomem(err);
	w->f = f;
	w->expected = -1;
	w->delim = o && o->delimiter ? o->delimiter : ',';
	w->flags = o ? o->flags : 0;
	w->bom_pending = (w->flags & ST_CSV_BOM) != 0;
	*out = w;
	return ST_OK;
}

void st_csv_writer_free(st_csv_writer *w)
{
	if (!w)
		return;
	free(w->guard);
	free(w);
}

/* What a spreadsheet skips before it looks for a formula: blanks, and
 * invisible characters (no-break and ideographic spaces, zero-width
 * space, joiners, word joiner, direction marks, a byte-order mark). */
static const char *const invisible[] = {
	" ", "\t", "\r", "\n", "\xC2\xA0", "\xE3\x80\x80", "\xE2\x80\x8B", "\xE2\x80\x8C",
	"\xE2\x80\x8D", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xE2\x81\xA0", "\xEF\xBB\xBF",
};

/* What starts a formula: = + - @ and their fullwidth forms ＝ ＋ － ＠. */
static const char *const formula_start[] = {
	"=", "+", "-", "@", "\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0",
};

/* Length of the entry of set that text starts with, or 0. */
static size_t starts_with_one(const char *text, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(text, set[i], strlen(set[i])) == 0)
			return strlen(set[i]);
	return 0;
}

int st_csv_needs_guard(const char *text)
{
	if (!text)
		return 0;
	if (text[0] == '\t' || text[0] == '\r') /* some spreadsheets act on these alone */
		return 1;
	size_t k;
	while ((k = starts_with_one(text, invisible, sizeof invisible / sizeof *invisible)))
		text += k;
	return starts_with_one(text, formula_start, sizeof formula_start / sizeof *formula_start) > 0;
}

const char *st_csv_unguard(const char *text)
{
	return text && text[0] == '\'' && st_csv_needs_guard(text + 1) ? text + 1 : text;
}

static int io_fail(st_csv_writer *w, st_error *err)
{
	w->failed = 1;
	return st_error_set(err, ST_EIO, "writing the CSV output failed");
}

/* The separator before a cell (and the BOM before the first). */
static int begin_cell(st_csv_writer *w, st_error *err)
{
	if (w->bom_pending) {
		w->bom_pending = 0;
		if (fwrite("\xEF\xBB\xBF", 1, 3, w->f) != 3)
			return io_fail(w, err);
	}
	if (w->cells++ > 0 && putc(w->delim, w->f) == EOF)
		return io_fail(w, err);
	return ST_OK;
}

static int put_field(st_csv_writer *w, const char *text, size_t n, st_error *err)
{
	if (n > 0 && csv_fwrite(w->f, text, n) != 0)
		return io_fail(w, err);
	return ST_OK;
}

int st_csv_typed(st_csv_writer *w, const char *text, st_error *err)
{
	ERR_ENSURE(err);
	int rc = begin_cell(w, err);
	return rc != ST_OK || !text ? rc : put_field(w, text, strlen(text), err);
}

int st_csv_text(st_csv_writer *w, const char *text, st_error *err)
{
	ERR_ENSURE(err);
	if ((w->flags & ST_CSV_RAW) || !st_csv_needs_guard(text))
		return st_csv_typed(w, text, err);
	size_t n = strlen(text);
	if (n + 2 > w->guard_cap) {
		char *g = realloc(w->guard, n + 2);
		if (!g)
			return st__err_nomem(err);
		w->guard = g;
		w->guard_cap = n + 2;
	}
	w->guard[0] = '\'';
	memcpy(w->guard + 1, text, n + 1);
	int rc = begin_cell(w, err);
	return rc != ST_OK ? rc : put_field(w, w->guard, n + 1, err);
}

int st_csv_int(st_csv_writer *w, int64_t v, st_error *err)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%" PRId64, v);
	return st_csv_typed(w, buf, err);
}

int st_csv_date(st_csv_writer *w, st_date d, st_error *err)
{
	char buf[ST_DATE_BUFSZ];
	return st_csv_typed(w, d == ST_DATE_NONE ? NULL : st_date_format(d, buf), err);
}

int st_csv_money(st_csv_writer *w, int64_t pence, st_error *err)
{
	char buf[ST_MONEY_BUFSZ];
	return st_csv_typed(w, st_money_format(pence, buf), err);
}

int st_csv_end_row(st_csv_writer *w, st_error *err)
{
	ERR_ENSURE(err);
	if (fwrite("\r\n", 1, 2, w->f) != 2)
		return io_fail(w, err);
	w->cells = 0;
	w->rows++;
	if (w->progress && w->rows % w->progress_every == 0)
		w->progress(w->rows, w->expected, w->progress_payload);
	return ST_OK;
}

int st_csv_header(st_csv_writer *w, const char *const *names, int n, st_error *err)
{
	ERR_ENSURE(err);
	for (int i = 0; i < n; i++)
		if (st_csv_typed(w, names[i], err) != ST_OK)
			return err->code;
	return st_csv_end_row(w, err);
}

int st_csv_flush(st_csv_writer *w, st_error *err)
{
	ERR_ENSURE(err);
	if (fflush(w->f) != 0 || ferror(w->f) || w->failed)
		return io_fail(w, err);
	return ST_OK;
}

long st_csv_rows(const st_csv_writer *w)
{
	return w->rows;
}
