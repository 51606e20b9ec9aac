/* trust_check.c - the rules for a trust's fields (URN, school name, role
 * name), written once here for both the library and the CLI's early checks. */
#include <string.h>
#include "internal.h"

int st_trust_check_urn(const char *field, const char *urn, st_error *err)
{
	ERR_ENSURE(err);
	size_t n = urn ? strlen(urn) : 0;
	if (n != 6 || strspn(urn, "0123456789") != 6 || urn[0] == '0')
		return st_error_set(err, ST_EINVAL, "%s %s: a URN is six digits (100000 to 999999)",
				    field, urn ? urn : "");
	return ST_OK;
}

#define SCHOOL_NAME_MAX 100

int st_trust_check_school_name(const char *field, const char *name, st_error *err)
{
	ERR_ENSURE(err);
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)(name ? name : ""); *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return st_error_set(err, ST_EINVAL, "%s: a school name has no control "
					    "characters", field);
		chars += (*p & 0xc0) != 0x80; /* UTF-8: count lead bytes */
	}
	if (chars == 0 || chars > SCHOOL_NAME_MAX)
		return st_error_set(err, ST_EINVAL, "%s: a school name is 1 to %d characters",
				    field, SCHOOL_NAME_MAX);
	return ST_OK;
}

/* Lower-case letters, digits and '_', so the name needs no quoting in
 * psql or a pg_hba.conf line; pg_ and sentrack_ are reserved (PostgreSQL's
 * own roles, and the group roles `trust init` creates). */
int st_trust_check_role(const char *field, const char *role, st_error *err)
{
	ERR_ENSURE(err);
	size_t n = role ? strlen(role) : 0;
	const char *rule = NULL;
	if (n == 0 || n > 63)
		rule = "a role name is 1 to 63 characters";
	else if (role[0] < 'a' || role[0] > 'z' ||
		 strspn(role, "abcdefghijklmnopqrstuvwxyz0123456789_") != n)
		rule = "a role name is a lower-case letter, then lower-case letters, digits and _";
	else if (strncmp(role, "pg_", 3) == 0 || strncmp(role, "sentrack_", 9) == 0)
		rule = "names starting pg_ or sentrack_ are reserved";
	if (rule)
		return st_error_set(err, ST_EINVAL, "%s %s: %s", field, role ? role : "", rule);
	return ST_OK;
}

int st__trust_check_locator(const char *locator, st_error *err)
{
	st_backend backend;
	int rc = st_db_locator_backend(locator, &backend, err);
	if (rc == ST_OK && backend != ST_BACKEND_POSTGRESQL)
		rc = st_error_set(err, ST_ENODB, "database locator names a database file: the "
				  "`trust` commands need a PostgreSQL database (--db "
				  "postgresql://... or --db service=NAME; see docs/trust.md)");
	return rc;
}
