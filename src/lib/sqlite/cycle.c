/* cycle.c - storage of APDR cycles, their reschedules, views and EHC needs
 * assessment requests. */
#include <string.h>
#include "sqlite_store.h"

/* The stored phase: cycle_rows shows it with the model's rule
 * (st_cycle_phase_shown), so no backend's SQL derives it. */
#define CYCLE_SELECT \
	"SELECT c.id, c.pupil_id, c.seq, c.phase, " \
	"c.opened_on, c.assessed_on, c.assessment, c.planned_on, c.review_date, c.do_on, " \
	"c.reviewed_on, c.decision, c.review_notes, c.closed_on, c.previous_id, " \
	"(SELECT count(*) FROM outcome o WHERE o.cycle_id = c.id), " \
	"p.upn, p.surname, p.forename, p.preferred, p.year, c.strategies, c.lead " \
	"FROM cycle c JOIN pupil p ON p.id = c.pupil_id "

static void read_cycle(sqlite3_stmt *st, st_cycle *c)
{
	c->id = sqlite3_column_int64(st, 0);
	c->pupil_id = sqlite3_column_int64(st, 1);
	c->seq = sqlite3_column_int(st, 2);
	c->phase = sqlst_col_text(st, 3);
	c->opened_on = sqlst_col_date(st, 4);
	c->assessed_on = sqlst_col_date(st, 5);
	c->assessment = sqlst_col_text(st, 6);
	c->planned_on = sqlst_col_date(st, 7);
	c->review_date = sqlst_col_date(st, 8);
	c->do_on = sqlst_col_date(st, 9);
	c->reviewed_on = sqlst_col_date(st, 10);
	c->decision = sqlst_col_text(st, 11);
	c->review_notes = sqlst_col_text(st, 12);
	c->closed_on = sqlst_col_date(st, 13);
	c->previous_id = sqlite3_column_int64(st, 14);
	c->outcomes = sqlite3_column_int(st, 15);
	c->upn = sqlst_col_text(st, 16);
	c->surname = sqlst_col_text(st, 17);
	c->forename = sqlst_col_text(st, 18);
	c->preferred = sqlst_col_text(st, 19);
	c->year = sqlst_col_text(st, 20);
	c->strategies = sqlst_col_text(st, 21);
	c->lead = sqlst_col_text(st, 22);
}

/* Step st handing rows to cb, each with the phase shown on today; only
 * those in phase when phase is set (the exact test after the SQL's
 * stored-phase prefilter); ST_ENOTFOUND (without a message) when want_one
 * and there is no row. */
