/* import.c - the PostgreSQL store's side of `import`: the import runs and
 * the pupils' links to them (as sqlite/import.c). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pgst.h"

static void copy_col(char *out, size_t size, const PGresult *r, int col)
{
	const char *t = pgst_col_text(r, 0, col);
	snprintf(out, size, "%s", t ? t : "");
}

int pgst_pupil_import(struct store *s, int64_t pupil_id, st_import_run *run, long *line,
		      st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	PGresult *res;
	pgst_school(s, &p);
	int rc = pgst_query(s, "SELECT r.id, r.file, r.sha256, " PGST_TIME("r.started_at") ", "
				"r.user_name, r.rows_read, r.created, r.updated, r.unchanged, "
				"p.import_line FROM pupil p JOIN import_run r ON r.id = p.import_id "
				"WHERE p.id = $1 AND p.school_id = $2", &p, &res,
				"reading the pupil's import", err);
	if (rc != ST_OK)
		return rc;
	int found = PQntuples(res) == 1;
	if (found) {
		run->id = pgst_col_int(res, 0, 0);
		copy_col(run->file, sizeof run->file, res, 1);
		copy_col(run->sha256, sizeof run->sha256, res, 2);
		copy_col(run->started_at, sizeof run->started_at, res, 3);
		copy_col(run->user, sizeof run->user, res, 4);
		run->rows = (long)pgst_col_int(res, 0, 5);
		run->created = (long)pgst_col_int(res, 0, 6);
		run->updated = (long)pgst_col_int(res, 0, 7);
		run->unchanged = (long)pgst_col_int(res, 0, 8);
		*line = (long)pgst_col_int(res, 0, 9);
	}
	PQclear(res);
	return found ? ST_OK : ST_ENOTFOUND;
}

int pgst_pupils_without_upn(struct store *s, long *out, st_error *err)
{
	struct pgst_params p = {0};
	int64_t n = 0;
	pgst_school(s, &p);
	int rc = pgst_int_value(s, "SELECT count(*) FROM pupil WHERE school_id = $1 AND upn IS "
				    "NULL", &p, &n, "counting pupils without a UPN", err);
	*out = (long)n;
	return rc;
}

/* --- staging a bulk import (issue 14: "Import uses COPY into a staging table") ---
 *
 * A new pupil's rows would otherwise cost a round trip each (the pupil, its
 * first register event, its status, each need). While an import runs they
 * are kept here under placeholder ids (pupil -k for the k-th staged pupil,
 * event -k likewise), as CSV text for COPY, and written as one batch:
 * COPY into TEMP tables (a TEMP table has no row-level security, which
 * refuses COPY FROM into the school tables), then INSERT ... SELECT into
 * the real tables, ordered as the file wrote them, so the ids are the ones
 * the rows would have had one by one, and the policies check every row
 * (school_id is the handle's). pgst_query flushes the batch before any
 * other statement; the import's transaction holds the school's writer
 * lock, so nothing else writes this school meanwhile. Every rule is the
 * model's, checked row by row before the row reaches a slot: the batch
 * only writes what was already decided. A failure anywhere fails the
 * import's one transaction, so nothing is written.
 *
 * UPNs: the import asks for each row's UPN; the answer comes from a map of
 * the school's UPNs read once when the import begins, with the pupils the
 * import adds. */

enum { BUF_PUPIL, BUF_EVENT, BUF_STATUS, BUF_NEED, BUF_COUNT };

struct copybuf {
	char *data;
	size_t len, cap;
	long rows;
};

struct staged_pupil {
	int64_t event;           /* its staged first event's placeholder k, 0: none */
	int status;              /* its status is staged */
};

struct upn_entry {
	char upn[16];            /* "" : free */
	int64_t id;              /* negative: a staged pupil's placeholder */
};

struct pgst_stage {
	struct upn_entry *upns;
	size_t upn_cap, upn_used;
	struct staged_pupil *pupils; /* placeholder k at k - 1 */
	size_t npupils, pupils_cap, batch_from; /* the pending batch: batch_from .. npupils - 1 */
	int64_t *pupil_ids;      /* pupil k's real id at k - 1, 0 while pending */
	size_t pupil_ids_cap;
	int64_t *events;         /* event k's real id at k - 1, 0 while pending */
	size_t nevents, events_cap;
	struct copybuf buf[BUF_COUNT];
	int tables;              /* the TEMP tables exist in this transaction */
	int flushing;
	int nomem;
};

