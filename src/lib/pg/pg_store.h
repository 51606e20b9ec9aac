/* pg_store.h - what the PostgreSQL backend's files share (src/lib/pg/).
 *
 * Every value reaches the server as a bound parameter (PQexecParams); the
 * only SQL sent whole is constant text: the embedded migrations
 * (src/lib/pg/NNN_*.sql) and fixed statements without values. */
#ifndef SENTRACK_PG_STORE_H
#define SENTRACK_PG_STORE_H

#include <libpq-fe.h>
#include "internal.h"

struct st_trust {
	PGconn *conn;
	int in_transaction;
};

/* The migrations, generated from src/lib/pg/NNN_name.sql (cmake/embed_sql.cmake):
 * st__pg_migrations[i] takes a database from version i to i + 1. */
extern const char *const st__pg_migrations[];
extern const int st__pg_schema_version;

/* Run sql with n text parameters (NULL: SQL NULL). On success *out (if
 * non-NULL) is the result, to PQclear; on failure err says what `doing`
 * failed and why, and the code follows the SQLSTATE. */
int st__pg_exec(st_trust *t, const char *sql, int n, const char *const *params, PGresult **out,
		const char *doing, st_error *err);

/* Run constant SQL that may hold several statements (a migration). */
int st__pg_exec_script(st_trust *t, const char *sql, const char *doing, st_error *err);

/* The st_code for a failed result (by its SQLSTATE), with its message. */
int st__pg_fail(const PGresult *res, const char *doing, st_error *err);

#endif
