/* census.h - the SEN data the DfE school census collects, checked against
 * the census's rules before the return is made (issue 12).
 *
 * The census takes, for each pupil at K (SEN support) or E (EHC plan), the
 * SEN provision, a primary need, an optional secondary need and whether
 * the pupil attracts top-up funding. */
#ifndef SENTRACK_CENSUS_H
#define SENTRACK_CENSUS_H

#include <stdint.h>
#include "sentrack/csv.h"
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

/* One record the census would reject; strings borrowed during the call. */
typedef struct st_census_problem {
	int64_t pupil_id;
	const char *upn, *surname, *forename, *year;
	const char *field;      /* "Primary Need", "UPN", ... */
	const char *message;    /* why, naming the census rule */
} st_census_problem;
typedef int (*st_census_problem_cb)(const st_census_problem *p, void *payload);

/* Check every pupil on roll at K or E; *count gets the number of problems. */
int st_census_check(st_db *db, st_census_problem_cb cb, void *payload, int *count,
		    st_error *err);

/* The census SEN return: one row per pupil on roll at K or E, columns UPN,
 * Surname, Forename, Date of Birth, Year, SEN Provision, Primary Need,
 * Secondary Need, Top-up Funding (Y/N). */
int st_export_census(st_db *db, st_csv_writer *w, st_error *err);

/* Record whether a pupil attracts high-needs top-up funding (audited). */
int st_pupil_set_top_up(st_db *db, int64_t pupil_id, int top_up, st_error *err);
/* Parse "yes" or "no" for field. */
int st_yes_no_parse(const char *field, const char *text, int *out, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
