/* trust.h - a trust's shared database on a PostgreSQL server (issue 14).
 *
 * In this version PostgreSQL serves only these calls: creating the schema
 * and its roles, adding schools, granting roles and listing both. Every
 * school's data lives in one database; row-level security keyed on the
 * connected role keeps each school's rows to that school's roles
 * (docs/trust.md). Built only with SENTRACK_POSTGRES; without it every call
 * fails with ST_ENODB saying so. An st_trust is one connection; not
 * thread-safe. */
#ifndef SENTRACK_TRUST_H
#define SENTRACK_TRUST_H

#include "sentrack/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_trust st_trust;

/* 1 when this library was built with the PostgreSQL backend and its module
 * (sentrack-pg.so, holding libpq) is installed. */
int st_trust_available(void);

/* Connect to the database a PostgreSQL locator names (a postgresql:// URI
 * or a libpq keyword string; passwords come from ~/.pgpass or the service
 * file, never the locator). ST_ENODB when the server or database cannot be
 * reached, ST_EPERM when authentication fails. Free with st_trust_free. */
int st_trust_open(st_trust **out, const char *locator, st_error *err);
void st_trust_free(st_trust *t);

/* One transaction per command: begin (read_only: one snapshot, writes
 * refused), then commit, or rollback (also done by st_trust_free). */
int st_trust_begin(st_trust *t, int read_only, st_error *err);
int st_trust_commit(st_trust *t, st_error *err);
void st_trust_rollback(st_trust *t);

/* The schema version this library writes, and the one in the database
 * (0 before `trust init`). */
int st_trust_schema_version(void);
int st_trust_db_schema_version(st_trust *t, int *out, st_error *err);

/* Create the roles (sentrack_admin, sentrack_senco, sentrack_trust) and
 * bring the schema to the current version; *from is the version found.
 * Refuses a newer schema with ST_ESCHEMA, writing nothing. Needs a role
 * with CREATEROLE that may create schemas in the database. */
int st_trust_init(st_trust *t, int *from, st_error *err);

/* A school: its URN (six digits) and name. */
int st_trust_school_add(st_trust *t, const char *urn, const char *name, st_error *err);

/* Let role read and write one school's rows (read_only: read them only);
 * urn NULL: let role read every school and write nothing (the trust role).
 * The role is created (LOGIN, no password) if it does not exist;
 * *created says so. */
int st_trust_grant(st_trust *t, const char *role, const char *urn, int read_only, int *created,
		   st_error *err);

/* Undo a grant: role no longer sees school urn (urn NULL: is no longer a
 * trust-wide reader). The role itself is kept (it may own other things);
 * once it has no school left it leaves sentrack_senco. *revoked is 0 when
 * it had no such access (nothing to do, not an error). A role that does
 * not exist, or a URN no school has: ST_ENOTFOUND. */
int st_trust_revoke(st_trust *t, const char *role, const char *urn, int *revoked, st_error *err);

/* Field checks, also made by the calls above (for a CLI to check its
 * arguments before connecting). field names the option in messages. */
int st_trust_check_urn(const char *field, const char *urn, st_error *err);
int st_trust_check_school_name(const char *field, const char *name, st_error *err);
int st_trust_check_role(const char *field, const char *role, st_error *err);

/* One row of `trust list`: a school with one role granted on it (role NULL
 * when none), or a trust-wide reader (urn and name NULL). */
typedef struct st_trust_grant_row {
	const char *urn, *name, *role;
	int read_only;
} st_trust_grant_row;
typedef int (*st_trust_grant_cb)(const st_trust_grant_row *row, void *payload);
/* Schools by URN with their roles by name, then the trust-wide readers. */
int st_trust_list(st_trust *t, st_trust_grant_cb cb, void *payload, st_error *err);

/* Copy one school's database file (read-only, never changed) into the
 * trust database as school urn, in the caller's transaction: every table,
 * ids remapped, links kept, then counts and a checksum of each table
 * compared on both sides (ST_EINTERNAL on a mismatch: roll back). Refused
 * (ST_EEXISTS) when the school already has rows, ST_ESCHEMA for a file
 * that is not a sentrack database or not at this sentrack's schema step,
 * ST_EPERM when the connected role may not write the school. cb (may be
 * NULL) is told each table's name and the rows copied. */
typedef int (*st_trust_migrate_cb)(const char *table, long rows, void *payload);
int st_trust_migrate(st_trust *t, const char *file, const char *urn, st_trust_migrate_cb cb,
		     void *payload, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
