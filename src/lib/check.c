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
#include "check_hold.h"
#include "store.h"
#include "store_ehc.h"
#include "weekly_costs.h"

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
	[ST_RULE_PARENT_MEETING_GAP] = {"parent-meeting-gap", "Code 6.65",
					"meeting-warn-days, meeting-grace-days"},
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
	[ST_RULE_TERMS_NOT_SET] = {"terms-not-set", "Code 6.65", NULL},
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
	long meeting_warn, meeting_grace;
	st_term current, ended;    /* the term today is in, the latest ended before */
	int has_current, has_ended;
	st_date terms[4];          /* their start, end pairs, ST_DATE_NONE when none */
	st_term unset[6];          /* terms in use not set for their year (from settings) */
	int n_unset;
};

/* failed: ST_EINTERNAL (out of memory), or, when only the worst severity
 * is asked for, RUN_STOP once an overdue finding settles it and RUN_NEXT
 * once the query running can raise nothing worse than what is known. */
enum { RUN_STOP = 1, RUN_NEXT = 2 };

struct run {
	st_db *db;
	const st_check_filter *filter;
	const struct settings *set;
	struct check_hold *hold; /* NULL: only the worst severity is kept */
	int worst;
	int failed;
	long on_register;          /* pupils at K or E seen */
	int query_best;            /* the worst severity the query running can raise */
	struct weekly_costs *costs; /* while the register query runs */
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
	if (!r->hold) {
		if (r->worst < 0 || (int)sev < r->worst)
			r->worst = (int)sev;
		if (sev == ST_SEVERITY_OVERDUE)
			return r->failed = RUN_STOP;
		return r->worst <= r->query_best ? (r->failed = RUN_NEXT) : 0;
	}
	char detail[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof detail, fmt, ap);
	va_end(ap);
	int rc = st__hold_add(r->hold, sev, rule, date, row, detail);
	return rc ? (r->failed = rc) : 0;
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

/* parent-meeting-gap (6.65: parents met at least once a term) for term t,
 * the current one or the one just ended; met: a meeting with parents held
 * in it (or, in the current term, booked from today on). The current term
 * is due from meeting-warn-days before it ends; the term just ended is
 * overdue; older terms are never reported. A pupil placed on the register
 * fewer than meeting-grace-days before the term ends is exempt that term. */
static int parent_meeting_gap(struct run *r, const struct check_row *p, const st_term *t, int met)
{
	const struct settings *s = r->set;
	st_date today = r->db->today;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ], y[ST_ACADEMIC_YEAR_BUFSZ], n[32], when[64];
	if (met || (int64_t)t->end - p->d4 < s->meeting_grace)
		return 0;
	int ended = t->end < today;
	if (!ended && (int64_t)t->end - today > s->meeting_warn)
		return 0;
	if (ended)
		snprintf(when, sizeof when, "ended %s ago", days(today - t->end, n, sizeof n));
	else if (t->end == today)
		snprintf(when, sizeof when, "ends today");
	else
		snprintf(when, sizeof when, "ends in %s", days(t->end - today, n, sizeof n));
	return add(r, ST_RULE_PARENT_MEETING_GAP, ended ? ST_SEVERITY_OVERDUE : ST_SEVERITY_DUE,
		   t->end, p, "no meeting with %s %s in the %s term %s (%s to %s), which %s",
		   st_parents_words(p->dob, today), ended ? "held" : "held or booked",
		   st_term_name_of(t->term), st_academic_year_format(t->start_year, y),
		   st_date_format(t->start, d1), st_date_format(t->end, d2), when);
}

/* parents-not-informed (6.43), no-active-cycle (6.44), parent-meeting-gap
 * (6.65), provision-over-threshold (6.99). */
