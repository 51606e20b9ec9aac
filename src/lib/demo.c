/* demo.c - load the fictional demo cohort (data/demo/) through the model.
 *
 * The files are dated as of DEMO_ANCHOR; every date is shifted by the days
 * between the anchor and "today" so the demo always reads as current and no
 * date lands in the future. No real child's data is in these files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csvread.h"
#include "store.h"

#define DEMO_ANCHOR "2026-11-25"

struct demo {
	st_db *db;
	st_error *err;
	int32_t shift;
	int header[16]; /* column index by field, from the header row */
	int have_header;
	int pupils;
	const char *file;
};

enum { P_UPN, P_SURNAME, P_FORENAME, P_PREFERRED, P_DOB, P_YEAR, P_CLASS, P_JOINED,
       P_PRIMARY, P_SECONDARY, P_LEFT, P_NFIELDS };
static const char *const pupil_cols[] = {"upn", "surname", "forename", "preferred", "dob",
					 "year", "class", "joined", "primary_need",
					 "secondary_need", "left"};
enum { R_UPN, R_STATUS, R_DATE, R_INFORMED, R_PLAN, R_REASON, R_NFIELDS };
static const char *const register_cols[] = {"upn", "status", "date", "parents_informed",
					    "plan_date", "reason"};

static int read_header(struct demo *d, int nf, char **f, const char *const *cols, int ncols)
{
	for (int i = 0; i < ncols; i++) {
		d->header[i] = st__csv_column(nf, f, cols[i]);
		if (d->header[i] < 0)
			return st_error_set(d->err, ST_EINTERNAL, "data/demo/%s: no column %s", d->file,
					    cols[i]);
	}
	d->have_header = 1;
	return ST_OK;
}

static const char *field(struct demo *d, int nf, char **f, int col)
{
	int i = d->header[col];
	return i < nf && f[i][0] ? f[i] : NULL;
}

static st_date date_field(struct demo *d, int nf, char **f, int col)
{
	const char *t = field(d, nf, f, col);
	st_date v;
	if (!t || st_date_parse("demo", t, &v, NULL) != ST_OK)
		return ST_DATE_NONE;
	return v + d->shift;
}

static int pupil_id(struct demo *d, const char *upn, int64_t *id)
{
	int rc = st__store_pupil_id_by_upn(d->db->store, upn, id, d->err);
	if (rc == ST_OK && !*id)
		rc = st_error_set(d->err, ST_EINTERNAL, "data/demo: unknown UPN %s", upn);
	return rc;
}

static int load_pupil(int nf, char **f, long line, void *payload)
{
	(void)line;
	struct demo *d = payload;
	if (!d->have_header)
		return read_header(d, nf, f, pupil_cols, P_NFIELDS);
	st_pupil_fields p;
	st_pupil_fields_init(&p);
	p.upn = field(d, nf, f, P_UPN);
	p.surname = field(d, nf, f, P_SURNAME);
	p.forename = field(d, nf, f, P_FORENAME);
	p.preferred = field(d, nf, f, P_PREFERRED);
	p.dob = date_field(d, nf, f, P_DOB);
	p.year = field(d, nf, f, P_YEAR);
	p.class_name = field(d, nf, f, P_CLASS);
	p.joined = date_field(d, nf, f, P_JOINED);
	int64_t id;
	int rc = st_pupil_add(d->db, &p, &id, d->err);
	d->pupils += rc == ST_OK;
	return rc;
}

/* The start of the pupil's current spell at K or E. */
static int spell_start(const st_register_event *e, void *payload)
{
	st_date *since = payload;
	if (e->status == 'N')
		*since = ST_DATE_NONE;
	else if (*since == ST_DATE_NONE)
		*since = e->date;
	return 0;
}

/* Needs go in after the register (the census records needs only at K or
 * E), dated from when the pupil was placed on it. */
