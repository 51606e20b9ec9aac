/* provision.c - the provision map: validation and derived costs.
 *
 * weekly = sessions x minutes / 60 x hourly cost / group size, computed in
 * integer pence and rounded once to the nearest penny (halves up), and
 * annual = weekly x school-weeks, so every figure shown can be checked by
 * hand from the ones beside it. */
#include <stdio.h>
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

int st_provision_add(st_db *db, const st_provision *p, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
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
	if ((rc = st__write_begin(db, err)) != ST_OK)
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

struct span {
	int64_t pupil_id;
	st_date start, end;
};

static int copy_span(const st_provision *p, void *payload)
{
	struct span *s = payload;
	s->pupil_id = p->pupil_id;
	s->start = p->start;
	s->end = p->end;
	return ST_OK;
}

int st_provision_end(st_db *db, int64_t provision_id, st_date date, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	struct span s;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	rc = st__store_provision_get(db->store, provision_id, copy_span, &s, err);
	if (rc == ST_ENOTFOUND)
		rc = st_error_set(err, ST_ENOTFOUND, "PROVISION_ID %lld: no such provision",
				  (long long)provision_id);
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
	return st__store_provision_list(db->store, pupil_id, active_on, add_costs, &w, err);
}

int st_provision_annual_total(st_db *db, int64_t pupil_id, st_date on, int64_t *pence,
			      int *over_threshold, st_error *err)
{
	ERR_ENSURE(err);
	struct with_costs w = {db, NULL, NULL, err, 0};
	int64_t threshold = 0;
	int rc = st__store_provision_list(db->store, pupil_id, on, add_costs, &w, err);
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
