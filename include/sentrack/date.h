/* date.h - calendar dates as day numbers, parsed strictly from ISO 8601.
 *
 * SQLite's date() accepts 2026-02-30, so every date that enters sentrack is
 * validated here, once. Dates are stored as YYYY-MM-DD text. */
#ifndef SENTRACK_DATE_H
#define SENTRACK_DATE_H

#include <stdint.h>
#include "sentrack/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Days since 1970-01-01 (proleptic Gregorian). */
typedef int32_t st_date;

#define ST_DATE_NONE INT32_MIN  /* "no date" */
#define ST_DATE_BUFSZ 11        /* "YYYY-MM-DD" plus NUL */
#define ST_DATE_MIN_YEAR 1900
#define ST_DATE_MAX_YEAR 2999

/* Parse exactly YYYY-MM-DD (years 1900-2999) into *out. field names the
 * value in messages ("--dob"); on failure *out is untouched and err reads
 * "--dob 2026-02-30: not a calendar date". */
int st_date_parse(const char *field, const char *text, st_date *out, st_error *err);

/* Build a date from parts; ST_EINVAL when the parts are not a calendar date. */
int st_date_from_ymd(int year, int month, int day, st_date *out);
void st_date_to_ymd(st_date d, int *year, int *month, int *day);

/* d plus years (29 February becoming 28 February), or plus days, into
 * *out; ST_EINVAL when the result leaves years 1900-2999 (nothing wraps). */
int st_date_add_years(st_date d, int years, st_date *out);
int st_date_add_days(st_date d, int32_t days, st_date *out);

/* Write d as YYYY-MM-DD (or "" for ST_DATE_NONE); returns buf. */
char *st_date_format(st_date d, char buf[ST_DATE_BUFSZ]);

/* Today's local date. */
st_date st_date_today(void);

/* 1 when y is a Gregorian leap year. */
int st_date_is_leap(int year);

#ifdef __cplusplus
}
#endif
#endif
