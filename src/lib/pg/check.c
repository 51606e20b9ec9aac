/* check.c - the PostgreSQL store's queries behind `sentrack check` (as
 * sqlite/check.c): one pass each over open cycles, pupils on the register,
 * active provision, overdue outcomes and the last closed cycles. The rows
 * come in pupil id order, as SQLite's plans hand them over (the model sorts
 * the findings; check_ehcna's rows must come consecutive per pupil). */
#include "pgst.h"

#define PUPIL_COLS "p.id, p.upn, p.surname, p.forename, p.preferred, p.year, " \
	"p.surname_key || ' ' || p.forename_key"

static void read_pupil_cols(const PGresult *res, int i, struct check_row *r)
{
	r->pupil_id = pgst_col_int(res, i, 0);
	r->upn = pgst_col_text(res, i, 1);
	r->surname = pgst_col_text(res, i, 2);
	r->forename = pgst_col_text(res, i, 3);
	r->preferred = pgst_col_text(res, i, 4);
	r->year = pgst_col_text(res, i, 5);
	r->sort_key = pgst_col_text(res, i, 6);
}

/* Run sql; read_rest fills the columns after the pupil's. */
/* Each row as the server sends it (pgst_each), so a trust's check holds
 * no more than a file's does. */
struct each_check {
	void (*read_rest)(const PGresult *, int, struct check_row *);
	check_row_cb cb;
	void *payload;
};

static int each_check(const PGresult *res, int row, void *v)
{
	struct each_check *e = v;
	struct check_row r = {0};
	read_pupil_cols(res, row, &r);
	e->read_rest(res, row, &r);
	return e->cb(&r, e->payload);
}

static int check_rows(struct store *s, const char *sql, const struct pgst_params *p,
		      void (*read_rest)(const PGresult *, int, struct check_row *),
		      check_row_cb cb, void *payload, st_error *err)
{
	struct each_check e = {read_rest, cb, payload};
	return pgst_each(s, sql, p, each_check, &e, "checking", err);
}

static void read_cycle(const PGresult *res, int i, struct check_row *r)
{
	r->id = pgst_col_int(res, i, 7);
	r->seq = (int)pgst_col_int(res, i, 8);
	r->phase = pgst_col_text(res, i, 9);
	r->d1 = pgst_col_date(res, i, 10);
	r->d2 = pgst_col_date(res, i, 11);
	r->d3 = pgst_col_date(res, i, 12);
}

int pgst_check_cycles(struct store *s, check_row_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	return check_rows(s, "SELECT " PUPIL_COLS ", c.id, c.seq, c.phase, c.opened_on, "
			  "c.planned_on, c.review_date FROM cycle c "
			  "JOIN pupil p ON p.id = c.pupil_id "
			  "WHERE c.school_id = $1 AND c.phase <> 'closed' AND p.left_on IS NULL "
			  "AND (p.status = 'K' OR p.status = 'E') ORDER BY p.id",
			  &p, read_cycle, cb, payload, err);
}

static void read_register(const PGresult *res, int i, struct check_row *r)
{
	r->status = pgst_col_text(res, i, 7);
	r->d1 = pgst_col_date(res, i, 8);
	r->d2 = pgst_col_date(res, i, 9);
	r->d3 = pgst_col_date(res, i, 10);
	r->d4 = pgst_col_date(res, i, 11);
	r->d5 = pgst_col_date(res, i, 12);
	r->d6 = pgst_col_date(res, i, 13);
	r->n1 = pgst_col_int(res, i, 14);
	r->flags = pgst_col_flag(res, i, 15) | pgst_col_flag(res, i, 16) << 1 |
		   pgst_col_flag(res, i, 17) << 2;
	r->dob = pgst_col_date(res, i, 18);
}

/* A meeting with parents between a and b that was held or, when booked
 * ahead, is still to come. */
#define PARENT_MEETING(a, b, also) \
	"EXISTS (SELECT 1 FROM meeting m WHERE m.pupil_id = p.id AND m.meeting_date " \
	"BETWEEN " a " AND " b " AND m.with_parents AND (NOT m.planned" also "))"

int pgst_check_register(struct store *s, st_date today, const st_date terms[4],
			check_row_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_date(&p, today);
	for (int i = 0; i < 4; i++)
		pgst_date(&p, terms[i]);
	pgst_school(s, &p);
	return check_rows(s, "SELECT " PUPIL_COLS ", p.status, e.event_date, "
		"e.parents_informed, e.plan_date, "
		"(SELECT min(x.event_date) FROM register_event x WHERE x.pupil_id = p.id AND "
		" x.status <> 'N' AND x.voided_on IS NULL AND x.event_date >= coalesce((SELECT "
		" max(y.event_date) FROM register_event y WHERE y.pupil_id = p.id AND "
		" y.status = 'N' AND y.voided_on IS NULL), '-infinity'::date)), "
		"(SELECT max(c.closed_on) FROM cycle c WHERE c.pupil_id = p.id), "
		"(SELECT max(r.review_date) FROM ehcp_review r WHERE r.pupil_id = p.id), "
		"(SELECT count(*) FROM cycle c WHERE c.pupil_id = p.id AND c.phase <> 'closed'), "
		"EXISTS (SELECT 1 FROM ehcna_request q WHERE q.pupil_id = p.id), "
		PARENT_MEETING("$2::date", "$3::date", " OR m.meeting_date >= $1::date") ", "
		PARENT_MEETING("$4::date", "$5::date", "") ", p.dob "
		"FROM pupil p JOIN register_event e ON e.id = p.status_event "
		"WHERE p.school_id = $6 AND (p.status = 'K' OR p.status = 'E') "
		"AND p.left_on IS NULL ORDER BY p.id", &p, read_register, cb, payload, err);
}