static int load_needs(int nf, char **f, long line, void *payload)
{
	(void)line;
	struct demo *d = payload;
	if (!d->have_header)
		return read_header(d, nf, f, pupil_cols, P_NFIELDS);
	const char *need1 = field(d, nf, f, P_PRIMARY), *need2 = field(d, nf, f, P_SECONDARY);
	int64_t id;
	st_date since = ST_DATE_NONE;
	int rc = need1 ? pupil_id(d, field(d, nf, f, P_UPN), &id) : ST_OK;
	if (need1 && rc == ST_OK)
		rc = st_register_history(d->db, id, spell_start, &since, d->err);
	if (rc != ST_OK || !need1 || since == ST_DATE_NONE)
		return rc;
	rc = st__need_add_dated(d->db, id, need1, 1, since, d->err);
	if (rc == ST_OK && need2)
		rc = st__need_add_dated(d->db, id, need2, 2, since, d->err);
	return rc;
}

static int load_event(int nf, char **f, long line, void *payload)
{
	(void)line;
	struct demo *d = payload;
	if (!d->have_header)
		return read_header(d, nf, f, register_cols, R_NFIELDS);
	int64_t id;
	int rc = pupil_id(d, field(d, nf, f, R_UPN), &id);
	const char *status = field(d, nf, f, R_STATUS);
	if (rc == ST_OK)
		rc = st_register_set(d->db, id, status ? status[0] : 0, date_field(d, nf, f, R_DATE),
				     date_field(d, nf, f, R_INFORMED), date_field(d, nf, f, R_PLAN),
				     field(d, nf, f, R_REASON), "demo", NULL, d->err);
	return rc;
}

enum { C_UPN, C_DATE, C_ACTION, C_A1, C_A2, C_A3, C_A4, C_A5, C_A6, C_NFIELDS };
static const char *const cycle_cols[] = {"upn", "date", "action", "a1", "a2", "a3", "a4", "a5",
					 "a6"};

struct ids {
	int64_t id[16];
	int n;
};

static int collect_id(const st_outcome *o, void *payload)
{
	struct ids *ids = payload;
	if (ids->n < 16)
		ids->id[ids->n++] = o->id;
	return 0;
}

/* Rate the open cycle's outcomes in order: ratings is "achieved,partially". */
static int rate_all(struct demo *d, int64_t pupil, const char *ratings)
{
	struct ids ids = {.n = 0};
	int rc = st_outcome_list(d->db, pupil, 0, collect_id, &ids, d->err);
	const char *p = ratings ? ratings : "";
	for (int i = 0; rc == ST_OK && i < ids.n; i++) {
		char rating[16];
		size_t n = strcspn(p, ",");
		snprintf(rating, sizeof rating, "%.*s", (int)(n < 15 ? n : 15), p);
		rc = st_outcome_rate(d->db, ids.id[i], rating, NULL, d->err);
		p += n + (p[n] == ',');
	}
	return rc;
}

struct unsmart {
	int64_t id[16];
	int measure[16], date[16];
	int n;
};

static int collect_unsmart(const st_outcome *o, void *payload)
{
	struct unsmart *u = payload;
	if (u->n < 16 && (!o->measure || o->target_date == ST_DATE_NONE)) {
		u->id[u->n] = o->id;
		u->measure[u->n] = !o->measure;
		u->date[u->n++] = o->target_date == ST_DATE_NONE;
	}
	return 0;
}

/* Before each plan the demo SENCO makes every outcome SMART (Code 6.48):
 * outcomes carried forward get the new review date as their target. */
static int make_smart(struct demo *d, int64_t pupil, st_date review)
{
	struct unsmart u = {.n = 0};
	int rc = st_outcome_list(d->db, pupil, 0, collect_unsmart, &u, d->err);
	for (int i = 0; rc == ST_OK && i < u.n; i++)
		rc = st_outcome_edit(d->db, u.id[i], NULL, NULL,
				     u.measure[i] ? "teacher assessment against the outcome" : NULL,
				     u.date[i] ? review : ST_DATE_NONE, d->err);
	return rc;
}

static unsigned who(const char *text)
{
	unsigned w = 0;
	return text && st_who_parse("demo", text, &w, NULL) == ST_OK ? w : 0;
}

