/* outcome.h - SMART outcomes agreed at planning, rated at review, and
 * carried forward when not achieved. */
#ifndef SENTRACK_OUTCOME_H
#define SENTRACK_OUTCOME_H

#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_outcome {
	int64_t id;
	int64_t cycle_id;
	int cycle_seq;
	int64_t pupil_id;
	const char *text;
	const char *area;        /* area of need code (CI, CL, SEMH, SP) or NULL */
	const char *measure;     /* "reads 40 words per minute" or NULL */
	st_date target_date;     /* ST_DATE_NONE when none */
	const char *rating;      /* achieved, partially, not-achieved; NULL until rated */
	const char *rating_note;
	st_date rated_on;
	int64_t origin_id;       /* the outcome this one carries forward, or 0 */
	st_date created_on;
} st_outcome;

/* Add an outcome to the pupil's open cycle (assess or plan phase). */
int st_outcome_add(st_db *db, int64_t pupil_id, const char *text, const char *area,
		   const char *measure, st_date target_date, int64_t *out_id, st_error *err);

/* A cycle's outcomes were mostly not achieved: more than half of them
 * rated not-achieved (check's consider-ehcna, Code 6.63). */
int st_outcomes_mostly_not_achieved(long not_achieved, long total);

/* Rate an outcome of an open cycle in the do (or review) phase: rating is
 * "achieved", "partially" or "not-achieved". Rating again replaces the
 * rating until the review is recorded (each rating is in the audit log). */
int st_outcome_rate(st_db *db, int64_t outcome_id, const char *rating, const char *note,
		    st_error *err);

/* Edit an outcome of an open cycle in the assess or plan phase: NULL (or
 * ST_DATE_NONE) leaves a field as it is. Audited with the fields changed.
 * Outcomes carried forward get their new target date this way. */
int st_outcome_edit(st_db *db, int64_t outcome_id, const char *text, const char *area,
		    const char *measure, st_date target_date, st_error *err);

typedef int (*st_outcome_cb)(const st_outcome *o, void *payload);

/* Outcomes of the pupil's open (else latest) cycle, or of every cycle. */
int st_outcome_list(st_db *db, int64_t pupil_id, int all_cycles, st_outcome_cb cb,
		    void *payload, st_error *err);

/* Outcomes of one cycle. */
int st_outcome_list_cycle(st_db *db, int64_t cycle_id, st_outcome_cb cb, void *payload,
			  st_error *err);

#ifdef __cplusplus
}
#endif
#endif
