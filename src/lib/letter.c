/* letter.c - letters to parents from templates with named placeholders.
 *
 * A template is text: a first line "Subject: ...", a blank line, then the
 * body, paragraphs separated by blank lines. {{pupil.forename}} and the
 * other names in `fields` below are replaced; an unknown name, or one whose
 * value is missing (an unset school-name), is an error naming the file and
 * line, never a silent blank. Built-in templates are data/letters/NAME.txt;
 * a school's copy in <database dir>/letters/ wins (NAME.html, used as HTML
 * for --format html with every value escaped, or NAME.txt for both). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "doc.h"

#define TEMPLATE_MAX 65536

struct letter {
	st_db *db;
	const st_pupil *p;
	const st_letter_options *opt;
	char name[240], year[32];
	char school[ST_CONFIG_VALUE_MAX], address[ST_CONFIG_VALUE_MAX], senco[ST_CONFIG_VALUE_MAX];
	char date[ST_DATE_BUFSZ], meeting[ST_DATE_BUFSZ], review[ST_DATE_BUFSZ];
};

struct field {
	const char *name;
	const char *need;   /* what to do when the value is missing */
};

static const struct field fields[] = {
	{"pupil.forename", NULL}, {"pupil.surname", NULL}, {"pupil.name", NULL},
	{"pupil.year", NULL}, {"pupil.class", "the pupil has no class (sentrack pupil edit --class)"},
	{"school.name", "school-name is not set (sentrack config set school-name NAME)"},
	{"school.address", "school-address is not set (sentrack config set school-address TEXT)"},
	{"senco.name", "senco-name is not set (sentrack config set senco-name NAME)"},
	{"date", NULL},
	{"meeting.date", "--meeting DATE is required"},
	{"review.date", "the pupil's open cycle has no review date"},
	{"parents", NULL}, /* "parents", or "parents or young person" (issue 12) */
};
#define NFIELDS (sizeof fields / sizeof *fields)

static const char *value_of(const struct letter *l, size_t i)
{
	const st_pupil *p = l->p;
	const char *const values[NFIELDS] = {
		p->preferred ? p->preferred : p->forename, p->surname, l->name, l->year,
		p->class_name, l->school, l->address, l->senco, l->date, l->meeting, l->review,
		st_parents_words(p->dob, l->db->today)};
	return values[i] && *values[i] ? values[i] : NULL;
}

/* Replace the placeholders of tmpl into f (escaping values when html).
 * source names the file in messages. Nothing is written on error when f
 * is NULL (the checking pass). */
static int substitute(const struct letter *l, const char *source, const char *tmpl, FILE *f,
		      int html, st_error *err)
{
	long line = 1;
	for (const char *p = tmpl; *p;) {
		if (p[0] != '{' || p[1] != '{') {
			if (*p == '\n')
				line++;
			if (f)
				fputc(*p, f);
			p++;
			continue;
		}
		const char *end = strstr(p + 2, "}}");
		size_t n = end ? (size_t)(end - p - 2) : 0;
		size_t i = 0;
		while (end && i < NFIELDS && (strlen(fields[i].name) != n ||
					      strncmp(fields[i].name, p + 2, n) != 0))
			i++;
		if (!end || i == NFIELDS)
			return st_error_set(err, ST_EINVAL, "%s:%ld: {{%.*s}}: unknown placeholder "
					    "(see `sentrack letter templates`)", source, line,
					    end ? (int)(n > 60 ? 60 : n) : 20, p + 2);
		const char *v = value_of(l, i);
		if (!v)
			return st_error_set(err, i == 9 ? ST_EUSAGE : ST_EINVAL, "%s:%ld: {{%s}}: %s",
					    source, line, fields[i].name, fields[i].need);
		if (f && html)
			st__html_escape(f, v);
		else if (f)
			fputs(v, f);
		p = end + 2;
	}
	return ST_OK;
}

static int valid_name(const char *name)
{
	if (!name || !*name || strlen(name) > 60)
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return 0;
	return 1;
}

/* The school's templates directory into buf: the one set
 * (st_db_set_letters_dir), else <database dir>/letters for a file; ""
 * for a trust with none set (its locator names no directory). */
static void school_dir(st_db *db, char *buf, size_t size)
{
	const char *path = st_db_path(db);
	const char *slash = path ? strrchr(path, '/') : NULL;
	st_backend backend = ST_BACKEND_FILE;
	if (st_db_letters_dir(db))
		snprintf(buf, size, "%s", st_db_letters_dir(db));
	else if (path && st_db_locator_backend(path, &backend, NULL) == ST_OK &&
		 backend != ST_BACKEND_FILE)
		snprintf(buf, size, "%s", "");
	else if (!slash)
		snprintf(buf, size, "letters");
	else
		snprintf(buf, size, "%.*s/letters", (int)(slash - path), path);
}

