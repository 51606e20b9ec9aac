/* html.c - the HTML side of the document writer: the one escaping
 * function, the page head (inline CSS, a Content-Security-Policy that lets
 * nothing be fetched or run, A4 print rules) and the markup of doc.h. */
#include <string.h>
#include "doc.h"

/* Escape n bytes of s (a line of a longer text). */
static void escape_n(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; s && i < n && s[i]; i++) {
		switch (s[i]) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(s[i], f);
		}
	}
}

void st__html_escape(FILE *f, const char *s)
{
	escape_n(f, s, s ? strlen(s) : 0);
}

/* Colours: text #1a1a1a on white (17:1), headers on #e6e6e6 (14:1); bars
 * are labelled with their numbers, so nothing depends on colour. */
static const char css[] =
	"@page{size:A4;margin:16mm 15mm}"
	"*{box-sizing:border-box}"
	"body{font-family:\"DejaVu Sans\",Arial,Helvetica,sans-serif;color:#1a1a1a;"
	"background:#fff;line-height:1.4;max-width:50em;margin:0 auto;padding:1em;font-size:11pt}"
	"h1{font-size:1.5em;margin:.2em 0 .4em}"
	"h2{font-size:1.15em;border-bottom:2px solid #1a1a1a;margin:1em 0 .4em;"
	"break-after:avoid;page-break-after:avoid}"
	"p{margin:.3em 0 .5em}"
	".school{font-size:.95em;margin:0}"
	".note{font-size:.85em;color:#3d3d3d}"
	"table{border-collapse:collapse;width:100%;margin:.3em 0 .8em}"
	"caption{text-align:left;font-weight:bold;padding:.2em 0}"
	"th,td{border:1px solid #595959;padding:.25em .4em;text-align:left;vertical-align:top}"
	"thead th{background:#e6e6e6}"
	"tfoot th,tfoot td{font-weight:bold;background:#f2f2f2}"
	"td.num,th.num{text-align:right}td.num{white-space:nowrap}"
	"table.wide{font-size:.82em}table.wide th,table.wide td{padding:.2em .25em}"
	"tr{break-inside:avoid;page-break-inside:avoid}"
	"thead{display:table-header-group}"
	".sign td{height:2.6em}"
	".page{break-after:page;page-break-after:always}"
	".page:last-child{break-after:auto;page-break-after:auto}"
	".letter p{margin:0 0 .8em}"
	".addr{text-align:right;margin-bottom:1.5em}"
	"svg{max-width:100%;height:auto}"
	"@media print{body{max-width:none;padding:0;font-size:10.5pt}}"
	"@media (max-width:40em){body{font-size:10pt;padding:.5em}"
	"table{display:block;overflow-x:auto}}";

void st__doc_begin(struct doc *d, FILE *f, st_format format, const char *title)
{
	memset(d, 0, sizeof *d);
	d->f = f;
	d->format = format;
	if (format != ST_FORMAT_HTML)
		return;
	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "style-src 'unsafe-inline'; img-src data:\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<title>", f);
	st__html_escape(f, title);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n", css);
}

void st__doc_end(struct doc *d)
{
	if (d->format == ST_FORMAT_HTML)
		fputs("</body>\n</html>\n", d->f);
}

void st__doc_page_begin(struct doc *d)
{
	if (d->format == ST_FORMAT_HTML)
		fputs("<section class=\"page\">\n", d->f);
}

void st__doc_page_end(struct doc *d)
{
	if (d->format == ST_FORMAT_HTML) {
		fputs("</section>\n", d->f);
		return;
	}
	if (d->dirty)
		fputc('\n', d->f);
	d->dirty = 0;
	for (int i = 0; i < DOC_WIDTH; i++)
		fputc('=', d->f);
	fputs("\n\n", d->f);
}

