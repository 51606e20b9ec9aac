/* store.h - the storage interface: every statement sentrack runs.
 *
 * The model (src/lib) enforces rules and calls these functions; store.c
 * hands each to the backend the store was opened on (store_ops.h): SQLite
 * in src/lib/sqlite/ (sqlst_X for st__store_X). A second backend (the
 * planned PostgreSQL one for trusts) fills the same table, so the CLI and
 * the rules never change when storage does. Functions return an st_code
 * and fill err; list functions stream rows to a callback whose pointers are
 * valid only during the call. */
#ifndef SENTRACK_STORE_H
#define SENTRACK_STORE_H

#include "internal.h"

/* --- connection (sqlite/conn.c) -------------------------------------------- */
/* Open the backend's store on locator (st_db_locator_backend said which);
 * a backend not served yet is refused (PostgreSQL: docs/trust.md). */
int st__store_open(struct store **out, st_backend backend, const char *locator, unsigned flags,
		   st_error *err);
void st__store_close(struct store *s);
void st__store_set_busy_timeout(struct store *s, int ms);
int st__store_busy_timeout(const struct store *s);
int st__store_begin(struct store *s, st_error *err);   /* nests as savepoints */
int st__store_begin_read(struct store *s, st_error *err); /* a snapshot; end with rollback */
int st__store_commit(struct store *s, st_error *err);
void st__store_rollback(struct store *s);
int st__store_in_transaction(const struct store *s);
int st__store_user_version(struct store *s, int *out, st_error *err);
int st__store_is_wal(struct store *s);
/* The school the store's statements are about: a trust database holds many
 * (PostgreSQL: by URN; its default, the connected role's only school); a
 * database file is one school and refuses the choice. */
int st__store_set_school(struct store *s, const char *urn, st_error *err);
int st__store_schools(struct store *s, st_school_cb cb, void *payload, st_error *err);

/* --- schema (sqlite/schema.c) ---------------------------------------------- */
extern const int st__store_schema_version;
/* Bring the schema to st__store_schema_version (one transaction); refuses a
 * newer file with ST_ESCHEMA and touches nothing. */
int st__store_migrate(struct store *s, st_error *err);
/* Only up to version target (tests build an older file this way). */
int st__store_migrate_to(struct store *s, int target, st_error *err);
/* Compare the stored schema text (sqlite_schema) with what the migrations
 * write for the file's version; cb gets one line per difference, *drift
 * counts them. Nothing to compare (0) for version 0 or a newer file. */
typedef int (*store_line_cb)(const char *line, void *payload);
int st__store_schema_drift(struct store *s, store_line_cb cb, void *payload, int *drift,
		       st_error *err);
/* ST_OK when the file is at the current version (read-only opens). */
int st__store_check_version(struct store *s, int *file_version, st_error *err);

/* --- reference data and metadata (sqlite/refdata.c) ------------------------ */
/* *found is 0 when key is absent. */
int st__store_meta_get(struct store *s, const char *key, char *buf, size_t size, int *found,
		   st_error *err);
int st__store_meta_set(struct store *s, const char *key, const char *value, st_error *err);
int st__store_area_upsert(struct store *s, const char *code, const char *label, st_error *err);
int st__store_need_type_upsert(struct store *s, const char *code, const char *label,
			   const char *area, st_error *err);
int st__store_year_upsert(struct store *s, const char *code, int ord, const char *label,
		      st_error *err);
int st__store_year_exists(struct store *s, const char *code, int *exists, st_error *err);
/* The year group codes in order, comma-separated, into buf. */
int st__store_year_codes(struct store *s, char *buf, size_t size, st_error *err);
int st__store_area_exists(struct store *s, const char *code, int *exists, st_error *err);
/* Call cb for the need type with this (upper-case) code; ST_ENOTFOUND if none. */
int st__store_need_type_find(struct store *s, const char *code, st_need_type_cb cb, void *payload,
			 st_error *err);
int st__store_need_types(struct store *s, st_need_type_cb cb, void *payload, st_error *err);

