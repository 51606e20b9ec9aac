/* calendar.h - the dates a SENCO plans around, as one list of dated items
 * (review dates, planned meetings, and the EHC deadlines: annual review
 * steps, phase transfer, needs assessment decisions; each source one
 * function, so more can be added), and that list as an iCalendar file (RFC
 * 5545) to subscribe to from Outlook or Google Calendar. */
#ifndef SENTRACK_CALENDAR_H
#define SENTRACK_CALENDAR_H

#include <stdint.h>
#include <stdio.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum st_calendar_kind {
	ST_CALENDAR_REVIEW,             /* an open cycle's review date (Code 6.48) */
	ST_CALENDAR_MEETING,            /* a planned meeting (Code 6.65) */
	ST_CALENDAR_EHC                 /* an open EHC deadline (st_ehc_deadlines, Code 9) */
} st_calendar_kind;

typedef struct st_calendar_item {
	st_calendar_kind kind;
	st_date date;
	int64_t pupil_id;
	int64_t ref_id;         /* what it is about: cycle, meeting, EHC schedule or request
				 * row (0: the pupil's plan itself); with kind and step, the UID */
	int seq;                /* REVIEW: the cycle's number for the pupil */
	int step;               /* EHC: the st_ehc_step */
	const char *detail;     /* MEETING: purpose; EHC: the step's title */
	unsigned with;          /* MEETING: who is expected (ST_WHO_*) */
	st_date since;          /* EHC: what the deadline runs from */
	const char *surname, *forename, *preferred, *year;
} st_calendar_item;

typedef int (*st_calendar_cb)(const st_calendar_item *item, void *payload);

/* Every item dated from `from` to `to` (inclusive; ST_DATE_NONE: no bound)
 * for pupils on roll, by date, kind and id. */
int st_calendar_items(st_db *db, st_date from, st_date to, st_calendar_cb cb, void *payload,
		      st_error *err);

/* The items as an iCalendar file on out: one all-day VEVENT each (DTSTART
 * a DATE), a UID that stays the same from one export to the next so a
 * subscribed calendar updates rather than duplicates, DTSTAMP today.
 * *count: the events written. */
int st_calendar_write(st_db *db, st_date from, st_date to, FILE *out, long *count,
		      st_error *err);

#ifdef __cplusplus
}
#endif
#endif
