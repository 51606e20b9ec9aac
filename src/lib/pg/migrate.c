/* migrate.c - `sentrack migrate`: one school's database file copied into a
 * trust's PostgreSQL database in the caller's one transaction, ids remapped
 * in C (INSERT ... RETURNING id), links kept, then every table's count and
 * checksum compared on both sides before the caller commits.
 *
 * The file is opened read-only (SQLITE_OPEN_READONLY) and read in one read
 * transaction; it is never changed. SQL text is built only from the
 * constant table descriptions below; every value is a bound parameter. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "idmap.h"
#include "pg_store.h"
#include "sqlite/sqlite_store.h"

enum kind { PLAIN, STAMP, FLAG, LINK, ENTITY };

struct col {
	const char *file, *pg; /* the column's name in each schema */
	enum kind kind;
	int target; /* LINK: the index of the table it points into */
};

/* Tables in the order they are copied; a LINK to a table not yet copied
 * (or to its own) is written NULL first and set once every table is in. */
enum { T_IMPORT_RUN, T_PUPIL, T_REGISTER_EVENT, T_PUPIL_NEED, T_NEED_HISTORY, T_CYCLE,
       T_CYCLE_RESCHEDULE, T_PUPIL_VIEW, T_OUTCOME, T_PROVISION, T_MEETING,
       T_MEETING_ATTENDEE, T_SPECIALIST, T_EHCNA_REQUEST, T_EHCP_REVIEW, T_PASSPORT,
       T_CONCERN, T_TERM, T_EHCP_SCHEDULE, T_EHCP_AMENDED, T_CONFIG, T_META, T_AUDIT,
       NTABLES };

#define MAXCOLS 20
struct table {
	const char *name;
	int has_id;
	struct col cols[MAXCOLS];
};

#define C(n) {n, n, PLAIN, 0}
#define TS(n) {n, n, STAMP, 0}
#define B(n) {n, n, FLAG, 0}
#define L(n, t) {n, n, LINK, t}

