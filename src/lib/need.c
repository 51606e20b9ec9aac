/* need.c - pupils' needs (census need types at rank 1 and 2). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "store.h"

struct codes {
	char list[256];
};

static int append_code(const st_need_type *t, void *payload)
{
	struct codes *c = payload;
	size_t used = strlen(c->list);
	snprintf(c->list + used, sizeof c->list - used, "%s%s", used ? " " : "", t->code);
	return ST_OK;
}

static int found(const st_need_type *t, void *payload)
{
	(void)t;
	(void)payload;
	return ST_OK;
}

int st_need_lookup(st_db *db, const char *field, const char *text, char *out,
		   unsigned out_size, st_error *err)
{
	ERR_ENSURE(err);
	char code[16];
	size_t n = text ? strlen(text) : 0;
	int shape_ok = n > 0 && n < sizeof code;
	for (size_t i = 0; shape_ok && i < n; i++) {
		if (!isalpha((unsigned char)text[i]))
			shape_ok = 0;
		code[i] = (char)toupper((unsigned char)text[i]);
	}
	int rc = ST_ENOTFOUND;
	if (shape_ok) {
		code[n] = '\0';
		rc = st__store_need_type_find(db->store, code, found, NULL, err);
		if (rc != ST_OK && rc != ST_ENOTFOUND)
			return rc;
	}
	if (rc == ST_OK) {
		snprintf(out, out_size, "%s", code);
		return ST_OK;
	}
	struct codes c = {""};
	if ((rc = st__store_need_types(db->store, append_code, &c, err)) != ST_OK)
		return rc;
	return st_error_set(err, ST_EINVAL, "%s %s: not a census need type (one of %s)", field,
			    text ? text : "", c.list);
}

struct existing {
	char code[2][16]; /* by rank - 1 */
};

static int note_existing(const st_pupil_need *n, void *payload)
{
	struct existing *e = payload;
	if (n->rank == 1 || n->rank == 2)
		snprintf(e->code[n->rank - 1], sizeof e->code[0], "%s", n->type.code);
	return ST_OK;
}

static int check_pupil_on_roll(st_db *db, int64_t pupil_id, char *status, st_error *err)
{
	st_pupil *p = NULL;
	int rc = st__pupil_get_on_roll(db, pupil_id, &p, err);
	if (rc == ST_OK && status)
		*status = p->status;
	st_pupil_free(p);
	return rc;
}

/* The DfE school census SEN need type rules, said in full when refusing:
 * a need type only for a pupil at K or E; NSA only as the primary need
 * of a pupil at K and never with a secondary need. */
#define CENSUS_RULES "(DfE school census: a need is recorded only for a pupil at K or E; NSA " \
	"only as the primary need of a pupil at K, with no secondary need)"

/* who: how the refusal names the pupil, "pupil 12" for a known pupil; a
 * pupil the import is adding is "the new pupil" (a refusal rolls the import
 * back, so its id would name a pupil that never exists; the import's
 * problem names the file's line and column). */
static int check_census(const char *who, char status, const char *code, int rank,
			const struct existing *e, st_error *err)
{
	if (status != 'K' && status != 'E')
		return st_error_set(err, ST_ERULE, "%s: is not on the SEN register; "
				    CENSUS_RULES, who);
	if (strcmp(code, "NSA") == 0 && rank != 1)
		return st_error_set(err, ST_ERULE, "TYPE NSA: cannot be a secondary need "
				    CENSUS_RULES);
	if (strcmp(code, "NSA") == 0 && status == 'E')
		return st_error_set(err, ST_ERULE, "TYPE NSA: %s has an EHC plan (E), whose "
				    "needs have been assessed " CENSUS_RULES, who);
	if (strcmp(code, "NSA") == 0 && e->code[1][0])
		return st_error_set(err, ST_ERULE, "TYPE NSA: %s has a secondary need (%s) "
				    CENSUS_RULES, who, e->code[1]);
	if (rank == 2 && strcmp(e->code[0], "NSA") == 0)
		return st_error_set(err, ST_ERULE, "--rank 2: %s's primary need is NSA, "
				    "which takes no secondary need " CENSUS_RULES, who);
	return ST_OK;
}

