/* trust.c - `trust` operations on the PostgreSQL backend: the schema and
 * roles (init), schools, grants and the list of both. The caller holds the
 * command's one transaction (st_trust_begin). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csvread.h"
#include "pg_store.h"

int st__pg_db_schema_version(struct pg_trust *t, int *out, st_error *err)
{
	ERR_ENSURE(err);
	*out = 0;
	PGresult *res = NULL;
	int rc = st__pg_exec(t, "SELECT pg_catalog.to_regclass('sentrack.schema_version') IS NOT NULL",
			     0, NULL, &res, "reading the schema version", err);
	if (rc != ST_OK)
		return rc;
	int exists = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	if (!exists)
		return ST_OK;
	rc = st__pg_exec(t, "SELECT coalesce(max(version), 0) FROM sentrack.schema_version", 0,
			 NULL, &res, "reading the schema version", err);
	if (rc != ST_OK)
		return rc;
	*out = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return ST_OK;
}

static int refuse_newer(int version, st_error *err)
{
	return st_error_set(err, ST_ESCHEMA, "database schema version %d is newer than this "
			    "sentrack understands (%d); upgrade sentrack, the database was not "
			    "changed", version, st__pg_schema_version);
}

/* The current schema, for every call but init (which brings it there). */
int st__pg_require_current(struct pg_trust *t, st_error *err)
{
	int version;
	int rc = st__pg_db_schema_version(t, &version, err);
	if (rc != ST_OK)
		return rc;
	if (version > st__pg_schema_version)
		return refuse_newer(version, err);
	if (version < st__pg_schema_version)
		return st_error_set(err, ST_ESCHEMA, "database schema version %d is older than %d; "
				    "the trust's admin runs `sentrack trust init` to upgrade it",
				    version, st__pg_schema_version);
	return ST_OK;
}

/* The group roles are the cluster's (roles are not per database); the
 * role running init joins sentrack_admin so that it may own the schema. */
static const char roles_sql[] =
	"DO $$\n"
	"BEGIN\n"
	"  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sentrack_admin') THEN\n"
	"    CREATE ROLE sentrack_admin NOLOGIN;\n"
	"  END IF;\n"
	"  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sentrack_senco') THEN\n"
	"    CREATE ROLE sentrack_senco NOLOGIN;\n"
	"  END IF;\n"
	"  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'sentrack_trust') THEN\n"
	"    CREATE ROLE sentrack_trust NOLOGIN;\n"
	"  END IF;\n"
	"  IF NOT pg_catalog.pg_has_role(current_user, 'sentrack_admin', 'MEMBER') THEN\n"
	"    EXECUTE pg_catalog.format('GRANT sentrack_admin TO %I', current_user);\n"
	"  END IF;\n"
	"END\n"
	"$$;\n"
	"CREATE SCHEMA IF NOT EXISTS sentrack AUTHORIZATION sentrack_admin;\n";

static int migrate(struct pg_trust *t, int from, st_error *err)
{
	int rc = st__pg_exec_script(t, roles_sql, "creating the roles and schema", err);
	if (rc == ST_OK) /* the objects are sentrack_admin's, whoever runs init */
		rc = st__pg_exec(t, "SET LOCAL ROLE sentrack_admin", 0, NULL, NULL,
				 "becoming sentrack_admin", err);
	for (int v = from; rc == ST_OK && v < st__pg_schema_version; v++) {
		char doing[64], version[16];
		snprintf(doing, sizeof doing, "migrating the schema to version %d", v + 1);
		snprintf(version, sizeof version, "%d", v + 1);
		const char *params[] = {version};
		rc = st__pg_exec_script(t, st__pg_migrations[v], doing, err);
		if (rc == ST_OK)
			rc = st__pg_exec(t, "INSERT INTO sentrack.schema_version (version) VALUES ($1)",
					 1, params, NULL, doing, err);
	}
	if (rc == ST_OK)
		rc = st__pg_exec(t, "RESET ROLE", 0, NULL, NULL, "resetting the role", err);
	return rc;
}

/* The national reference data (areas of need, census need types, year
 * groups) from the same files compiled in for the file backend (data/), so
 * that every code a school's file can hold, the trust holds: added, or its
 * label updated, by every init (new codes arrive by data, not code). */
struct ref_load {
	struct pg_trust *t;
	const char *file;
	int header_seen;
	st_error *err;
};

