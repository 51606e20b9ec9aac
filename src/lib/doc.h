/* doc.h - one writer for every document, in HTML or plain text.
 *
 * A document is headings, paragraphs, labelled fields and tables. The HTML
 * form is one self-contained page (html.c: inline CSS, no script, a
 * Content-Security-Policy that fetches nothing, A4 print rules); the text
 * form fits 80 columns and never cuts a word: a table becomes one record
 * per row, each value on its own wrapped line. Every value goes through
 * st__html_escape (HTML) or unchanged (text): callers never format markup. */
#ifndef SENTRACK_DOC_H
#define SENTRACK_DOC_H

#include <stdio.h>
#include "internal.h"
#include "sentrack/document.h"

#define DOC_WIDTH 78   /* text: columns used, so a line fits 80 with a margin */

struct doc {
	FILE *f;
	st_format format;
	int ncols;
	const char *const *headers;
	unsigned numeric;  /* bit i: column i is a number (right-aligned) */
	int row;
	int dirty;         /* text: a line was written since the last blank one */
};

/* html.c: escape &, <, >, " and ' ; the one escaping function. */
void st__html_escape(FILE *f, const char *s);

void st__doc_begin(struct doc *d, FILE *f, st_format format, const char *title);
void st__doc_end(struct doc *d);
/* A new page (HTML: a section that breaks after; text: a rule). */
void st__doc_page_begin(struct doc *d);
void st__doc_page_end(struct doc *d);
void st__doc_h1(struct doc *d, const char *text);
void st__doc_h2(struct doc *d, const char *text);
/* Paragraphs: blank lines separate them, single newlines are kept. */
void st__doc_para(struct doc *d, const char *text);
/* A muted note (HTML: small print). */
void st__doc_note(struct doc *d, const char *text);
/* "Label: value" (value wrapped under itself in text). */
void st__doc_field(struct doc *d, const char *label, const char *value);
/* Tables: headers[0] names the row headers (th scope=row). */
void st__doc_table_begin(struct doc *d, const char *caption, int ncols,
		     const char *const *headers, unsigned numeric);
void st__doc_table_row(struct doc *d, const char *const *cells);
/* A totals row: bold, in the table foot. */
void st__doc_table_total(struct doc *d, const char *const *cells);
void st__doc_table_end(struct doc *d);
/* Space to sign: one line per signer. */
void st__doc_signatures(struct doc *d, const char *const *who, int n);
/* HTML only: a horizontal bar chart as inline SVG; shown[i] = 0 draws no
 * bar and prints text[i] (a suppressed count) instead. */
void st__doc_bars(struct doc *d, const char *title, const char *const *labels,
	      const long *values, const char *const *text, int n);
/* Text only: write text wrapped at DOC_WIDTH after indent spaces, the
 * first line after first_indent. */
void st__text_wrap(FILE *f, int first_indent, int indent, const char *text);

/* Shared by the documents (doc_text.c). */
/* "Year 4", "Reception", "Nursery" into buf. */
const char *st__doc_year_label(const char *year, char *buf, size_t size);
/* A text setting (school-name...) into buf; "" when unset. */
int st__doc_config_text(st_db *db, const char *key, char *buf, size_t size, st_error *err);
/* "Forename Surname" (preferred forename when set) into buf. */
const char *st__doc_name(const char *preferred, const char *forename, const char *surname,
		     char *buf, size_t size);
/* The school's name line under a title, when the school is named. */
void st__doc_school(struct doc *d, st_db *db);

#endif
