/* passport.c - the pupil passport: the one-page profile teachers and TAs
 * use (Code 6.49). Its own words (what people like and admire about me,
 * what is important to me, how best to support me) are kept per pupil;
 * needs and current support come from the rest of the model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "doc.h"
#include "store_docs.h"

struct words {
	char *about, *important, *support;
	st_date updated_on;
};

static int copy_words(const struct passport_row *r, void *payload)
{
	struct words *w = payload;
	w->about = st__xstrdup(r->about);
	w->important = st__xstrdup(r->important);
	w->support = st__xstrdup(r->support);
	w->updated_on = r->updated_on;
	if ((r->about && !w->about) || (r->important && !w->important) ||
	    (r->support && !w->support))
		return ST_EINTERNAL;
	return 0;
}

static void words_free(struct words *w)
{
	free(w->about), free(w->important), free(w->support);
}

static int read_words(st_db *db, int64_t pupil, struct words *w, st_error *err)
{
	int found = 0;
	memset(w, 0, sizeof *w);
	w->updated_on = ST_DATE_NONE;
	int rc = st__store_passport_get(db->store, pupil, copy_words, w, &found, err);
	return rc == ST_EINTERNAL ? st__err_nomem(err) : rc;
}

/* "" clears a field; NULL keeps it. */
static const char *pick(const char *given, const char *old)
{
	if (!given)
		return old;
	return *given ? given : NULL;
}

