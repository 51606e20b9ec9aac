/* export.h - CSV exports: the review schedule, the SEN register, outcomes,
 * provision, meetings and cycles, and everything about one pupil (a
 * subject access request under UK GDPR).
 *
 * Each export is one query whose rows stream straight to a CSV writer
 * (csv.h), so memory stays flat however many rows there are. Columns are
 * in a documented, stable order (docs/csv.md). Dates are ISO 8601,
 * money is pounds with two decimals, absent values are empty cells. */
#ifndef SENTRACK_EXPORT_H
#define SENTRACK_EXPORT_H

#include <stdint.h>
#include "sentrack/csv.h"
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_export_filter {
	st_date from, to;     /* inclusive; ST_DATE_NONE: open */
	const char *year;     /* year group code, NULL: all */
	char status;          /* register: 'K', 'E', 'N'; 0: K and E */
	int include_left;     /* register: leavers too */
	st_date active_on;    /* provision: active on this date; ST_DATE_NONE: all */
} st_export_filter;

void st_export_filter_init(st_export_filter *f);

/* The review schedule: one row per open cycle, by review date then surname.
 * from/to select review dates (cycles without one only when both are open). */
int st_export_reviews(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err);
/* The SEN register, by year group, surname, forename. */
int st_export_register(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err);
/* Outcomes set or rated between from and to. */
int st_export_outcomes(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err);
/* The provision map (all, or active on f->active_on) with derived costs. */
int st_export_provision(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err);
/* Meetings held between from and to. */
int st_export_meetings(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err);
/* Cycles open at any time between from and to. */
int st_export_cycles(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err);

/* Everything about one pupil as one long CSV: section,record,field,value. */
int st_export_pupil(st_db *db, int64_t pupil_id, st_csv_writer *w, st_error *err);
/* The sections of that export, for one file per section. */
int st_export_pupil_sections(void);
const char *st_export_pupil_section_name(int section);
/* One section as an ordinary table (header row of its fields). */
int st_export_pupil_section(st_db *db, int64_t pupil_id, int section, st_csv_writer *w,
			    st_error *err);

#ifdef __cplusplus
}
#endif
#endif