static int load_ehc_event(struct demo *d, int64_t pupil, st_date date, const char *action,
			  int nf, char **f, long line);

/* One step of a pupil's story, replayed through the model on its date. */
static int load_cycle_event(int nf, char **f, long line, void *payload)
{
	struct demo *d = payload;
	if (!d->have_header)
		return read_header(d, nf, f, cycle_cols, C_NFIELDS);
	int64_t pupil, id;
	int rc = pupil_id(d, field(d, nf, f, C_UPN), &pupil);
	if (rc != ST_OK)
		return rc;
	st_date date = date_field(d, nf, f, C_DATE);
	st_db_set_today(d->db, date);
	const char *action = field(d, nf, f, C_ACTION);
	const char *a1 = field(d, nf, f, C_A1), *a2 = field(d, nf, f, C_A2),
		   *a3 = field(d, nf, f, C_A3);
	if (strcmp(action, "open") == 0)
		return st_cycle_open(d->db, pupil, date, &id, d->err);
	if (strcmp(action, "assess") == 0)
		return st_cycle_assess(d->db, pupil, a1, a2, a3, date, d->err);
	if (strcmp(action, "outcome") == 0)
		return st_outcome_add(d->db, pupil, a1, a2, a3, ST_DATE_NONE, &id, d->err);
	if (strcmp(action, "plan") == 0 &&
	    (rc = make_smart(d, pupil, date_field(d, nf, f, C_A1))) != ST_OK)
		return rc;
	if (strcmp(action, "plan") == 0)
		return st_cycle_plan(d->db, pupil, date_field(d, nf, f, C_A1), date, who(a2), 1,
				     d->err);
	if (strcmp(action, "do") == 0)
		return st_cycle_do(d->db, pupil, date, d->err);
	if (strcmp(action, "rate") == 0)
		return rate_all(d, pupil, a1);
	if (strcmp(action, "review") == 0) {
		st_review r = {0, date, who(a2), NULL, NULL, NULL, ST_DATE_NONE};
		rc = st_decision_parse("demo", a1, &r.decision, d->err);
		return rc == ST_OK ? st_cycle_review(d->db, pupil, &r, &id, d->err) : rc;
	}
	if (strcmp(action, "provision") == 0) {
		st_provision p = {.pupil_id = pupil, .name = a1, .staff_role = a2,
				  .sessions_per_week = atoi(a3), .minutes = atoi(field(d, nf, f, C_A4)),
				  .group_size = atoi(field(d, nf, f, C_A5)), .start = date,
				  .end = ST_DATE_NONE};
		rc = st_money_parse("demo", field(d, nf, f, C_A6), &p.hourly_cost_pence, d->err);
		return rc == ST_OK ? st_provision_add(d->db, &p, &id, d->err) : rc;
	}
	if (strcmp(action, "specialist") == 0)
		return st_specialist_add(d->db, pupil, a1, date_field(d, nf, f, C_A2), date, a3, &id,
					 d->err);
	if (strcmp(action, "ehcp") == 0)
		return st_ehcp_review_add(d->db, pupil, date, who(a1), a2, &id, d->err);
	if (strcmp(action, "meeting") == 0)
		return st_meeting_add(d->db, pupil, date, who(a1), a2, a3, &id, d->err);
	/* booked on the row's date for a later day (a1): a planned meeting */
	if (strcmp(action, "meeting-booked") == 0)
		return st_meeting_add(d->db, pupil, date_field(d, nf, f, C_A1), who(a2), a3,
				      field(d, nf, f, C_A4), &id, d->err);
	return load_ehc_event(d, pupil, date, action, nf, f, line);
}

/* The EHC timelines of the demo (issue 12): an annual review in progress
 * and a needs assessment request waiting for the local authority. Planned
 * meetings are booked in load_cycle_event ("meeting-booked"). */
