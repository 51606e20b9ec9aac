/* store_ehc.h - the storage functions behind EHC needs assessment requests
 * and EHC plan annual review steps (issue 12). Implemented in
 * sqlite/ehc.c; kept apart from store.h so the EHC timelines stay one unit.
 * Functions return an st_code and fill err. */
#ifndef SENTRACK_STORE_EHC_H
#define SENTRACK_STORE_EHC_H

#include "store.h"
#include "sentrack/ehc.h"

/* --- needs assessment requests ------------------------------------------- */
/* Record a request inside the caller's write (ehcna.c; `cycle review
 * --decision ehcna` too): refused while another is open. */
int st__ehcna_add(st_db *db, int64_t pupil_id, int64_t cycle_id, const char *by, st_date date,
		  st_date informed, int64_t *out_id, st_error *err);
/* After `ehcp review` recorded review_id: the open scheduled review of the
 * pupil, if any, is completed by it. */
int st__ehcp_link_review(st_db *db, int64_t pupil_id, int64_t review_id, st_error *err);
int st__store_ehcna_add(struct store *s, int64_t pupil_id, int64_t cycle_id, st_date date,
		    const char *by, st_date parents_informed, const char *decided_by,
		    int64_t *out_id, st_error *err);
/* The pupil's open request (no refusal to assess, no final decision), the
 * latest; *found 0 when none. Strings in *out are NULL. */
int st__store_ehcna_open(struct store *s, int64_t pupil_id, st_ehcna *out, int *found,
		     st_error *err);
int st__store_ehcna_set_assess(struct store *s, int64_t id, const char *assess, st_date date,
			   st_error *err);
int st__store_ehcna_set_plan(struct store *s, int64_t id, const char *plan, st_date date,
			 st_error *err);
/* Requests of a pupil (0: every pupil on roll), oldest first; the _due
 * fields are left for the model to fill. */
int st__store_ehcna_list(struct store *s, int64_t pupil_id, st_ehcna_cb cb, void *payload,
		     st_error *err);

/* --- annual reviews --------------------------------------------------------- */
int st__store_ehcp_schedule_latest(struct store *s, int64_t pupil_id, st_ehcp_schedule_row *out,
			       int *found, st_error *err);
int st__store_ehcp_schedule_add(struct store *s, int64_t pupil_id, st_date meeting,
			    int64_t *out_id, st_error *err);
int st__store_ehcp_schedule_move(struct store *s, int64_t id, st_date meeting, st_error *err);
/* step: "invite", "advice", "report", "decision" (the model's names, mapped
 * to columns here, never formatted into SQL). */
int st__store_ehcp_schedule_done(struct store *s, int64_t id, const char *step, st_date date,
			     st_error *err);
int st__store_ehcp_schedule_link(struct store *s, int64_t id, int64_t review_id, st_error *err);
int st__store_ehcp_amended_add(struct store *s, int64_t pupil_id, st_date date, int64_t *out_id,
			   st_error *err);

/* --- deadlines ------------------------------------------------------------- */
/* A pupil at E on roll: the plan date, the last review, the latest
 * schedule row (id 0 when none) and the latest amended plan; by surname,
 * forename. */
struct ehcp_row {
	int64_t pupil_id;
	const char *upn, *surname, *forename, *preferred, *year, *sort_key;
	st_date dob, plan_date, last_review, amended;
	st_ehcp_schedule_row sched;
};
typedef int (*ehcp_row_cb)(const struct ehcp_row *r, void *payload);
int st__store_ehcp_rows(struct store *s, ehcp_row_cb cb, void *payload, st_error *err);
/* Open needs assessment requests of pupils on roll, with the pupil's
 * names (in an ehcp_row's pupil fields) and the request. */
typedef int (*ehcna_open_cb)(const struct ehcp_row *p, const st_ehcna *r, void *payload);
int st__store_ehcna_open_rows(struct store *s, ehcna_open_cb cb, void *payload, st_error *err);

/* How a deadline reads in `check` on today: 1 with *sev and detail when it
 * is reported (due within window days, or overdue), else 0. */
int st__ehc_finding(const st_ehc_deadline *d, st_date today, long window, st_severity *sev,
		    char *detail, size_t size);

#endif
