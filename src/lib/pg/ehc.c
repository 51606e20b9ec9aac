/* ehc.c - the PostgreSQL store's EHC deadlines (as the "deadlines" part of
 * sqlite/ehc.c): the EHC plans' and the open EHC needs assessment
 * requests' rows that `check` and `ehcp list` read. The rest of
 * sqlite/ehc.c (requests, schedules, amended plans written) is still to
 * come. */
#include "pgst.h"
#include "../store_ehc.h"

#define PUPIL_COLS "p.id, p.upn, p.surname, p.forename, p.preferred, p.year, " \
	"p.surname_key || ' ' || p.forename_key"

static void read_pupil(const PGresult *res, int i, struct ehcp_row *r)
{
	r->pupil_id = pgst_col_int(res, i, 0);
	r->upn = pgst_col_text(res, i, 1);
	r->surname = pgst_col_text(res, i, 2);
	r->forename = pgst_col_text(res, i, 3);
	r->preferred = pgst_col_text(res, i, 4);
	r->year = pgst_col_text(res, i, 5);
	r->sort_key = pgst_col_text(res, i, 6);
}

int pgst_ehcp_rows(struct store *s, ehcp_row_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT " PUPIL_COLS ", p.dob, e.plan_date, "
		"(SELECT max(r.review_date) FROM ehcp_review r WHERE r.pupil_id = p.id), "
		"(SELECT max(a.amended_on) FROM ehcp_amended a WHERE a.pupil_id = p.id), "
		"x.id, x.meeting_on, x.invite_on, x.advice_on, x.report_on, x.decision_on, "
		"x.review_id FROM pupil p JOIN register_event e ON e.id = p.status_event "
		"LEFT JOIN ehcp_schedule x ON x.id = (SELECT max(y.id) FROM ehcp_schedule y "
		" WHERE y.pupil_id = p.id) "
		"WHERE p.school_id = $1 AND p.status = 'E' AND p.left_on IS NULL "
		"ORDER BY p.surname_key COLLATE \"C\", p.forename_key COLLATE \"C\", p.id", &p,
		&res, "reading EHC plans", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		struct ehcp_row r;
		read_pupil(res, i, &r);
		r.dob = pgst_col_date(res, i, 7);
		r.plan_date = pgst_col_date(res, i, 8);
		r.last_review = pgst_col_date(res, i, 9);
		r.amended = pgst_col_date(res, i, 10);
		r.sched = (st_ehcp_schedule_row){pgst_col_int(res, i, 11), pgst_col_date(res, i, 12),
						 pgst_col_date(res, i, 13), pgst_col_date(res, i, 14),
						 pgst_col_date(res, i, 15), pgst_col_date(res, i, 16),
						 pgst_col_int(res, i, 17)};
		if (!r.sched.id)
			r.sched.meeting = ST_DATE_NONE;
		int stop = cb(&r, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading EHC plans", err);
	}
	if (res)
		PQclear(res);
	return rc;
}

int pgst_ehcna_open_rows(struct store *s, ehcna_open_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	PGresult *res;
	/* still waiting on the LA: not refused an assessment, no final decision */
	int rc = pgst_query(s, "SELECT " PUPIL_COLS ", q.id, q.pupil_id, q.cycle_id, "
		"q.request_date, q.requested_by, q.parents_informed, q.assess, q.decided_on, "
		"q.plan, q.plan_on FROM ehcna_request q JOIN pupil p ON p.id = q.pupil_id "
		"WHERE q.school_id = $1 AND q.plan IS NULL AND (q.assess IS NULL OR "
		"q.assess = 'yes') AND p.left_on IS NULL AND p.status IS DISTINCT FROM 'E' "
		"ORDER BY q.id", &p, &res, "reading EHC needs assessment requests", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		struct ehcp_row pr = {0};
		read_pupil(res, i, &pr);
		st_ehcna r = {.id = pgst_col_int(res, i, 7), .pupil_id = pgst_col_int(res, i, 8),
			      .cycle_id = pgst_col_int(res, i, 9),
			      .requested = pgst_col_date(res, i, 10),
			      .requested_by = pgst_col_text(res, i, 11),
			      .parents_informed = pgst_col_date(res, i, 12),
			      .assess = pgst_col_text(res, i, 13),
			      .decided_on = pgst_col_date(res, i, 14),
			      .plan = pgst_col_text(res, i, 15), .plan_on = pgst_col_date(res, i, 16),
			      .decision_due = ST_DATE_NONE, .plan_due = ST_DATE_NONE};
		int stop = cb(&pr, &r, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading EHC needs assessment requests", err);
	}
	if (res)
		PQclear(res);
	return rc;
}