static int on_register(const struct check_row *p, void *payload)
{
	struct run *r = payload;
	const struct settings *s = r->set;
	st_date today = r->db->today;
	char d[ST_DATE_BUFSZ], n[32], m1[ST_MONEY_BUFSZ], m2[ST_MONEY_BUFSZ];
	char status = p->status[0];
	r->on_register++;
	if (p->d2 == ST_DATE_NONE && today - p->d1 > s->inform_max &&
	    add(r, ST_RULE_PARENTS_NOT_INFORMED, ST_SEVERITY_OVERDUE, p->d1, p,
		"placed at %c on %s; %s not recorded as informed after %s", status,
		st_date_format(p->d1, d), st_parents_words(p->dob, today),
		days(today - p->d1, n, sizeof n)))
		return r->failed;
	st_date gap_from = later(p->d1, p->d5);
	if (status == 'K' && p->n1 == 0 && today - gap_from > s->gap_max &&
	    add(r, ST_RULE_NO_ACTIVE_CYCLE, ST_SEVERITY_ATTENTION, gap_from, p,
		"at K with no open cycle since %s (%s)", st_date_format(gap_from, d),
		days(today - gap_from, n, sizeof n)))
		return r->failed;
	if (s->has_current && parent_meeting_gap(r, p, &s->current, p->flags & 2))
		return r->failed;
	if (s->has_ended && parent_meeting_gap(r, p, &s->ended, p->flags & 4))
		return r->failed;
	int64_t annual = st__weekly_cost_of(r->costs, p->pupil_id) * s->school_weeks;
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

/* consider-ehcna's fold over each pupil's last n closed cycles (the
 * store's rows, consecutive per pupil, at most n each). */
struct ehcna_fold {
	struct run *r;
	int64_t pupil_id;
	long seen;          /* cycles of this pupil read */
	int all_mostly_not; /* each mostly not achieved so far */
	st_date last;       /* the latest review among them */
};

/* consider-ehcna: not progressing despite relevant action (6.63): each of
 * the last n closed cycles mostly not achieved; raised on the nth. */
static int on_ehcna(const struct check_row *c, void *payload)
{
	struct ehcna_fold *f = payload;
	struct run *r = f->r;
	if (f->seen == 0 || c->pupil_id != f->pupil_id)
		*f = (struct ehcna_fold){r, c->pupil_id, 0, 1, ST_DATE_NONE};
	f->seen++;
	f->all_mostly_not &= st_outcomes_mostly_not_achieved((long)c->n1, (long)c->n2) != 0;
	if (c->d1 != ST_DATE_NONE && (f->last == ST_DATE_NONE || c->d1 > f->last))
		f->last = c->d1;
	if (f->seen != r->set->ehcna_after || !f->all_mostly_not)
		return 0;
	return add(r, ST_RULE_CONSIDER_EHCNA, ST_SEVERITY_ATTENTION, f->last, c,
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

/* The current term and the one just ended, from the terms of this academic
 * year and the one before (as set, or from the settings), and the terms in
 * use that were not set for their year. */
static int term_dates(st_db *db, struct settings *s, st_error *err)
{
	st_term all[6];
	int ay = st_academic_year_of(db->today);
	int rc = st_term_year(db, ay - 1, all, err);
	if (rc == ST_OK)
		rc = st_term_year(db, ay, all + 3, err);
	for (int i = 0; rc == ST_OK && i < 6; i++) {
		const st_term *t = &all[i];
		if (t->start == ST_DATE_NONE || t->end == ST_DATE_NONE || t->end < t->start)
			continue; /* past the calendar's end, or settings that leave a term no days */
		if (t->start <= db->today && db->today <= t->end) {
			s->current = *t;
			s->has_current = 1;
		} else if (t->end < db->today && (!s->has_ended || t->end > s->ended.end)) {
			s->ended = *t;
			s->has_ended = 1;
		}
	}
	s->terms[0] = s->has_current ? s->current.start : ST_DATE_NONE;
	s->terms[1] = s->has_current ? s->current.end : ST_DATE_NONE;
	s->terms[2] = s->has_ended ? s->ended.start : ST_DATE_NONE;
	s->terms[3] = s->has_ended ? s->ended.end : ST_DATE_NONE;
	/* the terms in use: this academic year's, and the term just ended */
	for (int i = 0; rc == ST_OK && i < 6; i++)
		if (all[i].from_settings && all[i].start != ST_DATE_NONE && (all[i].start_year == ay ||
		    (s->has_ended && all[i].term == s->ended.term && all[i].start_year == s->ended.start_year)))
			s->unset[s->n_unset++] = all[i];
	return rc;
}

/* terms-not-set: once per academic year in use (today's, and the year of
 * the term just ended) whose terms are not all set, when any pupil is on
 * the register for parent-meeting-gap to follow them. */
static int terms_not_set(struct run *r)
{
	const struct settings *s = r->set;
	struct check_row school = {.upn = NULL, .surname = "", .forename = "", .year = "",
				   .sort_key = ""};
	for (int i = 0; i < s->n_unset && r->on_register; i++) {
		const st_term *t = &s->unset[i];
		if (i > 0 && s->unset[i - 1].start_year == t->start_year)
			continue; /* one finding per year, naming every term */
		char y[ST_ACADEMIC_YEAR_BUFSZ], list[40] = "";
		size_t used = 0;
		int count = 0;
		for (int j = i; j < s->n_unset && s->unset[j].start_year == t->start_year; j++, count++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
						 used ? ", " : "", st_term_name_of(s->unset[j].term));
		st_academic_year_format(t->start_year, y);
		if (add(r, ST_RULE_TERMS_NOT_SET, ST_SEVERITY_ATTENTION, t->start, &school,
			"academic year %s: no dates set for the %s term%s; parent-meeting-gap "
			"uses the term.* settings (`sentrack term set %s %s START END`)", y, list,
			count > 1 ? "s" : "", y, st_term_name_of(t->term)))
			return r->failed;
	}
	return 0;
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
	    (rc = st_config_int(db, "meeting-warn-days", &s->meeting_warn, err)) ||
	    (rc = st_config_int(db, "meeting-grace-days", &s->meeting_grace, err)) ||
	    (rc = st_config_pence(db, "sen-support-threshold", &s->threshold, err)))
		return rc;
	return term_dates(db, s, err);
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

static int hold_failed(int rc, st_error *err)
{
	if (rc == ST_EIO)
		return st_error_set(err, ST_EIO, "checking: cannot use the temporary file that holds "
				    "the findings while they are sorted (is the temporary directory "
				    "full?)");
	return st__err_nomem(err);
}

/* Whether the next query, whose findings are at worst `best`, is to run:
 * always when findings are held; for the worst severity alone, only while
 * it could raise something worse than what is known (cron's `check
 * --quiet` on a school where something is due skips every rule that only
 * ever asks for attention). */
static int worth(struct run *r, unsigned want, unsigned mask, st_severity best)
{
	if (!(want & mask) || r->failed)
		return 0;
	r->query_best = (int)best;
	return r->hold || r->worst < 0 || r->worst > (int)best;
}

/* A query stopped because it could tell no more is not a failure. */
static int next(struct run *r, int rc)
{
	if (r->failed != RUN_NEXT)
		return rc;
	r->failed = 0;
	return ST_OK;
}

/* Run the queries whose rules are asked for, overdue-capable ones first
 * (so that st_check_worst can stop early), each finding going to add(). */
static int run_rules(st_db *db, struct run *r, st_error *err)
{
	unsigned want = r->filter->rules ? r->filter->rules : ~0u;
	unsigned cycle_rules = 1u << ST_RULE_REVIEW_OVERDUE | 1u << ST_RULE_REVIEW_DUE |
			       1u << ST_RULE_NO_REVIEW_DATE | 1u << ST_RULE_PLAN_MISSING;
	unsigned register_rules = 1u << ST_RULE_NO_ACTIVE_CYCLE | 1u << ST_RULE_PARENTS_NOT_INFORMED |
				  1u << ST_RULE_PARENT_MEETING_GAP |
				  1u << ST_RULE_PROVISION_OVER_THRESHOLD |
				  1u << ST_RULE_TERMS_NOT_SET;
	unsigned ehc_rules = 1u << ST_RULE_EHCP_ANNUAL_REVIEW | 1u << ST_RULE_EHCP_REVIEW_STEP |
			     1u << ST_RULE_EHCP_PHASE_TRANSFER | 1u << ST_RULE_EHCNA_DECISION |
			     1u << ST_RULE_EHCNA_PLAN;
	const struct settings *set = r->set;
	const st_severity overdue = ST_SEVERITY_OVERDUE, attention = ST_SEVERITY_ATTENTION;
	int rc = ST_OK;
	if (rc == ST_OK && worth(r, want, cycle_rules, overdue))
		rc = next(r, st__store_check_cycles(db->store, on_cycle, r, err));
	if (rc == ST_OK && worth(r, want, register_rules, overdue)) {
		struct weekly_costs costs = {0};
		rc = st__weekly_costs_load(db->store, db->today, &costs, err);
		r->costs = &costs;
		if (rc == ST_OK)
			rc = next(r, st__store_check_register(db->store, db->today, set->terms,
							      on_register, r, err));
		r->costs = NULL;
		st__weekly_costs_free(&costs);
	}
	if (rc == ST_OK && worth(r, want, register_rules, attention))
		next(r, terms_not_set(r));
	if (rc == ST_OK && worth(r, want, ehc_rules, overdue))
		rc = next(r, st_ehc_deadlines(db, on_ehc_deadline, r, err));
	if (rc == ST_OK && worth(r, want, 1u << ST_RULE_OUTCOME_OVERDUE, attention))
		rc = next(r, st__store_check_outcomes(db->store, db->today, on_outcome, r, err));
	if (rc == ST_OK && worth(r, want, 1u << ST_RULE_CONSIDER_EHCNA, attention))
		rc = next(r, st__store_check_ehcna(db->store, (int)set->ehcna_after, on_ehcna,
						   &(struct ehcna_fold){.r = r}, err));
	if (rc == ST_OK && worth(r, want, 1u << ST_RULE_PRIMARY_NEED_MISSING, attention))
		rc = next(r, st__store_census_rows(db->store, on_census, r, err));
	if (r->failed == RUN_STOP)
		return ST_OK;
	if ((rc == ST_OK || rc > 0) && r->failed)
		return hold_failed(r->failed, err);
	return rc;
}

int st_check_each(st_db *db, const st_check_filter *filter, st_finding_cb cb, void *payload,
		  st_error *err)
{
	ERR_ENSURE(err);
	st_check_filter all = {0, -1, NULL, 0};
	struct settings set = {0};
	struct run r = {db, filter ? filter : &all, &set, st__hold_new(), -1, 0, 0, 0, NULL};
	if (!r.hold)
		return st__err_nomem(err);
	int rc = load_settings(db, &set, err);
	if (rc == ST_OK)
		rc = run_rules(db, &r, err);
	if (rc == ST_OK && ((rc = st__hold_emit(r.hold, cb, payload)) == ST_EINTERNAL ||
			    rc == ST_EIO) && err->code == ST_OK)
		rc = hold_failed(rc, err);
	else if (rc != ST_OK)
		rc = st__err_stopped(rc, "checking", err);
	st__hold_free(r.hold);
	return rc;
}

int st_check_worst(st_db *db, const st_check_filter *filter, int *worst, st_error *err)
{
	ERR_ENSURE(err);
	*worst = -1;
	st_check_filter all = {0, -1, NULL, 0};
	struct settings set = {0};
	struct run r = {db, filter ? filter : &all, &set, NULL, -1, 0, 0, 0, NULL};
	int rc = load_settings(db, &set, err);
	if (rc == ST_OK)
		rc = run_rules(db, &r, err);
	if (rc == ST_OK)
		*worst = r.worst;
	return rc;
}

struct collect {
	st_finding *items;
	size_t n, cap;
};

/* An owned copy of each finding, for st_check_run. */
static int collect(const st_finding *f, void *payload)
{
	struct collect *c = payload;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		st_finding *items = realloc(c->items, cap * sizeof *items);
		if (!items)
			return ST_EINTERNAL;
		c->items = items;
		c->cap = cap;
	}
	st_finding *g = &c->items[c->n++];
	*g = (st_finding){f->severity, f->rule, f->date, f->pupil_id, st__xstrdup(f->upn),
			  st__xstrdup(f->surname), st__xstrdup(f->forename), st__xstrdup(f->preferred),
			  st__xstrdup(f->year), st__xstrdup(f->sort_key), st__xstrdup(f->detail)};
	if (!g->surname || !g->forename || !g->year || !g->sort_key || !g->detail ||
	    (f->upn && !g->upn) || (f->preferred && !g->preferred))
		return ST_EINTERNAL;
	return 0;
}

int st_check_run(st_db *db, const st_check_filter *filter, st_finding **out, size_t *count,
		 st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	*count = 0;
	struct collect c = {NULL, 0, 0};
	int rc = st_check_each(db, filter, collect, &c, err);
	if (rc != ST_OK) {
		st_check_free(c.items, c.n);
		return rc == ST_EINTERNAL ? st__err_nomem(err) : rc;
	}
	*out = c.items;
	*count = c.n;
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
