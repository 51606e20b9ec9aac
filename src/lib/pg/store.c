/* store.c - the PostgreSQL store's connection: open on one school,
 * transactions (nesting as savepoints, as the file backend's do), the
 * statement cache, bound values and the schema check. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "pgst.h"

/* --- bound values ----------------------------------------------------------- */

static char *next_slot(struct pgst_params *p)
{
	/* PGST_PARAMS_MAX is larger than any statement's count: a statement
	 * with more is a programming error, caught by its own test */
	return p->n < PGST_PARAMS_MAX ? p->buf[p->n] : NULL;
}

void pgst_text(struct pgst_params *p, const char *text)
{
	if (p->n < PGST_PARAMS_MAX)
		p->v[p->n++] = text;
}

void pgst_int(struct pgst_params *p, int64_t v)
{
	char *b = next_slot(p);
	if (!b)
		return;
	snprintf(b, sizeof p->buf[0], "%" PRId64, v);
	p->v[p->n++] = b;
}

void pgst_id(struct pgst_params *p, int64_t id)
{
	if (id)
		pgst_int(p, id);
	else
		pgst_text(p, NULL);
}

void pgst_date(struct pgst_params *p, st_date d)
{
	char *b = next_slot(p);
	if (!b)
		return;
	if (d == ST_DATE_NONE) {
		pgst_text(p, NULL);
		return;
	}
	st_date_format(d, b);
	p->v[p->n++] = b;
}

void pgst_char(struct pgst_params *p, char c)
{
	char *b = next_slot(p);
	if (!b)
		return;
	if (!c) {
		pgst_text(p, NULL);
		return;
	}
	b[0] = c;
	b[1] = '\0';
	p->v[p->n++] = b;
}

void pgst_flag(struct pgst_params *p, int flag)
{
	pgst_text(p, flag ? "true" : "false");
}

void pgst_school(struct store *s, struct pgst_params *p)
{
	struct pg_store *ps = pgst_of(s);
	if (ps->school_id)
		pgst_int(p, ps->school_id);
	else
		p->no_school = 1;
}

static int no_school(const struct pg_store *ps, st_error *err)
{
	if (ps->schools_readable == 0)
		return st_error_set(err, ST_EPERM, "your database role may read no school of this "
				    "trust: its admin grants one with `sentrack trust grant`");
	return st_error_set(err, ST_EUSAGE, "--school: your database role reads %d schools of "
			    "this trust; name the one you mean with --school URN (`sentrack trust "
			    "list` shows them)", ps->schools_readable);
}

/* --- column values ---------------------------------------------------------- */

