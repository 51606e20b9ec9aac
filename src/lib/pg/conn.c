/* conn.c - a connection to a trust's PostgreSQL database: open, the one
 * transaction per command, and failures mapped to sentrack's codes. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "pg_store.h"

/* The SQLSTATE classes that mean something to the exit contract
 * (postgresql.org/docs/15/errcodes-appendix.html). */
static int code_of(const char *state)
{
	if (!state)
		return ST_EIO; /* no SQLSTATE: the connection was lost */
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0)
		return ST_EBUSY; /* serialisation failure, deadlock, lock not available */
	if (strcmp(state, "23505") == 0)
		return ST_EEXISTS;
	if (strcmp(state, "P0002") == 0)
		return ST_ENOTFOUND;
	if (strcmp(state, "42501") == 0 || strncmp(state, "28", 2) == 0)
		return ST_EPERM; /* insufficient privilege, or authorisation */
	if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0 ||
	    strcmp(state, "P0001") == 0)
		return ST_ERULE; /* a constraint, a bad value, or a rule a function raised */
	if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
		return ST_EIO; /* connection exception, server shutting down */
	if (strcmp(state, "3D000") == 0 || strcmp(state, "3F000") == 0)
		return ST_ENODB; /* no such database or schema */
	return ST_EINTERNAL;
}

/* One line: libpq ends its messages with a newline. */
static void one_line(char *s)
{
	for (char *p = s; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
}

int st__pg_fail(struct pg_trust *t, const PGresult *res, const char *doing, st_error *err)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char msg[ST_ERROR_MAX];
	/* no result message: the connection broke, and libpq kept the server's
	 * last words ("terminating connection due to administrator command") */
	const char *lost = PQerrorMessage(t->conn);
	if (primary)
		snprintf(msg, sizeof msg, "%s", primary);
	else
		snprintf(msg, sizeof msg, "the connection to the server was lost%s%s",
			 *lost ? ": " : "", lost);
	one_line(msg);
	int code = code_of(state);
	/* A function's own message names the field and the rule: pass it on. */
	if (state && (strcmp(state, "P0001") == 0 || strcmp(state, "P0002") == 0))
		return st_error_set(err, code, "%s", msg);
	return st_error_set(err, code, "%s: %s%s%s%s", doing, msg, state ? " (SQLSTATE " : "",
			    state ? state : "", state ? ")" : "");
}

static int result_failed(PGresult *res)
{
	ExecStatusType s = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	return s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK;
}

int st__pg_exec(struct pg_trust *t, const char *sql, int n, const char *const *params, PGresult **out,
		const char *doing, st_error *err)
{
	PGresult *res = PQexecParams(t->conn, sql, n, NULL, params, NULL, NULL, 0);
	if (result_failed(res)) {
		int rc = st__pg_fail(t, res, doing, err);
		PQclear(res);
		return rc;
	}
	if (out)
		*out = res;
	else
		PQclear(res);
	return ST_OK;
}

int st__pg_exec_script(struct pg_trust *t, const char *sql, const char *doing, st_error *err)
{
	PGresult *res = PQexec(t->conn, sql);
	int rc = result_failed(res) ? st__pg_fail(t, res, doing, err) : ST_OK;
	PQclear(res);
	return rc;
}

/* A server's notices and warnings (a role's client_min_messages = debug5,
 * a trigger's RAISE NOTICE an admin added, "there is no transaction in
 * progress") are not sentrack's to print: its stderr is its own one-line
 * report, and cron mails any output at all ("nothing due" must stay
 * silent). They may also quote a row's data, which no log of sentrack
 * holds. Errors still come back through each query's result. */
static void quiet_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* A standard descriptor the caller closed (`sentrack ... >&-`) is the
 * lowest free one, and the connection's socket would take it: the
 * command's output, written to fd 1, would go to the server as a protocol
 * message (it answers "invalid frontend message type" and hangs up), and
 * the exit contract's 74 for output that cannot be delivered would be
 * lost. As SQLite does for its file, each closed one is held by /dev/null
 * opened the other way round, so that its use still fails (EBADF): stdin
 * write-only, stdout and stderr read-only. */
static void hold_closed_std_fds(void)
{
	/* in order: each lower one is open by now, so open() returns fd (or
	 * fails, and the socket may take it, as before) */
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF)
			(void)open("/dev/null", (fd == 0 ? O_WRONLY : O_RDONLY) | O_CLOEXEC);
}

/* The locator's connect_timeout in milliseconds (libpq counts 1 as 2
 * seconds), or -1: none, wait as long as the network does. */
