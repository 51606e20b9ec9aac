/* store_ops.h - the runtime seam between the model and a storage backend.
 *
 * A store is a backend's own struct whose first member is struct store, so
 * a struct store * names any backend's connection and s->ops its functions.
 * There is one slot per st__store_ function of store.h, store_docs.h and
 * store_ehc.h that takes a store (same name without the prefix, same
 * parameters); store.c dispatches each through it. A backend fills every
 * slot in one const table (SQLite: sqlst_store_ops in sqlite/ops.c).
 * tests/lint/store_ops.sh fails when a declaration, its slot, its dispatch
 * or the SQLite table's entry is missing: add all four together. */
#ifndef SENTRACK_STORE_OPS_H
#define SENTRACK_STORE_OPS_H

#include "store.h"
#include "store_docs.h"
#include "store_ehc.h"

struct store_ops;
struct store {
	const struct store_ops *ops;  /* the backend's table (constant) */
	void *module;  /* the loaded module serving it (pg_load.c), or NULL */
};

/* The PostgreSQL backend's store, from its module (pg_load.c); and the
 * module's handle let go once the store it served is closed. */
int st__pg_store_open(struct store **out, const char *locator, unsigned flags, st_error *err);
void st__pg_module_release(void *module);

/* One function type per slot: a backend declares its function with it
 * (`store_begin_fn sqlst_begin;`), so the compiler holds the two to the
 * same parameters. open makes the backend's store (locator: a path, or
 * NULL with ST_OPEN_MEMORY). */
typedef int store_open_fn(struct store **out, const char *locator, unsigned flags, st_error *err);
typedef void store_close_fn(struct store *s);
typedef void store_set_busy_timeout_fn(struct store *s, int ms);
typedef int store_busy_timeout_fn(const struct store *s);
typedef int store_begin_fn(struct store *s, st_error *err);
typedef int store_begin_read_fn(struct store *s, st_error *err);
typedef int store_commit_fn(struct store *s, st_error *err);
typedef void store_rollback_fn(struct store *s);
typedef int store_in_transaction_fn(const struct store *s);
typedef int store_user_version_fn(struct store *s, int *out, st_error *err);
typedef int store_is_wal_fn(struct store *s);
typedef int store_set_school_fn(struct store *s, const char *urn, st_error *err);
typedef int store_schools_fn(struct store *s, st_school_cb cb, void *payload, st_error *err);
typedef int store_migrate_fn(struct store *s, st_error *err);
typedef int store_migrate_to_fn(struct store *s, int target, st_error *err);
typedef int store_schema_drift_fn(struct store *s, store_line_cb cb, void *payload, int *drift,
			st_error *err);
typedef int store_check_version_fn(struct store *s, int *file_version, st_error *err);
typedef int store_meta_get_fn(struct store *s, const char *key, char *buf, size_t size,
			int *found, st_error *err);
typedef int store_meta_set_fn(struct store *s, const char *key, const char *value, st_error *err);
typedef int store_area_upsert_fn(struct store *s, const char *code, const char *label,
			st_error *err);
typedef int store_need_type_upsert_fn(struct store *s, const char *code, const char *label,
			const char *area, st_error *err);
typedef int store_year_upsert_fn(struct store *s, const char *code, int ord, const char *label,
			st_error *err);
typedef int store_year_exists_fn(struct store *s, const char *code, int *exists, st_error *err);
typedef int store_year_codes_fn(struct store *s, char *buf, size_t size, st_error *err);
typedef int store_area_exists_fn(struct store *s, const char *code, int *exists, st_error *err);
typedef int store_need_type_find_fn(struct store *s, const char *code, st_need_type_cb cb,
			void *payload, st_error *err);
typedef int store_need_types_fn(struct store *s, st_need_type_cb cb, void *payload, st_error *err);
typedef int store_pupil_insert_fn(struct store *s, const struct pupil_row *r, int64_t *out_id,
			st_error *err);
typedef int store_pupil_update_fn(struct store *s, int64_t id, const struct pupil_row *r,
			st_error *err);
