/* outcome.c - SMART outcomes: added while assessing or planning, rated
 * before the review, carried forward when not achieved. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "fold.h"
#include "store.h"

struct cycle_of {
	int64_t id;
	int seq;
	char phase[8];
};

static int copy_cycle_of(const st_cycle *c, void *payload)
{
	struct cycle_of *o = payload;
	o->id = c->id;
	o->seq = c->seq;
	snprintf(o->phase, sizeof o->phase, "%s", c->phase);
	return ST_OK;
}

/* Normalise an area of need code (case-insensitive) into out. */
static int check_area(st_db *db, const char *text, char *out, size_t size, st_error *err)
{
	size_t n = strlen(text);
	if (n == 0 || n >= size)
		return st_error_set(err, ST_EINVAL, "--area %.20s: not an area of need (CI, CL, SEMH "
				    "or SP)", text);
	for (size_t i = 0; i <= n; i++)
		out[i] = (char)toupper((unsigned char)text[i]);
	int exists = 0;
	int rc = st__store_area_exists(db->store, out, &exists, err);
	if (rc == ST_OK && !exists)
		rc = st_error_set(err, ST_EINVAL, "--area %.20s: not an area of need (CI "
				  "communication and interaction, CL cognition and learning, SEMH "
				  "social, emotional and mental health, SP sensory and/or physical)",
				  text);
	return rc;
}

