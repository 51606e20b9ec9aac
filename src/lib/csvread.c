/* csvread.c - the streaming CSV reader (libcsv underneath) that knows where
 * every field starts.
 *
 * libcsv keeps no line or column counters, so the input is fed to it in
 * pieces that end at each delimiter, CR or LF. A field can only end on such
 * a byte, so at most one field ends per piece. Only libcsv's public
 * callbacks say where fields end; after one (or at the start of the file)
 * the next field starts at the next piece that is not a blank line (which
 * libcsv skips) or leading blanks (which it trims). Positions count lines
 * by LF and columns by UTF-8 characters, as a text editor does. */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "csvread.h"
#include "internal.h"

/* Between fields, as the last callback left the parser. */
enum boundary { IN_FIELD = 0, AFTER_FIELD, AFTER_ROW };

#define READ_CHUNK 65536

struct reader {
	const char *name;
	st_csv_record_cb cb;
	void *payload;
	st_error *err;
	int rc;               /* first failure: stop delivering */
	/* the record being built: fields packed in buf, NUL after each */
	char *buf;
	size_t used, cap;
	int n, fcap;
	size_t *offs, *lens;
	long *lines, *cols;
	unsigned char *ok;
	char **ptrs;
	long records;
	/* positions */
	long line, col;              /* of the next byte to feed */
	long start_line, start_col;  /* where the current field started */
	enum boundary at;            /* set by the callbacks */
	int bom_checked;
};

static int grow_fields(struct reader *r)
{
	int cap = r->fcap ? r->fcap * 2 : 32;
	size_t *offs = realloc(r->offs, (size_t)cap * sizeof *offs);
	if (offs)
		r->offs = offs;
	size_t *lens = realloc(r->lens, (size_t)cap * sizeof *lens);
	if (lens)
		r->lens = lens;
	long *lines = realloc(r->lines, (size_t)cap * sizeof *lines);
	if (lines)
		r->lines = lines;
	long *cols = realloc(r->cols, (size_t)cap * sizeof *cols);
	if (cols)
		r->cols = cols;
	unsigned char *ok = realloc(r->ok, (size_t)cap);
	if (ok)
		r->ok = ok;
	char **ptrs = realloc(r->ptrs, (size_t)cap * sizeof *ptrs);
	if (ptrs)
		r->ptrs = ptrs;
	if (!offs || !lens || !lines || !cols || !ok || !ptrs)
		return ST_EINTERNAL;
	r->fcap = cap;
	return ST_OK;
}

static int grow_buf(struct reader *r, size_t need)
{
	size_t cap = r->cap ? r->cap : 1024;
	while (cap < need)
		cap *= 2;
	char *b = realloc(r->buf, cap);
	if (!b)
		return ST_EINTERNAL;
	r->buf = b;
	r->cap = cap;
	return ST_OK;
}

static void on_field(void *data, size_t len, void *payload)
{
	struct reader *r = payload;
	r->at = AFTER_FIELD;
	if (r->rc != ST_OK)
		return;
	if ((r->n == r->fcap && grow_fields(r) != ST_OK) ||
	    (r->used + len + 1 > r->cap && grow_buf(r, r->used + len + 1) != ST_OK)) {
		r->rc = st__err_nomem(r->err);
		return;
	}
	if (len)
		memcpy(r->buf + r->used, data, len);
	r->buf[r->used + len] = '\0';
	r->offs[r->n] = r->used;
	r->lens[r->n] = len;
	r->lines[r->n] = r->start_line;
	r->cols[r->n] = r->start_col;
	/* A NUL byte would silently cut the text short: refuse it as not text. */
	r->ok[r->n] = (unsigned char)(st__text_utf8_valid(r->buf + r->used, len) &&
				      !memchr(r->buf + r->used, '\0', len));
	r->used += len + 1;
	r->n++;
}

static void on_row(int term, void *payload)
{
	(void)term;
	struct reader *r = payload;
	r->at = AFTER_ROW;
	if (r->rc == ST_OK && r->n > 0) {
		for (int i = 0; i < r->n; i++)
			r->ptrs[i] = r->buf + r->offs[i];
		st_csv_record rec = {
			.number = ++r->records, .nfields = r->n, .fields = r->ptrs, .lens = r->lens,
			.lines = r->lines, .columns = r->cols, .utf8_ok = r->ok,
		};
		r->rc = r->cb(&rec, r->payload);
	}
	r->n = 0;
	r->used = 0;
}

static void advance(long *line, long *col, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			++*line;
			*col = 1;
		} else if ((s[i] & 0xC0) != 0x80) {
			++*col;
		}
	}
}

/* Whether piece s[0..n) starts the next field: not while inside one, nor
 * when it is only blanks (trimmed by libcsv) or, after a row, only a
 * blank line (skipped by libcsv). A blank that is the delimiter ends a field. */
static int starts_field(enum boundary at, unsigned char delim, const unsigned char *s,
			size_t n)
{
	if (at == IN_FIELD)
		return 0;
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t') && s[i] != delim)
		i++;
	if (i == n)
		return 0;
	return !(at == AFTER_ROW && i == n - 1 && (s[i] == '\n' || s[i] == '\r'));
}

