/* store.c - the runtime seam: st__store_open picks the backend the locator
 * names, and every other st__store_X(s, ...) of store.h, store_docs.h and
 * store_ehc.h calls s's backend through its table (s->ops->X), so the model
 * never knows which backend it talks to (store_ops.h). */
#include "store_ops.h"

/* A slot a backend leaves NULL is work it does not do yet (the PostgreSQL
 * backend is being filled in, docs/trust.md): the command fails with 66,
 * naming the slot, and since every command is one transaction nothing is
 * written. Expects s and err in scope, and err last among the arguments. */
#define SERVE(slot, ...) \
	(s->ops->slot ? s->ops->slot(s, __VA_ARGS__) : st__store_unserved(#slot, err))

static int st__store_unserved(const char *slot, st_error *err)
{
	return st_error_set(err, ST_ENODB, "the PostgreSQL backend does not serve this command "
			    "yet (its storage function `%s` is still to come, docs/trust.md); "
			    "use a database file", slot);
}

int st__store_open(struct store **out, st_backend backend, const char *locator, unsigned flags,
		   st_error *err)
{
	*out = NULL;
	if (backend == ST_BACKEND_POSTGRESQL) {
		if (flags & ST_OPEN_NO_WAL)
			return st_error_set(err, ST_EUSAGE, "--no-wal: a journal option of database "
					    "files; a PostgreSQL database has no journal mode to "
					    "choose");
		if (flags & ST_OPEN_CREATE)
			return st_error_set(err, ST_EUSAGE, "a trust's PostgreSQL database is made "
					    "by its admin's `sentrack trust init` (docs/trust.md); "
					    "`init` and `demo` make database files");
		return st__pg_store_open(out, locator, flags, err);
	}
	return sqlst_store_ops.open(out, locator, flags, err);
}

void st__store_close(struct store *s)
{
	if (!s)
		return;
	void *module = s->module;
	s->ops->close(s);
	st__pg_module_release(module);
}

void st__store_set_busy_timeout(struct store *s, int ms)
{
	s->ops->set_busy_timeout(s, ms);
}

int st__store_busy_timeout(const struct store *s)
{
	return s->ops->busy_timeout(s);
}

int st__store_begin(struct store *s, st_error *err)
{
	return SERVE(begin, err);
}

int st__store_begin_read(struct store *s, st_error *err)
{
	return SERVE(begin_read, err);
}

int st__store_commit(struct store *s, st_error *err)
{
	return SERVE(commit, err);
}

void st__store_rollback(struct store *s)
{
	s->ops->rollback(s);
}

int st__store_in_transaction(const struct store *s)
{
	return s->ops->in_transaction(s);
}

int st__store_user_version(struct store *s, int *out, st_error *err)
{
	return SERVE(user_version, out, err);
}

int st__store_is_wal(struct store *s)
{
	return s->ops->is_wal(s);
}

int st__store_set_school(struct store *s, const char *urn, st_error *err)
{
	return SERVE(set_school, urn, err);
}

int st__store_schools(struct store *s, st_school_cb cb, void *payload, st_error *err)
{
	return SERVE(schools, cb, payload, err);
}

int st__store_migrate(struct store *s, st_error *err)
{
	return SERVE(migrate, err);
}

int st__store_migrate_to(struct store *s, int target, st_error *err)
{
	return SERVE(migrate_to, target, err);
}

int st__store_schema_drift(struct store *s, store_line_cb cb, void *payload, int *drift,
		st_error *err)
{
	return SERVE(schema_drift, cb, payload, drift, err);
}

int st__store_check_version(struct store *s, int *file_version, st_error *err)
{
	return SERVE(check_version, file_version, err);
}

int st__store_meta_get(struct store *s, const char *key, char *buf, size_t size, int *found,
		st_error *err)
{
	return SERVE(meta_get, key, buf, size, found, err);
}

int st__store_meta_set(struct store *s, const char *key, const char *value, st_error *err)
{
	return SERVE(meta_set, key, value, err);
}

int st__store_area_upsert(struct store *s, const char *code, const char *label, st_error *err)
{
	return SERVE(area_upsert, code, label, err);
}

int st__store_need_type_upsert(struct store *s, const char *code, const char *label,
		const char *area, st_error *err)
{
	return SERVE(need_type_upsert, code, label, area, err);
}

int st__store_year_upsert(struct store *s, const char *code, int ord, const char *label,
		st_error *err)
{
	return SERVE(year_upsert, code, ord, label, err);
}

int st__store_year_exists(struct store *s, const char *code, int *exists, st_error *err)
{
	return SERVE(year_exists, code, exists, err);
}

int st__store_year_codes(struct store *s, char *buf, size_t size, st_error *err)
{
	return SERVE(year_codes, buf, size, err);
}

int st__store_area_exists(struct store *s, const char *code, int *exists, st_error *err)
{
	return SERVE(area_exists, code, exists, err);
}

int st__store_need_type_find(struct store *s, const char *code, st_need_type_cb cb, void *payload,
		st_error *err)
{
	return SERVE(need_type_find, code, cb, payload, err);
}

int st__store_need_types(struct store *s, st_need_type_cb cb, void *payload, st_error *err)
{
	return SERVE(need_types, cb, payload, err);
}

int st__store_pupil_insert(struct store *s, const struct pupil_row *r, int64_t *out_id,
		st_error *err)
{
	return SERVE(pupil_insert, r, out_id, err);
}

int st__store_pupil_update(struct store *s, int64_t id, const struct pupil_row *r, st_error *err)
{
	return SERVE(pupil_update, id, r, err);
}

int st__store_pupil_get(struct store *s, int64_t id, st_pupil_cb cb, void *payload, st_error *err)
{
	return SERVE(pupil_get, id, cb, payload, err);
}

int st__store_pupil_same_person(struct store *s, const char *surname_key,
		const char *forename_key, const char *dob, const char *upn,
		struct st__pupil_twin *out, st_error *err)
{
	return SERVE(pupil_same_person, surname_key, forename_key, dob, upn, out, err);
}

int st__store_pupil_id_by_upn(struct store *s, const char *upn, int64_t *out_id, st_error *err)
{
	return SERVE(pupil_id_by_upn, upn, out_id, err);
}

int st__store_pupil_by_name(struct store *s, const char *forename_key, const char *surname_key,
		st_pupil_cb cb, void *payload, st_error *err)
{
	return SERVE(pupil_by_name, forename_key, surname_key, cb, payload, err);
}

int st__store_pupil_list(struct store *s, const st_pupil_filter *f, st_pupil_cb cb, void *payload,
		st_error *err)
{
	return SERVE(pupil_list, f, cb, payload, err);
}

int st__store_pupil_set_status(struct store *s, int64_t id, char status, st_date since,
		int64_t event_id, st_error *err)
{
	return SERVE(pupil_set_status, id, status, since, event_id, err);
}

int st__store_register_insert(struct store *s, const struct register_row *r, int64_t *out_id,
		st_error *err)
{
	return SERVE(register_insert, r, out_id, err);
}

int st__store_register_latest(struct store *s, int64_t pupil_id, st_register_event *out,
		st_error *err)
{
	return SERVE(register_latest, pupil_id, out, err);
}

int st__store_register_set_informed_who(struct store *s, int64_t event_id, const char *who,
		st_error *err)
{
	return SERVE(register_set_informed_who, event_id, who, err);
}

int st__store_register_set_informed(struct store *s, int64_t event_id, st_date date, st_error *err)
{
	return SERVE(register_set_informed, event_id, date, err);
}

int st__store_register_history(struct store *s, int64_t pupil_id, st_register_cb cb,
		void *payload, st_error *err)
{
	return SERVE(register_history, pupil_id, cb, payload, err);
}

int st__store_register_get(struct store *s, int64_t event_id, st_register_cb cb, void *payload,
		st_error *err)
{
	return SERVE(register_get, event_id, cb, payload, err);
}

int st__store_register_void(struct store *s, int64_t event_id, st_date date, const char *reason,
		st_error *err)
{
	return SERVE(register_void, event_id, date, reason, err);
}

int st__store_need_restore(struct store *s, int64_t pupil_id, st_date date, int *restored,
		st_error *err)
{
	return SERVE(need_restore, pupil_id, date, restored, err);
}

int st__store_need_upsert(struct store *s, int64_t pupil_id, const char *code, int rank,
		st_date since, st_error *err)
{
	return SERVE(need_upsert, pupil_id, code, rank, since, err);
}

int st__store_need_list(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
		st_error *err)
{
	return SERVE(need_list, pupil_id, cb, payload, err);
}

int st__store_need_end(struct store *s, int64_t pupil_id, const char *code, st_date ended,
		const char *why, int *ended_count, st_error *err)
{
	return SERVE(need_end, pupil_id, code, ended, why, ended_count, err);
}

int st__store_need_history(struct store *s, int64_t pupil_id, st_need_cb cb, void *payload,
		st_error *err)
{
	return SERVE(need_history, pupil_id, cb, payload, err);
}

int st__store_audit_insert(struct store *s, const st_audit_entry *e, st_error *err)
{
	return SERVE(audit_insert, e, err);
}

int st__store_audit_list(struct store *s, const st_audit_filter *f, const char *since_utc,
		st_audit_cb cb, void *payload, st_error *err)
{
	return SERVE(audit_list, f, since_utc, cb, payload, err);
}

int st__store_config_get(struct store *s, const char *key, char *buf, size_t size, int *found,
		st_error *err)
{
	return SERVE(config_get, key, buf, size, found, err);
}

int st__store_config_set(struct store *s, const char *key, const char *value, st_error *err)
{
	return SERVE(config_set, key, value, err);
}

int st__store_config_unset(struct store *s, const char *key, int *deleted, st_error *err)
{
	return SERVE(config_unset, key, deleted, err);
}

int st__store_cycle_open_of(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
		void *payload, st_error *err)
{
	return SERVE(cycle_open_of, pupil_id, today, cb, payload, err);
}

int st__store_cycle_by_seq(struct store *s, int64_t pupil_id, int seq, st_date today,
		st_cycle_cb cb, void *payload, st_error *err)
{
	return SERVE(cycle_by_seq, pupil_id, seq, today, cb, payload, err);
}

int st__store_cycle_latest(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
		void *payload, st_error *err)
{
	return SERVE(cycle_latest, pupil_id, today, cb, payload, err);
}

int st__store_cycle_insert(struct store *s, int64_t pupil_id, st_date opened_on,
		int64_t previous_id, int64_t *out_id, st_error *err)
{
	return SERVE(cycle_insert, pupil_id, opened_on, previous_id, out_id, err);
}

int st__store_cycle_set_assessment(struct store *s, int64_t id, st_date date, const char *summary,
		st_error *err)
{
	return SERVE(cycle_set_assessment, id, date, summary, err);
}

int st__store_cycle_set_plan(struct store *s, int64_t id, st_date date, st_date review_date,
		st_error *err)
{
	return SERVE(cycle_set_plan, id, date, review_date, err);
}

int st__store_cycle_set_review_date(struct store *s, int64_t id, st_date review_date,
		st_error *err)
{
	return SERVE(cycle_set_review_date, id, review_date, err);
}

int st__store_cycle_set_do(struct store *s, int64_t id, st_date date, st_error *err)
{
	return SERVE(cycle_set_do, id, date, err);
}

int st__store_cycle_close(struct store *s, int64_t id, st_date date, const char *decision,
		const char *notes, st_error *err)
{
	return SERVE(cycle_close, id, date, decision, notes, err);
}

int st__store_cycle_close_left(struct store *s, int64_t id, st_date date, st_error *err)
{
	return SERVE(cycle_close_left, id, date, err);
}

int st__store_cycle_list(struct store *s, const st_cycle_filter *f, st_date today, st_cycle_cb cb,
		void *payload, st_error *err)
{
	return SERVE(cycle_list, f, today, cb, payload, err);
}

int st__store_cycle_history(struct store *s, int64_t pupil_id, st_date today, st_cycle_cb cb,
		void *payload, st_error *err)
{
	return SERVE(cycle_history, pupil_id, today, cb, payload, err);
}

int st__store_reschedule_insert(struct store *s, int64_t cycle_id, st_date old_date,
		st_date new_date, const char *reason, const char *user, st_error *err)
{
	return SERVE(reschedule_insert, cycle_id, old_date, new_date, reason, user, err);
}

int st__store_reschedule_list(struct store *s, int64_t cycle_id, st_reschedule_cb cb,
		void *payload, st_error *err)
{
	return SERVE(reschedule_list, cycle_id, cb, payload, err);
}

int st__store_view_insert(struct store *s, int64_t cycle_id, const char *who, const char *stage,
		st_date date, const char *text, st_error *err)
{
	return SERVE(view_insert, cycle_id, who, stage, date, text, err);
}

int st__store_view_list(struct store *s, int64_t cycle_id, st_view_cb cb, void *payload,
		st_error *err)
{
	return SERVE(view_list, cycle_id, cb, payload, err);
}

int st__store_outcome_insert(struct store *s, int64_t cycle_id, const char *text,
		const char *area, const char *measure, st_date target, st_date created_on,
		int64_t *out_id, st_error *err)
{
	return SERVE(outcome_insert, cycle_id, text, area, measure, target, created_on,
			out_id, err);
}

int st__store_outcome_get(struct store *s, int64_t id, st_outcome_cb cb, void *payload,
		st_error *err)
{
	return SERVE(outcome_get, id, cb, payload, err);
}

int st__store_outcome_rate(struct store *s, int64_t id, const char *rating, const char *note,
		st_date rated_on, st_error *err)
{
	return SERVE(outcome_rate, id, rating, note, rated_on, err);
}

int st__store_outcome_list_cycle(struct store *s, int64_t cycle_id, st_outcome_cb cb,
		void *payload, st_error *err)
{
	return SERVE(outcome_list_cycle, cycle_id, cb, payload, err);
}

int st__store_outcome_list_pupil(struct store *s, int64_t pupil_id, st_outcome_cb cb,
		void *payload, st_error *err)
{
	return SERVE(outcome_list_pupil, pupil_id, cb, payload, err);
}

int st__store_outcome_counts(struct store *s, int64_t cycle_id, int *total, int *unrated,
		st_error *err)
{
	return SERVE(outcome_counts, cycle_id, total, unrated, err);
}

int st__store_outcome_update(struct store *s, int64_t id, const char *text, const char *area,
		const char *measure, st_date target, st_error *err)
{
	return SERVE(outcome_update, id, text, area, measure, target, err);
}

int st__store_cycle_set_strategies(struct store *s, int64_t id, const char *strategies,
		const char *lead, st_error *err)
{
	return SERVE(cycle_set_strategies, id, strategies, lead, err);
}

int st__store_outcome_carry_forward(struct store *s, int64_t from_cycle, int64_t to_cycle,
		st_date created_on, int *copied, st_error *err)
{
	return SERVE(outcome_carry_forward, from_cycle, to_cycle, created_on, copied, err);
}

int st__store_provision_insert(struct store *s, const st_provision *p, int64_t *out_id,
		st_error *err)
{
	return SERVE(provision_insert, p, out_id, err);
}

int st__store_provision_get(struct store *s, int64_t id, st_provision_cb cb, void *payload,
		st_error *err)
{
	return SERVE(provision_get, id, cb, payload, err);
}

int st__store_provision_set_end(struct store *s, int64_t id, st_date end, st_error *err)
{
	return SERVE(provision_set_end, id, end, err);
}

int st__store_provision_end_active(struct store *s, int64_t pupil_id, st_date date, int *ended,
		st_error *err)
{
	return SERVE(provision_end_active, pupil_id, date, ended, err);
}

int st__store_provision_list(struct store *s, int64_t pupil_id, st_date active_on,
		unsigned include, st_provision_cb cb, void *payload, st_error *err)
{
	return SERVE(provision_list, pupil_id, active_on, include, cb, payload, err);
}

int st__store_provision_update(struct store *s, int64_t id, const st_provision *p, st_error *err)
{
	return SERVE(provision_update, id, p, err);
}

int st__store_provision_void(struct store *s, int64_t id, st_date date, const char *reason,
		st_error *err)
{
	return SERVE(provision_void, id, date, reason, err);
}

int st__store_calendar_reviews(struct store *s, st_date from, st_date to, st_calendar_cb cb,
		void *payload, st_error *err)
{
	return SERVE(calendar_reviews, from, to, cb, payload, err);
}

int st__store_calendar_meetings(struct store *s, st_date from, st_date to, st_calendar_cb cb,
		void *payload, st_error *err)
{
	return SERVE(calendar_meetings, from, to, cb, payload, err);
}

int st__store_term_set(struct store *s, const char *year, const char *term, st_date start,
		st_date end, int *replaced, st_error *err)
{
	return SERVE(term_set, year, term, start, end, replaced, err);
}

int st__store_term_list(struct store *s, const char *year, st_term_cb cb, void *payload,
		st_error *err)
{
	return SERVE(term_list, year, cb, payload, err);
}

int st__store_meeting_insert(struct store *s, int64_t pupil_id, int64_t cycle_id, st_date date,
		const char *purpose, unsigned with, const char *notes, int planned,
		int64_t *out_id, st_error *err)
{
	return SERVE(meeting_insert, pupil_id, cycle_id, date, purpose, with, notes, planned,
			out_id, err);
}

int st__store_meeting_list(struct store *s, int64_t pupil_id, st_date since, int planned_only,
		st_meeting_cb cb, void *payload, st_error *err)
{
	return SERVE(meeting_list, pupil_id, since, planned_only, cb, payload, err);
}

int st__store_meeting_get(struct store *s, int64_t id, st_meeting_cb cb, void *payload,
		st_error *err)
{
	return SERVE(meeting_get, id, cb, payload, err);
}

int st__store_meeting_update(struct store *s, const st_meeting *m, st_error *err)
{
	return SERVE(meeting_update, m, err);
}

int st__store_specialist_insert(struct store *s, int64_t pupil_id, const char *service,
		st_date consent, st_date date, const char *notes, int64_t *out_id, st_error *err)
{
	return SERVE(specialist_insert, pupil_id, service, consent, date, notes, out_id, err);
}

int st__store_specialist_list(struct store *s, int64_t pupil_id, st_specialist_cb cb,
		void *payload, st_error *err)
{
	return SERVE(specialist_list, pupil_id, cb, payload, err);
}

int st__store_export_reviews(struct store *s, const struct export_query *q, store_cells_cb cb,
		void *payload, st_error *err)
{
	return SERVE(export_reviews, q, cb, payload, err);
}

int st__store_export_register(struct store *s, const struct export_query *q, store_cells_cb cb,
		void *payload, st_error *err)
{
	return SERVE(export_register, q, cb, payload, err);
}

int st__store_export_outcomes(struct store *s, const struct export_query *q, store_cells_cb cb,
		void *payload, st_error *err)
{
	return SERVE(export_outcomes, q, cb, payload, err);
}

int st__store_export_provision(struct store *s, const struct export_query *q, store_cells_cb cb,
		void *payload, st_error *err)
{
	return SERVE(export_provision, q, cb, payload, err);
}

int st__store_export_meetings(struct store *s, const struct export_query *q, store_cells_cb cb,
		void *payload, st_error *err)
{
	return SERVE(export_meetings, q, cb, payload, err);
}

int st__store_export_cycles(struct store *s, const struct export_query *q, store_cells_cb cb,
		void *payload, st_error *err)
{
	return SERVE(export_cycles, q, cb, payload, err);
}

int st__store_export_pupil_section(struct store *s, int section, int64_t pupil_id, st_date today,
		store_cells_cb cb, void *payload, st_error *err)
{
	return SERVE(export_pupil_section, section, pupil_id, today, cb, payload, err);
}

int st__store_import_run_start(struct store *s, const char *file, const char *user,
		int64_t *out_id, st_error *err)
{
	return SERVE(import_run_start, file, user, out_id, err);
}

int st__store_import_run_finish(struct store *s, const st_import_run *run, int64_t audit_id,
		st_error *err)
{
	return SERVE(import_run_finish, run, audit_id, err);
}

int st__store_pupil_set_import(struct store *s, int64_t pupil_id, int64_t import_id, long line,
		st_error *err)
{
	return SERVE(pupil_set_import, pupil_id, import_id, line, err);
}

int st__store_pupil_import(struct store *s, int64_t pupil_id, st_import_run *run, long *line,
		st_error *err)
{
	return SERVE(pupil_import, pupil_id, run, line, err);
}

int st__store_pupils_without_upn(struct store *s, long *out, st_error *err)
{
	return SERVE(pupils_without_upn, out, err);
}

int st__store_import_defer_indexes(struct store *s, struct st__deferred_indexes **out,
		st_error *err)
{
	return SERVE(import_defer_indexes, out, err);
}

int st__store_import_need_name_index(struct store *s, struct st__deferred_indexes *d,
		st_error *err)
{
	return SERVE(import_need_name_index, d, err);
}

int st__store_import_restore_indexes(struct store *s, struct st__deferred_indexes *d, int build,
		st_error *err)
{
	return SERVE(import_restore_indexes, d, build, err);
}

int64_t st__store_last_id(struct store *s)
{
	return s->ops->last_id(s);
}

int st__store_import_begin(struct store *s, int *saved_cache, st_error *err)
{
	return SERVE(import_begin, saved_cache, err);
}

void st__store_import_end(struct store *s, int saved_cache)
{
	if (s->ops->import_end) /* unserved: import_begin already failed the import */
		s->ops->import_end(s, saved_cache);
}

int st__store_pupil_section_header(struct store *s, int section, store_cells_cb cb, void *payload,
		st_error *err)
{
	return SERVE(pupil_section_header, section, cb, payload, err);
}

int st__store_check_cycles(struct store *s, check_row_cb cb, void *payload, st_error *err)
{
	return SERVE(check_cycles, cb, payload, err);
}

int st__store_check_register(struct store *s, st_date today, const st_date terms[4],
		check_row_cb cb, void *payload, st_error *err)
{
	return SERVE(check_register, today, terms, cb, payload, err);
}

int st__store_check_provision(struct store *s, st_date today, provision_cost_cb cb,
		void *payload, st_error *err)
{
	return SERVE(check_provision, today, cb, payload, err);
}

int st__store_check_outcomes(struct store *s, st_date today, check_row_cb cb, void *payload,
		st_error *err)
{
	return SERVE(check_outcomes, today, cb, payload, err);
}

int st__store_check_ehcna(struct store *s, int n, check_row_cb cb, void *payload, st_error *err)
{
	return SERVE(check_ehcna, n, cb, payload, err);
}

int st__store_ehcp_review_insert(struct store *s, int64_t pupil_id, st_date date,
		int64_t meeting_id, const char *notes, int early, int64_t *out_id, st_error *err)
{
	return SERVE(ehcp_review_insert, pupil_id, date, meeting_id, notes, early, out_id,
			err);
}

int st__store_census_rows(struct store *s, census_row_cb cb, void *payload, st_error *err)
{
	return SERVE(census_rows, cb, payload, err);
}

int st__store_pupil_set_top_up(struct store *s, int64_t id, int top_up, st_error *err)
{
	return SERVE(pupil_set_top_up, id, top_up, err);
}

int st__store_concern_insert(struct store *s, int64_t pupil_id, const char *from, st_date date,
		const char *text, int64_t *out_id, st_error *err)
{
	return SERVE(concern_insert, pupil_id, from, date, text, out_id, err);
}

int st__store_concern_list(struct store *s, int64_t pupil_id, st_date since, st_concern_cb cb,
		void *payload, st_error *err)
{
	return SERVE(concern_list, pupil_id, since, cb, payload, err);
}

int st__store_backup_to(struct store *s, const char *dest, const char *name, st_error *err)
{
	return SERVE(backup_to, dest, name, err);
}

int st__store_integrity_check(struct store *s, store_line_cb cb, void *payload, st_error *err)
{
	return SERVE(integrity_check, cb, payload, err);
}

int st__store_foreign_key_check(struct store *s, store_line_cb cb, void *payload, st_error *err)
{
	return SERVE(foreign_key_check, cb, payload, err);
}

int st__store_journal_mode(struct store *s, char *buf, size_t size, st_error *err)
{
	return SERVE(journal_mode, buf, size, err);
}

int st__store_truncate_log(struct store *s, st_error *err)
{
	return SERVE(truncate_log, err);
}

int st__store_pupil_erase(struct store *s, int64_t id, st_error *err)
{
	return SERVE(pupil_erase, id, err);
}

int st__store_pupil_left_born_before(struct store *s, st_date born_before, store_id_cb cb,
		void *payload, st_error *err)
{
	return SERVE(pupil_left_born_before, born_before, cb, payload, err);
}

int st__store_pupil_left_before(struct store *s, st_date before, store_id_cb cb, void *payload,
		st_error *err)
{
	return SERVE(pupil_left_before, before, cb, payload, err);
}

int st__store_passport_get(struct store *s, int64_t pupil_id, passport_cb cb, void *payload,
		int *found, st_error *err)
{
	return SERVE(passport_get, pupil_id, cb, payload, found, err);
}

int st__store_passport_put(struct store *s, int64_t pupil_id, const struct passport_row *r,
		st_error *err)
{
	return SERVE(passport_put, pupil_id, r, err);
}

int st__store_report_status_at(struct store *s, st_date on, status_at_cb cb, void *payload,
		st_error *err)
{
	return SERVE(report_status_at, on, cb, payload, err);
}

int st__store_report_moves(struct store *s, st_date from, st_date to, long *entries, long *exits,
		long *supported, st_error *err)
{
	return SERVE(report_moves, from, to, entries, exits, supported, err);
}

int st__store_report_reviews(struct store *s, st_date from, st_date to, long *held, long *on_time,
		st_error *err)
{
	return SERVE(report_reviews, from, to, held, on_time, err);
}

int st__store_report_parent_meetings(struct store *s, st_date from, st_date to, long *n,
		st_error *err)
{
	return SERVE(report_parent_meetings, from, to, n, err);
}

int st__store_report_outcomes(struct store *s, st_date from, st_date to, long counts[3],
		st_error *err)
{
	return SERVE(report_outcomes, from, to, counts, err);
}

int st__store_report_ehcna(struct store *s, st_date from, st_date to, long *requests, long *plans,
		st_error *err)
{
	return SERVE(report_ehcna, from, to, requests, plans, err);
}

int st__store_ehcna_add(struct store *s, int64_t pupil_id, int64_t cycle_id, st_date date,
		const char *by, st_date parents_informed, const char *decided_by, int64_t *out_id,
		st_error *err)
{
	return SERVE(ehcna_add, pupil_id, cycle_id, date, by, parents_informed, decided_by,
			out_id, err);
}

int st__store_ehcna_open(struct store *s, int64_t pupil_id, st_ehcna *out, int *found,
		st_error *err)
{
	return SERVE(ehcna_open, pupil_id, out, found, err);
}

int st__store_ehcna_set_assess(struct store *s, int64_t id, const char *assess, st_date date,
		st_error *err)
{
	return SERVE(ehcna_set_assess, id, assess, date, err);
}

int st__store_ehcna_set_plan(struct store *s, int64_t id, const char *plan, st_date date,
		st_error *err)
{
	return SERVE(ehcna_set_plan, id, plan, date, err);
}

int st__store_ehcna_list(struct store *s, int64_t pupil_id, st_ehcna_cb cb, void *payload,
		st_error *err)
{
	return SERVE(ehcna_list, pupil_id, cb, payload, err);
}

int st__store_ehcp_schedule_latest(struct store *s, int64_t pupil_id, st_ehcp_schedule_row *out,
		int *found, st_error *err)
{
	return SERVE(ehcp_schedule_latest, pupil_id, out, found, err);
}

int st__store_ehcp_schedule_add(struct store *s, int64_t pupil_id, st_date meeting,
		int64_t *out_id, st_error *err)
{
	return SERVE(ehcp_schedule_add, pupil_id, meeting, out_id, err);
}

int st__store_ehcp_schedule_move(struct store *s, int64_t id, st_date meeting, st_error *err)
{
	return SERVE(ehcp_schedule_move, id, meeting, err);
}

int st__store_ehcp_schedule_done(struct store *s, int64_t id, const char *step, st_date date,
		st_error *err)
{
	return SERVE(ehcp_schedule_done, id, step, date, err);
}

int st__store_ehcp_schedule_link(struct store *s, int64_t id, int64_t review_id, st_error *err)
{
	return SERVE(ehcp_schedule_link, id, review_id, err);
}

int st__store_ehcp_amended_add(struct store *s, int64_t pupil_id, st_date date, int64_t *out_id,
		st_error *err)
{
	return SERVE(ehcp_amended_add, pupil_id, date, out_id, err);
}

int st__store_ehcp_rows(struct store *s, ehcp_row_cb cb, void *payload, st_error *err)
{
	return SERVE(ehcp_rows, cb, payload, err);
}

int st__store_ehcna_open_rows(struct store *s, ehcna_open_cb cb, void *payload, st_error *err)
{
	return SERVE(ehcna_open_rows, cb, payload, err);
}
