/* outcome.c - the PostgreSQL store's outcomes (as sqlite/outcome.c). */
#include "changes.h"

#define OUTCOME_SELECT \
	"SELECT o.id, o.cycle_id, c.seq, c.pupil_id, o.text, o.area, o.measure, o.target_date, " \
	"o.rating, o.rating_note, o.rated_on, o.origin_id, o.created_on " \
	"FROM outcome o JOIN cycle c ON c.id = o.cycle_id "

static int outcome_rows(struct store *s, const char *sql, const struct pgst_params *p,
			st_outcome_cb cb, void *payload, int want_one, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, sql, p, &res, "reading outcomes", err);
	int n = rc == ST_OK ? PQntuples(res) : 0;
	for (int i = 0; rc == ST_OK && i < n; i++) {
		st_outcome o = {
			.id = pgst_col_int(res, i, 0),
			.cycle_id = pgst_col_int(res, i, 1),
			.cycle_seq = (int)pgst_col_int(res, i, 2),
			.pupil_id = pgst_col_int(res, i, 3),
			.text = pgst_col_text(res, i, 4),
			.area = pgst_col_text(res, i, 5),
			.measure = pgst_col_text(res, i, 6),
			.target_date = pgst_col_date(res, i, 7),
			.rating = pgst_col_text(res, i, 8),
			.rating_note = pgst_col_text(res, i, 9),
			.rated_on = pgst_col_date(res, i, 10),
			.origin_id = pgst_col_int(res, i, 11),
			.created_on = pgst_col_date(res, i, 12),
		};
		int stop = cb(&o, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading outcomes", err);
	}
	PQclear(res); /* NULL after a failed query */
	if (rc != ST_OK)
		return rc;
	return want_one && n == 0 ? ST_ENOTFOUND : ST_OK;
}

int pgst_outcome_insert(struct store *s, int64_t cycle_id, const char *text, const char *area,
			const char *measure, st_date target, st_date created_on, int64_t *out_id,
			st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, cycle_id);
	pgst_text(&p, text);
	pgst_text(&p, area);
	pgst_text(&p, measure);
	pgst_date(&p, target);
	pgst_date(&p, created_on);
	pgst_school(s, &p);
	return pgst_insert(s, "INSERT INTO outcome (cycle_id, text, area, measure, target_date, "
			      "created_on, school_id) VALUES ($1, $2, $3, $4, $5, $6, $7) "
			      "RETURNING id", &p, out_id, "adding the outcome", err);
}

/* The outcomes by the statement sql ($1 the id, $2 the school). */
static int outcomes_of(struct store *s, const char *sql, int64_t id, st_outcome_cb cb,
		       void *payload, int want_one, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_school(s, &p);
	return outcome_rows(s, sql, &p, cb, payload, want_one, err);
}

int pgst_outcome_get(struct store *s, int64_t id, st_outcome_cb cb, void *payload,
		     st_error *err)
{
	return outcomes_of(s, OUTCOME_SELECT "WHERE o.id = $1 AND o.school_id = $2", id, cb,
			   payload, 1, err);
}

int pgst_outcome_rate(struct store *s, int64_t id, const char *rating, const char *note,
		      st_date rated_on, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_text(&p, rating);
	pgst_text(&p, note);
	pgst_date(&p, rated_on);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE outcome SET rating = $2, rating_note = $3, rated_on = $4 "
			     "WHERE id = $1 AND school_id = $5", &p, NULL, "rating the outcome",
			  err);
}

int pgst_outcome_list_cycle(struct store *s, int64_t cycle_id, st_outcome_cb cb,
			    void *payload, st_error *err)
{
	return outcomes_of(s, OUTCOME_SELECT "WHERE o.cycle_id = $1 AND o.school_id = $2 "
			      "ORDER BY o.id", cycle_id, cb, payload, 0, err);
}

int pgst_outcome_list_pupil(struct store *s, int64_t pupil_id, st_outcome_cb cb,
			    void *payload, st_error *err)
{
	return outcomes_of(s, OUTCOME_SELECT "WHERE c.pupil_id = $1 AND c.school_id = $2 "
			      "ORDER BY c.seq, o.id", pupil_id, cb, payload, 0, err);
}

int pgst_outcome_counts(struct store *s, int64_t cycle_id, int *total, int *unrated,
			st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, cycle_id);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT count(*), count(*) - count(rating) FROM outcome "
			       "WHERE cycle_id = $1 AND school_id = $2", &p, &res,
			    "counting outcomes", err);
	if (rc != ST_OK)
		return rc;
	*total = (int)pgst_col_int(res, 0, 0);
	*unrated = (int)pgst_col_int(res, 0, 1);
	PQclear(res);
	return ST_OK;
}

int pgst_outcome_carry_forward(struct store *s, int64_t from_cycle, int64_t to_cycle,
			       st_date created_on, int *copied, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, from_cycle);
	pgst_int(&p, to_cycle);
	pgst_date(&p, created_on);
	pgst_school(s, &p);
	return pgst_changes(s, "INSERT INTO outcome (cycle_id, text, area, measure, target_date, "
			       "origin_id, created_on, school_id) SELECT $2, text, area, measure, "
			       "NULL, id, $3, school_id FROM outcome WHERE cycle_id = $1 AND "
			       "school_id = $4 AND rating <> 'achieved' ORDER BY id", &p, copied,
			    "carrying outcomes forward", err);
}

/* Issue 12: outcome edit (NULL / ST_DATE_NONE leave a field as it is). */
int pgst_outcome_update(struct store *s, int64_t id, const char *text, const char *area,
			const char *measure, st_date target, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, id);
	pgst_text(&p, text);
	pgst_text(&p, area);
	pgst_text(&p, measure);
	pgst_date(&p, target);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE outcome SET text = coalesce($2, text), "
			     "area = coalesce($3, area), measure = coalesce($4, measure), "
			     "target_date = coalesce($5, target_date) WHERE id = $1 AND "
			     "school_id = $6", &p, NULL, "editing the outcome", err);
}
