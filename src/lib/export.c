/* export.c - the CSV exports: each is a header of documented columns (the
 * stable interface schools script against; see docs/csv.md) and one
 * store query whose rows go straight to the writer. Each column has a kind
 * so that names and notes get the formula-injection guard while numbers,
 * dates and money (which may legitimately start with '-') do not. */
#include <stdlib.h>
#include <string.h>
#include "store.h"

enum kind {
	TEXT,   /* free text: guarded */
	TYPED,  /* number, date, code: written as is */
	MONEY   /* integer pence from the store, written as pounds */
};

struct column {
	const char *name;
	enum kind kind;
};

typedef int (*export_fn)(struct store *s, const struct export_query *q, store_cells_cb cb,
			 void *payload, st_error *err);

struct sink {
	st_csv_writer *w;
	const struct column *cols;  /* NULL: every cell is text */
	int ncols;
	st_error *err;
	long total;  /* rows the store counted ahead, -1 when not asked */
};

static int write_cell(struct sink *k, enum kind kind, const char *cell)
{
	if (kind == TEXT)
		return st_csv_text(k->w, cell, k->err);
	if (kind == MONEY && cell)
		return st_csv_money(k->w, strtoll(cell, NULL, 10), k->err);
	return st_csv_typed(k->w, cell, k->err);
}

static int write_row(const char *const *names, const char *const *cells, int n, void *payload)
{
	(void)names;
	struct sink *k = payload;
	if (k->cols && n != k->ncols)
		return st_error_set(k->err, ST_EINTERNAL, "export: %d cells for %d columns", n,
				    k->ncols);
	if (k->total >= 0)
		st_csv_writer_expect(k->w, k->total + 1); /* + the header */
	for (int i = 0; i < n; i++) {
		int rc = write_cell(k, k->cols ? k->cols[i].kind : TEXT, cells[i]);
		if (rc != ST_OK)
			return rc;
	}
	return st_csv_end_row(k->w, k->err);
}

static int write_header(struct sink *k)
{
	for (int i = 0; i < k->ncols; i++)
		if (st_csv_typed(k->w, k->cols[i].name, k->err) != ST_OK)
			return k->err->code;
	return st_csv_end_row(k->w, k->err);
}

void st_export_filter_init(st_export_filter *f)
{
	memset(f, 0, sizeof *f);
	f->from = f->to = f->active_on = ST_DATE_NONE;
}

static int query_from(st_db *db, const st_export_filter *f, struct export_query *q,
		      st_error *err)
{
	*q = (struct export_query){
		.from = f->from, .to = f->to, .active_on = f->active_on, .today = db_today(db),
		.year = f->year, .status = f->status, .include_left = f->include_left,
	};
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	if (f->from != ST_DATE_NONE && f->to != ST_DATE_NONE && f->to < f->from)
		return st_error_set(err, ST_EINVAL, "--to %s: is before --from %s",
				    st_date_format(f->to, d1), st_date_format(f->from, d2));
	if (f->year && st_year_validate(db, "--year", f->year, err) != ST_OK)
		return err->code;
	int rc = st_config_int(db, "due-window-days", &q->due_days, err);
	if (rc == ST_OK)
		rc = st_config_int(db, "school-weeks", &q->school_weeks, err);
	return rc;
}

static int run_export(st_db *db, const st_export_filter *f, const struct column *cols,
		      int ncols, export_fn fn, st_csv_writer *w, st_error *err)
{
	ERR_ENSURE(err);
	st_export_filter none;
	if (!f) {
		st_export_filter_init(&none);
		f = &none;
	}
	struct export_query q;
	struct sink k = {w, cols, ncols, err, -1};
	int rc = query_from(db, f, &q, err);
	if (st_csv_writer_shows_progress(w))
		q.total = &k.total; /* a terminal is watching: worth a count first */
	if (rc == ST_OK)
		rc = write_header(&k);
	if (rc == ST_OK)
		rc = fn(db->store, &q, write_row, &k, err);
	return rc;
}

#define RUN(db, f, cols, fn, w, err) \
	run_export(db, f, cols, (int)(sizeof cols / sizeof *cols), fn, w, err)

/* Column names and order are an interface: change them only with the docs. */
static const struct column reviews_cols[] = {
	{"Pupil ID", TYPED}, {"UPN", TYPED}, {"Surname", TEXT}, {"Forename", TEXT},
	{"Year", TYPED}, {"Class", TEXT}, {"SEN Status", TYPED}, {"Primary Need", TYPED},
	{"Area of Need", TEXT}, {"Phase", TYPED}, {"Plan Date", TYPED}, {"Review Date", TYPED},
	{"Days Until Review", TYPED}, {"Review Status", TYPED}, {"Outcomes", TYPED},
};

static const struct column register_cols[] = {
	{"UPN", TYPED}, {"Surname", TEXT}, {"Forename", TEXT}, {"Preferred Forename", TEXT},
	{"Date of Birth", TYPED}, {"Year", TYPED}, {"Class", TEXT}, {"SEN Status", TYPED},
	{"Status Since", TYPED}, {"Primary Need", TYPED}, {"Primary Area", TEXT},
	{"Secondary Need", TYPED}, {"Secondary Area", TEXT}, {"Parents Informed", TYPED},
	{"EHC Plan Date", TYPED}, {"Annual Provision Cost", MONEY}, {"Left On", TYPED},
};

static const struct column outcomes_cols[] = {
	{"Outcome ID", TYPED}, {"Pupil ID", TYPED}, {"UPN", TYPED}, {"Surname", TEXT},
	{"Forename", TEXT}, {"Year", TYPED}, {"Cycle", TYPED}, {"Outcome", TEXT},
	{"Area of Need", TEXT}, {"Measure", TEXT}, {"Target Date", TYPED}, {"Set On", TYPED},
	{"Rating", TYPED}, {"Rated On", TYPED}, {"Rating Note", TEXT},
	{"Carried From Outcome", TYPED},
};