static int ref_row(int nf, char **f, long line, void *payload)
{
	struct ref_load *l = payload;
	if (!l->header_seen) {
		l->header_seen = 1;
		return ST_OK;
	}
	/* an empty cell (a need type of no one area: OTH, NSA) is NULL */
	const char *params[] = {f[0], nf > 1 ? f[1] : NULL, nf > 2 && *f[2] ? f[2] : NULL};
	if (strcmp(l->file, "areas.csv") == 0 && nf >= 2)
		return st__pg_exec(l->t, "INSERT INTO sentrack.area (code, label) VALUES ($1, $2) "
				   "ON CONFLICT (code) DO UPDATE SET label = EXCLUDED.label", 2, params,
				   NULL, "loading the areas of need", l->err);
	if (strcmp(l->file, "need_types.csv") == 0 && nf >= 3)
		return st__pg_exec(l->t, "INSERT INTO sentrack.need_type (code, label, area) "
				   "VALUES ($1, $2, $3) ON CONFLICT (code) DO UPDATE SET "
				   "label = EXCLUDED.label, area = EXCLUDED.area", 3, params, NULL,
				   "loading the need types", l->err);
	if (strcmp(l->file, "year_groups.csv") == 0 && nf >= 3)
		return st__pg_exec(l->t, "INSERT INTO sentrack.year_group (code, ord, label) "
				   "VALUES ($1, $2::integer, $3) ON CONFLICT (code) DO UPDATE SET "
				   "ord = EXCLUDED.ord, label = EXCLUDED.label", 3, params, NULL,
				   "loading the year groups", l->err);
	return st_error_set(l->err, ST_EINTERNAL, "data/%s:%ld: too few columns", l->file, line);
}

static int load_reference_data(struct pg_trust *t, st_error *err)
{
	static const char *const files[] = {"areas.csv", "need_types.csv", "year_groups.csv"};
	int rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < sizeof files / sizeof *files; i++) {
		size_t n;
		const char *bytes = st__embedded_get(files[i], &n);
		if (!bytes)
			return st_error_set(err, ST_EINTERNAL, "data/%s not built in", files[i]);
		struct ref_load l = {t, files[i], 0, err};
		rc = st__csv_each_row(files[i], bytes, n, ref_row, &l, err);
	}
	return rc;
}

int st__pg_init(struct pg_trust *t, int *from, st_error *err)
{
	ERR_ENSURE(err);
	*from = 0;
	/* two inits at once: the second waits, then finds the work done */
	int rc = st__pg_exec(t, "SELECT pg_catalog.pg_advisory_xact_lock(7386157)", 0, NULL, NULL,
			     "waiting for another trust init", err);
	if (rc == ST_OK)
		rc = st__pg_db_schema_version(t, from, err);
	if (rc != ST_OK)
		return rc;
	if (*from > st__pg_schema_version)
		return refuse_newer(*from, err);
	if (*from < st__pg_schema_version && (rc = migrate(t, *from, err)) != ST_OK)
		return rc;
	return load_reference_data(t, err);
}

int st__pg_school_add(struct pg_trust *t, const char *urn, const char *name, st_error *err)
{
	ERR_ENSURE(err);
	int rc;
	if ((rc = st_trust_check_urn("URN", urn, err)) != ST_OK ||
	    (rc = st_trust_check_school_name("NAME", name, err)) != ST_OK ||
	    (rc = st__pg_require_current(t, err)) != ST_OK)
		return rc;
	const char *params[] = {urn, name};
	rc = st__pg_exec(t, "INSERT INTO sentrack.school (urn, name) VALUES ($1, $2)", 2, params,
			 NULL, "adding the school", err);
	if (rc == ST_EEXISTS)
		return st_error_set(err, ST_EEXISTS, "URN %s: a school with this URN already exists",
				    urn);
	return rc;
}

/* What grant and revoke check before anything else. */
static int check_role_and_school(struct pg_trust *t, const char *role, const char *urn,
				 st_error *err)
{
	int rc;
	if ((rc = st_trust_check_role("ROLE", role, err)) != ST_OK ||
	    (urn && (rc = st_trust_check_urn("--school", urn, err)) != ST_OK))
		return rc;
	return st__pg_require_current(t, err);
}

int st__pg_grant(struct pg_trust *t, const char *role, const char *urn, int read_only, int *created,
		   st_error *err)
{
	ERR_ENSURE(err);
	*created = 0;
	int rc;
	if ((rc = check_role_and_school(t, role, urn, err)) != ST_OK)
		return rc;
	const char *params[] = {role, urn, read_only || !urn ? "true" : "false"};
	PGresult *res = NULL;
	rc = st__pg_exec(t, "SELECT sentrack.grant_school($1, $2, $3)", 3, params, &res,
			 "granting the role", err);
	if (rc != ST_OK)
		return rc;
	*created = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	return ST_OK;
}

/* Run the statement the server writes with format('... %I', role): the
 * role's name is quoted by PostgreSQL, never spliced in here (a REVOKE
 * takes no bound value). */
static int exec_formatted(struct pg_trust *t, const char *format_sql, const char *role,
			  const char *doing, st_error *err)
{
	const char *params[] = {role};
	PGresult *res = NULL;
	int rc = st__pg_exec(t, format_sql, 1, params, &res, doing, err);
	if (rc == ST_OK)
		rc = st__pg_exec_script(t, PQgetvalue(res, 0, 0), doing, err);
	PQclear(res);
	return rc;
}