static int position_error(struct reader *r, st_csv_position *where, long line, long col,
			  const char *what)
{
	if (where) {
		where->line = line;
		where->column = col;
	}
	return st_error_set(r->err, ST_EINVAL, "%s:%ld:%ld: %s", r->name, line, col, what);
}

/* Feed bytes to the parser piece by piece; ST_OK or the first failure. */
static int feed(struct reader *r, struct csv_parser *p, const unsigned char *s, size_t n,
		st_csv_position *where)
{
	if (!r->bom_checked) {
		r->bom_checked = 1;
		if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
			s += 3, n -= 3;
	}
	unsigned char delim = csv_get_delim(p);
	size_t pos = 0;
	while (pos < n && r->rc == ST_OK) {
		size_t end = pos;
		while (end < n && s[end] != delim && s[end] != '\n' && s[end] != '\r')
			end++;
		size_t len = (end < n ? end + 1 : n) - pos;
		if (starts_field(r->at, delim, s + pos, len)) {
			r->start_line = r->line;
			r->start_col = r->col;
			r->at = IN_FIELD;
		}
		size_t used = csv_parse(p, s + pos, len, on_field, on_row, r);
		if (used < len && r->rc == ST_OK) {
			long line = r->line, col = r->col;
			advance(&line, &col, s + pos, used);
			if (csv_error(p) == CSV_ENOMEM || csv_error(p) == CSV_ETOOBIG)
				return st__err_nomem(r->err);
			return position_error(r, where, line, col,
					      "malformed CSV: a quote inside an unquoted field, or "
					      "text after a closing quote (quote the whole field and "
					      "double the quotes inside)");
		}
		advance(&r->line, &r->col, s + pos, len);
		pos += len;
	}
	return r->rc;
}

static int finish(struct reader *r, struct csv_parser *p, int rc, st_csv_position *where)
{
	if (rc == ST_OK && csv_fini(p, on_field, on_row, r) != 0)
		rc = position_error(r, where, r->start_line, r->start_col,
				    "quoted field is never closed (a missing \")");
	if (rc == ST_OK)
		rc = st__err_stopped(r->rc, "reading records", r->err);
	csv_free(p);
	free(r->buf);
	free(r->offs);
	free(r->lens);
	free(r->lines);
	free(r->cols);
	free(r->ok);
	free(r->ptrs);
	return rc;
}

static int start(struct reader *r, struct csv_parser *p, char delimiter)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return st__err_nomem(r->err);
	csv_set_delim(p, (unsigned char)(delimiter ? delimiter : ','));
	r->line = r->col = r->start_line = r->start_col = 1;
	r->at = AFTER_ROW;
	return ST_OK;
}

int st_csv_read_buffer(const char *name, const char *bytes, size_t size, char delimiter,
		       st_csv_record_cb cb, void *payload, st_csv_position *where,
		       st_error *err)
{
	ERR_ENSURE(err);
	struct csv_parser p;
	struct reader r = {.name = name, .cb = cb, .payload = payload, .err = err};
	if (start(&r, &p, delimiter) != ST_OK)
		return err->code;
	int rc = feed(&r, &p, (const unsigned char *)bytes, size, where);
	return finish(&r, &p, rc, where);
}

int st_csv_read(const char *name, FILE *f, char delimiter, st_csv_record_cb cb, void *payload,
		st_csv_position *where, st_error *err)
{
	return st__csv_read_hooked(name, f, delimiter, cb, payload, where, NULL, NULL, err);
}

int st__csv_read_hooked(const char *name, FILE *f, char delimiter, st_csv_record_cb cb,
			void *payload, st_csv_position *where, csv_chunk_cb chunk_cb,
			void *chunk_payload, st_error *err)
{
	ERR_ENSURE(err);
	struct csv_parser p;
	struct reader r = {.name = name, .cb = cb, .payload = payload, .err = err};
	if (start(&r, &p, delimiter) != ST_OK)
		return err->code;
	unsigned char *chunk = malloc(READ_CHUNK);
	int rc = chunk ? ST_OK : st__err_nomem(err);
	while (rc == ST_OK) {
		size_t n = fread(chunk, 1, READ_CHUNK, f);
		if (n > 0 && chunk_cb)
			chunk_cb(chunk, n, chunk_payload);
		if (n > 0)
			rc = feed(&r, &p, chunk, n, where);
		if (n < READ_CHUNK) {
			if (ferror(f))
				rc = st_error_set(err, ST_EIO, "%s: read error: %s", name, strerror(errno));
			break;
		}
	}
	free(chunk);
	return finish(&r, &p, rc, where);
}

/* --- the small whole-buffer interface used by the embedded data files ---- */

struct adaptor {
	csv_row_cb row;
	void *payload;
};

static int adapt(const st_csv_record *rec, void *payload)
{
	struct adaptor *a = payload;
	return a->row(rec->nfields, rec->fields, rec->lines[0], a->payload);
}

int st__csv_each_row(const char *name, const char *bytes, size_t size, csv_row_cb row,
		 void *payload, st_error *err)
{
	struct adaptor a = {row, payload};
	return st_csv_read_buffer(name, bytes, size, ',', adapt, &a, NULL, err);
}

int st__csv_column(int nfields, char **fields, const char *name)
{
	for (int i = 0; i < nfields; i++)
		if (strcasecmp(fields[i], name) == 0)
			return i;
	return -1;
}
