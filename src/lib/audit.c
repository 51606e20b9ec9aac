/* audit.c - the audit log: who changed what, when it was typed (UTC) and
 * when it happened (the event date). */
#include "store.h"

int st_audit_record(st_db *db, const char *action, const char *entity, int64_t entity_id,
		    int64_t pupil_id, st_date event_date, const char *detail, st_error *err)
{
	ERR_ENSURE(err);
	st_audit_entry e = {
		.user = db->user,
		.command = db->command,
		.action = action,
		.entity = entity,
		.entity_id = entity_id,
		.pupil_id = pupil_id,
		.event_date = event_date,
		.detail = detail,
	};
	return st__store_audit_insert(db->store, &e, err);
}

int st_audit_list(st_db *db, const st_audit_filter *filter, st_audit_cb cb, void *payload,
		  st_error *err)
{
	ERR_ENSURE(err);
	st_audit_filter all = {0, ST_DATE_NONE, 0};
	return st__store_audit_list(db->store, filter ? filter : &all, cb, payload, err);
}