/* Designated, so each COPY is tied to its buffer by name. */
static const char *const stage_copy_sql[BUF_COUNT] = {
	[BUF_PUPIL] = "COPY pg_temp.st_stage_pupil (k, upn, surname, forename, preferred, dob, "
		      "year, class, joined, left_on, surname_key, forename_key, preferred_key, "
		      "created_at, import_id, import_line) FROM STDIN (FORMAT csv)",
	[BUF_EVENT] = "COPY pg_temp.st_stage_event (k, pupil_k, status, event_date, "
		      "parents_informed, plan_date, reason, source, entered_at, entered_by, "
		      "ceased_by_la) FROM STDIN (FORMAT csv)",
	[BUF_STATUS] = "COPY pg_temp.st_stage_status (pupil_k, status, since, event_k) "
		       "FROM STDIN (FORMAT csv)",
	[BUF_NEED] = "COPY pg_temp.st_stage_need (pupil_k, rank, need_code, since) "
		     "FROM STDIN (FORMAT csv)",
};

static const char stage_tables_sql[] =
	"CREATE TABLE pg_temp.st_stage_pupil (k bigint PRIMARY KEY, upn text, surname text, "
	"forename text, preferred text, dob date, year text, class text, joined date, left_on date, "
	"surname_key text, forename_key text, preferred_key text, created_at timestamptz, "
	"import_id bigint, import_line bigint UNIQUE, id bigint) ON COMMIT DROP;"
	"CREATE TABLE pg_temp.st_stage_event (k bigint PRIMARY KEY, pupil_k bigint UNIQUE, "
	"status text, event_date date, parents_informed date, plan_date date, reason text, "
	"source text, entered_at timestamptz, entered_by text, ceased_by_la date, id bigint) "
	"ON COMMIT DROP;"
	"CREATE TABLE pg_temp.st_stage_status (pupil_k bigint PRIMARY KEY, status text, "
	"since date, event_k bigint) ON COMMIT DROP;"
	"CREATE TABLE pg_temp.st_stage_need (pupil_k bigint, rank integer, need_code text, "
	"since date) ON COMMIT DROP";

/* --- CSV rows for COPY: every text quoted (a quote doubled), NULL as an
 * empty unquoted field; nothing else is special in CSV, so commas,
 * newlines, tabs, backslashes and `\.` inside a quoted value stay data. */

static void cb_put(struct pgst_stage *st, struct copybuf *b, const char *bytes, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1 << 16;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *d = realloc(b->data, cap);
		if (!d) {
			st->nomem = 1;
			return;
		}
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, bytes, n);
	b->len += n;
}

static void cb_text(struct pgst_stage *st, struct copybuf *b, const char *text)
{
	if (text) {
		cb_put(st, b, "\"", 1);
		for (const char *q; (q = strchr(text, '"')); text = q + 1)
			cb_put(st, b, text, (size_t)(q - text + 1)), cb_put(st, b, "\"", 1);
		cb_put(st, b, text, strlen(text));
		cb_put(st, b, "\"", 1);
	}
	cb_put(st, b, ",", 1);
}

static void cb_int(struct pgst_stage *st, struct copybuf *b, int64_t v)
{
	char n[24];
	int len = snprintf(n, sizeof n, "%" PRId64 ",", v);
	cb_put(st, b, n, (size_t)len);
}

static void cb_date(struct pgst_stage *st, struct copybuf *b, st_date d)
{
	char t[ST_DATE_BUFSZ];
	if (d == ST_DATE_NONE)
		cb_put(st, b, ",", 1);
	else
		cb_text(st, b, st_date_format(d, t));
}

static void cb_char(struct pgst_stage *st, struct copybuf *b, char c)
{
	char t[2] = {c, '\0'};
	cb_text(st, b, c ? t : NULL);
}