static const struct table tables[NTABLES] = {
	[T_IMPORT_RUN] = {"import_run", 1, {C("file"), C("sha256"), TS("started_at"),
		{"user", "user_name", PLAIN, 0}, C("rows_read"), C("created"), C("updated"),
		C("unchanged"), L("audit_id", T_AUDIT)}},
	[T_PUPIL] = {"pupil", 1, {C("upn"), C("surname"), C("forename"), C("preferred"),
		C("dob"), C("year"), C("class"), C("joined"), C("left_on"), C("surname_key"),
		C("forename_key"), C("preferred_key"), C("status"), C("status_since"),
		L("status_event", T_REGISTER_EVENT), TS("created_at"), B("top_up"),
		L("import_id", T_IMPORT_RUN), C("import_line")}},
	[T_REGISTER_EVENT] = {"register_event", 1, {L("pupil_id", T_PUPIL), C("status"),
		C("event_date"), C("parents_informed"), C("plan_date"), C("reason"), C("source"),
		TS("entered_at"), C("entered_by"), C("ceased_by_la"), C("informed_who"),
		C("voided_on"), C("void_reason")}},
	[T_PUPIL_NEED] = {"pupil_need", 0, {L("pupil_id", T_PUPIL), C("rank"), C("need_code"),
		C("since")}},
	[T_NEED_HISTORY] = {"need_history", 1, {L("pupil_id", T_PUPIL), C("rank"),
		C("need_code"), C("since"), C("ended"), C("why")}},
	[T_CYCLE] = {"cycle", 1, {L("pupil_id", T_PUPIL), C("seq"), C("phase"), C("opened_on"),
		C("assessed_on"), C("assessment"), C("planned_on"), C("review_date"), C("do_on"),
		C("reviewed_on"), C("decision"), C("review_notes"), C("closed_on"),
		L("previous_id", T_CYCLE), C("strategies"), C("lead")}},
	[T_CYCLE_RESCHEDULE] = {"cycle_reschedule", 1, {L("cycle_id", T_CYCLE), C("old_date"),
		C("new_date"), C("reason"), TS("entered_at"), C("entered_by")}},
	[T_PUPIL_VIEW] = {"pupil_view", 1, {L("cycle_id", T_CYCLE), C("who"), C("stage"),
		C("view_date"), C("text")}},
	[T_OUTCOME] = {"outcome", 1, {L("cycle_id", T_CYCLE), C("text"), C("area"), C("measure"),
		C("target_date"), C("rating"), C("rating_note"), C("rated_on"),
		L("origin_id", T_OUTCOME), C("created_on")}},
	[T_PROVISION] = {"provision", 1, {L("pupil_id", T_PUPIL), C("name"), C("staff_role"),
		C("sessions_per_week"), C("minutes"), C("group_size"), C("hourly_cost_pence"),
		C("start_date"), C("end_date"), C("voided_on"), C("void_reason")}},
	[T_MEETING] = {"meeting", 1, {L("pupil_id", T_PUPIL), L("cycle_id", T_CYCLE),
		C("meeting_date"), C("purpose"), C("notes"), B("with_parents"), B("planned")}},
	[T_MEETING_ATTENDEE] = {"meeting_attendee", 0, {L("meeting_id", T_MEETING), C("role")}},
	[T_SPECIALIST] = {"specialist", 1, {L("pupil_id", T_PUPIL), C("service"),
		C("consent_date"), C("start_date"), C("notes")}},
	[T_EHCNA_REQUEST] = {"ehcna_request", 1, {L("pupil_id", T_PUPIL), L("cycle_id", T_CYCLE),
		C("request_date"), C("decided_by"), C("requested_by"), C("parents_informed"),
		C("assess"), C("decided_on"), C("plan"), C("plan_on")}},
	[T_EHCP_REVIEW] = {"ehcp_review", 1, {L("pupil_id", T_PUPIL), C("review_date"),
		L("meeting_id", T_MEETING), C("notes"), B("early")}},
	[T_PASSPORT] = {"passport", 0, {L("pupil_id", T_PUPIL), C("about"), C("important"),
		C("support"), C("updated_on")}},
	[T_CONCERN] = {"concern", 1, {L("pupil_id", T_PUPIL), C("raised_by"), C("concern_date"),
		C("text")}},
	[T_TERM] = {"term", 1, {C("academic_year"), C("term"), C("starts"), C("ends")}},
	[T_EHCP_SCHEDULE] = {"ehcp_schedule", 1, {L("pupil_id", T_PUPIL), C("meeting_on"),
		C("invite_on"), C("advice_on"), C("report_on"), C("decision_on"),
		L("review_id", T_EHCP_REVIEW)}},
	[T_EHCP_AMENDED] = {"ehcp_amended", 1, {L("pupil_id", T_PUPIL), C("amended_on")}},
	[T_CONFIG] = {"config", 0, {C("key"), C("value")}},
	[T_META] = {"meta", 0, {C("key"), C("value")}},
	/* entity_id points into the table its entity names (ENTITY). */
	[T_AUDIT] = {"audit", 1, {TS("entered_at"), {"user", "user_name", PLAIN, 0},
		C("command"), C("action"), C("entity"), {"entity_id", "entity_id", ENTITY, 0},
		L("pupil_id", T_PUPIL), C("event_date"), C("detail")}},
};

static int ncols(const struct table *t)
{
	int n = 0;
	while (n < MAXCOLS && t->cols[n].file)
		n++;
	return n;
}

/* A link set once every table is in: pg row `row` of table `table`. */
struct pending {
	int table, col;
	int64_t row, old_target;
};

struct run {
	struct pg_trust *t;
	sqlite3 *file;
	char school[24];
	struct st__idmap maps[NTABLES];
	struct pending *pending;
	size_t npending, cappending;
	long copied[NTABLES];
	st_error *err;
};

/* ---- the file ---- */

static int file_fail(struct run *r, const char *doing)
{
	return st_error_set(r->err, ST_EIO, "--from: %s: %s", doing, sqlite3_errmsg(r->file));
}

static int file_int(struct run *r, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(r->file, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return st_error_set(r->err, ST_ESCHEMA, "--from: not a sentrack database (%s)",
				    sqlite3_errmsg(r->file));
	}
	*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return ST_OK;
}

