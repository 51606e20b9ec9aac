/* export.c - the PostgreSQL store's CSV exports and the pupil export's
 * sections (as sqlite/export.c). Each statement is sqlite/export.c's with
 * the school bound, text sorted COLLATE "C" (as SQLite compares), booleans
 * given as SQLite's 0/1 and times as the file backend prints them.
 *
 * The pupil export's sections are an interface (docs/csv.md): the names
 * and order are sqlite/export.c's (st__store_pupil_section_name), the
 * column names here the same, which pgst_export_pupil_section holds to. */
#include <string.h>
#include "pgst.h"

#define EXPORT_MAX_COLS 32

/* Hand every row of res to cb with the column names. */
static int stream(const PGresult *res, store_cells_cb cb, void *payload, st_error *err)
{
	int n = PQnfields(res);
	if (n > EXPORT_MAX_COLS)
		return st_error_set(err, ST_EINTERNAL, "export query has %d columns", n);
	const char *names[EXPORT_MAX_COLS], *cells[EXPORT_MAX_COLS];
	for (int i = 0; i < n; i++)
		names[i] = PQfname(res, i);
	for (int r = 0; r < PQntuples(res); r++) {
		for (int i = 0; i < n; i++)
			cells[i] = pgst_col_text(res, r, i);
		int stop = cb(names, cells, n, payload);
		if (stop)
			return st__err_stopped(stop, "exporting", err);
	}
	return ST_OK;
}

/* The flat exports' rows, one at a time as the server sends them
 * (pgst_each): an export of a big school is never held whole. */
struct each_cells {
	store_cells_cb cb;
	void *payload;
	int too_wide;
};

static int each_cells(const PGresult *res, int row, void *v)
{
	struct each_cells *e = v;
	int n = PQnfields(res);
	if (n > EXPORT_MAX_COLS)
		return e->too_wide = n;
	const char *names[EXPORT_MAX_COLS], *cells[EXPORT_MAX_COLS];
	for (int i = 0; i < n; i++) {
		names[i] = PQfname(res, i);
		cells[i] = pgst_col_text(res, row, i);
	}
	return e->cb(names, cells, n, e->payload);
}

/* An export's statement, the same counted (q->total asks, for a progress
 * percentage), and what binds the query's values (the school last). */
struct export_sql {
	const char *rows;
	const char *count;
	void (*bind)(struct pgst_params *p, const struct export_query *q);
};

#define COUNTED(sql) "SELECT count(*) FROM (" sql ") AS counted"

static int run(struct store *s, const struct export_sql *x, const struct export_query *q,
	       store_cells_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	x->bind(&p, q);
	pgst_school(s, &p);
	int rc;
	if (q->total) {
		int64_t total = -1;
		rc = pgst_int_value(s, x->count, &p, &total, "counting the rows to export", err);
		*q->total = (long)total;
		if (rc != ST_OK)
			return rc;
	}
	struct each_cells e = {cb, payload, 0};
	rc = pgst_each(s, x->rows, &p, each_cells, &e, "exporting", err);
	if (e.too_wide)
		rc = st_error_set(err, ST_EINTERNAL, "export query has %d columns", e.too_wide);
	return rc;
}

#define C " COLLATE \"C\""
#define BY_NAME "p.surname_key" C ", p.forename_key" C ", p.id"
#define PUPIL_COLS "p.id, p.upn, p.surname, p.forename, p.year, "