static int cycle_rows(struct store *s, sqlite3_stmt *st, st_date today, const char *phase,
		      st_cycle_cb cb, void *payload, int want_one, st_error *err)
{
	int rc, n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_cycle c;
		read_cycle(st, &c);
		c.phase = st_cycle_phase_shown(c.phase, c.review_date, today);
		if (phase && (!c.phase || strcmp(c.phase, phase) != 0))
			continue;
		n++;
		int stop = cb(&c, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading cycles", err);
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sqlst_fail(s, rc, "reading cycles", err);
	return want_one && n == 0 ? ST_ENOTFOUND : ST_OK;
}

int sqlst_cycle_open_of(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
			void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, CYCLE_SELECT "WHERE c.pupil_id = ?1 AND c.phase <> 'closed'",
				err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	return cycle_rows(s, st, today, NULL, cb, payload, 1, err);
}

int sqlst_cycle_by_seq(struct store *s, int64_t pupil_id, int seq, st_date today,
		       st_cycle_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, CYCLE_SELECT "WHERE c.pupil_id = ?1 AND c.seq = ?2", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlite3_bind_int(st, 2, seq);
	return cycle_rows(s, st, today, NULL, cb, payload, 1, err);
}

int sqlst_cycle_latest(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
		       void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, CYCLE_SELECT "WHERE c.pupil_id = ?1 ORDER BY c.seq DESC LIMIT 1",
				err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	return cycle_rows(s, st, today, NULL, cb, payload, 1, err);
}

int sqlst_cycle_insert(struct store *s, int64_t pupil_id, st_date opened_on,
		       int64_t previous_id, int64_t *out_id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO cycle(pupil_id, seq, phase, opened_on, previous_id) "
				   "VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM cycle "
				   "WHERE pupil_id = ?1), 'assess', ?2, ?3)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_date(st, 2, opened_on);
	sqlst_bind_id(st, 3, previous_id);
	int rc = sqlst_step_done(s, st, "opening the cycle", err);
	if (rc == ST_OK)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

static int update_cycle(struct store *s, sqlite3_stmt *st, const char *doing, st_error *err)
{
	int rc = sqlst_step_done(s, st, doing, err);
	if (rc == ST_OK && sqlite3_changes(sqlst_db(s)) != 1)
		return st_error_set(err, ST_EINTERNAL, "%s: cycle not found", doing);
	return rc;
}

int sqlst_cycle_set_assessment(struct store *s, int64_t id, st_date date, const char *summary,
			       st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE cycle SET assessed_on = ?2, assessment = ?3 "
				   "WHERE id = ?1 AND phase = 'assess'", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_date(st, 2, date);
	sqlst_bind_text(st, 3, summary);
	return update_cycle(s, st, "recording the assessment", err);
}

int sqlst_cycle_set_plan(struct store *s, int64_t id, st_date date, st_date review_date,
			 st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE cycle SET phase = 'plan', planned_on = ?2, "
				   "review_date = ?3 WHERE id = ?1 AND phase = 'assess'", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_date(st, 2, date);
	sqlst_bind_date(st, 3, review_date);
	return update_cycle(s, st, "recording the plan", err);
}

int sqlst_cycle_set_review_date(struct store *s, int64_t id, st_date review_date,
				st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE cycle SET review_date = ?2 "
				   "WHERE id = ?1 AND phase IN ('plan', 'do')", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_date(st, 2, review_date);
	return update_cycle(s, st, "moving the review date", err);
}

int sqlst_cycle_set_do(struct store *s, int64_t id, st_date date, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE cycle SET phase = 'do', do_on = ?2 "
				   "WHERE id = ?1 AND phase = 'plan'", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_date(st, 2, date);
	return update_cycle(s, st, "starting the do phase", err);
}

int sqlst_cycle_close(struct store *s, int64_t id, st_date date, const char *decision,
		      const char *notes, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE cycle SET phase = 'closed', reviewed_on = ?2, "
				   "decision = ?3, review_notes = ?4, closed_on = ?2 "
				   "WHERE id = ?1 AND phase = 'do'", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_date(st, 2, date);
	sqlst_bind_text(st, 3, decision);
	sqlst_bind_text(st, 4, notes);
	return update_cycle(s, st, "recording the review", err);
}

int sqlst_cycle_close_left(struct store *s, int64_t id, st_date date, st_error *err)
{
	/* no review was held: reviewed_on stays empty, so no report counts one */
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE cycle SET phase = 'closed', decision = 'left', "
				   "closed_on = max(?2, opened_on) WHERE id = ?1 AND phase <> 'closed'",
				err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_date(st, 2, date);
	return update_cycle(s, st, "closing the cycle of a leaver", err);
}

int sqlst_cycle_list(struct store *s, const st_cycle_filter *f, st_date today, st_cycle_cb cb,
		     void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, CYCLE_SELECT
				"WHERE c.phase <> 'closed' AND p.left_on IS NULL "
				"AND (?2 IS NULL OR c.phase = ?2) "
				"AND (?3 IS NULL OR c.review_date < ?3) "
				"AND (NOT ?4 OR c.review_date < ?1) "
				"AND (?5 IS NULL OR p.year = ?5) "
				"ORDER BY c.review_date IS NULL, c.review_date, p.surname_key, "
				"p.forename_key, c.id", err);
	if (!st)
		return err->code;
	/* the cycles shown in review or do are stored in do */
	const char *stored = f->phase && strcmp(f->phase, "review") == 0 ? "do" : f->phase;
	sqlst_bind_date(st, 1, today);
	sqlst_bind_text(st, 2, stored);
	sqlst_bind_date(st, 3, f->due_before);
	sqlite3_bind_int(st, 4, f->overdue != 0);
	sqlst_bind_text(st, 5, f->year);
	return cycle_rows(s, st, today, f->phase, cb, payload, 0, err);
}

int sqlst_cycle_history(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
			void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, CYCLE_SELECT "WHERE c.pupil_id = ?1 ORDER BY c.seq", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	return cycle_rows(s, st, today, NULL, cb, payload, 0, err);
}

int sqlst_reschedule_insert(struct store *s, int64_t cycle_id, st_date old_date,
			    st_date new_date, const char *reason, const char *user,
			    st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO cycle_reschedule(cycle_id, old_date, new_date, "
				   "reason, entered_at, entered_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				err);
	if (!st)
		return err->code;
	char now[32];
	sqlst_utc_now(now);
	sqlite3_bind_int64(st, 1, cycle_id);
	sqlst_bind_date(st, 2, old_date);
	sqlst_bind_date(st, 3, new_date);
	sqlst_bind_text(st, 4, reason);
	sqlst_bind_text(st, 5, now);
	sqlst_bind_text(st, 6, user);
	return sqlst_step_done(s, st, "recording the new review date", err);
}

int sqlst_reschedule_list(struct store *s, int64_t cycle_id, st_reschedule_cb cb,
			  void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT old_date, new_date, reason, entered_at, entered_by "
				   "FROM cycle_reschedule WHERE cycle_id = ?1 ORDER BY id", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, cycle_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_reschedule r = {sqlst_col_date(st, 0), sqlst_col_date(st, 1), sqlst_col_text(st, 2), sqlst_col_text(st, 3),
				   sqlst_col_text(st, 4)};
		int stop = cb(&r, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading reschedules", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading reschedules", err);
}

int sqlst_view_insert(struct store *s, int64_t cycle_id, const char *who, const char *stage,
		      st_date date, const char *text, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO pupil_view(cycle_id, who, stage, view_date, text) "
				   "VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, cycle_id);
	sqlst_bind_text(st, 2, who);
	sqlst_bind_text(st, 3, stage);
	sqlst_bind_date(st, 4, date);
	sqlst_bind_text(st, 5, text);
	return sqlst_step_done(s, st, "recording views", err);
}

int sqlst_view_list(struct store *s, int64_t cycle_id, st_view_cb cb, void *payload,
		    st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT id, cycle_id, who, stage, view_date, text FROM pupil_view "
				   "WHERE cycle_id = ?1 ORDER BY view_date, id", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, cycle_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_view v = {sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			     sqlst_col_text(st, 2), sqlst_col_text(st, 3), sqlst_col_date(st, 4), sqlst_col_text(st, 5)};
		int stop = cb(&v, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading views", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading views", err);
}

/* Issue 12: the strategies staff will use and the named lead (Code 6.49). */
int sqlst_cycle_set_strategies(struct store *s, int64_t id, const char *strategies,
			       const char *lead, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE cycle SET strategies = ?2, lead = ?3 WHERE id = ?1",
				err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_text(st, 2, strategies);
	sqlst_bind_text(st, 3, lead);
	return sqlst_step_done(s, st, "recording the strategies", err);
}
