/* provision.c - the provision map: validation and derived costs.
 *
 * weekly = sessions x minutes / 60 x hourly cost / group size, computed in
 * integer pence and rounded once to the nearest penny (halves up), and
 * annual = weekly x school-weeks, so every figure shown can be checked by
 * hand from the ones beside it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"

int64_t st_provision_weekly_pence(int sessions, int minutes, int group_size,
				  int64_t hourly_pence)
{
	if (sessions <= 0 || minutes <= 0 || group_size <= 0 || hourly_pence < 0)
		return 0;
	/* bounded by the schema: 50 x 600 x ST_MONEY_MAX_PENCE fits easily in 64 bits */
	int64_t num = (int64_t)sessions * minutes * hourly_pence;
	int64_t den = (int64_t)60 * group_size;
	return (2 * num + den) / (2 * den);
}

static int derive_costs(st_db *db, st_provision *p, st_error *err)
{
	long weeks = 38;
	int rc = st_config_int(db, "school-weeks", &weeks, err);
	p->weekly_pence = st_provision_weekly_pence(p->sessions_per_week, p->minutes,
						    p->group_size, p->hourly_cost_pence);
	p->annual_pence = p->weekly_pence * weeks;
	return rc;
}

static int check_range(const char *field, long v, long min, long max, st_error *err)
{
	if (v < min || v > max)
		return st_error_set(err, ST_EINVAL, "%s %ld: must be between %ld and %ld", field, v,
				    min, max);
	return ST_OK;
}

static int check_on_roll(st_db *db, int64_t pupil_id, st_error *err)
{
	return st__pupil_get_on_roll(db, pupil_id, NULL, err);
}

/* The rules of a provision row, for add and edit alike. */
static int check_fields(st_db *db, const st_provision *p, st_error *err)
{
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	int rc;
	if ((rc = st__text_check("NAME", p->name, TEXT_SHORT_MAX, TEXT_REQUIRED, err)) ||
	    (rc = st__text_check("--staff", p->staff_role, 60, TEXT_REQUIRED, err)) ||
	    (rc = check_range("--sessions", p->sessions_per_week, 1, 50, err)) ||
	    (rc = check_range("--minutes", p->minutes, 1, 600, err)) ||
	    (rc = check_range("--group-size", p->group_size, 1, 60, err)))
		return rc;
	if ((rc = st_money_check("--hourly-cost", p->hourly_cost_pence, err)) != ST_OK)
		return rc;
	if (p->start == ST_DATE_NONE)
		return st_error_set(err, ST_EINVAL, "--start: missing date");
	if (p->end != ST_DATE_NONE && p->end < p->start)
		return st_error_set(err, ST_ERULE, "--end %s: is before the start %s",
				    st_date_format(p->end, d1), st_date_format(p->start, d2));
	if ((rc = st__check_planned(db, "--start", p->start, err)) ||
	    (rc = st__check_planned(db, "--end", p->end, err)))
		return rc;
	return ST_OK;
}

