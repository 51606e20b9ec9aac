/* export.c - the queries behind the CSV exports: one statement per export,
 * stepped row by row into the caller's callback (nothing is collected, so
 * memory stays flat), joined through the indexes of the schema rather than
 * a query per pupil.
 *
 * Derived columns (the phase shown, days until and status of a review,
 * provision costs, money) are raw cells here, which the model derives in
 * src/lib/export.c: no rule is written in SQL. */
#include "sqlite_store.h"

#define EXPORT_MAX_COLS 32

/* Step st and hand every row to cb with the column names. */
static int stream(struct store *s, sqlite3_stmt *st, store_cells_cb cb, void *payload,
		  st_error *err)
{
	int n = sqlite3_column_count(st);
	if (n > EXPORT_MAX_COLS)
		return st_error_set(err, ST_EINTERNAL, "export query has %d columns", n);
	const char *names[EXPORT_MAX_COLS], *cells[EXPORT_MAX_COLS];
	for (int i = 0; i < n; i++)
		names[i] = sqlite3_column_name(st, i);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++)
			cells[i] = sqlst_col_text(st, i);
		int stop = cb(names, cells, n, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "exporting", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "exporting", err);
}

/* An export's statement, the same statement counted (for a progress
 * percentage on a terminal: the rows are counted only when q->total asks),
 * and what binds the query's values to either. */
struct export_sql {
	const char *rows;
	const char *count;
	void (*bind)(sqlite3_stmt *st, const struct export_query *q);
};

#define COUNTED(sql) "SELECT count(*) FROM (" sql ")"

static int run(struct store *s, const struct export_sql *x, const struct export_query *q,
	       store_cells_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st;
	if (q->total) {
		if (!(st = sqlst_stmt(s, x->count, err)))
			return err->code;
		x->bind(st, q);
		int rc = sqlite3_step(st);
		*q->total = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
		sqlite3_reset(st);
		if (rc != SQLITE_ROW)
			return sqlst_fail(s, rc, "counting the rows to export", err);
	}
	if (!(st = sqlst_stmt(s, x->rows, err)))
		return err->code;
	x->bind(st, q);
	return stream(s, st, cb, payload, err);
}

#define PUPIL_COLS "p.id, p.upn, p.surname, p.forename, p.year, "

#define REVIEWS_SQL \
	"SELECT " PUPIL_COLS "p.class, p.status, n1.need_code, a.label, " \
	"c.phase, c.planned_on, c.review_date, c.review_date, c.review_date, " /* export.c */ \
	"(SELECT count(*) FROM outcome o WHERE o.cycle_id = c.id) " \
	"FROM cycle c JOIN pupil p ON p.id = c.pupil_id " \
	"LEFT JOIN pupil_need n1 ON n1.pupil_id = p.id AND n1.rank = 1 " \
	"LEFT JOIN need_type nt ON nt.code = n1.need_code " \
	"LEFT JOIN area a ON a.code = nt.area " \
	"WHERE c.phase <> 'closed' AND p.left_on IS NULL " \
	"AND (?3 IS NULL OR c.review_date >= ?3) AND (?4 IS NULL OR c.review_date <= ?4) " \
	"AND (?5 IS NULL OR p.year = ?5) " \
	"ORDER BY c.review_date IS NULL, c.review_date, p.surname_key, p.forename_key, p.id"

static void bind_reviews(sqlite3_stmt *st, const struct export_query *q)
{
	sqlst_bind_date(st, 1, q->today);
	sqlite3_bind_int64(st, 2, q->due_days);
	sqlst_bind_date(st, 3, q->from);
	sqlst_bind_date(st, 4, q->to);
	sqlst_bind_text(st, 5, q->year);
}

int sqlst_export_reviews(struct store *s, const struct export_query *q, store_cells_cb cb,
			 void *payload, st_error *err)
{
	static const struct export_sql x = {REVIEWS_SQL, COUNTED(REVIEWS_SQL), bind_reviews};
	return run(s, &x, q, cb, payload, err);
}