/* --- pupils (sqlite/pupil.c) ----------------------------------------------- */
struct pupil_row {          /* what the model writes */
	const char *upn, *surname, *forename, *preferred, *year, *class_name;
	st_date dob, joined, left;
	const char *surname_key, *forename_key, *preferred_key;
	int64_t import_id;   /* the import writing it (0: none, a command) */
	long import_line;
};
int st__store_pupil_insert(struct store *s, const struct pupil_row *r, int64_t *out_id,
		       st_error *err);
int st__store_pupil_update(struct store *s, int64_t id, const struct pupil_row *r, st_error *err);
int st__store_pupil_get(struct store *s, int64_t id, st_pupil_cb cb, void *payload, st_error *err);
/* The first pupil with these folded names and date of birth that a UPN
 * cannot tell apart from a new one with upn (NULL: none); out->id 0 when
 * there is none. */
struct st__pupil_twin {
	int64_t id, import_id;
	long import_line;
	char upn[16], year[8], name[208];  /* name: display name (preferred or forename) */
	int left;
};
int st__store_pupil_same_person(struct store *s, const char *surname_key,
				const char *forename_key, const char *dob, const char *upn,
				struct st__pupil_twin *out, st_error *err);
int st__store_pupil_id_by_upn(struct store *s, const char *upn, int64_t *out_id, st_error *err);
/* Pupils whose folded names match: forename = a and surname = b, or
 * preferred = a and surname = b. */
int st__store_pupil_by_name(struct store *s, const char *forename_key, const char *surname_key,
			st_pupil_cb cb, void *payload, st_error *err);
int st__store_pupil_list(struct store *s, const st_pupil_filter *f, st_pupil_cb cb, void *payload,
		     st_error *err);
int st__store_pupil_set_status(struct store *s, int64_t id, char status, st_date since,
			   int64_t event_id, st_error *err);

/* --- register (sqlite/register.c) ------------------------------------------ */
struct register_row {
	int64_t pupil_id;
	char status;
	st_date date, parents_informed, plan_date, ceased_by_la;
	const char *reason, *source, *entered_by;
};
int st__store_register_insert(struct store *s, const struct register_row *r, int64_t *out_id,
			  st_error *err);
int st__store_register_latest(struct store *s, int64_t pupil_id, st_register_event *out,
			  st_error *err);
/* Who was informed of event_id ("parent", "young-person"). */
int st__store_register_set_informed_who(struct store *s, int64_t event_id, const char *who,
				    st_error *err);
int st__store_register_set_informed(struct store *s, int64_t event_id, st_date date,
				st_error *err);
int st__store_register_history(struct store *s, int64_t pupil_id, st_register_cb cb,
			   void *payload, st_error *err);
/* One event by id (strings borrowed inside cb); ST_ENOTFOUND when none. */
int st__store_register_get(struct store *s, int64_t event_id, st_register_cb cb, void *payload,
		       st_error *err);
int st__store_register_void(struct store *s, int64_t event_id, st_date date, const char *reason,
			st_error *err);
/* Put back the needs that the move to N on date ended (need_history rows
 * with why 'register-n' ended that day); *restored counts them. */
int st__store_need_restore(struct store *s, int64_t pupil_id, st_date date, int *restored,
		       st_error *err);

/* --- needs (sqlite/need.c) ------------------------------------------------- */
int st__store_need_upsert(struct store *s, int64_t pupil_id, const char *code, int rank,
		      st_date since, st_error *err);
int st__store_need_list(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
		    st_error *err);
/* Move the pupil's need code (NULL: every need) to need_history, ended on
 * ended (or its since, if later) for why ("removed", "register-n"). */
int st__store_need_end(struct store *s, int64_t pupil_id, const char *code, st_date ended,
		   const char *why, int *ended_count, st_error *err);
int st__store_need_history(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
		       st_error *err);

/* --- audit (sqlite/audit.c) ------------------------------------------------ */
int st__store_audit_insert(struct store *s, const st_audit_entry *e, st_error *err);
/* since_utc: "YYYY-MM-DDTHH:MM:SSZ", entries entered at or after it; NULL: all. */
int st__store_audit_list(struct store *s, const st_audit_filter *f, const char *since_utc,
		     st_audit_cb cb, void *payload, st_error *err);

