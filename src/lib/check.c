/* check.c - the rules of `sentrack check`, each with the Code of Practice
 * paragraph it comes from. The queries (sqlite/check.c) bring the facts in
 * four passes; the rules here turn them into findings, which are sorted by
 * severity, date and surname. Nothing is written. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "store_ehc.h"

/* Each rule's source: the Code of Practice paragraph or the DfE guidance
 * it comes from, and the setting, if any, that is a school's own choice
 * rather than the Code's (said as "school policy (configurable)"). */
static const struct {
	const char *id;
	const char *code_ref;
	const char *policy;
} rules[ST_RULE_COUNT] = {
	[ST_RULE_REVIEW_OVERDUE] = {"review-overdue", "Code 6.48, 6.54", NULL},
	[ST_RULE_REVIEW_DUE] = {"review-due", "Code 6.48, 6.54", NULL},
	[ST_RULE_NO_REVIEW_DATE] = {"no-review-date", "Code 6.48", NULL},
	[ST_RULE_PLAN_MISSING] = {"plan-missing", "Code 6.48", "assess-max-days"},
	[ST_RULE_NO_ACTIVE_CYCLE] = {"no-active-cycle", "Code 6.44", "gap-max-days"},
	[ST_RULE_PARENTS_NOT_INFORMED] = {"parents-not-informed", "Code 6.43", "inform-max-days"},
	[ST_RULE_PARENT_MEETING_GAP] = {"parent-meeting-gap", "Code 6.65", NULL},
	[ST_RULE_OUTCOME_OVERDUE] = {"outcome-overdue", "Code 6.40, 6.52", NULL},
	[ST_RULE_CONSIDER_EHCNA] = {"consider-ehcna", "Code 6.63", "ehcna-after-cycles"},
	[ST_RULE_PROVISION_OVER_THRESHOLD] = {"provision-over-threshold", "Code 6.99, 6.63",
					      "sen-support-threshold"},
	[ST_RULE_EHCP_ANNUAL_REVIEW] = {"ehcp-annual-review", "Code 9.166, 9.178", NULL},
	[ST_RULE_PRIMARY_NEED_MISSING] = {"primary-need-missing",
					  "DfE school census guide, SEN need type", NULL},
	[ST_RULE_EHCP_REVIEW_STEP] = {"ehcp-review-step", "Code 9.166-9.176", "ehcp-book-weeks"},
	[ST_RULE_EHCP_PHASE_TRANSFER] = {"ehcp-phase-transfer", "Code 9.179", NULL},
	[ST_RULE_EHCNA_DECISION] = {"ehcna-decision", "Code 9.14-9.17", NULL},
	[ST_RULE_EHCNA_PLAN] = {"ehcna-plan", "Code 9.40", NULL},
};

static const char *const due_names[] = {"no-review-date", "overdue", "due", "scheduled"};

st_due_status st_due_status_on(st_date due, st_date today, long window)
{
	if (due == ST_DATE_NONE)
		return ST_DUE_NO_DATE;
	if (due < today)
		return ST_DUE_OVERDUE;
	/* in 64 bits: a date far in the future never wraps into "due" */
	return (int64_t)due - today <= window ? ST_DUE_DUE : ST_DUE_SCHEDULED;
}

const char *st_due_status_name(st_due_status s)
{
	return (unsigned)s <= ST_DUE_SCHEDULED ? due_names[s] : "?";
}

static const char *const severity_names[] = {"overdue", "due", "attention"};

const char *st_severity_name(st_severity s)
{
	return (unsigned)s <= ST_SEVERITY_ATTENTION ? severity_names[s] : "?";
}

const char *st_rule_id(st_rule r)
{
	return (unsigned)r < ST_RULE_COUNT ? rules[r].id : "?";
}

const char *st_rule_code_ref(st_rule r)
{
	return (unsigned)r < ST_RULE_COUNT ? rules[r].code_ref : "?";
}

const char *st_rule_policy(st_rule r)
{
	return (unsigned)r < ST_RULE_COUNT ? rules[r].policy : NULL;
}

static const char *rule_at(int i)
{
	return rules[i].id;
}

int st_rule_parse(const char *field, const char *text, unsigned *mask, st_error *err)
{
	ERR_ENSURE(err);
	const char *bad;
	size_t len;
	unsigned m;
	if (st__text_name_set(text, rule_at, ST_RULE_COUNT, &m, &bad, &len) != 0)
		return st_error_set(err, ST_EINVAL, "%s %.*s: not a rule (see `man sentrack`, "
				    "CHECK RULES)", field, (int)len, bad);
	if (!m)
		return st_error_set(err, ST_EINVAL, "%s: name at least one rule", field);
	*mask = m;
	return ST_OK;
}

