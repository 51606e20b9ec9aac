/* cycle.c - the graduated approach: the rules of Assess, Plan, Do, Review
 * (SEND Code of Practice 6.44-6.56). Every phase moves forward only, with
 * an event date that is not in the future and not before the phase before. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "store_ehc.h"

/* The parts of a cycle the rules look at (copied out of the callback). */
struct cycle_state {
	int64_t id;
	int seq;
	char phase[8];
	st_date opened_on, assessed_on, planned_on, review_date, do_on;
};

static int copy_state(const st_cycle *c, void *payload)
{
	struct cycle_state *s = payload;
	s->id = c->id;
	s->seq = c->seq;
	snprintf(s->phase, sizeof s->phase, "%s", c->phase);
	s->opened_on = c->opened_on;
	s->assessed_on = c->assessed_on;
	s->planned_on = c->planned_on;
	s->review_date = c->review_date;
	s->do_on = c->do_on;
	return ST_OK;
}

/* The open cycle of a pupil; ST_ERULE naming the pupil when there is none. */
static int open_cycle(st_db *db, int64_t pupil_id, struct cycle_state *out, st_error *err)
{
	int rc = st__store_cycle_open_of(db->store, pupil_id, db->today, copy_state, out, err);
	if (rc == ST_ENOTFOUND)
		return st_error_set(err, ST_ERULE, "pupil %lld: has no open cycle (start one with "
				    "`sentrack cycle open`)", (long long)pupil_id);
	return rc;
}

/* A phase's date: not in the future, not before the previous phase's. */
static int check_phase_date(st_db *db, const char *field, st_date date, st_date previous,
			    const char *previous_name, st_error *err)
{
	int rc = st__check_not_future(db, field, date, err);
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	if (rc == ST_OK && previous != ST_DATE_NONE && date < previous)
		rc = st_error_set(err, ST_ERULE, "%s %s: is before the %s (%s)", field,
				  st_date_format(date, d1), previous_name,
				  st_date_format(previous, d2));
	return rc;
}

/* "the cycle is in the plan phase; this needs the assess phase" */
static int wrong_phase(const struct cycle_state *c, const char *action, const char *needed,
		       st_error *err)
{
	return st_error_set(err, ST_ERULE, "cycle %d is in the %s phase; %s needs the %s phase",
			    c->seq, c->phase, action, needed);
}

/* A cycle is for a pupil on the register (K or E), opened on or after the
 * placement. */
static int check_pupil_on_register(st_db *db, int64_t pupil_id, st_date date, st_error *err)
{
	st_pupil *p = NULL;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	int rc = st_pupil_get(db, pupil_id, &p, err);
	if (rc != ST_OK)
		return rc;
	if ((rc = st__pupil_refuse_left(p, err)) != ST_OK)
		;
	else if (p->status != 'K' && p->status != 'E')
		rc = st_error_set(err, ST_ERULE, "pupil %lld: is not on the SEN register (K or E); "
				  "a cycle needs `sentrack register add` first", (long long)pupil_id);
	else if (date < p->status_since)
		rc = st_error_set(err, ST_ERULE, "--date %s: is before the pupil was placed at %c "
				  "(%s)", st_date_format(date, d1), p->status,
				  st_date_format(p->status_since, d2));
	st_pupil_free(p);
	return rc;
}

