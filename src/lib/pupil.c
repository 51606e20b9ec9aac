/* pupil.c - pupils: validation and rules for adding, editing, leaving,
 * and resolving the references users type ("12", a UPN, "Zoë Brown"). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fold.h"
#include "store.h"

void st_pupil_fields_init(st_pupil_fields *f)
{
	memset(f, 0, sizeof *f);
	f->dob = ST_DATE_NONE;
	f->joined = ST_DATE_NONE;
}

static const char *empty_to_null(const char *s)
{
	return s && *s ? s : NULL;
}

int st_year_validate(st_db *db, const char *field, const char *text, st_error *err)
{
	ERR_ENSURE(err);
	int exists = 0;
	int rc = st__text_check(field, text, 8, TEXT_REQUIRED, err);
	if (rc == ST_OK)
		rc = st__store_year_exists(db->store, text, &exists, err);
	if (rc != ST_OK || exists)
		return rc;
	char codes[256];
	if (st__store_year_codes(db->store, codes, sizeof codes, err) != ST_OK)
		return err->code;
	return st_error_set(err, ST_EINVAL, "%s %s: not a year group (one of %s)", field, text,
			    codes);
}

/* Check every field of a complete row (after edits are applied). */
static int validate_row_as(st_db *db, const struct pupil_row *r, int64_t self_id, int checked,
			   st_error *err);

static int validate_row(st_db *db, const struct pupil_row *r, int64_t self_id, st_error *err)
{
	return validate_row_as(db, r, self_id, 0, err);
}

/* checked: the caller (an import) has already found the year group among
 * the known ones and looked the UPN up, so neither is read again. */
static int validate_row_as(st_db *db, const struct pupil_row *r, int64_t self_id, int checked,
			   st_error *err)
{
	int rc;
	if ((rc = st__text_check("--surname", r->surname, TEXT_NAME_MAX, TEXT_REQUIRED, err)) ||
	    (rc = st__text_check("--forename", r->forename, TEXT_NAME_MAX, TEXT_REQUIRED, err)) ||
	    (rc = st__text_check("--preferred", r->preferred, TEXT_NAME_MAX, 0, err)) ||
	    (rc = st__text_check("--class", r->class_name, 40, 0, err)))
		return rc;
	if (r->dob == ST_DATE_NONE)
		return st_error_set(err, ST_EINVAL, "--dob: is required");
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	if (r->dob > db->today)
		return st_error_set(err, ST_ERULE, "--dob %s: is in the future (today is %s)",
				    st_date_format(r->dob, d1), st_date_format(db->today, d2));
	if (r->joined != ST_DATE_NONE && (rc = st__check_not_future(db, "--joined", r->joined, err)))
		return rc;
	if (r->joined != ST_DATE_NONE && r->joined < r->dob)
		return st_error_set(err, ST_ERULE, "--joined %s: is before the date of birth %s",
				    st_date_format(r->joined, d1), st_date_format(r->dob, d2));
	if (r->left != ST_DATE_NONE && r->joined != ST_DATE_NONE && r->left < r->joined)
		return st_error_set(err, ST_ERULE, "--date %s: leaving date is before joining (%s)",
				    st_date_format(r->left, d1), st_date_format(r->joined, d2));
	if (!checked && (rc = st_year_validate(db, "--year", r->year, err)))
		return rc;
	if (r->upn) {
		if ((rc = st_upn_validate("--upn", r->upn, err)))
			return rc;
		if (checked)
			return ST_OK;
		int64_t other = 0;
		if ((rc = st__store_pupil_id_by_upn(db->store, r->upn, &other, err)))
			return rc;
		if (other && other != self_id)
			return st_error_set(err, ST_EEXISTS, "--upn %s: already used by pupil %lld",
					    r->upn, (long long)other);
	}
	return ST_OK;
}

int st__pupil_refuse_duplicate(st_db *db, const char *surname, const char *forename,
			       st_date dob, const char *upn, const char *hint, st_error *err)
{
	char *sk = st__text_fold(surname), *fk = st__text_fold(forename);
	char d[ST_DATE_BUFSZ];
	struct st__pupil_twin twin;
	int rc = sk && fk ? st__store_pupil_same_person(db->store, sk, fk, st_date_format(dob, d),
						      upn, &twin, err)
			  : st__err_nomem(err);
	free(sk);
	free(fk);
	if (rc != ST_OK || !twin.id)
		return rc;
	char about[48];
	snprintf(about, sizeof about, "%s%s", twin.upn[0] ? "UPN " : "no UPN",
		 twin.upn[0] ? twin.upn : "");
	return st_error_set(err, ST_EEXISTS, "%s %s, born %s: possibly %s (pupil %lld, year %s, "
			    "%s%s) already in sentrack, with the same name and date of birth and no "
			    "UPN to tell them apart; %s", forename, surname, d, twin.name,
			    (long long)twin.id, twin.year, about, twin.left ? ", left" : "", hint);
}

