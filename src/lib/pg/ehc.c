/* ehc.c - the PostgreSQL store's EHC needs assessment requests and EHC
 * plan annual review steps (as sqlite/ehc.c). */
#include <string.h>
#include "pgst.h"
#include "../store_ehc.h"

int pgst_ehcna_add(struct store *s, int64_t pupil_id, int64_t cycle_id, st_date date,
		   const char *by, st_date parents_informed, const char *decided_by,
		   int64_t *out_id, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_id(&p, cycle_id);
	pgst_date(&p, date);
	pgst_text(&p, decided_by);
	pgst_text(&p, by);
	pgst_date(&p, parents_informed);
	pgst_school(s, &p);
	int64_t id = 0;
	int rc = pgst_insert(s, "INSERT INTO ehcna_request (pupil_id, cycle_id, request_date, "
			     "decided_by, requested_by, parents_informed, school_id) VALUES ($1, "
			     "$2, $3, $4, $5, $6, $7) RETURNING id", &p, &id,
			     "recording the EHC needs assessment request", err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

/* Columns of a request, from offset i: id, pupil, cycle, date, by,
 * informed, assess, decided_on, plan, plan_on. */
#define EHCNA_COLS "q.id, q.pupil_id, q.cycle_id, q.request_date, q.requested_by, " \
	"q.parents_informed, q.assess, q.decided_on, q.plan, q.plan_on"
/* Still waiting on the LA: not refused an assessment, no final decision. */
#define EHCNA_OPEN "q.plan IS NULL AND (q.assess IS NULL OR q.assess = 'yes')"

static void read_ehcna(const PGresult *r, int row, int i, st_ehcna *e)
{
	*e = (st_ehcna){.id = pgst_col_int(r, row, i), .pupil_id = pgst_col_int(r, row, i + 1),
			.cycle_id = pgst_col_int(r, row, i + 2),
			.requested = pgst_col_date(r, row, i + 3),
			.requested_by = pgst_col_text(r, row, i + 4),
			.parents_informed = pgst_col_date(r, row, i + 5),
			.assess = pgst_col_text(r, row, i + 6),
			.decided_on = pgst_col_date(r, row, i + 7),
			.plan = pgst_col_text(r, row, i + 8), .plan_on = pgst_col_date(r, row, i + 9),
			.decision_due = ST_DATE_NONE, .plan_due = ST_DATE_NONE};
}

int pgst_ehcna_open(struct store *s, int64_t pupil_id, st_ehcna *out, int *found,
		    st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_school(s, &p);
	PGresult *res;
	*found = 0;
	int rc = pgst_query(s, "SELECT " EHCNA_COLS " FROM ehcna_request q WHERE q.pupil_id = $1 "
			    "AND q.school_id = $2 AND " EHCNA_OPEN " ORDER BY q.request_date DESC, "
			    "q.id DESC LIMIT 1", &p, &res,
			    "reading the EHC needs assessment request", err);
	if (rc != ST_OK)
		return rc;
	*found = PQntuples(res) == 1;
	if (*found) {
		read_ehcna(res, 0, 0, out);
		out->requested_by = out->assess = out->plan = NULL; /* not kept past the PQclear */
	}
	PQclear(res);
	return ST_OK;
}

/* An UPDATE of one row of the school's, by id, to a text and a date. */
static int set_text_date(struct store *s, const char *sql, int64_t id, const char *text,
			 st_date date, const char *doing, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_text(&p, text);
	pgst_date(&p, date);
	pgst_school(s, &p);
	return pgst_query(s, sql, &p, NULL, doing, err);
}

int pgst_ehcna_set_assess(struct store *s, int64_t id, const char *assess, st_date date,
			  st_error *err)
{
	return set_text_date(s, "UPDATE ehcna_request SET assess = $2, decided_on = $3 WHERE "
			     "id = $1 AND school_id = $4", id, assess, date,
			     "recording the decision to assess", err);
}

int pgst_ehcna_set_plan(struct store *s, int64_t id, const char *plan, st_date date,
			st_error *err)
{
	return set_text_date(s, "UPDATE ehcna_request SET plan = $2, plan_on = $3 WHERE id = $1 "
			     "AND school_id = $4", id, plan, date,
			     "recording the EHC plan decision", err);
}

int pgst_ehcna_list(struct store *s, int64_t pupil_id, st_ehcna_cb cb, void *payload,
		    st_error *err)
{
	struct pgst_params p = {0};
	if (pupil_id)
		pgst_int(&p, pupil_id);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pupil_id
		? pgst_query(s, "SELECT " EHCNA_COLS ", p.surname, p.forename, p.preferred, p.year "
			     "FROM ehcna_request q JOIN pupil p ON p.id = q.pupil_id "
			     "WHERE q.pupil_id = $1 AND q.school_id = $2 "
			     "ORDER BY q.request_date, q.id", &p, &res,
			     "reading EHC needs assessment requests", err)
		: pgst_query(s, "SELECT " EHCNA_COLS ", p.surname, p.forename, p.preferred, p.year "
			     "FROM ehcna_request q JOIN pupil p ON p.id = q.pupil_id "
			     "WHERE q.school_id = $1 AND p.left_on IS NULL "
			     "ORDER BY q.request_date, q.id", &p, &res,
			     "reading EHC needs assessment requests", err);
	if (rc != ST_OK)
		return rc;
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_ehcna r;
		read_ehcna(res, i, 0, &r);
		r.surname = pgst_col_text(res, i, 10);
		r.forename = pgst_col_text(res, i, 11);
		r.preferred = pgst_col_text(res, i, 12);
		r.year = pgst_col_text(res, i, 13);
		int stop = cb(&r, payload);
		if (stop)
			rc = st__err_stopped(stop, "listing EHC needs assessment requests", err);
	}
	PQclear(res);
	return rc;
}

/* --- annual reviews --------------------------------------------------------- */

#define SCHED_COLS "x.id, x.meeting_on, x.invite_on, x.advice_on, x.report_on, " \
	"x.decision_on, x.review_id"

static void read_sched(const PGresult *r, int row, int i, st_ehcp_schedule_row *x)
{
	*x = (st_ehcp_schedule_row){pgst_col_int(r, row, i), pgst_col_date(r, row, i + 1),
				    pgst_col_date(r, row, i + 2), pgst_col_date(r, row, i + 3),
				    pgst_col_date(r, row, i + 4), pgst_col_date(r, row, i + 5),
				    pgst_col_int(r, row, i + 6)};
}

int pgst_ehcp_schedule_latest(struct store *s, int64_t pupil_id, st_ehcp_schedule_row *out,
			      int *found, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_school(s, &p);
	PGresult *res;
	*found = 0;
	int rc = pgst_query(s, "SELECT " SCHED_COLS " FROM ehcp_schedule x WHERE x.pupil_id = $1 "
			    "AND x.school_id = $2 ORDER BY x.id DESC LIMIT 1", &p, &res,
			    "reading the scheduled annual review", err);
	if (rc != ST_OK)
		return rc;
	*found = PQntuples(res) == 1;
	if (*found)
		read_sched(res, 0, 0, out);
	PQclear(res);
	return ST_OK;
}

/* An INSERT of a pupil's dated row, its new id in *out_id. */
static int add_dated(struct store *s, const char *sql, int64_t pupil_id, st_date date,
		     int64_t *out_id, const char *doing, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_date(&p, date);
	pgst_school(s, &p);
	return pgst_insert(s, sql, &p, out_id, doing, err);
}

int pgst_ehcp_schedule_add(struct store *s, int64_t pupil_id, st_date meeting,
			   int64_t *out_id, st_error *err)
{
	return add_dated(s, "INSERT INTO ehcp_schedule (pupil_id, meeting_on, school_id) VALUES "
			 "($1, $2, $3) RETURNING id", pupil_id, meeting, out_id,
			 "scheduling the annual review", err);
}

/* An UPDATE of one schedule's column to a date. */
static int sched_date(struct store *s, const char *sql, int64_t id, st_date date,
		      const char *doing, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_date(&p, date);
	pgst_school(s, &p);
	return pgst_query(s, sql, &p, NULL, doing, err);
}

int pgst_ehcp_schedule_move(struct store *s, int64_t id, st_date meeting, st_error *err)
{
	return sched_date(s, "UPDATE ehcp_schedule SET meeting_on = $2 WHERE id = $1 AND "
			  "school_id = $3", id, meeting, "moving the annual review meeting", err);
}

int pgst_ehcp_schedule_done(struct store *s, int64_t id, const char *step, st_date date,
			    st_error *err)
{
	/* one statement per column: a column name is never bound or formatted */
	const char *sql =
		strcmp(step, "invite") == 0
		? "UPDATE ehcp_schedule SET invite_on = $2 WHERE id = $1 AND school_id = $3"
		: strcmp(step, "advice") == 0
		? "UPDATE ehcp_schedule SET advice_on = $2 WHERE id = $1 AND school_id = $3"
		: strcmp(step, "report") == 0
		? "UPDATE ehcp_schedule SET report_on = $2 WHERE id = $1 AND school_id = $3"
		: "UPDATE ehcp_schedule SET decision_on = $2 WHERE id = $1 AND school_id = $3";
	return sched_date(s, sql, id, date, "recording the annual review step", err);
}

int pgst_ehcp_schedule_link(struct store *s, int64_t id, int64_t review_id, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_int(&p, review_id);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE ehcp_schedule SET review_id = $2 WHERE id = $1 AND "
			  "school_id = $3", &p, NULL,
			  "linking the annual review to its schedule", err);
}

