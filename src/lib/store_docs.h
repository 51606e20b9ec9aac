/* store_docs.h - the storage functions behind the documents (issue 13):
 * pupil passports and the figures of the governors' summary. Implemented
 * in sqlite/docs.c; kept apart from store.h so the documents stay one
 * unit. Functions return an st_code and fill err. */
#ifndef SENTRACK_STORE_DOCS_H
#define SENTRACK_STORE_DOCS_H

#include "store.h"

/* --- passports ------------------------------------------------------------- */
struct passport_row {
	const char *about, *important, *support; /* NULL when not written */
	st_date updated_on;
};
typedef int (*passport_cb)(const struct passport_row *r, void *payload);
/* Calls cb once when the pupil has a passport; *found says whether. */
int st__store_passport_get(struct store *s, int64_t pupil_id, passport_cb cb, void *payload,
		       int *found, st_error *err);
/* Insert or replace the whole row. */
int st__store_passport_put(struct store *s, int64_t pupil_id, const struct passport_row *r,
		       st_error *err);

/* --- the summary of an academic year ---------------------------------------- */
/* Pupils on roll whose latest register event on or before `on` is K or E,
 * in year-group order, with their primary need (code and label NULL when
 * none recorded). */
typedef int (*status_at_cb)(const char *year, const char *need_code, const char *need_label,
			    char status, void *payload);
int st__store_report_status_at(struct store *s, st_date on, status_at_cb cb, void *payload,
			   st_error *err);
/* Moves onto K or E (from none or N), and from K or E to N, dated within
 * [from, to]; and the distinct pupils at K or E at some time in it. */
int st__store_report_moves(struct store *s, st_date from, st_date to, long *entries, long *exits,
		       long *supported, st_error *err);
/* Reviews recorded within [from, to], and those held by the review date. */
int st__store_report_reviews(struct store *s, st_date from, st_date to, long *held, long *on_time,
			 st_error *err);
int st__store_report_parent_meetings(struct store *s, st_date from, st_date to, long *n,
				 st_error *err);
/* Outcomes rated within [from, to] by rating. */
int st__store_report_outcomes(struct store *s, st_date from, st_date to, long counts[3],
			  st_error *err);
/* EHC needs assessment requests within [from, to], and of those the
 * pupils placed at E on or after the request. */
int st__store_report_ehcna(struct store *s, st_date from, st_date to, long *requests, long *plans,
		       st_error *err);

#endif