int st_passport_set(st_db *db, int64_t pupil_id, const char *about, const char *important,
		    const char *support, st_error *err)
{
	ERR_ENSURE(err);
	int rc;
	if ((rc = st__text_check("--about", about, TEXT_LONG_MAX, TEXT_MULTILINE, err)) ||
	    (rc = st__text_check("--important", important, TEXT_LONG_MAX, TEXT_MULTILINE, err)) ||
	    (rc = st__text_check("--support", support, TEXT_LONG_MAX, TEXT_MULTILINE, err)))
		return rc;
	if (!about && !important && !support)
		return st_error_set(err, ST_EUSAGE, "give --about, --important or --support");
	st_pupil *p = NULL;
	if ((rc = st_pupil_get(db, pupil_id, &p, err)) != ST_OK)
		return rc;
	int left = p->left != ST_DATE_NONE;
	st_pupil_free(p);
	if (left)
		return st_error_set(err, ST_ERULE, "pupil %lld: has left; their records are archived",
				    (long long)pupil_id);
	struct words old;
	if ((rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	rc = read_words(db, pupil_id, &old, err);
	if (rc == ST_OK) {
		struct passport_row r = {pick(about, old.about), pick(important, old.important),
					 pick(support, old.support), db_today(db)};
		rc = st__store_passport_put(db->store, pupil_id, &r, err);
	}
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "passport", pupil_id, pupil_id, db_today(db),
				     NULL, err);
	words_free(&old);
	return st__write_end(db, rc, err);
}

struct page {
	st_db *db;
	struct doc *d;
	int n;
};

static int need_row(const st_pupil_need *n, void *payload)
{
	struct page *pg = payload;
	const char *cells[] = {n->type.label, n->type.area_label ? n->type.area_label : "",
			       n->rank == 1 ? "primary" : "secondary"};
	st__doc_table_row(pg->d, cells);
	return 0;
}

static int support_row(const st_provision *p, void *payload)
{
	struct page *pg = payload;
	char pattern[64];
	snprintf(pattern, sizeof pattern, "%d x %d minutes a week, %s", p->sessions_per_week,
		 p->minutes, p->group_size == 1 ? "one to one" : "in a group");
	const char *cells[] = {p->name, p->staff_role, pattern};
	st__doc_table_row(pg->d, cells);
	return 0;
}

static int outcome_row(const st_outcome *o, void *payload)
{
	struct page *pg = payload;
	char by[ST_DATE_BUFSZ];
	if (o->rating)
		return 0;
	const char *cells[] = {o->text, st_date_format(o->target_date, by)};
	st__doc_table_row(pg->d, cells);
	return 0;
}

static void words_section(struct doc *d, const char *title, const char *text)
{
	st__doc_h2(d, title);
	st__doc_para(d, text && *text ? text : "Not written yet (sentrack passport set).");
}

static int one_page(struct page *pg, int64_t pupil, st_error *err)
{
	struct doc *d = pg->d;
	st_pupil *p = NULL;
	struct words w;
	int rc = st_pupil_get(pg->db, pupil, &p, err);
	if (rc == ST_OK && (rc = read_words(pg->db, pupil, &w, err)) != ST_OK)
		st_pupil_free(p);
	if (rc != ST_OK)
		return rc;
	char name[240], title[300], year[32], line[200];
	st__doc_name(p->preferred, p->forename, p->surname, name, sizeof name);
	snprintf(title, sizeof title, "Pupil passport: %s", name);
	st__doc_page_begin(d);
	st__doc_school(d, pg->db);
	st__doc_h1(d, title);
	snprintf(line, sizeof line, "%s%s%s", st__doc_year_label(p->year, year, sizeof year),
		 p->class_name ? ", class " : "", p->class_name ? p->class_name : "");
	st__doc_para(d, line);
	words_section(d, "What people like and admire about me", w.about);
	words_section(d, "What is important to me", w.important);
	words_section(d, "How best to support me", w.support);
	static const char *const nh[] = {"Need", "Area", "Rank"};
	st__doc_table_begin(d, "My needs", 3, nh, 0);
	rc = st_need_list(pg->db, pupil, need_row, pg, err);
	st__doc_table_end(d);
	static const char *const sh[] = {"Support", "Who", "How often"};
	st__doc_table_begin(d, "Support I have now", 3, sh, 0);
	if (rc == ST_OK)
		rc = st_provision_list(pg->db, pupil, db_today(pg->db), support_row, pg, err);
	st__doc_table_end(d);
	static const char *const oh[] = {"What I am working on", "By"};
	st__doc_table_begin(d, "What I am working on", 2, oh, 0);
	if (rc == ST_OK)
		rc = st_outcome_list(pg->db, pupil, 0, outcome_row, pg, err);
	st__doc_table_end(d);
	char upd[ST_DATE_BUFSZ];
	if (w.updated_on != ST_DATE_NONE) {
		snprintf(line, sizeof line, "Updated %s.", st_date_format(w.updated_on, upd));
		st__doc_note(d, line);
	}
	st__doc_page_end(d);
	words_free(&w);
	st_pupil_free(p);
	return rc == ST_ENOTFOUND ? ST_OK : rc;
}

int st_passport_write(st_db *db, const int64_t *pupils, size_t n, st_format format, FILE *f,
		      st_error *err)
{
	ERR_ENSURE(err);
	struct doc d;
	struct page pg = {db, &d, 0};
	st__doc_begin(&d, f, format, n == 1 ? "Pupil passport" : "Pupil passports");
	int rc = ST_OK;
	for (size_t i = 0; i < n && rc == ST_OK; i++)
		rc = one_page(&pg, pupils[i], err);
	st__doc_end(&d);
	return rc;
}

struct ids {
	int64_t *v;
	size_t n, cap;
	const char *class_name;
};

static int add_id(const st_pupil *p, void *payload)
{
	struct ids *ids = payload;
	if (ids->n == ids->cap) {
		size_t cap = ids->cap ? 2 * ids->cap : 32;
		int64_t *v = realloc(ids->v, cap * sizeof *v);
		if (!v)
			return ST_EINTERNAL;
		ids->v = v, ids->cap = cap;
	}
	ids->v[ids->n++] = p->id;
	return 0;
}

int st_passport_pupils(st_db *db, const char *class_name, const char *year, int64_t **out,
		       size_t *n, st_error *err)
{
	ERR_ENSURE(err);
	int rc;
	if (year && (rc = st_year_validate(db, "--year", year, err)) != ST_OK)
		return rc;
	st_pupil_filter f = {.year = year, .class_name = class_name, .register_only = 1};
	struct ids ids = {0};
	rc = st_pupil_list(db, &f, add_id, &ids, err);
	if (rc == ST_EINTERNAL)
		rc = st__err_nomem(err);
	if (rc == ST_OK && ids.n == 0)
		rc = st_error_set(err, ST_ENOTFOUND, "%s %.40s: no pupil on the SEN register",
				  class_name ? "--class" : "--year", class_name ? class_name : year);
	if (rc != ST_OK) {
		free(ids.v);
		return rc;
	}
	*out = ids.v;
	*n = ids.n;
	return ST_OK;
}
