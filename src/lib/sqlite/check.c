/* check.c - the queries behind `sentrack check`: one pass each over open
 * cycles, pupils on the register (K or E: a pupil at N raises nothing, even
 * with a cycle left open), overdue outcomes and repeated
 * not-achieved cycles, each through an index; never a query per pupil. */
#include "sqlite_store.h"

#define PUPIL_COLS "p.id, p.upn, p.surname, p.forename, p.preferred, p.year, " \
	"p.surname_key || ' ' || p.forename_key"

static void read_pupil_cols(sqlite3_stmt *st, struct check_row *r)
{
	r->pupil_id = sqlite3_column_int64(st, 0);
	r->upn = sqlst_col_text(st, 1);
	r->surname = sqlst_col_text(st, 2);
	r->forename = sqlst_col_text(st, 3);
	r->preferred = sqlst_col_text(st, 4);
	r->year = sqlst_col_text(st, 5);
	r->sort_key = sqlst_col_text(st, 6);
}

/* Step st; read_rest fills the columns after the pupil's. */
static int check_rows(struct store *s, sqlite3_stmt *st,
		      void (*read_rest)(sqlite3_stmt *, struct check_row *), check_row_cb cb,
		      void *payload, st_error *err)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct check_row r = {0};
		read_pupil_cols(st, &r);
		read_rest(st, &r);
		int stop = cb(&r, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "checking", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "checking", err);
}

static void read_cycle(sqlite3_stmt *st, struct check_row *r)
{
	r->id = sqlite3_column_int64(st, 7);
	r->seq = sqlite3_column_int(st, 8);
	r->phase = sqlst_col_text(st, 9);
	r->d1 = sqlst_col_date(st, 10);
	r->d2 = sqlst_col_date(st, 11);
	r->d3 = sqlst_col_date(st, 12);
}

static int check_cycles(struct store *s, check_row_cb cb, void *payload, st_error *err);

/* The page cache while check reads the open cycles: each page is read once,
 * in order (the covering index, then the pupils in rowid order), so 256 KiB
 * (64 pages) does as well as the default 2 MiB and touches 1,500 KiB fewer
 * fresh pages: at 100k pupils 1,850 -> 1,480 page faults and about 10%
 * less CPU for `check --rule review-overdue` and the cron check (issue 15).
 * The default comes back for the queries after, which revisit pages. */
#define CYCLES_CACHE "PRAGMA cache_size=-256"

int sqlst_check_cycles(struct store *s, check_row_cb cb, void *payload, st_error *err)
{
	int saved = 0, rc = sqlst_cache_set(s, CYCLES_CACHE, &saved, err);
	if (rc != ST_OK)
		return rc;
	rc = check_cycles(s, cb, payload, err);
	int restored = sqlst_cache_restore(s, saved, rc == ST_OK ? err : NULL);
	return rc != ST_OK ? rc : restored;
}

static int check_cycles(struct store *s, check_row_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT " PUPIL_COLS ", c.id, c.seq, c.phase, c.opened_on, "
				   "c.planned_on, c.review_date FROM cycle c "
				   /* the planner prefers the unique cycle_one_open,
				    * which sends it to the table for each cycle */
				   "INDEXED BY cycle_open_covering "
				   /* cycles outer, in pupil id order, so the pupils
				    * are read in rowid order, each table page once;
				    * pupil_by_status outer reads them in (status,
				    * year) order, a page read per pupil at 100k
				    * (15,000 preads against 800, issue 15) */
				   "CROSS JOIN pupil p ON p.id = c.pupil_id "
				   "WHERE c.phase <> 'closed' AND p.left_on IS NULL "
				   "AND (p.status = 'K' OR p.status = 'E')", err);
	return st ? check_rows(s, st, read_cycle, cb, payload, err) : err->code;
}

static void read_register(sqlite3_stmt *st, struct check_row *r)
{
	r->status = sqlst_col_text(st, 7);
	r->d1 = sqlst_col_date(st, 8);
	r->d2 = sqlst_col_date(st, 9);
	r->d3 = sqlst_col_date(st, 10);
	r->d4 = sqlst_col_date(st, 11);
	r->d5 = sqlst_col_date(st, 12);
	r->d6 = sqlst_col_date(st, 13);
	r->n1 = sqlite3_column_int64(st, 14);
	r->flags = sqlite3_column_int(st, 15) | sqlite3_column_int(st, 16) << 1 |
		   sqlite3_column_int(st, 17) << 2;
	r->dob = sqlst_col_date(st, 18);
}

/* A meeting with parents between ?a and ?b, through meeting_by_pupil, that
 * was held (planned = 0) or, when booked ahead, is still to come. */
#define PARENT_MEETING(a, b, also) \
	"EXISTS (SELECT 1 FROM meeting m WHERE m.pupil_id = p.id AND m.meeting_date " \
	"BETWEEN " a " AND " b " AND m.with_parents = 1 AND (m.planned = 0" also "))"

