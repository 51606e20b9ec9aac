/* meeting.c - meetings (who attended, purpose, notes) and outside
 * specialists, whose involvement needs parental consent. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "fold.h"
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

const char *st__who_role(unsigned i)
{
	return i < NWHO ? who_names[i] : NULL;
}

unsigned st__who_bits(const char *roles)
{
	unsigned bits = 0;
	const char *bad;
	size_t len;
	if (st__text_name_set(roles, who_at, (int)NWHO, &bits, &bad, &len) != 0)
		bits = 0; /* the stores' CHECK admits only the names above */
	return bits;
}

static int open_cycle_id(const st_cycle *c, void *payload)
{
	*(int64_t *)payload = c->id;
	return ST_OK;
}

/* The purposes a meeting may be given; ehcp-review only by an EHC plan
 * annual review (st_ehcp_review_record). */
static const char *const purposes[] = {"plan", "review", "other", "ehcp-review", NULL};
static const char *const user_purposes[] = {"plan", "review", "other", NULL};

static int parse_purpose(const char *const *list, const char **purpose, st_error *err)
{
	const char *typed = *purpose;
	if (!(*purpose = st__fold_enum(typed, list)))
		return st_error_set(err, ST_EINVAL, "--purpose %.30s: must be plan, review or other",
				    typed ? typed : "");
	return ST_OK;
}

/* A meeting's date: a held meeting's is not in the future; a planned one's
 * is within the booking limit (st__check_planned). */
static int check_meeting_date(st_db *db, st_date date, int planned, st_error *err)
{
	if (date == ST_DATE_NONE)
		return st_error_set(err, ST_EINVAL, "--date: missing date");
	return planned ? st__check_planned(db, "--date", date, err)
		       : st__check_not_future(db, "--date", date, err);
}

