/* pg_module.h - the PostgreSQL backend as a loadable module (issue 15).
 *
 * libpq brings Kerberos, LDAP and GnuTLS with it: linked into the program
 * it cost every command, even `pupil show` on a file, 20 ms of loading and
 * 4 MiB of memory. So src/lib/pg/ is built as `sentrack-pg.so` (linked with
 * libpq and its own copy of the library's objects, exporting only
 * st__pg_module), and the library loads it (pg_load.c) only when a
 * locator names PostgreSQL. The program finds it through its RUNPATH:
 * beside itself in the build tree, in LIBDIR/sentrack when installed.
 *
 * Internal to the library and its module: the table below is checked
 * (size and version) before any of it is used, so a module from another
 * build is refused instead of called. */
#ifndef SENTRACK_PG_MODULE_H
#define SENTRACK_PG_MODULE_H

#include "sentrack/trust.h"

/* One connection to a trust database, as the module knows it. */
struct pg_trust;
struct store;

struct st_pg_module {
	size_t size;         /* sizeof (struct st_pg_module) in the module */
	const char *version; /* SENTRACK_VERSION the module was built from */
	const int *schema_version; /* the trust schema version it writes */
	int (*open)(struct pg_trust **out, const char *locator, st_error *err);
	void (*free)(struct pg_trust *t);
	int (*begin)(struct pg_trust *t, int read_only, st_error *err);
	int (*commit)(struct pg_trust *t, st_error *err);
	void (*rollback)(struct pg_trust *t);
	int (*db_schema_version)(struct pg_trust *t, int *out, st_error *err);
	int (*init)(struct pg_trust *t, int *from, st_error *err);
	int (*school_add)(struct pg_trust *t, const char *urn, const char *name, st_error *err);
	int (*grant)(struct pg_trust *t, const char *role, const char *urn, int read_only,
		     int *created, st_error *err);
	int (*revoke)(struct pg_trust *t, const char *role, const char *urn, int *revoked,
		      st_error *err);
	int (*list)(struct pg_trust *t, st_trust_grant_cb cb, void *payload, st_error *err);
	int (*migrate)(struct pg_trust *t, const char *file, const char *urn,
		       st_trust_migrate_cb cb, void *payload, st_error *err);
	/* the everyday commands' store (store_ops.h), on one school */
	int (*store_open)(struct store **out, const char *locator, unsigned flags, st_error *err);
};

/* The one symbol the module exports. */
#define ST_PG_MODULE_SYMBOL "st__pg_module"
extern const struct st_pg_module st__pg_module;

#endif
