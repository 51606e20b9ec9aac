/* need.h - a pupil's special educational needs as DfE census need types.
 *
 * Rank 1 is the primary need, rank 2 the secondary; at most one of each.
 * Need types and their broad areas of need are reference data (data/). */
#ifndef SENTRACK_NEED_H
#define SENTRACK_NEED_H

#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_need_type {
	const char *code;       /* "SPLD" */
	const char *label;      /* "Specific learning difficulty" */
	const char *area;       /* area code ("CL") or NULL */
	const char *area_label; /* "Cognition and learning" or NULL */
} st_need_type;

typedef struct st_pupil_need {
	int64_t pupil_id;
	int rank;
	st_need_type type;
	st_date since;
	st_date ended;          /* history only; ST_DATE_NONE for a current need */
	const char *why;        /* history only: "removed" or "register-n" */
} st_pupil_need;

/* Normalise a need code typed by a user (case-insensitive) into out (at
 * least 16 bytes); ST_EINVAL naming the known codes when unknown. */
int st_need_lookup(st_db *db, const char *field, const char *text, char *out,
		   unsigned out_size, st_error *err);

/* Record need `code` at `rank` (1 or 2) for a pupil. The census rules
 * (DfE school census, SEN need type) are enforced: needs only for a pupil
 * at K or E; NSA only as the primary need of a pupil at K, with no
 * secondary need beside it. */
int st_need_add(st_db *db, int64_t pupil_id, const char *code, int rank, st_error *err);

/* Remove need `code` from a pupil (ST_ENOTFOUND when not recorded); it is
 * kept, dated, in the history. */
int st_need_remove(st_db *db, int64_t pupil_id, const char *code, st_error *err);

typedef int (*st_need_cb)(const st_pupil_need *n, void *payload);
int st_need_list(st_db *db, int64_t pupil_id, st_need_cb cb, void *payload, st_error *err);

/* Needs that ended (removed, or the pupil moved to N), oldest first. */
int st_need_history(st_db *db, int64_t pupil_id, st_need_cb cb, void *payload, st_error *err);

typedef int (*st_need_type_cb)(const st_need_type *t, void *payload);
int st_need_types(st_db *db, st_need_type_cb cb, void *payload, st_error *err);

/* Validate a national curriculum year group code (N1 N2 R 1..14) against
 * the reference data; field names it in messages. */
int st_year_validate(st_db *db, const char *field, const char *text, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