int st_meeting_add(st_db *db, int64_t pupil_id, st_date date, unsigned with,
		   const char *purpose, const char *notes, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	int planned = date != ST_DATE_NONE && date > db->today;
	int rc = parse_purpose(purposes, &purpose, err);
	if (rc == ST_OK && !with)
		rc = st_error_set(err, ST_EINVAL, "--with: name at least one participant");
	if (rc == ST_OK)
		rc = st__text_check("--notes", notes, TEXT_LONG_MAX, TEXT_MULTILINE, err);
	if (rc == ST_OK)
		rc = check_meeting_date(db, date, planned, err);
	if (rc == ST_OK && planned && strcmp(purpose, "ehcp-review") == 0)
		rc = st__check_not_future(db, "--date", date, err); /* a review is held */
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	int64_t cycle_id = 0, id = 0;
	if ((rc = st__pupil_get_on_roll(db, pupil_id, NULL, err)) == ST_OK) {
		rc = st__store_cycle_open_of(db->store, pupil_id, db->today, open_cycle_id, &cycle_id, err);
		if (rc == ST_ENOTFOUND)
			rc = ST_OK;
	}
	if (rc == ST_OK)
		rc = st__store_meeting_insert(db->store, pupil_id, cycle_id, date, purpose, with,
					  notes && *notes ? notes : NULL, planned, &id, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "meeting", id, pupil_id, date,
				     planned ? "planned" : purpose, err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

int st_meeting_list(st_db *db, int64_t pupil_id, st_date since, st_meeting_cb cb,
		    void *payload, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_meeting_list(db->store, pupil_id, since, 0, cb, payload, err);
}

int st_meeting_list_planned(st_db *db, int64_t pupil_id, st_date since, int planned_only,
			    st_meeting_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_meeting_list(db->store, pupil_id, since, planned_only, cb, payload, err);
}

/* A meeting read for a change: its own copies of the text fields. */
struct held_meeting {
	st_meeting m;
	char *purpose, *notes;
	int found, nomem;
};

static int keep_meeting(const st_meeting *m, void *payload)
{
	struct held_meeting *h = payload;
	h->m = *m;
	h->purpose = st__xstrdup(m->purpose);
	h->notes = m->notes ? st__xstrdup(m->notes) : NULL;
	h->m.purpose = h->purpose;
	h->m.notes = h->notes;
	h->m.surname = h->m.forename = h->m.preferred = h->m.year = NULL;
	h->found = 1;
	h->nomem = !h->purpose || (m->notes && !h->notes);
	return 0;
}

/* Read meeting id inside the write, refusing one that does not exist or
 * whose pupil has left. */
static int get_meeting(st_db *db, int64_t id, struct held_meeting *h, st_error *err)
{
	int rc = st__store_meeting_get(db->store, id, keep_meeting, h, err);
	if (rc == ST_OK && h->nomem)
		rc = st__err_nomem(err);
	if (rc == ST_OK && !h->found)
		rc = st_error_set(err, ST_ENOTFOUND, "meeting %lld: no such meeting", (long long)id);
	if (rc == ST_OK)
		rc = st__pupil_get_on_roll(db, h->m.pupil_id, NULL, err);
	return rc;
}

static void drop_meeting(struct held_meeting *h)
{
	free(h->purpose);
	free(h->notes);
}

int st_meeting_held(st_db *db, int64_t id, st_date date, const char *notes, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__text_check("--notes", notes, TEXT_LONG_MAX, TEXT_MULTILINE, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct held_meeting h = {0};
	char d[ST_DATE_BUFSZ];
	if ((rc = get_meeting(db, id, &h, err)) == ST_OK && !h.m.planned)
		rc = st_error_set(err, ST_ERULE, "meeting %lld: is already recorded as held on %s "
				  "(`sentrack meeting edit` corrects it)", (long long)id,
				  st_date_format(h.m.date, d));
	if (rc == ST_OK && date == ST_DATE_NONE && h.m.date > db->today)
		rc = st_error_set(err, ST_ERULE, "meeting %lld: is booked for %s, after today; give "
				  "--date with the day it was held", (long long)id,
				  st_date_format(h.m.date, d));
	if (rc == ST_OK && date != ST_DATE_NONE)
		rc = st__check_not_future(db, "--date", date, err);
	if (rc == ST_OK) {
		h.m.planned = 0;
		if (date != ST_DATE_NONE)
			h.m.date = date;
		if (notes)
			h.m.notes = *notes ? notes : NULL;
		rc = st__store_meeting_update(db->store, &h.m, err);
	}
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "meeting", id, h.m.pupil_id, h.m.date, "held", err);
	drop_meeting(&h);
	return st__write_end(db, rc, err);
}

/* Apply change to m, naming the fields changed in what. */
static int apply_change(st_db *db, st_meeting *m, const st_meeting_change *c, char *what,
			size_t size, st_error *err)
{
	int ehcp = strcmp(m->purpose, "ehcp-review") == 0;
	size_t used = 0;
	if ((c->date != ST_DATE_NONE || c->purpose) && ehcp)
		return st_error_set(err, ST_ERULE, "meeting %lld: is the meeting of an EHC plan annual "
				    "review; its date and purpose follow the review", (long long)m->id);
	if (c->date != ST_DATE_NONE) {
		char d[ST_DATE_BUFSZ], t[ST_DATE_BUFSZ];
		if (!m->planned && c->date > db->today)
			return st_error_set(err, ST_ERULE, "--date %s: is in the future (today is %s); "
					    "meeting %lld was held, and only a planned meeting may "
					    "be moved to a later day", st_date_format(c->date, d),
					    st_date_format(db->today, t), (long long)m->id);
		int rc = check_meeting_date(db, c->date, m->planned, err);
		if (rc != ST_OK)
			return rc;
		m->date = c->date;
		used += (size_t)snprintf(what + used, size - used, "%sdate", used ? "," : "");
	}
	if (c->purpose) {
		m->purpose = c->purpose;
		used += (size_t)snprintf(what + used, size - used, "%spurpose", used ? "," : "");
	}
	if (c->with) {
		m->with = c->with;
		used += (size_t)snprintf(what + used, size - used, "%swith", used ? "," : "");
	}
	if (c->notes) {
		m->notes = *c->notes ? c->notes : NULL;
		snprintf(what + used, size - used, "%snotes", used ? "," : "");
	}
	return ST_OK;
}

int st_meeting_edit(st_db *db, int64_t id, const st_meeting_change *change, st_error *err)
{
	ERR_ENSURE(err);
	st_meeting_change c = *change;
	int rc = ST_OK;
	if (c.date == ST_DATE_NONE && !c.with && !c.purpose && !c.notes)
		return st_error_set(err, ST_EUSAGE, "meeting edit: give at least one of --date, "
				    "--with, --purpose, --notes");
	if (c.purpose)
		rc = parse_purpose(user_purposes, &c.purpose, err);
	if (rc == ST_OK)
		rc = st__text_check("--notes", c.notes, TEXT_LONG_MAX, TEXT_MULTILINE, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	struct held_meeting h = {0};
	char what[64] = "";
	if ((rc = get_meeting(db, id, &h, err)) == ST_OK)
		rc = apply_change(db, &h.m, &c, what, sizeof what, err);
	if (rc == ST_OK)
		rc = st__store_meeting_update(db->store, &h.m, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "meeting", id, h.m.pupil_id, h.m.date, what, err);
	drop_meeting(&h);
	return st__write_end(db, rc, err);
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
		rc = st_error_set(err, ST_EUSAGE, "--consent-date: is required; an outside specialist "
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
	int64_t id = 0;
	rc = st__pupil_get_on_roll(db, pupil_id, NULL, err);
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