int st_provision_add(st_db *db, const st_provision *p, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	int rc = check_fields(db, p, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	int64_t id = 0;
	if ((rc = check_on_roll(db, p->pupil_id, err)) == ST_OK)
		rc = st__store_provision_insert(db->store, p, &id, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "provision", id, p->pupil_id, p->start, NULL, err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

/* A provision row read back with its strings owned (free with row_free). */
static int copy_row(const st_provision *p, void *payload)
{
	st_provision *o = payload;
	*o = *p;
	o->name = st__xstrdup(p->name);
	o->staff_role = st__xstrdup(p->staff_role);
	o->void_reason = st__xstrdup(p->void_reason);
	o->surname = o->forename = o->preferred = o->year = NULL;
	return !o->name || !o->staff_role || (p->void_reason && !o->void_reason) ? ST_EINTERNAL
										  : ST_OK;
}

static void row_free(st_provision *p)
{
	free((char *)p->name);
	free((char *)p->staff_role);
	free((char *)p->void_reason);
}

/* The provision to correct or end: it exists and was not entered in
 * error; to correct it, its pupil is on roll too (ending an existing
 * leaver's open provision stays possible). */
static int get_live(st_db *db, int64_t id, int on_roll, st_provision *out, st_error *err)
{
	char d[ST_DATE_BUFSZ];
	memset(out, 0, sizeof *out);
	int rc = st__store_provision_get(db->store, id, copy_row, out, err);
	if (rc == ST_ENOTFOUND)
		return st_error_set(err, ST_ENOTFOUND, "PROVISION_ID %lld: no such provision",
				    (long long)id);
	if (rc == ST_EINTERNAL && !err->message[0])
		rc = st__err_nomem(err);
	if (rc == ST_OK && out->voided_on != ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "PROVISION_ID %lld: was marked as entered in error "
				  "on %s (%s); it is kept as it was", (long long)id,
				  st_date_format(out->voided_on, d), out->void_reason);
	if (rc == ST_OK && on_roll)
		rc = check_on_roll(db, out->pupil_id, err);
	return rc;
}

int st_provision_end(st_db *db, int64_t provision_id, st_date date, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	st_provision s;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	rc = get_live(db, provision_id, 0, &s, err);
	if (rc == ST_OK && s.end != ST_DATE_NONE && s.end <= db->today)
		rc = st_error_set(err, ST_ERULE, "PROVISION_ID %lld: already ended on %s",
				  (long long)provision_id, st_date_format(s.end, d1));
	if (rc == ST_OK)
		rc = st__check_not_future(db, "--date", date, err);
	if (rc == ST_OK && date < s.start)
		rc = st_error_set(err, ST_ERULE, "--date %s: is before the provision started (%s)",
				  st_date_format(date, d1), st_date_format(s.start, d2));
	if (rc == ST_OK)
		rc = st__store_provision_set_end(db->store, provision_id, date, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "provision", provision_id, s.pupil_id, date,
				     "ended", err);
	row_free(&s);
	return st__write_end(db, rc, err);
}

/* "; --sessions 3 -> 2" appended to buf for a changed number. */
static void note_change(char *buf, size_t size, const char *field, const char *from,
			const char *to)
{
	size_t used = strlen(buf);
	if (strcmp(from, to) != 0 && used < size)
		snprintf(buf + used, size - used, "%s%s %s -> %s", used ? "; " : "", field, from, to);
}

static void note_int(char *buf, size_t size, const char *field, long from, long to)
{
	char a[24], b[24];
	snprintf(a, sizeof a, "%ld", from);
	snprintf(b, sizeof b, "%ld", to);
	note_change(buf, size, field, a, b);
}

static void note_date(char *buf, size_t size, const char *field, st_date from, st_date to)
{
	char a[ST_DATE_BUFSZ], b[ST_DATE_BUFSZ];
	note_change(buf, size, field, from == ST_DATE_NONE ? "-" : st_date_format(from, a),
		    to == ST_DATE_NONE ? "-" : st_date_format(to, b));
}

/* The row after the edit, and the audit detail of what changed. Names and
 * roles are free text, so only the field is named, not its value. */
static st_provision apply_changes(const st_provision *old, const st_provision *c, char *detail,
				  size_t size)
{
	st_provision n = *old;
	char a[ST_MONEY_BUFSZ], b[ST_MONEY_BUFSZ];
	detail[0] = '\0';
	if (c->name && strcmp(c->name, old->name) != 0)
		n.name = c->name, note_change(detail, size, "NAME", "old", "new");
	if (c->staff_role && strcmp(c->staff_role, old->staff_role) != 0)
		n.staff_role = c->staff_role, note_change(detail, size, "--staff", "old", "new");
	if (c->sessions_per_week)
		n.sessions_per_week = c->sessions_per_week;
	if (c->minutes)
		n.minutes = c->minutes;
	if (c->group_size)
		n.group_size = c->group_size;
	if (c->hourly_cost_pence >= 0)
		n.hourly_cost_pence = c->hourly_cost_pence;
	if (c->start != ST_DATE_NONE)
		n.start = c->start;
	if (c->end != ST_DATE_NONE)
		n.end = c->end;
	note_int(detail, size, "--sessions", old->sessions_per_week, n.sessions_per_week);
	note_int(detail, size, "--minutes", old->minutes, n.minutes);
	note_int(detail, size, "--group-size", old->group_size, n.group_size);
	note_change(detail, size, "--hourly-cost", st_money_format(old->hourly_cost_pence, a),
		    st_money_format(n.hourly_cost_pence, b));
	note_date(detail, size, "--start", old->start, n.start);
	note_date(detail, size, "--end", old->end, n.end);
	return n;
}

int st_provision_edit(st_db *db, int64_t provision_id, const st_provision *changes,
		      st_error *err)
{
	ERR_ENSURE(err);
	const st_provision *c = changes;
	if (!c->name && !c->staff_role && !c->sessions_per_week && !c->minutes &&
	    !c->group_size && c->hourly_cost_pence < 0 && c->start == ST_DATE_NONE &&
	    c->end == ST_DATE_NONE)
		return st_error_set(err, ST_EUSAGE, "nothing to change (give --name, --staff, "
				    "--sessions, --minutes, --group-size, --hourly-cost, --start or "
				    "--end)");
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	st_provision old;
	char detail[400];
	if ((rc = get_live(db, provision_id, 1, &old, err)) == ST_OK) {
		st_provision n = apply_changes(&old, c, detail, sizeof detail);
		if ((rc = check_fields(db, &n, err)) == ST_OK && !detail[0])
			rc = st_error_set(err, ST_ERULE, "PROVISION_ID %lld: already has these "
					  "details; nothing changed", (long long)provision_id);
		if (rc == ST_OK)
			rc = st__store_provision_update(db->store, provision_id, &n, err);
	}
	if (rc == ST_OK) {
		char audit[420];
		snprintf(audit, sizeof audit, "edited: %s", detail);
		rc = st_audit_record(db, "update", "provision", provision_id, old.pupil_id,
				     ST_DATE_NONE, audit, err);
	}
	row_free(&old);
	return st__write_end(db, rc, err);
}

int st_provision_void(st_db *db, int64_t provision_id, const char *reason, st_error *err)
{
	ERR_ENSURE(err);
	if (!reason || !*reason)
		reason = "entered in error";
	int rc = st__text_check("--reason", reason, TEXT_SHORT_MAX, TEXT_REQUIRED, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_provision old;
	if ((rc = get_live(db, provision_id, 1, &old, err)) == ST_OK)
		rc = st__store_provision_void(db->store, provision_id, db->today, reason, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "provision", provision_id, old.pupil_id,
				     db->today, "entered in error", err);
	row_free(&old);
	return st__write_end(db, rc, err);
}

struct with_costs {
	st_db *db;
	st_provision_cb cb;
	void *payload;
	st_error *err;
	int64_t total;
};

static int add_costs(const st_provision *p, void *payload)
{
	struct with_costs *w = payload;
	st_provision v = *p;
	int rc = derive_costs(w->db, &v, w->err);
	if (rc != ST_OK)
		return rc;
	w->total += v.annual_pence;
	return w->cb ? w->cb(&v, w->payload) : 0;
}

int st_provision_list(st_db *db, int64_t pupil_id, st_date active_on, st_provision_cb cb,
		      void *payload, st_error *err)
{
	ERR_ENSURE(err);
	struct with_costs w = {db, cb, payload, err, 0};
	return st__store_provision_list(db->store, pupil_id, active_on, 0, add_costs, &w, err);
}

int st_provision_list_with_void(st_db *db, int64_t pupil_id, st_date active_on,
				st_provision_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	struct with_costs w = {db, cb, payload, err, 0};
	return st__store_provision_list(db->store, pupil_id, active_on, ST__PROVISION_VOID,
					add_costs, &w, err);
}

int st__provision_list_all_time(st_db *db, st_provision_cb cb, void *payload, st_error *err)
{
	struct with_costs w = {db, cb, payload, err, 0};
	return st__store_provision_list(db->store, 0, ST_DATE_NONE, ST__PROVISION_LEFT, add_costs,
					&w, err);
}

int st_provision_annual_total(st_db *db, int64_t pupil_id, st_date on, int64_t *pence,
			      int *over_threshold, st_error *err)
{
	ERR_ENSURE(err);
	struct with_costs w = {db, NULL, NULL, err, 0};
	int64_t threshold = 0;
	int rc = st__store_provision_list(db->store, pupil_id, on, 0, add_costs, &w, err);
	if (rc == ST_OK)
		rc = st_config_pence(db, "sen-support-threshold", &threshold, err);
	if (rc == ST_OK) {
		*pence = w.total;
		if (over_threshold)
			*over_threshold = w.total >= threshold;
	}
	return rc;
}

int st_provision_topup_advised(char status, int64_t annual_pence, int64_t threshold_pence)
{
	return status == 'K' && annual_pence >= threshold_pence;
}