typedef int store_pupil_get_fn(struct store *s, int64_t id, st_pupil_cb cb, void *payload,
			st_error *err);
typedef int store_pupil_same_person_fn(struct store *s, const char *surname_key,
			const char *forename_key, const char *dob, const char *upn,
			struct st__pupil_twin *out, st_error *err);
typedef int store_pupil_id_by_upn_fn(struct store *s, const char *upn, int64_t *out_id,
			st_error *err);
typedef int store_pupil_by_name_fn(struct store *s, const char *forename_key,
			const char *surname_key, st_pupil_cb cb, void *payload, st_error *err);
typedef int store_pupil_list_fn(struct store *s, const st_pupil_filter *f, st_pupil_cb cb,
			void *payload, st_error *err);
typedef int store_pupil_set_status_fn(struct store *s, int64_t id, char status, st_date since,
			int64_t event_id, st_error *err);
typedef int store_register_insert_fn(struct store *s, const struct register_row *r,
			int64_t *out_id, st_error *err);
typedef int store_register_latest_fn(struct store *s, int64_t pupil_id, st_register_event *out,
			st_error *err);
typedef int store_register_set_informed_who_fn(struct store *s, int64_t event_id, const char *who,
			st_error *err);
typedef int store_register_set_informed_fn(struct store *s, int64_t event_id, st_date date,
			st_error *err);
typedef int store_register_history_fn(struct store *s, int64_t pupil_id, st_register_cb cb,
			void *payload, st_error *err);
typedef int store_register_get_fn(struct store *s, int64_t event_id, st_register_cb cb,
			void *payload, st_error *err);
typedef int store_register_void_fn(struct store *s, int64_t event_id, st_date date,
			const char *reason, st_error *err);
typedef int store_need_restore_fn(struct store *s, int64_t pupil_id, st_date date, int *restored,
			st_error *err);
typedef int store_need_upsert_fn(struct store *s, int64_t pupil_id, const char *code, int rank,
			st_date since, st_error *err);
typedef int store_need_list_fn(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
			st_error *err);
typedef int store_need_end_fn(struct store *s, int64_t pupil_id, const char *code, st_date ended,
			const char *why, int *ended_count, st_error *err);
typedef int store_need_history_fn(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
			st_error *err);
typedef int store_audit_insert_fn(struct store *s, const st_audit_entry *e, st_error *err);
typedef int store_audit_list_fn(struct store *s, const st_audit_filter *f, const char *since_utc,
			st_audit_cb cb, void *payload, st_error *err);
typedef int store_config_get_fn(struct store *s, const char *key, char *buf, size_t size,
			int *found, st_error *err);
typedef int store_config_set_fn(struct store *s, const char *key, const char *value,
			st_error *err);
typedef int store_config_unset_fn(struct store *s, const char *key, int *deleted, st_error *err);
typedef int store_cycle_open_of_fn(struct store *s, int64_t pupil_id, st_date today,
			st_cycle_cb cb, void *payload, st_error *err);
typedef int store_cycle_by_seq_fn(struct store *s, int64_t pupil_id, int seq, st_date today,
			st_cycle_cb cb, void *payload, st_error *err);
typedef int store_cycle_latest_fn(struct store *s, int64_t pupil_id, st_date today,
			st_cycle_cb cb, void *payload, st_error *err);
typedef int store_cycle_insert_fn(struct store *s, int64_t pupil_id, st_date opened_on,
			int64_t previous_id, int64_t *out_id, st_error *err);
typedef int store_cycle_set_assessment_fn(struct store *s, int64_t id, st_date date,
			const char *summary, st_error *err);
typedef int store_cycle_set_plan_fn(struct store *s, int64_t id, st_date date,
			st_date review_date, st_error *err);
typedef int store_cycle_set_review_date_fn(struct store *s, int64_t id, st_date review_date,
			st_error *err);
