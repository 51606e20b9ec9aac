/* provision.c - the PostgreSQL store's provision (as sqlite/provision.c;
 * costs are derived in the model). */
#include "changes.h"

#define PROVISION_SELECT \
	"SELECT v.id, v.pupil_id, v.name, v.staff_role, v.sessions_per_week, v.minutes, " \
	"v.group_size, v.hourly_cost_pence, v.start_date, v.end_date, " \
	"p.surname, p.forename, p.preferred, p.year, p.status, v.voided_on, v.void_reason, " \
	"p.left_on " \
	"FROM provision v JOIN pupil p ON p.id = v.pupil_id "

static int provision_rows(struct store *s, const char *sql, const struct pgst_params *p,
			  st_provision_cb cb, void *payload, int want_one, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, sql, p, &res, "reading provision", err);
	int n = rc == ST_OK ? PQntuples(res) : 0;
	for (int i = 0; rc == ST_OK && i < n; i++) {
		st_provision v = {
			.id = pgst_col_int(res, i, 0),
			.pupil_id = pgst_col_int(res, i, 1),
			.name = pgst_col_text(res, i, 2),
			.staff_role = pgst_col_text(res, i, 3),
			.sessions_per_week = (int)pgst_col_int(res, i, 4),
			.minutes = (int)pgst_col_int(res, i, 5),
			.group_size = (int)pgst_col_int(res, i, 6),
			.hourly_cost_pence = pgst_col_int(res, i, 7),
			.start = pgst_col_date(res, i, 8),
			.end = pgst_col_date(res, i, 9),
			.surname = pgst_col_text(res, i, 10),
			.forename = pgst_col_text(res, i, 11),
			.preferred = pgst_col_text(res, i, 12),
			.year = pgst_col_text(res, i, 13),
			.status = pgst_col_char(res, i, 14),
			.voided_on = pgst_col_date(res, i, 15),
			.void_reason = pgst_col_text(res, i, 16),
			.pupil_left = pgst_col_date(res, i, 17),
		};
		int stop = cb(&v, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading provision", err);
	}
	PQclear(res); /* NULL after a failed query */
	if (rc != ST_OK)
		return rc;
	return want_one && n == 0 ? ST_ENOTFOUND : ST_OK;
}

/* $2 ... $9: the provision's fields from name to end date. */
static void provision_values(struct pgst_params *p, const st_provision *v)
{
	pgst_text(p, v->name);
	pgst_text(p, v->staff_role);
	pgst_int(p, v->sessions_per_week);
	pgst_int(p, v->minutes);
	pgst_int(p, v->group_size);
	pgst_int(p, v->hourly_cost_pence);
	pgst_date(p, v->start);
	pgst_date(p, v->end);
}

int pgst_provision_insert(struct store *s, const st_provision *v, int64_t *out_id,
			  st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, v->pupil_id);
	provision_values(&p, v);
	pgst_school(s, &p);
	return pgst_insert(s, "INSERT INTO provision (pupil_id, name, staff_role, "
			      "sessions_per_week, minutes, group_size, hourly_cost_pence, "
			      "start_date, end_date, school_id) VALUES ($1, $2, $3, $4, $5, $6, $7, "
			      "$8, $9, $10) RETURNING id", &p, out_id, "adding the provision", err);
}

int pgst_provision_get(struct store *s, int64_t id, st_provision_cb cb, void *payload,
		       st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_school(s, &p);
	return provision_rows(s, PROVISION_SELECT "WHERE v.id = $1 AND v.school_id = $2", &p, cb,
			      payload, 1, err);
}

int pgst_provision_set_end(struct store *s, int64_t id, st_date end, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_date(&p, end);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE provision SET end_date = $2 WHERE id = $1 AND "
			     "school_id = $3", &p, NULL, "ending the provision", err);
}

int pgst_provision_end_active(struct store *s, int64_t pupil_id, st_date date, int *ended,
			      st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_date(&p, date);
	pgst_school(s, &p);
	return pgst_changes(s, "UPDATE provision SET end_date = greatest($2, start_date) "
			       "WHERE pupil_id = $1 AND school_id = $3 AND (end_date IS NULL OR "
			       "end_date > $2) AND voided_on IS NULL", &p, ended,
			    "ending provision", err);
}

int pgst_provision_list(struct store *s, int64_t pupil_id, st_date active_on,
			unsigned include, st_provision_cb cb, void *payload, st_error *err)
{
	/* A pupil counts in the map of a date while on roll: up to the day
	 * before their leaving date. Names sort by their bytes, as on a file. */
	struct pgst_params p = {0};
	pgst_date(&p, active_on);
	pgst_flag(&p, (include & ST__PROVISION_VOID) != 0);
	pgst_school(s, &p);
	if (pupil_id) {
		pgst_int(&p, pupil_id);
		return provision_rows(s, PROVISION_SELECT "WHERE v.pupil_id = $4 AND "
				         "v.school_id = $3 AND ($1::date IS NULL OR "
				         "(v.start_date <= $1 AND (v.end_date IS NULL OR "
				         "v.end_date >= $1))) AND ($2 OR v.voided_on IS NULL) "
				         "ORDER BY v.start_date, v.id", &p, cb, payload, 0, err);
	}
	pgst_flag(&p, (include & ST__PROVISION_LEFT) != 0);
	return provision_rows(s, PROVISION_SELECT "WHERE v.school_id = $3 AND "
			         "($4 OR p.left_on IS NULL OR p.left_on > $1) "
			         "AND ($1::date IS NULL OR "
			         "(v.start_date <= $1 AND (v.end_date IS NULL OR v.end_date >= $1))) "
			         "AND ($2 OR v.voided_on IS NULL) "
			         "ORDER BY p.surname_key COLLATE \"C\", p.forename_key COLLATE \"C\", "
			         "v.pupil_id, v.start_date, v.id", &p, cb, payload, 0, err);
}

int pgst_provision_update(struct store *s, int64_t id, const st_provision *v, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	provision_values(&p, v);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE provision SET name = $2, staff_role = $3, "
			     "sessions_per_week = $4, minutes = $5, group_size = $6, "
			     "hourly_cost_pence = $7, start_date = $8, end_date = $9 "
			     "WHERE id = $1 AND school_id = $10", &p, NULL,
			  "editing the provision", err);
}

int pgst_provision_void(struct store *s, int64_t id, st_date date, const char *reason,
			st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_date(&p, date);
	pgst_text(&p, reason);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE provision SET voided_on = $2, void_reason = $3 "
			     "WHERE id = $1 AND school_id = $4 AND voided_on IS NULL", &p, NULL,
			  "marking the provision entered in error", err);
}
