/* register.c - the SEN register: each change is a dated event appended to
 * the pupil's history (never an overwrite), with the rules of Code 6.43. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "store.h"

int st_register_parse_status(const char *field, const char *text, char *out, st_error *err)
{
	ERR_ENSURE(err);
	if (text && strlen(text) == 1) {
		char c = (char)toupper((unsigned char)text[0]);
		if (c == 'K' || c == 'E' || c == 'N') {
			*out = c;
			return ST_OK;
		}
	}
	return st_error_set(err, ST_EINVAL,
			    "%s %.20s: not a register status (K = SEN support, E = EHC plan, "
			    "N = no SEN)", field, text ? text : "");
}

static const char *status_name(char s)
{
	return s == 'K' ? "K (SEN support)" : s == 'E' ? "E (EHC plan)" : "N (no SEN)";
}

static int check_placement(st_db *db, const st_pupil *p, const st_register_event *last,
			   int has_last, char status, st_date date, st_error *err)
{
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	int rc = st__pupil_refuse_left(p, err);
	if (rc != ST_OK)
		return rc;
	rc = st__check_not_future(db, "--date", date, err);
	if (rc != ST_OK)
		return rc;
	if (date < p->dob)
		return st_error_set(err, ST_ERULE, "--date %s: is before the date of birth",
				    st_date_format(date, d1));
	if (status == 'N' && (!has_last || last->status == 'N'))
		return st_error_set(err, ST_ERULE, "pupil %lld: is not on the SEN register",
				    (long long)p->id);
	if (!has_last)
		return ST_OK;
	if (last->status == status)
		return st_error_set(err, ST_ERULE, "pupil %lld: already at %s since %s",
				    (long long)p->id, status_name(status),
				    st_date_format(last->date, d1));
	if (date < last->date)
		return st_error_set(err, ST_ERULE,
				    "--date %s: is before the last register change (%s on %s); "
				    "the history only moves forward",
				    st_date_format(date, d1), status_name(last->status),
				    st_date_format(last->date, d2));
	return ST_OK;
}

/* Only the local authority ceases an EHC plan (Code 9.199-9.210): leaving
 * E needs the date of its decision, on or before the change and not before
 * the plan; nothing else takes one. */
static int check_ceased(st_db *db, const st_register_event *last, int has_last,
			const st_register_change *c, st_error *err)
{
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	int leaving_e = has_last && last->status == 'E' && c->status != 'E';
	if (!leaving_e && c->ceased_by_la != ST_DATE_NONE)
		return st_error_set(err, ST_ERULE, "--ceased-by-la: only applies when a pupil "
				    "leaves E (an EHC plan)");
	if (!leaving_e)
		return ST_OK;
	if (c->ceased_by_la == ST_DATE_NONE)
		return st_error_set(err, ST_ERULE, "pupil %lld: has an EHC plan (E since %s); only "
				    "the local authority ceases an EHC plan (Code 9.199-9.210): "
				    "give --ceased-by-la DATE, the date of its decision",
				    (long long)last->pupil_id, st_date_format(last->date, d1));
	int rc = st__check_not_future(db, "--ceased-by-la", c->ceased_by_la, err);
	if (rc == ST_OK && c->ceased_by_la > c->date)
		rc = st_error_set(err, ST_ERULE, "--ceased-by-la %s: is after the register change "
				  "(%s); the plan ends when the LA has decided",
				  st_date_format(c->ceased_by_la, d1), st_date_format(c->date, d2));
	if (rc == ST_OK && c->ceased_by_la < last->plan_date)
		rc = st_error_set(err, ST_ERULE, "--ceased-by-la %s: is before the EHC plan date %s",
				  st_date_format(c->ceased_by_la, d1),
				  st_date_format(last->plan_date, d2));
	return rc;
}

static int check_change(st_db *db, const st_register_change *c, st_error *err)
{
	int rc = ST_OK;
	if (c->status == 'E' && c->plan_date == ST_DATE_NONE)
		rc = st_error_set(err, ST_EUSAGE, "--plan-date: is required for status E (the date "
				  "of the EHC plan)");
	if (rc == ST_OK && c->status != 'E' && c->plan_date != ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "--plan-date: only applies to status E");
	if (rc == ST_OK && c->plan_date != ST_DATE_NONE)
		rc = st__check_not_future(db, "--plan-date", c->plan_date, err);
	if (rc == ST_OK && c->status == 'N' && c->parents_informed != ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "--parents-informed: only applies to K or E");
	if (rc == ST_OK && c->parents_informed != ST_DATE_NONE)
		rc = st__check_not_future(db, "--parents-informed", c->parents_informed, err);
	if (rc == ST_OK)
		rc = st__text_check("--reason", c->reason, TEXT_SHORT_MAX, 0, err);
	return rc;
}

