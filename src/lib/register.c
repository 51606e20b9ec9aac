/* register.c - the SEN register: each change is a dated event appended to
 * the pupil's history (never an overwrite), with the rules of Code 6.43. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fold.h"
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

int st_register_parse_informed(const char *field, const char *text, const char **out,
			       st_error *err)
{
	ERR_ENSURE(err);
	static const char *const who[] = {"parent", "young-person", NULL};
	if (!(*out = st__fold_enum(text, who)))
		return st_error_set(err, ST_EINVAL, "%s %.30s: must be parent or young-person", field,
				    text ? text : "");
	return ST_OK;
}

int st_register_set_informed_who(st_db *db, int64_t pupil_id, const char *who, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st_register_parse_informed("--informed", who, &who, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_register_event last;
	st_pupil *p = NULL;
	char d[ST_DATE_BUFSZ];
	rc = st__store_register_latest(db->store, pupil_id, &last, err);
	if (rc == ST_ENOTFOUND || (rc == ST_OK && last.status == 'N'))
		rc = st_error_set(err, ST_ERULE, "pupil %lld: is not on the SEN register (K or E)",
				  (long long)pupil_id);
	if (rc == ST_OK && last.parents_informed == ST_DATE_NONE)
		rc = st_error_set(err, ST_EUSAGE, "--informed: give the date with --parents-informed");
	if (rc == ST_OK && strcmp(who, "young-person") == 0 &&
	    (rc = st_pupil_get(db, pupil_id, &p, err)) == ST_OK &&
	    !st_young_person_on(p->dob, last.parents_informed))
		rc = st_error_set(err, ST_ERULE, "--informed young-person: on %s the pupil was not "
				  "yet a young person (from the academic year in which they turn "
				  "16); inform the parents", st_date_format(last.parents_informed, d));
	st_pupil_free(p);
	if (rc == ST_OK)
		rc = st__store_register_set_informed_who(db->store, last.id, who, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "register_event", last.id, pupil_id,
				     last.parents_informed, who, err);
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

/* --- entries made in error ------------------------------------------------- */

int st_register_history_check(const st_register_event *ev, size_t n, st_error *err)
{
	ERR_ENSURE(err);
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	if (n > 0 && ev[0].status == 'N')
		return st_error_set(err, ST_ERULE, "the history would start with N on %s; a pupil "
				    "moves to N only from K or E", st_date_format(ev[0].date, d1));
	for (size_t i = 1; i < n; i++) {
		const st_register_event *a = &ev[i - 1], *b = &ev[i];
		int leaves_e = a->status == 'E' && b->status != 'E';
		st_date_format(a->date, d1);
		st_date_format(b->date, d2);
		if (a->status == b->status)
			return st_error_set(err, ST_ERULE, "the history would have %s on %s followed "
					    "by %s again on %s; the register records changes only",
					    status_name(a->status), d1, status_name(b->status), d2);
		if (leaves_e && b->ceased_by_la == ST_DATE_NONE)
			return st_error_set(err, ST_ERULE, "the history would have E on %s followed "
					    "by %c on %s with no decision of the LA to cease the EHC "
					    "plan", d1, b->status, d2);
		if (!leaves_e && b->ceased_by_la != ST_DATE_NONE)
			return st_error_set(err, ST_ERULE, "the history would have the EHC plan "
					    "ceased by the LA on %s when the pupil was at %c, not E",
					    d2, a->status);
	}
	return ST_OK;
}

/* One pupil's entries, entries in error left out and one more (skip). */
struct kept {
	st_register_event *ev;
	size_t n, cap;
	int64_t skip;
};

static int keep_event(const st_register_event *e, void *payload)
{
	struct kept *k = payload;
	if (e->voided_on != ST_DATE_NONE || e->id == k->skip)
		return 0;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 8;
		st_register_event *more = realloc(k->ev, cap * sizeof *more);
		if (!more)
			return ST_EINTERNAL;
		k->ev = more, k->cap = cap;
	}
	st_register_event *o = &k->ev[k->n++];
	*o = *e;
	o->reason = o->source = o->entered_at = o->entered_by = o->void_reason = NULL;
	return 0;
}

static int copy_event(const st_register_event *e, void *payload)
{
	st_register_event *o = payload;
	*o = *e;
	/* the source is kept as a static string: only "review" is looked at */
	o->source = e->source && strcmp(e->source, "review") == 0 ? "review" : NULL;
	o->reason = o->entered_at = o->entered_by = NULL;
	o->void_reason = st__xstrdup(e->void_reason);
	return e->void_reason && !o->void_reason ? ST_EINTERNAL : 0;
}

/* The entry to void: it exists and is not void already. */
static int event_to_void(st_db *db, int64_t event_id, st_register_event *e, st_error *err)
{
	char d[ST_DATE_BUFSZ];
	memset(e, 0, sizeof *e);
	int rc = st__store_register_get(db->store, event_id, copy_event, e, err);
	if (rc == ST_ENOTFOUND)
		return st_error_set(err, ST_ENOTFOUND, "EVENT %lld: no such register entry (the "
				    "EVENT column of `sentrack register history PUPIL` gives it)",
				    (long long)event_id);
	if (rc == ST_OK && e->voided_on != ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "EVENT %lld: was already marked entered in error "
				  "on %s (%s)", (long long)event_id,
				  st_date_format(e->voided_on, d), e->void_reason);
	/* a review's decision (exit: provision ended, cycle closed) is not
	 * undone by taking away one of its consequences */
	if (rc == ST_OK && e->source)
		rc = st_error_set(err, ST_ERULE, "EVENT %lld: was recorded by a cycle review (decision "
				  "exit on %s); the review stands, so its move to N does too: place "
				  "the pupil again with `sentrack register add`", (long long)event_id,
				  st_date_format(e->date, d));
	return rc;
}

