/* cycle.h - the graduated approach: Assess, Plan, Do, Review cycles.
 *
 * A pupil on the register (K or E) has at most one open cycle. Phases only
 * move forward, each with its event date: assess (assessment summary,
 * views), plan (outcomes agreed, review date set), do (provision running),
 * then review, which rates every outcome and takes one decision. A cycle is
 * shown in the "review" phase from its review date until the review is
 * recorded. Closed cycles are read-only (Code of Practice 6.44-6.56). */
#ifndef SENTRACK_CYCLE_H
#define SENTRACK_CYCLE_H

#include <stddef.h>
#include <stdint.h>
#include "sentrack/db.h"
#include "sentrack/meeting.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A cycle as read back. Strings are borrowed inside callbacks and owned in
 * a cycle from st_cycle_get (free with st_cycle_free). */
typedef struct st_cycle {
	int64_t id;
	int64_t pupil_id;
	int seq;                  /* 1, 2, 3... for this pupil */
	const char *phase;        /* assess, plan, do, review (derived), closed */
	st_date opened_on;
	st_date assessed_on;
	const char *assessment;   /* summary, NULL until assessed */
	st_date planned_on;
	st_date review_date;
	st_date do_on;
	st_date reviewed_on;
	const char *decision;     /* continue, exit, ehcna, close; NULL while open */
	const char *review_notes;
	st_date closed_on;
	int64_t previous_id;      /* the cycle this one continues, or 0 */
	int outcomes;             /* number of outcomes */
	/* the pupil, for lists */
	const char *upn, *surname, *forename, *preferred, *year;
	const char *strategies;   /* what staff will use (Code 6.49), NULL until planned */
	const char *lead;         /* the named lead for the plan */
} st_cycle;

/* Open a cycle in the assess phase on date. */
int st_cycle_open(st_db *db, int64_t pupil_id, st_date date, int64_t *out_id, st_error *err);

/* Record the assessment summary (once per cycle) with optional views of
 * the pupil and the parents (Code 6.70), dated date. */
int st_cycle_assess(st_db *db, int64_t pupil_id, const char *summary, const char *pupil_views,
		    const char *parent_views, st_date date, st_error *err);

/* Plan on date with review_date (after date; at most review-max-weeks
 * later unless allow_long). with: meeting attendees (ST_WHO_*) to log a
 * plan meeting at the same time, or 0. */
int st_cycle_plan(st_db *db, int64_t pupil_id, st_date review_date, st_date date,
		  unsigned with, int allow_long, st_error *err);

/* The plan in full (issue 12): besides the review date, the strategies
 * staff will use and a named lead (Code 6.49). Every outcome must be SMART
 * first: a measure and a target date each (Code 6.48, 9.66). */
typedef struct st_plan {
	st_date review_date, date;
	unsigned with;
	int allow_long;
	const char *strategies;   /* may be NULL */
	const char *lead;         /* may be NULL */
} st_plan;
int st_cycle_plan_full(st_db *db, int64_t pupil_id, const st_plan *plan, st_error *err);

/* Move the agreed review date, keeping the old one with the reason. */
int st_cycle_reschedule(st_db *db, int64_t pupil_id, st_date review_date, const char *reason,
			st_error *err);

/* Start the do phase on date: needs provision active on that date. */
int st_cycle_do(st_db *db, int64_t pupil_id, st_date date, st_error *err);

typedef enum st_decision {
	ST_DECISION_CONTINUE = 1, /* close, open the next cycle carrying unmet outcomes */
	ST_DECISION_EXIT,         /* close, end provision, move the pupil to N */
	ST_DECISION_EHCNA,        /* record an EHC needs assessment request, then continue */
	ST_DECISION_CLOSE         /* close without a new cycle */
} st_decision;

int st_decision_parse(const char *field, const char *text, st_decision *out, st_error *err);
const char *st_decision_name(st_decision d);

typedef struct st_review {
	st_decision decision;
	st_date date;
	unsigned with;            /* attendees: logs a review meeting; 0 for none */
	const char *pupil_views;
	const char *parent_views;
	const char *notes;
	st_date ceased_by_la;     /* exit of a pupil at E: the LA's decision (Code 9.199) */
} st_review;

/* Review the open cycle (in the do phase, every outcome rated) and apply
 * the decision in one transaction. *next_id gets the new cycle's id for
 * continue and ehcna, else 0 (may be NULL). */
int st_cycle_review(st_db *db, int64_t pupil_id, const st_review *review, int64_t *next_id,
		    st_error *err);

/* The pupil's open cycle (seq 0), or cycle number seq. */
int st_cycle_get(st_db *db, int64_t pupil_id, int seq, st_cycle **out, st_error *err);
void st_cycle_free(st_cycle *c);

typedef int (*st_cycle_cb)(const st_cycle *c, void *payload);

typedef struct st_cycle_filter {
	const char *phase;     /* assess, plan, do, review; NULL: any open */
	st_date due_before;    /* review date before this; ST_DATE_NONE: any */
	int overdue;           /* review date before today */
	const char *year;      /* year group; NULL: any */
} st_cycle_filter;

/* Open cycles of pupils on roll, by review date (none last), then surname. */
int st_cycle_list(st_db *db, const st_cycle_filter *filter, st_cycle_cb cb, void *payload,
		  st_error *err);

/* Every cycle of one pupil, oldest first. */
int st_cycle_history(st_db *db, int64_t pupil_id, st_cycle_cb cb, void *payload,
		     st_error *err);

typedef struct st_view {
	int64_t id;
	int64_t cycle_id;
	const char *who;   /* pupil, parents */
	const char *stage; /* assess, review */
	st_date date;
	const char *text;
} st_view;
typedef int (*st_view_cb)(const st_view *v, void *payload);
int st_cycle_views(st_db *db, int64_t cycle_id, st_view_cb cb, void *payload, st_error *err);

typedef struct st_reschedule {
	st_date old_date, new_date;
	const char *reason;
	const char *entered_at, *entered_by;
} st_reschedule;
typedef int (*st_reschedule_cb)(const st_reschedule *r, void *payload);
int st_cycle_reschedules(st_db *db, int64_t cycle_id, st_reschedule_cb cb, void *payload,
			 st_error *err);

/* The phase a cycle is in: the stored one, except that a cycle in the do
 * phase is in the review phase from its review date on (until the review
 * is recorded). The one derivation of the phase: every read, list, export
 * and check shows this. Returns stored_phase or a static string. */
const char *st_cycle_phase_shown(const char *stored_phase, st_date review_date, st_date today);

/* How every message, page and export names a cycle: by its number for
 * the pupil, with the pupil's name and id, "cycle 2 of Amir Khan (#6)";
 * never by its row id. c needs seq, pupil_id and the pupil's names. */
char *st_cycle_name(const st_cycle *c, char *buf, size_t size);

/* Days from today to the review date (negative when overdue). */
int st_cycle_days_to_review(const st_db *db, const st_cycle *c);

#ifdef __cplusplus
}
#endif
#endif
