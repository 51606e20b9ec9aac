/* check_hold.h - findings of `check` held compactly until they are sorted
 * (check_hold.c). Internal to the library. */
#ifndef SENTRACK_CHECK_HOLD_H
#define SENTRACK_CHECK_HOLD_H

#include "store.h"

struct check_hold;

/* A new, empty hold; NULL when out of memory. */
struct check_hold *st__hold_new(void);
void st__hold_free(struct check_hold *h);
/* Keep one finding about row's pupil: ST_OK, ST_EINTERNAL when out of
 * memory, ST_EIO when the temporary file cannot be written. The pupil's
 * names are copied once, however many findings. */
int st__hold_add(struct check_hold *h, st_severity sev, st_rule rule, st_date date,
		 const struct check_row *row, const char *detail);
/* Sort by severity, date, folded surname and forename, pupil id and rule,
 * and pass each finding to cb (pointers borrowed for the call). A nonzero
 * return from cb stops and is returned; else ST_OK (or ST_EINTERNAL, or
 * ST_EIO when the temporary file cannot be read). */
int st__hold_emit(struct check_hold *h, st_finding_cb cb, void *payload);
/* How many reads of the temporary file st__hold_emit made (for the tests). */
size_t st__hold_reads(const struct check_hold *h);

#endif