static int open_file(struct run *r, const char *path)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return st_error_set(r->err, ST_ENODB, "--from %s: no such database file", path);
	/* read-only: the file is the school's own until the trust commits */
	if (sqlite3_open_v2(path, &r->file, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return file_fail(r, "cannot open the file");
	int app = 0, version = 0, rc;
	if ((rc = file_int(r, "PRAGMA application_id", &app)) != ST_OK ||
	    (rc = file_int(r, "PRAGMA user_version", &version)) != ST_OK)
		return rc;
	if (app != SENTRACK_APPLICATION_ID)
		return st_error_set(r->err, ST_ESCHEMA, "--from %s: not a sentrack database", path);
	if (version != st_db_schema_version())
		return st_error_set(r->err, ST_ESCHEMA, "--from %s: the file is at schema step %d, "
				    "this sentrack at %d; open it once with this sentrack (for "
				    "example `sentrack --db FILE doctor --upgrade`) to bring it to "
				    "the same step, then migrate", path, version, st_db_schema_version());
	/* one snapshot of the file for the whole copy */
	if (sqlite3_exec(r->file, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL) !=
	    SQLITE_OK)
		return file_fail(r, "reading the file");
	return ST_OK;
}

/* ---- links ---- */

/* The table whose ids an audit row's entity_id holds: the entity's own, or
 * the pupil's for a passport (keyed by its pupil: passport.c logs that id). */
static int entity_table(const char *entity)
{
	if (entity && strcmp(entity, "passport") == 0)
		return T_PUPIL;
	for (int i = 0; entity && i < NTABLES; i++)
		if (tables[i].has_id && strcmp(tables[i].name, entity) == 0)
			return i;
	return -1;
}

/* A file row's value of column c (vals: the row's values by column) as it
 * is in the trust: a link through its table's map, NULL when the row it
 * named is gone (the log outlives an erased pupil). buf holds the text. */
static const char *remap(const struct run *r, const struct col *c, const char *const *vals,
			 int i, char *buf, size_t size)
{
	const char *v = vals[i];
	if (!v || (c->kind != LINK && c->kind != ENTITY))
		return v;
	int target = c->target;
	if (c->kind == ENTITY)
		target = entity_table(vals[i - 1]); /* audit: entity, entity_id */
	int64_t id = target < 0 ? 0 : st__idmap_get(&r->maps[target], strtoll(v, NULL, 10));
	if (!id)
		return NULL;
	snprintf(buf, size, "%lld", (long long)id);
	return buf;
}

/* A link into a table not yet (fully) copied: NULL now, set later. */
static int deferred(int table, const struct col *c, const char *const *vals, int i)
{
	if (c->kind == ENTITY) {
		int target = entity_table(vals[i - 1]);
		return target >= table;
	}
	return c->kind == LINK && c->target >= table;
}

static int add_pending(struct run *r, struct pending p)
{
	if (r->npending == r->cappending) {
		size_t cap = r->cappending ? r->cappending * 2 : 64;
		struct pending *n = realloc(r->pending, cap * sizeof *n);
		if (!n)
			return st__err_nomem(r->err);
		r->pending = n;
		r->cappending = cap;
	}
	r->pending[r->npending++] = p;
	return ST_OK;
}

/* ---- copying ---- */

static void append(char *buf, size_t size, const char *s)
{
	size_t n = strlen(buf);
	snprintf(buf + n, size - n, "%s", s);
}

/* A table or column name, always one of the fixed list above (values are
 * bound, never written into SQL), quoted as an identifier all the same:
 * "name" with any " doubled reads the same to SQLite and PostgreSQL. */
static void append_ident(char *buf, size_t size, const char *name)
{
	size_t n = strlen(buf);
	if (n + 1 < size)
		buf[n++] = '"';
	for (const char *c = name; *c && n + 2 < size; c++) {
		if (*c == '"')
			buf[n++] = '"';
		buf[n++] = *c;
	}
	if (n + 1 < size)
		buf[n++] = '"';
	buf[n] = '\0';
}

static int prepare_insert(struct run *r, int ti, const char *name)
{
	const struct table *t = &tables[ti];
	char sql[2048] = "INSERT INTO sentrack.", num[16];
	append_ident(sql, sizeof sql, t->name);
	append(sql, sizeof sql, " (school_id");
	for (int i = 0; i < ncols(t); i++) {
		append(sql, sizeof sql, ", ");
		append_ident(sql, sizeof sql, t->cols[i].pg);
	}
	append(sql, sizeof sql, ") VALUES ($1");
	for (int i = 0; i < ncols(t); i++) {
		snprintf(num, sizeof num, ", $%d", i + 2);
		append(sql, sizeof sql, num);
	}
	append(sql, sizeof sql, t->has_id ? ") RETURNING id" : ")");
	PGresult *res = PQprepare(r->t->conn, name, sql, ncols(t) + 1, NULL);
	int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? ST_OK
		: st__pg_fail(r->t, res, "preparing the copy", r->err);
	PQclear(res);
	return rc;
}

static int file_select(struct run *r, int ti, sqlite3_stmt **st)
{
	const struct table *t = &tables[ti];
	char sql[2048] = "SELECT ";
	append(sql, sizeof sql, t->has_id ? "id" : "NULL");
	for (int i = 0; i < ncols(t); i++) {
		append(sql, sizeof sql, ", ");
		append_ident(sql, sizeof sql, t->cols[i].file);
	}
	append(sql, sizeof sql, " FROM ");
	append_ident(sql, sizeof sql, t->name);
	append(sql, sizeof sql, t->has_id ? " ORDER BY id" : "");
	if (sqlite3_prepare_v2(r->file, sql, -1, st, NULL) != SQLITE_OK)
		return st_error_set(r->err, ST_ESCHEMA, "--from: table %s: %s", t->name,
				    sqlite3_errmsg(r->file));
	return ST_OK;
}

static int copy_row(struct run *r, int ti, const char *stmt, sqlite3_stmt *st)
{
	const struct table *t = &tables[ti];
	int n = ncols(t);
	const char *vals[MAXCOLS], *params[MAXCOLS + 1];
	char bufs[MAXCOLS][24];
	for (int i = 0; i < n; i++)
		vals[i] = (const char *)sqlite3_column_text(st, i + 1);
	params[0] = r->school;
	for (int i = 0; i < n; i++)
		params[i + 1] = deferred(ti, &t->cols[i], vals, i)
			? NULL : remap(r, &t->cols[i], vals, i, bufs[i], sizeof bufs[i]);
	PGresult *res = PQexecPrepared(r->t->conn, stmt, n + 1, params, NULL, NULL, 0);
	ExecStatusType s = PQresultStatus(res);
	if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK) {
		char doing[96];
		snprintf(doing, sizeof doing, "copying %s", t->name);
		int rc = st__pg_fail(r->t, res, doing, r->err);
		PQclear(res);
		return rc;
	}
	int rc = ST_OK;
	if (t->has_id) {
		int64_t old_id = sqlite3_column_int64(st, 0);
		int64_t new_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		if (st__idmap_add(&r->maps[ti], old_id, new_id) != 0)
			rc = st__err_nomem(r->err);
		for (int i = 0; rc == ST_OK && i < n; i++)
			if (vals[i] && deferred(ti, &t->cols[i], vals, i))
				rc = add_pending(r, (struct pending){ti, i, new_id,
								     strtoll(vals[i], NULL, 10)});
	}
	PQclear(res);
	return rc;
}

