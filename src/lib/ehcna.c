/* ehcna.c - EHC needs assessment requests followed to the local
 * authority's decisions (SEND Code of Practice 9.14-9.17, 9.40): who asked
 * and when, whether the LA agreed to assess (due 6 weeks after the
 * request) and whether it issued a plan (due 20 weeks after it). An issued
 * plan places the pupil at E through the register's own rules. */
#include <stdio.h>
#include <string.h>
#include "store_ehc.h"

/* The index of text in names (NULL-terminated), or -1. */
static int choice(const char *text, const char *const *names)
{
	for (int i = 0; text && names[i]; i++)
		if (strcmp(text, names[i]) == 0)
			return i;
	return -1;
}

/* A pupil who can have a request recorded: on roll, born by date, and
 * without an EHC plan (for them the route is an early review, 9.174). */
static int check_pupil(st_db *db, int64_t pupil_id, st_date date, st_pupil **out,
		       st_error *err)
{
	char d[ST_DATE_BUFSZ];
	int rc = st_pupil_get(db, pupil_id, out, err);
	if (rc == ST_OK)
		rc = st__pupil_refuse_left(*out, err);
	if (rc == ST_OK && date < (*out)->dob)
		rc = st_error_set(err, ST_ERULE, "--date %s: is before the date of birth",
				  st_date_format(date, d));
	if (rc == ST_OK && (*out)->status == 'E')
		rc = st_error_set(err, ST_ERULE, "pupil %lld: already has an EHC plan (E); ask the "
				  "local authority for an early review instead (`sentrack ehcp "
				  "review %lld --early --date DATE`, Code 9.174)",
				  (long long)pupil_id, (long long)pupil_id);
	return rc;
}

/* One open request at a time: the LA answers it before another is made. */
static int refuse_open(st_db *db, int64_t pupil_id, st_error *err)
{
	st_ehcna open;
	int found;
	char d[ST_DATE_BUFSZ];
	int rc = st__store_ehcna_open(db->store, pupil_id, &open, &found, err);
	if (rc == ST_OK && found)
		rc = st_error_set(err, ST_ERULE, "pupil %lld: an EHC needs assessment request of %s "
				  "is still with the local authority (`sentrack ehcna list %lld`)",
				  (long long)pupil_id, st_date_format(open.requested, d),
				  (long long)pupil_id);
	return rc;
}

/* A young person is over compulsory school age: 16 or older on the date
 * (Code 9.14); before that the parent makes the request. */
static int check_young_person(const st_pupil *p, st_date date, st_error *err)
{
	st_date sixteen;
	char d[ST_DATE_BUFSZ];
	if (st_date_add_years(p->dob, 16, &sixteen) == ST_OK && date >= sixteen)
		return ST_OK;
	return st_error_set(err, ST_ERULE, "--by young-person: the pupil is under 16 on %s; a "
			    "young person (16 or over, Code 9.14) makes their own request, "
			    "otherwise the parent does (--by parent)", st_date_format(date, d));
}