/* What leaving K and E (the pupil's status becomes N, or nothing) needs:
 * no needs recorded (they are only for K or E) and no cycle open. */
static int check_leaves_register(st_db *db, const st_pupil *p, st_error *err)
{
	st_cycle *c = NULL;
	char name[300];
	if (p->primary_need || p->secondary_need)
		return st_error_set(err, ST_ERULE, "pupil %lld: has needs recorded (%s%s%s), which "
				    "are recorded only for K or E; remove them first (`sentrack need "
				    "remove %lld TYPE`)", (long long)p->id,
				    p->primary_need ? p->primary_need : "",
				    p->primary_need && p->secondary_need ? ", " : "",
				    p->secondary_need ? p->secondary_need : "", (long long)p->id);
	int rc = st_cycle_get(db, p->id, 0, &c, err);
	if (rc == ST_ENOTFOUND)
		return ST_OK;
	if (rc == ST_OK)
		rc = st_error_set(err, ST_ERULE, "pupil %lld: %s is open (%s phase), and a "
				  "cycle is for a pupil at K or E; review and close it first",
				  (long long)p->id, st_cycle_name(c, name, sizeof name), c->phase);
	st_cycle_free(c);
	return rc;
}

/* The status the entries say on date: the last one on or before it. */
static char status_on(const struct kept *k, st_date date)
{
	char status = 0;
	for (size_t i = 0; i < k->n && k->ev[i].date <= date; i++)
		status = k->ev[i].status;
	return status;
}

struct cycles_check {
	const struct kept *k;
	int64_t event;
	st_error *err;
};

/* Every cycle, open or closed, was opened while the pupil was at K or E. */
static int cycle_still_placed(const st_cycle *c, void *payload)
{
	struct cycles_check *cc = payload;
	char s = status_on(cc->k, c->opened_on), name[300], d[ST_DATE_BUFSZ];
	if (s == 'K' || s == 'E')
		return 0;
	st_error_set(cc->err, ST_ERULE, "EVENT %lld: %s was opened on %s, when the remaining "
		     "entries say the pupil was %s; a cycle is for a pupil at K or E",
		     (long long)cc->event,
		     st_cycle_name(c, name, sizeof name), st_date_format(c->opened_on, d),
		     s == 'N' ? "at N" : "not on the register");
	return ST_ERULE;
}

/* The pupil's status from the remaining entries: the cache kept on the
 * pupil, and the needs that a move to N in error had ended. */
static int recompute(st_db *db, const st_pupil *p, const st_register_event *voided,
		     const struct kept *k, st_error *err)
{
	const st_register_event *now = k->n ? &k->ev[k->n - 1] : NULL;
	char to = now ? now->status : 0;
	int rc = ST_OK, restored = 0;
	if (now && (now->date > voided->date || (now->date == voided->date && now->id > voided->id)))
		return ST_OK; /* an older entry: the current one stands */
	if (to != 'K' && to != 'E')
		rc = check_leaves_register(db, p, err);
	if (rc == ST_OK)
		rc = st__store_pupil_set_status(db->store, p->id, to,
						now ? now->date : ST_DATE_NONE, now ? now->id : 0,
						err);
	if (rc == ST_OK && voided->status == 'N' && (to == 'K' || to == 'E'))
		rc = st__store_need_restore(db->store, p->id, voided->date, &restored, err);
	if (rc == ST_OK && restored > 0)
		rc = st_audit_record(db, "insert", "pupil_need", 0, p->id, voided->date,
				     "restored: the move to N was entered in error", err);
	return rc;
}

int st_register_void(st_db *db, int64_t event_id, const char *reason, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__text_check("--reason", reason, TEXT_SHORT_MAX, TEXT_REQUIRED, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_register_event e;
	st_pupil *p = NULL;
	struct kept k = {NULL, 0, 0, event_id};
	if ((rc = event_to_void(db, event_id, &e, err)) == ST_OK &&
	    (rc = st__pupil_get_on_roll(db, e.pupil_id, &p, err)) == ST_OK)
		rc = st__store_register_history(db->store, e.pupil_id, keep_event, &k, err);
	if (rc == ST_EINTERNAL && !err->message[0])
		rc = st__err_nomem(err);
	if (rc == ST_OK && (rc = st_register_history_check(k.ev, k.n, err)) != ST_OK) {
		char why[ST_ERROR_MAX];
		snprintf(why, sizeof why, "%s", err->message);
		rc = st_error_set(err, ST_ERULE, "EVENT %lld: marking it entered in error would "
				  "leave a history that never was: %s; mark the later entries in "
				  "error first", (long long)event_id, why);
	}
	if (rc == ST_OK) {
		struct cycles_check cc = {&k, event_id, err};
		rc = st__store_cycle_history(db->store, e.pupil_id, db->today, cycle_still_placed, &cc,
					     err);
	}
	if (rc == ST_OK)
		rc = recompute(db, p, &e, &k, err);
	if (rc == ST_OK)
		rc = st__store_register_void(db->store, event_id, db->today, reason, err);
	if (rc == ST_OK) {
		char detail[64];
		snprintf(detail, sizeof detail, "entered in error: status %c", e.status);
		rc = st_audit_record(db, "update", "register_event", event_id, e.pupil_id, e.date,
				     detail, err);
	}
	free(k.ev);
	free((char *)e.void_reason);
	st_pupil_free(p);
	return st__write_end(db, rc, err);
}