typedef int store_cycle_set_do_fn(struct store *s, int64_t id, st_date date, st_error *err);
typedef int store_cycle_close_fn(struct store *s, int64_t id, st_date date, const char *decision,
			const char *notes, st_error *err);
typedef int store_cycle_close_left_fn(struct store *s, int64_t id, st_date date, st_error *err);
typedef int store_cycle_list_fn(struct store *s, const st_cycle_filter *f, st_date today,
			st_cycle_cb cb, void *payload, st_error *err);
typedef int store_cycle_history_fn(struct store *s, int64_t pupil_id, st_date today,
			st_cycle_cb cb, void *payload, st_error *err);
typedef int store_reschedule_insert_fn(struct store *s, int64_t cycle_id, st_date old_date,
			st_date new_date, const char *reason, const char *user, st_error *err);
typedef int store_reschedule_list_fn(struct store *s, int64_t cycle_id, st_reschedule_cb cb,
			void *payload, st_error *err);
typedef int store_view_insert_fn(struct store *s, int64_t cycle_id, const char *who,
			const char *stage, st_date date, const char *text, st_error *err);
typedef int store_view_list_fn(struct store *s, int64_t cycle_id, st_view_cb cb, void *payload,
			st_error *err);
typedef int store_outcome_insert_fn(struct store *s, int64_t cycle_id, const char *text,
			const char *area, const char *measure, st_date target, st_date created_on,
			int64_t *out_id, st_error *err);
typedef int store_outcome_get_fn(struct store *s, int64_t id, st_outcome_cb cb, void *payload,
			st_error *err);
typedef int store_outcome_rate_fn(struct store *s, int64_t id, const char *rating,
			const char *note, st_date rated_on, st_error *err);
typedef int store_outcome_list_cycle_fn(struct store *s, int64_t cycle_id, st_outcome_cb cb,
			void *payload, st_error *err);
typedef int store_outcome_list_pupil_fn(struct store *s, int64_t pupil_id, st_outcome_cb cb,
			void *payload, st_error *err);
typedef int store_outcome_counts_fn(struct store *s, int64_t cycle_id, int *total, int *unrated,
			st_error *err);
typedef int store_outcome_update_fn(struct store *s, int64_t id, const char *text,
			const char *area, const char *measure, st_date target, st_error *err);
typedef int store_cycle_set_strategies_fn(struct store *s, int64_t id, const char *strategies,
			const char *lead, st_error *err);
typedef int store_outcome_carry_forward_fn(struct store *s, int64_t from_cycle, int64_t to_cycle,
			st_date created_on, int *copied, st_error *err);
typedef int store_provision_insert_fn(struct store *s, const st_provision *p, int64_t *out_id,
			st_error *err);
typedef int store_provision_get_fn(struct store *s, int64_t id, st_provision_cb cb, void *payload,
			st_error *err);
typedef int store_provision_set_end_fn(struct store *s, int64_t id, st_date end, st_error *err);
typedef int store_provision_end_active_fn(struct store *s, int64_t pupil_id, st_date date,
			int *ended, st_error *err);
typedef int store_provision_list_fn(struct store *s, int64_t pupil_id, st_date active_on,
			unsigned include, st_provision_cb cb, void *payload, st_error *err);
typedef int store_provision_update_fn(struct store *s, int64_t id, const st_provision *p,
			st_error *err);
typedef int store_provision_void_fn(struct store *s, int64_t id, st_date date, const char *reason,
			st_error *err);
typedef int store_calendar_reviews_fn(struct store *s, st_date from, st_date to,
			st_calendar_cb cb, void *payload, st_error *err);
typedef int store_calendar_meetings_fn(struct store *s, st_date from, st_date to,
			st_calendar_cb cb, void *payload, st_error *err);
typedef int store_term_set_fn(struct store *s, const char *year, const char *term, st_date start,
			st_date end, int *replaced, st_error *err);
typedef int store_term_list_fn(struct store *s, const char *year, st_term_cb cb, void *payload,
			st_error *err);