static int connect_timeout_ms(PGconn *conn)
{
	int seconds = 0;
	PQconninfoOption *opts = PQconninfo(conn);
	for (PQconninfoOption *o = opts; o && o->keyword; o++)
		if (strcmp(o->keyword, "connect_timeout") == 0 && o->val)
			seconds = atoi(o->val);
	PQconninfoFree(opts);
	return seconds <= 0 ? -1 : (seconds < 2 ? 2 : seconds) * 1000;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* PQconnectdbParams would print the server's notices during the handshake
 * (a role's or PGOPTIONS' client_min_messages = debug5) to stderr with
 * libpq's default processor, before it could be replaced: so the
 * connection is made step by step (PQconnectPoll, as libpq's manual
 * describes) with quiet_notice set from the start. Returns why the wait
 * ended early (connect_timeout ran out, over all the locator's hosts
 * together; poll failed), or NULL: libpq's own status then tells. */
static const char *connect_quietly(PGconn *conn)
{
	PQsetNoticeProcessor(conn, quiet_notice, NULL);
	int timeout = connect_timeout_ms(conn);
	long long deadline = now_ms() + timeout;
	PostgresPollingStatusType state = PGRES_POLLING_WRITING;
	while (state != PGRES_POLLING_OK && state != PGRES_POLLING_FAILED) {
		/* the socket can change between calls (the next host) */
		struct pollfd p = {.fd = PQsocket(conn),
				   .events = state == PGRES_POLLING_READING ? POLLIN : POLLOUT};
		int wait = timeout < 0 ? -1 : (int)(deadline - now_ms());
		if (timeout >= 0 && wait <= 0)
			return "timeout expired (connect_timeout)";
		if (poll(&p, 1, wait) < 0 && errno != EINTR)
			return strerror(errno);
		state = PQconnectPoll(conn);
	}
	return NULL;
}

int st__pg_open(struct pg_trust **out, const char *locator, st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	int rc = st__trust_check_locator(locator, err);
	if (rc != ST_OK)
		return rc;
	struct pg_trust *t = calloc(1, sizeof *t);
	if (!t)
		return st__err_nomem(err);
	/* expand_dbname: the locator is a URI or keyword string. Later keys
	 * override it, so only fallbacks follow it. */
	const char *const keys[] = {"dbname", "fallback_application_name", "client_encoding", NULL};
	const char *const values[] = {locator, "sentrack", "UTF8", NULL};
	hold_closed_std_fds();
	t->conn = PQconnectStartParams(keys, values, 1);
	const char *ended = NULL;
	if (t->conn && PQstatus(t->conn) != CONNECTION_BAD)
		ended = connect_quietly(t->conn);
	if (!t->conn || PQstatus(t->conn) != CONNECTION_OK) {
		char msg[ST_ERROR_MAX];
		snprintf(msg, sizeof msg, "%s",
			 !t->conn ? "out of memory" : ended ? ended : PQerrorMessage(t->conn));
		one_line(msg);
		int code = t->conn && PQconnectionNeedsPassword(t->conn) ? ST_EPERM : ST_ENODB;
		st__pg_free(t);
		return st_error_set(err, code, "cannot connect to the PostgreSQL database: %s%s", msg,
				    code == ST_EPERM ? " (put the password in ~/.pgpass, mode 0600)"
						     : "");
	}
	*out = t;
	return ST_OK;
}

void st__pg_free(struct pg_trust *t)
{
	if (!t)
		return;
	st__pg_rollback(t);
	PQfinish(t->conn);
	free(t);
}

int st__pg_begin(struct pg_trust *t, int read_only, st_error *err)
{
	ERR_ENSURE(err);
	if (t->in_transaction)
		return st_error_set(err, ST_EINTERNAL, "trust: a transaction is already open");
	/* A write reads afresh after each wait (READ COMMITTED): init waits
	 * for another init's lock, then must see the schema it committed. */
	int rc = st__pg_exec(t, read_only ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
					  : "BEGIN ISOLATION LEVEL READ COMMITTED",
			     0, NULL, NULL, "beginning the transaction", err);
	t->in_transaction = rc == ST_OK;
	return rc;
}

int st__pg_commit(struct pg_trust *t, st_error *err)
{
	ERR_ENSURE(err);
	if (!t->in_transaction)
		return st_error_set(err, ST_EINTERNAL, "trust: no transaction to commit");
	t->in_transaction = 0;
	PGresult *res = NULL;
	int rc = st__pg_exec(t, "COMMIT", 0, NULL, &res, "committing", err);
	/* COMMIT of a failed transaction "succeeds" as a ROLLBACK */
	if (rc == ST_OK && strcmp(PQcmdStatus(res), "COMMIT") != 0)
		rc = st_error_set(err, ST_EINTERNAL, "committing: the server rolled back");
	PQclear(res);
	if (rc != ST_OK) {
		char reason[ST_ERROR_MAX];
		memcpy(reason, err->message, sizeof reason);
		st_error_set(err, rc, "nothing was written: %s", reason);
	}
	return rc;
}

void st__pg_rollback(struct pg_trust *t)
{
	if (!t || !t->in_transaction)
		return;
	t->in_transaction = 0;
	PQclear(PQexec(t->conn, "ROLLBACK"));
}