/* Read a school's file into *out (malloc'd); ST_ENOTFOUND when absent. */
static int read_file(const char *path, char **out, st_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return errno == ENOENT ? ST_ENOTFOUND
				       : st_error_set(err, ST_ENODB, "%s: cannot read: %s", path,
						      strerror(errno));
	char *buf = malloc(TEMPLATE_MAX + 1);
	size_t n = buf ? fread(buf, 1, TEMPLATE_MAX + 1, f) : 0;
	int bad = !buf || ferror(f);
	fclose(f);
	if (bad || n > TEMPLATE_MAX || memchr(buf, '\0', n) || !st__text_utf8_valid(buf, n)) {
		free(buf);
		return st_error_set(err, bad ? ST_EIO : ST_EINVAL, "%s: %s", path,
				    bad ? "read error" : "not a UTF-8 text file of at most 64 KiB");
	}
	buf[n] = '\0';
	*out = buf;
	return ST_OK;
}

/* The template for name and format: *text (malloc'd), *source for messages,
 * *html when it is a school's HTML file. */
static int find_template(st_db *db, const char *name, st_format format, char **text,
			 char *source, size_t size, int *html, st_error *err)
{
	if (!valid_name(name))
		return st_error_set(err, ST_EINVAL, "TEMPLATE %.60s: not a template name (see "
				    "`sentrack letter templates`)", name ? name : "");
	char dir[4096];
	school_dir(db, dir, sizeof dir);
	*html = 0;
	int rc = ST_ENOTFOUND;
	/* dir "": a trust with no templates directory, the built-ins only */
	if (dir[0] && format == ST_FORMAT_HTML) {
		snprintf(source, size, "%s/%s.html", dir, name);
		if ((rc = read_file(source, text, err)) == ST_OK)
			*html = 1;
	}
	if (rc == ST_ENOTFOUND && dir[0]) {
		snprintf(source, size, "%s/%s.txt", dir, name);
		rc = read_file(source, text, err);
	}
	if (rc != ST_ENOTFOUND)
		return rc;
	char builtin[128];
	snprintf(builtin, sizeof builtin, "letters/%s.txt", name);
	size_t n;
	const char *bytes = st__embedded_get(builtin, &n);
	if (!bytes)
		return st_error_set(err, ST_ENOTFOUND, "TEMPLATE %s: no such letter (see `sentrack "
				    "letter templates`)", name);
	snprintf(source, size, "data/%s", builtin);
	return (*text = st__xstrdup(bytes)) ? ST_OK : st__err_nomem(err);
}

static int gather(struct letter *l, st_error *err)
{
	st_db *db = l->db;
	int rc;
	st__doc_name(l->p->preferred, l->p->forename, l->p->surname, l->name, sizeof l->name);
	st__doc_year_label(l->p->year, l->year, sizeof l->year);
	if ((rc = st__doc_config_text(db, "school-name", l->school, sizeof l->school, err)) ||
	    (rc = st__doc_config_text(db, "school-address", l->address, sizeof l->address, err)) ||
	    (rc = st__doc_config_text(db, "senco-name", l->senco, sizeof l->senco, err)))
		return rc;
	st_date_format(l->opt->date, l->date);
	st_date_format(l->opt->meeting, l->meeting);
	st_cycle *c = NULL;
	l->review[0] = '\0';
	if (st_cycle_get(db, l->p->id, 0, &c, NULL) == ST_OK)
		st_date_format(c->review_date, l->review);
	st_cycle_free(c);
	return ST_OK;
}

/* The letter head: the school and its address, then the date. */
static void head(struct doc *d, const struct letter *l)
{
	char addr[ST_CONFIG_VALUE_MAX + 8];
	snprintf(addr, sizeof addr, "%s", l->address);
	for (char *p = addr; (p = strstr(p, ", ")) != NULL; p++)
		p[0] = '\n', memmove(p + 1, p + 2, strlen(p + 2) + 1);
	char block[2 * ST_CONFIG_VALUE_MAX + 64];
	snprintf(block, sizeof block, "%s%s%s\n\n%s", l->school, *addr ? "\n" : "", addr, l->date);
	if (d->format == ST_FORMAT_HTML) {
		fputs("<div class=\"addr\">", d->f);
		st__doc_para(d, block);
		fputs("</div>\n", d->f);
	} else {
		for (char *p = block; *p;) { /* right-aligned lines do not suit email: left */
			size_t n = strcspn(p, "\n");
			fprintf(d->f, "%.*s\n", (int)n, p);
			p += n + (p[n] != '\0');
		}
		fputc('\n', d->f);
	}
}