/* The row's last separator becomes its end. */
static void cb_end(struct pgst_stage *st, struct copybuf *b)
{
	if (!st->nomem && b->len)
		b->data[b->len - 1] = '\n';
	b->rows++;
}

/* One row: fmt has a letter a value, in order: i an int64_t, t a text
 * (NULL: NULL), d an st_date, c a char (0: NULL), n a NULL. */
static void cb_row(struct pgst_stage *st, struct copybuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	for (; *fmt; fmt++) {
		if (*fmt == 'i')
			cb_int(st, b, va_arg(ap, int64_t));
		else if (*fmt == 't')
			cb_text(st, b, va_arg(ap, const char *));
		else if (*fmt == 'd')
			cb_date(st, b, (st_date)va_arg(ap, int));
		else if (*fmt == 'c')
			cb_char(st, b, (char)va_arg(ap, int));
		else
			cb_put(st, b, ",", 1);
	}
	va_end(ap);
	cb_end(st, b);
}

static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return 1;
	size_t c = *cap ? *cap * 2 : 1024;
	void *a = realloc(*arr, c * size);
	if (!a)
		return 0;
	*arr = a;
	*cap = c;
	return 1;
}

/* --- the UPN map ------------------------------------------------------------- */

static size_t upn_hash(const char *upn)
{
	uint64_t h = 1469598103934665603u;
	for (; *upn; upn++)
		h = (h ^ (unsigned char)*upn) * 1099511628211u;
	return (size_t)h;
}

static struct upn_entry *upn_find(const struct pgst_stage *st, const char *upn)
{
	size_t i = upn_hash(upn) & (st->upn_cap - 1);
	while (st->upns[i].upn[0] && strcmp(st->upns[i].upn, upn) != 0)
		i = (i + 1) & (st->upn_cap - 1);
	return &st->upns[i];
}

static void upn_put(struct pgst_stage *st, const char *upn, int64_t id)
{
	if (!upn || strlen(upn) >= sizeof st->upns[0].upn)
		return; /* never asked of the map (pgst_staged_upn) */
	if ((st->upn_used + 1) * 2 > st->upn_cap) {
		size_t cap = st->upn_cap ? st->upn_cap * 2 : 4096;
		struct upn_entry *old = st->upns, *n = calloc(cap, sizeof *n);
		if (!n) {
			st->nomem = 1;
			return;
		}
		size_t oldcap = st->upn_cap;
		st->upns = n;
		st->upn_cap = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].upn[0])
				*upn_find(st, old[i].upn) = old[i];
		free(old);
	}
	struct upn_entry *e = upn_find(st, upn);
	if (!e->upn[0]) {
		snprintf(e->upn, sizeof e->upn, "%s", upn);
		st->upn_used++;
	}
	e->id = id;
}

/* --- the batch ------------------------------------------------------------------ */

static int stage_nomem(struct pgst_stage *st, st_error *err)
{
	return st->nomem ? st__err_nomem(err) : ST_OK;
}

/* The placeholder's staged pupil when it is in the pending batch. */
static struct staged_pupil *pending_pupil(struct pgst_stage *st, int64_t id)
{
	if (!st || id >= 0 || (uint64_t)-id > st->npupils)
		return NULL;
	size_t k = (size_t)-id;
	return k - 1 >= st->batch_from ? &st->pupils[k - 1] : NULL;
}