#define REGISTER_SQL \
	"SELECT p.upn, p.surname, p.forename, p.preferred, p.dob, p.year, p.class, " \
	"p.status, p.status_since, n1.need_code, a1.label, n2.need_code, a2.label, " \
	"e.parents_informed, e.plan_date, " \
	"p.id, p.left_on " /* the annual cost: export.c */ \
	"FROM pupil p JOIN year_group y ON y.code = p.year " \
	"LEFT JOIN register_event e ON e.id = p.status_event " \
	"LEFT JOIN pupil_need n1 ON n1.pupil_id = p.id AND n1.rank = 1 " \
	"LEFT JOIN need_type t1 ON t1.code = n1.need_code " \
	"LEFT JOIN area a1 ON a1.code = t1.area " \
	"LEFT JOIN pupil_need n2 ON n2.pupil_id = p.id AND n2.rank = 2 " \
	"LEFT JOIN need_type t2 ON t2.code = n2.need_code " \
	"LEFT JOIN area a2 ON a2.code = t2.area " \
	"WHERE ((?1 IS NULL AND p.status IN ('K', 'E')) OR p.status = ?1) " \
	"AND (?2 IS NULL OR p.year = ?2) AND (?3 OR p.left_on IS NULL) " \
	"ORDER BY y.ord, p.surname_key, p.forename_key, p.id"

static void bind_register(sqlite3_stmt *st, const struct export_query *q)
{
	sqlst_bind_char(st, 1, q->status);
	sqlst_bind_text(st, 2, q->year);
	sqlite3_bind_int(st, 3, q->include_left != 0);
}

int sqlst_export_register(struct store *s, const struct export_query *q, store_cells_cb cb,
			  void *payload, st_error *err)
{
	static const struct export_sql x = {REGISTER_SQL, COUNTED(REGISTER_SQL), bind_register};
	return run(s, &x, q, cb, payload, err);
}

#define OUTCOMES_SQL \
	/* an outcome counts when set or rated in the period: no one index \
	 * serves both dates, and the export reads most rows anyway */ \
	"/* full scan: outcomes set or rated in a period */ " \
	"SELECT o.id, " PUPIL_COLS "c.seq, o.text, a.label, o.measure, o.target_date, " \
	"o.created_on, o.rating, o.rated_on, o.rating_note, o.origin_id " \
	"FROM outcome o JOIN cycle c ON c.id = o.cycle_id JOIN pupil p ON p.id = c.pupil_id " \
	"LEFT JOIN area a ON a.code = o.area " \
	"WHERE ((?1 IS NULL OR o.created_on >= ?1) AND (?2 IS NULL OR o.created_on <= ?2)) " \
	"OR (o.rated_on IS NOT NULL AND (?1 IS NULL OR o.rated_on >= ?1) " \
	"AND (?2 IS NULL OR o.rated_on <= ?2)) " \
	"ORDER BY p.surname_key, p.forename_key, p.id, c.seq, o.id"

static void bind_outcomes(sqlite3_stmt *st, const struct export_query *q)
{
	sqlst_bind_date(st, 1, q->from);
	sqlst_bind_date(st, 2, q->to);
}

int sqlst_export_outcomes(struct store *s, const struct export_query *q, store_cells_cb cb,
			  void *payload, st_error *err)
{
	static const struct export_sql x = {OUTCOMES_SQL, COUNTED(OUTCOMES_SQL), bind_outcomes};
	return run(s, &x, q, cb, payload, err);
}

#define PROVISION_SQL \
	"SELECT pr.id, " PUPIL_COLS "pr.name, pr.staff_role, pr.sessions_per_week, " \
	"pr.minutes, pr.group_size, pr.hourly_cost_pence, NULL, NULL, " /* costs: export.c */ \
	"pr.start_date, pr.end_date " \
	"FROM provision pr JOIN pupil p ON p.id = pr.pupil_id " \
	"WHERE pr.voided_on IS NULL AND (?1 IS NULL OR (pr.start_date <= ?1 AND " \
	"(pr.end_date IS NULL OR pr.end_date >= ?1) AND (p.left_on IS NULL OR " \
	"p.left_on > ?1))) " \
	"ORDER BY p.surname_key, p.forename_key, p.id, pr.start_date, pr.id"

static void bind_provision(sqlite3_stmt *st, const struct export_query *q)
{
	sqlst_bind_date(st, 1, q->active_on);
}

int sqlst_export_provision(struct store *s, const struct export_query *q, store_cells_cb cb,
			   void *payload, st_error *err)
{
	static const struct export_sql x = {PROVISION_SQL, COUNTED(PROVISION_SQL), bind_provision};
	return run(s, &x, q, cb, payload, err);
}

#define MEETINGS_SQL \
	"SELECT m.id, " PUPIL_COLS "m.meeting_date, m.purpose, " \
	"(SELECT group_concat(role, ', ') FROM (SELECT ma.role FROM meeting_attendee ma " \
	"  WHERE ma.meeting_id = m.id ORDER BY ma.role)), " \
	"CASE m.with_parents WHEN 1 THEN 'yes' ELSE 'no' END, c.seq, m.notes " \
	"FROM meeting m JOIN pupil p ON p.id = m.pupil_id " \
	"LEFT JOIN cycle c ON c.id = m.cycle_id " \
	"WHERE (?1 IS NULL OR m.meeting_date >= ?1) AND (?2 IS NULL OR m.meeting_date <= ?2) " \
	"AND m.planned = 0 " /* held meetings; planned ones are in export calendar */ \
	"ORDER BY m.meeting_date, p.surname_key, p.forename_key, m.id"