static const struct column provision_cols[] = {
	{"Provision ID", TYPED}, {"Pupil ID", TYPED}, {"UPN", TYPED}, {"Surname", TEXT},
	{"Forename", TEXT}, {"Year", TYPED}, {"Provision", TEXT}, {"Staff Role", TEXT},
	{"Sessions per Week", TYPED}, {"Minutes per Session", TYPED}, {"Group Size", TYPED},
	{"Hourly Cost", MONEY}, {"Weekly Cost", MONEY}, {"Annual Cost", MONEY},
	{"Start Date", TYPED}, {"End Date", TYPED},
};

static const struct column meetings_cols[] = {
	{"Meeting ID", TYPED}, {"Pupil ID", TYPED}, {"UPN", TYPED}, {"Surname", TEXT},
	{"Forename", TEXT}, {"Year", TYPED}, {"Date", TYPED}, {"Purpose", TYPED},
	{"Attendees", TEXT}, {"With Parents", TYPED}, {"Cycle", TYPED}, {"Notes", TEXT},
};

static const struct column cycles_cols[] = {
	{"Cycle ID", TYPED}, {"Pupil ID", TYPED}, {"UPN", TYPED}, {"Surname", TEXT},
	{"Forename", TEXT}, {"Year", TYPED}, {"Cycle", TYPED}, {"Phase", TYPED},
	{"Opened On", TYPED}, {"Assessed On", TYPED}, {"Planned On", TYPED},
	{"Review Date", TYPED}, {"Do On", TYPED}, {"Reviewed On", TYPED}, {"Decision", TYPED},
	{"Closed On", TYPED}, {"Outcomes", TYPED}, {"Achieved", TYPED}, {"Partially", TYPED},
	{"Not Achieved", TYPED}, {"Strategies", TEXT}, {"Lead", TEXT},
};

int st_export_reviews(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err)
{
	return RUN(db, f, reviews_cols, st__store_export_reviews, w, err);
}

int st_export_register(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err)
{
	return RUN(db, f, register_cols, st__store_export_register, w, err);
}

int st_export_outcomes(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err)
{
	return RUN(db, f, outcomes_cols, st__store_export_outcomes, w, err);
}

int st_export_provision(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err)
{
	return RUN(db, f, provision_cols, st__store_export_provision, w, err);
}

int st_export_meetings(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err)
{
	return RUN(db, f, meetings_cols, st__store_export_meetings, w, err);
}

int st_export_cycles(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err)
{
	return RUN(db, f, cycles_cols, st__store_export_cycles, w, err);
}

/* --- one pupil (subject access) ----------------------------------------- */

int st_export_pupil_sections(void)
{
	return st__store_pupil_sections;
}

const char *st_export_pupil_section_name(int section)
{
	return st__store_pupil_section_name(section);
}

struct long_rows {
	st_csv_writer *w;
	const char *section;
	long record;
	st_error *err;
};

/* section,record,field,value: one row per field of each record. */
static int write_long(const char *const *names, const char *const *cells, int n, void *payload)
{
	struct long_rows *l = payload;
	l->record++;
	for (int i = 0; i < n; i++) {
		if (st_csv_typed(l->w, l->section, l->err) || st_csv_int(l->w, l->record, l->err) ||
		    st_csv_typed(l->w, names[i], l->err) || st_csv_text(l->w, cells[i], l->err) ||
		    st_csv_end_row(l->w, l->err))
			return l->err->code;
	}
	return ST_OK;
}

static int check_pupil(st_db *db, int64_t pupil_id, st_error *err)
{
	st_pupil *p = NULL;
	int rc = st_pupil_get(db, pupil_id, &p, err);
	st_pupil_free(p);
	return rc;
}

int st_export_pupil(st_db *db, int64_t pupil_id, st_csv_writer *w, st_error *err)
{
	ERR_ENSURE(err);
	static const char *const header[] = {"section", "record", "field", "value"};
	int rc = check_pupil(db, pupil_id, err);
	if (rc == ST_OK)
		rc = st_csv_header(w, header, 4, err);
	for (int i = 0; rc == ST_OK && i < st__store_pupil_sections; i++) {
		struct long_rows l = {w, st__store_pupil_section_name(i), 0, err};
		rc = st__store_export_pupil_section(db->store, i, pupil_id, db->today, write_long, &l, err);
	}
	return rc;
}

struct table_rows {
	struct sink k;
	int header_done;
};

/* The header comes from the query's column names, written with the first
 * row; an empty section still gets it (see st_export_pupil_section). */
static int write_table(const char *const *names, const char *const *cells, int n,
		       void *payload)
{
	struct table_rows *t = payload;
	if (!t->header_done) {
		t->header_done = 1;
		if (st_csv_header(t->k.w, names, n, t->k.err) != ST_OK)
			return t->k.err->code;
	}
	if (!cells)
		return ST_OK;
	return write_row(names, cells, n, &t->k);
}

int st_export_pupil_section(st_db *db, int64_t pupil_id, int section, st_csv_writer *w,
			    st_error *err)
{
	ERR_ENSURE(err);
	struct table_rows t = {{w, NULL, 0, err, -1}, 0};
	int rc = check_pupil(db, pupil_id, err);
	if (rc == ST_OK)
		rc = st__store_export_pupil_section(db->store, section, pupil_id, db->today,
						    write_table, &t, err);
	if (rc == ST_OK && !t.header_done)
		rc = st__store_pupil_section_header(db->store, section, write_table, &t, err);
	return rc;
}