static int copy_table(struct run *r, int ti)
{
	char stmt[32];
	snprintf(stmt, sizeof stmt, "st_migrate_%d", ti);
	sqlite3_stmt *st = NULL;
	int rc = prepare_insert(r, ti, stmt);
	if (rc == ST_OK)
		rc = file_select(r, ti, &st);
	int step;
	while (rc == ST_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = copy_row(r, ti, stmt, st)) == ST_OK)
			r->copied[ti]++;
	if (rc == ST_OK && step != SQLITE_DONE)
		rc = file_fail(r, "reading the file");
	sqlite3_finalize(st);
	return rc;
}

/* The links written NULL at first, now that every row is in. */
static int set_pending(struct run *r)
{
	for (size_t i = 0; i < r->npending; i++) {
		const struct pending *p = &r->pending[i];
		const struct table *t = &tables[p->table];
		const struct col *c = &t->cols[p->col];
		int target = c->kind == LINK ? c->target : -1;
		if (c->kind == ENTITY)
			continue; /* the audit is copied last: nothing after it */
		int64_t id = st__idmap_get(&r->maps[target], p->old_target);
		if (!id)
			continue;
		char sql[256] = "UPDATE sentrack.", idbuf[24], rowbuf[24];
		append_ident(sql, sizeof sql, t->name);
		append(sql, sizeof sql, " SET ");
		append_ident(sql, sizeof sql, c->pg);
		append(sql, sizeof sql, " = $1 WHERE id = $2");
		snprintf(idbuf, sizeof idbuf, "%lld", (long long)id);
		snprintf(rowbuf, sizeof rowbuf, "%lld", (long long)p->row);
		const char *params[] = {idbuf, rowbuf};
		int rc = st__pg_exec(r->t, sql, 2, params, NULL, "linking the copied rows", r->err);
		if (rc != ST_OK)
			return rc;
	}
	return ST_OK;
}

