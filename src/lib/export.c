/* export.c - the CSV exports: each is a header of documented columns (the
 * stable interface schools script against; see docs/csv.md) and one
 * store query whose rows go straight to the writer. Each column has a kind
 * so that names and notes get the formula-injection guard while numbers,
 * dates and money (which may legitimately start with '-') do not. */
#include <stdlib.h>
#include <string.h>
#include "store.h"
#include "weekly_costs.h"

enum kind {
	TEXT,   /* free text: guarded */
	TYPED,  /* number, date, code: written as is */
	MONEY,  /* integer pence from the store, written as pounds */
	/* derived by the model's rules from the store's raw cells (no backend's
	 * SQL derives them): */
	PHASE,  /* the stored phase, shown on today (st_cycle_phase_shown) with
		 * the review date in column `from` */
	DAYS,   /* a date: the whole days from today until it, blank if none */
	STATUS, /* a review date: its due status on today (st_due_status_on) */
	WEEKLY, /* the weekly cost of the provision whose sessions, minutes,
		 * group size and hourly pence are columns from..from+3 */
	ANNUAL, /* the same weekly cost x school-weeks */
	COST    /* a pupil id: the pupil's provision active today x school-weeks,
		 * 0 once left (the left-on date in column `from`) */
};

struct column {
	const char *name;
	enum kind kind;
	int from;  /* PHASE, WEEKLY, ANNUAL: the raw column(s) read */
};

typedef int (*export_fn)(struct store *s, const struct export_query *q, store_cells_cb cb,
			 void *payload, st_error *err);

struct sink {
	st_csv_writer *w;
	const struct column *cols;  /* NULL: every cell is text */
	int ncols;
	st_error *err;
	long total;  /* rows the store counted ahead, -1 when not asked */
	const struct export_query *q;  /* today, due-window-days, school-weeks */
	struct weekly_costs costs;     /* COST: loaded when a column asks */
};

static st_date cell_date(const char *cell)
{
	st_date d;
	/* Stored dates were validated on the way in. */
	return cell && st_date_parse("stored date", cell, &d, NULL) == ST_OK ? d : ST_DATE_NONE;
}

static int64_t weekly_pence(const char *const *cells)
{
	return st_provision_weekly_pence((int)strtol(cells[0], NULL, 10),
					 (int)strtol(cells[1], NULL, 10),
					 (int)strtol(cells[2], NULL, 10),
					 strtoll(cells[3], NULL, 10));
}

static int write_cell(struct sink *k, const struct column *col, const char *const *cells, int i)
{
	const char *cell = cells[i];
	char buf[32];
	st_date d;
	switch (col ? col->kind : TEXT) {
	case TEXT:
		return st_csv_text(k->w, cell, k->err);
	case MONEY:
		break;
	case PHASE:
		cell = st_cycle_phase_shown(cell, cell_date(cells[col->from]), k->q->today);
		break;
	case DAYS:
		if ((d = cell_date(cell)) == ST_DATE_NONE)
			break;
		snprintf(buf, sizeof buf, "%lld", (long long)d - k->q->today);
		return st_csv_typed(k->w, buf, k->err);
	case STATUS:
		cell = st_due_status_name(st_due_status_on(cell_date(cell), k->q->today,
							   k->q->due_days));
		break;
	case WEEKLY:
		return st_csv_money(k->w, weekly_pence(cells + col->from), k->err);
	case ANNUAL:
		return st_csv_money(k->w, weekly_pence(cells + col->from) * k->q->school_weeks,
				    k->err);
	case COST:
		d = cell_date(cells[col->from]);
		return st_csv_money(k->w, d != ST_DATE_NONE && d <= k->q->today ? 0 :
				    st__weekly_cost_of(&k->costs, strtoll(cell, NULL, 10)) *
				    k->q->school_weeks, k->err);
	case TYPED:
		break;
	}
	if (col && col->kind == MONEY && cell)
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
		int rc = write_cell(k, k->cols ? &k->cols[i] : NULL, cells, i);
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
	struct sink k = {w, cols, ncols, err, -1, &q, {0}};
	int rc = query_from(db, f, &q, err);
	for (int i = 0; rc == ST_OK && i < ncols; i++)
		if (cols[i].kind == COST)
			rc = st__weekly_costs_load(db->store, q.today, &k.costs, err);
	if (st_csv_writer_shows_progress(w))
		q.total = &k.total; /* a terminal is watching: worth a count first */
	if (rc == ST_OK)
		rc = write_header(&k);
	if (rc == ST_OK)
		rc = fn(db->store, &q, write_row, &k, err);
	st__weekly_costs_free(&k.costs);
	return rc;
}