const char *pgst_col_text(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

int64_t pgst_col_int(const PGresult *r, int row, int col)
{
	const char *t = pgst_col_text(r, row, col);
	return t ? strtoll(t, NULL, 10) : 0;
}

st_date pgst_col_date(const PGresult *r, int row, int col)
{
	const char *t = pgst_col_text(r, row, col);
	st_date d;
	/* DateStyle ISO: the server writes YYYY-MM-DD */
	return t && st_date_parse("stored date", t, &d, NULL) == ST_OK ? d : ST_DATE_NONE;
}

char pgst_col_char(const PGresult *r, int row, int col)
{
	const char *t = pgst_col_text(r, row, col);
	return t ? t[0] : 0;
}

int pgst_col_flag(const PGresult *r, int row, int col)
{
	const char *t = pgst_col_text(r, row, col);
	return t && (t[0] == 't' || t[0] == '1');
}

void pgst_utc_now(char buf[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* --- statements ------------------------------------------------------------- */

/* The name of sql's prepared statement, preparing it on first use. */
static int prepared_name(struct pg_store *ps, const char *sql, int nparams, char name[24],
			 const char *doing, st_error *err)
{
	int i = 0;
	while (i < ps->nprepared && ps->prepared[i] != sql)
		i++;
	snprintf(name, 24, "pgst_%d", i);
	if (i < ps->nprepared)
		return ST_OK;
	if (i == PGST_PREPARED_MAX)
		return st_error_set(err, ST_EINTERNAL, "%s: more than %d statements", doing,
				    PGST_PREPARED_MAX);
	(void)nparams; /* the server infers each parameter's type from its use */
	PGresult *res = PQprepare(ps->conn.conn, name, sql, 0, NULL);
	int ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
	int rc = ok ? ST_OK : st__pg_fail(&ps->conn, res, doing, err);
	PQclear(res);
	if (ok)
		ps->prepared[ps->nprepared++] = sql;
	return rc;
}

/* What every statement needs before it is sent: a school when it binds
 * one, an import's staged rows written first (every statement sees them,
 * pg/import.c), and its prepared statement's name in name. */
static int statement_ready(struct store *s, const char *sql, const struct pgst_params *p,
			   char name[24], const char *doing, st_error *err)
{
	struct pg_store *ps = pgst_of(s);
	if (p && p->no_school)
		return no_school(ps, err);
	if (p && p->n >= PGST_PARAMS_MAX)
		return st_error_set(err, ST_EINTERNAL, "%s: too many values", doing);
	int rc = pgst_stage_flush(s, err);
	return rc == ST_OK ? prepared_name(ps, sql, p ? p->n : 0, name, doing, err) : rc;
}

int pgst_query(struct store *s, const char *sql, const struct pgst_params *p, PGresult **out,
	       const char *doing, st_error *err)
{
	struct pg_store *ps = pgst_of(s);
	if (out)
		*out = NULL;
	char name[24];
	int rc = statement_ready(s, sql, p, name, doing, err);
	if (rc != ST_OK)
		return rc;
	PGresult *res = PQexecPrepared(ps->conn.conn, name, p ? p->n : 0, p ? p->v : NULL, NULL,
				       NULL, 0);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		rc = st__pg_fail(&ps->conn, res, doing, err);
		PQclear(res);
		return rc;
	}
	if (out)
		*out = res;
	else
		PQclear(res);
	return ST_OK;
}

/* The results of a query sent, until libpq has none left: after a stop or
 * a failure, so the connection is free for the next statement. */
static void drain(PGconn *conn)
{
	PGresult *res;
	while ((res = PQgetResult(conn)) != NULL)
		PQclear(res);
}

int pgst_each(struct store *s, const char *sql, const struct pgst_params *p, pgst_row_fn *row,
	      void *payload, const char *doing, st_error *err)
{
	struct pg_store *ps = pgst_of(s);
	char name[24];
	int rc = statement_ready(s, sql, p, name, doing, err);
	if (rc != ST_OK)
		return rc;
	PGconn *conn = ps->conn.conn;
	if (!PQsendQueryPrepared(conn, name, p ? p->n : 0, p ? p->v : NULL, NULL, NULL, 0))
		return st__pg_fail(&ps->conn, NULL, doing, err);
	(void)PQsetSingleRowMode(conn); /* refused only when nothing was sent */
	int stop = 0;
	PGresult *res;
	while (rc == ST_OK && (res = PQgetResult(conn)) != NULL) {
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_SINGLE_TUPLE)
			stop = row(res, 0, payload);
		else if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK)
			rc = st__pg_fail(&ps->conn, res, doing, err);
		PQclear(res);
		if (stop)
			rc = st__err_stopped(stop, doing, err);
	}
	drain(conn);
	return rc;
}

int pgst_insert(struct store *s, const char *sql, const struct pgst_params *p, int64_t *out_id,
		const char *doing, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, sql, p, &res, doing, err);
	if (rc != ST_OK)
		return rc;
	int64_t id = PQntuples(res) > 0 ? pgst_col_int(res, 0, 0) : 0;
	PQclear(res);
	pgst_of(s)->last_id = id;
	if (out_id)
		*out_id = id;
	return ST_OK;
}