/* ---- verifying ---- */

/* Both sides as the file writes them: times ISO 8601 UTC with a Z, flags
 * 0 or 1, dates and numbers as text (DateStyle ISO). */
static void pg_expr(char *sql, size_t size, const struct col *c)
{
	if (c->kind == STAMP)
		append(sql, size, "to_char(");
	append_ident(sql, size, c->pg);
	if (c->kind == STAMP)
		append(sql, size, " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')");
	else if (c->kind == FLAG)
		append(sql, size, "::integer::text");
	else
		append(sql, size, "::text");
}

static int checksum_pg(struct run *r, int ti, long *count, uint64_t *sum)
{
	const struct table *t = &tables[ti];
	int n = ncols(t);
	char sql[4096] = "SELECT ";
	for (int i = 0; i < n; i++) {
		if (i)
			append(sql, sizeof sql, ", ");
		pg_expr(sql, sizeof sql, &t->cols[i]);
	}
	append(sql, sizeof sql, " FROM sentrack.");
	append_ident(sql, sizeof sql, t->name);
	append(sql, sizeof sql, " WHERE school_id = $1");
	const char *params[] = {r->school};
	PGresult *res = NULL;
	int rc = st__pg_exec(r->t, sql, 1, params, &res, "verifying the copy", r->err);
	if (rc != ST_OK)
		return rc;
	*count = PQntuples(res);
	*sum = 0;
	for (int row = 0; row < *count; row++) {
		const char *vals[MAXCOLS];
		for (int i = 0; i < n; i++)
			vals[i] = PQgetisnull(res, row, i) ? NULL : PQgetvalue(res, row, i);
		*sum += st__row_hash(vals, n);
	}
	PQclear(res);
	return ST_OK;
}

static int checksum_file(struct run *r, int ti, long *count, uint64_t *sum)
{
	const struct table *t = &tables[ti];
	int n = ncols(t), step;
	sqlite3_stmt *st = NULL;
	int rc = file_select(r, ti, &st);
	*count = 0;
	*sum = 0;
	while (rc == ST_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *vals[MAXCOLS], *mapped[MAXCOLS];
		char bufs[MAXCOLS][24];
		for (int i = 0; i < n; i++)
			vals[i] = (const char *)sqlite3_column_text(st, i + 1);
		for (int i = 0; i < n; i++)
			mapped[i] = remap(r, &t->cols[i], vals, i, bufs[i], sizeof bufs[i]);
		*sum += st__row_hash(mapped, n);
		++*count;
	}
	if (rc == ST_OK && step != SQLITE_DONE)
		rc = file_fail(r, "reading the file");
	sqlite3_finalize(st);
	return rc;
}

static int verify(struct run *r)
{
	for (int ti = 0; ti < NTABLES; ti++) {
		long nf, np;
		uint64_t sf, sp;
		int rc = checksum_file(r, ti, &nf, &sf);
		if (rc == ST_OK)
			rc = checksum_pg(r, ti, &np, &sp);
		if (rc != ST_OK)
			return rc;
		if (nf != np || sf != sp)
			return st_error_set(r->err, ST_EINTERNAL, "verifying the copy: table %s: "
					    "%ld rows in the file, %ld in the trust%s; nothing was "
					    "written", tables[ti].name, nf, np,
					    nf == np ? ", their contents differ" : "");
	}
	return ST_OK;
}

/* ---- the school ---- */

