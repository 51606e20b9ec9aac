/* document.h - the documents for the people around the SENCO: the SEN
 * support plan for parents, pupil passports for teachers, letters from
 * templates, the provision map and the governors' summary.
 *
 * Each is written to a FILE as one self-contained HTML page (print to A4
 * from any browser) or as plain text that fits 80 columns; the reports
 * also as CSV. Every value is escaped. Writing reads only, except
 * st_passport_set and st_letter_record. */
#ifndef SENTRACK_DOCUMENT_H
#define SENTRACK_DOCUMENT_H

#include <stdint.h>
#include <stdio.h>
#include "sentrack/db.h"
#include "sentrack/report.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum st_format {
	ST_FORMAT_TEXT = 1,
	ST_FORMAT_HTML = 2,
	ST_FORMAT_CSV = 4
} st_format;

/* Parse "html", "text" or "csv" among the allowed formats (a mask). */
int st_format_parse(const char *field, const char *text, unsigned allowed, st_format *out,
		    st_error *err);

/* --- the SEN support plan ---------------------------------------------------- */
typedef struct st_plan_options {
	int seq;          /* cycle number; 0: the open (else latest) cycle */
	int with_costs;   /* show the cost of provision */
	int with_ids;     /* show the UPN */
} st_plan_options;

int st_plan_write(st_db *db, int64_t pupil_id, const st_plan_options *opt, st_format format,
		  FILE *f, st_error *err);

/* --- passports ----------------------------------------------------------------- */
/* Set the passport's own words; NULL leaves a field unchanged, "" clears it. */
int st_passport_set(st_db *db, int64_t pupil_id, const char *about, const char *important,
		    const char *support, st_error *err);
/* One page per pupil, in the order given. */
int st_passport_write(st_db *db, const int64_t *pupils, size_t n, st_format format, FILE *f,
		      st_error *err);
/* Pupils on the register (K or E) of a class or a year group, in name
 * order; *ids is malloc'd (free it). ST_ENOTFOUND when there are none. */
int st_passport_pupils(st_db *db, const char *class_name, const char *year, int64_t **ids,
		       size_t *n, st_error *err);

/* --- letters ---------------------------------------------------------------------- */
typedef struct st_letter_options {
	st_date date;     /* the letter's date */
	st_date meeting;  /* {{meeting.date}}; ST_DATE_NONE when not given */
} st_letter_options;

/* Write letter `name` (placement, review-invitation, ehcna-request, or a
 * school's own) for a pupil. The school's copy in <database dir>/letters/
 * (NAME.html for HTML, NAME.txt for both) wins over the built-in one. An
 * unknown placeholder is ST_EINVAL naming the file and line. */
int st_letter_write(st_db *db, const char *name, int64_t pupil_id,
		    const st_letter_options *opt, st_format format, FILE *f, st_error *err);
/* After writing: record what the letter tells (placement: parents informed
 * on opt->date, Code 6.43). ST_EUSAGE for another letter. */
int st_letter_record(st_db *db, const char *name, int64_t pupil_id,
		     const st_letter_options *opt, st_error *err);

typedef struct st_letter_template {
	const char *name;     /* "placement" */
	const char *subject;  /* the Subject: line */
	const char *source;   /* "built-in" or the school's file */
} st_letter_template;
typedef int (*st_letter_template_cb)(const st_letter_template *t, void *payload);
int st_letter_templates(st_db *db, st_letter_template_cb cb, void *payload, st_error *err);
/* The placeholder names templates may use, i from 0; NULL past the end. */
const char *st_letter_placeholder(int i);

/* --- reports ------------------------------------------------------------------------ */
int st_provision_map_write(st_db *db, const st_provision_map *m, st_format format, FILE *f,
			   st_error *err);
int st_summary_write(st_db *db, const st_summary *s, st_format format, FILE *f,
		     st_error *err);

#ifdef __cplusplus
}
#endif
#endif