typedef int store_meeting_insert_fn(struct store *s, int64_t pupil_id, int64_t cycle_id,
			st_date date, const char *purpose, unsigned with, const char *notes,
			int planned, int64_t *out_id, st_error *err);
typedef int store_meeting_list_fn(struct store *s, int64_t pupil_id, st_date since,
			int planned_only, st_meeting_cb cb, void *payload, st_error *err);
typedef int store_meeting_get_fn(struct store *s, int64_t id, st_meeting_cb cb, void *payload,
			st_error *err);
typedef int store_meeting_update_fn(struct store *s, const st_meeting *m, st_error *err);
typedef int store_specialist_insert_fn(struct store *s, int64_t pupil_id, const char *service,
			st_date consent, st_date date, const char *notes, int64_t *out_id,
			st_error *err);
typedef int store_specialist_list_fn(struct store *s, int64_t pupil_id, st_specialist_cb cb,
			void *payload, st_error *err);
typedef int store_export_reviews_fn(struct store *s, const struct export_query *q,
			store_cells_cb cb, void *payload, st_error *err);
typedef int store_export_register_fn(struct store *s, const struct export_query *q,
			store_cells_cb cb, void *payload, st_error *err);
typedef int store_export_outcomes_fn(struct store *s, const struct export_query *q,
			store_cells_cb cb, void *payload, st_error *err);
typedef int store_export_provision_fn(struct store *s, const struct export_query *q,
			store_cells_cb cb, void *payload, st_error *err);
typedef int store_export_meetings_fn(struct store *s, const struct export_query *q,
			store_cells_cb cb, void *payload, st_error *err);
typedef int store_export_cycles_fn(struct store *s, const struct export_query *q,
			store_cells_cb cb, void *payload, st_error *err);
typedef int store_export_pupil_section_fn(struct store *s, int section, int64_t pupil_id,
			st_date today, store_cells_cb cb, void *payload, st_error *err);
typedef int store_import_run_start_fn(struct store *s, const char *file, const char *user,
			int64_t *out_id, st_error *err);
typedef int store_import_run_finish_fn(struct store *s, const st_import_run *run,
			int64_t audit_id, st_error *err);
typedef int store_pupil_set_import_fn(struct store *s, int64_t pupil_id, int64_t import_id,
			long line, st_error *err);
typedef int store_pupil_import_fn(struct store *s, int64_t pupil_id, st_import_run *run,
			long *line, st_error *err);
typedef int store_pupils_without_upn_fn(struct store *s, long *out, st_error *err);
typedef int store_import_defer_indexes_fn(struct store *s, struct st__deferred_indexes **out,
			st_error *err);
typedef int store_import_need_name_index_fn(struct store *s, struct st__deferred_indexes *d,
			st_error *err);
typedef int store_import_restore_indexes_fn(struct store *s, struct st__deferred_indexes *d,
			int build, st_error *err);
typedef int64_t store_last_id_fn(struct store *s);
typedef int store_import_begin_fn(struct store *s, int *saved_cache, st_error *err);
typedef void store_import_end_fn(struct store *s, int saved_cache);
typedef int store_pupil_section_header_fn(struct store *s, int section, store_cells_cb cb,
			void *payload, st_error *err);
typedef int store_check_cycles_fn(struct store *s, check_row_cb cb, void *payload, st_error *err);
typedef int store_check_register_fn(struct store *s, st_date today, const st_date terms[4],
			check_row_cb cb, void *payload, st_error *err);
typedef int store_check_provision_fn(struct store *s, st_date today, provision_cost_cb cb,
			void *payload, st_error *err);
typedef int store_check_outcomes_fn(struct store *s, st_date today, check_row_cb cb,
			void *payload, st_error *err);
typedef int store_check_ehcna_fn(struct store *s, int n, check_row_cb cb, void *payload,
			st_error *err);
typedef int store_ehcp_review_insert_fn(struct store *s, int64_t pupil_id, st_date date,
			int64_t meeting_id, const char *notes, int early, int64_t *out_id,
			st_error *err);
