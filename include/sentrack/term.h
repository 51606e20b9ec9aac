/* term.h - term dates per academic year (issue 12): the terms a school
 * sets each year, because fixed month-day dates cannot follow Easter. The
 * settings term.autumn.start, term.spring.start, term.summer.start and
 * term.summer.end remain as the fallback for any term not set. */
#ifndef SENTRACK_TERM_H
#define SENTRACK_TERM_H

#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum st_term_name { ST_TERM_AUTUMN, ST_TERM_SPRING, ST_TERM_SUMMER } st_term_name;

typedef struct st_term {
	int start_year;         /* 2026 for 2026-27 */
	st_term_name term;
	st_date start, end;     /* both days inclusive */
	int from_settings;      /* 1: not set for the year; from the term.* settings */
} st_term;

/* "autumn", "spring", "summer". */
const char *st_term_name_of(st_term_name t);
/* "2026-27" into buf (ST_ACADEMIC_YEAR_BUFSZ); returns buf. */
#define ST_ACADEMIC_YEAR_BUFSZ 8
const char *st_academic_year_format(int start_year, char *buf);
/* The academic year (1 September to 31 August) a day falls in. */
int st_academic_year_of(st_date d);

/* Set (or replace) one term of an academic year ("2026-27"). The term lies
 * within the academic year, ends on or after it starts, and keeps its
 * order with the terms already set that year (autumn, spring, summer, not
 * overlapping). Audited. */
int st_term_set(st_db *db, const char *academic_year, const char *term, st_date start,
		st_date end, st_error *err);

typedef int (*st_term_cb)(const st_term *t, void *payload);
/* Every term set, by start date. */
int st_term_list(st_db *db, st_term_cb cb, void *payload, st_error *err);

/* The three terms of an academic year: each as set, or from the settings
 * (from_settings 1). */
int st_term_year(st_db *db, int start_year, st_term out[3], st_error *err);

#ifdef __cplusplus
}
#endif
#endif