static int render(struct doc *d, const struct letter *l, const char *source, const char *tmpl,
		  int html, st_error *err)
{
	/* the Subject: line is the heading */
	const char *body = tmpl;
	char subject[400] = "";
	if (strncmp(tmpl, "Subject: ", 9) == 0) {
		size_t n = strcspn(tmpl + 9, "\n");
		FILE *m = fmemopen(subject, sizeof subject, "w");
		if (!m)
			return st__err_nomem(err);
		char *line = strndup(tmpl + 9, n);
		int rc = line ? substitute(l, source, line, m, 0, err) : st__err_nomem(err);
		free(line);
		fclose(m);
		if (rc != ST_OK)
			return rc;
		body = tmpl + 9 + n;
	}
	char *text = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&text, &size);
	if (!m)
		return st__err_nomem(err);
	int rc = substitute(l, source, body, m, html, err);
	fclose(m);
	if (rc == ST_OK) {
		head(d, l);
		if (*subject)
			st__doc_h1(d, subject);
		if (d->format == ST_FORMAT_HTML && html)
			fputs(text, d->f);
		else if (d->format == ST_FORMAT_HTML) {
			fputs("<div class=\"letter\">\n", d->f);
			st__doc_para(d, text);
			fputs("</div>\n", d->f);
		} else {
			while (*text == '\n')
				memmove(text, text + 1, strlen(text));
			st__doc_para(d, text);
		}
	}
	free(text);
	return rc;
}

int st_letter_write(st_db *db, const char *name, int64_t pupil_id,
		    const st_letter_options *opt, st_format format, FILE *f, st_error *err)
{
	ERR_ENSURE(err);
	char source[4200], *tmpl = NULL;
	int html;
	st_pupil *p = NULL;
	int rc = find_template(db, name, format, &tmpl, source, sizeof source, &html, err);
	if (rc == ST_OK)
		rc = st_pupil_get(db, pupil_id, &p, err);
	struct letter l = {.db = db, .p = p, .opt = opt};
	if (rc == ST_OK)
		rc = gather(&l, err);
	/* check every placeholder before writing a byte */
	if (rc == ST_OK)
		rc = substitute(&l, source, tmpl, NULL, 0, err);
	if (rc == ST_OK) {
		struct doc d;
		char title[300];
		snprintf(title, sizeof title, "Letter: %s", l.name);
		st__doc_begin(&d, f, format, title);
		rc = render(&d, &l, source, tmpl, html, err);
		st__doc_end(&d);
	}
	st_pupil_free(p);
	free(tmpl);
	return rc;
}

int st_letter_record(st_db *db, const char *name, int64_t pupil_id,
		     const st_letter_options *opt, st_error *err)
{
	ERR_ENSURE(err);
	if (!name || strcmp(name, "placement") != 0)
		return st_error_set(err, ST_EUSAGE, "--record: only the placement letter records "
				    "something (parents informed)");
	return st_register_inform(db, pupil_id, opt->date, err);
}

static int subject_of(const char *text, char *buf, size_t size)
{
	if (strncmp(text, "Subject: ", 9) != 0)
		return snprintf(buf, size, "-");
	return snprintf(buf, size, "%.*s", (int)strcspn(text + 9, "\n"), text + 9);
}

static int list_school(st_db *db, st_letter_template_cb cb, void *payload, st_error *err)
{
	char dir[4096];
	school_dir(db, dir, sizeof dir);
	DIR *dp = dir[0] ? opendir(dir) : NULL;
	if (!dp)
		return ST_OK;
	struct dirent *e;
	int rc = ST_OK;
	while (rc == ST_OK && (e = readdir(dp)) != NULL) {
		char name[256], path[4400], subject[400], *text = NULL;
		const char *dot = strrchr(e->d_name, '.');
		if (!dot || (strcmp(dot, ".txt") != 0 && strcmp(dot, ".html") != 0))
			continue;
		snprintf(name, sizeof name, "%.*s", (int)(dot - e->d_name), e->d_name);
		if (!valid_name(name))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (read_file(path, &text, err) != ST_OK)
			continue;
		subject_of(text, subject, sizeof subject);
		free(text);
		st_letter_template t = {name, subject, path};
		rc = cb(&t, payload);
	}
	closedir(dp);
	return rc;
}

int st_letter_templates(st_db *db, st_letter_template_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	static const char *const builtin[] = {"placement", "review-invitation", "ehcna-request"};
	for (size_t i = 0; i < sizeof builtin / sizeof *builtin; i++) {
		char file[64], subject[400];
		size_t n;
		snprintf(file, sizeof file, "letters/%s.txt", builtin[i]);
		const char *text = st__embedded_get(file, &n);
		subject_of(text ? text : "", subject, sizeof subject);
		st_letter_template t = {builtin[i], subject, "built-in"};
		int rc = cb(&t, payload);
		if (rc)
			return rc;
	}
	return list_school(db, cb, payload, err);
}

const char *st_letter_placeholder(int i)
{
	return i >= 0 && (size_t)i < NFIELDS ? fields[i].name : NULL;
}
