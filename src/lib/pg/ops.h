/* ops.h - the PostgreSQL store's functions, each declared with its slot's
 * type (store_ops.h), so the compiler holds them to the same parameters.
 * A slot not listed here is not served yet: store.c answers for it. */
#ifndef SENTRACK_PG_OPS_H
#define SENTRACK_PG_OPS_H

/* connection (pg/store.c) */
store_close_fn pgst_close;
store_set_busy_timeout_fn pgst_set_busy_timeout;
store_busy_timeout_fn pgst_busy_timeout;
store_begin_fn pgst_begin;
store_begin_read_fn pgst_begin_read;
store_commit_fn pgst_commit;
store_rollback_fn pgst_rollback;
store_in_transaction_fn pgst_in_transaction;
store_user_version_fn pgst_user_version;
store_is_wal_fn pgst_is_wal;
store_set_school_fn pgst_set_school;
store_schools_fn pgst_schools;
store_migrate_fn pgst_migrate;
store_migrate_to_fn pgst_migrate_to;
store_check_version_fn pgst_check_version;
store_last_id_fn pgst_last_id;

/* pg/refdata.c */
store_meta_get_fn pgst_meta_get;
store_meta_set_fn pgst_meta_set;
store_config_get_fn pgst_config_get;
store_config_set_fn pgst_config_set;
store_config_unset_fn pgst_config_unset;
store_area_upsert_fn pgst_area_upsert;
store_need_type_upsert_fn pgst_need_type_upsert;
store_year_upsert_fn pgst_year_upsert;
store_year_exists_fn pgst_year_exists;
store_area_exists_fn pgst_area_exists;
store_year_codes_fn pgst_year_codes;
store_need_type_find_fn pgst_need_type_find;
store_need_types_fn pgst_need_types;

/* pg/pupil.c */
store_pupil_insert_fn pgst_pupil_insert;
store_pupil_update_fn pgst_pupil_update;
store_pupil_get_fn pgst_pupil_get;
store_pupil_id_by_upn_fn pgst_pupil_id_by_upn;
store_pupil_same_person_fn pgst_pupil_same_person;
store_pupil_by_name_fn pgst_pupil_by_name;
store_pupil_list_fn pgst_pupil_list;
store_pupil_set_status_fn pgst_pupil_set_status;

/* pg/register.c */
store_register_insert_fn pgst_register_insert;
store_register_latest_fn pgst_register_latest;
store_register_set_informed_fn pgst_register_set_informed;
store_register_history_fn pgst_register_history;
store_register_set_informed_who_fn pgst_register_set_informed_who;
store_register_get_fn pgst_register_get;
store_register_void_fn pgst_register_void;

/* pg/need.c */
store_need_upsert_fn pgst_need_upsert;
store_need_list_fn pgst_need_list;
store_need_end_fn pgst_need_end;
store_need_history_fn pgst_need_history;
store_need_restore_fn pgst_need_restore;

/* pg/audit.c */
store_audit_insert_fn pgst_audit_insert;
store_audit_list_fn pgst_audit_list;

/* pg/import.c */
store_pupil_import_fn pgst_pupil_import;
store_pupils_without_upn_fn pgst_pupils_without_upn;

/* pg/cycle.c */
store_cycle_open_of_fn pgst_cycle_open_of;
store_cycle_by_seq_fn pgst_cycle_by_seq;
store_cycle_latest_fn pgst_cycle_latest;
store_cycle_insert_fn pgst_cycle_insert;
store_cycle_set_assessment_fn pgst_cycle_set_assessment;
store_cycle_set_plan_fn pgst_cycle_set_plan;
store_cycle_set_review_date_fn pgst_cycle_set_review_date;
store_cycle_set_do_fn pgst_cycle_set_do;
store_cycle_close_fn pgst_cycle_close;
store_cycle_close_left_fn pgst_cycle_close_left;
store_cycle_list_fn pgst_cycle_list;
store_cycle_history_fn pgst_cycle_history;
store_reschedule_insert_fn pgst_reschedule_insert;
store_reschedule_list_fn pgst_reschedule_list;
store_view_insert_fn pgst_view_insert;
store_view_list_fn pgst_view_list;
store_cycle_set_strategies_fn pgst_cycle_set_strategies;

/* pg/outcome.c */
store_outcome_insert_fn pgst_outcome_insert;
store_outcome_get_fn pgst_outcome_get;
store_outcome_rate_fn pgst_outcome_rate;
store_outcome_list_cycle_fn pgst_outcome_list_cycle;
store_outcome_list_pupil_fn pgst_outcome_list_pupil;
store_outcome_counts_fn pgst_outcome_counts;
store_outcome_carry_forward_fn pgst_outcome_carry_forward;
store_outcome_update_fn pgst_outcome_update;

