/* doc_text.c - the plain-text side of the document writer: wrapping to 80
 * columns at spaces, counting UTF-8 characters (not bytes), so no word is
 * ever cut unless it alone is wider than a line; and the format names. */
#include <string.h>
#include "doc.h"

/* Columns of n bytes of UTF-8: one per character. */
static int columns(const char *s, size_t n)
{
	int cols = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			cols++;
	return cols;
}

/* Bytes of s that fit in cols columns (whole characters). */
static size_t fit(const char *s, size_t n, int cols)
{
	size_t i = 0;
	int c = 0;
	while (i < n) {
		size_t len = 1;
		while (i + len < n && ((unsigned char)s[i + len] & 0xC0) == 0x80)
			len++;
		if (c + 1 > cols)
			break;
		c++;
		i += len;
	}
	return i ? i : 1;
}

/* One line of text (no newline inside), the cursor at *col. */
static void wrap_line(FILE *f, int *col, int indent, const char *p, size_t n)
{
	int first = 1;
	while (n > 0) {
		while (n > 0 && *p == ' ')
			p++, n--;
		if (n == 0)
			break;
		size_t w = 0;
		while (w < n && p[w] != ' ')
			w++;
		int wc = columns(p, w);
		int room = DOC_WIDTH - *col - (first ? 0 : 1);
		if (wc > room && *col > indent) { /* the word goes on the next line */
			fprintf(f, "\n%*s", indent, "");
			*col = indent;
			first = 1;
			continue;
		}
		if (!first) {
			fputc(' ', f);
			(*col)++;
		}
		if (wc > DOC_WIDTH - *col) { /* longer than a whole line: the only cut */
			size_t take = fit(p, w, DOC_WIDTH - *col);
			fwrite(p, 1, take, f);
			fprintf(f, "\n%*s", indent, "");
			*col = indent;
			p += take, n -= take;
			first = 1;
			continue;
		}
		fwrite(p, 1, w, f);
		*col += wc;
		p += w, n -= w;
		first = 0;
	}
}

void st__text_wrap(FILE *f, int start_col, int indent, const char *text)
{
	const char *p = text ? text : "";
	int col = start_col;
	for (;;) {
		size_t n = strcspn(p, "\n");
		wrap_line(f, &col, indent, p, n);
		fputc('\n', f);
		p += n;
		if (!*p || !p[1])
			break;
		p++;
		fprintf(f, "%*s", indent, "");
		col = indent;
	}
}

int st_format_parse(const char *field, const char *text, unsigned allowed, st_format *out,
		    st_error *err)
{
	ERR_ENSURE(err);
	static const struct { const char *name; st_format f; } names[] = {
		{"text", ST_FORMAT_TEXT}, {"html", ST_FORMAT_HTML}, {"csv", ST_FORMAT_CSV}};
	char list[32] = "";
	for (size_t i = 0; i < 3; i++) {
		if (!(allowed & names[i].f))
			continue;
		if (text && strcmp(text, names[i].name) == 0) {
			*out = names[i].f;
			return ST_OK;
		}
		size_t used = strlen(list);
		snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", names[i].name);
	}
	return st_error_set(err, ST_EINVAL, "%s %.40s: not a format (one of %s)", field,
			    text ? text : "", list);
}

const char *st__doc_year_label(const char *year, char *buf, size_t size)
{
	if (!year)
		snprintf(buf, size, "-");
	else if (strcmp(year, "R") == 0)
		snprintf(buf, size, "Reception");
	else if (year[0] == 'N')
		snprintf(buf, size, "Nursery");
	else
		snprintf(buf, size, "Year %s", year);
	return buf;
}

int st__doc_config_text(st_db *db, const char *key, char *buf, size_t size, st_error *err)
{
	return st_config_get(db, key, buf, size, err);
}

const char *st__doc_name(const char *preferred, const char *forename, const char *surname,
		     char *buf, size_t size)
{
	snprintf(buf, size, "%s %s", preferred && *preferred ? preferred : forename ? forename : "",
		 surname ? surname : "");
	return buf;
}

void st__doc_school(struct doc *d, st_db *db)
{
	char school[ST_CONFIG_VALUE_MAX];
	if (st__doc_config_text(db, "school-name", school, sizeof school, NULL) != ST_OK || !*school)
		return;
	if (d->format == ST_FORMAT_HTML) {
		fputs("<p class=\"school\">", d->f);
		st__html_escape(d->f, school);
		fputs("</p>\n", d->f);
	} else {
		st__text_wrap(d->f, 0, 0, school);
	}
}
