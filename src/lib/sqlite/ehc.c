/* ehc.c - the statements behind EHC needs assessment requests and EHC plan
 * annual review steps (issue 12): requests followed to the LA's decisions,
 * scheduled reviews and their steps, amended plans at phase transfer. */
#include <string.h>
#include "sqlite_store.h"
#include "../store_ehc.h"

int sqlst_ehcna_add(struct store *s, int64_t pupil_id, int64_t cycle_id, st_date date,
		    const char *by, st_date parents_informed, const char *decided_by,
		    int64_t *out_id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO ehcna_request(pupil_id, cycle_id, "
		"request_date, decided_by, requested_by, parents_informed) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_id(st, 2, cycle_id);
	sqlst_bind_date(st, 3, date);
	sqlst_bind_text(st, 4, decided_by);
	sqlst_bind_text(st, 5, by);
	sqlst_bind_date(st, 6, parents_informed);
	int rc = sqlst_step_done(s, st, "recording the EHC needs assessment request", err);
	if (rc == ST_OK && out_id)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

/* Columns of a request, from offset i: id, pupil, cycle, date, by,
 * informed, assess, decided_on, plan, plan_on. */
#define EHCNA_COLS "q.id, q.pupil_id, q.cycle_id, q.request_date, q.requested_by, " \
	"q.parents_informed, q.assess, q.decided_on, q.plan, q.plan_on"
/* Still waiting on the LA: not refused an assessment, no final decision. */
#define EHCNA_OPEN "q.plan IS NULL AND (q.assess IS NULL OR q.assess = 'yes')"

static void read_ehcna(sqlite3_stmt *st, int i, st_ehcna *r)
{
	*r = (st_ehcna){.id = sqlite3_column_int64(st, i), .pupil_id = sqlite3_column_int64(st, i + 1),
			.cycle_id = sqlite3_column_int64(st, i + 2),
			.requested = sqlst_col_date(st, i + 3),
			.requested_by = sqlst_col_text(st, i + 4),
			.parents_informed = sqlst_col_date(st, i + 5),
			.assess = sqlst_col_text(st, i + 6), .decided_on = sqlst_col_date(st, i + 7),
			.plan = sqlst_col_text(st, i + 8), .plan_on = sqlst_col_date(st, i + 9),
			.decision_due = ST_DATE_NONE, .plan_due = ST_DATE_NONE};
}

int sqlst_ehcna_open(struct store *s, int64_t pupil_id, st_ehcna *out, int *found,
		     st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT " EHCNA_COLS " FROM ehcna_request q "
		"WHERE q.pupil_id = ?1 AND " EHCNA_OPEN " ORDER BY q.request_date DESC, q.id DESC "
		"LIMIT 1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	int rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found) {
		read_ehcna(st, 0, out);
		out->requested_by = out->assess = out->plan = NULL; /* not kept past the reset */
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? ST_OK : sqlst_fail(s, rc, "reading the EHC needs assessment request", err);
}

int sqlst_ehcna_set_assess(struct store *s, int64_t id, const char *assess, st_date date,
			   st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE ehcna_request SET assess = ?2, decided_on = ?3 "
				   "WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_text(st, 2, assess);
	sqlst_bind_date(st, 3, date);
	return sqlst_step_done(s, st, "recording the decision to assess", err);
}

int sqlst_ehcna_set_plan(struct store *s, int64_t id, const char *plan, st_date date,
			 st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE ehcna_request SET plan = ?2, plan_on = ?3 "
				   "WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_text(st, 2, plan);
	sqlst_bind_date(st, 3, date);
	return sqlst_step_done(s, st, "recording the EHC plan decision", err);
}

int sqlst_ehcna_list(struct store *s, int64_t pupil_id, st_ehcna_cb cb, void *payload,
		     st_error *err)
{
	sqlite3_stmt *st = pupil_id
		? sqlst_stmt(s, "SELECT " EHCNA_COLS ", p.surname, p.forename, p.preferred, p.year "
			  "FROM ehcna_request q JOIN pupil p ON p.id = q.pupil_id "
			  "WHERE q.pupil_id = ?1 ORDER BY q.request_date, q.id", err)
		: sqlst_stmt(s, "SELECT /* full scan: every request */ " EHCNA_COLS ", p.surname, "
			  "p.forename, p.preferred, p.year FROM ehcna_request q "
			  "JOIN pupil p ON p.id = q.pupil_id WHERE p.left_on IS NULL "
			  "ORDER BY q.request_date, q.id", err);
	if (!st)
		return err->code;
	if (pupil_id)
		sqlite3_bind_int64(st, 1, pupil_id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		st_ehcna r;
		read_ehcna(st, 0, &r);
		r.surname = sqlst_col_text(st, 10);
		r.forename = sqlst_col_text(st, 11);
		r.preferred = sqlst_col_text(st, 12);
		r.year = sqlst_col_text(st, 13);
		int stop = cb(&r, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "listing EHC needs assessment requests", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK
				 : sqlst_fail(s, rc, "reading EHC needs assessment requests", err);
}

/* --- annual reviews --------------------------------------------------------- */

#define SCHED_COLS "x.id, x.meeting_on, x.invite_on, x.advice_on, x.report_on, " \
	"x.decision_on, x.review_id"

static void read_sched(sqlite3_stmt *st, int i, st_ehcp_schedule_row *r)
{
	*r = (st_ehcp_schedule_row){sqlite3_column_int64(st, i), sqlst_col_date(st, i + 1),
				    sqlst_col_date(st, i + 2), sqlst_col_date(st, i + 3),
				    sqlst_col_date(st, i + 4), sqlst_col_date(st, i + 5),
				    sqlite3_column_int64(st, i + 6)};
}

int sqlst_ehcp_schedule_latest(struct store *s, int64_t pupil_id, st_ehcp_schedule_row *out,
			       int *found, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT " SCHED_COLS " FROM ehcp_schedule x "
		"WHERE x.pupil_id = ?1 ORDER BY x.id DESC LIMIT 1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	int rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	if (*found)
		read_sched(st, 0, out);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
		? ST_OK : sqlst_fail(s, rc, "reading the scheduled annual review", err);
}

int sqlst_ehcp_schedule_add(struct store *s, int64_t pupil_id, st_date meeting,
			    int64_t *out_id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO ehcp_schedule(pupil_id, meeting_on) "
				   "VALUES (?1, ?2)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_date(st, 2, meeting);
	int rc = sqlst_step_done(s, st, "scheduling the annual review", err);
	if (rc == ST_OK)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

int sqlst_ehcp_schedule_move(struct store *s, int64_t id, st_date meeting, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE ehcp_schedule SET meeting_on = ?2 WHERE id = ?1",
				   err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_date(st, 2, meeting);
	return sqlst_step_done(s, st, "moving the annual review meeting", err);
}

int sqlst_ehcp_schedule_done(struct store *s, int64_t id, const char *step, st_date date,
			     st_error *err)
{
	/* one statement per column: a column name is never bound or formatted */
	sqlite3_stmt *st =
		strcmp(step, "invite") == 0
		? sqlst_stmt(s, "UPDATE ehcp_schedule SET invite_on = ?2 WHERE id = ?1", err)
		: strcmp(step, "advice") == 0
		? sqlst_stmt(s, "UPDATE ehcp_schedule SET advice_on = ?2 WHERE id = ?1", err)
		: strcmp(step, "report") == 0
		? sqlst_stmt(s, "UPDATE ehcp_schedule SET report_on = ?2 WHERE id = ?1", err)
		: sqlst_stmt(s, "UPDATE ehcp_schedule SET decision_on = ?2 WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlst_bind_date(st, 2, date);
	return sqlst_step_done(s, st, "recording the annual review step", err);
}

int sqlst_ehcp_schedule_link(struct store *s, int64_t id, int64_t review_id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "UPDATE ehcp_schedule SET review_id = ?2 WHERE id = ?1",
				   err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, review_id);
	return sqlst_step_done(s, st, "linking the annual review to its schedule", err);
}

int sqlst_ehcp_amended_add(struct store *s, int64_t pupil_id, st_date date, int64_t *out_id,
			   st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO ehcp_amended(pupil_id, amended_on) "
				   "VALUES (?1, ?2)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_date(st, 2, date);
	int rc = sqlst_step_done(s, st, "recording the amended EHC plan", err);
	if (rc == ST_OK)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}

/* --- deadlines ------------------------------------------------------------- */

#define PUPIL_COLS "p.id, p.upn, p.surname, p.forename, p.preferred, p.year, " \
	"p.surname_key || ' ' || p.forename_key"

static void read_pupil(sqlite3_stmt *st, struct ehcp_row *r)
{
	r->pupil_id = sqlite3_column_int64(st, 0);
	r->upn = sqlst_col_text(st, 1);
	r->surname = sqlst_col_text(st, 2);
	r->forename = sqlst_col_text(st, 3);
	r->preferred = sqlst_col_text(st, 4);
	r->year = sqlst_col_text(st, 5);
	r->sort_key = sqlst_col_text(st, 6);
}

int sqlst_ehcp_rows(struct store *s, ehcp_row_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT " PUPIL_COLS ", p.dob, e.plan_date, "
		"(SELECT max(r.review_date) FROM ehcp_review r WHERE r.pupil_id = p.id), "
		"(SELECT max(a.amended_on) FROM ehcp_amended a WHERE a.pupil_id = p.id), "
		SCHED_COLS " FROM pupil p JOIN register_event e ON e.id = p.status_event "
		"LEFT JOIN ehcp_schedule x ON x.id = (SELECT max(y.id) FROM ehcp_schedule y "
		" WHERE y.pupil_id = p.id) "
		"WHERE p.status = 'E' AND p.left_on IS NULL "
		"ORDER BY p.surname_key, p.forename_key, p.id", err);
	if (!st)
		return err->code;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ehcp_row r;
		read_pupil(st, &r);
		r.dob = sqlst_col_date(st, 7);
		r.plan_date = sqlst_col_date(st, 8);
		r.last_review = sqlst_col_date(st, 9);
		r.amended = sqlst_col_date(st, 10);
		read_sched(st, 11, &r.sched);
		if (!r.sched.id)
			r.sched.meeting = ST_DATE_NONE;
		int stop = cb(&r, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading EHC plans", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "reading EHC plans", err);
}

int sqlst_ehcna_open_rows(struct store *s, ehcna_open_cb cb, void *payload, st_error *err)
{
	/* requests are few (a handful a year); the open ones are found among them */
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT /* full scan: every request */ " PUPIL_COLS ", "
		EHCNA_COLS " FROM ehcna_request q JOIN pupil p ON p.id = q.pupil_id "
		"WHERE " EHCNA_OPEN " AND p.left_on IS NULL AND p.status IS NOT 'E'", err);
	if (!st)
		return err->code;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ehcp_row p = {0};
		st_ehcna r;
		read_pupil(st, &p);
		read_ehcna(st, 7, &r);
		int stop = cb(&p, &r, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "reading EHC needs assessment requests", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK
				 : sqlst_fail(s, rc, "reading EHC needs assessment requests", err);
}