static void html_tag(struct doc *d, const char *tag, const char *cls, const char *text)
{
	fprintf(d->f, "<%s%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	st__html_escape(d->f, text);
	fprintf(d->f, "</%s>\n", tag);
}

/* Paragraphs at blank lines; a single newline is a line break. */
static void html_paras(struct doc *d, const char *cls, const char *text)
{
	const char *p = text ? text : "";
	while (*p) {
		while (*p == '\n')
			p++;
		if (!*p)
			break;
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		fprintf(d->f, "<p%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
		for (size_t i = 0; i < n;) {
			size_t line = strcspn(p + i, "\n");
			if (line > n - i)
				line = n - i;
			escape_n(d->f, p + i, line);
			i += line;
			if (i < n) {
				fputs("<br>", d->f);
				i++;
			}
		}
		fputs("</p>\n", d->f);
		p += n;
	}
}

void st__doc_h1(struct doc *d, const char *text)
{
	if (d->format == ST_FORMAT_HTML) {
		html_tag(d, "h1", NULL, text);
		return;
	}
	st__text_wrap(d->f, 0, 0, text);
	int n = 0;
	for (const char *p = text; *p && n < DOC_WIDTH; p++)
		n += (*p & 0xC0) != 0x80;
	for (int i = 0; i < n; i++)
		fputc('=', d->f);
	fputs("\n\n", d->f);
}

void st__doc_h2(struct doc *d, const char *text)
{
	if (d->format == ST_FORMAT_HTML) {
		html_tag(d, "h2", NULL, text);
		return;
	}
	if (d->dirty)
		fputc('\n', d->f);
	d->dirty = 1;
	st__text_wrap(d->f, 0, 0, text);
	int n = 0;
	for (const char *p = text; *p && n < DOC_WIDTH; p++)
		n += (*p & 0xC0) != 0x80;
	for (int i = 0; i < n; i++)
		fputc('-', d->f);
	fputc('\n', d->f);
}

void st__doc_para(struct doc *d, const char *text)
{
	if (d->format == ST_FORMAT_HTML) {
		html_paras(d, NULL, text);
		return;
	}
	st__text_wrap(d->f, 0, 0, text);
	fputc('\n', d->f);
	d->dirty = 0;
}

void st__doc_note(struct doc *d, const char *text)
{
	if (d->format == ST_FORMAT_HTML)
		html_paras(d, "note", text);
	else
		st__doc_para(d, text);
}

void st__doc_field(struct doc *d, const char *label, const char *value)
{
	if (d->format == ST_FORMAT_HTML) {
		fputs("<p><strong>", d->f);
		st__html_escape(d->f, label);
		fputs(":</strong> ", d->f);
		st__html_escape(d->f, value);
		fputs("</p>\n", d->f);
		return;
	}
	d->dirty = 1;
	fprintf(d->f, "%s: ", label);
	int col = (int)strlen(label) + 2;
	st__text_wrap(d->f, col, col > 24 ? 4 : col, value && *value ? value : "-");
}

void st__doc_table_begin(struct doc *d, const char *caption, int ncols,
		     const char *const *headers, unsigned numeric)
{
	d->ncols = ncols, d->headers = headers, d->numeric = numeric, d->row = 0;
	if (d->format != ST_FORMAT_HTML) {
		if (caption)
			st__doc_h2(d, caption);
		return;
	}
	if (caption) /* a heading, so the outline lists every table */
		html_tag(d, "h2", NULL, caption);
	/* many columns: smaller type so an A4 page holds them */
	fputs(ncols >= 7 ? "<table class=\"wide\">\n" : "<table>\n", d->f);
	fputs("<thead><tr>", d->f);
	for (int i = 0; i < ncols; i++) {
		fprintf(d->f, "<th scope=\"col\"%s>", numeric & (1u << i) ? " class=\"num\"" : "");
		st__html_escape(d->f, headers[i]);
		fputs("</th>", d->f);
	}
	fputs("</tr></thead>\n<tbody>\n", d->f);
}

static void html_row(struct doc *d, const char *const *cells)
{
	fputs("<tr>", d->f);
	for (int i = 0; i < d->ncols; i++) {
		const char *tag = i == 0 ? "th" : "td";
		fprintf(d->f, "<%s%s%s>", tag, i == 0 ? " scope=\"row\"" : "",
			d->numeric & (1u << i) ? " class=\"num\"" : "");
		for (const char *p = cells[i] ? cells[i] : ""; *p;) {
			size_t line = strcspn(p, "\n");
			escape_n(d->f, p, line);
			p += line;
			if (*p == '\n') {
				fputs("<br>", d->f);
				p++;
			}
		}
		fprintf(d->f, "</%s>", tag);
	}
	fputs("</tr>\n", d->f);
}

/* Text: the first cell as a bullet, then "Header: value" lines. */
static void text_row(struct doc *d, const char *const *cells)
{
	d->dirty = 1;
	fputs("* ", d->f);
	st__text_wrap(d->f, 2, 2, cells[0] && *cells[0] ? cells[0] : "-");
	for (int i = 1; i < d->ncols; i++) {
		if (!cells[i] || !*cells[i])
			continue;
		int col = 4 + (int)strlen(d->headers[i]) + 2;
		fprintf(d->f, "    %s: ", d->headers[i]);
		st__text_wrap(d->f, col, col > 30 ? 8 : col, cells[i]);
	}
}

void st__doc_table_row(struct doc *d, const char *const *cells)
{
	d->row++;
	if (d->format == ST_FORMAT_HTML)
		html_row(d, cells);
	else
		text_row(d, cells);
}

void st__doc_table_total(struct doc *d, const char *const *cells)
{
	if (d->format == ST_FORMAT_HTML) {
		fputs("</tbody>\n<tfoot>\n", d->f);
		html_row(d, cells);
		fputs("</tfoot>\n</table>\n", d->f);
		d->ncols = 0;
		return;
	}
	text_row(d, cells);
}

void st__doc_table_end(struct doc *d)
{
	if (d->format == ST_FORMAT_HTML && d->ncols) {
		if (d->row == 0)
			fprintf(d->f, "<tr><td colspan=\"%d\">none</td></tr>\n", d->ncols);
		fputs("</tbody>\n</table>\n", d->f);
	} else if (d->format != ST_FORMAT_HTML && d->row == 0) {
		fputs("none\n", d->f);
		d->dirty = 1;
	}
	d->ncols = 0;
}

void st__doc_signatures(struct doc *d, const char *const *who, int n)
{
	if (d->format != ST_FORMAT_HTML) {
		for (int i = 0; i < n; i++)
			fprintf(d->f, "\n%s\nSigned: ______________________________  Date: ____________\n",
				who[i]);
		return;
	}
	fputs("<table class=\"sign\">\n<thead><tr><th scope=\"col\">Who</th>"
	      "<th scope=\"col\">Name</th><th scope=\"col\">Signature</th>"
	      "<th scope=\"col\">Date</th></tr></thead>\n<tbody>\n", d->f);
	for (int i = 0; i < n; i++) {
		fputs("<tr><th scope=\"row\">", d->f);
		st__html_escape(d->f, who[i]);
		fputs("</th><td></td><td></td><td></td></tr>\n", d->f);
	}
	fputs("</tbody>\n</table>\n", d->f);
}

void st__doc_bars(struct doc *d, const char *title, const char *const *labels,
	      const long *values, const char *const *text, int n)
{
	if (d->format != ST_FORMAT_HTML || n <= 0)
		return;
	long max = 1;
	for (int i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	const int row = 22, left = 230, width = 300;
	fprintf(d->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"600\" "
		"height=\"%d\" viewBox=\"0 0 600 %d\" font-size=\"13\" "
		"font-family=\"DejaVu Sans, Arial, sans-serif\"><title>", n * row + 4, n * row + 4);
	st__html_escape(d->f, title);
	fputs("</title>\n", d->f);
	for (int i = 0; i < n; i++) {
		int y = i * row + 2;
		fprintf(d->f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#1a1a1a\">",
			left - 6, y + 15);
		st__html_escape(d->f, labels[i]);
		fputs("</text>", d->f);
		int w = values[i] > 0 ? (int)(values[i] * width / max) : 0;
		if (w > 0)
			fprintf(d->f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
				"fill=\"#3b5b8c\"/>", left, y + 2, w, row - 6);
		fprintf(d->f, "<text x=\"%d\" y=\"%d\" fill=\"#1a1a1a\">", left + w + 6, y + 15);
		st__html_escape(d->f, text[i]);
		fputs("</text>\n", d->f);
	}
	fputs("</svg>\n", d->f);
}