/* Record c for pupil p (latest event last, when has_last), checked. */
static int apply_to(st_db *db, const st_pupil *p, const st_register_event *last, int has_last,
		    const st_register_change *c, int64_t *out_id, st_error *err)
{
	int64_t pupil_id = p->id;
	int rc = check_placement(db, p, last, has_last, c->status, c->date, err);
	if (rc == ST_OK)
		rc = check_change(db, c, err);
	if (rc == ST_OK)
		rc = check_ceased(db, last, has_last, c, err);
	int64_t id = 0;
	if (rc == ST_OK) {
		struct register_row r = {pupil_id, c->status, c->date, c->parents_informed,
					 c->plan_date, c->ceased_by_la,
					 c->reason && *c->reason ? c->reason : NULL, c->source,
					 db->user};
		rc = st__store_register_insert(db->store, &r, &id, err);
	}
	if (rc == ST_OK)
		rc = st__store_pupil_set_status(db->store, pupil_id, c->status, c->date, id, err);
	if (rc == ST_OK && c->status == 'N')
		rc = st__need_end_all(db, pupil_id, c->date, err);
	if (rc == ST_OK) {
		char detail[48];
		snprintf(detail, sizeof detail, "status %c%s", c->status,
			 c->ceased_by_la != ST_DATE_NONE ? "; EHC plan ceased by the LA" : "");
		rc = st_audit_record(db, "insert", "register_event", id, pupil_id, c->date, detail,
				     err);
	}
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

int st_register_apply(st_db *db, int64_t pupil_id, const st_register_change *c,
		      int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	if (c->status != 'K' && c->status != 'E' && c->status != 'N')
		return st_error_set(err, ST_EINVAL, "--status: must be K, E or N");
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	st_pupil *p = NULL;
	st_register_event last;
	if ((rc = st_pupil_get(db, pupil_id, &p, err)) != ST_OK)
		return st__write_end(db, rc, err);
	rc = st__store_register_latest(db->store, pupil_id, &last, err);
	int has_last = rc == ST_OK;
	if (rc == ST_ENOTFOUND)
		rc = ST_OK;
	if (rc == ST_OK)
		rc = apply_to(db, p, &last, has_last, c, out_id, err);
	st_pupil_free(p);
	return st__write_end(db, rc, err);
}

int st__register_first(st_db *db, const st_pupil *p, const st_register_change *c,
		       st_error *err)
{
	if (c->status != 'K' && c->status != 'E')
		return st_error_set(err, ST_EINVAL, "--status: must be K or E");
	return apply_to(db, p, NULL, 0, c, NULL, err);
}

int st_register_set(st_db *db, int64_t pupil_id, char status, st_date date,
		    st_date parents_informed, st_date plan_date, const char *reason,
		    const char *source, int64_t *out_id, st_error *err)
{
	st_register_change c = {status, date, parents_informed, plan_date, ST_DATE_NONE, reason,
				source};
	return st_register_apply(db, pupil_id, &c, out_id, err);
}

int st_register_add(st_db *db, int64_t pupil_id, char status, st_date date,
		    st_date parents_informed, st_date plan_date, int64_t *out_id,
		    st_error *err)
{
	ERR_ENSURE(err);
	if (status != 'K' && status != 'E')
		return st_error_set(err, ST_EINVAL, "--status %c: register add takes K or E "
				    "(use `register remove` for N)", status ? status : '?');
	return st_register_set(db, pupil_id, status, date, parents_informed, plan_date, NULL,
			       "command", out_id, err);
}

int st_register_remove(st_db *db, int64_t pupil_id, st_date date, const char *reason,
		       int64_t *out_id, st_error *err)
{
	return st_register_set(db, pupil_id, 'N', date, ST_DATE_NONE, ST_DATE_NONE, reason,
			       "command", out_id, err);
}

int st_register_inform(st_db *db, int64_t pupil_id, st_date date, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	st_register_event last;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	rc = st__store_register_latest(db->store, pupil_id, &last, err);
	if (rc == ST_ENOTFOUND || (rc == ST_OK && last.status == 'N'))
		rc = st_error_set(err, ST_ERULE, "pupil %lld: is not on the SEN register (K or E)",
				  (long long)pupil_id);
	if (rc == ST_OK && last.parents_informed != ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "pupil %lld: parents were already recorded as "
				  "informed on %s", (long long)pupil_id,
				  st_date_format(last.parents_informed, d1));
	if (rc == ST_OK)
		rc = st__check_not_future(db, "--date", date, err);
	if (rc == ST_OK && date < last.date)
		rc = st_error_set(err, ST_ERULE, "--date %s: is before the placement at %c on %s; "
				  "give --parents-informed to `register add` instead",
				  st_date_format(date, d1), last.status,
				  st_date_format(last.date, d2));
	if (rc == ST_OK)
		rc = st__store_register_set_informed(db->store, last.id, date, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "register_event", last.id, pupil_id, date,
				     "parents informed", err);
	return st__write_end(db, rc, err);
}

int st_register_history(st_db *db, int64_t pupil_id, st_register_cb cb, void *payload,
			st_error *err)
{
	ERR_ENSURE(err);
	return st__store_register_history(db->store, pupil_id, cb, payload, err);
}

int st_register_current(st_db *db, int64_t pupil_id, st_register_event *out, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__store_register_latest(db->store, pupil_id, out, err);
	if (rc == ST_ENOTFOUND)
		return st_error_set(err, ST_ENOTFOUND, "pupil %lld: has never been on the register",
				    (long long)pupil_id);
	return rc;
}