/* --- configuration (sqlite/config.c) ---------------------------------------- */
/* *found is 0 when the key has no stored value. */
int st__store_config_get(struct store *s, const char *key, char *buf, size_t size, int *found,
		     st_error *err);
int st__store_config_set(struct store *s, const char *key, const char *value, st_error *err);
int st__store_config_unset(struct store *s, const char *key, int *deleted, st_error *err);

/* --- the graduated approach: cycles, outcomes, provision, meetings,
 *     specialists (sqlite/cycle.c and friends; issue 4) ------------------- */
/* Cycles read back with their derived phase ("review" from the review
 * date on), which needs today. */
int st__store_cycle_open_of(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
			void *payload, st_error *err);
int st__store_cycle_by_seq(struct store *s, int64_t pupil_id, int seq, st_date today,
		       st_cycle_cb cb, void *payload, st_error *err);
int st__store_cycle_latest(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
		       void *payload, st_error *err);
int st__store_cycle_insert(struct store *s, int64_t pupil_id, st_date opened_on,
		       int64_t previous_id, int64_t *out_id, st_error *err);
int st__store_cycle_set_assessment(struct store *s, int64_t id, st_date date, const char *summary,
			       st_error *err);
int st__store_cycle_set_plan(struct store *s, int64_t id, st_date date, st_date review_date,
			 st_error *err);
int st__store_cycle_set_review_date(struct store *s, int64_t id, st_date review_date,
				st_error *err);
int st__store_cycle_set_do(struct store *s, int64_t id, st_date date, st_error *err);
int st__store_cycle_close(struct store *s, int64_t id, st_date date, const char *decision,
		      const char *notes, st_error *err);
/* Close open cycle id with the decision 'left' on date (or its opening). */
int st__store_cycle_close_left(struct store *s, int64_t id, st_date date, st_error *err);
int st__store_cycle_list(struct store *s, const st_cycle_filter *f, st_date today, st_cycle_cb cb,
		     void *payload, st_error *err);
int st__store_cycle_history(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
			void *payload, st_error *err);
int st__store_reschedule_insert(struct store *s, int64_t cycle_id, st_date old_date,
			    st_date new_date, const char *reason, const char *user,
			    st_error *err);
int st__store_reschedule_list(struct store *s, int64_t cycle_id, st_reschedule_cb cb,
			  void *payload, st_error *err);
int st__store_view_insert(struct store *s, int64_t cycle_id, const char *who, const char *stage,
		      st_date date, const char *text, st_error *err);
int st__store_view_list(struct store *s, int64_t cycle_id, st_view_cb cb, void *payload,
		    st_error *err);

/* outcomes (sqlite/outcome.c) */
int st__store_outcome_insert(struct store *s, int64_t cycle_id, const char *text, const char *area,
			 const char *measure, st_date target, st_date created_on,
			 int64_t *out_id, st_error *err);
/* The outcome with its cycle's id in o->cycle_id; ST_ENOTFOUND when none. */
int st__store_outcome_get(struct store *s, int64_t id, st_outcome_cb cb, void *payload,
		      st_error *err);
int st__store_outcome_rate(struct store *s, int64_t id, const char *rating, const char *note,
		       st_date rated_on, st_error *err);
int st__store_outcome_list_cycle(struct store *s, int64_t cycle_id, st_outcome_cb cb,
			     void *payload, st_error *err);
int st__store_outcome_list_pupil(struct store *s, int64_t pupil_id, st_outcome_cb cb,
			     void *payload, st_error *err);
int st__store_outcome_counts(struct store *s, int64_t cycle_id, int *total, int *unrated,
			 st_error *err);
int st__store_outcome_update(struct store *s, int64_t id, const char *text, const char *area,
			 const char *measure, st_date target, st_error *err);
int st__store_cycle_set_strategies(struct store *s, int64_t id, const char *strategies,
			       const char *lead, st_error *err);
/* Copy every outcome of from_cycle not rated achieved into to_cycle,
 * linked to its origin; *copied gets the count. */
int st__store_outcome_carry_forward(struct store *s, int64_t from_cycle, int64_t to_cycle,
				st_date created_on, int *copied, st_error *err);

/* provision (sqlite/provision.c) */
int st__store_provision_insert(struct store *s, const st_provision *p, int64_t *out_id,
			   st_error *err);