/* today and due-window-days are the model's (export.c): not bound here */
#define REVIEWS_SQL \
	"SELECT " PUPIL_COLS "p.class, p.status, n1.need_code, a.label, " \
	"c.phase, c.planned_on, c.review_date, c.review_date, c.review_date, " \
	"(SELECT count(*) FROM outcome o WHERE o.cycle_id = c.id) " \
	"FROM cycle c JOIN pupil p ON p.id = c.pupil_id " \
	"LEFT JOIN pupil_need n1 ON n1.pupil_id = p.id AND n1.rank = 1 " \
	"LEFT JOIN need_type nt ON nt.code = n1.need_code " \
	"LEFT JOIN area a ON a.code = nt.area " \
	"WHERE c.school_id = $4 AND c.phase <> 'closed' AND p.left_on IS NULL " \
	"AND ($1::date IS NULL OR c.review_date >= $1) " \
	"AND ($2::date IS NULL OR c.review_date <= $2) " \
	"AND ($3::text IS NULL OR p.year = $3) " \
	"ORDER BY c.review_date IS NULL, c.review_date, " BY_NAME

static void bind_reviews(struct pgst_params *p, const struct export_query *q)
{
	pgst_date(p, q->from);
	pgst_date(p, q->to);
	pgst_text(p, q->year);
}

int pgst_export_reviews(struct store *s, const struct export_query *q, store_cells_cb cb,
			void *payload, st_error *err)
{
	static const struct export_sql x = {REVIEWS_SQL, COUNTED(REVIEWS_SQL), bind_reviews};
	return run(s, &x, q, cb, payload, err);
}

#define REGISTER_SQL \
	"SELECT p.upn, p.surname, p.forename, p.preferred, p.dob, p.year, p.class, " \
	"p.status, p.status_since, n1.need_code, a1.label, n2.need_code, a2.label, " \
	"e.parents_informed, e.plan_date, p.id, p.left_on " \
	"FROM pupil p JOIN year_group y ON y.code = p.year " \
	"LEFT JOIN register_event e ON e.id = p.status_event " \
	"LEFT JOIN pupil_need n1 ON n1.pupil_id = p.id AND n1.rank = 1 " \
	"LEFT JOIN need_type t1 ON t1.code = n1.need_code " \
	"LEFT JOIN area a1 ON a1.code = t1.area " \
	"LEFT JOIN pupil_need n2 ON n2.pupil_id = p.id AND n2.rank = 2 " \
	"LEFT JOIN need_type t2 ON t2.code = n2.need_code " \
	"LEFT JOIN area a2 ON a2.code = t2.area " \
	"WHERE p.school_id = $4 " \
	"AND (($1::text IS NULL AND p.status IN ('K', 'E')) OR p.status = $1) " \
	"AND ($2::text IS NULL OR p.year = $2) AND ($3::boolean OR p.left_on IS NULL) " \
	"ORDER BY y.ord, " BY_NAME

static void bind_register(struct pgst_params *p, const struct export_query *q)
{
	pgst_char(p, q->status);
	pgst_text(p, q->year);
	pgst_flag(p, q->include_left);
}

int pgst_export_register(struct store *s, const struct export_query *q, store_cells_cb cb,
			 void *payload, st_error *err)
{
	static const struct export_sql x = {REGISTER_SQL, COUNTED(REGISTER_SQL), bind_register};
	return run(s, &x, q, cb, payload, err);
}

#define OUTCOMES_SQL \
	"SELECT o.id, " PUPIL_COLS "c.seq, o.text, a.label, o.measure, o.target_date, " \
	"o.created_on, o.rating, o.rated_on, o.rating_note, o.origin_id " \
	"FROM outcome o JOIN cycle c ON c.id = o.cycle_id JOIN pupil p ON p.id = c.pupil_id " \
	"LEFT JOIN area a ON a.code = o.area " \
	"WHERE o.school_id = $3 " \
	"AND (($1::date IS NULL OR o.created_on >= $1) " \
	"AND ($2::date IS NULL OR o.created_on <= $2) " \
	"OR (o.rated_on IS NOT NULL AND ($1::date IS NULL OR o.rated_on >= $1) " \
	"AND ($2::date IS NULL OR o.rated_on <= $2))) " \
	"ORDER BY " BY_NAME ", c.seq, o.id"

static void bind_period(struct pgst_params *p, const struct export_query *q)
{
	pgst_date(p, q->from);
	pgst_date(p, q->to);
}