int st_severity_parse(const char *field, const char *text, int *out, st_error *err)
{
	ERR_ENSURE(err);
	for (int s = 0; s <= ST_SEVERITY_ATTENTION; s++)
		if (text && strcasecmp(text, severity_names[s]) == 0) {
			*out = s;
			return ST_OK;
		}
	return st_error_set(err, ST_EINVAL, "%s %.30s: must be overdue, due or attention", field,
			    text ? text : "");
}

/* --- collecting findings -------------------------------------------------- */

struct settings {
	long due_window, assess_max, gap_max, inform_max, ehcna_after, school_weeks;
	int64_t threshold;
	st_date terms[6];          /* the last three ended terms: start, end pairs */
	const char *term_names[3];
	int term_years[3];
};

struct run {
	st_db *db;
	const st_check_filter *filter;
	const struct settings *set;
	st_finding *items;
	size_t n, cap;
	int failed;
};

static int wanted(const struct run *r, st_rule rule, st_severity sev, const struct check_row *row)
{
	const st_check_filter *f = r->filter;
	return (!f->rules || (f->rules & (1u << rule))) && (f->severity < 0 || (int)sev <= f->severity) &&
	       (!f->year || strcmp(f->year, row->year) == 0) &&
	       (!f->pupil_id || f->pupil_id == row->pupil_id);
}

