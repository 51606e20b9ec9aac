/* report.h - the figures behind the documents: the whole-school provision
 * map and the governors' summary of an academic year.
 *
 * Every figure a document shows is computed here, once, in integer pence
 * and whole counts; the renderers (document.h) only format them. */
#ifndef SENTRACK_REPORT_H
#define SENTRACK_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include "sentrack/db.h"
#include "sentrack/provision.h"

#ifdef __cplusplus
extern "C" {
#endif

/* --- the provision map ----------------------------------------------------- */

typedef struct st_map_pupil {
	int64_t id;
	char *name;                /* display name */
	char *year;
} st_map_pupil;

/* One intervention as delivered: a group session counts once, with its
 * pupils. Provision rows with the same name, staff, pattern, group size and
 * hourly cost are one intervention; when more pupils share them than the
 * group holds, they fill sessions of group_size in name order. */
typedef struct st_map_row {
	char *name, *staff;
	int sessions, minutes, group_size;
	int64_t hourly_pence;
	size_t npupils;
	st_map_pupil *pupils;
	int64_t weekly_pence;      /* the staff time of the session: counted once */
	int64_t annual_pence;      /* weekly x school-weeks */
	int64_t pupil_weekly_pence;/* one place: weekly / group size (st_provision_weekly_pence) */
	int64_t pupil_annual_pence;
} st_map_row;

typedef struct st_map_year {
	char *year;
	size_t npupils;            /* distinct pupils of this year with provision */
	int64_t weekly_pence;      /* their places (cost per pupil x places) */
	int64_t annual_pence;
} st_map_year;

typedef struct st_provision_map {
	st_date on;
	long school_weeks;
	st_map_row *rows;
	size_t nrows;
	st_map_year *years;        /* in year-group order */
	size_t nyears;
	size_t npupils;            /* distinct pupils */
	int64_t weekly_pence;      /* every intervention once */
	int64_t annual_pence;
	int64_t places_annual_pence; /* the sum of the year totals */
	int64_t budget_pence;      /* notional-sen-budget; 0 when not set */
} st_provision_map;

/* Build the map from provision rows (any order) with school_weeks; pure,
 * so the arithmetic is tested without a database. Free with
 * st_provision_map_free. */
int st_provision_map_from(const st_provision *rows, size_t n, long school_weeks,
			  st_provision_map **out, st_error *err);
/* The map of provision active on date, of one year group (NULL: all). */
int st_provision_map_build(st_db *db, const char *year, st_date on, st_provision_map **out,
			   st_error *err);
void st_provision_map_free(st_provision_map *m);

/* --- the governors' summary ------------------------------------------------- */

typedef struct st_summary_line {
	char *label;               /* year group code, or need label */
	long k, e;
} st_summary_line;

typedef struct st_summary {
	int start_year;            /* 2025 for 2025-26 */
	st_date from, to;          /* 1 September to 31 August */
	st_date as_of;             /* to, or today while the year runs */
	long suppress_below;       /* counts 1..suppress_below-1 are shown as "<N" */
	long k, e;                 /* on the register on as_of */
	st_summary_line *by_year;
	size_t nyears;
	st_summary_line *by_need;  /* by primary need (label "none recorded" when none) */
	size_t nneeds;
	long entries, exits;       /* moves onto K/E, and from K/E to N, within the year */
	long reviews, reviews_on_time; /* reviews held, and held by their agreed date */
	long parent_meetings;      /* meetings with parents within the year */
	long pupils_supported;     /* distinct pupils at K or E at some time in the year */
	long achieved, partially, not_achieved; /* outcomes rated within the year */
	long ehcna_requests, ehcna_plans; /* requests made, and of those pupils now with a plan */
	int64_t provision_pence;   /* provision cost falling within the year */
} st_summary;

/* Parse "2025-26" (the second part must follow the first). */
int st_academic_year_parse(const char *field, const char *text, int *start_year,
			   st_error *err);
int st_summary_build(st_db *db, int start_year, st_summary **out, st_error *err);
void st_summary_free(st_summary *s);

/* Small-number suppression: count as text into buf: "<5" when
 * 0 < count < below, else the number. Returns buf. */
const char *st_suppress(long count, long below, char *buf, size_t size);
/* 1 when count is shown as a figure (not suppressed). */
int st_suppress_shown(long count, long below);

/* Cost of provision falling between from and to (inclusive): weekly x
 * school-weeks, prorated by the days it ran within the period over the
 * period's days. Pure. */
int64_t st_provision_cost_within(const st_provision *p, long school_weeks, st_date from,
				 st_date to);

#ifdef __cplusplus
}
#endif
#endif