int pgst_check_provision(struct store *s, st_date today, provision_cost_cb cb, void *payload,
			 st_error *err)
{
	struct pgst_params p = {0};
	pgst_date(&p, today);
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT v.pupil_id, v.sessions_per_week, v.minutes, "
			    "v.group_size, v.hourly_cost_pence FROM provision v "
			    "WHERE v.school_id = $2 AND v.start_date <= $1 AND v.voided_on IS NULL "
			    "AND (v.end_date IS NULL OR v.end_date >= $1) ORDER BY v.pupil_id",
			    &p, &res, "checking", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		struct provision_cost_row r = {pgst_col_int(res, i, 0), (int)pgst_col_int(res, i, 1),
					       (int)pgst_col_int(res, i, 2),
					       (int)pgst_col_int(res, i, 3), pgst_col_int(res, i, 4)};
		int stop = cb(&r, payload);
		if (stop)
			rc = st__err_stopped(stop, "checking", err);
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}

static void read_outcome(const PGresult *res, int i, struct check_row *r)
{
	r->id = pgst_col_int(res, i, 7);
	r->seq = (int)pgst_col_int(res, i, 8);
	r->d1 = pgst_col_date(res, i, 9);
}

int pgst_check_outcomes(struct store *s, st_date today, check_row_cb cb, void *payload,
			st_error *err)
{
	struct pgst_params p = {0};
	pgst_date(&p, today);
	pgst_school(s, &p);
	return check_rows(s, "SELECT " PUPIL_COLS ", o.id, c.seq, o.target_date "
			  "FROM outcome o JOIN cycle c ON c.id = o.cycle_id "
			  "JOIN pupil p ON p.id = c.pupil_id "
			  "WHERE o.school_id = $2 AND o.rating IS NULL AND o.target_date < $1 "
			  "AND c.school_id = $2 AND p.school_id = $2 " /* each table's own rows */
			  "AND c.phase <> 'closed' AND p.left_on IS NULL "
			  "AND (p.status = 'K' OR p.status = 'E') ORDER BY p.id, o.id",
			  &p, read_outcome, cb, payload, err);
}

static void read_ehcna(const PGresult *res, int i, struct check_row *r)
{
	r->d1 = pgst_col_date(res, i, 7);
	r->n1 = pgst_col_int(res, i, 8);
	r->n2 = pgst_col_int(res, i, 9);
}

int pgst_check_ehcna(struct store *s, int n, check_row_cb cb, void *payload, st_error *err)
{
	/* each pupil's last n closed cycles, consecutive and in seq order */
	struct pgst_params p = {0};
	pgst_int(&p, n);
	pgst_school(s, &p);
	return check_rows(s, "SELECT " PUPIL_COLS ", c.reviewed_on, "
		"(SELECT count(*) FROM outcome o WHERE o.cycle_id = c.id "
		" AND o.rating = 'not-achieved'), "
		"(SELECT count(*) FROM outcome o WHERE o.cycle_id = c.id) "
		"FROM pupil p JOIN cycle c ON c.pupil_id = p.id AND c.phase = 'closed' "
		"AND c.school_id = p.school_id " /* the school's closed cycles, not the trust's */
		"AND c.seq >= (SELECT min(l.seq) FROM (SELECT x.seq FROM cycle x "
		" WHERE x.pupil_id = p.id AND x.phase = 'closed' ORDER BY x.seq DESC LIMIT $1) l) "
		"WHERE p.school_id = $2 AND p.status = 'K' AND p.left_on IS NULL "
		"AND NOT EXISTS (SELECT 1 FROM ehcna_request q WHERE q.pupil_id = p.id) "
		"ORDER BY p.id, c.seq", &p, read_ehcna, cb, payload, err);
}

int pgst_ehcp_review_insert(struct store *s, int64_t pupil_id, st_date date, int64_t meeting_id,
			    const char *notes, int early, int64_t *out_id, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_date(&p, date);
	pgst_id(&p, meeting_id);
	pgst_text(&p, notes);
	pgst_flag(&p, early);
	pgst_school(s, &p);
	return pgst_insert(s, "INSERT INTO ehcp_review (pupil_id, review_date, meeting_id, "
			   "notes, early, school_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
			   &p, out_id, "recording the EHC plan review", err);
}