int pgst_ehcp_amended_add(struct store *s, int64_t pupil_id, st_date date, int64_t *out_id,
			  st_error *err)
{
	return add_dated(s, "INSERT INTO ehcp_amended (pupil_id, amended_on, school_id) VALUES "
			 "($1, $2, $3) RETURNING id", pupil_id, date, out_id,
			 "recording the amended EHC plan", err);
}

/* --- deadlines ------------------------------------------------------------- */

#define PUPIL_COLS "p.id, p.upn, p.surname, p.forename, p.preferred, p.year, " \
	"p.surname_key || ' ' || p.forename_key"

static void read_pupil(const PGresult *res, int row, struct ehcp_row *r)
{
	r->pupil_id = pgst_col_int(res, row, 0);
	r->upn = pgst_col_text(res, row, 1);
	r->surname = pgst_col_text(res, row, 2);
	r->forename = pgst_col_text(res, row, 3);
	r->preferred = pgst_col_text(res, row, 4);
	r->year = pgst_col_text(res, row, 5);
	r->sort_key = pgst_col_text(res, row, 6);
}

int pgst_ehcp_rows(struct store *s, ehcp_row_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT " PUPIL_COLS ", p.dob, e.plan_date, "
		"(SELECT max(r.review_date) FROM ehcp_review r WHERE r.pupil_id = p.id), "
		"(SELECT max(a.amended_on) FROM ehcp_amended a WHERE a.pupil_id = p.id), "
		SCHED_COLS " FROM pupil p JOIN register_event e ON e.id = p.status_event "
		"LEFT JOIN ehcp_schedule x ON x.id = (SELECT max(y.id) FROM ehcp_schedule y "
		" WHERE y.pupil_id = p.id) "
		"WHERE p.school_id = $1 AND p.status = 'E' AND p.left_on IS NULL "
		"ORDER BY p.surname_key COLLATE \"C\", p.forename_key COLLATE \"C\", p.id", &p, &res,
		"reading EHC plans", err);
	if (rc != ST_OK)
		return rc;
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		struct ehcp_row r;
		read_pupil(res, i, &r);
		r.dob = pgst_col_date(res, i, 7);
		r.plan_date = pgst_col_date(res, i, 8);
		r.last_review = pgst_col_date(res, i, 9);
		r.amended = pgst_col_date(res, i, 10);
		read_sched(res, i, 11, &r.sched);
		if (!r.sched.id)
			r.sched.meeting = ST_DATE_NONE;
		int stop = cb(&r, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading EHC plans", err);
	}
	PQclear(res);
	return rc;
}

int pgst_ehcna_open_rows(struct store *s, ehcna_open_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	PGresult *res;
	/* in the order the file's scan gives them: by request */
	int rc = pgst_query(s, "SELECT " PUPIL_COLS ", " EHCNA_COLS " FROM ehcna_request q "
		"JOIN pupil p ON p.id = q.pupil_id WHERE q.school_id = $1 AND " EHCNA_OPEN
		" AND p.left_on IS NULL AND p.status IS DISTINCT FROM 'E' ORDER BY q.id", &p, &res,
		"reading EHC needs assessment requests", err);
	if (rc != ST_OK)
		return rc;
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		struct ehcp_row pr = {0};
		st_ehcna r;
		read_pupil(res, i, &pr);
		read_ehcna(res, i, 7, &r);
		int stop = cb(&pr, &r, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading EHC needs assessment requests", err);
	}
	PQclear(res);
	return rc;
}