int st__ehcna_add(st_db *db, int64_t pupil_id, int64_t cycle_id, const char *by, st_date date,
		  st_date informed, int64_t *out_id, st_error *err)
{
	int rc = refuse_open(db, pupil_id, err);
	int64_t id = 0;
	if (rc == ST_OK)
		rc = st__store_ehcna_add(db->store, pupil_id, cycle_id, date, by, informed, db->user,
					 &id, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "ehcna_request", id, pupil_id, date, by, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

int st_ehcna_request(st_db *db, int64_t pupil_id, const char *by, st_date date,
		     st_date parents_informed, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	static const char *const who[] = {"school", "parent", "young-person", NULL};
	int w = choice(by, who);
	if (w < 0)
		return st_error_set(err, ST_EINVAL, "--by %.20s: must be school, parent or "
				    "young-person", by ? by : "");
	if (w == 0 && parents_informed == ST_DATE_NONE)
		return st_error_set(err, ST_EUSAGE, "--parents-informed is missing: a school asks "
				    "for an EHC needs assessment with the parents' knowledge "
				    "(Code 9.14); give the date they were told");
	/* parents who ask know of their own request */
	if (w == 1 && parents_informed == ST_DATE_NONE)
		parents_informed = date;
	int rc = st__check_not_future(db, "--date", date, err);
	if (rc == ST_OK && parents_informed != ST_DATE_NONE)
		rc = st__check_not_future(db, "--parents-informed", parents_informed, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_pupil *p = NULL;
	char d[ST_DATE_BUFSZ];
	rc = check_pupil(db, pupil_id, date, &p, err);
	if (rc == ST_OK && w == 2)
		rc = check_young_person(p, date, err);
	if (rc == ST_OK && parents_informed != ST_DATE_NONE && parents_informed < p->dob)
		rc = st_error_set(err, ST_ERULE, "--parents-informed %s: is before the date of birth",
				  st_date_format(parents_informed, d));
	st_pupil_free(p);
	if (rc == ST_OK)
		rc = st__ehcna_add(db, pupil_id, 0, by, date, parents_informed, out_id, err);
	return st__write_end(db, rc, err);
}

/* The open request of a pupil, for a decision on date (on or after the
 * request and the last decision, not in the future). */
static int open_request(st_db *db, int64_t pupil_id, st_date date, st_ehcna *r, st_error *err)
{
	int found;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	st_pupil *p = NULL;
	int rc = st_pupil_get(db, pupil_id, &p, err);
	if (rc == ST_OK)
		rc = st__pupil_refuse_left(p, err);
	st_pupil_free(p);
	if (rc == ST_OK)
		rc = st__store_ehcna_open(db->store, pupil_id, r, &found, err);
	if (rc != ST_OK)
		return rc;
	if (!found)
		return st_error_set(err, ST_ERULE, "pupil %lld: has no EHC needs assessment request "
				    "waiting for the local authority (`sentrack ehcna request`)",
				    (long long)pupil_id);
	st_date after = r->decided_on != ST_DATE_NONE ? r->decided_on : r->requested;
	if (date < after)
		rc = st_error_set(err, ST_ERULE, "--date %s: is before the %s on %s",
				  st_date_format(date, d1),
				  r->decided_on != ST_DATE_NONE ? "decision to assess" : "request",
				  st_date_format(after, d2));
	return rc;
}

int st_ehcna_decide(st_db *db, int64_t pupil_id, const char *assess, st_date date,
		    st_error *err)
{
	ERR_ENSURE(err);
	static const char *const answers[] = {"yes", "no", NULL};
	int a = choice(assess, answers);
	if (a < 0)
		return st_error_set(err, ST_EINVAL, "--assess %.20s: must be yes or no",
				    assess ? assess : "");
	int rc = st__check_not_future(db, "--date", date, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_ehcna r;
	char d[ST_DATE_BUFSZ];
	rc = open_request(db, pupil_id, date, &r, err);
	if (rc == ST_OK && r.decided_on != ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "pupil %lld: the local authority already agreed on "
				  "%s to assess; record its final decision with `sentrack ehcna "
				  "outcome`", (long long)pupil_id, st_date_format(r.decided_on, d));
	if (rc == ST_OK)
		rc = st__store_ehcna_set_assess(db->store, r.id, answers[a], date, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "ehcna_request", r.id, pupil_id, date,
				     a == 0 ? "assess yes" : "assess no", err);
	return st__write_end(db, rc, err);
}

int st_ehcna_outcome(st_db *db, int64_t pupil_id, const char *plan, st_date date,
		     st_error *err)
{
	ERR_ENSURE(err);
	static const char *const answers[] = {"issued", "refused", NULL};
	int a = choice(plan, answers);
	if (a < 0)
		return st_error_set(err, ST_EINVAL, "--plan %.20s: must be issued or refused",
				    plan ? plan : "");
	int rc = st__check_not_future(db, "--date", date, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_ehcna r;
	rc = open_request(db, pupil_id, date, &r, err);
	if (rc == ST_OK && r.decided_on == ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "pupil %lld: the local authority has not yet "
				  "decided to assess; record that first (`sentrack ehcna decide "
				  "%lld --assess yes|no --date DATE`)", (long long)pupil_id,
				  (long long)pupil_id);
	if (rc == ST_OK)
		rc = st__store_ehcna_set_plan(db->store, r.id, answers[a], date, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "ehcna_request", r.id, pupil_id, date,
				     a == 0 ? "plan issued" : "plan refused", err);
	/* The LA issues the final plan to the parents (Code 9.40): the pupil is
	 * at E from its date, and the parents have it. */
	if (rc == ST_OK && a == 0) {
		st_register_change to_e = {.status = 'E', .date = date, .parents_informed = date,
					   .plan_date = date, .ceased_by_la = ST_DATE_NONE,
					   .reason = NULL, .source = "command"};
		rc = st_register_apply(db, pupil_id, &to_e, NULL, err);
	}
	return st__write_end(db, rc, err);
}

struct list_run {
	st_ehcna_cb cb;
	void *payload;
};

static int with_deadlines(const st_ehcna *r, void *payload)
{
	struct list_run *run = payload;
	st_ehcna row = *r;
	if (st_date_add_days(r->requested, ST_EHCNA_DECISION_DAYS, &row.decision_due) != ST_OK)
		row.decision_due = ST_DATE_NONE;
	if (st_date_add_days(r->requested, ST_EHCNA_PLAN_DAYS, &row.plan_due) != ST_OK)
		row.plan_due = ST_DATE_NONE;
	/* before issue 12 only a review asked, always the school */
	if (!row.requested_by)
		row.requested_by = "school";
	return run->cb(&row, run->payload);
}

int st_ehcna_list(st_db *db, int64_t pupil_id, st_ehcna_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	struct list_run run = {cb, payload};
	return st__store_ehcna_list(db->store, pupil_id, with_deadlines, &run, err);
}
