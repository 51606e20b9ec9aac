/* census.c - the DfE school census SEN return and its validation rules
 * (issue 12). Each rule is written once here; `census check`, `export
 * census` and the check rule primary-need-missing all come through it. */
#include <stdio.h>
#include <string.h>
#include "store.h"

/* The NC year group expected at the pupil's age on 31 August before the
 * academic year that contains today: Reception at 4, Year 1 at 5, ... */
static int expected_year_ord(st_date dob, st_date today, int *age)
{
	int ty, tm, td, by, bm, bd;
	st_date_to_ymd(today, &ty, &tm, &td);
	st_date_to_ymd(dob, &by, &bm, &bd);
	int start = tm >= 9 ? ty : ty - 1;   /* 31 August of this year */
	*age = start - by - (bm > 8 || (bm == 8 && bd > 31));
	return *age - 4;
}

/* The year group code of an ord (N1 -2, N2 -1, R 0, 1..14). */
static const char *year_code(int ord, char *buf, size_t size)
{
	if (ord < -2 || ord > 14)
		snprintf(buf, size, "none");
	else if (ord <= 0)
		snprintf(buf, size, "%s", ord == -2 ? "N1" : ord == -1 ? "N2" : "R");
	else
		snprintf(buf, size, "%d", ord);
	return buf;
}

int st__census_primary_missing(const struct census_row *r)
{
	return (r->status == 'K' || r->status == 'E') && !r->need1;
}

struct census_run {
	st_db *db;
	st_census_problem_cb cb;
	void *payload;
	int count;
};

static int report(struct census_run *c, const struct census_row *r, const char *field,
		  const char *message)
{
	st_census_problem p = {r->pupil_id, r->upn, r->surname, r->forename, r->year, field,
			       message};
	c->count++;
	return c->cb ? c->cb(&p, c->payload) : 0;
}

/* The census's rules for one pupil at K or E (DfE school census guide: UPN,
 * NC year group, SEN provision, SEN type). */
static int census_rules(const struct census_row *r, void *payload)
{
	struct census_run *c = payload;
	char msg[200], code[8];
	st_error e;
	int rc = 0, age;
	if (!r->upn)
		rc = report(c, r, "UPN", "missing: the census needs a UPN for every pupil");
	else if (st_upn_validate("UPN", r->upn, &e) != ST_OK)
		rc = report(c, r, "UPN", e.message);
	if (!rc && st__census_primary_missing(r))
		rc = report(c, r, "Primary Need", "missing: a pupil at K or E must have a primary "
			    "need type");
	if (!rc && r->need1 && strcmp(r->need1, "NSA") == 0 && r->status == 'E')
		rc = report(c, r, "Primary Need", "NSA at E: NSA (no specialist assessment) is "
			    "valid only for SEN support (K)");
	if (!rc && r->need1 && strcmp(r->need1, "NSA") == 0 && r->need2)
		rc = report(c, r, "Secondary Need", "given beside NSA: NSA takes no secondary need");
	if (!rc && r->need2 && strcmp(r->need2, "NSA") == 0)
		rc = report(c, r, "Secondary Need", "NSA: valid only as the primary need");
	if (!rc && r->status == 'E' && r->plan_date == ST_DATE_NONE)
		rc = report(c, r, "SEN Provision", "E without an EHC plan date");
	int want = expected_year_ord(r->dob, c->db->today, &age);
	if (!rc && (r->year_ord < want - 1 || r->year_ord > want + 1)) {
		snprintf(msg, sizeof msg, "year %s: outside the census range for a pupil aged %d "
			 "on 31 August (expected year %s, one either side allowed)", r->year, age,
			 year_code(want, code, sizeof code));
		rc = report(c, r, "Year", msg);
	}
	return rc;
}

int st_census_check(st_db *db, st_census_problem_cb cb, void *payload, int *count,
		    st_error *err)
{
	ERR_ENSURE(err);
	struct census_run c = {db, cb, payload, 0};
	int rc = st__store_census_rows(db->store, census_rules, &c, err);
	if (count)
		*count = c.count;
	return rc;
}

