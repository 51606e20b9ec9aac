/* cycle.c - the PostgreSQL store's APDR cycles, their reschedules and views
 * (as sqlite/cycle.c). */
#include <string.h>
#include "changes.h"

/* The stored phase: cycle_rows shows it with the model's rule
 * (st_cycle_phase_shown), so no backend's SQL derives it. */
#define CYCLE_SELECT \
	"SELECT c.id, c.pupil_id, c.seq, c.phase, " \
	"c.opened_on, c.assessed_on, c.assessment, c.planned_on, c.review_date, c.do_on, " \
	"c.reviewed_on, c.decision, c.review_notes, c.closed_on, c.previous_id, " \
	"(SELECT count(*) FROM outcome o WHERE o.cycle_id = c.id), " \
	"p.upn, p.surname, p.forename, p.preferred, p.year, c.strategies, c.lead " \
	"FROM cycle c JOIN pupil p ON p.id = c.pupil_id "

static void read_cycle(const PGresult *r, int i, st_cycle *c)
{
	c->id = pgst_col_int(r, i, 0);
	c->pupil_id = pgst_col_int(r, i, 1);
	c->seq = (int)pgst_col_int(r, i, 2);
	c->phase = pgst_col_text(r, i, 3);
	c->opened_on = pgst_col_date(r, i, 4);
	c->assessed_on = pgst_col_date(r, i, 5);
	c->assessment = pgst_col_text(r, i, 6);
	c->planned_on = pgst_col_date(r, i, 7);
	c->review_date = pgst_col_date(r, i, 8);
	c->do_on = pgst_col_date(r, i, 9);
	c->reviewed_on = pgst_col_date(r, i, 10);
	c->decision = pgst_col_text(r, i, 11);
	c->review_notes = pgst_col_text(r, i, 12);
	c->closed_on = pgst_col_date(r, i, 13);
	c->previous_id = pgst_col_int(r, i, 14);
	c->outcomes = (int)pgst_col_int(r, i, 15);
	c->upn = pgst_col_text(r, i, 16);
	c->surname = pgst_col_text(r, i, 17);
	c->forename = pgst_col_text(r, i, 18);
	c->preferred = pgst_col_text(r, i, 19);
	c->year = pgst_col_text(r, i, 20);
	c->strategies = pgst_col_text(r, i, 21);
	c->lead = pgst_col_text(r, i, 22);
}

/* Hand the rows to cb, each with the phase shown on today; only those in
 * phase when phase is set (the exact test after the SQL's stored-phase
 * prefilter); ST_ENOTFOUND (without a message) when want_one and there is
 * no row. */
static int cycle_rows(struct store *s, const char *sql, const struct pgst_params *p,
		      st_date today, const char *phase, st_cycle_cb cb, void *payload,
		      int want_one, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, sql, p, &res, "reading cycles", err), n = 0;
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_cycle c;
		read_cycle(res, i, &c);
		c.phase = st_cycle_phase_shown(c.phase, c.review_date, today);
		if (phase && (!c.phase || strcmp(c.phase, phase) != 0))
			continue;
		n++;
		int stop = cb(&c, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading cycles", err);
	}
	PQclear(res); /* NULL after a failed query */
	if (rc != ST_OK)
		return rc;
	return want_one && n == 0 ? ST_ENOTFOUND : ST_OK;
}

/* The pupil's cycles by the statement sql ($1 the pupil, $2 the school). */
static int pupil_cycles(struct store *s, const char *sql, int64_t pupil_id, st_date today,
			st_cycle_cb cb, void *payload, int want_one, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_school(s, &p);
	return cycle_rows(s, sql, &p, today, NULL, cb, payload, want_one, err);
}

int pgst_cycle_open_of(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
		       void *payload, st_error *err)
{
	return pupil_cycles(s, CYCLE_SELECT "WHERE c.pupil_id = $1 AND c.school_id = $2 AND "
			       "c.phase <> 'closed'", pupil_id, today, cb, payload, 1, err);
}

int pgst_cycle_by_seq(struct store *s, int64_t pupil_id, int seq, st_date today,
		      st_cycle_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_int(&p, seq);
	pgst_school(s, &p);
	return cycle_rows(s, CYCLE_SELECT "WHERE c.pupil_id = $1 AND c.seq = $2 AND "
			     "c.school_id = $3", &p, today, NULL, cb, payload, 1, err);
}