int pgst_export_outcomes(struct store *s, const struct export_query *q, store_cells_cb cb,
			 void *payload, st_error *err)
{
	static const struct export_sql x = {OUTCOMES_SQL, COUNTED(OUTCOMES_SQL), bind_period};
	return run(s, &x, q, cb, payload, err);
}

#define PROVISION_SQL \
	"SELECT pr.id, " PUPIL_COLS "pr.name, pr.staff_role, pr.sessions_per_week, " \
	"pr.minutes, pr.group_size, pr.hourly_cost_pence, NULL, NULL, " /* costs: export.c */ \
	"pr.start_date, pr.end_date " \
	"FROM provision pr JOIN pupil p ON p.id = pr.pupil_id " \
	"WHERE pr.school_id = $2 AND pr.voided_on IS NULL " \
	"AND ($1::date IS NULL OR (pr.start_date <= $1 AND " \
	"(pr.end_date IS NULL OR pr.end_date >= $1) AND (p.left_on IS NULL OR " \
	"p.left_on > $1))) " \
	"ORDER BY " BY_NAME ", pr.start_date, pr.id"

static void bind_provision(struct pgst_params *p, const struct export_query *q)
{
	pgst_date(p, q->active_on);
}

int pgst_export_provision(struct store *s, const struct export_query *q, store_cells_cb cb,
			  void *payload, st_error *err)
{
	static const struct export_sql x = {PROVISION_SQL, COUNTED(PROVISION_SQL), bind_provision};
	return run(s, &x, q, cb, payload, err);
}

/* group_concat over roles in order: string_agg ordered as SQLite's bytes */
#define ATTENDEES \
	"(SELECT string_agg(ma.role, ', ' ORDER BY ma.role" C ") FROM meeting_attendee ma " \
	"WHERE ma.meeting_id = m.id)"

#define MEETINGS_SQL \
	"SELECT m.id, " PUPIL_COLS "m.meeting_date, m.purpose, " ATTENDEES ", " \
	"CASE WHEN m.with_parents THEN 'yes' ELSE 'no' END, c.seq, m.notes " \
	"FROM meeting m JOIN pupil p ON p.id = m.pupil_id " \
	"LEFT JOIN cycle c ON c.id = m.cycle_id " \
	"WHERE m.school_id = $3 AND ($1::date IS NULL OR m.meeting_date >= $1) " \
	"AND ($2::date IS NULL OR m.meeting_date <= $2) " \
	"AND NOT m.planned " /* held meetings; planned ones are in export calendar */ \
	"ORDER BY m.meeting_date, p.surname_key" C ", p.forename_key" C ", m.id"

int pgst_export_meetings(struct store *s, const struct export_query *q, store_cells_cb cb,
			 void *payload, st_error *err)
{
	static const struct export_sql x = {MEETINGS_SQL, COUNTED(MEETINGS_SQL), bind_period};
	return run(s, &x, q, cb, payload, err);
}

#define CYCLES_SQL \
	"SELECT c.id, " PUPIL_COLS "c.seq, c.phase, " \
	"c.opened_on, c.assessed_on, " \
	"c.planned_on, c.review_date, c.do_on, c.reviewed_on, c.decision, c.closed_on, " \
	"count(o.id), count(CASE o.rating WHEN 'achieved' THEN 1 END), " \
	"count(CASE o.rating WHEN 'partially' THEN 1 END), " \
	"count(CASE o.rating WHEN 'not-achieved' THEN 1 END), c.strategies, c.lead " \
	"FROM cycle c JOIN pupil p ON p.id = c.pupil_id " \
	"LEFT JOIN outcome o ON o.cycle_id = c.id " \
	"WHERE c.school_id = $3 AND ($2::date IS NULL OR c.opened_on <= $2) " \
	"AND ($1::date IS NULL OR c.closed_on IS NULL OR c.closed_on >= $1) " \
	"GROUP BY c.id, p.id " \
	"ORDER BY " BY_NAME ", c.seq"

