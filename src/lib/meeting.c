/* meeting.c - meetings (who attended, purpose, notes) and outside
 * specialists, whose involvement needs parental consent. */
#include <stdio.h>
#include <string.h>
#include "store.h"

static const char *const who_names[] = {"parents", "pupil", "class-teacher", "senco",
					"specialist", "other"};
#define NWHO (sizeof who_names / sizeof *who_names)

static const char *who_at(int i)
{
	return who_names[i];
}

int st_who_parse(const char *field, const char *text, unsigned *out, st_error *err)
{
	ERR_ENSURE(err);
	const char *bad;
	size_t len;
	unsigned bits;
	if (st__text_name_set(text, who_at, (int)NWHO, &bits, &bad, &len) != 0)
		return st_error_set(err, ST_EINVAL, "%s %.*s: not a participant (parents, pupil, "
				    "class-teacher, senco, specialist, other)", field, (int)len, bad);
	if (!bits)
		return st_error_set(err, ST_EINVAL, "%s: name at least one participant", field);
	*out = bits;
	return ST_OK;
}

const char *st_who_format(unsigned who, char *buf, unsigned size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < NWHO; i++)
		if (who & (1u << i) && used < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "," : "",
						 who_names[i]);
	return buf;
}

static int open_cycle_id(const st_cycle *c, void *payload)
{
	*(int64_t *)payload = c->id;
	return ST_OK;
}

int st_meeting_add(st_db *db, int64_t pupil_id, st_date date, unsigned with,
		   const char *purpose, const char *notes, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	if (!purpose || (strcmp(purpose, "plan") != 0 && strcmp(purpose, "review") != 0 &&
			 strcmp(purpose, "other") != 0 && strcmp(purpose, "ehcp-review") != 0))
		return st_error_set(err, ST_EINVAL, "--purpose %.30s: must be plan, review or other",
				    purpose ? purpose : "");
	if (!with)
		return st_error_set(err, ST_EINVAL, "--with: name at least one participant");
	int rc = st__text_check("--notes", notes, TEXT_LONG_MAX, TEXT_MULTILINE, err);
	if (rc == ST_OK)
		rc = st__check_not_future(db, "--date", date, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_pupil *p = NULL;
	int64_t cycle_id = 0, id = 0;
	if ((rc = st_pupil_get(db, pupil_id, &p, err)) == ST_OK) {
		rc = st__store_cycle_open_of(db->store, pupil_id, db->today, open_cycle_id, &cycle_id, err);
		if (rc == ST_ENOTFOUND)
			rc = ST_OK;
	}
	st_pupil_free(p);
	if (rc == ST_OK)
		rc = st__store_meeting_insert(db->store, pupil_id, cycle_id, date, purpose, with,
					  notes && *notes ? notes : NULL, &id, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "meeting", id, pupil_id, date, purpose, err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

int st_meeting_list(st_db *db, int64_t pupil_id, st_date since, st_meeting_cb cb,
		    void *payload, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_meeting_list(db->store, pupil_id, since, cb, payload, err);
}

int st_specialist_add(st_db *db, int64_t pupil_id, const char *service, st_date consent_date,
		      st_date date, const char *notes, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	int rc = st__text_check("SERVICE", service, TEXT_SHORT_MAX, TEXT_REQUIRED, err);
	if (rc == ST_OK)
		rc = st__text_check("--notes", notes, TEXT_LONG_MAX, TEXT_MULTILINE, err);
	if (rc == ST_OK && consent_date == ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "--consent-date: is required; an outside specialist "
				  "needs the parents' consent first");
	if (rc == ST_OK)
		rc = st__check_not_future(db, "--consent-date", consent_date, err);
	if (rc == ST_OK) /* involvement may be booked ahead */
		rc = st__check_planned(db, "--date", date, err);
	if (rc == ST_OK && date != ST_DATE_NONE && date < consent_date)
		rc = st_error_set(err, ST_ERULE, "--date %s: is before the consent date %s",
				  st_date_format(date, d1), st_date_format(consent_date, d2));
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_pupil *p = NULL;
	int64_t id = 0;
	if ((rc = st_pupil_get(db, pupil_id, &p, err)) == ST_OK && p->left != ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "pupil %lld: has left; their records are archived",
				  (long long)pupil_id);
	st_pupil_free(p);
	if (rc == ST_OK)
		rc = st__store_specialist_insert(db->store, pupil_id, service, consent_date,
					     date == ST_DATE_NONE ? db->today : date,
					     notes && *notes ? notes : NULL, &id, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "specialist", id, pupil_id, consent_date, NULL,
				     err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

int st_specialist_list(st_db *db, int64_t pupil_id, st_specialist_cb cb, void *payload,
		       st_error *err)
{
	ERR_ENSURE(err);
	return st__store_specialist_list(db->store, pupil_id, cb, payload, err);
}
