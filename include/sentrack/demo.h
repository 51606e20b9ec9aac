/* demo.h - the fictional demo cohort shipped in data/demo/. */
#ifndef SENTRACK_DEMO_H
#define SENTRACK_DEMO_H

#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Load the demo cohort into db (one transaction) through the model, so the
 * demo obeys every rule. Dates are shifted so the demo reads as current
 * relative to st_db_today(). *out_pupils receives the count (may be NULL). */
int st_demo_load(st_db *db, int *out_pupils, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