typedef int store_census_rows_fn(struct store *s, census_row_cb cb, void *payload, st_error *err);
typedef int store_pupil_set_top_up_fn(struct store *s, int64_t id, int top_up, st_error *err);
typedef int store_concern_insert_fn(struct store *s, int64_t pupil_id, const char *from,
			st_date date, const char *text, int64_t *out_id, st_error *err);
typedef int store_concern_list_fn(struct store *s, int64_t pupil_id, st_date since,
			st_concern_cb cb, void *payload, st_error *err);
typedef int store_backup_to_fn(struct store *s, const char *dest, const char *name, st_error *err);
typedef int store_integrity_check_fn(struct store *s, store_line_cb cb, void *payload,
			st_error *err);
typedef int store_foreign_key_check_fn(struct store *s, store_line_cb cb, void *payload,
			st_error *err);
typedef int store_journal_mode_fn(struct store *s, char *buf, size_t size, st_error *err);
typedef int store_truncate_log_fn(struct store *s, st_error *err);
typedef int store_pupil_erase_fn(struct store *s, int64_t id, st_error *err);
typedef int store_pupil_left_born_before_fn(struct store *s, st_date born_before, store_id_cb cb,
			void *payload, st_error *err);
typedef int store_pupil_left_before_fn(struct store *s, st_date before, store_id_cb cb,
			void *payload, st_error *err);
typedef int store_passport_get_fn(struct store *s, int64_t pupil_id, passport_cb cb,
			void *payload, int *found, st_error *err);
typedef int store_passport_put_fn(struct store *s, int64_t pupil_id, const struct passport_row *r,
			st_error *err);
typedef int store_report_status_at_fn(struct store *s, st_date on, status_at_cb cb, void *payload,
			st_error *err);
typedef int store_report_moves_fn(struct store *s, st_date from, st_date to, long *entries,
			long *exits, long *supported, st_error *err);
typedef int store_report_reviews_fn(struct store *s, st_date from, st_date to, long *held,
			long *on_time, st_error *err);
typedef int store_report_parent_meetings_fn(struct store *s, st_date from, st_date to, long *n,
			st_error *err);
typedef int store_report_outcomes_fn(struct store *s, st_date from, st_date to, long counts[3],
			st_error *err);
typedef int store_report_ehcna_fn(struct store *s, st_date from, st_date to, long *requests,
			long *plans, st_error *err);
typedef int store_ehcna_add_fn(struct store *s, int64_t pupil_id, int64_t cycle_id, st_date date,
			const char *by, st_date parents_informed, const char *decided_by,
			int64_t *out_id, st_error *err);
typedef int store_ehcna_open_fn(struct store *s, int64_t pupil_id, st_ehcna *out, int *found,
			st_error *err);
typedef int store_ehcna_set_assess_fn(struct store *s, int64_t id, const char *assess,
			st_date date, st_error *err);
typedef int store_ehcna_set_plan_fn(struct store *s, int64_t id, const char *plan, st_date date,
			st_error *err);
typedef int store_ehcna_list_fn(struct store *s, int64_t pupil_id, st_ehcna_cb cb, void *payload,
			st_error *err);
typedef int store_ehcp_schedule_latest_fn(struct store *s, int64_t pupil_id,
			st_ehcp_schedule_row *out, int *found, st_error *err);
typedef int store_ehcp_schedule_add_fn(struct store *s, int64_t pupil_id, st_date meeting,
			int64_t *out_id, st_error *err);
typedef int store_ehcp_schedule_move_fn(struct store *s, int64_t id, st_date meeting,
			st_error *err);
typedef int store_ehcp_schedule_done_fn(struct store *s, int64_t id, const char *step,
			st_date date, st_error *err);
typedef int store_ehcp_schedule_link_fn(struct store *s, int64_t id, int64_t review_id,
			st_error *err);
typedef int store_ehcp_amended_add_fn(struct store *s, int64_t pupil_id, st_date date,
			int64_t *out_id, st_error *err);