/* The folded name keys live as long as the row; free them with keys_free. */
static int keys_fill(struct pupil_row *r, st_error *err)
{
	r->surname_key = st__text_fold(r->surname);
	r->forename_key = st__text_fold(r->forename);
	r->preferred_key = r->preferred ? st__text_fold(r->preferred) : NULL;
	if (!r->surname_key || !r->forename_key || (r->preferred && !r->preferred_key))
		return st__err_nomem(err);
	return ST_OK;
}

static void keys_free(struct pupil_row *r)
{
	free((char *)r->surname_key);
	free((char *)r->forename_key);
	free((char *)r->preferred_key);
}

static const char *pick(const char *change, const char *current)
{
	if (!change)
		return current;
	return *change ? change : NULL;
}

/* The row that adding f (p NULL) or editing p with f would store. */
static struct pupil_row row_from(const st_pupil *p, const st_pupil_fields *f)
{
	if (!p)
		return (struct pupil_row){
			.upn = empty_to_null(f->upn), .surname = f->surname, .forename = f->forename,
			.preferred = empty_to_null(f->preferred), .year = f->year,
			.class_name = empty_to_null(f->class_name), .dob = f->dob,
			.joined = f->joined == ST_DATE_CLEAR ? ST_DATE_NONE : f->joined,
			.left = ST_DATE_NONE,
		};
	return (struct pupil_row){
		.upn = pick(f->upn, p->upn),
		.surname = f->surname ? f->surname : p->surname,
		.forename = f->forename ? f->forename : p->forename,
		.preferred = pick(f->preferred, p->preferred),
		.year = f->year ? f->year : p->year,
		.class_name = pick(f->class_name, p->class_name),
		.dob = f->dob != ST_DATE_NONE ? f->dob : p->dob,
		.joined = f->joined == ST_DATE_CLEAR ? ST_DATE_NONE
			  : f->joined != ST_DATE_NONE ? f->joined : p->joined,
		.left = p->left,
	};
}

int st__pupil_validate(st_db *db, const st_pupil *p, const st_pupil_fields *f, st_error *err)
{
	struct pupil_row r = row_from(p, f);
	int rc = validate_row(db, &r, p ? p->id : 0, err);
	if (rc == ST_OK && !p && !f->allow_duplicate)
		rc = st__pupil_refuse_duplicate(db, r.surname, r.forename, r.dob, r.upn,
						ST__DUPLICATE_HINT, err);
	return rc;
}

