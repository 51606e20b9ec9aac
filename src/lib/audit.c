/* audit.c - the audit log: who changed what, when it was typed (UTC) and
 * when it happened (the event date). */
#include <time.h>
#include "store.h"

int st_audit_record(st_db *db, const char *action, const char *entity, int64_t entity_id,
		    int64_t pupil_id, st_date event_date, const char *detail, st_error *err)
{
	ERR_ENSURE(err);
	if (db->importing) /* the import's own row stands for it (issue 15) */
		return ST_OK;
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

int st__audit_local_midnight_utc(st_date day, char buf[32])
{
	int y, m, d;
	st_date_to_ymd(day, &y, &m, &d);
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_isdst = -1};
	time_t t = mktime(&tm);
	struct tm utc;
	if (t == (time_t)-1 || !gmtime_r(&t, &utc))
		return ST_EINVAL;
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &utc);
	return ST_OK;
}

int st_audit_list(st_db *db, const st_audit_filter *filter, st_audit_cb cb, void *payload,
		  st_error *err)
{
	ERR_ENSURE(err);
	st_audit_filter all = {0, ST_DATE_NONE, 0};
	const st_audit_filter *f = filter ? filter : &all;
	/* entered_at is UTC; --since is a day in the user's time zone */
	char since[32];
	char d[ST_DATE_BUFSZ];
	if (f->since != ST_DATE_NONE && st__audit_local_midnight_utc(f->since, since) != ST_OK)
		return st_error_set(err, ST_EINVAL, "--since %s: not a date in the local time zone",
				    st_date_format(f->since, d));
	return st__store_audit_list(db->store, f, f->since != ST_DATE_NONE ? since : NULL, cb,
				payload, err);
}
