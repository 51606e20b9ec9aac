/* provision.h - the school's provision map: interventions, their staff
 * time and cost. Costs are derived, never typed: money is integer pence. */
#ifndef SENTRACK_PROVISION_H
#define SENTRACK_PROVISION_H

#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_provision {
	int64_t id;
	int64_t pupil_id;
	const char *name;          /* "Precision teaching" */
	const char *staff_role;    /* "TA", "teacher", "SENCO", "external" */
	int sessions_per_week;     /* 1..50 */
	int minutes;               /* per session, 1..600 */
	int group_size;            /* 1 = one to one, up to 60 */
	int64_t hourly_cost_pence; /* staff cost per hour */
	st_date start, end;        /* end ST_DATE_NONE while open-ended */
	int64_t weekly_pence;      /* derived (see st_provision_weekly_pence) */
	int64_t annual_pence;      /* weekly x school-weeks */
	const char *surname, *forename, *preferred, *year; /* the pupil, for lists */
	char status;               /* the pupil's register status, for lists ('K', 'E', 'N', 0) */
	st_date voided_on;         /* entered in error on (kept, excluded); ST_DATE_NONE */
	const char *void_reason;   /* why, when voided */
	st_date pupil_left;        /* the pupil's leaving date, for reports; ST_DATE_NONE */
} st_provision;

/* Whether to advise top-up funding or an EHC needs assessment: only for SEN
 * support (K) at or above the threshold; a pupil at E already has a plan
 * whose provision the LA funds (Code 6.63, 6.99). */
int st_provision_topup_advised(char status, int64_t annual_pence, int64_t threshold_pence);

/* Weekly cost: sessions x minutes / 60 x hourly cost / group size, rounded
 * to the nearest penny (halves up). */
int64_t st_provision_weekly_pence(int sessions, int minutes, int group_size,
				  int64_t hourly_pence);

/* Add provision for a pupil (fields id, weekly and annual are ignored). */
int st_provision_add(st_db *db, const st_provision *p, int64_t *out_id, st_error *err);

/* End provision on date (not before its start, not in the future). */
int st_provision_end(st_db *db, int64_t provision_id, st_date date, st_error *err);

/* Correct provision entered with a wrong detail. In *changes, the fields
 * left NULL, 0, ST_DATE_NONE or (hourly_cost_pence) negative are kept; the
 * result is checked by the rules of st_provision_add. Provision entered in
 * error and a leaver's provision are not edited. The audit row names each
 * field changed, with its old and new value. */
int st_provision_edit(st_db *db, int64_t provision_id, const st_provision *changes,
		      st_error *err);

/* Mark provision as entered in error (it never happened): the row is kept
 * with the date and the reason (NULL: "entered in error"), and left out of
 * costs, lists, reports, checks and exports from then on. */
int st_provision_void(st_db *db, int64_t provision_id, const char *reason, st_error *err);

typedef int (*st_provision_cb)(const st_provision *p, void *payload);

/* Provision of one pupil (0: all) active on a date (ST_DATE_NONE: all). */
int st_provision_list(st_db *db, int64_t pupil_id, st_date active_on, st_provision_cb cb,
		      void *payload, st_error *err);

/* Like st_provision_list, with provision entered in error too (voided_on
 * set), for a SENCO auditing corrections. */
int st_provision_list_with_void(st_db *db, int64_t pupil_id, st_date active_on,
				st_provision_cb cb, void *payload, st_error *err);

/* A pupil's annual cost of provision active on date, and whether it reaches
 * the sen-support-threshold setting. */
int st_provision_annual_total(st_db *db, int64_t pupil_id, st_date on, int64_t *pence,
			      int *over_threshold, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