static int load_ehc_event(struct demo *d, int64_t pupil, st_date date, const char *action,
			  int nf, char **f, long line)
{
	const char *a1 = field(d, nf, f, C_A1);
	int64_t id;
	st_date moved;
	if (strcmp(action, "ehcp-schedule") == 0)
		return st_ehcp_schedule(d->db, pupil, date_field(d, nf, f, C_A1), &id, &moved, d->err);
	if (strcmp(action, "ehcp-done") == 0)
		return st_ehcp_step_done(d->db, pupil, a1, date, d->err);
	if (strcmp(action, "ehcna") == 0)
		return st_ehcna_request(d->db, pupil, a1, date, date_field(d, nf, f, C_A2), &id, d->err);
	return st_error_set(d->err, ST_EINTERNAL, "data/demo/cycles.csv:%ld: unknown action %s",
			    line, action);
}

static int load_leaver(int nf, char **f, long line, void *payload)
{
	(void)line;
	struct demo *d = payload;
	if (!d->have_header)
		return read_header(d, nf, f, pupil_cols, P_NFIELDS);
	st_date left = date_field(d, nf, f, P_LEFT);
	if (left == ST_DATE_NONE)
		return ST_OK;
	int64_t id;
	int rc = pupil_id(d, field(d, nf, f, P_UPN), &id);
	return rc == ST_OK ? st_pupil_leave(d->db, id, left, d->err) : rc;
}

static int load_file(struct demo *d, const char *file, csv_row_cb row)
{
	char name[64];
	size_t n;
	snprintf(name, sizeof name, "demo/%s", file);
	const char *bytes = st__embedded_get(name, &n);
	if (!bytes)
		return st_error_set(d->err, ST_EINTERNAL, "data/%s not built in", name);
	d->file = file;
	d->have_header = 0;
	return st__csv_each_row(name, bytes, n, row, d, d->err);
}

/* The fictional school the documents are headed with. */
static int demo_school(st_db *db, st_error *err)
{
	int rc;
	if ((rc = st_config_set(db, "school-name", "Riverside Primary School", err)) ||
	    (rc = st_config_set(db, "school-address", "1 River Lane, Townley, TN1 2AB", err)) ||
	    (rc = st_config_set(db, "senco-name", "Ms Alex Morgan", err)))
		return rc;
	if ((rc = st_config_set(db, "notional-sen-budget", "45000", err)))
		return rc;
	/* two passports in the pupils' own words, so the demo shows one filled in */
	static const char *const words[][4] = {
		{"Amir Khan", "I am kind and funny. I build amazing Lego models and I help younger "
		 "children at lunchtime.", "My family, my cat Biscuit, and football on Saturdays.",
		 "Give me time to answer.\nShow me a new word and let me say it back.\nSit me near "
		 "the front, away from the door."},
		{"Zoë Brown", "I notice things other people miss and I know a lot about trains.",
		 "Knowing what is happening next. A quiet space when it gets noisy.",
		 "Tell me about changes before they happen.\nUse short instructions, one at a time.\n"
		 "Let me use my ear defenders in assembly."},
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		int64_t id;
		if ((rc = st_pupil_resolve(db, words[i][0], &id, err)) ||
		    (rc = st_passport_set(db, id, words[i][1], words[i][2], words[i][3], err)))
			return rc;
	}
	return ST_OK;
}

int st_demo_load(st_db *db, int *out_pupils, st_error *err)
{
	ERR_ENSURE(err);
	st_date anchor;
	st_date_parse("anchor", DEMO_ANCHOR, &anchor, NULL);
	struct demo d = {.db = db, .err = err, .shift = db->today - anchor};
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	st_date today = db->today;
	if ((rc = load_file(&d, "pupils.csv", load_pupil)) == ST_OK &&
	    (rc = load_file(&d, "register.csv", load_event)) == ST_OK &&
	    (rc = load_file(&d, "pupils.csv", load_needs)) == ST_OK &&
	    (rc = load_file(&d, "cycles.csv", load_cycle_event)) == ST_OK)
		rc = load_file(&d, "pupils.csv", load_leaver);
	db->today = today;
	if (rc == ST_OK)
		rc = demo_school(db, err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_pupils)
		*out_pupils = d.pupils;
	return rc;
}