int st__store_provision_get(struct store *s, int64_t id, st_provision_cb cb, void *payload,
			st_error *err);
int st__store_provision_set_end(struct store *s, int64_t id, st_date end, st_error *err);
/* End every provision of the pupil still running after date on date. */
int st__store_provision_end_active(struct store *s, int64_t pupil_id, st_date date, int *ended,
			       st_error *err);
/* include: ST__PROVISION_VOID (entered in error too), ST__PROVISION_LEFT
 * (every pupil: leavers too, for a period's costs). */
#define ST__PROVISION_VOID 1u
#define ST__PROVISION_LEFT 2u
int st__store_provision_list(struct store *s, int64_t pupil_id, st_date active_on,
			 unsigned include, st_provision_cb cb, void *payload, st_error *err);
/* Every pupil's provision ever recorded (leavers too, not entered in error),
 * with derived costs: what a period's costs are summed from. */
int st__provision_list_all_time(st_db *db, st_provision_cb cb, void *payload, st_error *err);
/* Rewrite the details of provision id (p's fields; pupil_id ignored). */
int st__store_provision_update(struct store *s, int64_t id, const st_provision *p,
			   st_error *err);
/* Mark provision id as entered in error on date, for reason. */
int st__store_provision_void(struct store *s, int64_t id, st_date date, const char *reason,
			 st_error *err);

/* the calendar's sources (sqlite/calendar.c): rows as st_calendar_item;
 * from and to are both bound (no ST_DATE_NONE) */
int st__store_calendar_reviews(struct store *s, st_date from, st_date to, st_calendar_cb cb,
			       void *payload, st_error *err);
int st__store_calendar_meetings(struct store *s, st_date from, st_date to, st_calendar_cb cb,
				void *payload, st_error *err);

/* term dates (sqlite/term.c); replaced says whether the term was set before */
int st__store_term_set(struct store *s, const char *year, const char *term, st_date start,
		       st_date end, int *replaced, st_error *err);
/* The terms set for year ("2026-27"; NULL: every year), by start. */
int st__store_term_list(struct store *s, const char *year, st_term_cb cb, void *payload,
			st_error *err);

/* meetings and specialists (sqlite/meeting.c) */
/* For the stores' meeting_attendee rows (lib meeting.c): the role stored
 * for bit i of st_who (NULL past the last), and the bits of the stored
 * roles joined by commas (NULL: none). */
const char *st__who_role(unsigned i);
unsigned st__who_bits(const char *roles);
int st__store_meeting_insert(struct store *s, int64_t pupil_id, int64_t cycle_id, st_date date,
			 const char *purpose, unsigned with, const char *notes, int planned,
			 int64_t *out_id, st_error *err);
int st__store_meeting_list(struct store *s, int64_t pupil_id, st_date since, int planned_only,
		       st_meeting_cb cb, void *payload, st_error *err);
/* The meeting id to cb (nothing when there is none). */
int st__store_meeting_get(struct store *s, int64_t id, st_meeting_cb cb, void *payload,
		      st_error *err);
/* Store m's date, purpose, notes, attendees and planned flag. */
int st__store_meeting_update(struct store *s, const st_meeting *m, st_error *err);
int st__store_specialist_insert(struct store *s, int64_t pupil_id, const char *service,
			    st_date consent, st_date date, const char *notes, int64_t *out_id,
			    st_error *err);
int st__store_specialist_list(struct store *s, int64_t pupil_id, st_specialist_cb cb,
			  void *payload, st_error *err);

/* --- CSV export and import (sqlite/export.c, sqlite/import.c; issue 5) --- */
/* One exported row: n cells as text (NULL for an absent value), with the
 * query's column names; valid only during the call. */
typedef int (*store_cells_cb)(const char *const *names, const char *const *cells, int n,
			      void *payload);
struct export_query {
	st_date from, to, active_on, today;
	const char *year;
	char status;           /* 0: K and E */
	int include_left;
	long due_days;         /* config due-window-days */
	long school_weeks;     /* config school-weeks */
	long *total;           /* non-NULL: count the rows into it first (progress) */
};
int st__store_export_reviews(struct store *s, const struct export_query *q, store_cells_cb cb,
			 void *payload, st_error *err);
