/* trust.c - the trust calls when sentrack is built without PostgreSQL
 * (SENTRACK_POSTGRES=OFF): each says so, and nothing else changes. */
#include <stdlib.h>
#include "internal.h"

static int not_built(st_error *err)
{
	return st_error_set(err, ST_ENODB, "this sentrack was built without PostgreSQL support "
			    "(SENTRACK_POSTGRES=OFF): the `trust` commands are not available");
}

int st_trust_available(void)
{
	return 0;
}

int st_trust_open(st_trust **out, const char *locator, st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	int rc = st__trust_check_locator(locator, err); /* a file path is still the wrong thing */
	return rc != ST_OK ? rc : not_built(err);
}

void st_trust_free(st_trust *t)
{
	(void)t;
}

int st_trust_begin(st_trust *t, int read_only, st_error *err)
{
	(void)t, (void)read_only;
	return not_built(err);
}

int st_trust_commit(st_trust *t, st_error *err)
{
	(void)t;
	return not_built(err);
}

void st_trust_rollback(st_trust *t)
{
	(void)t;
}

int st_trust_schema_version(void)
{
	return 0;
}

int st_trust_db_schema_version(st_trust *t, int *out, st_error *err)
{
	(void)t;
	*out = 0;
	return not_built(err);
}

int st_trust_init(st_trust *t, int *from, st_error *err)
{
	(void)t;
	*from = 0;
	return not_built(err);
}

int st_trust_school_add(st_trust *t, const char *urn, const char *name, st_error *err)
{
	(void)t, (void)urn, (void)name;
	return not_built(err);
}

int st_trust_grant(st_trust *t, const char *role, const char *urn, int read_only, int *created,
		   st_error *err)
{
	(void)t, (void)role, (void)urn, (void)read_only;
	*created = 0;
	return not_built(err);
}

int st_trust_list(st_trust *t, st_trust_grant_cb cb, void *payload, st_error *err)
{
	(void)t, (void)cb, (void)payload;
	return not_built(err);
}

int st_trust_migrate(st_trust *t, const char *file, const char *urn, st_trust_migrate_cb cb,
		     void *payload, st_error *err)
{
	(void)t, (void)file, (void)urn, (void)cb, (void)payload;
	return not_built(err);
}