int pgst_cycle_latest(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
		      void *payload, st_error *err)
{
	return pupil_cycles(s, CYCLE_SELECT "WHERE c.pupil_id = $1 AND c.school_id = $2 "
			       "ORDER BY c.seq DESC LIMIT 1", pupil_id, today, cb, payload, 1, err);
}

int pgst_cycle_insert(struct store *s, int64_t pupil_id, st_date opened_on,
		      int64_t previous_id, int64_t *out_id, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_date(&p, opened_on);
	pgst_id(&p, previous_id);
	pgst_school(s, &p);
	return pgst_insert(s, "INSERT INTO cycle (pupil_id, seq, phase, opened_on, previous_id, "
			      "school_id) VALUES ($1, (SELECT coalesce(max(seq), 0) + 1 FROM cycle "
			      "WHERE pupil_id = $1 AND school_id = $4), 'assess', $2, $3, $4) "
			      "RETURNING id", &p, out_id, "opening the cycle", err);
}

/* An update of one cycle: p holds the cycle's id, its values, the school. */
static int update_cycle(struct store *s, const char *sql, const struct pgst_params *p,
			const char *doing, st_error *err)
{
	int n;
	int rc = pgst_changes(s, sql, p, &n, doing, err);
	if (rc == ST_OK && n != 1)
		return st_error_set(err, ST_EINTERNAL, "%s: cycle not found", doing);
	return rc;
}

int pgst_cycle_set_assessment(struct store *s, int64_t id, st_date date, const char *summary,
			      st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_date(&p, date);
	pgst_text(&p, summary);
	pgst_school(s, &p);
	return update_cycle(s, "UPDATE cycle SET assessed_on = $2, assessment = $3 "
			       "WHERE id = $1 AND school_id = $4 AND phase = 'assess'", &p,
			    "recording the assessment", err);
}

int pgst_cycle_set_plan(struct store *s, int64_t id, st_date date, st_date review_date,
			st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_date(&p, date);
	pgst_date(&p, review_date);
	pgst_school(s, &p);
	return update_cycle(s, "UPDATE cycle SET phase = 'plan', planned_on = $2, "
			       "review_date = $3 WHERE id = $1 AND school_id = $4 AND "
			       "phase = 'assess'", &p, "recording the plan", err);
}

int pgst_cycle_set_review_date(struct store *s, int64_t id, st_date review_date, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_date(&p, review_date);
	pgst_school(s, &p);
	return update_cycle(s, "UPDATE cycle SET review_date = $2 WHERE id = $1 AND "
			       "school_id = $3 AND phase IN ('plan', 'do')", &p,
			    "moving the review date", err);
}

int pgst_cycle_set_do(struct store *s, int64_t id, st_date date, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_date(&p, date);
	pgst_school(s, &p);
	return update_cycle(s, "UPDATE cycle SET phase = 'do', do_on = $2 WHERE id = $1 AND "
			       "school_id = $3 AND phase = 'plan'", &p, "starting the do phase",
			    err);
}

int pgst_cycle_close(struct store *s, int64_t id, st_date date, const char *decision,
		     const char *notes, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_date(&p, date);
	pgst_text(&p, decision);
	pgst_text(&p, notes);
	pgst_school(s, &p);
	return update_cycle(s, "UPDATE cycle SET phase = 'closed', reviewed_on = $2, "
			       "decision = $3, review_notes = $4, closed_on = $2 "
			       "WHERE id = $1 AND school_id = $5 AND phase = 'do'", &p,
			    "recording the review", err);
}

int pgst_cycle_close_left(struct store *s, int64_t id, st_date date, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_date(&p, date);
	pgst_school(s, &p);
	/* no review was held: reviewed_on stays empty, so no report counts one */
	return update_cycle(s, "UPDATE cycle SET phase = 'closed', decision = 'left', "
			       "closed_on = greatest($2, opened_on) WHERE id = $1 AND "
			       "school_id = $3 AND phase <> 'closed'", &p,
			    "closing the cycle of a leaver", err);
}