int pgst_export_cycles(struct store *s, const struct export_query *q, store_cells_cb cb,
		       void *payload, st_error *err)
{
	static const struct export_sql x = {CYCLES_SQL, COUNTED(CYCLES_SQL), bind_period};
	return run(s, &x, q, cb, payload, err);
}

/* --- subject access: every table that holds something about a pupil ----- */

/* $1 is the pupil, $2 the school; the names are sqlite/export.c's, in its
 * order, and so are the column names (the record's fields). */
static const struct {
	const char *name;
	const char *sql;
} sections[] = {
	{"pupil", "SELECT id, upn, surname, forename, preferred AS preferred_forename, "
		  "dob AS date_of_birth, year, class, joined, left_on, status, status_since, "
		  PGST_TIME("created_at") " AS created_at FROM pupil WHERE id = $1 "
		  "AND school_id = $2"},
	{"register", "SELECT id, status, event_date, parents_informed, plan_date, reason, source, "
		     PGST_TIME("entered_at") " AS entered_at, entered_by, ceased_by_la, voided_on, "
		     "void_reason FROM register_event WHERE pupil_id = $1 AND school_id = $2 "
		     "ORDER BY event_date, id"},
	{"needs", "SELECT pn.rank, pn.need_code, nt.label AS need, a.label AS area, pn.since "
		  "FROM pupil_need pn JOIN need_type nt ON nt.code = pn.need_code "
		  "LEFT JOIN area a ON a.code = nt.area WHERE pn.pupil_id = $1 "
		  "AND pn.school_id = $2 ORDER BY pn.rank"},
	{"cycles", "SELECT id, seq AS cycle, phase, opened_on, assessed_on, assessment, planned_on, "
		   "review_date, do_on, reviewed_on, decision, review_notes, closed_on, "
		   "(SELECT x.seq FROM cycle x WHERE x.id = cycle.previous_id) AS previous_cycle, "
		   "strategies, lead FROM cycle WHERE pupil_id = $1 AND school_id = $2 "
		   "ORDER BY seq"},
	{"reschedules", "SELECT r.id, c.seq AS cycle, r.old_date, r.new_date, r.reason, "
			PGST_TIME("r.entered_at") " AS entered_at, r.entered_by "
			"FROM cycle_reschedule r JOIN cycle c ON c.id = r.cycle_id "
			"WHERE c.pupil_id = $1 AND r.school_id = $2 ORDER BY r.id"},
	{"views", "SELECT v.id, c.seq AS cycle, v.who, v.stage, v.view_date, v.text "
		  "FROM pupil_view v JOIN cycle c ON c.id = v.cycle_id WHERE c.pupil_id = $1 "
		  "AND v.school_id = $2 ORDER BY v.id"},
	{"outcomes", "SELECT o.id, c.seq AS cycle, o.text, o.area, o.measure, o.target_date, "
		     "o.rating, o.rating_note, o.rated_on, o.origin_id, o.created_on "
		     "FROM outcome o JOIN cycle c ON c.id = o.cycle_id WHERE c.pupil_id = $1 "
		     "AND o.school_id = $2 ORDER BY c.seq, o.id"},
	{"provision", "SELECT id, name, staff_role, sessions_per_week, minutes, group_size, "
		      "hourly_cost_pence AS hourly_cost, start_date, end_date, voided_on, "
		      "void_reason FROM provision WHERE pupil_id = $1 AND school_id = $2 "
		      "ORDER BY start_date, id"},
	{"meetings", "SELECT m.id, c.seq AS cycle, m.meeting_date, m.purpose, "
		     ATTENDEES " AS attendees, m.with_parents::int AS with_parents, m.notes, "
		     "m.planned::int AS planned FROM meeting m "
		     "LEFT JOIN cycle c ON c.id = m.cycle_id "
		     "WHERE m.pupil_id = $1 AND m.school_id = $2 ORDER BY m.meeting_date, m.id"},
	{"specialists", "SELECT id, service, consent_date, start_date, notes FROM specialist "
			"WHERE pupil_id = $1 AND school_id = $2 ORDER BY start_date, id"},
	{"ehcna_requests", "SELECT r.id, c.seq AS cycle, r.request_date, r.decided_by, "
			   "r.requested_by, r.parents_informed, r.assess, r.decided_on, r.plan, "
			   "r.plan_on FROM ehcna_request r LEFT JOIN cycle c ON c.id = r.cycle_id "
			   "WHERE r.pupil_id = $1 AND r.school_id = $2 "
			   "ORDER BY r.request_date, r.id"},
	{"ehcp_reviews", "SELECT id, review_date, meeting_id, notes, early::int AS early "
			 "FROM ehcp_review WHERE pupil_id = $1 AND school_id = $2 "
			 "ORDER BY review_date, id"},
	{"passport", "SELECT about, important, support, updated_on FROM passport "
		     "WHERE pupil_id = $1 AND school_id = $2"},
	{"audit", "SELECT id, " PGST_TIME("entered_at") " AS entered_at, user_name AS \"user\", "
		  "command, action, entity, entity_id, event_date, detail FROM audit "
		  "WHERE pupil_id = $1 AND school_id = $2 ORDER BY id"},
	{"needs_history", "SELECT id, rank, need_code, since, ended, why FROM need_history "
			  "WHERE pupil_id = $1 AND school_id = $2 ORDER BY ended, id"},
	{"concerns", "SELECT id, raised_by, concern_date, text FROM concern WHERE pupil_id = $1 "
		     "AND school_id = $2 ORDER BY concern_date, id"},
	{"ehcp_schedules", "SELECT id, meeting_on, invite_on, advice_on, report_on, decision_on, "
			   "review_id FROM ehcp_schedule WHERE pupil_id = $1 AND school_id = $2 "
			   "ORDER BY meeting_on, id"},
	{"ehcp_amended", "SELECT id, amended_on FROM ehcp_amended WHERE pupil_id = $1 "
			 "AND school_id = $2 ORDER BY amended_on, id"},
};