int pgst_value(struct store *s, const char *sql, const struct pgst_params *p, char *buf,
	       size_t size, int *found, const char *doing, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, sql, p, &res, doing, err);
	if (rc != ST_OK)
		return rc;
	*found = PQntuples(res) > 0 && !PQgetisnull(res, 0, 0);
	if (size)
		buf[0] = '\0';
	if (*found && size) {
		const char *v = PQgetvalue(res, 0, 0);
		if (strlen(v) >= size)
			rc = st_error_set(err, ST_EINTERNAL, "%s: value longer than %zu bytes", doing,
					  size - 1);
		else
			memcpy(buf, v, strlen(v) + 1);
	}
	PQclear(res);
	return rc;
}

int pgst_int_value(struct store *s, const char *sql, const struct pgst_params *p, int64_t *out,
		   const char *doing, st_error *err)
{
	char buf[24];
	int found;
	int rc = pgst_value(s, sql, p, buf, sizeof buf, &found, doing, err);
	*out = rc == ST_OK && found ? strtoll(buf, NULL, 10) : 0;
	return rc;
}

/* Constant SQL, no values (transaction control, session settings). */
static int exec_plain(struct pg_store *ps, const char *sql, const char *doing, st_error *err)
{
	return st__pg_exec(&ps->conn, sql, 0, NULL, NULL, doing, err);
}

/* --- opening on a school ---------------------------------------------------- */

/* The schools the connected role is a member of: with exactly one, it is
 * the default (a SENCO's own school). */
static int default_school(struct pg_store *ps, st_error *err)
{
	PGresult *res = NULL;
	int rc = st__pg_exec(&ps->conn,
			     "SELECT s.id, s.urn FROM sentrack.school s JOIN sentrack.member m "
			     "ON m.school_id = s.id AND m.role_name = current_user ORDER BY s.urn",
			     0, NULL, &res, "finding your school", err);
	if (rc != ST_OK)
		return rc;
	int n = PQntuples(res);
	if (n == 1) {
		ps->school_id = pgst_col_int(res, 0, 0);
		snprintf(ps->school_urn, sizeof ps->school_urn, "%s", PQgetvalue(res, 0, 1));
	}
	PQclear(res);
	if (n != 1) {
		/* a trust reader reads every school, a member only its own */
		int64_t all = 0;
		PGresult *count = NULL;
		rc = st__pg_exec(&ps->conn, "SELECT count(*) FROM sentrack.school", 0, NULL, &count,
				 "counting the schools", err);
		if (rc == ST_OK)
			all = pgst_col_int(count, 0, 0);
		PQclear(count);
		ps->schools_readable = (int)all;
	}
	return rc;
}

int pgst_set_school(struct store *s, const char *urn, st_error *err)
{
	struct pg_store *ps = pgst_of(s);
	int rc = st_trust_check_urn("--school", urn, err);
	if (rc != ST_OK)
		return rc;
	const char *params[] = {urn};
	PGresult *res = NULL;
	rc = st__pg_exec(&ps->conn, "SELECT id FROM sentrack.school WHERE urn = $1", 1, params,
			 &res, "finding the school", err);
	if (rc != ST_OK)
		return rc;
	int found = PQntuples(res) == 1;
	if (found) {
		ps->school_id = pgst_col_int(res, 0, 0);
		snprintf(ps->school_urn, sizeof ps->school_urn, "%s", urn);
	}
	PQclear(res);
	/* row-level security hides a school the role may not read: the same
	 * answer as no such school, so a URN's existence is not disclosed */
	return found ? ST_OK : st_error_set(err, ST_ENOTFOUND, "--school %s: no school with this "
					    "URN that your database role may read", urn);
}

/* Row-level security shows the role only the schools it may read (every
 * school to a trust reader or the admin). */
int pgst_schools(struct store *s, st_school_cb cb, void *payload, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, "SELECT urn, name FROM school ORDER BY urn", NULL, &res,
			    "listing the schools", err);
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		int stop = cb(PQgetvalue(res, i, 0), PQgetvalue(res, i, 1), payload);
		if (stop)
			rc = st__err_stopped(stop, "listing the schools", err);
	}
	PQclear(res); /* NULL after a failed query */
	return rc;
}

/* Dates and times as the file backend writes them, and the sentrack
 * schema first on the search path (pg_temp last, so a temporary table
 * cannot stand in for one of ours). */