int st__store_export_register(struct store *s, const struct export_query *q, store_cells_cb cb,
			  void *payload, st_error *err);
int st__store_export_outcomes(struct store *s, const struct export_query *q, store_cells_cb cb,
			  void *payload, st_error *err);
int st__store_export_provision(struct store *s, const struct export_query *q, store_cells_cb cb,
			   void *payload, st_error *err);
int st__store_export_meetings(struct store *s, const struct export_query *q, store_cells_cb cb,
			  void *payload, st_error *err);
int st__store_export_cycles(struct store *s, const struct export_query *q, store_cells_cb cb,
			void *payload, st_error *err);
/* The pupil export's sections (subject access): names and one query each. */
extern const int st__store_pupil_sections;
const char *st__store_pupil_section_name(int section);
/* ?1 is the pupil, ?2 today (for the phase shown). */
int st__store_export_pupil_section(struct store *s, int section, int64_t pupil_id, st_date today,
			       store_cells_cb cb, void *payload, st_error *err);
/* An import run (issue 15): started when its first change is written,
 * finished with the file's hash and counts and its audit row. */
int st__store_import_run_start(struct store *s, const char *file, const char *user,
			       int64_t *out_id, st_error *err);
int st__store_import_run_finish(struct store *s, const st_import_run *run, int64_t audit_id,
				st_error *err);
/* Link an existing pupil to the import (and line) that changed it. */
int st__store_pupil_set_import(struct store *s, int64_t pupil_id, int64_t import_id, long line,
			       st_error *err);
int st__store_pupil_import(struct store *s, int64_t pupil_id, st_import_run *run, long *line,
			   st_error *err);
/* How many pupils have no UPN (the import asks about duplicates only when
 * a pupil without one could be confused with a new row). */
int st__store_pupils_without_upn(struct store *s, long *out, st_error *err);
/* A load into an empty pupil table builds its secondary indexes once at
 * the end (*out NULL when the table was not empty: nothing deferred);
 * need_name_index builds the name index at once (a duplicate lookup is
 * coming); restore builds the rest (build 0: only frees, the transaction
 * is being rolled back). */
struct st__deferred_indexes;
int st__store_import_defer_indexes(struct store *s, struct st__deferred_indexes **out,
				   st_error *err);
int st__store_import_need_name_index(struct store *s, struct st__deferred_indexes *d,
				     st_error *err);
int st__store_import_restore_indexes(struct store *s, struct st__deferred_indexes *d, int build,
				     st_error *err);
/* The id of the audit row just written. */
int64_t st__store_last_id(struct store *s);
/* Around a bulk import: a larger (bounded) page cache, then the old size. */
int st__store_import_begin(struct store *s, int *saved_cache, st_error *err);
void st__store_import_end(struct store *s, int saved_cache);
/* Call cb once with the section's column names and NULL cells. */
int st__store_pupil_section_header(struct store *s, int section, store_cells_cb cb,
			       void *payload, st_error *err);

/* --- checks, configuration, EHC plan reviews (sqlite/check.c,
 *     sqlite/config.c; issue 6) ------------------------------------------ */
/* One row of a check query: the pupil, and the facts a rule looks at. */
struct check_row {
	int64_t pupil_id;
	const char *upn, *surname, *forename, *preferred, *year, *sort_key;
	const char *phase, *status;
	int seq;
	int64_t id, n1, n2;
	st_date d1, d2, d3, d4, d5, d6;
	int flags;
	st_date dob;           /* register rows: the pupil's date of birth */
};
typedef int (*check_row_cb)(const struct check_row *r, void *payload);

/* Open cycles of pupils on roll: id, seq, phase (stored), d1 opened_on,
 * d2 planned_on, d3 review_date. */
int st__store_check_cycles(struct store *s, check_row_cb cb, void *payload, st_error *err);
/* Pupils on roll at K or E: status, d1 status date, d2 parents informed,
 * d3 EHC plan date, d4 start of the current K/E spell, d5 last cycle
 * closed, d6 last EHC plan review; n1 open cycles (n2 is left 0: the
 * model adds the weekly cost from st__store_check_provision); flags bit 0 EHC needs assessment requested, bit 1
 * a meeting with parents held, or booked from today on, in the current term
 * (terms[0] to terms[1]), bit 2 one held in the term just ended (terms[2]
 * to terms[3]); dob. */