#define RUN(db, f, cols, fn, w, err) \
	run_export(db, f, cols, (int)(sizeof cols / sizeof *cols), fn, w, err)

/* Column names and order are an interface: change them only with the docs. */
static const struct column reviews_cols[] = {
	{"Pupil ID", TYPED, 0}, {"UPN", TYPED, 0}, {"Surname", TEXT, 0}, {"Forename", TEXT, 0},
	{"Year", TYPED, 0}, {"Class", TEXT, 0}, {"SEN Status", TYPED, 0}, {"Primary Need", TYPED, 0},
	{"Area of Need", TEXT, 0}, {"Phase", PHASE, 11}, {"Plan Date", TYPED, 0},
	{"Review Date", TYPED, 0}, {"Days Until Review", DAYS, 0}, {"Review Status", STATUS, 0},
	{"Outcomes", TYPED, 0},
};

static const struct column register_cols[] = {
	{"UPN", TYPED, 0}, {"Surname", TEXT, 0}, {"Forename", TEXT, 0}, {"Preferred Forename", TEXT, 0},
	{"Date of Birth", TYPED, 0}, {"Year", TYPED, 0}, {"Class", TEXT, 0}, {"SEN Status", TYPED, 0},
	{"Status Since", TYPED, 0}, {"Primary Need", TYPED, 0}, {"Primary Area", TEXT, 0},
	{"Secondary Need", TYPED, 0}, {"Secondary Area", TEXT, 0}, {"Parents Informed", TYPED, 0},
	{"EHC Plan Date", TYPED, 0}, {"Annual Provision Cost", COST, 16}, {"Left On", TYPED, 0},
};

static const struct column outcomes_cols[] = {
	{"Outcome ID", TYPED, 0}, {"Pupil ID", TYPED, 0}, {"UPN", TYPED, 0}, {"Surname", TEXT, 0},
	{"Forename", TEXT, 0}, {"Year", TYPED, 0}, {"Cycle", TYPED, 0}, {"Outcome", TEXT, 0},
	{"Area of Need", TEXT, 0}, {"Measure", TEXT, 0}, {"Target Date", TYPED, 0}, {"Set On", TYPED, 0},
	{"Rating", TYPED, 0}, {"Rated On", TYPED, 0}, {"Rating Note", TEXT, 0},
	{"Carried From Outcome", TYPED, 0},
};

static const struct column provision_cols[] = {
	{"Provision ID", TYPED, 0}, {"Pupil ID", TYPED, 0}, {"UPN", TYPED, 0}, {"Surname", TEXT, 0},
	{"Forename", TEXT, 0}, {"Year", TYPED, 0}, {"Provision", TEXT, 0}, {"Staff Role", TEXT, 0},
	{"Sessions per Week", TYPED, 0}, {"Minutes per Session", TYPED, 0}, {"Group Size", TYPED, 0},
	{"Hourly Cost", MONEY, 0}, {"Weekly Cost", WEEKLY, 8}, {"Annual Cost", ANNUAL, 8},
	{"Start Date", TYPED, 0}, {"End Date", TYPED, 0},
};

static const struct column meetings_cols[] = {
	{"Meeting ID", TYPED, 0}, {"Pupil ID", TYPED, 0}, {"UPN", TYPED, 0}, {"Surname", TEXT, 0},
	{"Forename", TEXT, 0}, {"Year", TYPED, 0}, {"Date", TYPED, 0}, {"Purpose", TYPED, 0},
	{"Attendees", TEXT, 0}, {"With Parents", TYPED, 0}, {"Cycle", TYPED, 0}, {"Notes", TEXT, 0},
};