static int revoke_school(struct pg_trust *t, const char *role, const char *urn, int *revoked,
			 st_error *err)
{
	const char *params[] = {urn};
	PGresult *res = NULL;
	int rc = st__pg_exec(t, "SELECT id FROM sentrack.school WHERE urn = $1", 1, params, &res,
			     "finding the school", err);
	if (rc != ST_OK)
		return rc;
	int found = PQntuples(res) == 1;
	PQclear(res);
	if (!found)
		return st_error_set(err, ST_ENOTFOUND, "--school %s: no such school", urn);
	const char *del[] = {role, urn};
	rc = st__pg_exec(t, "DELETE FROM sentrack.member WHERE role_name = $1 AND school_id = "
			 "(SELECT id FROM sentrack.school WHERE urn = $2)", 2, del, &res,
			 "revoking the school", err);
	if (rc != ST_OK)
		return rc;
	*revoked = atoi(PQcmdTuples(res)) > 0;
	PQclear(res);
	return ST_OK;
}

int st__pg_revoke(struct pg_trust *t, const char *role, const char *urn, int *revoked,
		  st_error *err)
{
	ERR_ENSURE(err);
	*revoked = 0;
	int rc;
	if ((rc = check_role_and_school(t, role, urn, err)) != ST_OK)
		return rc;
	const char *params[] = {role};
	PGresult *res = NULL;
	/* row-level security would quietly delete nothing for anyone else:
	 * say who may, rather than "nothing to revoke" */
	rc = st__pg_exec(t, "SELECT sentrack.is_admin()", 0, NULL, &res, "revoking", err);
	if (rc != ST_OK)
		return rc;
	int admin = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	if (!admin)
		return st_error_set(err, ST_EPERM, "trust revoke: permission denied: only the trust's "
				    "admin (a member of sentrack_admin) revokes");
	rc = st__pg_exec(t, "SELECT pg_catalog.pg_has_role($1, 'sentrack_trust', 'MEMBER') FROM "
			 "pg_catalog.pg_roles WHERE rolname = $1", 1, params, &res,
			 "finding the role", err);
	if (rc != ST_OK)
		return rc;
	int exists = PQntuples(res) == 1;
	int trust_reader = exists && strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	if (!exists)
		return st_error_set(err, ST_ENOTFOUND, "ROLE %s: no such role", role);
	if (!urn) {
		*revoked = trust_reader;
		return trust_reader ? exec_formatted(t, "SELECT format('REVOKE sentrack_trust FROM "
						     "%I', $1::text)", role, "revoking", err)
				    : ST_OK;
	}
	if ((rc = revoke_school(t, role, urn, revoked, err)) != ST_OK)
		return rc;
	/* no school left: out of the SENCOs' group, so no table's grant applies */
	rc = st__pg_exec(t, "SELECT 1 FROM sentrack.member WHERE role_name = $1", 1, params, &res,
			 "revoking the school", err);
	if (rc != ST_OK)
		return rc;
	int schools_left = PQntuples(res);
	PQclear(res);
	return schools_left ? ST_OK
			    : exec_formatted(t, "SELECT format('REVOKE sentrack_senco FROM %I', "
					     "$1::text)", role, "revoking", err);
}

static int list_rows(PGresult *res, st_trust_grant_cb cb, void *payload, st_error *err)
{
	for (int i = 0; i < PQntuples(res); i++) {
		st_trust_grant_row row = {
			.urn = PQgetisnull(res, i, 0) ? NULL : PQgetvalue(res, i, 0),
			.name = PQgetisnull(res, i, 1) ? NULL : PQgetvalue(res, i, 1),
			.role = PQgetisnull(res, i, 2) ? NULL : PQgetvalue(res, i, 2),
			.read_only = strcmp(PQgetvalue(res, i, 3), "t") == 0,
		};
		int rc = cb(&row, payload);
		if (rc != ST_OK)
			return st_error_set(err, rc, "listing the schools: stopped by the caller");
	}
	return ST_OK;
}

/* What the connected role may see: an admin or trust reader every school,
 * a SENCO its own (row-level security decides, not this query). */
int st__pg_list(struct pg_trust *t, st_trust_grant_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__pg_require_current(t, err);
	if (rc != ST_OK)
		return rc;
	PGresult *res = NULL;
	rc = st__pg_exec(t,
			 "SELECT s.urn, s.name, m.role_name, coalesce(m.read_only, false)\n"
			 "  FROM sentrack.school s\n"
			 "  LEFT JOIN sentrack.member m ON m.school_id = s.id\n"
			 "UNION ALL\n"
			 "SELECT NULL, NULL, r.rolname::text, true\n"
			 "  FROM pg_catalog.pg_auth_members a\n"
			 "  JOIN pg_catalog.pg_roles g ON g.oid = a.roleid\n"
			 "  JOIN pg_catalog.pg_roles r ON r.oid = a.member\n"
			 " WHERE g.rolname = 'sentrack_trust'\n"
			 "   AND (sentrack.is_admin()\n"
			 "        OR pg_catalog.pg_has_role(current_user, 'sentrack_trust', 'MEMBER'))\n"
			 "ORDER BY 1 NULLS LAST, 3 NULLS FIRST",
			 0, NULL, &res, "listing the schools", err);
	if (rc != ST_OK)
		return rc;
	rc = list_rows(res, cb, payload, err);
	PQclear(res);
	return rc;
}