static const char *const census_cols[] = {"UPN", "Surname", "Forename", "Date of Birth",
					  "Year", "SEN Provision", "Primary Need",
					  "Secondary Need", "Top-up Funding"};

static int census_row(const struct census_row *r, void *payload)
{
	st_csv_writer *w = ((void **)payload)[0];
	st_error *err = ((void **)payload)[1];
	char provision[2] = {r->status, '\0'};
	if (st_csv_typed(w, r->upn, err) || st_csv_text(w, r->surname, err) ||
	    st_csv_text(w, r->forename, err) || st_csv_date(w, r->dob, err) ||
	    st_csv_typed(w, r->year, err) || st_csv_typed(w, provision, err) ||
	    st_csv_typed(w, r->need1, err) || st_csv_typed(w, r->need2, err) ||
	    st_csv_typed(w, r->top_up ? "Y" : "N", err))
		return err->code;
	return st_csv_end_row(w, err);
}

int st_export_census(st_db *db, st_csv_writer *w, st_error *err)
{
	ERR_ENSURE(err);
	void *payload[2] = {w, err};
	int rc = st_csv_header(w, census_cols, (int)(sizeof census_cols / sizeof *census_cols), err);
	return rc == ST_OK ? st__store_census_rows(db->store, census_row, payload, err) : rc;
}

int st_yes_no_parse(const char *field, const char *text, int *out, st_error *err)
{
	ERR_ENSURE(err);
	if (text && strcmp(text, "yes") == 0)
		return *out = 1, ST_OK;
	if (text && strcmp(text, "no") == 0)
		return *out = 0, ST_OK;
	return st_error_set(err, ST_EINVAL, "%s %.20s: must be yes or no", field, text ? text : "");
}

int st_pupil_set_top_up(st_db *db, int64_t pupil_id, int top_up, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	st_pupil *p = NULL;
	if ((rc = st_pupil_get(db, pupil_id, &p, err)) == ST_OK)
		rc = st__store_pupil_set_top_up(db->store, pupil_id, top_up, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "pupil", pupil_id, pupil_id, ST_DATE_NONE,
				     top_up ? "top-up funding yes" : "top-up funding no", err);
	st_pupil_free(p);
	return st__write_end(db, rc, err);
}

/* --- concerns (Code 6.45) ------------------------------------------------- */

int st_concern_add(st_db *db, int64_t pupil_id, const char *from, st_date date,
		   const char *text, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	static const char *const who[] = {"parent", "teacher", "pupil", "other"};
	int known = 0;
	for (size_t i = 0; from && i < sizeof who / sizeof *who; i++)
		known |= strcmp(from, who[i]) == 0;
	if (!known)
		return st_error_set(err, ST_EINVAL, "--from %.20s: must be parent, teacher, pupil or "
				    "other", from ? from : "");
	int rc = st__text_check("--text", text, TEXT_LONG_MAX, TEXT_REQUIRED | TEXT_MULTILINE, err);
	if (rc == ST_OK)
		rc = st__check_not_future(db, "--date", date, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_pupil *p = NULL;
	int64_t id = 0;
	char d[ST_DATE_BUFSZ];
	if ((rc = st_pupil_get(db, pupil_id, &p, err)) == ST_OK && p->left != ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "pupil %lld: has left; their records are archived",
				  (long long)pupil_id);
	if (rc == ST_OK && date < p->dob)
		rc = st_error_set(err, ST_ERULE, "--date %s: is before the date of birth",
				  st_date_format(date, d));
	st_pupil_free(p);
	if (rc == ST_OK)
		rc = st__store_concern_insert(db->store, pupil_id, from, date, text, &id, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "concern", id, pupil_id, date, from, err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

int st_concern_list(st_db *db, int64_t pupil_id, st_date since, st_concern_cb cb,
		    void *payload, st_error *err)
{
	ERR_ENSURE(err);
	return st__store_concern_list(db->store, pupil_id, since, cb, payload, err);
}
