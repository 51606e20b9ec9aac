/* concern.h - concerns raised about a pupil's progress (issue 12). Schools
 * take seriously any concerns raised by a parent (Code of Practice 6.45);
 * the concerns since the last review are shown while assessing. */
#ifndef SENTRACK_CONCERN_H
#define SENTRACK_CONCERN_H

#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_concern {
	int64_t id;
	int64_t pupil_id;
	const char *raised_by;   /* parent, teacher, pupil, other */
	st_date date;
	const char *text;
	const char *surname, *forename; /* the pupil, for lists */
} st_concern;
typedef int (*st_concern_cb)(const st_concern *c, void *payload);

/* Record a concern raised on date (not in the future) by from. */
int st_concern_add(st_db *db, int64_t pupil_id, const char *from, st_date date,
		   const char *text, int64_t *out_id, st_error *err);
/* Concerns of one pupil (0: every pupil on roll) dated on or after since
 * (ST_DATE_NONE: all), oldest first. */
int st_concern_list(st_db *db, int64_t pupil_id, st_date since, st_concern_cb cb,
		    void *payload, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