int st__need_end_all(st_db *db, int64_t pupil_id, st_date date, st_error *err)
{
	int n = 0;
	int rc = st__store_need_end(db->store, pupil_id, NULL, date, "register-n", &n, err);
	if (rc == ST_OK && n > 0)
		rc = st_audit_record(db, "delete", "pupil_need", 0, pupil_id, date,
				     "ended on the move to N", err);
	return rc;
}

int st_need_add(st_db *db, int64_t pupil_id, const char *type, int rank, st_error *err)
{
	return st__need_add_dated(db, pupil_id, type, rank, db->today, err);
}

int st__need_add_dated(st_db *db, int64_t pupil_id, const char *type, int rank, st_date since,
		   st_error *err)
{
	ERR_ENSURE(err);
	if (rank != 1 && rank != 2)
		return st_error_set(err, ST_EINVAL, "--rank %d: must be 1 (primary) or 2 (secondary)",
				    rank);
	char code[16];
	int rc = st_need_lookup(db, "TYPE", type, code, sizeof code, err);
	if (rc != ST_OK)
		return rc;
	if ((rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct existing e = {{"", ""}};
	char status = 0;
	if ((rc = check_pupil_on_roll(db, pupil_id, &status, err)) == ST_OK)
		rc = st__store_need_list(db->store, pupil_id, note_existing, &e, err);
	if (rc == ST_OK && (strcmp(e.code[0], code) == 0 || strcmp(e.code[1], code) == 0))
		rc = st_error_set(err, ST_EEXISTS, "TYPE %s: already recorded for pupil %lld as the %s "
				  "need", code, (long long)pupil_id,
				  strcmp(e.code[0], code) == 0 ? "primary" : "secondary");
	if (rc == ST_OK && e.code[rank - 1][0])
		rc = st_error_set(err, ST_ERULE, "--rank %d: pupil %lld already has %s as the %s "
				  "need; remove it first (`sentrack need remove`)", rank,
				  (long long)pupil_id, e.code[rank - 1],
				  rank == 1 ? "primary" : "secondary");
	char who[32];
	snprintf(who, sizeof who, "pupil %lld", (long long)pupil_id);
	if (rc == ST_OK)
		rc = check_census(who, status, code, rank, &e, err);
	if (rc == ST_OK)
		rc = st__store_need_upsert(db->store, pupil_id, code, rank, since, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "pupil_need", 0, pupil_id, since, code, err);
	return st__write_end(db, rc, err);
}

int st__need_add_new(st_db *db, int64_t pupil_id, char status, const char *code, int rank,
		     const char *primary, st_date since, st_error *err)
{
	struct existing e = {{"", ""}};
	if (rank == 2 && primary)
		snprintf(e.code[0], sizeof e.code[0], "%s", primary);
	int rc = check_census(ST__NEW_PUPIL, status, code, rank, &e, err);
	if (rc == ST_OK)
		rc = st__store_need_upsert(db->store, pupil_id, code, rank, since, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "pupil_need", 0, pupil_id, since, code, err);
	return rc;
}

int st_need_remove(st_db *db, int64_t pupil_id, const char *type, st_error *err)
{
	ERR_ENSURE(err);
	char code[16];
	int rc = st_need_lookup(db, "TYPE", type, code, sizeof code, err);
	if (rc != ST_OK)
		return rc;
	if ((rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	int deleted = 0;
	if ((rc = check_pupil_on_roll(db, pupil_id, NULL, err)) == ST_OK)
		rc = st__store_need_end(db->store, pupil_id, code, db->today, "removed", &deleted, err);
	if (rc == ST_OK && !deleted)
		rc = st_error_set(err, ST_ENOTFOUND, "TYPE %s: not recorded for pupil %lld", code,
				  (long long)pupil_id);
	if (rc == ST_OK)
		rc = st_audit_record(db, "delete", "pupil_need", 0, pupil_id, db->today, code, err);
	return st__write_end(db, rc, err);
}

int st_need_list(st_db *db, int64_t pupil_id, st_need_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_need_list(db->store, pupil_id, cb, payload, err);
}

int st_need_history(st_db *db, int64_t pupil_id, st_need_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_need_history(db->store, pupil_id, cb, payload, err);
}

int st_need_types(st_db *db, st_need_type_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_need_types(db->store, cb, payload, err);
}