int st_cycle_open(st_db *db, int64_t pupil_id, st_date date, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	struct cycle_state c;
	int64_t id = 0;
	if ((rc = check_pupil_on_register(db, pupil_id, date, err)) == ST_OK &&
	    (rc = st__check_not_future(db, "--date", date, err)) == ST_OK) {
		rc = st__store_cycle_open_of(db->store, pupil_id, db->today, copy_state, &c, err);
		if (rc == ST_OK)
			rc = st_error_set(err, ST_ERULE, "pupil %lld: cycle %d is still open (%s "
					  "phase); review it before opening another",
					  (long long)pupil_id, c.seq, c.phase);
		else if (rc == ST_ENOTFOUND)
			rc = ST_OK;
	}
	if (rc == ST_OK)
		rc = st__store_cycle_insert(db->store, pupil_id, date, 0, &id, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "cycle", id, pupil_id, date, "assess", err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

static int add_view(st_db *db, int64_t cycle_id, const char *who, const char *stage,
		    st_date date, const char *text, const char *field, st_error *err)
{
	if (!text || !*text)
		return ST_OK;
	int rc = st__text_check(field, text, TEXT_LONG_MAX, TEXT_REQUIRED | TEXT_MULTILINE, err);
	return rc == ST_OK ? st__store_view_insert(db->store, cycle_id, who, stage, date, text, err)
			   : rc;
}

int st_cycle_assess(st_db *db, int64_t pupil_id, const char *summary, const char *pupil_views,
		    const char *parent_views, st_date date, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__text_check("--summary", summary, TEXT_LONG_MAX, TEXT_REQUIRED | TEXT_MULTILINE,
			    err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct cycle_state c;
	char d[ST_DATE_BUFSZ];
	if ((rc = open_cycle(db, pupil_id, &c, err)) == ST_OK && strcmp(c.phase, "assess") != 0)
		rc = wrong_phase(&c, "an assessment", "assess", err);
	if (rc == ST_OK && c.assessed_on != ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "cycle %d: the assessment was recorded on %s; "
				  "evidence is not rewritten", c.seq,
				  st_date_format(c.assessed_on, d));
	if (rc == ST_OK)
		rc = check_phase_date(db, "--date", date, c.opened_on, "opening of the cycle", err);
	if (rc == ST_OK)
		rc = st__store_cycle_set_assessment(db->store, c.id, date, summary, err);
	if (rc == ST_OK)
		rc = add_view(db, c.id, "pupil", "assess", date, pupil_views, "--pupil-views", err);
	if (rc == ST_OK)
		rc = add_view(db, c.id, "parents", "assess", date, parent_views, "--parent-views",
			      err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "cycle", c.id, pupil_id, date, "assess", err);
	return st__write_end(db, rc, err);
}

static int log_meeting(st_db *db, int64_t pupil_id, st_date date, unsigned with,
		       const char *purpose, const char *notes, st_error *err)
{
	if (!with)
		return ST_OK;
	int64_t id;
	return st_meeting_add(db, pupil_id, date, with, purpose, notes, &id, err);
}

/* SMART outcomes (Code 6.48, 9.66): every outcome of the cycle has a
 * measure and a target date before the plan; the message names each one. */
struct smart {
	char missing[600];
	int n;
};

static int note_not_smart(const st_outcome *o, void *payload)
{
	struct smart *m = payload;
	int no_measure = !o->measure, no_date = o->target_date == ST_DATE_NONE;
	if (!no_measure && !no_date)
		return 0;
	size_t used = strlen(m->missing);
	snprintf(m->missing + used, sizeof m->missing - used, "%s#%lld lacks %s", m->n++ ? "; " : "",
		 (long long)o->id, no_measure && no_date ? "a measure and a target date"
				   : no_measure ? "a measure" : "a target date");
	return 0;
}

static int check_smart(st_db *db, const struct cycle_state *c, st_error *err)
{
	struct smart m = {"", 0};
	int rc = st__store_outcome_list_cycle(db->store, c->id, note_not_smart, &m, err);
	if (rc == ST_OK && m.n)
		rc = st_error_set(err, ST_ERULE, "cycle %d: outcomes must be SMART before the plan "
				  "(Code 6.48, 9.66): %s; set them with `sentrack outcome edit ID "
				  "--measure TEXT --by DATE`", c->seq, m.missing);
	return rc;
}

int st_cycle_plan(st_db *db, int64_t pupil_id, st_date review_date, st_date date,
		  unsigned with, int allow_long, st_error *err)
{
	st_plan p = {review_date, date, with, allow_long, NULL, NULL};
	return st_cycle_plan_full(db, pupil_id, &p, err);
}

int st_cycle_plan_full(st_db *db, int64_t pupil_id, const st_plan *p, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__text_check("--strategies", p->strategies, TEXT_LONG_MAX, TEXT_MULTILINE, err);
	if (rc == ST_OK)
		rc = st__text_check("--lead", p->lead, TEXT_SHORT_MAX, 0, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct cycle_state c;
	int total = 0, unrated = 0;
	long max_weeks = 16;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	st_date review_date = p->review_date, date = p->date;
	if ((rc = open_cycle(db, pupil_id, &c, err)) == ST_OK && strcmp(c.phase, "assess") != 0)
		rc = wrong_phase(&c, "planning", "assess", err);
	if (rc == ST_OK && c.assessed_on == ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "cycle %d: plan needs an assessment summary first "
				  "(`sentrack cycle assess`)", c.seq);
	if (rc == ST_OK)
		rc = st__store_outcome_counts(db->store, c.id, &total, &unrated, err);
	if (rc == ST_OK && total == 0)
		rc = st_error_set(err, ST_ERULE, "cycle %d: plan needs at least one outcome "
				  "(`sentrack outcome add`)", c.seq);
	if (rc == ST_OK)
		rc = check_smart(db, &c, err);
	if (rc == ST_OK)
		rc = check_phase_date(db, "--date", date, c.assessed_on, "assessment", err);
	if (rc == ST_OK && review_date <= date)
		rc = st_error_set(err, ST_ERULE, "--review-date %s: must be after the plan date %s",
				  st_date_format(review_date, d1), st_date_format(date, d2));
	if (rc == ST_OK)
		rc = st__check_planned(db, "--review-date", review_date, err);
	if (rc == ST_OK)
		rc = st_config_int(db, "review-max-weeks", &max_weeks, err);
	if (rc == ST_OK && !p->allow_long && review_date - date > max_weeks * 7)
		rc = st_error_set(err, ST_ERULE, "--review-date %s: is more than %ld weeks after the "
				  "plan date %s (review-max-weeks, school policy "
				  "(configurable)); use --long to allow it",
				  st_date_format(review_date, d1), max_weeks,
				  st_date_format(date, d2));
	if (rc == ST_OK)
		rc = st__store_cycle_set_plan(db->store, c.id, date, review_date, err);
	if (rc == ST_OK && (p->strategies || p->lead))
		rc = st__store_cycle_set_strategies(db->store, c.id,
						p->strategies && *p->strategies ? p->strategies : NULL,
						p->lead && *p->lead ? p->lead : NULL, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "cycle", c.id, pupil_id, date, "plan", err);
	if (rc == ST_OK)
		rc = log_meeting(db, pupil_id, date, p->with, "plan", NULL, err);
	return st__write_end(db, rc, err);
}

int st_cycle_reschedule(st_db *db, int64_t pupil_id, st_date review_date, const char *reason,
			st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__text_check("--reason", reason, TEXT_SHORT_MAX, TEXT_REQUIRED, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct cycle_state c;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	if ((rc = open_cycle(db, pupil_id, &c, err)) == ST_OK && c.review_date == ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "cycle %d: has no review date yet; it is set by "
				  "`sentrack cycle plan`", c.seq);
	if (rc == ST_OK && review_date == c.review_date)
		rc = st_error_set(err, ST_ERULE, "--review-date %s: is already the review date",
				  st_date_format(review_date, d1));
	if (rc == ST_OK && review_date <= c.planned_on)
		rc = st_error_set(err, ST_ERULE, "--review-date %s: must be after the plan date %s",
				  st_date_format(review_date, d1), st_date_format(c.planned_on, d2));
	if (rc == ST_OK && review_date < db->today)
		rc = st_error_set(err, ST_ERULE, "--review-date %s: is in the past (today is %s)",
				  st_date_format(review_date, d1), st_date_format(db->today, d2));
	if (rc == ST_OK)
		rc = st__check_planned(db, "--review-date", review_date, err);
	if (rc == ST_OK)
		rc = st__store_reschedule_insert(db->store, c.id, c.review_date, review_date, reason,
					     db->user, err);
	if (rc == ST_OK)
		rc = st__store_cycle_set_review_date(db->store, c.id, review_date, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "cycle", c.id, pupil_id, ST_DATE_NONE,
				     "reschedule", err);
	return st__write_end(db, rc, err);
}

struct provision_count {
	int n;
};

static int count_provision(const st_provision *p, void *payload)
{
	(void)p;
	((struct provision_count *)payload)->n++;
	return 0;
}

int st_cycle_do(st_db *db, int64_t pupil_id, st_date date, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	struct cycle_state c;
	struct provision_count active = {0};
	char d[ST_DATE_BUFSZ];
	if ((rc = open_cycle(db, pupil_id, &c, err)) == ST_OK && strcmp(c.phase, "plan") != 0)
		rc = wrong_phase(&c, "do", "plan", err);
	if (rc == ST_OK)
		rc = check_phase_date(db, "--date", date, c.planned_on, "plan date", err);
	if (rc == ST_OK)
		rc = st__store_provision_list(db->store, pupil_id, date, count_provision, &active, err);
	if (rc == ST_OK && active.n == 0)
		rc = st_error_set(err, ST_ERULE, "--date %s: no provision is active on that date; "
				  "add it first (`sentrack provision add`)",
				  st_date_format(date, d));
	if (rc == ST_OK)
		rc = st__store_cycle_set_do(db->store, c.id, date, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "cycle", c.id, pupil_id, date, "do", err);
	return st__write_end(db, rc, err);
}

static const char *const decision_names[] = {NULL, "continue", "exit", "ehcna", "close"};

int st_decision_parse(const char *field, const char *text, st_decision *out, st_error *err)
{
	ERR_ENSURE(err);
	for (int d = ST_DECISION_CONTINUE; d <= ST_DECISION_CLOSE; d++) {
		if (text && strcasecmp(text, decision_names[d]) == 0) {
			*out = (st_decision)d;
			return ST_OK;
		}
	}
	return st_error_set(err, ST_EINVAL, "%s %.40s: not a decision (continue, exit, ehcna or "
			    "close)", field, text ? text : "");
}

const char *st_decision_name(st_decision d)
{
	return d >= ST_DECISION_CONTINUE && d <= ST_DECISION_CLOSE ? decision_names[d] : "?";
}

/* After the review: what the decision does besides closing the cycle. */
static int apply_decision(st_db *db, int64_t pupil_id, const struct cycle_state *c,
			  const st_review *r, int64_t *next_id, st_error *err)
{
	int rc = ST_OK, n = 0;
	switch (r->decision) {
	case ST_DECISION_EHCNA:
		/* the school's request (Code 9.14); parents at the review know of it */
		rc = st__ehcna_add(db, pupil_id, c->id, "school", r->date,
				   r->with & ST_WHO_PARENTS ? r->date : ST_DATE_NONE, NULL, err);
		if (rc != ST_OK)
			return rc;
		/* An EHC needs assessment runs alongside SEN support, which goes on. */
		/* fall through */
	case ST_DECISION_CONTINUE:
		rc = st__store_cycle_insert(db->store, pupil_id, r->date, c->id, next_id, err);
		if (rc == ST_OK)
			rc = st__store_outcome_carry_forward(db->store, c->id, *next_id, r->date, &n, err);
		if (rc == ST_OK)
			rc = st_audit_record(db, "insert", "cycle", *next_id, pupil_id, r->date,
					     "assess", err);
		return rc;
	case ST_DECISION_EXIT:
		rc = st__store_provision_end_active(db->store, pupil_id, r->date, &n, err);
		if (rc == ST_OK && n > 0)
			rc = st_audit_record(db, "update", "provision", 0, pupil_id, r->date,
					     "ended at exit", err);
		if (rc == ST_OK) {
			st_register_change to_n = {'N', r->date, ST_DATE_NONE, ST_DATE_NONE,
						   r->ceased_by_la, "exit at review", "review"};
			rc = st_register_apply(db, pupil_id, &to_n, NULL, err);
		}
		return rc;
	case ST_DECISION_CLOSE:
		return ST_OK;
	}
	return st_error_set(err, ST_EINVAL, "--decision: not a decision");
}

/* A pupil with an EHC plan (E) has had the assessment: the route back to
 * the LA is an early review of the plan (Code 9.174), not a new request. */
static int check_decision(st_db *db, int64_t pupil_id, const st_review *r, st_error *err)
{
	st_pupil *p = NULL;
	int rc = st_pupil_get(db, pupil_id, &p, err);
	if (rc == ST_OK && p->status == 'E' && r->decision == ST_DECISION_EHCNA)
		rc = st_error_set(err, ST_ERULE, "--decision ehcna: pupil %lld already has an EHC "
				  "plan (E); ask the local authority for an early review instead "
				  "(`sentrack ehcp review %lld --early --date DATE`, Code 9.174)",
				  (long long)pupil_id, (long long)pupil_id);
	if (rc == ST_OK && r->ceased_by_la != ST_DATE_NONE && r->decision != ST_DECISION_EXIT)
		rc = st_error_set(err, ST_ERULE, "--ceased-by-la: only applies to --decision exit");
	st_pupil_free(p);
	return rc;
}

int st_cycle_review(st_db *db, int64_t pupil_id, const st_review *r, int64_t *next_id,
		    st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__text_check("--notes", r->notes, TEXT_LONG_MAX, TEXT_MULTILINE, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct cycle_state c;
	int total = 0, unrated = 0;
	int64_t next = 0;
	if ((rc = open_cycle(db, pupil_id, &c, err)) == ST_OK && strcmp(c.phase, "do") != 0 &&
	    strcmp(c.phase, "review") != 0)
		rc = wrong_phase(&c, "a review", "do", err);
	if (rc == ST_OK)
		rc = check_decision(db, pupil_id, r, err);
	if (rc == ST_OK)
		rc = check_phase_date(db, "--date", r->date, c.do_on, "start of the do phase", err);
	if (rc == ST_OK)
		rc = st__store_outcome_counts(db->store, c.id, &total, &unrated, err);
	if (rc == ST_OK && unrated > 0)
		rc = st_error_set(err, ST_ERULE, "cycle %d: %d of %d outcomes not rated; rate each "
				  "with `sentrack outcome rate` before the review", c.seq, unrated,
				  total);
	if (rc == ST_OK)
		rc = st__store_cycle_close(db->store, c.id, r->date, st_decision_name(r->decision),
				       r->notes && *r->notes ? r->notes : NULL, err);
	if (rc == ST_OK)
		rc = add_view(db, c.id, "pupil", "review", r->date, r->pupil_views, "--pupil-views",
			      err);
	if (rc == ST_OK)
		rc = add_view(db, c.id, "parents", "review", r->date, r->parent_views,
			      "--parent-views", err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "cycle", c.id, pupil_id, r->date,
				     st_decision_name(r->decision), err);
	/* the meeting belongs to the reviewed cycle, so log it before the next opens */
	if (rc == ST_OK)
		rc = log_meeting(db, pupil_id, r->date, r->with, "review", NULL, err);
	if (rc == ST_OK)
		rc = apply_decision(db, pupil_id, &c, r, &next, err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && next_id)
		*next_id = next;
	return rc;
}

static int copy_cycle(const st_cycle *c, void *payload)
{
	st_cycle *o = payload;
	*o = *c;
	o->phase = st__xstrdup(c->phase);
	o->assessment = st__xstrdup(c->assessment);
	o->decision = st__xstrdup(c->decision);
	o->review_notes = st__xstrdup(c->review_notes);
	o->upn = st__xstrdup(c->upn);
	o->surname = st__xstrdup(c->surname);
	o->forename = st__xstrdup(c->forename);
	o->preferred = st__xstrdup(c->preferred);
	o->year = st__xstrdup(c->year);
	o->strategies = st__xstrdup(c->strategies);
	o->lead = st__xstrdup(c->lead);
	return ST_OK;
}

void st_cycle_free(st_cycle *c)
{
	if (!c)
		return;
	free((char *)c->phase);
	free((char *)c->assessment);
	free((char *)c->decision);
	free((char *)c->review_notes);
	free((char *)c->upn);
	free((char *)c->surname);
	free((char *)c->forename);
	free((char *)c->preferred);
	free((char *)c->year);
	free((char *)c->strategies);
	free((char *)c->lead);
	free(c);
}

int st_cycle_get(st_db *db, int64_t pupil_id, int seq, st_cycle **out, st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	st_cycle *c = calloc(1, sizeof *c);
	if (!c)
		return st__err_nomem(err);
	int rc = seq > 0 ? st__store_cycle_by_seq(db->store, pupil_id, seq, db->today, copy_cycle, c, err)
			 : st__store_cycle_open_of(db->store, pupil_id, db->today, copy_cycle, c, err);
	if (rc == ST_ENOTFOUND && seq > 0)
		rc = st_error_set(err, ST_ENOTFOUND, "--cycle %d: pupil %lld has no such cycle", seq,
				  (long long)pupil_id);
	else if (rc == ST_ENOTFOUND)
		rc = st_error_set(err, ST_ENOTFOUND, "pupil %lld: has no open cycle",
				  (long long)pupil_id);
	if (rc == ST_OK && !c->phase)
		rc = st__err_nomem(err);
	if (rc != ST_OK) {
		st_cycle_free(c);
		return rc;
	}
	*out = c;
	return ST_OK;
}

int st_cycle_list(st_db *db, const st_cycle_filter *filter, st_cycle_cb cb, void *payload,
		  st_error *err)
{
	ERR_ENSURE(err);
	st_cycle_filter all = {NULL, ST_DATE_NONE, 0, NULL};
	return st__store_cycle_list(db->store, filter ? filter : &all, db->today, cb, payload, err);
}

int st_cycle_history(st_db *db, int64_t pupil_id, st_cycle_cb cb, void *payload,
		     st_error *err)
{
	ERR_ENSURE(err);
	return st__store_cycle_history(db->store, pupil_id, db->today, cb, payload, err);
}

int st_cycle_views(st_db *db, int64_t cycle_id, st_view_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_view_list(db->store, cycle_id, cb, payload, err);
}

int st_cycle_reschedules(st_db *db, int64_t cycle_id, st_reschedule_cb cb, void *payload,
			 st_error *err)
{
	ERR_ENSURE(err);
	return st__store_reschedule_list(db->store, cycle_id, cb, payload, err);
}

const char *st_cycle_phase_shown(const char *stored_phase, st_date review_date, st_date today)
{
	if (stored_phase && strcmp(stored_phase, "do") == 0 && review_date != ST_DATE_NONE &&
	    review_date <= today)
		return "review";
	return stored_phase;
}

int st_cycle_days_to_review(const st_db *db, const st_cycle *c)
{
	return c->review_date == ST_DATE_NONE ? 0 : (int)(c->review_date - db->today);
}