static const struct column cycles_cols[] = {
	{"Cycle ID", TYPED, 0}, {"Pupil ID", TYPED, 0}, {"UPN", TYPED, 0}, {"Surname", TEXT, 0},
	{"Forename", TEXT, 0}, {"Year", TYPED, 0}, {"Cycle", TYPED, 0}, {"Phase", PHASE, 11},
	{"Opened On", TYPED, 0}, {"Assessed On", TYPED, 0}, {"Planned On", TYPED, 0},
	{"Review Date", TYPED, 0}, {"Do On", TYPED, 0}, {"Reviewed On", TYPED, 0}, {"Decision", TYPED, 0},
	{"Closed On", TYPED, 0}, {"Outcomes", TYPED, 0}, {"Achieved", TYPED, 0}, {"Partially", TYPED, 0},
	{"Not Achieved", TYPED, 0}, {"Strategies", TEXT, 0}, {"Lead", TEXT, 0},
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

#define PUPIL_MAX_COLS 32

/* The derived fields of a pupil export's record, from the store's raw
 * cells into out (money's text in buf): the cycles' phase shown on today
 * (st_cycle_phase_shown with the record's review_date) and provision's
 * hourly_cost in pounds. The fields are named by the section's columns,
 * an interface (docs/csv.md). */
static int pupil_derive(const char *section, const char *const *names,
			const char *const *cells, int n, st_date today, const char **out,
			char buf[ST_MONEY_BUFSZ], st_error *err)
{
	if (n > PUPIL_MAX_COLS)
		return st_error_set(err, ST_EINTERNAL, "export section %s has %d columns", section, n);
	int phase = -1, review = -1, money = -1;
	if (!section)
		section = "";
	for (int i = 0; i < n; i++) {
		out[i] = cells[i];
		if (strcmp(section, "cycles") == 0 && strcmp(names[i], "phase") == 0)
			phase = i;
		else if (strcmp(section, "cycles") == 0 && strcmp(names[i], "review_date") == 0)
			review = i;
		else if (strcmp(section, "provision") == 0 && strcmp(names[i], "hourly_cost") == 0)
			money = i;
	}
	if (phase >= 0 && review >= 0)
		out[phase] = st_cycle_phase_shown(cells[phase], cell_date(cells[review]), today);
	if (money >= 0 && cells[money])
		out[money] = st_money_format(strtoll(cells[money], NULL, 10), buf);
	return ST_OK;
}

struct long_rows {
	st_csv_writer *w;
	const char *section;
	long record;
	st_error *err;
	st_date today;
};

/* section,record,field,value: one row per field of each record. */
static int write_long(const char *const *names, const char *const *raw, int n, void *payload)
{
	struct long_rows *l = payload;
	const char *cells[PUPIL_MAX_COLS];
	char buf[ST_MONEY_BUFSZ];
	if (pupil_derive(l->section, names, raw, n, l->today, cells, buf, l->err) != ST_OK)
		return l->err->code;
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
		struct long_rows l = {w, st__store_pupil_section_name(i), 0, err, db->today};
		rc = st__store_export_pupil_section(db->store, i, pupil_id, db->today, write_long, &l, err);
	}
	return rc;
}

struct table_rows {
	struct sink k;
	int header_done;
	const char *section;
	st_date today;
};

/* The header comes from the query's column names, written with the first
 * row; an empty section still gets it (see st_export_pupil_section). */
static int write_table(const char *const *names, const char *const *raw, int n,
		       void *payload)
{
	struct table_rows *t = payload;
	if (!t->header_done) {
		t->header_done = 1;
		if (st_csv_header(t->k.w, names, n, t->k.err) != ST_OK)
			return t->k.err->code;
	}
	if (!raw)
		return ST_OK;
	const char *cells[PUPIL_MAX_COLS];
	char buf[ST_MONEY_BUFSZ];
	if (pupil_derive(t->section, names, raw, n, t->today, cells, buf, t->k.err) != ST_OK)
		return t->k.err->code;
	return write_row(names, cells, n, &t->k);
}

int st_export_pupil_section(st_db *db, int64_t pupil_id, int section, st_csv_writer *w,
			    st_error *err)
{
	ERR_ENSURE(err);
	struct table_rows t = {{w, NULL, 0, err, -1, NULL, {0}}, 0,
			       st__store_pupil_section_name(section), db->today};
	int rc = check_pupil(db, pupil_id, err);
	if (rc == ST_OK)
		rc = st__store_export_pupil_section(db->store, section, pupil_id, db->today,
						    write_table, &t, err);
	if (rc == ST_OK && !t.header_done)
		rc = st__store_pupil_section_header(db->store, section, write_table, &t, err);
	return rc;
}
