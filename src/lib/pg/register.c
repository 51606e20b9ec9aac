/* register.c - the PostgreSQL store's SEN register events (as
 * sqlite/register.c). */
#include "pgst.h"

#define EVENT_SELECT \
	"SELECT id, pupil_id, status, event_date, parents_informed, plan_date, reason, " \
	"source, " PGST_TIME("entered_at") ", entered_by, ceased_by_la, informed_who, " \
	"voided_on, void_reason FROM register_event "

static void read_event(const PGresult *r, int i, st_register_event *e)
{
	e->id = pgst_col_int(r, i, 0);
	e->pupil_id = pgst_col_int(r, i, 1);
	e->status = pgst_col_char(r, i, 2);
	e->date = pgst_col_date(r, i, 3);
	e->parents_informed = pgst_col_date(r, i, 4);
	e->plan_date = pgst_col_date(r, i, 5);
	e->reason = pgst_col_text(r, i, 6);
	e->source = pgst_col_text(r, i, 7);
	e->entered_at = pgst_col_text(r, i, 8);
	e->entered_by = pgst_col_text(r, i, 9);
	e->ceased_by_la = pgst_col_date(r, i, 10);
	e->informed_who = pgst_col_text(r, i, 11);
	e->voided_on = pgst_col_date(r, i, 12);
	e->void_reason = pgst_col_text(r, i, 13);
}

int pgst_register_insert(struct store *s, const struct register_row *row, int64_t *out_id,
			 st_error *err)
{
	struct register_row staged_row = *row, *r = &staged_row;
	char now[32];
	pgst_utc_now(now);
	int staged = 0;
	int rc = pgst_staged_event(s, r, now, out_id, &staged, err);
	if (rc != ST_OK || staged)
		return rc;
	struct pgst_params p = {0};
	pgst_int(&p, r->pupil_id);
	pgst_char(&p, r->status);
	pgst_date(&p, r->date);
	pgst_date(&p, r->parents_informed);
	pgst_date(&p, r->plan_date);
	pgst_text(&p, r->reason);
	pgst_text(&p, r->source);
	pgst_text(&p, now);
	pgst_text(&p, r->entered_by);
	pgst_date(&p, r->ceased_by_la);
	pgst_school(s, &p);
	return pgst_insert(s, "INSERT INTO register_event (pupil_id, status, "
					      "event_date, parents_informed, plan_date, reason, "
					      "source, entered_at, entered_by, ceased_by_la, "
					      "school_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
					      "$10, $11) RETURNING id", &p, out_id,
					      "recording the register change", err);
}

int pgst_register_latest(struct store *s, int64_t pupil_id, st_register_event *out,
			 st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	PGresult *res;
	pgst_school(s, &p);
	int rc = pgst_query(s, EVENT_SELECT "WHERE pupil_id = $1 AND school_id = $2 AND "
				"voided_on IS NULL ORDER BY event_date DESC, id DESC LIMIT 1", &p,
				&res, "reading the register", err);
	if (rc != ST_OK)
		return rc;
	int found = PQntuples(res) == 1;
	if (found) {
		/* only the fields that outlive the result (no strings) */
		read_event(res, 0, out);
		out->reason = out->source = out->entered_at = out->entered_by = NULL;
		out->informed_who = out->void_reason = NULL;
	}
	PQclear(res);
	return found ? ST_OK : ST_ENOTFOUND;
}

int pgst_register_set_informed(struct store *s, int64_t event_id, st_date date, st_error *err)
{
	struct pgst_params p = {0};
	pgst_date(&p, date);
	pgst_int(&p, event_id);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE register_event SET parents_informed = $1 "
					     "WHERE id = $2 AND school_id = $3 AND "
					     "parents_informed IS NULL", &p, NULL,
					     "recording that parents were informed", err);
}

static int event_rows(struct store *s, const char *sql, const struct pgst_params *p,
		      st_register_cb cb, void *payload, int *count, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, sql, p, &res, "reading the register", err);
	if (rc != ST_OK)
		return rc;
	*count = PQntuples(res);
	for (int i = 0; rc == ST_OK && i < *count; i++) {
		st_register_event e;
		read_event(res, i, &e);
		int stop = cb(&e, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading the register", err);
	}
	PQclear(res);
	return rc;
}

int pgst_register_history(struct store *s, int64_t pupil_id, st_register_cb cb, void *payload,
			  st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	int count;
	pgst_school(s, &p);
	return event_rows(s, EVENT_SELECT "WHERE pupil_id = $1 AND school_id = "
					     "$2 ORDER BY event_date, id", &p, cb, payload, &count,
					     err);
}

int pgst_register_set_informed_who(struct store *s, int64_t event_id, const char *who,
				   st_error *err)
{
	struct pgst_params p = {0};
	pgst_text(&p, who);
	pgst_int(&p, event_id);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE register_event SET informed_who = $1 "
					     "WHERE id = $2 AND school_id = $3 AND "
					     "parents_informed IS NOT NULL", &p, NULL,
					     "recording who was informed", err);
}

int pgst_register_get(struct store *s, int64_t event_id, st_register_cb cb, void *payload,
		      st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, event_id);
	int count = 0;
	pgst_school(s, &p);
	int rc = event_rows(s, EVENT_SELECT "WHERE id = $1 AND school_id = $2", &p, cb,
				payload, &count, err);
	return rc == ST_OK && count == 0 ? ST_ENOTFOUND : rc;
}

int pgst_register_void(struct store *s, int64_t event_id, st_date date, const char *reason,
		       st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, event_id);
	pgst_date(&p, date);
	pgst_text(&p, reason);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE register_event SET voided_on = $2, "
					     "void_reason = $3 WHERE id = $1 AND school_id = $4 AND "
					     "voided_on IS NULL", &p, NULL,
					     "marking the register entry entered in error", err);
}
