/* audit.h - the audit log: one row per write, never edited.
 *
 * Entry time (when it was typed, UTC) is kept apart from the event date
 * (when it happened), because meetings are often recorded days later. */
#ifndef SENTRACK_AUDIT_H
#define SENTRACK_AUDIT_H

#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_audit_entry {
	int64_t id;
	const char *entered_at;  /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	const char *user;
	const char *command;     /* "pupil add" */
	const char *action;      /* "insert", "update", "delete" */
	const char *entity;      /* "pupil", "register_event", ... */
	int64_t entity_id;
	int64_t pupil_id;        /* 0 when none */
	st_date event_date;      /* ST_DATE_NONE when the command has none */
	const char *detail;      /* short, no personal data; may be NULL */
	int cycle_seq;           /* entity "cycle": its number for the pupil; 0 if erased */
} st_audit_entry;

typedef struct st_audit_filter {
	int64_t pupil_id;  /* 0: all */
	st_date since;     /* entered on or after; ST_DATE_NONE: all */
	int limit;         /* 0: no limit */
} st_audit_filter;

typedef int (*st_audit_cb)(const st_audit_entry *e, void *payload);

/* Newest first. */
int st_audit_list(st_db *db, const st_audit_filter *filter, st_audit_cb cb,
		  void *payload, st_error *err);

/* Append an entry for the current command (used by every write in the
 * library; public so that extensions can log their own writes). */
int st_audit_record(st_db *db, const char *action, const char *entity, int64_t entity_id,
		    int64_t pupil_id, st_date event_date, const char *detail, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