static const char session_sql[] =
	"SET DateStyle = ISO, YMD; SET TimeZone = 'UTC'; SET IntervalStyle = iso_8601; "
	"SET search_path = sentrack, pg_catalog, pg_temp";

int pgst_open(struct store **out, const char *locator, unsigned flags, st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	struct pg_trust *t;
	int rc = st__pg_open(&t, locator, err);
	if (rc != ST_OK)
		return rc;
	struct pg_store *ps = calloc(1, sizeof *ps);
	if (!ps) {
		st__pg_free(t);
		return st__err_nomem(err);
	}
	ps->base.ops = &pgst_store_ops;
	ps->conn = *t;
	free(t); /* its connection now belongs to ps->conn */
	ps->flags = flags;
	ps->busy_ms = ST_BUSY_TIMEOUT_MS_DEFAULT;
	if ((rc = st__pg_exec_script(&ps->conn, session_sql, "setting up the session", err)) ==
		    ST_OK &&
	    (rc = st__pg_require_current(&ps->conn, err)) == ST_OK)
		rc = default_school(ps, err);
	if (rc != ST_OK) {
		pgst_close(&ps->base);
		return rc;
	}
	*out = &ps->base;
	return ST_OK;
}

void pgst_close(struct store *s)
{
	struct pg_store *ps = pgst_of(s);
	if (!ps)
		return;
	pgst_rollback_all(ps);
	pgst_stage_free(ps);
	PQfinish(ps->conn.conn);
	free(ps);
}

/* --- transactions ----------------------------------------------------------- */

void pgst_set_busy_timeout(struct store *s, int ms)
{
	pgst_of(s)->busy_ms = ms;
}

int pgst_busy_timeout(const struct store *s)
{
	return pgst_of(s)->busy_ms;
}

/* How long a statement waits for a lock another transaction holds, as
 * the file backend's busy timeout: then the command fails with 75. */
static int set_lock_timeout(struct pg_store *ps, st_error *err)
{
	char ms[24];
	/* 0 is "no limit" to PostgreSQL, "do not wait" to a busy timeout */
	snprintf(ms, sizeof ms, "%d", ps->busy_ms > 0 ? ps->busy_ms : 1);
	const char *params[] = {ms};
	return st__pg_exec(&ps->conn, "SELECT pg_catalog.set_config('lock_timeout', $1, true)", 1,
			   params, NULL, "setting the lock timeout", err);
}

/* A write takes its school's writer lock before anything else, as a
 * database file's writer takes the file's (BEGIN IMMEDIATE): the rules the
 * model checks before writing (one open cycle, no duplicate pupil) then
 * hold as if the school's commands ran one after another, with no
 * serialisation failure or deadlock to retry, since each write holds one
 * lock. Schools do not wait for each other. A transaction-level advisory
 * lock, keyed (application id, school id), goes with COMMIT or ROLLBACK,
 * and with the connection if the client dies. The wait is the busy
 * timeout (lock_timeout), then 75, nothing written. */
static int lock_school(struct pg_store *ps, st_error *err)
{
	if (!ps->school_id)
		return ST_OK; /* none chosen: each statement will say --school */
	char id[24];
	snprintf(id, sizeof id, "%" PRId64, ps->school_id);
	const char *params[] = {id};
	int rc = st__pg_exec(&ps->conn, ST_PG_SCHOOL_LOCK_SQL, 1, params, NULL,
			     "waiting for the school's lock", err);
	if (rc == ST_EBUSY)
		return st_error_set(err, ST_EBUSY, "database is busy: another program is writing "
				    "to school %s; gave up after %d ms, nothing was written; try "
				    "again", ps->school_urn, ps->busy_ms);
	return rc;
}

