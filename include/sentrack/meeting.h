/* meeting.h - meetings with parents, the pupil and staff (Code 6.65:
 * parents met at least three times a year). */
#ifndef SENTRACK_MEETING_H
#define SENTRACK_MEETING_H

#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Who attended: a set of these bits. */
enum st_who {
	ST_WHO_PARENTS = 1 << 0,
	ST_WHO_PUPIL = 1 << 1,
	ST_WHO_CLASS_TEACHER = 1 << 2,
	ST_WHO_SENCO = 1 << 3,
	ST_WHO_SPECIALIST = 1 << 4,
	ST_WHO_OTHER = 1 << 5
};

/* Parse "parents,senco,class-teacher" into bits; field names it. */
int st_who_parse(const char *field, const char *text, unsigned *out, st_error *err);
/* "parents,senco" into buf; returns buf. */
const char *st_who_format(unsigned who, char *buf, unsigned size);

typedef struct st_meeting {
	int64_t id;
	int64_t pupil_id;
	int64_t cycle_id;       /* the cycle open at the time, or 0 */
	st_date date;
	const char *purpose;    /* plan, review, other, ehcp-review */
	unsigned with;
	const char *notes;
	const char *surname, *forename, *preferred, *year; /* the pupil, for lists */
	int planned;            /* 1: booked, not yet recorded as held */
} st_meeting;

/* Record a meeting with purpose plan, review or other; linked to the
 * pupil's open cycle if any. A date after today books a planned meeting
 * (Code 6.65: meetings with parents arranged ahead), at most a few years
 * ahead; `st_meeting_held` later records that it happened. */
int st_meeting_add(st_db *db, int64_t pupil_id, st_date date, unsigned with,
		   const char *purpose, const char *notes, int64_t *out_id, st_error *err);

typedef int (*st_meeting_cb)(const st_meeting *m, void *payload);

/* Meetings of one pupil (0: all pupils) on or after since, by date. */
int st_meeting_list(st_db *db, int64_t pupil_id, st_date since, st_meeting_cb cb,
		    void *payload, st_error *err);

/* Record that the planned meeting id happened, on date (ST_DATE_NONE: the
 * date it was booked for), which may not be in the future; notes, when not
 * NULL, replace its notes. Refused for a meeting already held. Audited. */
int st_meeting_held(st_db *db, int64_t id, st_date date, const char *notes, st_error *err);

/* A correction to a meeting (issue 16): ST_DATE_NONE, 0 and NULL leave a
 * field as it is; notes "" clears them. */
typedef struct st_meeting_change {
	st_date date;
	unsigned with;
	const char *purpose;
	const char *notes;
} st_meeting_change;

/* Correct meeting id. A held meeting keeps a date not in the future; a
 * planned one may move to any date within the booking limit. The date and
 * purpose of an EHC plan annual review's meeting follow the review and are
 * refused. Audited with the fields changed. */
int st_meeting_edit(st_db *db, int64_t id, const st_meeting_change *change, st_error *err);

/* Meetings of one pupil (0: all) on or after since; planned_only: only the
 * planned ones (booked, not yet held). By date. */
int st_meeting_list_planned(st_db *db, int64_t pupil_id, st_date since, int planned_only,
			    st_meeting_cb cb, void *payload, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
