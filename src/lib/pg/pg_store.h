/* pg_store.h - what the PostgreSQL backend's files share (src/lib/pg/).
 *
 * Every value reaches the server as a bound parameter (PQexecParams); the
 * only SQL sent whole is constant text: the embedded migrations
 * (src/lib/pg/NNN_*.sql) and fixed statements without values. */
#ifndef SENTRACK_PG_STORE_H
#define SENTRACK_PG_STORE_H

#include <libpq-fe.h>
#include "internal.h"
#include "pg_module.h"

struct pg_trust {
	PGconn *conn;
	int in_transaction;
};

/* The calls of the module's table (module.c), as the public st_trust_*
 * calls of include/sentrack/trust.h describe them. */
int st__pg_open(struct pg_trust **out, const char *locator, st_error *err);
void st__pg_free(struct pg_trust *t);
int st__pg_begin(struct pg_trust *t, int read_only, st_error *err);
int st__pg_commit(struct pg_trust *t, st_error *err);
void st__pg_rollback(struct pg_trust *t);
int st__pg_db_schema_version(struct pg_trust *t, int *out, st_error *err);
int st__pg_init(struct pg_trust *t, int *from, st_error *err);
int st__pg_school_add(struct pg_trust *t, const char *urn, const char *name, st_error *err);
int st__pg_grant(struct pg_trust *t, const char *role, const char *urn, int read_only,
		 int *created, st_error *err);
int st__pg_revoke(struct pg_trust *t, const char *role, const char *urn, int *revoked,
		  st_error *err);
int st__pg_list(struct pg_trust *t, st_trust_grant_cb cb, void *payload, st_error *err);
int st__pg_migrate(struct pg_trust *t, const char *file, const char *urn, st_trust_migrate_cb cb,
		   void *payload, st_error *err);

/* The statement that takes a school's writer lock ($1: the school's id) for
 * the transaction: every write of a command (pg/store.c) and a migrate into
 * the school (pg/migrate.c) take it, so they happen one after another. The
 * key's first half is sentrack's application id, so other programs'
 * advisory locks on the same database do not meet ours. */
#define ST_PG_SCHOOL_LOCK_SQL "SELECT pg_catalog.pg_advisory_xact_lock(1397050964, $1::integer)"

/* ST_OK when the trust schema is at this sentrack's version; else
 * ST_ESCHEMA, saying who upgrades it (the admin's `trust init`). */
int st__pg_require_current(struct pg_trust *t, st_error *err);

/* The migrations, generated from src/lib/pg/NNN_name.sql (cmake/embed_sql.cmake):
 * st__pg_migrations[i] takes a database from version i to i + 1. */
extern const char *const st__pg_migrations[];
extern const int st__pg_schema_version;

/* Run sql with n text parameters (NULL: SQL NULL). On success *out (if
 * non-NULL) is the result, to PQclear; on failure err says what `doing`
 * failed and why, and the code follows the SQLSTATE. */
int st__pg_exec(struct pg_trust *t, const char *sql, int n, const char *const *params, PGresult **out,
		const char *doing, st_error *err);

/* Run constant SQL that may hold several statements (a migration). */
int st__pg_exec_script(struct pg_trust *t, const char *sql, const char *doing, st_error *err);

/* The st_code for a failed result (by its SQLSTATE), with its message. */
int st__pg_fail(struct pg_trust *t, const PGresult *res, const char *doing, st_error *err);

#endif