static int copy_in(struct pg_store *ps, const char *sql, const struct copybuf *b, st_error *err)
{
	static const char doing[] = "staging the import (COPY)";
	PGconn *c = ps->conn.conn;
	PGresult *res = PQexec(c, sql);
	if (!res || PQresultStatus(res) != PGRES_COPY_IN) {
		int rc = st__pg_fail(&ps->conn, res, doing, err);
		PQclear(res);
		return rc;
	}
	PQclear(res);
	int ok = 1;
	for (size_t off = 0; ok && off < b->len; off += 1 << 16) {
		size_t n = b->len - off < (size_t)1 << 16 ? b->len - off : (size_t)1 << 16;
		ok = PQputCopyData(c, b->data + off, (int)n) == 1;
	}
	/* ended either way: a failed send ends the COPY with an error */
	if (PQputCopyEnd(c, ok ? NULL : "the client could not send the rows") != 1)
		ok = 0;
	int rc = ST_OK;
	while ((res = PQgetResult(c))) {
		if (rc == ST_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
			rc = st__pg_fail(&ps->conn, res, doing, err);
		PQclear(res);
	}
	if (rc == ST_OK && !ok)
		rc = st__pg_fail(&ps->conn, NULL, doing, err);
	return rc;
}

/* Run a statement of the batch (the school as $1); *out as pgst_query's. */
static int stage_query(struct store *s, const char *sql, PGresult **out, const char *doing,
		       st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	return pgst_query(s, sql, &p, out, doing, err);
}

/* Each returned (k, id) as the real id of placeholder k; all of the batch's
 * rows must come back. */
static int stage_ids(PGresult *res, long want, int64_t *ids, size_t n, const char *doing,
		     st_error *err)
{
	int rows = PQntuples(res);
	for (int i = 0; i < rows; i++) {
		int64_t k = pgst_col_int(res, i, 0);
		if (k >= 1 && (uint64_t)k <= n)
			ids[k - 1] = pgst_col_int(res, i, 1);
	}
	PQclear(res);
	if (rows != want)
		return st_error_set(err, ST_EINTERNAL, "%s: %d rows written of %ld staged", doing,
				    rows, want);
	return ST_OK;
}

/* The pending batch into the real tables, in dependency order: pupils
 * (their ids drawn in the file's order), their first events, their
 * statuses (with the event's id), their needs. */
static int stage_write(struct store *s, struct pgst_stage *st, st_error *err)
{
	struct pg_store *ps = pgst_of(s);
	int rc = st__pg_exec_script(&ps->conn, st->tables ? "TRUNCATE pg_temp.st_stage_pupil, "
				    "pg_temp.st_stage_event, pg_temp.st_stage_status, "
				    "pg_temp.st_stage_need" : stage_tables_sql,
				    "staging the import", err);
	st->tables = 1;
	for (int i = 0; rc == ST_OK && i < BUF_COUNT; i++)
		if (st->buf[i].rows)
			rc = copy_in(ps, stage_copy_sql[i], &st->buf[i], err);
	static const struct {
		int buf;
		const char *sql, *doing;
	} step[BUF_COUNT] = {
		{BUF_PUPIL, "WITH ins AS (INSERT INTO pupil (upn, surname, forename, preferred, dob, "
		 "year, class, joined, left_on, surname_key, forename_key, preferred_key, "
		 "created_at, import_id, import_line, school_id) SELECT upn, surname, forename, "
		 "preferred, dob, year, class, joined, left_on, surname_key, forename_key, "
		 "preferred_key, created_at, import_id, import_line, $1 FROM "
		 "pg_temp.st_stage_pupil ORDER BY k RETURNING id, import_line) UPDATE "
		 "pg_temp.st_stage_pupil s SET id = ins.id FROM ins WHERE s.import_line = "
		 "ins.import_line RETURNING s.k, s.id", "adding the pupils"},
		{BUF_EVENT, "WITH ins AS (INSERT INTO register_event (pupil_id, status, event_date, "
		 "parents_informed, plan_date, reason, source, entered_at, entered_by, "
		 "ceased_by_la, school_id) SELECT p.id, e.status, e.event_date, "
		 "e.parents_informed, e.plan_date, e.reason, e.source, e.entered_at, "
		 "e.entered_by, e.ceased_by_la, $1 FROM pg_temp.st_stage_event e JOIN "
		 "pg_temp.st_stage_pupil p ON p.k = e.pupil_k ORDER BY e.k RETURNING id, "
		 "pupil_id) UPDATE pg_temp.st_stage_event e SET id = ins.id FROM ins, "
		 "pg_temp.st_stage_pupil p WHERE p.id = ins.pupil_id AND e.pupil_k = p.k "
		 "RETURNING e.k, e.id", "recording the register changes"},
		{BUF_STATUS, "UPDATE pupil SET status = t.status, status_since = t.since, "
		 "status_event = e.id FROM pg_temp.st_stage_status t JOIN pg_temp.st_stage_pupil p "
		 "ON p.k = t.pupil_k LEFT JOIN pg_temp.st_stage_event e ON e.k = t.event_k WHERE "
		 "pupil.id = p.id AND pupil.school_id = $1", "updating the register status"},
		{BUF_NEED, "INSERT INTO pupil_need (pupil_id, rank, need_code, since, school_id) "
		 "SELECT p.id, n.rank, n.need_code, n.since, $1 FROM pg_temp.st_stage_need n JOIN "
		 "pg_temp.st_stage_pupil p ON p.k = n.pupil_k", "recording the needs"},
	};
	for (int i = 0; rc == ST_OK && i < BUF_COUNT; i++) {
		if (!st->buf[step[i].buf].rows)
			continue;
		/* the new rows' ids, for the placeholders: pupils' and events' */
		int64_t *ids = i == 0 ? st->pupil_ids : i == 1 ? st->events : NULL;
		size_t n = i == 0 ? st->npupils : st->nevents;
		PGresult *res = NULL;
		rc = stage_query(s, step[i].sql, ids ? &res : NULL, step[i].doing, err);
		if (rc == ST_OK && ids)
			rc = stage_ids(res, st->buf[step[i].buf].rows, ids, n, step[i].doing, err);
	}
	return rc;
}

int pgst_stage_flush(struct store *s, st_error *err)
{
	struct pgst_stage *st = pgst_of(s)->stage;
	if (!st || st->flushing)
		return ST_OK;
	int rc = stage_nomem(st, err);
	int pending = 0;
	for (int i = 0; i < BUF_COUNT; i++)
		pending |= st->buf[i].rows != 0;
	if (rc != ST_OK || !pending)
		return rc;
	st->flushing = 1;
	rc = stage_write(s, st, err);
	st->flushing = 0;
	/* written or failed (the transaction then rolls back): a new batch */
	for (int i = 0; i < BUF_COUNT; i++)
		st->buf[i].len = 0, st->buf[i].rows = 0;
	st->batch_from = st->npupils;
	return rc;
}

/* *id as a real id: a placeholder's (of a pupil, or of an event when
 * event), written first when its batch is pending. */
static int real_id(struct store *s, int64_t *id, int event, st_error *err)
{
	struct pgst_stage *st = pgst_of(s)->stage;
	if (!st || *id >= 0)
		return ST_OK;
	const char *what = event ? "register event" : "pupil";
	if ((uint64_t)-*id > (event ? st->nevents : st->npupils))
		return st_error_set(err, ST_EINTERNAL, "%s %lld: not staged", what, (long long)*id);
	int64_t *real = &(event ? st->events : st->pupil_ids)[-*id - 1];
	int rc = *real ? ST_OK : pgst_stage_flush(s, err);
	if (rc == ST_OK && !*real)
		rc = st_error_set(err, ST_EINTERNAL, "%s %lld: staged but not written", what,
				  (long long)*id);
	if (rc == ST_OK)
		*id = *real;
	return rc;
}

int pgst_stage_id(struct store *s, int64_t *id, st_error *err)
{
	return real_id(s, id, 0, err);
}

/* --- the slots' side --------------------------------------------------------- */

int pgst_staged_pupil(struct store *s, const struct pupil_row *r, int64_t *out_id, int *done,
		      st_error *err)
{
	struct pgst_stage *st = pgst_of(s)->stage;
	*done = 0;
	if (!st || !r->import_id)
		return ST_OK;
	if (!grow((void **)&st->pupils, &st->pupils_cap, st->npupils, sizeof *st->pupils) ||
	    !grow((void **)&st->pupil_ids, &st->pupil_ids_cap, st->npupils, sizeof *st->pupil_ids))
		return st__err_nomem(err);
	int64_t k = (int64_t)++st->npupils;
	st->pupils[k - 1] = (struct staged_pupil){0};
	st->pupil_ids[k - 1] = 0;
	char now[32];
	pgst_utc_now(now);
	cb_row(st, &st->buf[BUF_PUPIL], "ittttdttddttttii", k, r->upn, r->surname, r->forename,
	       r->preferred, r->dob, r->year, r->class_name, r->joined, r->left, r->surname_key,
	       r->forename_key, r->preferred_key, now, r->import_id, (int64_t)r->import_line);
	upn_put(st, r->upn, -k);
	*out_id = -k;
	*done = 1;
	return stage_nomem(st, err);
}

void pgst_staged_pupil_known(struct store *s, const char *upn, int64_t id)
{
	struct pgst_stage *st = pgst_of(s)->stage;
	if (st)
		upn_put(st, upn, id);
}

int pgst_staged_upn(struct store *s, const char *upn, int64_t *out_id, int *done, st_error *err)
{
	struct pgst_stage *st = pgst_of(s)->stage;
	*done = 0;
	if (!st || !upn || !*upn || strlen(upn) >= sizeof st->upns[0].upn)
		return ST_OK;
	const struct upn_entry *e = upn_find(st, upn);
	*out_id = e->upn[0] ? e->id : 0;
	*done = 1;
	return pgst_stage_id(s, out_id, err);
}

int pgst_staged_event(struct store *s, struct register_row *r, const char *now, int64_t *out_id,
		      int *done, st_error *err)
{
	struct pgst_stage *st = pgst_of(s)->stage;
	struct staged_pupil *p = pending_pupil(st, r->pupil_id);
	*done = 0;
	if (!p || p->event) /* one event per pupil in a batch */
		return pgst_stage_id(s, &r->pupil_id, err);
	if (!grow((void **)&st->events, &st->events_cap, st->nevents, sizeof *st->events))
		return st__err_nomem(err);
	int64_t k = (int64_t)++st->nevents;
	st->events[k - 1] = 0;
	p->event = k;
	cb_row(st, &st->buf[BUF_EVENT], "iicdddttttd", k, -r->pupil_id, r->status, r->date,
	       r->parents_informed, r->plan_date, r->reason, r->source, now, r->entered_by,
	       r->ceased_by_la);
	*out_id = -k;
	*done = 1;
	return stage_nomem(st, err);
}

int pgst_staged_status(struct store *s, int64_t *id, char status, st_date since,
		       int64_t *event_id, int *done, st_error *err)
{
	struct pgst_stage *st = pgst_of(s)->stage;
	struct staged_pupil *p = pending_pupil(st, *id);
	*done = 0;
	/* staged: the status of a pending pupil, once, with no event or its own */
	if (!p || p->status || (*event_id && *event_id != -p->event)) {
		int rc = pgst_stage_id(s, id, err);
		return rc == ST_OK ? real_id(s, event_id, 1, err) : rc;
	}
	p->status = 1;
	if (*event_id)
		cb_row(st, &st->buf[BUF_STATUS], "icdi", -*id, status, since, -*event_id);
	else
		cb_row(st, &st->buf[BUF_STATUS], "icdn", -*id, status, since);
	*done = 1;
	return stage_nomem(st, err);
}

int pgst_staged_need(struct store *s, int64_t *pupil_id, const char *code, int rank,
		     st_date since, int *done, st_error *err)
{
	struct pgst_stage *st = pgst_of(s)->stage;
	*done = 0;
	if (!pending_pupil(st, *pupil_id))
		return pgst_stage_id(s, pupil_id, err);
	cb_row(st, &st->buf[BUF_NEED], "iitd", -*pupil_id, (int64_t)rank, code, since);
	*done = 1;
	return stage_nomem(st, err);
}

void pgst_stage_free(struct pg_store *ps)
{
	struct pgst_stage *st = ps->stage;
	if (!st)
		return;
	for (int i = 0; i < BUF_COUNT; i++)
		free(st->buf[i].data);
	free(st->upns);
	free(st->pupils);
	free(st->pupil_ids);
	free(st->events);
	free(st);
	ps->stage = NULL;
}

/* The file backend enlarges SQLite's page cache for an import; a server
 * manages its own buffers. Here the import's staging begins: the school's
 * UPNs, read once. */
int pgst_import_begin(struct store *s, int *saved_cache, st_error *err)
{
	struct pg_store *ps = pgst_of(s);
	*saved_cache = 0;
	pgst_stage_free(ps);
	struct pgst_stage *st = calloc(1, sizeof *st);
	if (st && !(st->upns = calloc(st->upn_cap = 4096, sizeof *st->upns)))
		free(st), st = NULL;
	if (!st)
		return st__err_nomem(err);
	struct pgst_params p = {0};
	pgst_school(s, &p);
	PGresult *res;
	int rc = pgst_query(s, "SELECT upn, id FROM pupil WHERE school_id = $1 AND upn IS NOT "
			    "NULL", &p, &res, "reading the school's UPNs", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++)
		upn_put(st, pgst_col_text(res, i, 0), pgst_col_int(res, i, 1));
	if (rc == ST_OK) {
		PQclear(res);
		rc = stage_nomem(st, err);
	}
	if (rc == ST_OK)
		ps->stage = st;
	else {
		ps->stage = st;
		pgst_stage_free(ps);
	}
	return rc;
}

/* Whatever is still staged is not written: a successful import has
 * written it (pgst_import_restore_indexes, or any statement before). */
void pgst_import_end(struct store *s, int saved_cache)
{
	(void)saved_cache;
	pgst_stage_free(pgst_of(s));
}

/* --- import runs (issue 15) ------------------------------------------------ */

int pgst_import_run_start(struct store *s, const char *file, const char *user, int64_t *out_id,
			  st_error *err)
{
	char now[32];
	pgst_utc_now(now); /* the file's started_at: the client's clock, to the second */
	struct pgst_params p = {0};
	pgst_text(&p, file);
	pgst_text(&p, now);
	pgst_text(&p, user);
	pgst_school(s, &p);
	return pgst_insert(s, "INSERT INTO import_run (file, started_at, user_name, school_id) "
			   "VALUES ($1, $2, $3, $4) RETURNING id", &p, out_id,
			   "recording the import", err);
}

int pgst_import_run_finish(struct store *s, const st_import_run *run, int64_t audit_id,
			   st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, run->id);
	pgst_text(&p, run->sha256);
	pgst_int(&p, run->rows);
	pgst_int(&p, run->created);
	pgst_int(&p, run->updated);
	pgst_int(&p, run->unchanged);
	pgst_id(&p, audit_id);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE import_run SET sha256 = $2, rows_read = $3, created = $4, "
			  "updated = $5, unchanged = $6, audit_id = $7 WHERE id = $1 AND "
			  "school_id = $8", &p, NULL, "recording the import", err);
}

