/* csvread.c - whole-buffer CSV parsing with libcsv (embedded data files). */
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "csvread.h"
#include "internal.h"

struct reader {
	char *fields[CSVREAD_MAX_FIELDS];
	int nfields;
	int overflow;
	long line;        /* physical line where the current record started */
	csv_row_cb row;
	void *payload;
	int rc;           /* first failure: stop delivering */
};

static void clear_fields(struct reader *r)
{
	for (int i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	r->nfields = 0;
	r->overflow = 0;
}

static void on_field(void *data, size_t len, void *payload)
{
	struct reader *r = payload;
	if (r->rc != ST_OK)
		return;
	if (r->nfields == CSVREAD_MAX_FIELDS) {
		r->overflow = 1;
		return;
	}
	char *f = malloc(len + 1);
	if (!f) {
		r->rc = ST_EINTERNAL;
		return;
	}
	if (len)
		memcpy(f, data, len);
	f[len] = '\0';
	r->fields[r->nfields++] = f;
}

static void on_row(int term, void *payload)
{
	(void)term;
	struct reader *r = payload;
	if (r->rc == ST_OK && !r->overflow)
		r->rc = r->row(r->nfields, r->fields, r->line, r->payload);
	clear_fields(r);
}

int csv_each_row(const char *name, const char *bytes, size_t size, csv_row_cb row,
		 void *payload, st_error *err)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return err_nomem(err);
	struct reader r = {.row = row, .payload = payload, .line = 1};
	/* Feed line by line so each record knows the line it starts on. */
	size_t pos = 0;
	long line = 1;
	int at_record_start = 1;
	while (pos < size && r.rc == ST_OK) {
		const char *nl = memchr(bytes + pos, '\n', size - pos);
		size_t len = nl ? (size_t)(nl - (bytes + pos)) + 1 : size - pos;
		if (at_record_start)
			r.line = line;
		if (csv_parse(&p, bytes + pos, len, on_field, on_row, &r) != len) {
			csv_free(&p);
			clear_fields(&r);
			return st_error_set(err, ST_EINVAL, "%s:%ld: malformed CSV (%s)", name, line,
					    csv_strerror(csv_error(&p)));
		}
		/* The next line starts a record unless a quoted field is still
		 * open; libcsv has no accessor, and state 0 is its ROW_NOT_BEGUN. */
		at_record_start = p.pstate == 0;
		pos += len;
		line++;
	}
	if (r.rc == ST_OK && csv_fini(&p, on_field, on_row, &r) != 0) {
		csv_free(&p);
		clear_fields(&r);
		return st_error_set(err, ST_EINVAL, "%s:%ld: unterminated quoted field", name,
				    r.line);
	}
	csv_free(&p);
	clear_fields(&r);
	if (r.rc == ST_EINTERNAL && err && err->code == ST_OK)
		return err_nomem(err);
	return r.rc;
}

int csv_column(int nfields, char **fields, const char *name)
{
	for (int i = 0; i < nfields; i++)
		if (strcasecmp(fields[i], name) == 0)
			return i;
	return -1;
}
