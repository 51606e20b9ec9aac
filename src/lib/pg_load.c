/* pg_load.c - the public trust calls (include/sentrack/trust.h), served by
 * the PostgreSQL module loaded when a trust database is opened
 * (src/lib/pg_module.h says why it is a module).
 *
 * Each st_trust holds its own handle on the module: nothing global, and a
 * program that never names PostgreSQL never loads libpq. The module is
 * loaded RTLD_NODELETE: libpq's libraries keep memory of their own (GnuTLS,
 * Kerberos) that unloading them would leave unreachable. */
#define _GNU_SOURCE /* dlmopen */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "pg_module.h"
#include "store_ops.h"

struct st_trust {
	void *lib;
	const struct st_pg_module *m;
	struct pg_trust *conn;
};

#ifdef SENTRACK_PG_MODULE

/* Load the module and check that it is this build's. */
static int module_load(void **lib, const struct st_pg_module **m, st_error *err)
{
	*m = NULL;
	/* dlmopen into the program's own namespace is dlopen, but not
	 * intercepted by AddressSanitizer, whose dlopen would search its own
	 * RUNPATH instead of the program's */
	*lib = dlmopen(LM_ID_BASE, SENTRACK_PG_MODULE, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
	if (!*lib)
		return st_error_set(err, ST_ENODB, "the PostgreSQL backend (%s) cannot be loaded: %s",
				    SENTRACK_PG_MODULE, dlerror());
	const struct st_pg_module *found = dlsym(*lib, ST_PG_MODULE_SYMBOL);
	if (!found || found->size != sizeof *found || strcmp(found->version, SENTRACK_VERSION) != 0) {
		dlclose(*lib);
		*lib = NULL;
		return st_error_set(err, ST_EINTERNAL, "%s is not the PostgreSQL backend of "
				    "sentrack %s: reinstall sentrack", SENTRACK_PG_MODULE,
				    SENTRACK_VERSION);
	}
	*m = found;
	return ST_OK;
}

int st_trust_schema_version(void)
{
	void *lib;
	const struct st_pg_module *m;
	st_error quiet = {0};
	if (module_load(&lib, &m, &quiet) != ST_OK)
		return 0;
	int version = *m->schema_version;
	dlclose(lib);
	return version;
}

int st_trust_available(void)
{
	return st_trust_schema_version() > 0; /* a module writes version 1 or later */
}

#else /* built with SENTRACK_POSTGRES=OFF */

static int module_load(void **lib, const struct st_pg_module **m, st_error *err)
{
	*lib = NULL;
	*m = NULL;
	return st_error_set(err, ST_ENODB, "this sentrack was built without PostgreSQL support "
			    "(SENTRACK_POSTGRES=OFF): the `trust` commands are not available");
}

int st_trust_available(void)
{
	return 0;
}

int st_trust_schema_version(void)
{
	return 0;
}

#endif

int st_trust_open(st_trust **out, const char *locator, st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	int rc = st__trust_check_locator(locator, err); /* a file path is the wrong thing */
	if (rc != ST_OK)
		return rc;
	st_trust *t = calloc(1, sizeof *t);
	if (!t)
		return st__err_nomem(err);
	if ((rc = module_load(&t->lib, &t->m, err)) != ST_OK ||
	    (rc = t->m->open(&t->conn, locator, err)) != ST_OK) {
		st_trust_free(t);
		return rc;
	}
	*out = t;
	return ST_OK;
}

/* The everyday commands' store on a trust database (store.c): the module
 * stays loaded while the store lives (struct store's module). */
int st__pg_store_open(struct store **out, const char *locator, unsigned flags, st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	void *lib;
	const struct st_pg_module *m;
	int rc = module_load(&lib, &m, err);
	if (rc == ST_OK && (rc = m->store_open(out, locator, flags, err)) != ST_OK)
		dlclose(lib);
	if (rc == ST_OK)
		(*out)->module = lib;
	return rc;
}

void st__pg_module_release(void *module)
{
	if (module)
		dlclose(module);
}

void st_trust_free(st_trust *t)
{
	if (!t)
		return;
	if (t->conn)
		t->m->free(t->conn);
	if (t->lib)
		dlclose(t->lib);
	free(t);
}

int st_trust_begin(st_trust *t, int read_only, st_error *err)
{
	return t->m->begin(t->conn, read_only, err);
}

int st_trust_commit(st_trust *t, st_error *err)
{
	return t->m->commit(t->conn, err);
}

void st_trust_rollback(st_trust *t)
{
	if (t)
		t->m->rollback(t->conn);
}

int st_trust_db_schema_version(st_trust *t, int *out, st_error *err)
{
	return t->m->db_schema_version(t->conn, out, err);
}

int st_trust_init(st_trust *t, int *from, st_error *err)
{
	return t->m->init(t->conn, from, err);
}

int st_trust_school_add(st_trust *t, const char *urn, const char *name, st_error *err)
{
	return t->m->school_add(t->conn, urn, name, err);
}

int st_trust_grant(st_trust *t, const char *role, const char *urn, int read_only, int *created,
		   st_error *err)
{
	return t->m->grant(t->conn, role, urn, read_only, created, err);
}

int st_trust_revoke(st_trust *t, const char *role, const char *urn, int *revoked, st_error *err)
{
	return t->m->revoke(t->conn, role, urn, revoked, err);
}

int st_trust_list(st_trust *t, st_trust_grant_cb cb, void *payload, st_error *err)
{
	return t->m->list(t->conn, cb, payload, err);
}

int st_trust_migrate(st_trust *t, const char *file, const char *urn, st_trust_migrate_cb cb,
		     void *payload, st_error *err)
{
	return t->m->migrate(t->conn, file, urn, cb, payload, err);
}
