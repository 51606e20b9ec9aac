/* register.h - the SEN register: a dated history of statuses per pupil.
 *
 * K = SEN support, E = EHC plan, N = no SEN (monitoring after removal).
 * Each change appends a row; nothing is overwritten, so the history is
 * evidence. Placing a pupil at K or E records when parents were informed
 * (Code of Practice 6.43), now or later with st_register_inform. */
#ifndef SENTRACK_REGISTER_H
#define SENTRACK_REGISTER_H

#include <stddef.h>
#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_register_event {
	int64_t id;
	int64_t pupil_id;
	char status;               /* 'K', 'E', 'N' */
	st_date date;              /* when the change took effect */
	st_date parents_informed;  /* K/E: ST_DATE_NONE until recorded */
	st_date plan_date;         /* E: date of the EHC plan */
	const char *reason;        /* N: why removed; may be NULL */
	st_date ceased_by_la;      /* leaving E: the LA's decision to cease the plan */
	const char *source;        /* "command", "import", "review", "demo" */
	const char *entered_at;    /* UTC ISO 8601 */
	const char *entered_by;
	const char *informed_who;  /* K/E: "parent", "young-person", or NULL (not said) */
	st_date voided_on;         /* marked entered in error on; ST_DATE_NONE */
	const char *void_reason;   /* why, when voided */
} st_register_event;

/* Parse "K", "E" or "N" (case-insensitive) for field. */
int st_register_parse_status(const char *field, const char *text, char *out, st_error *err);

/* Place pupil at K or E on date (not in the future, not before the last
 * change). E requires plan_date. parents_informed may be ST_DATE_NONE.
 * The new event id goes to *out_id (may be NULL). */
int st_register_add(st_db *db, int64_t pupil_id, char status, st_date date,
		    st_date parents_informed, st_date plan_date, int64_t *out_id,
		    st_error *err);

/* Record that parents were informed of the current K/E placement. */
int st_register_inform(st_db *db, int64_t pupil_id, st_date date, st_error *err);

/* Who was informed (issue 12): "parent" or "young-person" (any case) into
 * *out, the stored word; field names the option in messages. */
int st_register_parse_informed(const char *field, const char *text, const char **out,
			       st_error *err);
/* Record who was informed of the pupil's current placement (its date must
 * be recorded): the young person only from the academic year in which the
 * pupil turns 16 (st_young_person_on on the date they were informed). */
int st_register_set_informed_who(st_db *db, int64_t pupil_id, const char *who, st_error *err);

/* Move pupil to N (monitoring) on date, with an optional reason. */
int st_register_remove(st_db *db, int64_t pupil_id, st_date date, const char *reason,
		       int64_t *out_id, st_error *err);

/* A register change in full. Leaving E (to K or N) needs ceased_by_la:
 * only the local authority ceases an EHC plan (Code 9.199-9.210), and the
 * event keeps the date of its decision and the reason. */
typedef struct st_register_change {
	char status;               /* 'K', 'E', 'N' */
	st_date date;
	st_date parents_informed;  /* K/E; ST_DATE_NONE when not yet */
	st_date plan_date;         /* E only */
	st_date ceased_by_la;      /* leaving E only; ST_DATE_NONE otherwise */
	const char *reason;        /* may be NULL */
	const char *source;        /* "command", "import", "review", "demo" */
} st_register_change;

int st_register_apply(st_db *db, int64_t pupil_id, const st_register_change *c,
		      int64_t *out_id, st_error *err);

/* Like the calls above but with an explicit source label for the audit
 * trail ("import", "review"); used by other parts of the library. */
int st_register_set(st_db *db, int64_t pupil_id, char status, st_date date,
		    st_date parents_informed, st_date plan_date, const char *reason,
		    const char *source, int64_t *out_id, st_error *err);

/* Mark a register entry made in error as void (Code 6.43: the register is
 * evidence, so the entry is kept, with the date and the reason, and shown
 * as void in the history). The pupil's status becomes what the remaining
 * entries say: the needs a wrongly recorded move to N ended come back, and
 * the entry is refused when what remains would not be a history the
 * register could have recorded (see st_register_history_check), when the
 * pupil would be left off K and E with needs recorded, when a cycle was
 * opened in a time the remaining entries put off K and E, when the entry is
 * the move to N of a review's decision exit, or when the pupil has left. */
int st_register_void(st_db *db, int64_t event_id, const char *reason, st_error *err);

/* Whether events (one pupil's entries, oldest first, entries in error left
 * out) are a history the register could have recorded: it starts at K or
 * E, each entry changes the status, and an entry that leaves E carries the
 * LA's decision to cease the plan while no other entry does. ST_OK, or
 * ST_ERULE naming the first entries that break a rule. */
int st_register_history_check(const st_register_event *events, size_t n, st_error *err);

typedef int (*st_register_cb)(const st_register_event *e, void *payload);

/* The history of one pupil, oldest first, entries made in error included
 * (voided_on set). */
int st_register_history(st_db *db, int64_t pupil_id, st_register_cb cb, void *payload,
			st_error *err);

/* The current (latest) event of a pupil, entries in error left out; ST_ENOTFOUND when never on the
 * register. Strings in *out are NULL (not copied). */
int st_register_current(st_db *db, int64_t pupil_id, st_register_event *out, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