static void bind_meetings(sqlite3_stmt *st, const struct export_query *q)
{
	sqlst_bind_date(st, 1, q->from);
	sqlst_bind_date(st, 2, q->to);
}

int sqlst_export_meetings(struct store *s, const struct export_query *q, store_cells_cb cb,
			  void *payload, st_error *err)
{
	static const struct export_sql x = {MEETINGS_SQL, COUNTED(MEETINGS_SQL), bind_meetings};
	return run(s, &x, q, cb, payload, err);
}

#define CYCLES_SQL \
	"/* full scan: every cycle open at some time in a period */ " \
	"SELECT c.id, " PUPIL_COLS "c.seq, c.phase, " \
	"c.opened_on, c.assessed_on, " \
	"c.planned_on, c.review_date, c.do_on, c.reviewed_on, c.decision, c.closed_on, " \
	"count(o.id), count(CASE o.rating WHEN 'achieved' THEN 1 END), " \
	"count(CASE o.rating WHEN 'partially' THEN 1 END), " \
	"count(CASE o.rating WHEN 'not-achieved' THEN 1 END), c.strategies, c.lead " \
	"FROM cycle c JOIN pupil p ON p.id = c.pupil_id " \
	"LEFT JOIN outcome o ON o.cycle_id = c.id " \
	"WHERE (?2 IS NULL OR c.opened_on <= ?2) " \
	"AND (?1 IS NULL OR c.closed_on IS NULL OR c.closed_on >= ?1) " \
	"GROUP BY c.id " \
	"ORDER BY p.surname_key, p.forename_key, p.id, c.seq"

static void bind_cycles(sqlite3_stmt *st, const struct export_query *q)
{
	sqlst_bind_date(st, 1, q->from);
	sqlst_bind_date(st, 2, q->to);
}

int sqlst_export_cycles(struct store *s, const struct export_query *q, store_cells_cb cb,
			void *payload, st_error *err)
{
	static const struct export_sql x = {CYCLES_SQL, COUNTED(CYCLES_SQL), bind_cycles};
	return run(s, &x, q, cb, payload, err);
}

/* --- subject access: every table that holds something about a pupil ----- */