int pgst_cycle_list(struct store *s, const st_cycle_filter *f, st_date today, st_cycle_cb cb,
		    void *payload, st_error *err)
{
	/* the cycles shown in review or do are stored in do */
	const char *stored = f->phase && strcmp(f->phase, "review") == 0 ? "do" : f->phase;
	struct pgst_params p = {0};
	pgst_date(&p, today);
	pgst_text(&p, stored);
	pgst_date(&p, f->due_before);
	pgst_flag(&p, f->overdue != 0);
	pgst_text(&p, f->year);
	pgst_school(s, &p);
	return cycle_rows(s, CYCLE_SELECT "WHERE c.school_id = $6 AND c.phase <> 'closed' "
			     "AND p.left_on IS NULL "
			     "AND ($2::text IS NULL OR c.phase = $2) "
			     "AND ($3::date IS NULL OR c.review_date < $3) "
			     "AND (NOT $4 OR c.review_date < $1) "
			     "AND ($5::text IS NULL OR p.year = $5) "
			     "ORDER BY c.review_date IS NULL, c.review_date, "
			     "p.surname_key COLLATE \"C\", p.forename_key COLLATE \"C\", c.id",
			  &p, today, f->phase, cb, payload, 0, err);
}

int pgst_cycle_history(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
		       void *payload, st_error *err)
{
	return pupil_cycles(s, CYCLE_SELECT "WHERE c.pupil_id = $1 AND c.school_id = $2 "
			       "ORDER BY c.seq", pupil_id, today, cb, payload, 0, err);
}

int pgst_reschedule_insert(struct store *s, int64_t cycle_id, st_date old_date,
			   st_date new_date, const char *reason, const char *user, st_error *err)
{
	char now[32];
	pgst_utc_now(now);
	struct pgst_params p = {0};
	pgst_int(&p, cycle_id);
	pgst_date(&p, old_date);
	pgst_date(&p, new_date);
	pgst_text(&p, reason);
	pgst_text(&p, now);
	pgst_text(&p, user);
	pgst_school(s, &p);
	return pgst_query(s, "INSERT INTO cycle_reschedule (cycle_id, old_date, new_date, "
			     "reason, entered_at, entered_by, school_id) VALUES ($1, $2, $3, $4, "
			     "$5, $6, $7)", &p, NULL, "recording the new review date", err);
}

int pgst_reschedule_list(struct store *s, int64_t cycle_id, st_reschedule_cb cb,
			 void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, cycle_id);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT old_date, new_date, reason, " PGST_TIME("entered_at")
			       ", entered_by FROM cycle_reschedule WHERE cycle_id = $1 AND "
			       "school_id = $2 ORDER BY id", &p, &res, "reading reschedules", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_reschedule r = {pgst_col_date(res, i, 0), pgst_col_date(res, i, 1),
				   pgst_col_text(res, i, 2), pgst_col_text(res, i, 3),
				   pgst_col_text(res, i, 4)};
		int stop = cb(&r, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading reschedules", err);
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}

int pgst_view_insert(struct store *s, int64_t cycle_id, const char *who, const char *stage,
		     st_date date, const char *text, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, cycle_id);
	pgst_text(&p, who);
	pgst_text(&p, stage);
	pgst_date(&p, date);
	pgst_text(&p, text);
	pgst_school(s, &p);
	return pgst_query(s, "INSERT INTO pupil_view (cycle_id, who, stage, view_date, text, "
			     "school_id) VALUES ($1, $2, $3, $4, $5, $6)", &p, NULL,
			  "recording views", err);
}

int pgst_view_list(struct store *s, int64_t cycle_id, st_view_cb cb, void *payload,
		   st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, cycle_id);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT id, cycle_id, who, stage, view_date, text FROM "
			       "pupil_view WHERE cycle_id = $1 AND school_id = $2 "
			       "ORDER BY view_date, id", &p, &res, "reading views", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_view v = {pgst_col_int(res, i, 0), pgst_col_int(res, i, 1),
			     pgst_col_text(res, i, 2), pgst_col_text(res, i, 3),
			     pgst_col_date(res, i, 4), pgst_col_text(res, i, 5)};
		int stop = cb(&v, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading views", err);
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}

/* Issue 12: the strategies staff will use and the named lead (Code 6.49). */
int pgst_cycle_set_strategies(struct store *s, int64_t id, const char *strategies,
			      const char *lead, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_text(&p, strategies);
	pgst_text(&p, lead);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE cycle SET strategies = $2, lead = $3 WHERE id = $1 AND "
			     "school_id = $4", &p, NULL, "recording the strategies", err);
}
