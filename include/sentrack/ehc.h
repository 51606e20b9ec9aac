/* ehc.h - EHC needs assessments and EHC plan annual reviews (issue 12).
 *
 * A needs assessment request (SEND Code of Practice 9.14-9.17) is followed
 * to the local authority's decisions: whether to assess (due 6 weeks after
 * the request) and the final plan (due 20 weeks after it, 9.40). An annual
 * review (9.166-9.176) is scheduled, and its steps dated: invitations and
 * advice at least 2 weeks before the meeting, the report within 2 weeks
 * after it, the LA's decision within 4 weeks after it. At phase transfer
 * (Year 6, Year 11) the amended plan is due by 15 February or 31 March
 * (9.179). st_ehc_deadlines lists what is still open, dated, for `check`,
 * `today` and the calendar. */
#ifndef SENTRACK_EHC_H
#define SENTRACK_EHC_H

#include <stdint.h>
#include "sentrack/db.h"
#include "sentrack/check.h"

#ifdef __cplusplus
extern "C" {
#endif

/* --- EHC needs assessment requests --------------------------------------- */

typedef struct st_ehcna {
	int64_t id;
	int64_t pupil_id;
	int64_t cycle_id;            /* the review that asked for it, or 0 */
	st_date requested;
	const char *requested_by;    /* school, parent, young-person */
	st_date parents_informed;    /* ST_DATE_NONE when not recorded */
	const char *assess;          /* "yes", "no", or NULL while the LA decides */
	st_date decided_on;
	const char *plan;            /* "issued", "refused", or NULL */
	st_date plan_on;
	st_date decision_due, plan_due; /* request + 6 weeks, + 20 weeks */
	const char *surname, *forename, *preferred, *year;
} st_ehcna;
typedef int (*st_ehcna_cb)(const st_ehcna *r, void *payload);

/* The LA's statutory time limits, in days from the request (Code 9.14-9.17
 * and 9.40: 6 and 20 weeks). */
#define ST_EHCNA_DECISION_DAYS 42
#define ST_EHCNA_PLAN_DAYS 140

/* Record a request made on date by "school", "parent" or "young-person"
 * (16 or over on date). A school's request needs parents_informed
 * (ST_EUSAGE without: it is made with the parents' knowledge); a parent's
 * defaults to date. A pupil at E is refused (an early review is the
 * route), and a pupil has one open request at a time (open: not refused an
 * assessment, no final decision yet). */
int st_ehcna_request(st_db *db, int64_t pupil_id, const char *by, st_date date,
		     st_date parents_informed, int64_t *out_id, st_error *err);
/* The LA's decision whether to assess ("yes" or "no") on date. */
int st_ehcna_decide(st_db *db, int64_t pupil_id, const char *assess, st_date date,
		    st_error *err);
/* The LA's final decision: "issued" places the pupil at E with plan date
 * date (through st_register_apply, as `register add --status E` does);
 * "refused" closes the request. Needs the decision to assess first. */
int st_ehcna_outcome(st_db *db, int64_t pupil_id, const char *plan, st_date date,
		     st_error *err);
/* Requests of one pupil (0: every pupil on roll), oldest first. */
int st_ehcna_list(st_db *db, int64_t pupil_id, st_ehcna_cb cb, void *payload, st_error *err);

/* --- EHC plan annual reviews ---------------------------------------------- */

/* The steps of an annual review, each with its deadline. */
typedef enum st_ehc_step {
	ST_EHC_BOOK,       /* book the meeting: ehcp-book-weeks before the review is due */
	ST_EHC_INVITE,     /* invitations: at least 2 weeks before the meeting (9.168) */
	ST_EHC_ADVICE,     /* advice requested and circulated: 2 weeks before (9.168) */
	ST_EHC_MEETING,    /* the meeting itself, until `ehcp review` records it */
	ST_EHC_REPORT,     /* the report to the LA: within 2 weeks after (9.176) */
	ST_EHC_DECISION,   /* the LA's decision: within 4 weeks after (9.176) */
	ST_EHC_REVIEW,     /* the review itself: 12 months (under 5: ehcp-under5-months) */
	ST_EHC_TRANSFER,   /* the amended plan at phase transfer (9.179) */
	ST_EHCNA_DECISION, /* the LA's decision to assess: 6 weeks after the request */
	ST_EHCNA_PLAN,     /* the final plan: 20 weeks after the request */
	ST_EHC_STEP_COUNT
} st_ehc_step;

/* "book", "invite", "advice", "meeting", "report", "decision", "review",
 * "transfer", "ehcna-decision", "ehcna-plan". */
const char *st_ehc_step_name(st_ehc_step s);
/* What the step is, for people: "invitations to the annual review". */
const char *st_ehc_step_title(st_ehc_step s);
/* The Code paragraph the step's deadline comes from ("Code 9.168"). */
const char *st_ehc_step_code_ref(st_ehc_step s);

/* One open step (not yet recorded as done) and its deadline. */
typedef struct st_ehc_deadline {
	st_ehc_step step;
	st_rule rule;              /* the check rule that reports it */
	st_date due;               /* the deadline */
	st_date since;             /* what it runs from: last review, meeting, request, 1 Sept */
	st_date meeting;           /* the scheduled review meeting, or ST_DATE_NONE */
	int64_t ref_id;            /* the ehcp_schedule or ehcna_request row, or 0 */
	int64_t pupil_id;
	const char *upn, *surname, *forename, *preferred, *year, *sort_key;
} st_ehc_deadline;
typedef int (*st_ehc_deadline_cb)(const st_ehc_deadline *d, void *payload);

/* Every open EHC deadline of pupils on roll as of st_db_today, whatever its
 * date (a calendar filters by date; check applies due-window-days). */
int st_ehc_deadlines(st_db *db, st_ehc_deadline_cb cb, void *payload, st_error *err);

/* The date the next annual review is due: last (the last review, or the
 * plan date) plus 12 months, or plus under5_months when the child is under
 * 5 on that last date (Code 9.178). ST_EINVAL past the calendar's end. */
int st_ehcp_review_due(st_date last, st_date dob, long under5_months, st_date *out);
/* The amended-plan deadline of a phase transfer on the academic year that
 * contains today: 15 February (Year 6) or 31 March (Year 11) of its second
 * calendar year, with *from set to its 1 September; ST_ENOTFOUND for other
 * year groups. */
int st_ehcp_transfer_due(const char *year, st_date today, st_date *from, st_date *due);

/* Schedule the annual review meeting of a pupil at E (a date that may be
 * in the future); scheduling again before the review is recorded moves the
 * meeting. *out_id is the schedule row, *moved_from the meeting date it
 * replaced or ST_DATE_NONE (either may be NULL). */
int st_ehcp_schedule(st_db *db, int64_t pupil_id, st_date meeting, int64_t *out_id,
		     st_date *moved_from, st_error *err);
/* Record a step ("invite", "advice", "report", "decision") of the latest
 * scheduled review as done on date. */
int st_ehcp_step_done(st_db *db, int64_t pupil_id, const char *step, st_date date,
		      st_error *err);
/* Record that the LA issued the amended plan on date (phase transfer). */
int st_ehcp_amended(st_db *db, int64_t pupil_id, st_date date, int64_t *out_id,
		    st_error *err);

/* A scheduled review as read back. */
typedef struct st_ehcp_schedule_row {
	int64_t id;
	st_date meeting, invite_on, advice_on, report_on, decision_on;
	int64_t review_id;         /* 0 until `ehcp review` records the meeting */
} st_ehcp_schedule_row;
/* The latest scheduled review of a pupil; ST_ENOTFOUND when none. */
int st_ehcp_schedule_get(st_db *db, int64_t pupil_id, st_ehcp_schedule_row *out,
			 st_error *err);

/* Where a pupil's EHC plan stands, for `ehcp list`. */
typedef struct st_ehcp_status {
	int64_t pupil_id;
	const char *upn, *surname, *forename, *preferred, *year;
	st_date plan_date, last_review; /* last_review ST_DATE_NONE when none yet */
	st_date review_due;             /* st_ehcp_review_due, or ST_DATE_NONE */
	st_ehcp_schedule_row sched;     /* id 0 when never scheduled */
	st_date amended;                /* the latest amended plan, or ST_DATE_NONE */
} st_ehcp_status;
typedef int (*st_ehcp_status_cb)(const st_ehcp_status *s, void *payload);
/* Every pupil on roll at E, by surname and forename. */
int st_ehcp_list(st_db *db, st_ehcp_status_cb cb, void *payload, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