int st_pupil_add(st_db *db, const st_pupil_fields *f, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	struct pupil_row r = row_from(NULL, f);
	r.import_id = db->import_id;
	r.import_line = db->import_line;
	int64_t id = 0;
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	if ((rc = validate_row(db, &r, 0, err)) == ST_OK && !f->allow_duplicate)
		rc = st__pupil_refuse_duplicate(db, r.surname, r.forename, r.dob, r.upn,
						ST__DUPLICATE_HINT, err);
	if (rc == ST_OK && (rc = keys_fill(&r, err)) == ST_OK &&
	    (rc = st__store_pupil_insert(db->store, &r, &id, err)) == ST_OK)
		rc = st_audit_record(db, "insert", "pupil", id, id, r.joined, NULL, err);
	keys_free(&r);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

int st__pupil_add_checked(st_db *db, const st_pupil_fields *f, int64_t *out_id, st_error *err)
{
	struct pupil_row r = row_from(NULL, f);
	r.import_id = db->import_id;
	r.import_line = db->import_line;
	int rc = validate_row_as(db, &r, 0, 1, err);
	if (rc == ST_OK && (rc = keys_fill(&r, err)) == ST_OK)
		rc = st__store_pupil_insert(db->store, &r, out_id, err);
	keys_free(&r);
	return rc;
}

/* Copy of a pupil with owned strings, for st_pupil_get. */
static int copy_pupil(const st_pupil *p, void *payload)
{
	st_pupil *c = payload;
	*c = *p;
	c->upn = st__xstrdup(p->upn);
	c->surname = st__xstrdup(p->surname);
	c->forename = st__xstrdup(p->forename);
	c->preferred = st__xstrdup(p->preferred);
	c->year = st__xstrdup(p->year);
	c->class_name = st__xstrdup(p->class_name);
	c->primary_need = st__xstrdup(p->primary_need);
	c->secondary_need = st__xstrdup(p->secondary_need);
	return ST_OK;
}

void st_pupil_free(st_pupil *p)
{
	if (!p)
		return;
	free((char *)p->upn);
	free((char *)p->surname);
	free((char *)p->forename);
	free((char *)p->preferred);
	free((char *)p->year);
	free((char *)p->class_name);
	free((char *)p->primary_need);
	free((char *)p->secondary_need);
	free(p);
}

char *st_display_name(const char *preferred, const char *forename, const char *surname,
		      char *buf, size_t size)
{
	const char *first = preferred && *preferred ? preferred : forename;
	snprintf(buf, size, "%s %s", first ? first : "", surname ? surname : "");
	return buf;
}

int st__pupil_refuse_left(const st_pupil *p, st_error *err)
{
	char d[ST_DATE_BUFSZ];
	if (p->left == ST_DATE_NONE)
		return ST_OK;
	return st_error_set(err, ST_ERULE, "pupil %lld: left on %s; a leaver's records are kept "
			    "as they were", (long long)p->id, st_date_format(p->left, d));
}

int st__pupil_get_on_roll(st_db *db, int64_t id, st_pupil **out, st_error *err)
{
	st_pupil *p = NULL;
	int rc = st_pupil_get(db, id, &p, err);
	if (rc == ST_OK)
		rc = st__pupil_refuse_left(p, err);
	if (rc == ST_OK && out)
		*out = p;
	else
		st_pupil_free(p);
	return rc;
}

int st_pupil_get(st_db *db, int64_t id, st_pupil **out, st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	st_pupil *p = calloc(1, sizeof *p);
	if (!p)
		return st__err_nomem(err);
	int rc = st__store_pupil_get(db->store, id, copy_pupil, p, err);
	if (rc == ST_OK && (!p->surname || !p->forename || !p->year))
		rc = st__err_nomem(err);
	if (rc != ST_OK) {
		st_pupil_free(p);
		return rc;
	}
	*out = p;
	return ST_OK;
}

/* Store r for pupil id (validated), with its audit row. */
static int save_row(st_db *db, int64_t id, struct pupil_row *r, st_date date,
		    const char *detail, st_error *err)
{
	int rc;
	if ((rc = validate_row(db, r, id, err)) == ST_OK && (rc = keys_fill(r, err)) == ST_OK &&
	    (rc = st__store_pupil_update(db->store, id, r, err)) == ST_OK)
		rc = st_audit_record(db, "update", "pupil", id, id, date, detail, err);
	keys_free(r);
	return rc;
}

int st_pupil_edit(st_db *db, int64_t id, const st_pupil_fields *f, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	st_pupil *p = NULL;
	if ((rc = st_pupil_get(db, id, &p, err)) != ST_OK)
		return st__write_end(db, rc, err);
	if (!f->surname && !f->forename && !f->preferred && !f->upn && !f->year &&
	    !f->class_name && f->dob == ST_DATE_NONE && f->joined == ST_DATE_NONE) {
		st_pupil_free(p);
		return st__write_end(db, st_error_set(err, ST_EUSAGE, "nothing to change"), err);
	}
	struct pupil_row r = row_from(p, f);
	rc = save_row(db, id, &r, ST_DATE_NONE, NULL, err);
	st_pupil_free(p);
	return st__write_end(db, rc, err);
}

static int copy_cycle_id(const st_cycle *c, void *payload)
{
	*(int64_t *)payload = c->id;
	return 0;
}

/* A leaver's support stops on the leaving date: provision still running
 * then ends that day, and the open cycle closes with the decision 'left'
 * (no review was held). Reports count a pupil up to the day before. */
static int close_on_leaving(st_db *db, int64_t id, st_date date, st_error *err)
{
	int n = 0;
	int64_t cycle = 0;
	int rc = st__store_provision_end_active(db->store, id, date, &n, err);
	if (rc == ST_OK && n > 0)
		rc = st_audit_record(db, "update", "provision", 0, id, date, "ended on leaving",
				     err);
	if (rc == ST_OK) {
		rc = st__store_cycle_open_of(db->store, id, db->today, copy_cycle_id, &cycle, err);
		if (rc == ST_ENOTFOUND)
			return ST_OK;
	}
	if (rc == ST_OK)
		rc = st__store_cycle_close_left(db->store, cycle, date, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "cycle", cycle, id, date, "left", err);
	return rc;
}

/* Off roll on date (leaving), or back on roll with date as the new
 * admission date, after the leaving date. */
static int roll_change(st_db *db, int64_t id, st_date date, int leaving, st_error *err)
{
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	st_pupil *p = NULL;
	if ((rc = st_pupil_get(db, id, &p, err)) != ST_OK)
		return st__write_end(db, rc, err);
	const char *field = leaving ? "--date" : "Admission Date";
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	if (leaving)
		rc = st__pupil_refuse_left(p, err);
	else if (!leaving && (p->left == ST_DATE_NONE || date == ST_DATE_NONE || date <= p->left))
		rc = st_error_set(err, ST_ERULE, "%s %s: a re-join is after the leaving date %s",
				  field, st_date_format(date, d1), st_date_format(p->left, d2));
	if (rc == ST_OK)
		rc = st__check_not_future(db, field, date, err);
	if (rc == ST_OK) {
		st_pupil_fields f;
		st_pupil_fields_init(&f);
		f.joined = leaving ? ST_DATE_NONE : date;
		struct pupil_row r = row_from(p, &f);
		r.left = leaving ? date : ST_DATE_NONE;
		rc = save_row(db, id, &r, date, leaving ? "left" : "re-joined", err);
	}
	if (rc == ST_OK && leaving)
		rc = close_on_leaving(db, id, date, err);
	st_pupil_free(p);
	return st__write_end(db, rc, err);
}

int st_pupil_leave(st_db *db, int64_t id, st_date date, st_error *err)
{
	ERR_ENSURE(err);
	return roll_change(db, id, date, 1, err);
}

int st__pupil_rejoin(st_db *db, int64_t id, st_date joined, st_error *err)
{
	return roll_change(db, id, joined, 0, err);
}

/* --- resolving references ------------------------------------------------- */

struct matches {
	int64_t first;
	int count;
	char list[700];
};

static int collect_match(const st_pupil *p, void *payload)
{
	struct matches *m = payload;
	if (m->count == 0)
		m->first = p->id;
	m->count++;
	char dob[ST_DATE_BUFSZ];
	size_t used = strlen(m->list);
	if (used < sizeof m->list - 1)
		snprintf(m->list + used, sizeof m->list - used, "%s#%lld %s %s (Y%s, born %s%s)",
			 m->count > 1 ? "; " : "", (long long)p->id, p->forename, p->surname, p->year,
			 st_date_format(p->dob, dob), p->left != ST_DATE_NONE ? ", left" : "");
	return ST_OK;
}

/* Try "forename surname" split at every space, plus "surname, forename". */
static int match_names(st_db *db, const char *folded, struct matches *m, st_error *err)
{
	const char *comma = strchr(folded, ',');
	if (comma) {
		char *sur = strndup(folded, (size_t)(comma - folded));
		char *fore = st__text_fold(comma + 1);
		char *sur_f = sur ? st__text_fold(sur) : NULL;
		int rc = sur && fore && sur_f
			 ? st__store_pupil_by_name(db->store, fore, sur_f, collect_match, m, err)
			 : st__err_nomem(err);
		free(sur);
		free(fore);
		free(sur_f);
		return rc;
	}
	for (const char *sp = strchr(folded, ' '); sp; sp = strchr(sp + 1, ' ')) {
		char *fore = strndup(folded, (size_t)(sp - folded));
		if (!fore)
			return st__err_nomem(err);
		int rc = st__store_pupil_by_name(db->store, fore, sp + 1, collect_match, m, err);
		free(fore);
		if (rc != ST_OK)
			return rc;
	}
	return ST_OK;
}

/* The fallback when no name matches exactly: the same comparison on names
 * folded without accents ("zoe brown" finds Zoë Brown), and the nearest
 * names by edit distance to suggest when even that finds nobody. */
struct near {
	const char *want; /* folded, "forename surname" */
	int limit;        /* largest edit distance worth suggesting */
	struct matches m;
	struct { int distance; char text[120]; } best[3];
};

static int name_distance(const char *want, const char *fore, const char *sur, int limit)
{
	char full[2 * TEXT_NAME_MAX + 2];
	snprintf(full, sizeof full, "%s %s", fore, sur);
	char *f = st__fold_plain(full);
	int d = f ? st_text_distance(want, f, limit) : limit + 1;
	free(f);
	return d;
}

static void keep_nearest(struct near *n, const st_pupil *p, int d)
{
	int worst = 0;
	for (int i = 1; i < 3; i++)
		if (n->best[i].distance > n->best[worst].distance)
			worst = i;
	if (d >= n->best[worst].distance)
		return;
	n->best[worst].distance = d;
	snprintf(n->best[worst].text, sizeof n->best[worst].text, "%s %s (Y%s)", p->forename,
		 p->surname, p->year);
}

static int near_match(const st_pupil *p, void *payload)
{
	struct near *n = payload;
	int d = name_distance(n->want, p->forename, p->surname, n->limit);
	if (p->preferred) {
		int dp = name_distance(n->want, p->preferred, p->surname, n->limit);
		d = dp < d ? dp : d;
	}
	if (d == 0)
		return collect_match(p, &n->m);
	if (d <= n->limit)
		keep_nearest(n, p, d);
	return ST_OK;
}

static int resolve_near(st_db *db, const char *ref, struct near *n, st_error *err)
{
	char *want = st__fold_plain(ref);
	if (!want)
		return st__err_nomem(err);
	char *comma = strchr(want, ',');
	if (comma) { /* "brown, zoe" -> "zoe brown" */
		char *swapped = malloc(strlen(want) + 2);
		if (!swapped) {
			free(want);
			return st__err_nomem(err);
		}
		*comma = '\0';
		sprintf(swapped, "%s %s", comma[1] == ' ' ? comma + 2 : comma + 1, want);
		free(want);
		want = swapped;
	}
	n->want = want;
	n->limit = strlen(want) >= 12 ? 3 : 2;
	for (int i = 0; i < 3; i++)
		n->best[i].distance = n->limit + 1;
	st_pupil_filter all = {.include_left = 1};
	int rc = st__store_pupil_list(db->store, &all, near_match, n, err);
	free(want);
	return rc;
}

/* "; did you mean Zoë Brown (Y4) or Zoe Browne (Y6)?" into buf, or "". */
static void suggestions(struct near *n, char *buf, size_t size)
{
	buf[0] = '\0';
	int shown = 0;
	for (int d = 0; d <= n->limit; d++)
		for (int i = 0; i < 3; i++)
			if (n->best[i].distance == d) {
				size_t used = strlen(buf);
				snprintf(buf + used, size - used, "%s%s", shown ? " or " :
					 "; did you mean ", n->best[i].text);
				shown++;
			}
	if (shown) {
		size_t used = strlen(buf);
		snprintf(buf + used, size - used, "?");
	}
}

int st_pupil_resolve(st_db *db, const char *ref, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__text_check("PUPIL", ref, 300, TEXT_REQUIRED, err);
	if (rc != ST_OK)
		return rc;
	struct matches m = {0};
	if (st__text_all_digits(ref) && strlen(ref) < 15) {
		int64_t id = strtoll(ref, NULL, 10);
		st_pupil *p = NULL;
		if (st_pupil_get(db, id, &p, err) == ST_OK) {
			st_pupil_free(p);
			*out_id = id;
			return ST_OK;
		}
		if (err->code != ST_ENOTFOUND)
			return err->code;
		return st_error_set(err, ST_ENOTFOUND, "pupil %s: no pupil has this id", ref);
	}
	if (strlen(ref) == ST_UPN_LEN && isupper((unsigned char)ref[0]) &&
	    isdigit((unsigned char)ref[1])) {
		int64_t id = 0;
		if ((rc = st__store_pupil_id_by_upn(db->store, ref, &id, err)) != ST_OK)
			return rc;
		if (id) {
			*out_id = id;
			return ST_OK;
		}
		return st_error_set(err, ST_ENOTFOUND, "pupil %s: no pupil has this UPN", ref);
	}
	char *folded = st__text_fold(ref);
	if (!folded)
		return st__err_nomem(err);
	rc = match_names(db, folded, &m, err);
	free(folded);
	if (rc != ST_OK)
		return rc;
	char hint[400] = "";
	if (m.count == 0) {
		struct near n = {0};
		if ((rc = resolve_near(db, ref, &n, err)) != ST_OK)
			return rc;
		m = n.m;
		suggestions(&n, hint, sizeof hint);
	}
	if (m.count == 0)
		return st_error_set(err, ST_ENOTFOUND, "pupil %s: no pupil with this name%s",
				    ref, hint[0] ? hint : " (try `sentrack pupil list`)");
	if (m.count > 1)
		return st_error_set(err, ST_EAMBIGUOUS,
				    "pupil %s: %d pupils match; use an id or UPN: %s", ref, m.count,
				    m.list);
	*out_id = m.first;
	return ST_OK;
}

int st_pupil_list(st_db *db, const st_pupil_filter *filter, st_pupil_cb cb, void *payload,
		  st_error *err)
{
	ERR_ENSURE(err);
	st_pupil_filter all = {0};
	return st__store_pupil_list(db->store, filter ? filter : &all, cb, payload, err);
}

const char *st_pupil_display_name(const st_pupil *p, char *buf, unsigned size)
{
	return st_display_name(p->preferred, p->forename, p->surname, buf, size);
}