int pgst_pupil_set_import(struct store *s, int64_t pupil_id, int64_t import_id, long line,
			  st_error *err)
{
	int rc = pgst_stage_id(s, &pupil_id, err);
	if (rc != ST_OK)
		return rc;
	struct pgst_params p = {0};
	pgst_int(&p, pupil_id);
	pgst_int(&p, import_id);
	pgst_int(&p, line);
	pgst_school(s, &p);
	return pgst_query(s, "UPDATE pupil SET import_id = $2, import_line = $3 WHERE id = $1 "
			  "AND school_id = $4", &p, NULL, "linking the pupil to its import", err);
}

/* --- secondary indexes of a load into an empty pupil table ----------------
 *
 * The file backend drops the pupil table's secondary indexes for a load
 * into an empty table and builds them once at the end (sqlite/import.c).
 * Not here: on a trust's database the pupil table holds every school's
 * pupils, so it is empty only for the trust's very first import, DROP
 * INDEX would take an exclusive lock on the table every school's SENCO
 * uses, and a SENCO's role does not own the table, so it may not drop its
 * indexes at all. The import writes through the indexes as any other
 * command does; *out stays NULL, which the model reads as "nothing
 * deferred", and the two calls after it have nothing to do. */
int pgst_import_defer_indexes(struct store *s, struct st__deferred_indexes **out,
			      st_error *err)
{
	(void)s;
	(void)err;
	*out = NULL;
	return ST_OK;
}

int pgst_import_need_name_index(struct store *s, struct st__deferred_indexes *d,
				st_error *err)
{
	(void)s;
	(void)d;
	(void)err;
	return ST_OK;
}

/* Called as the import ends, build when it succeeded: the last batch is
 * written now (a finished run's audit row has usually written it already). */
int pgst_import_restore_indexes(struct store *s, struct st__deferred_indexes *d, int build,
				st_error *err)
{
	(void)d;
	return build ? pgst_stage_flush(s, err) : ST_OK;
}