int st__store_check_register(struct store *s, st_date today, const st_date terms[4],
			 check_row_cb cb, void *payload, st_error *err);
/* The provision rows active on today (not voided), in pupil id order: the
 * raw terms of each weekly cost (st_provision_weekly_pence). */
struct provision_cost_row {
	int64_t pupil_id;
	int sessions, minutes, group_size;
	int64_t hourly_pence;
};
typedef int (*provision_cost_cb)(const struct provision_cost_row *r, void *payload);
int st__store_check_provision(struct store *s, st_date today, provision_cost_cb cb,
			      void *payload, st_error *err);
/* Unrated outcomes of open cycles, target before today: id outcome, seq,
 * d1 target date. */
int st__store_check_outcomes(struct store *s, st_date today, check_row_cb cb, void *payload,
			 st_error *err);
/* The last n closed cycles (fewer when it has fewer) of each pupil at K who
 * has no EHC needs assessment request, consecutive per pupil: d1 the
 * review date, n1 its outcomes not achieved, n2 its outcomes. */
int st__store_check_ehcna(struct store *s, int n, check_row_cb cb, void *payload, st_error *err);
int st__store_ehcp_review_insert(struct store *s, int64_t pupil_id, st_date date,
			     int64_t meeting_id, const char *notes, int early, int64_t *out_id,
			     st_error *err);

/* --- the school census (sqlite/census.c; issue 12) ----------------------- */
struct census_row {
	int64_t pupil_id;
	const char *upn, *surname, *forename, *year, *preferred, *sort_key;
	int year_ord;
	st_date dob, plan_date;
	char status;
	const char *need1, *need2;
	int top_up;
};
typedef int (*census_row_cb)(const struct census_row *r, void *payload);
/* Pupils on roll at K or E, by year order, surname, forename. */
int st__store_census_rows(struct store *s, census_row_cb cb, void *payload, st_error *err);
int st__store_pupil_set_top_up(struct store *s, int64_t id, int top_up, st_error *err);

/* concerns (sqlite/census.c; issue 12) */
int st__store_concern_insert(struct store *s, int64_t pupil_id, const char *from, st_date date,
			 const char *text, int64_t *out_id, st_error *err);
int st__store_concern_list(struct store *s, int64_t pupil_id, st_date since, st_concern_cb cb,
		       void *payload, st_error *err);

/* --- reliability: backup, doctor, erase, purge (issue 7) --------------- */
/* Online backup of the whole database into the file at dest (which exists,
 * empty, mode 0600); name is the file the user asked for, for messages. */
int st__store_backup_to(struct store *s, const char *dest, const char *name, st_error *err);
/* Each line PRAGMA integrity_check / foreign_key_check reports that is not
 * "ok", to cb. */
int st__store_integrity_check(struct store *s, store_line_cb cb, void *payload, st_error *err);
int st__store_foreign_key_check(struct store *s, store_line_cb cb, void *payload, st_error *err);
/* The database file's journal mode ("wal", "delete", ...) into buf. */
int st__store_journal_mode(struct store *s, char *buf, size_t size, st_error *err);
/* Checkpoint and truncate the WAL to 0 bytes within the busy timeout
 * (ST_EBUSY when a reader holds it); ST_OK without WAL. */
int st__store_truncate_log(struct store *s, st_error *err);
/* Delete a pupil row (children go by ON DELETE CASCADE) and clear the
 * detail of the pupil's older audit rows. */
int st__store_pupil_erase(struct store *s, int64_t id, st_error *err);
/* Ids of pupils who left before the date, oldest leaver first. */
typedef int (*store_id_cb)(int64_t id, void *payload);
/* Leavers born before born_before, by date of birth (the retention rule's
 * candidates; the model decides). */
int st__store_pupil_left_born_before(struct store *s, st_date born_before, store_id_cb cb,
				     void *payload, st_error *err);
int st__store_pupil_left_before(struct store *s, st_date before, store_id_cb cb, void *payload,
			    st_error *err);

#endif
