/* refdata.c - reference data (areas of need, census need types, year
 * groups) from the CSV files in data, loaded into the database.
 *
 * The files are compiled in; their hash is kept in the meta table, so a
 * binary shipping a new need type adds it to existing databases on the next
 * write open, without a schema change: new types arrive by data, not code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "csvread.h"
#include "store.h"

static const char *const refdata_files[] = {"areas.csv", "need_types.csv", "year_groups.csv"};

static unsigned long long fnv1a(unsigned long long h, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

struct load {
	st_db *db;
	const char *file;
	int header_seen;
	st_error *err;
};

static int load_row(int nf, char **f, long line, void *payload)
{
	struct load *l = payload;
	if (!l->header_seen) {
		l->header_seen = 1;
		return ST_OK;
	}
	struct store *s = l->db->store;
	if (strcmp(l->file, "areas.csv") == 0 && nf >= 2)
		return st__store_area_upsert(s, f[0], f[1], l->err);
	if (strcmp(l->file, "need_types.csv") == 0 && nf >= 3)
		return st__store_need_type_upsert(s, f[0], f[1], f[2], l->err);
	if (strcmp(l->file, "year_groups.csv") == 0 && nf >= 3)
		return st__store_year_upsert(s, f[0], atoi(f[1]), f[2], l->err);
	return st_error_set(l->err, ST_EINTERNAL, "data/%s:%ld: too few columns", l->file, line);
}

int st__refdata_sync(st_db *db, st_error *err)
{
	unsigned long long h = 14695981039346656037ULL;
	for (size_t i = 0; i < sizeof refdata_files / sizeof *refdata_files; i++) {
		size_t n;
		const char *bytes = st__embedded_get(refdata_files[i], &n);
		if (!bytes)
			return st_error_set(err, ST_EINTERNAL, "data/%s not built in", refdata_files[i]);
		h = fnv1a(h, bytes, n);
	}
	char want[32], have[32] = "";
	snprintf(want, sizeof want, "%016llx", h);
	int found = 0;
	int rc = st__store_meta_get(db->store, "refdata_hash", have, sizeof have, &found, err);
	if (rc != ST_OK || (found && strcmp(have, want) == 0))
		return rc;
	rc = st__store_begin(db->store, err);
	for (size_t i = 0; rc == ST_OK && i < sizeof refdata_files / sizeof *refdata_files; i++) {
		size_t n;
		const char *bytes = st__embedded_get(refdata_files[i], &n);
		struct load l = {db, refdata_files[i], 0, err};
		rc = st__csv_each_row(refdata_files[i], bytes, n, load_row, &l, err);
	}
	if (rc == ST_OK)
		rc = st__store_meta_set(db->store, "refdata_hash", want, err);
	return rc == ST_OK ? st__store_commit(db->store, err) : (st__store_rollback(db->store), rc);
}
