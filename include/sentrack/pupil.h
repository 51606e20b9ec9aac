/* pupil.h - pupils: identity, year group, class, joining and leaving.
 *
 * Pupils are never deleted by ordinary commands: a leaver keeps every
 * record and is hidden from lists unless asked for. */
#ifndef SENTRACK_PUPIL_H
#define SENTRACK_PUPIL_H

#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A pupil as read back, with the current register status and needs.
 * From st_pupil_get the strings are owned (free with st_pupil_free); inside
 * a list callback they are borrowed and valid only during the call. */
typedef struct st_pupil {
	int64_t id;
	const char *upn;          /* NULL when none */
	const char *surname;
	const char *forename;
	const char *preferred;    /* NULL when none */
	st_date dob;
	const char *year;         /* year group code: N1 N2 R 1..14 */
	const char *class_name;   /* NULL when none */
	st_date joined;           /* ST_DATE_NONE when unknown */
	st_date left;             /* ST_DATE_NONE while on roll */
	char status;              /* 'K', 'E', 'N', or 0 when never on the register */
	st_date status_since;
	const char *primary_need;   /* census code or NULL */
	const char *secondary_need; /* census code or NULL */
	st_date parents_informed;   /* of the current K/E placement, or ST_DATE_NONE */
	st_date plan_date;          /* EHC plan date when status is E */
} st_pupil;

/* Room for any display name: two names of at most 100 bytes and a space. */
#define ST_PUPIL_NAME_BUFSZ 208

/* The name a pupil goes by, "Preferred Surname" (the forename when there
 * is no preferred one), into buf; returns buf. The one way every list and
 * report names a pupil, from the name fields of any row (a finding, a
 * cycle, a meeting); st_pupil_display_name does it for an st_pupil. */
char *st_display_name(const char *preferred, const char *forename, const char *surname,
		      char *buf, size_t size);

/* Fields for add and edit. For edit, NULL / ST_DATE_NONE means "unchanged"
 * and "" clears an optional text field (upn, preferred, class, joined is
 * cleared with ST_DATE_CLEAR). */
typedef struct st_pupil_fields {
	const char *upn;
	const char *surname;
	const char *forename;
	const char *preferred;
	st_date dob;
	const char *year;
	const char *class_name;
	st_date joined;
	/* add: let a pupil with the name and date of birth of one already
	 * known, and no UPN to tell them apart, be added (issue 16) */
	int allow_duplicate;
} st_pupil_fields;

#define ST_DATE_CLEAR (INT32_MIN + 1)  /* edit: remove an optional date */

void st_pupil_fields_init(st_pupil_fields *f);

/* Add a pupil; *out_id receives the new id. Required: surname, forename,
 * dob, year. The UPN, when given, must be valid and unused. */
int st_pupil_add(st_db *db, const st_pupil_fields *f, int64_t *out_id, st_error *err);

/* Change the given fields of pupil id. */
int st_pupil_edit(st_db *db, int64_t id, const st_pupil_fields *f, st_error *err);

/* Mark pupil id as having left on date (archived, never deleted). */
int st_pupil_leave(st_db *db, int64_t id, st_date date, st_error *err);

/* Resolve a reference typed by a user: a numeric id, a UPN, or a name
 * ("Forename Surname" or "Surname, Forename", case-insensitive) matching
 * exactly one pupil. ST_EAMBIGUOUS lists the candidates in the message. */
int st_pupil_resolve(st_db *db, const char *ref, int64_t *out_id, st_error *err);

/* Read one pupil; free with st_pupil_free. */
int st_pupil_get(st_db *db, int64_t id, st_pupil **out, st_error *err);
void st_pupil_free(st_pupil *p);

typedef struct st_pupil_filter {
	const char *year;     /* NULL: any */
	const char *class_name;
	char status;          /* 0: any; 'K', 'E', 'N' */
	int register_only;    /* only pupils at K or E */
	int include_left;
} st_pupil_filter;

/* Called once per pupil; return non-zero to stop (that value is returned). */
typedef int (*st_pupil_cb)(const st_pupil *p, void *payload);

/* Pupils matching filter (NULL: all on roll), by year order, surname, forename. */
int st_pupil_list(st_db *db, const st_pupil_filter *filter, st_pupil_cb cb,
		  void *payload, st_error *err);

/* st_display_name of a pupil. */
const char *st_pupil_display_name(const st_pupil *p, char *buf, unsigned size);

/* Young people (issue 12): from 1 September of the academic year in which
 * a pupil turns 16 (Year 11 for a pupil in their own year group) the Code
 * speaks to the young person as well as the parents. 1 when that is so on
 * day `on` for a pupil born on dob. */
int st_young_person_on(st_date dob, st_date on);
/* "parents", or "parents or young person" when st_young_person_on: the
 * words every finding and document uses for them. */
const char *st_parents_words(st_date dob, st_date on);

#ifdef __cplusplus
}
#endif
#endif