int st_outcome_add(st_db *db, int64_t pupil_id, const char *text, const char *area,
		   const char *measure, st_date target_date, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	char area_code[16];
	int rc = st__text_check("TEXT", text, TEXT_SHORT_MAX * 5, TEXT_REQUIRED, err);
	if (rc == ST_OK)
		rc = st__text_check("--measure", measure, TEXT_SHORT_MAX, 0, err);
	if (rc == ST_OK && area && *area)
		rc = check_area(db, area, area_code, sizeof area_code, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct cycle_of c;
	int64_t id = 0;
	char d1[ST_DATE_BUFSZ];
	rc = st__store_cycle_open_of(db->store, pupil_id, db->today, copy_cycle_of, &c, err);
	if (rc == ST_ENOTFOUND)
		rc = st_error_set(err, ST_ERULE, "pupil %lld: has no open cycle to add outcomes to",
				  (long long)pupil_id);
	if (rc == ST_OK && strcmp(c.phase, "assess") != 0 && strcmp(c.phase, "plan") != 0)
		rc = st_error_set(err, ST_ERULE, "cycle %d is in the %s phase; outcomes are agreed "
				  "in the assess or plan phase", c.seq, c.phase);
	if (rc == ST_OK && target_date != ST_DATE_NONE && target_date < db->today)
		rc = st_error_set(err, ST_ERULE, "--by %s: is in the past",
				  st_date_format(target_date, d1));
	if (rc == ST_OK)
		rc = st__check_planned(db, "--by", target_date, err);
	if (rc == ST_OK)
		rc = st__store_outcome_insert(db->store, c.id, text, area && *area ? area_code : NULL,
					  measure && *measure ? measure : NULL, target_date,
					  db->today, &id, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "outcome", id, pupil_id, db->today, NULL, err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

struct outcome_ctx {
	int64_t cycle_id;
	int64_t pupil_id;
};

static int copy_outcome_ctx(const st_outcome *o, void *payload)
{
	struct outcome_ctx *c = payload;
	c->cycle_id = o->cycle_id;
	c->pupil_id = o->pupil_id;
	return ST_OK;
}

int st_outcome_rate(st_db *db, int64_t outcome_id, const char *rating, const char *note,
		    st_error *err)
{
	ERR_ENSURE(err);
	static const char *const ratings[] = {"achieved", "partially", "not-achieved", NULL};
	const char *typed = rating;
	if (!(rating = st__fold_enum(typed, ratings)))
		return st_error_set(err, ST_EINVAL, "RATING %.30s: must be achieved, partially or "
				    "not-achieved", typed ? typed : "");
	int rc = st__text_check("--note", note, TEXT_LONG_MAX, TEXT_MULTILINE, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct outcome_ctx o = {0};
	struct cycle_of c = {0};
	rc = st__store_outcome_get(db->store, outcome_id, copy_outcome_ctx, &o, err);
	if (rc == ST_ENOTFOUND)
		rc = st_error_set(err, ST_ENOTFOUND, "OUTCOME_ID %lld: no such outcome",
				  (long long)outcome_id);
	if (rc == ST_OK) {
		rc = st__store_cycle_open_of(db->store, o.pupil_id, db->today, copy_cycle_of, &c, err);
		if (rc == ST_ENOTFOUND || (rc == ST_OK && c.id != o.cycle_id))
			rc = st_error_set(err, ST_ERULE, "OUTCOME_ID %lld: belongs to a closed cycle, "
					  "which is read-only", (long long)outcome_id);
	}
	if (rc == ST_OK && strcmp(c.phase, "do") != 0 && strcmp(c.phase, "review") != 0)
		rc = st_error_set(err, ST_ERULE, "cycle %d is in the %s phase; outcomes are rated "
				  "once the do phase has started", c.seq, c.phase);
	if (rc == ST_OK)
		rc = st__store_outcome_rate(db->store, outcome_id, rating, note && *note ? note : NULL,
					db->today, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "outcome", outcome_id, o.pupil_id, db->today,
				     rating, err);
	return st__write_end(db, rc, err);
}

/* The open cycle an outcome belongs to, in the assess or plan phase. */
static int editable(st_db *db, int64_t outcome_id, struct outcome_ctx *o,
		    struct cycle_of *c, st_error *err)
{
	int rc = st__store_outcome_get(db->store, outcome_id, copy_outcome_ctx, o, err);
	if (rc == ST_ENOTFOUND)
		return st_error_set(err, ST_ENOTFOUND, "OUTCOME_ID %lld: no such outcome",
				    (long long)outcome_id);
	if (rc == ST_OK) {
		rc = st__store_cycle_open_of(db->store, o->pupil_id, db->today, copy_cycle_of, c, err);
		if (rc == ST_ENOTFOUND || (rc == ST_OK && c->id != o->cycle_id))
			rc = st_error_set(err, ST_ERULE, "OUTCOME_ID %lld: belongs to a closed cycle, "
					  "which is read-only", (long long)outcome_id);
	}
	if (rc == ST_OK && strcmp(c->phase, "assess") != 0 && strcmp(c->phase, "plan") != 0)
		rc = st_error_set(err, ST_ERULE, "cycle %d is in the %s phase; outcomes are edited "
				  "in the assess or plan phase", c->seq, c->phase);
	return rc;
}

int st_outcome_edit(st_db *db, int64_t outcome_id, const char *text, const char *area,
		    const char *measure, st_date target_date, st_error *err)
{
	ERR_ENSURE(err);
	char area_code[16], d1[ST_DATE_BUFSZ], detail[64];
	if (!text && !area && !measure && target_date == ST_DATE_NONE)
		return st_error_set(err, ST_EUSAGE, "nothing to change (give --text, --measure, --by "
				    "or --area)");
	int rc = text ? st__text_check("--text", text, TEXT_SHORT_MAX * 5, TEXT_REQUIRED, err) : ST_OK;
	if (rc == ST_OK && measure)
		rc = st__text_check("--measure", measure, TEXT_SHORT_MAX, TEXT_REQUIRED, err);
	if (rc == ST_OK && area)
		rc = check_area(db, area, area_code, sizeof area_code, err);
	if (rc == ST_OK && target_date != ST_DATE_NONE && target_date < db->today)
		rc = st_error_set(err, ST_ERULE, "--by %s: is in the past",
				  st_date_format(target_date, d1));
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct outcome_ctx o = {0};
	struct cycle_of c = {0};
	rc = editable(db, outcome_id, &o, &c, err);
	if (rc == ST_OK)
		rc = st__store_outcome_update(db->store, outcome_id, text, area ? area_code : NULL,
					  measure, target_date, err);
	snprintf(detail, sizeof detail, "edit%s%s%s%s", text ? " text" : "", area ? " area" : "",
		 measure ? " measure" : "", target_date != ST_DATE_NONE ? " target" : "");
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "outcome", outcome_id, o.pupil_id, db->today,
				     detail, err);
	return st__write_end(db, rc, err);
}

int st_outcome_list(st_db *db, int64_t pupil_id, int all_cycles, st_outcome_cb cb,
		    void *payload, st_error *err)
{
	ERR_ENSURE(err);
	if (all_cycles)
		return st__store_outcome_list_pupil(db->store, pupil_id, cb, payload, err);
	struct cycle_of c;
	int rc = st__store_cycle_latest(db->store, pupil_id, db->today, copy_cycle_of, &c, err);
	if (rc == ST_ENOTFOUND)
		return ST_OK; /* no cycles, no outcomes */
	return rc == ST_OK ? st__store_outcome_list_cycle(db->store, c.id, cb, payload, err) : rc;
}

int st_outcome_list_cycle(st_db *db, int64_t cycle_id, st_outcome_cb cb, void *payload,
			  st_error *err)
{
	ERR_ENSURE(err);
	return st__store_outcome_list_cycle(db->store, cycle_id, cb, payload, err);
}

int st_outcomes_mostly_not_achieved(long not_achieved, long total)
{
	return total > 0 && 2 * not_achieved > total;
}