static int add(struct run *r, st_rule rule, st_severity sev, st_date date,
	       const struct check_row *row, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

static int add(struct run *r, st_rule rule, st_severity sev, st_date date,
	       const struct check_row *row, const char *fmt, ...)
{
	if (!wanted(r, rule, sev, row))
		return 0;
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 64;
		st_finding *items = realloc(r->items, cap * sizeof *items);
		if (!items)
			return r->failed = ST_EINTERNAL;
		r->items = items;
		r->cap = cap;
	}
	char detail[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	st_finding *f = &r->items[r->n++];
	*f = (st_finding){sev, rule, date, row->pupil_id, st__xstrdup(row->upn), st__xstrdup(row->surname),
			  st__xstrdup(row->forename), st__xstrdup(row->preferred), st__xstrdup(row->year),
			  st__xstrdup(row->sort_key), st__xstrdup(detail)};
	if (!f->surname || !f->forename || !f->year || !f->sort_key || !f->detail)
		return r->failed = ST_EINTERNAL;
	return 0;
}

static const char *days(long n, char *buf, size_t size)
{
	snprintf(buf, size, "%ld day%s", n, n == 1 ? "" : "s");
	return buf;
}

/* review-overdue, review-due, no-review-date, plan-missing (6.48: the
 * review date is agreed at planning and kept; 6.54: reviews happen). */
static int on_cycle(const struct check_row *c, void *payload)
{
	struct run *r = payload;
	st_date today = r->db->today;
	char d[ST_DATE_BUFSZ], n[32];
	const char *phase = st_cycle_phase_shown(c->phase, c->d3, today);
	if (strcmp(phase, "assess") == 0) {
		if (today - c->d1 > r->set->assess_max)
			return add(r, ST_RULE_PLAN_MISSING, ST_SEVERITY_ATTENTION, c->d1, c,
				   "in the assess phase for %s without a plan (cycle %d)",
				   days(today - c->d1, n, sizeof n), c->seq);
		return 0;
	}
	switch (st_due_status_on(c->d3, today, r->set->due_window)) {
	case ST_DUE_NO_DATE:
		return add(r, ST_RULE_NO_REVIEW_DATE, ST_SEVERITY_ATTENTION,
			   c->d2 != ST_DATE_NONE ? c->d2 : c->d1, c,
			   "cycle %d is in the %s phase with no review date", c->seq, phase);
	case ST_DUE_OVERDUE:
		return add(r, ST_RULE_REVIEW_OVERDUE, ST_SEVERITY_OVERDUE, c->d3, c,
			   "review was due %s ago (cycle %d, plan %s)",
			   days(today - c->d3, n, sizeof n), c->seq, st_date_format(c->d2, d));
	case ST_DUE_DUE:
		if (c->d3 == today)
			return add(r, ST_RULE_REVIEW_DUE, ST_SEVERITY_DUE, c->d3, c,
				   "review is due today (cycle %d, plan %s)", c->seq,
				   st_date_format(c->d2, d));
		return add(r, ST_RULE_REVIEW_DUE, ST_SEVERITY_DUE, c->d3, c,
			   "review is due in %s (cycle %d, plan %s)",
			   days(c->d3 - today, n, sizeof n), c->seq, st_date_format(c->d2, d));
	default:
		return 0;
	}
}

static st_date later(st_date a, st_date b)
{
	return a == ST_DATE_NONE ? b : b == ST_DATE_NONE ? a : a > b ? a : b;
}

/* parents-not-informed (6.43), no-active-cycle (6.44), parent-meeting-gap
 * (6.65), provision-over-threshold (6.99). */
static int on_register(const struct check_row *p, void *payload)
{
	struct run *r = payload;
	const struct settings *s = r->set;
	st_date today = r->db->today;
	char d[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ], n[32], m1[ST_MONEY_BUFSZ], m2[ST_MONEY_BUFSZ];
	char status = p->status[0];
	if (p->d2 == ST_DATE_NONE && today - p->d1 > s->inform_max &&
	    add(r, ST_RULE_PARENTS_NOT_INFORMED, ST_SEVERITY_OVERDUE, p->d1, p,
		"placed at %c on %s; parents not recorded as informed after %s", status,
		st_date_format(p->d1, d), days(today - p->d1, n, sizeof n)))
		return r->failed;
	st_date gap_from = later(p->d1, p->d5);
	if (status == 'K' && p->n1 == 0 && today - gap_from > s->gap_max &&
	    add(r, ST_RULE_NO_ACTIVE_CYCLE, ST_SEVERITY_ATTENTION, gap_from, p,
		"at K with no open cycle since %s (%s)", st_date_format(gap_from, d),
		days(today - gap_from, n, sizeof n)))
		return r->failed;
	/* the latest ended term since the pupil joined the register with no
	 * meeting attended by parents */
	for (int t = 0; t < 3; t++) {
		st_date start = s->terms[2 * t], end = s->terms[2 * t + 1];
		if (start == ST_DATE_NONE || end < p->d4 || (p->flags & (2 << t)))
			continue;
		if (add(r, ST_RULE_PARENT_MEETING_GAP, ST_SEVERITY_DUE, end, p,
			"no meeting with parents in the %s term %d (%s to %s)", s->term_names[t],
			s->term_years[t], st_date_format(start, d), st_date_format(end, d2)))
			return r->failed;
		break;
	}
	int64_t annual = p->n2 * s->school_weeks;
	if (!(p->flags & 1) && st_provision_topup_advised(status, annual, s->threshold) &&
	    add(r, ST_RULE_PROVISION_OVER_THRESHOLD, ST_SEVERITY_ATTENTION, today, p,
		"provision costs %s a year, at or above the threshold of %s; no EHC needs "
		"assessment requested", st_money_format(annual, m1), st_money_format(s->threshold, m2)))
		return r->failed;
	return 0;
}

/* outcome-overdue: targets are part of SMART outcomes (6.40, 6.52). */
static int on_outcome(const struct check_row *o, void *payload)
{
	struct run *r = payload;
	char d[ST_DATE_BUFSZ];
	return add(r, ST_RULE_OUTCOME_OVERDUE, ST_SEVERITY_ATTENTION, o->d1, o,
		   "outcome #%lld not rated; its target date was %s (cycle %d)", (long long)o->id,
		   st_date_format(o->d1, d), o->seq);
}

/* consider-ehcna: not progressing despite relevant action (6.63). */
static int on_ehcna(const struct check_row *p, void *payload)
{
	struct run *r = payload;
	return add(r, ST_RULE_CONSIDER_EHCNA, ST_SEVERITY_ATTENTION, p->d1, p,
		   "outcomes mostly not achieved in the last %ld reviewed cycles; consider an "
		   "EHC needs assessment", r->set->ehcna_after);
}

/* --- issue 12 rules (kept apart from the rules above) --------------------- */

/* primary-need-missing: the census needs a primary need for every pupil at
 * K or E (DfE school census guide, SEN type). */
static int on_census(const struct census_row *c, void *payload)
{
	struct run *r = payload;
	if (!st__census_primary_missing(c))
		return 0;
	struct check_row row = {.pupil_id = c->pupil_id, .upn = c->upn, .surname = c->surname,
				.forename = c->forename, .preferred = c->preferred,
				.year = c->year, .sort_key = c->sort_key};
	return add(r, ST_RULE_PRIMARY_NEED_MISSING, ST_SEVERITY_ATTENTION, r->db->today, &row,
		   "at %c with no primary need recorded; the school census rejects it (`sentrack "
		   "need add`)", c->status);
}

/* EHC timelines: annual review steps and anniversary (9.166-9.178), phase
 * transfer (9.179), needs assessment decisions (9.14-9.17, 9.40); the
 * deadlines and their words come from ehcp.c. */
static int on_ehc_deadline(const st_ehc_deadline *d, void *payload)
{
	struct run *r = payload;
	st_severity sev;
	char detail[256];
	if (!st__ehc_finding(d, r->db->today, r->set->due_window, &sev, detail, sizeof detail))
		return 0;
	struct check_row row = {.pupil_id = d->pupil_id, .upn = d->upn, .surname = d->surname,
				.forename = d->forename, .preferred = d->preferred,
				.year = d->year, .sort_key = d->sort_key};
	return add(r, d->rule, sev, d->due, &row, "%s", detail);
}

/* The last three terms that ended before today, most recent first. */
static int term_dates(st_db *db, struct settings *s, st_error *err)
{
	static const char *const keys[] = {"term.autumn.start", "term.spring.start",
					   "term.summer.start", "term.summer.end"};
	int md[4][2];
	for (int i = 0; i < 4; i++)
		if (st_config_monthday(db, keys[i], &md[i][0], &md[i][1], err) != ST_OK)
			return err->code;
	int year, mo, dd, found = 0;
	st_date_to_ymd(db->today, &year, &mo, &dd);
	for (int t = 0; t < 6; t++)
		s->terms[t] = ST_DATE_NONE;
	/* academic years starting this autumn and the three before, newest first */
	for (int ay = year; ay >= year - 3 && found < 3; ay--) {
		st_date aut, spr, sum, end;
		if (st_date_from_ymd(ay, md[0][0], md[0][1], &aut) ||
		    st_date_from_ymd(ay + 1, md[1][0], md[1][1], &spr))
			continue;
		if (st_date_from_ymd(ay + 1, md[2][0], md[2][1], &sum))
			st_date_from_ymd(ay + 1, md[2][0], md[2][1] - 1, &sum);
		if (st_date_from_ymd(ay + 1, md[3][0], md[3][1], &end))
			st_date_from_ymd(ay + 1, md[3][0], md[3][1] - 1, &end);
		struct { const char *name; st_date start, end; int y; } t[3] = {
			{"summer", sum, end, ay + 1}, {"spring", spr, sum - 1, ay + 1},
			{"autumn", aut, spr - 1, ay}};
		for (int i = 0; i < 3 && found < 3; i++) {
			if (t[i].end >= db->today || t[i].end < t[i].start)
				continue;
			s->terms[2 * found] = t[i].start;
			s->terms[2 * found + 1] = t[i].end;
			s->term_names[found] = t[i].name;
			s->term_years[found] = t[i].y;
			found++;
		}
	}
	return ST_OK;
}

static int load_settings(st_db *db, struct settings *s, st_error *err)
{
	int rc;
	if ((rc = st_config_int(db, "due-window-days", &s->due_window, err)) ||
	    (rc = st_config_int(db, "assess-max-days", &s->assess_max, err)) ||
	    (rc = st_config_int(db, "gap-max-days", &s->gap_max, err)) ||
	    (rc = st_config_int(db, "inform-max-days", &s->inform_max, err)) ||
	    (rc = st_config_int(db, "ehcna-after-cycles", &s->ehcna_after, err)) ||
	    (rc = st_config_int(db, "school-weeks", &s->school_weeks, err)) ||
	    (rc = st_config_pence(db, "sen-support-threshold", &s->threshold, err)))
		return rc;
	return term_dates(db, s, err);
}

static int compare(const void *a, const void *b)
{
	const st_finding *x = a, *y = b;
	if (x->severity != y->severity)
		return x->severity < y->severity ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	int c = strcmp(x->sort_key, y->sort_key);
	if (c)
		return c;
	if (x->pupil_id != y->pupil_id)
		return x->pupil_id < y->pupil_id ? -1 : 1;
	return (int)x->rule - (int)y->rule;
}

void st_check_free(st_finding *f, size_t n)
{
	for (size_t i = 0; f && i < n; i++) {
		free(f[i].upn);
		free(f[i].surname);
		free(f[i].forename);
		free(f[i].preferred);
		free(f[i].year);
		free(f[i].sort_key);
		free(f[i].detail);
	}
	free(f);
}

int st_check_run(st_db *db, const st_check_filter *filter, st_finding **out, size_t *count,
		 st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	*count = 0;
	st_check_filter all = {0, -1, NULL, 0};
	struct settings set = {0};
	struct run r = {db, filter ? filter : &all, &set, NULL, 0, 0, 0};
	/* each query runs only when one of the rules it feeds is asked for */
	unsigned want = r.filter->rules ? r.filter->rules : ~0u;
	unsigned cycle_rules = 1u << ST_RULE_REVIEW_OVERDUE | 1u << ST_RULE_REVIEW_DUE |
			       1u << ST_RULE_NO_REVIEW_DATE | 1u << ST_RULE_PLAN_MISSING;
	unsigned register_rules = 1u << ST_RULE_NO_ACTIVE_CYCLE | 1u << ST_RULE_PARENTS_NOT_INFORMED |
				  1u << ST_RULE_PARENT_MEETING_GAP |
				  1u << ST_RULE_PROVISION_OVER_THRESHOLD;
	unsigned ehc_rules = 1u << ST_RULE_EHCP_ANNUAL_REVIEW | 1u << ST_RULE_EHCP_REVIEW_STEP |
			     1u << ST_RULE_EHCP_PHASE_TRANSFER | 1u << ST_RULE_EHCNA_DECISION |
			     1u << ST_RULE_EHCNA_PLAN;
	int rc = load_settings(db, &set, err);
	if (rc == ST_OK && (want & cycle_rules))
		rc = st__store_check_cycles(db->store, on_cycle, &r, err);
	if (rc == ST_OK && (want & register_rules))
		rc = st__store_check_register(db->store, db->today, set.terms, on_register, &r, err);
	if (rc == ST_OK && (want & 1u << ST_RULE_OUTCOME_OVERDUE))
		rc = st__store_check_outcomes(db->store, db->today, on_outcome, &r, err);
	if (rc == ST_OK && (want & 1u << ST_RULE_CONSIDER_EHCNA))
		rc = st__store_check_ehcna(db->store, (int)set.ehcna_after, on_ehcna, &r, err);
	if (rc == ST_OK && (want & ehc_rules))
		rc = st_ehc_deadlines(db, on_ehc_deadline, &r, err);
	if (rc == ST_OK && (want & 1u << ST_RULE_PRIMARY_NEED_MISSING))
		rc = st__store_census_rows(db->store, on_census, &r, err);
	if (rc == ST_OK && r.failed)
		rc = st__err_nomem(err);
	if (rc != ST_OK) {
		st_check_free(r.items, r.n);
		return rc;
	}
	if (r.n)
		qsort(r.items, r.n, sizeof *r.items, compare);
	*out = r.items;
	*count = r.n;
	return ST_OK;
}

/* --- EHC plan annual reviews ---------------------------------------------- */

int st_ehcp_review_add(st_db *db, int64_t pupil_id, st_date date, unsigned with,
		       const char *notes, int64_t *out_id, st_error *err)
{
	return st_ehcp_review_record(db, pupil_id, date, with, notes, 0, out_id, err);
}

int st_ehcp_review_record(st_db *db, int64_t pupil_id, st_date date, unsigned with,
			  const char *notes, int early, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__text_check("--notes", notes, TEXT_LONG_MAX, TEXT_MULTILINE, err);
	if (rc == ST_OK)
		rc = st__check_not_future(db, "--date", date, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_pupil *p = NULL;
	int64_t meeting = 0, id = 0;
	char d[ST_DATE_BUFSZ], plan[ST_DATE_BUFSZ];
	if ((rc = st_pupil_get(db, pupil_id, &p, err)) == ST_OK) {
		if ((rc = st__pupil_refuse_left(p, err)) != ST_OK)
			;
		else if (p->status != 'E')
			rc = st_error_set(err, ST_ERULE, "pupil %lld: has no EHC plan (status E); an "
					  "annual review needs one", (long long)pupil_id);
		else if (date < p->plan_date)
			rc = st_error_set(err, ST_ERULE, "--date %s: is before the EHC plan date %s",
					  st_date_format(date, d), st_date_format(p->plan_date, plan));
	}
	st_pupil_free(p);
	if (rc == ST_OK && with)
		rc = st_meeting_add(db, pupil_id, date, with, "ehcp-review", NULL, &meeting, err);
	if (rc == ST_OK)
		rc = st__store_ehcp_review_insert(db->store, pupil_id, date, meeting,
					      notes && *notes ? notes : NULL, early, &id, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "ehcp_review", id, pupil_id, date,
				     early ? "early" : NULL, err);
	if (rc == ST_OK && !early) /* an early review leaves the scheduled one to come */
		rc = st__ehcp_link_review(db, pupil_id, id, err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}