int pgst_begin(struct store *s, st_error *err)
{
	struct pg_store *ps = pgst_of(s);
	int rc;
	if (ps->depth == 0) {
		rc = exec_plain(ps, "BEGIN ISOLATION LEVEL READ COMMITTED", "starting a transaction",
				err);
		if (rc == ST_OK &&
		    ((rc = set_lock_timeout(ps, err)) != ST_OK || (rc = lock_school(ps, err)) != ST_OK))
			PQclear(PQexec(ps->conn.conn, "ROLLBACK"));
		ps->read_only = 0;
	} else {
		rc = exec_plain(ps, "SAVEPOINT st_nested", "starting a savepoint", err);
	}
	if (rc == ST_OK)
		ps->depth++;
	ps->conn.in_transaction = ps->depth > 0;
	return rc;
}

int pgst_begin_read(struct store *s, st_error *err)
{
	struct pg_store *ps = pgst_of(s);
	if (ps->depth != 0)
		return st_error_set(err, ST_EINTERNAL, "read transaction inside a transaction");
	/* one snapshot for the whole command, as the file backend's */
	int rc = exec_plain(ps, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
			    "starting a read transaction", err);
	if (rc == ST_OK && (rc = set_lock_timeout(ps, err)) != ST_OK)
		PQclear(PQexec(ps->conn.conn, "ROLLBACK"));
	if (rc == ST_OK) {
		ps->depth = 1;
		ps->read_only = 1;
	}
	ps->conn.in_transaction = ps->depth > 0;
	return rc;
}

void pgst_rollback_all(struct pg_store *ps)
{
	if (ps->depth > 0)
		PQclear(PQexec(ps->conn.conn, "ROLLBACK"));
	ps->depth = 0;
	ps->conn.in_transaction = 0;
}

int pgst_commit(struct store *s, st_error *err)
{
	struct pg_store *ps = pgst_of(s);
	if (ps->depth == 0)
		return st_error_set(err, ST_EINTERNAL, "commit without a transaction");
	if (ps->depth > 1) {
		int rc = exec_plain(ps, "RELEASE st_nested", "releasing a savepoint", err);
		if (rc == ST_OK)
			ps->depth--;
		return rc;
	}
	ps->depth = 0;
	ps->conn.in_transaction = 1; /* st__pg_commit's precondition */
	int rc = st__pg_commit(&ps->conn, err); /* checks that COMMIT was not a ROLLBACK */
	ps->conn.in_transaction = 0;
	return rc;
}

void pgst_rollback(struct store *s)
{
	struct pg_store *ps = pgst_of(s);
	if (ps->depth == 0)
		return;
	if (ps->depth == 1) {
		pgst_rollback_all(ps);
		return;
	}
	PGresult *r = PQexec(ps->conn.conn, "ROLLBACK TO st_nested");
	int ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
	PQclear(r);
	if (ok) {
		PQclear(PQexec(ps->conn.conn, "RELEASE st_nested"));
		ps->depth--;
	} else {
		pgst_rollback_all(ps); /* the connection is gone: nothing is left open */
	}
}

int pgst_in_transaction(const struct store *s)
{
	return pgst_of(s)->depth > 0;
}

int64_t pgst_last_id(struct store *s)
{
	return pgst_of(s)->last_id;
}

/* --- schema ----------------------------------------------------------------- */

/* The trust schema's version, not the file's: the model compares it only
 * with what the store's own migrate and check_version say. */
int pgst_user_version(struct store *s, int *out, st_error *err)
{
	return st__pg_db_schema_version(&pgst_of(s)->conn, out, err);
}

int pgst_is_wal(struct store *s)
{
	(void)s;
	return 0;
}

/* Only the admin's `trust init` migrates a trust database: a command
 * finds it current (checked at open) or refuses. */
int pgst_migrate(struct store *s, st_error *err)
{
	return st__pg_require_current(&pgst_of(s)->conn, err);
}

int pgst_migrate_to(struct store *s, int target, st_error *err)
{
	(void)s;
	return st_error_set(err, ST_EUSAGE, "migrating to step %d: a trust database is migrated "
			    "by its admin's `sentrack trust init`", target);
}

int pgst_check_version(struct store *s, int *file_version, st_error *err)
{
	struct pg_store *ps = pgst_of(s);
	int rc = st__pg_require_current(&ps->conn, err);
	if (file_version)
		*file_version = rc == ST_OK ? st__store_schema_version : 0;
	return rc;
}
