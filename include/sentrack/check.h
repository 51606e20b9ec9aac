/* check.h - what the Code of Practice says is due or overdue: the rules the
 * nightly `sentrack check` reports. Reading only; nothing is written. */
#ifndef SENTRACK_CHECK_H
#define SENTRACK_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum st_severity {
	ST_SEVERITY_OVERDUE = 0,   /* something the Code requires has not happened in time */
	ST_SEVERITY_DUE = 1,       /* it falls due soon */
	ST_SEVERITY_ATTENTION = 2  /* worth a look */
} st_severity;

/* The rules, in documentation order; their ids are a stable interface. */
typedef enum st_rule {
	ST_RULE_REVIEW_OVERDUE,
	ST_RULE_REVIEW_DUE,
	ST_RULE_NO_REVIEW_DATE,
	ST_RULE_PLAN_MISSING,
	ST_RULE_NO_ACTIVE_CYCLE,
	ST_RULE_PARENTS_NOT_INFORMED,
	ST_RULE_PARENT_MEETING_GAP,
	ST_RULE_OUTCOME_OVERDUE,
	ST_RULE_CONSIDER_EHCNA,
	ST_RULE_PROVISION_OVER_THRESHOLD,
	ST_RULE_EHCP_ANNUAL_REVIEW,
	ST_RULE_PRIMARY_NEED_MISSING,   /* issue 12 */
	ST_RULE_EHCP_REVIEW_STEP,       /* issue 12: EHC timelines */
	ST_RULE_EHCP_PHASE_TRANSFER,
	ST_RULE_EHCNA_DECISION,
	ST_RULE_EHCNA_PLAN,
	ST_RULE_COUNT
} st_rule;

/* Where a date something is due on (a cycle's review date, an EHC plan's
 * annual review) stands on a day: the one rule behind check's review-due
 * and review-overdue and the reviews export's Review Status column. */
typedef enum st_due_status {
	ST_DUE_NO_DATE,    /* no date set */
	ST_DUE_OVERDUE,    /* the date has passed */
	ST_DUE_DUE,        /* today, or within window days */
	ST_DUE_SCHEDULED   /* later */
} st_due_status;
st_due_status st_due_status_on(st_date due, st_date today, long window);
/* "no-review-date", "overdue", "due", "scheduled" (the export's words). */
const char *st_due_status_name(st_due_status s);

typedef struct st_finding {
	st_severity severity;
	st_rule rule;
	st_date date;          /* when it fell (or falls) due */
	int64_t pupil_id;
	char *upn;             /* NULL when none */
	char *surname, *forename, *preferred, *year;
	char *sort_key;        /* folded surname and forename */
	char *detail;          /* one line, no personal data beyond the above */
} st_finding;

typedef struct st_check_filter {
	unsigned rules;        /* bit (1 << st_rule) per rule; 0: every rule */
	int severity;          /* report this severity and the more severe; -1: all */
	const char *year;      /* NULL: every year group */
	int64_t pupil_id;      /* 0: every pupil */
} st_check_filter;

/* Run every rule against today (st_db_today) in a few set-based queries and
 * return the findings sorted by severity, date, then surname. Free with
 * st_check_free. */
int st_check_run(st_db *db, const st_check_filter *filter, st_finding **out, size_t *count,
		 st_error *err);
void st_check_free(st_finding *findings, size_t count);

const char *st_severity_name(st_severity s);
const char *st_rule_id(st_rule r);
/* Where a rule comes from: "Code 6.48, 6.54" (SEND Code of Practice
 * paragraphs) or the DfE guidance. */
const char *st_rule_code_ref(st_rule r);
/* The setting whose value is the school's own policy rather than the
 * Code's ("inform-max-days"), or NULL when the rule has none. */
const char *st_rule_policy(st_rule r);

/* "review-due,plan-missing" into a bit mask; field names it in messages. */
int st_rule_parse(const char *field, const char *text, unsigned *mask, st_error *err);
int st_severity_parse(const char *field, const char *text, int *out, st_error *err);

/* --- EHC plan annual reviews ---------------------------------------------- */

/* Record an EHC plan annual review for a pupil at E on date; with attendees
 * (ST_WHO_*) also logs a meeting (purpose ehcp-review). */
int st_ehcp_review_add(st_db *db, int64_t pupil_id, st_date date, unsigned with,
		       const char *notes, int64_t *out_id, st_error *err);
/* The same, marked early when early is 1: a review brought forward, the
 * route for a pupil at E whose needs have changed (Code 9.174), instead of
 * a new EHC needs assessment. */
int st_ehcp_review_record(st_db *db, int64_t pupil_id, st_date date, unsigned with,
			  const char *notes, int early, int64_t *out_id, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