/* pg/provision.c */
store_provision_insert_fn pgst_provision_insert;
store_provision_get_fn pgst_provision_get;
store_provision_set_end_fn pgst_provision_set_end;
store_provision_end_active_fn pgst_provision_end_active;
store_provision_list_fn pgst_provision_list;
store_provision_update_fn pgst_provision_update;
store_provision_void_fn pgst_provision_void;

/* pg/meeting.c */
store_meeting_insert_fn pgst_meeting_insert;
store_meeting_update_fn pgst_meeting_update;
store_meeting_list_fn pgst_meeting_list;
store_meeting_get_fn pgst_meeting_get;
store_specialist_insert_fn pgst_specialist_insert;
store_specialist_list_fn pgst_specialist_list;
/* pg/check.c */
store_check_cycles_fn pgst_check_cycles;
store_check_register_fn pgst_check_register;
store_check_provision_fn pgst_check_provision;
store_check_outcomes_fn pgst_check_outcomes;
store_check_ehcna_fn pgst_check_ehcna;
store_ehcp_review_insert_fn pgst_ehcp_review_insert;

/* pg/export.c */
store_export_reviews_fn pgst_export_reviews;
store_export_register_fn pgst_export_register;
store_export_outcomes_fn pgst_export_outcomes;
store_export_provision_fn pgst_export_provision;
store_export_meetings_fn pgst_export_meetings;
store_export_cycles_fn pgst_export_cycles;
store_export_pupil_section_fn pgst_export_pupil_section;
store_pupil_section_header_fn pgst_pupil_section_header;

/* pg/census.c */
store_census_rows_fn pgst_census_rows;
store_pupil_set_top_up_fn pgst_pupil_set_top_up;
store_concern_insert_fn pgst_concern_insert;
store_concern_list_fn pgst_concern_list;

/* pg/docs.c */
store_passport_get_fn pgst_passport_get;
store_passport_put_fn pgst_passport_put;
store_report_status_at_fn pgst_report_status_at;
store_report_moves_fn pgst_report_moves;
store_report_reviews_fn pgst_report_reviews;
store_report_parent_meetings_fn pgst_report_parent_meetings;
store_report_outcomes_fn pgst_report_outcomes;
store_report_ehcna_fn pgst_report_ehcna;

/* pg/term.c */
store_term_set_fn pgst_term_set;
store_term_list_fn pgst_term_list;

/* pg/calendar.c */
store_calendar_reviews_fn pgst_calendar_reviews;
store_calendar_meetings_fn pgst_calendar_meetings;
/* pg/ehc.c (the deadlines) */
store_ehcp_rows_fn pgst_ehcp_rows;
store_ehcna_open_rows_fn pgst_ehcna_open_rows;

/* pg/import.c (import runs, settings; pg-ehc) */
store_import_begin_fn pgst_import_begin;
store_import_end_fn pgst_import_end;
store_import_run_start_fn pgst_import_run_start;
store_import_run_finish_fn pgst_import_run_finish;
store_pupil_set_import_fn pgst_pupil_set_import;
store_import_defer_indexes_fn pgst_import_defer_indexes;
store_import_need_name_index_fn pgst_import_need_name_index;
store_import_restore_indexes_fn pgst_import_restore_indexes;

/* pg/ehc.c */
store_ehcna_add_fn pgst_ehcna_add;
store_ehcna_open_fn pgst_ehcna_open;
store_ehcna_set_assess_fn pgst_ehcna_set_assess;
store_ehcna_set_plan_fn pgst_ehcna_set_plan;
store_ehcna_list_fn pgst_ehcna_list;
store_ehcp_schedule_latest_fn pgst_ehcp_schedule_latest;
store_ehcp_schedule_add_fn pgst_ehcp_schedule_add;
store_ehcp_schedule_move_fn pgst_ehcp_schedule_move;
store_ehcp_schedule_done_fn pgst_ehcp_schedule_done;
store_ehcp_schedule_link_fn pgst_ehcp_schedule_link;
store_ehcp_amended_add_fn pgst_ehcp_amended_add;

/* pg/maintenance.c */
store_backup_to_fn pgst_backup_to;
store_integrity_check_fn pgst_integrity_check;
store_foreign_key_check_fn pgst_foreign_key_check;
store_journal_mode_fn pgst_journal_mode;
store_truncate_log_fn pgst_truncate_log;
store_pupil_erase_fn pgst_pupil_erase;
store_pupil_left_born_before_fn pgst_pupil_left_born_before;
store_pupil_left_before_fn pgst_pupil_left_before;
store_schema_drift_fn pgst_schema_drift;

#endif