static int find_school(struct run *r, const char *urn)
{
	const char *params[] = {urn};
	PGresult *res = NULL;
	int rc = st__pg_exec(r->t, "SELECT id, sentrack.may_write(id) FROM sentrack.school "
			     "WHERE urn = $1", 1, params, &res, "finding the school", r->err);
	if (rc != ST_OK)
		return rc;
	if (PQntuples(res) == 0)
		rc = st_error_set(r->err, ST_ENOTFOUND, "--school %s: no such school that this role "
				  "may see; the admin adds it (`trust school add`) and grants it "
				  "(`trust grant ROLE --school %s`)", urn, urn);
	else if (strcmp(PQgetvalue(res, 0, 1), "t") != 0)
		rc = st_error_set(r->err, ST_EPERM, "--school %s: this role may read the school but "
				  "not write it; migrate as a role granted it read-write", urn);
	else
		snprintf(r->school, sizeof r->school, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return rc;
}

/* Refused for a school with any row: a second migrate would double it. */
static int require_empty(struct run *r, const char *urn)
{
	const char *params[] = {r->school};
	/* the school's writer lock: a second migrate, or a command writing to
	 * the school, waits for this one, and this one for them; then it
	 * refuses a school that has rows */
	int rc = st__pg_exec(r->t, ST_PG_SCHOOL_LOCK_SQL, 1, params, NULL,
			     "waiting for the school's writers", r->err);
	for (int ti = 0; rc == ST_OK && ti < NTABLES; ti++) {
		char sql[160] = "SELECT EXISTS (SELECT 1 FROM sentrack.";
		append_ident(sql, sizeof sql, tables[ti].name);
		append(sql, sizeof sql, " WHERE school_id = $1)");
		PGresult *res = NULL;
		rc = st__pg_exec(r->t, sql, 1, params, &res, "checking the school is empty", r->err);
		if (rc == ST_OK && strcmp(PQgetvalue(res, 0, 0), "t") == 0)
			rc = st_error_set(r->err, ST_EEXISTS, "--school %s: the school already has "
					  "rows in the trust database (table %s); a school is "
					  "migrated once, into an empty school", urn,
					  tables[ti].name);
		PQclear(res);
	}
	return rc;
}

static int schema_current(struct pg_trust *t, st_error *err)
{
	int version;
	int rc = st__pg_db_schema_version(t, &version, err);
	if (rc == ST_OK && version != st__pg_schema_version)
		rc = st_error_set(err, ST_ESCHEMA, "--to: trust database schema version %d, this "
				  "sentrack's is %d; %s", version, st__pg_schema_version,
				  version < st__pg_schema_version
				  ? "the admin runs `sentrack trust init` to upgrade it"
				  : "upgrade sentrack");
	return rc;
}

static int audit_migration(struct run *r)
{
	long pupils = r->copied[T_PUPIL];
	char detail[96];
	snprintf(detail, sizeof detail, "moved in from a database file: %ld pupils", pupils);
	const char *params[] = {r->school, detail};
	return st__pg_exec(r->t, "INSERT INTO sentrack.audit (school_id, db_user, user_name, "
			   "command, action, entity, entity_id, detail) VALUES ($1, session_user, "
			   "session_user, 'migrate', 'insert', 'school', $1, $2)", 2, params, NULL,
			   "recording the migration", r->err);
}

static int run_migrate(struct run *r, const char *file, const char *urn)
{
	int rc;
	if ((rc = open_file(r, file)) != ST_OK || (rc = schema_current(r->t, r->err)) != ST_OK ||
	    (rc = find_school(r, urn)) != ST_OK || (rc = require_empty(r, urn)) != ST_OK)
		return rc;
	/* values as the file writes them, whatever the server's defaults */
	rc = st__pg_exec_script(r->t, "SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL TimeZone = 'UTC'",
				"setting the session", r->err);
	for (int ti = 0; rc == ST_OK && ti < NTABLES; ti++)
		rc = copy_table(r, ti);
	if (rc == ST_OK)
		rc = set_pending(r);
	if (rc == ST_OK)
		rc = verify(r);
	if (rc == ST_OK)
		rc = audit_migration(r);
	return rc;
}

int st__pg_migrate(struct pg_trust *t, const char *file, const char *urn, st_trust_migrate_cb cb,
		     void *payload, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st_trust_check_urn("--school", urn, err);
	if (rc != ST_OK)
		return rc;
	/* an earlier attempt's statements (after a deadlock) outlive its
	 * transaction: prepared statements belong to the session */
	if ((rc = st__pg_exec_script(t, "DEALLOCATE ALL", "preparing the copy", err)) != ST_OK)
		return rc;
	struct run r = {.t = t, .err = err};
	rc = run_migrate(&r, file, urn);
	for (int ti = 0; rc == ST_OK && cb && ti < NTABLES; ti++)
		if (cb(tables[ti].name, r.copied[ti], payload) != 0)
			rc = st_error_set(err, ST_EINTERNAL, "migrate: stopped by the caller");
	for (int ti = 0; ti < NTABLES; ti++)
		st__idmap_free(&r.maps[ti]);
	free(r.pending);
	if (r.file) {
		sqlite3_exec(r.file, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(r.file);
	}
	return rc;
}