static const struct {
	const char *name;
	const char *sql;  /* ?1 is the pupil id; column names are the field names */
} sections[] = {
	{"pupil", "SELECT id, upn, surname, forename, preferred AS preferred_forename, "
		  "dob AS date_of_birth, year, class, joined, left_on, status, status_since, "
		  "created_at FROM pupil WHERE id = ?1"},
	{"register", "SELECT id, status, event_date, parents_informed, plan_date, reason, source, "
		     "entered_at, entered_by, ceased_by_la, voided_on, void_reason FROM register_event "
		     "WHERE pupil_id = ?1 "
		     "ORDER BY event_date, id"},
	{"needs", "SELECT pn.rank, pn.need_code, nt.label AS need, a.label AS area, pn.since "
		  "FROM pupil_need pn JOIN need_type nt ON nt.code = pn.need_code "
		  "LEFT JOIN area a ON a.code = nt.area WHERE pn.pupil_id = ?1 ORDER BY pn.rank"},
	{"cycles", "SELECT id, seq AS cycle, phase, opened_on, assessed_on, assessment, planned_on, "
		   "review_date, do_on, reviewed_on, decision, review_notes, closed_on, "
		   "(SELECT x.seq FROM cycle x WHERE x.id = cycle.previous_id) AS previous_cycle, "
		   "strategies, lead FROM cycle WHERE pupil_id = ?1 ORDER BY seq"},
	{"reschedules", "SELECT r.id, c.seq AS cycle, r.old_date, r.new_date, r.reason, "
			"r.entered_at, r.entered_by FROM cycle_reschedule r "
			"JOIN cycle c ON c.id = r.cycle_id WHERE c.pupil_id = ?1 ORDER BY r.id"},
	{"views", "SELECT v.id, c.seq AS cycle, v.who, v.stage, v.view_date, v.text "
		  "FROM pupil_view v JOIN cycle c ON c.id = v.cycle_id WHERE c.pupil_id = ?1 "
		  "ORDER BY v.id"},
	{"outcomes", "SELECT o.id, c.seq AS cycle, o.text, o.area, o.measure, o.target_date, "
		     "o.rating, o.rating_note, o.rated_on, o.origin_id, o.created_on "
		     "FROM outcome o JOIN cycle c ON c.id = o.cycle_id WHERE c.pupil_id = ?1 "
		     "ORDER BY c.seq, o.id"},
	{"provision", "SELECT id, name, staff_role, sessions_per_week, minutes, group_size, "
		      "hourly_cost_pence AS hourly_cost, start_date, end_date, voided_on, "
		      "void_reason "
		      "FROM provision WHERE pupil_id = ?1 ORDER BY start_date, id"},
	{"meetings", "SELECT m.id, c.seq AS cycle, m.meeting_date, m.purpose, "
		     "(SELECT group_concat(role, ', ') FROM (SELECT ma.role FROM meeting_attendee "
		     "ma WHERE ma.meeting_id = m.id ORDER BY ma.role)) AS attendees, "
		     "m.with_parents, m.notes, m.planned FROM meeting m "
		     "LEFT JOIN cycle c ON c.id = m.cycle_id "
		     "WHERE m.pupil_id = ?1 ORDER BY m.meeting_date, m.id"},
	{"specialists", "SELECT id, service, consent_date, start_date, notes FROM specialist "
			"WHERE pupil_id = ?1 ORDER BY start_date, id"},
	{"ehcna_requests", "SELECT r.id, c.seq AS cycle, r.request_date, r.decided_by, "
			   "r.requested_by, r.parents_informed, r.assess, r.decided_on, r.plan, "
			   "r.plan_on FROM ehcna_request r LEFT JOIN cycle c ON c.id = r.cycle_id "
			   "WHERE r.pupil_id = ?1 ORDER BY r.request_date, r.id"},
	{"ehcp_reviews", "SELECT id, review_date, meeting_id, notes, early FROM ehcp_review "
			 "WHERE pupil_id = ?1 ORDER BY review_date, id"},
	{"passport", "SELECT about, important, support, updated_on FROM passport "
		     "WHERE pupil_id = ?1"},
	{"audit", "SELECT id, entered_at, user, command, action, entity, entity_id, event_date, "
		  "detail FROM audit WHERE pupil_id = ?1 ORDER BY id"},
	/* issue 12 */
	{"needs_history", "SELECT id, rank, need_code, since, ended, why FROM need_history "
			  "WHERE pupil_id = ?1 ORDER BY ended, id"},
	{"concerns", "SELECT id, raised_by, concern_date, text FROM concern WHERE pupil_id = ?1 "
		     "ORDER BY concern_date, id"},
	{"ehcp_schedules", "SELECT id, meeting_on, invite_on, advice_on, report_on, decision_on, "
			   "review_id FROM ehcp_schedule WHERE pupil_id = ?1 ORDER BY meeting_on, id"},
	{"ehcp_amended", "SELECT id, amended_on FROM ehcp_amended WHERE pupil_id = ?1 "
			 "ORDER BY amended_on, id"},
};

const int st__store_pupil_sections = (int)(sizeof sections / sizeof *sections);

const char *st__store_pupil_section_name(int section)
{
	return section >= 0 && section < st__store_pupil_sections ? sections[section].name : NULL;
}

int sqlst_export_pupil_section(struct store *s, int section, int64_t pupil_id, st_date today,
			       store_cells_cb cb, void *payload, st_error *err)
{
	if (section < 0 || section >= st__store_pupil_sections)
		return st_error_set(err, ST_EINTERNAL, "no export section %d", section);
	sqlite3_stmt *st = sqlst_stmt(s, sections[section].sql, err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlst_bind_date(st, 2, today);
	return stream(s, st, cb, payload, err);
}

int sqlst_pupil_section_header(struct store *s, int section, store_cells_cb cb,
			       void *payload, st_error *err)
{
	if (section < 0 || section >= st__store_pupil_sections)
		return st_error_set(err, ST_EINTERNAL, "no export section %d", section);
	sqlite3_stmt *st = sqlst_stmt(s, sections[section].sql, err);
	if (!st)
		return err->code;
	int n = sqlite3_column_count(st);
	const char *names[EXPORT_MAX_COLS];
	for (int i = 0; i < n && i < EXPORT_MAX_COLS; i++)
		names[i] = sqlite3_column_name(st, i);
	int stop = cb(names, NULL, n < EXPORT_MAX_COLS ? n : EXPORT_MAX_COLS, payload);
	return stop ? st__err_stopped(stop, "exporting", err) : ST_OK;
}