#define NSECTIONS ((int)(sizeof sections / sizeof *sections))

/* The section's rows for pupil_id (0: none, for the header alone). */
static int section_rows(struct store *s, int section, int64_t pupil_id, PGresult **res,
			st_error *err)
{
	const char *name = st__store_pupil_section_name(section);
	if (NSECTIONS != st__store_pupil_sections || section < 0 || section >= NSECTIONS ||
	    !name || strcmp(name, sections[section].name) != 0)
		return st_error_set(err, ST_EINTERNAL, "no export section %d", section);
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_school(s, &p);
	return pgst_query(s, sections[section].sql, &p, res, "exporting", err);
}

int pgst_export_pupil_section(struct store *s, int section, int64_t pupil_id, st_date today,
			      store_cells_cb cb, void *payload, st_error *err)
{
	(void)today; /* no section reads it (the phase shown is the model's) */
	PGresult *res;
	int rc = section_rows(s, section, pupil_id, &res, err);
	if (rc != ST_OK)
		return rc;
	rc = stream(res, cb, payload, err);
	PQclear(res);
	return rc;
}

int pgst_pupil_section_header(struct store *s, int section, store_cells_cb cb, void *payload,
			      st_error *err)
{
	PGresult *res;
	int rc = section_rows(s, section, 0, &res, err);
	if (rc != ST_OK)
		return rc;
	int n = PQnfields(res) < EXPORT_MAX_COLS ? PQnfields(res) : EXPORT_MAX_COLS;
	const char *names[EXPORT_MAX_COLS];
	for (int i = 0; i < n; i++)
		names[i] = PQfname(res, i);
	int stop = cb(names, NULL, n, payload);
	PQclear(res);
	return stop ? st__err_stopped(stop, "exporting", err) : ST_OK;
}