typedef int store_ehcp_rows_fn(struct store *s, ehcp_row_cb cb, void *payload, st_error *err);
typedef int store_ehcna_open_rows_fn(struct store *s, ehcna_open_cb cb, void *payload,
			st_error *err);

struct store_ops {
	store_open_fn *open;
	store_close_fn *close;
	store_set_busy_timeout_fn *set_busy_timeout;
	store_busy_timeout_fn *busy_timeout;
	store_begin_fn *begin;
	store_begin_read_fn *begin_read;
	store_commit_fn *commit;
	store_rollback_fn *rollback;
	store_in_transaction_fn *in_transaction;
	store_user_version_fn *user_version;
	store_is_wal_fn *is_wal;
	store_set_school_fn *set_school;
	store_schools_fn *schools;
	store_migrate_fn *migrate;
	store_migrate_to_fn *migrate_to;
	store_schema_drift_fn *schema_drift;
	store_check_version_fn *check_version;
	store_meta_get_fn *meta_get;
	store_meta_set_fn *meta_set;
	store_area_upsert_fn *area_upsert;
	store_need_type_upsert_fn *need_type_upsert;
	store_year_upsert_fn *year_upsert;
	store_year_exists_fn *year_exists;
	store_year_codes_fn *year_codes;
	store_area_exists_fn *area_exists;
	store_need_type_find_fn *need_type_find;
	store_need_types_fn *need_types;
	store_pupil_insert_fn *pupil_insert;
	store_pupil_update_fn *pupil_update;
	store_pupil_get_fn *pupil_get;
	store_pupil_same_person_fn *pupil_same_person;
	store_pupil_id_by_upn_fn *pupil_id_by_upn;
	store_pupil_by_name_fn *pupil_by_name;
	store_pupil_list_fn *pupil_list;
	store_pupil_set_status_fn *pupil_set_status;
	store_register_insert_fn *register_insert;
	store_register_latest_fn *register_latest;
	store_register_set_informed_who_fn *register_set_informed_who;
	store_register_set_informed_fn *register_set_informed;
	store_register_history_fn *register_history;
	store_register_get_fn *register_get;
	store_register_void_fn *register_void;
	store_need_restore_fn *need_restore;
	store_need_upsert_fn *need_upsert;
	store_need_list_fn *need_list;
	store_need_end_fn *need_end;
	store_need_history_fn *need_history;
	store_audit_insert_fn *audit_insert;
	store_audit_list_fn *audit_list;
	store_config_get_fn *config_get;
	store_config_set_fn *config_set;
	store_config_unset_fn *config_unset;
	store_cycle_open_of_fn *cycle_open_of;
	store_cycle_by_seq_fn *cycle_by_seq;
	store_cycle_latest_fn *cycle_latest;
	store_cycle_insert_fn *cycle_insert;
	store_cycle_set_assessment_fn *cycle_set_assessment;
	store_cycle_set_plan_fn *cycle_set_plan;
	store_cycle_set_review_date_fn *cycle_set_review_date;
	store_cycle_set_do_fn *cycle_set_do;
	store_cycle_close_fn *cycle_close;
	store_cycle_close_left_fn *cycle_close_left;
	store_cycle_list_fn *cycle_list;
	store_cycle_history_fn *cycle_history;
	store_reschedule_insert_fn *reschedule_insert;
	store_reschedule_list_fn *reschedule_list;
	store_view_insert_fn *view_insert;
	store_view_list_fn *view_list;
	store_outcome_insert_fn *outcome_insert;
	store_outcome_get_fn *outcome_get;
	store_outcome_rate_fn *outcome_rate;
	store_outcome_list_cycle_fn *outcome_list_cycle;
	store_outcome_list_pupil_fn *outcome_list_pupil;
	store_outcome_counts_fn *outcome_counts;
	store_outcome_update_fn *outcome_update;
	store_cycle_set_strategies_fn *cycle_set_strategies;
	store_outcome_carry_forward_fn *outcome_carry_forward;
	store_provision_insert_fn *provision_insert;
	store_provision_get_fn *provision_get;
	store_provision_set_end_fn *provision_set_end;
	store_provision_end_active_fn *provision_end_active;
	store_provision_list_fn *provision_list;
	store_provision_update_fn *provision_update;
	store_provision_void_fn *provision_void;
	store_calendar_reviews_fn *calendar_reviews;
	store_calendar_meetings_fn *calendar_meetings;
	store_term_set_fn *term_set;
	store_term_list_fn *term_list;
	store_meeting_insert_fn *meeting_insert;
	store_meeting_list_fn *meeting_list;
	store_meeting_get_fn *meeting_get;
	store_meeting_update_fn *meeting_update;
	store_specialist_insert_fn *specialist_insert;
	store_specialist_list_fn *specialist_list;
	store_export_reviews_fn *export_reviews;
	store_export_register_fn *export_register;
	store_export_outcomes_fn *export_outcomes;
	store_export_provision_fn *export_provision;
	store_export_meetings_fn *export_meetings;
	store_export_cycles_fn *export_cycles;
	store_export_pupil_section_fn *export_pupil_section;
	store_import_run_start_fn *import_run_start;
	store_import_run_finish_fn *import_run_finish;
	store_pupil_set_import_fn *pupil_set_import;
	store_pupil_import_fn *pupil_import;
	store_pupils_without_upn_fn *pupils_without_upn;
	store_import_defer_indexes_fn *import_defer_indexes;
	store_import_need_name_index_fn *import_need_name_index;
	store_import_restore_indexes_fn *import_restore_indexes;
	store_last_id_fn *last_id;
	store_import_begin_fn *import_begin;
	store_import_end_fn *import_end;
	store_pupil_section_header_fn *pupil_section_header;
	store_check_cycles_fn *check_cycles;
	store_check_register_fn *check_register;
	store_check_provision_fn *check_provision;
	store_check_outcomes_fn *check_outcomes;
	store_check_ehcna_fn *check_ehcna;
	store_ehcp_review_insert_fn *ehcp_review_insert;
	store_census_rows_fn *census_rows;
	store_pupil_set_top_up_fn *pupil_set_top_up;
	store_concern_insert_fn *concern_insert;
	store_concern_list_fn *concern_list;
	store_backup_to_fn *backup_to;
	store_integrity_check_fn *integrity_check;
	store_foreign_key_check_fn *foreign_key_check;
	store_journal_mode_fn *journal_mode;
	store_truncate_log_fn *truncate_log;
	store_pupil_erase_fn *pupil_erase;
	store_pupil_left_born_before_fn *pupil_left_born_before;
	store_pupil_left_before_fn *pupil_left_before;
	store_passport_get_fn *passport_get;
	store_passport_put_fn *passport_put;
	store_report_status_at_fn *report_status_at;
	store_report_moves_fn *report_moves;
	store_report_reviews_fn *report_reviews;
	store_report_parent_meetings_fn *report_parent_meetings;
	store_report_outcomes_fn *report_outcomes;
	store_report_ehcna_fn *report_ehcna;
	store_ehcna_add_fn *ehcna_add;
	store_ehcna_open_fn *ehcna_open;
	store_ehcna_set_assess_fn *ehcna_set_assess;
	store_ehcna_set_plan_fn *ehcna_set_plan;
	store_ehcna_list_fn *ehcna_list;
	store_ehcp_schedule_latest_fn *ehcp_schedule_latest;
	store_ehcp_schedule_add_fn *ehcp_schedule_add;
	store_ehcp_schedule_move_fn *ehcp_schedule_move;
	store_ehcp_schedule_done_fn *ehcp_schedule_done;
	store_ehcp_schedule_link_fn *ehcp_schedule_link;
	store_ehcp_amended_add_fn *ehcp_amended_add;
	store_ehcp_rows_fn *ehcp_rows;
	store_ehcna_open_rows_fn *ehcna_open_rows;
};

/* The backends' tables. */
extern const struct store_ops sqlst_store_ops;

#endif
