/* import.h - bringing the pupil list in from the school's MIS (SIMS, Arbor,
 * Bromcom CSV exports).
 *
 * Header names are matched case-insensitively against aliases, in any
 * order; extra columns are ignored. The file streams through the CSV
 * reader (csv.h), so its size does not matter. Every problem is reported
 * as "FILE:LINE:COLUMN: message" (line and column as a text editor counts
 * them), all of them, and then nothing is written: the whole file is one
 * transaction (a savepoint inside the caller's). A dry run writes nothing
 * and opens no transaction: it works on a database opened read-only. */
#ifndef SENTRACK_IMPORT_H
#define SENTRACK_IMPORT_H

#include <stdio.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum st_date_order {
	ST_DATES_DMY = 0,  /* 14/03/2016: day first (the default; UK MIS exports) */
	ST_DATES_YMD = 1   /* 2016/03/14 */
} st_date_order;

typedef struct st_import_options {
	int dry_run;             /* validate and list the changes; write nothing, read only */
	int update;              /* a UPN already known updates that pupil */
	int sen_from_file;       /* with update: apply the file's SEN status and needs */
	st_date_order date_order;/* for dates with slashes */
	st_date date;            /* register and needs date; ST_DATE_NONE: today */
	int allow_duplicate;     /* add a pupil even when one with the same name and date
				  * of birth is known and no UPN tells them apart */
	/* K/E placements dated on or before this day with no Parents Informed
	 * value were made before sentrack: recorded as informed at placement
	 * (ST_DATE_NONE: not given) */
	st_date parents_informed_before;
	/* called every few hundred rows and at the end with the rows and
	 * bytes read so far (NULL: none); for a progress display */
	void (*progress)(long rows, long long bytes, void *payload);
	void *progress_payload;
} st_import_options;

void st_import_options_init(st_import_options *o);

typedef struct st_import_counts {
	long created, updated, unchanged, errors, warnings;
	long skipped;        /* leavers in sentrack whose rows were skipped */
	long disagreements;  /* SEN status or needs the file and sentrack differ on */
} st_import_counts;

/* What a report is. The MIS is the source of identity (names, date of
 * birth, year, class, UPN, joining and leaving); sentrack's register is
 * the evidence of SEN decisions, so by default an update keeps the status
 * and needs of a known pupil and reports each difference. */
typedef enum st_import_kind {
	ST_IMPORT_WARNING = 0,      /* "FILE:LINE:COLUMN: warning: ..." (legacy code, leaver) */
	ST_IMPORT_ERROR = 1,        /* "FILE:LINE:COLUMN: ..." */
	ST_IMPORT_DISAGREEMENT = 2, /* "FILE:LINE:COLUMN: UPN X: file says N, sentrack has K
				     * since 2026-10-01 (kept)" */
	ST_IMPORT_CHANGE = 3,       /* dry run only: one change it would make, field by
				     * field ("pupil 3 (UPN X): surname: Brown -> Lee") */
	ST_IMPORT_IGNORED = 4       /* "FILE:1: columns not read: ..." (once, after the
				     * header: columns sentrack does not know) */
} st_import_kind;

/* Called for each report in file order. */
typedef void (*st_import_report_cb)(int kind, const char *message, void *payload);

/* Import pupils from f (name is the file name used in messages). Returns
 * ST_OK when the file had no errors (written unless dry_run), ST_EINVAL when
 * it had some (err says how many; nothing was written), or another code for
 * a failure of the database or of reading. *counts is filled either way. */
int st_import_pupils(st_db *db, const char *name, FILE *f, const st_import_options *o,
		     st_import_report_cb report, void *payload, st_import_counts *counts,
		     st_error *err);

/* One import that changed the database (issue 15): recorded once, with
 * one audit row; each pupil it created or changed links to it. */
typedef struct st_import_run {
	int64_t id;
	char file[512];
	char sha256[65];        /* of the file's bytes, hex */
	char started_at[32];    /* UTC, ISO 8601 */
	char user[128];
	long rows, created, updated, unchanged;
} st_import_run;

/* The import that last created or changed pupil_id, and the line of its
 * row in that file: ST_ENOTFOUND when no import has. */
int st_pupil_import(st_db *db, int64_t pupil_id, st_import_run *run, long *line,
		    st_error *err);

/* An SEN provision as an MIS writes it (K, E, N, blank, "SEN Support (K)",
 * "Education Health and Care Plan", "No Special Educational Need"; the
 * legacy A, P, S): *status 'K', 'E' or 0 for no SEN; *legacy names a
 * pre-2014 code read as *status (for a warning), else NULL. */
int st_import_parse_sen(const char *field, const char *text, char *status, const char **legacy,
			st_error *err);

/* The census code of an MIS need description ("Autistic Spectrum
 * Disorder" -> "ASD"; the table is in docs/csv.md), or NULL. */
const char *st_import_need_code(const char *text);

/* Parse an MIS date: YYYY-MM-DD, or D/M/YYYY (or Y/M/D with ST_DATES_YMD). */
int st_import_parse_date(const char *field, const char *text, st_date_order order,
			 st_date *out, st_error *err);

/* Normalise an MIS year group ("Y7", "Year 7", "7", "R", "Reception",
 * "N1", "Nursery 2") to a year code into out (at least 4 bytes). */
int st_import_parse_year(const char *field, const char *text, char *out, size_t size,
			 st_error *err);

#ifdef __cplusplus
}
#endif
#endif