int sqlst_check_register(struct store *s, st_date today, const st_date terms[4],
			 check_row_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT " PUPIL_COLS ", p.status, e.event_date, "
		"e.parents_informed, e.plan_date, "
		"(SELECT min(x.event_date) FROM register_event x WHERE x.pupil_id = p.id AND "
		" x.status <> 'N' AND x.voided_on IS NULL AND x.event_date >= coalesce((SELECT "
		" max(y.event_date) FROM register_event y WHERE y.pupil_id = p.id AND "
		" y.status = 'N' AND y.voided_on IS NULL), '')), "
		"(SELECT max(c.closed_on) FROM cycle c WHERE c.pupil_id = p.id), "
		"(SELECT max(r.review_date) FROM ehcp_review r WHERE r.pupil_id = p.id), "
		"(SELECT count(*) FROM cycle c WHERE c.pupil_id = p.id AND c.phase <> 'closed'), "
		"EXISTS (SELECT 1 FROM ehcna_request q WHERE q.pupil_id = p.id), "
		PARENT_MEETING("?2", "?3", " OR m.meeting_date >= ?1") ", "
		PARENT_MEETING("?4", "?5", "") ", p.dob "
		"FROM pupil p JOIN register_event e ON e.id = p.status_event "
		"WHERE (p.status = 'K' OR p.status = 'E') AND p.left_on IS NULL", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, today);
	for (int i = 0; i < 4; i++)
		sqlst_bind_date(st, i + 2, terms[i]);
	return check_rows(s, st, read_register, cb, payload, err);
}

int sqlst_check_provision(struct store *s, st_date today, provision_cost_cb cb,
			  void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT v.pupil_id, v.sessions_per_week, v.minutes, "
		"v.group_size, v.hourly_cost_pence FROM provision v "
		"WHERE v.start_date <= ?1 AND v.voided_on IS NULL "
		"AND (v.end_date IS NULL OR v.end_date >= ?1) ORDER BY v.pupil_id", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, today);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct provision_cost_row r = {sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
					       sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
					       sqlite3_column_int64(st, 4)};
		int stop = cb(&r, payload);
		if (stop) {
			sqlite3_reset(st);
			return st__err_stopped(stop, "checking", err);
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, "checking", err);
}

static void read_outcome(sqlite3_stmt *st, struct check_row *r)
{
	r->id = sqlite3_column_int64(st, 7);
	r->seq = sqlite3_column_int(st, 8);
	r->d1 = sqlst_col_date(st, 9);
}

int sqlst_check_outcomes(struct store *s, st_date today, check_row_cb cb, void *payload,
			 st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT " PUPIL_COLS ", o.id, c.seq, o.target_date "
				   "FROM outcome o JOIN cycle c ON c.id = o.cycle_id "
				   "JOIN pupil p ON p.id = c.pupil_id "
				   "WHERE o.rating IS NULL AND o.target_date < ?1 "
				   "AND c.phase <> 'closed' AND p.left_on IS NULL "
				   "AND (p.status = 'K' OR p.status = 'E')", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, today);
	return check_rows(s, st, read_outcome, cb, payload, err);
}

static void read_ehcna(sqlite3_stmt *st, struct check_row *r)
{
	r->d1 = sqlst_col_date(st, 7);
	r->n1 = sqlite3_column_int64(st, 8);
	r->n2 = sqlite3_column_int64(st, 9);
}

int sqlst_check_ehcna(struct store *s, int n, check_row_cb cb, void *payload, st_error *err)
{
	/* For each pupil at K, the last n closed cycles with their outcome
	 * counts (the model decides): the closed cycles from the nth last on,
	 * read on the (pupil_id, phase, seq) index, whose bound is found by
	 * reading backwards and stopping after n, instead of numbering every
	 * closed cycle of the school with a window function (issue 15). The
	 * CROSS JOIN keeps pupil the outer loop (the planner would rather start
	 * from cycle_by_phase and find the bound once per cycle), which also
	 * hands each pupil's cycles over consecutively. */
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT " PUPIL_COLS ", c.reviewed_on, "
		"(SELECT count(*) FROM outcome o WHERE o.cycle_id = c.id "
		" AND o.rating = 'not-achieved'), "
		"(SELECT count(*) FROM outcome o WHERE o.cycle_id = c.id) "
		"FROM pupil p CROSS JOIN cycle c ON c.pupil_id = p.id AND c.phase = 'closed' "
		"AND c.seq >= (SELECT min(l.seq) FROM (SELECT x.seq FROM cycle x "
		" WHERE x.pupil_id = p.id AND x.phase = 'closed' ORDER BY x.seq DESC LIMIT ?1) l) "
		"WHERE p.status = 'K' AND p.left_on IS NULL "
		"AND NOT EXISTS (SELECT 1 FROM ehcna_request q WHERE q.pupil_id = p.id)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int(st, 1, n);
	return check_rows(s, st, read_ehcna, cb, payload, err);
}

int sqlst_ehcp_review_insert(struct store *s, int64_t pupil_id, st_date date,
			     int64_t meeting_id, const char *notes, int early, int64_t *out_id,
			     st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "INSERT INTO ehcp_review(pupil_id, review_date, meeting_id, "
				   "notes, early) VALUES (?1, ?2, ?3, ?4, ?5)", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, pupil_id);
	sqlst_bind_date(st, 2, date);
	sqlst_bind_id(st, 3, meeting_id);
	sqlst_bind_text(st, 4, notes);
	sqlite3_bind_int(st, 5, early != 0);
	int rc = sqlst_step_done(s, st, "recording the EHC plan review", err);
	if (rc == ST_OK)
		*out_id = sqlite3_last_insert_rowid(sqlst_db(s));
	return rc;
}
