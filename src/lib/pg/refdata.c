/* refdata.c - the PostgreSQL store's reference data (national, shared:
 * loaded by the admin's `trust init`, read by everyone), and each
 * school's meta and config values. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pgst.h"

int pgst_meta_get(struct store *s, const char *key, char *buf, size_t size, int *found,
		  st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	pgst_text(&p, key);
	return pgst_value(s, "SELECT value FROM meta WHERE school_id = $1 AND "
					     "key = $2", &p, buf, size, found, "reading metadata",
					     err);
}

int pgst_meta_set(struct store *s, const char *key, const char *value, st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	pgst_text(&p, key);
	pgst_text(&p, value);
	return pgst_query(s, "INSERT INTO meta (school_id, key, value) VALUES "
					     "($1, $2, $3) ON CONFLICT (school_id, key) DO UPDATE "
					     "SET value = excluded.value", &p, NULL,
					     "writing metadata", err);
}

int pgst_config_get(struct store *s, const char *key, char *buf, size_t size, int *found,
		    st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	pgst_text(&p, key);
	return pgst_value(s, "SELECT value FROM config WHERE school_id = $1 "
					     "AND key = $2", &p, buf, size, found,
					     "reading configuration", err);
}

int pgst_config_set(struct store *s, const char *key, const char *value, st_error *err)
{
	struct pgst_params p = {0};
	pgst_school(s, &p);
	pgst_text(&p, key);
	pgst_text(&p, value);
	return pgst_query(s, "INSERT INTO config (school_id, key, value) "
					     "VALUES ($1, $2, $3) ON CONFLICT (school_id, key) DO "
					     "UPDATE SET value = excluded.value", &p, NULL,
					     "writing configuration", err);
}

int pgst_config_unset(struct store *s, const char *key, int *deleted, st_error *err)
{
	struct pgst_params p = {0};
	*deleted = 0;
	pgst_school(s, &p);
	pgst_text(&p, key);
	PGresult *res;
	int rc;
	if ((rc = pgst_query(s, "DELETE FROM config WHERE school_id = $1 AND "
					    "key = $2", &p, &res, "writing configuration",
					    err)) != ST_OK)
		return rc;
	*deleted = atoi(PQcmdTuples(res));
	PQclear(res);
	return ST_OK;
}

/* The national codes are the admin's to write (`trust init` loads them):
 * a SENCO's command never needs to, so these are refused. */
static int refdata_is_init(st_error *err)
{
	return st_error_set(err, ST_EPERM, "reference data of a trust database is loaded by its "
			    "admin's `sentrack trust init`");
}

int pgst_area_upsert(struct store *s, const char *code, const char *label, st_error *err)
{
	(void)s, (void)code, (void)label;
	return refdata_is_init(err);
}

int pgst_need_type_upsert(struct store *s, const char *code, const char *label,
			  const char *area, st_error *err)
{
	(void)s, (void)code, (void)label, (void)area;
	return refdata_is_init(err);
}

int pgst_year_upsert(struct store *s, const char *code, int ord, const char *label,
		     st_error *err)
{
	(void)s, (void)code, (void)ord, (void)label;
	return refdata_is_init(err);
}

static int exists(struct store *s, const char *sql, const char *code, int *out, st_error *err)
{
	struct pgst_params p = {0};
	pgst_text(&p, code);
	char buf[8];
	return pgst_value(s, sql, &p, buf, sizeof buf, out, "reading reference data", err);
}

int pgst_year_exists(struct store *s, const char *code, int *out, st_error *err)
{
	return exists(s, "SELECT 1 FROM year_group WHERE code = $1", code, out, err);
}

int pgst_area_exists(struct store *s, const char *code, int *out, st_error *err)
{
	return exists(s, "SELECT 1 FROM area WHERE code = $1", code, out, err);
}

int pgst_year_codes(struct store *s, char *buf, size_t size, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, "SELECT string_agg(code, ', ' ORDER BY ord) FROM year_group", NULL,
			    &res, "reading year groups", err);
	if (rc != ST_OK)
		return rc;
	const char *v = pgst_col_text(res, 0, 0);
	snprintf(buf, size, "%s", v ? v : "");
	PQclear(res);
	return ST_OK;
}

#define NEED_TYPE_SELECT \
	"SELECT n.code, n.label, n.area, a.label FROM need_type n " \
	"LEFT JOIN area a ON a.code = n.area "

static int need_type_rows(PGresult *res, st_need_type_cb cb, void *payload, st_error *err)
{
	int rc = ST_OK;
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_need_type t = {pgst_col_text(res, i, 0), pgst_col_text(res, i, 1),
				  pgst_col_text(res, i, 2), pgst_col_text(res, i, 3)};
		int stop = cb(&t, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading need types", err);
	}
	PQclear(res);
	return rc;
}

int pgst_need_type_find(struct store *s, const char *code, st_need_type_cb cb, void *payload,
			st_error *err)
{
	struct pgst_params p = {0};
	pgst_text(&p, code);
	PGresult *res;
	int rc = pgst_query(s, NEED_TYPE_SELECT "WHERE n.code = $1", &p, &res,
			    "reading need types", err);
	if (rc != ST_OK)
		return rc;
	int n = PQntuples(res);
	rc = need_type_rows(res, cb, payload, err);
	return rc == ST_OK && n == 0 ? ST_ENOTFOUND : rc;
}

int pgst_need_types(struct store *s, st_need_type_cb cb, void *payload, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, NEED_TYPE_SELECT "ORDER BY n.code COLLATE \"C\"", NULL, &res,
			    "reading need types", err);
	return rc == ST_OK ? need_type_rows(res, cb, payload, err) : rc;
}
