/* calendar.c - the dates a SENCO plans around as one list of dated items,
 * and that list as an iCalendar file written by libical (RFC 5545 escaping
 * and line folding are libical's, not ours). Each source is one function in
 * `sources`: review dates, planned meetings, and the EHC deadlines (annual
 * review steps, phase transfer, needs assessment decisions) that check and
 * today use; another source is one more row. */
#include <dlfcn.h>
#include <errno.h>
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"

struct collect {
	st_calendar_item *items;
	size_t n, cap;
	st_date from, to;
	int nomem;
};

/* Keep a copy of it (strings owned) when it falls within the range. */
static int keep(const st_calendar_item *it, void *payload)
{
	struct collect *c = payload;
	if (it->date < c->from || it->date > c->to)
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		st_calendar_item *items = realloc(c->items, cap * sizeof *items);
		if (!items)
			return c->nomem = 1;
		c->items = items;
		c->cap = cap;
	}
	st_calendar_item *k = &c->items[c->n++];
	*k = *it;
	k->detail = it->detail ? st__xstrdup(it->detail) : NULL;
	k->surname = st__xstrdup(it->surname);
	k->forename = st__xstrdup(it->forename);
	k->preferred = it->preferred ? st__xstrdup(it->preferred) : NULL;
	k->year = st__xstrdup(it->year);
	if ((it->detail && !k->detail) || !k->surname || !k->forename || !k->year ||
	    (it->preferred && !k->preferred))
		return c->nomem = 1;
	return 0;
}

static void drop_items(st_calendar_item *items, size_t n)
{
	for (size_t i = 0; items && i < n; i++) {
		free((char *)items[i].detail);
		free((char *)items[i].surname);
		free((char *)items[i].forename);
		free((char *)items[i].preferred);
		free((char *)items[i].year);
	}
	free(items);
}

/* --- the sources ---------------------------------------------------------- */

static int source_reviews(st_db *db, struct collect *c, st_error *err)
{
	return st__store_calendar_reviews(db->store, c->from, c->to, keep, c, err);
}

static int source_meetings(st_db *db, struct collect *c, st_error *err)
{
	return st__store_calendar_meetings(db->store, c->from, c->to, keep, c, err);
}

/* The EHC deadlines are the ones check and today use (st_ehc_deadlines). */
static int ehc_item(const st_ehc_deadline *d, void *payload)
{
	st_calendar_item it = {.kind = ST_CALENDAR_EHC, .date = d->due, .pupil_id = d->pupil_id,
			       .ref_id = d->ref_id, .step = (int)d->step,
			       .detail = st_ehc_step_title(d->step), .since = d->since,
			       .surname = d->surname, .forename = d->forename,
			       .preferred = d->preferred, .year = d->year};
	return keep(&it, payload);
}

static int source_ehc(st_db *db, struct collect *c, st_error *err)
{
	return st_ehc_deadlines(db, ehc_item, c, err);
}

static int (*const sources[])(st_db *, struct collect *, st_error *) = {
	source_reviews, source_meetings, source_ehc,
};

static int by_date(const void *a, const void *b)
{
	const st_calendar_item *x = a, *y = b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->pupil_id != y->pupil_id)
		return x->pupil_id < y->pupil_id ? -1 : 1;
	if (x->step != y->step)
		return x->step < y->step ? -1 : 1;
	return x->ref_id < y->ref_id ? -1 : x->ref_id > y->ref_id;
}

static int collect_all(st_db *db, st_date from, st_date to, struct collect *c, st_error *err)
{
	*c = (struct collect){NULL, 0, 0, from, to, 0};
	if (c->from == ST_DATE_NONE)
		st_date_from_ymd(ST_DATE_MIN_YEAR, 1, 1, &c->from);
	if (c->to == ST_DATE_NONE)
		st_date_from_ymd(ST_DATE_MAX_YEAR, 12, 31, &c->to);
	int rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < sizeof sources / sizeof *sources; i++)
		rc = sources[i](db, c, err);
	if (rc == ST_OK && c->nomem)
		rc = st__err_nomem(err);
	if (rc == ST_OK && c->n)
		qsort(c->items, c->n, sizeof *c->items, by_date);
	return rc;
}

int st_calendar_items(st_db *db, st_date from, st_date to, st_calendar_cb cb, void *payload,
		      st_error *err)
{
	ERR_ENSURE(err);
	struct collect c;
	int rc = collect_all(db, from, to, &c, err);
	for (size_t i = 0; rc == ST_OK && i < c.n; i++) {
		int stop = cb(&c.items[i], payload);
		if (stop)
			rc = st__err_stopped(stop, "listing the calendar", err);
	}
	drop_items(c.items, c.n);
	return rc;
}

/* --- iCalendar ------------------------------------------------------------ */

/* libical is loaded when a calendar is written, not linked: linked, it and
 * the ICU and C++ runtime behind it cost every sentrack process some 10 ms
 * of CPU and megabytes of memory at start-up (bench/README.md), for one
 * command. Its functions, each found by name in the library: */
#define ICAL_FUNCTIONS(X) \
	X(icaltime_null_date) \
	X(icalcomponent_new_vevent) \
	X(icalcomponent_new_vcalendar) \
	X(icalcomponent_add_property) \
	X(icalcomponent_add_component) \
	X(icalcomponent_free) \
	X(icalcomponent_as_ical_string_r) \
	X(icaltimezone_get_utc_timezone) \
	X(icalproperty_new_uid) \
	X(icalproperty_new_dtstamp) \
	X(icalproperty_new_dtstart) \
	X(icalproperty_new_dtend) \
	X(icalproperty_new_summary) \
	X(icalproperty_new_description) \
	X(icalproperty_new_transp) \
	X(icalproperty_new_prodid) \
	X(icalproperty_new_version) \
	X(icalproperty_new_calscale) \
	X(icalproperty_new_method) \
	X(icalproperty_new_x) \
	X(icalproperty_set_x_name) \
	X(icaltimezone_free_builtin_timezones)

struct ical {
	void *lib;
#define ICAL_SLOT(f) __typeof__(f) *f;
	ICAL_FUNCTIONS(ICAL_SLOT)
#undef ICAL_SLOT
};

static int ical_open(struct ical *ic, st_error *err)
{
	memset(ic, 0, sizeof *ic);
	ic->lib = dlopen(SENTRACK_LIBICAL, RTLD_NOW | RTLD_LOCAL);
	if (!ic->lib)
		return st_error_set(err, ST_ENODB, "export calendar needs libical (%s), which is "
				    "not installed: apt-get install libical3", SENTRACK_LIBICAL);
	/* POSIX's way to store what dlsym finds in a function pointer */
#define ICAL_FIND(f) \
	if (!(*(void **)&ic->f = dlsym(ic->lib, #f))) { \
		dlclose(ic->lib); \
		return st_error_set(err, ST_EINTERNAL, "%s has no function " #f, SENTRACK_LIBICAL); \
	}
	ICAL_FUNCTIONS(ICAL_FIND)
#undef ICAL_FIND
	return ST_OK;
}

static struct icaltimetype ical_date(const struct ical *ic, st_date d)
{
	int y, m, day;
	st_date_to_ymd(d, &y, &m, &day);
	struct icaltimetype t = ic->icaltime_null_date();
	t.year = y;
	t.month = m;
	t.day = day;
	return t;
}

/* What the event says: SUMMARY, DESCRIPTION and a UID that depends only on
 * what the item is about (a review date moved keeps its event). */
static void event_text(st_db *db, const st_calendar_item *it, char *summary, size_t ssize,
		       char *description, size_t dsize, char *uid, size_t usize)
{
	char name[ST_PUPIL_NAME_BUFSZ], who[128], d[ST_DATE_BUFSZ];
	st_display_name(it->preferred, it->forename, it->surname, name, sizeof name);
	switch (it->kind) {
	case ST_CALENDAR_REVIEW:
		snprintf(summary, ssize, "SEN support review: %s (Y%s)", name, it->year);
		snprintf(description, dsize, "Review of cycle %d of %s (#%lld), agreed at planning "
			 "(Code 6.48). `sentrack cycle show %lld` before the meeting.", it->seq, name,
			 (long long)it->pupil_id, (long long)it->pupil_id);
		snprintf(uid, usize, "review-cycle-%lld@sentrack", (long long)it->ref_id);
		break;
	case ST_CALENDAR_MEETING:
		snprintf(summary, ssize, "Meeting (%s): %s (Y%s)", it->detail, name, it->year);
		snprintf(description, dsize, "Planned meeting %lld about %s (#%lld) with %s (Code "
			 "6.65). Afterwards: `sentrack meeting held %lld`.", (long long)it->ref_id,
			 name, (long long)it->pupil_id, st_who_format(it->with, who, sizeof who),
			 (long long)it->ref_id);
		snprintf(uid, usize, "meeting-%lld@sentrack", (long long)it->ref_id);
		break;
	case ST_CALENDAR_EHC:
		snprintf(summary, ssize, "EHC: %s due: %s (Y%s)", it->detail, name, it->year);
		snprintf(description, dsize, "Deadline for %s of %s (#%lld) (%s), counted from %s. "
			 "`sentrack ehcp list` and `sentrack ehcna list` show the steps.", it->detail,
			 name, (long long)it->pupil_id, st_ehc_step_code_ref((st_ehc_step)it->step),
			 st_date_format(it->since, d));
		if (it->ref_id)
			snprintf(uid, usize, "ehc-%s-%lld@sentrack",
				 st_ehc_step_name((st_ehc_step)it->step), (long long)it->ref_id);
		else
			snprintf(uid, usize, "ehc-%s-pupil-%lld@sentrack",
				 st_ehc_step_name((st_ehc_step)it->step), (long long)it->pupil_id);
		break;
	}
	(void)db;
}

static icalcomponent *event_of(const struct ical *ic, st_db *db, const st_calendar_item *it,
			       struct icaltimetype stamp)
{
	char summary[400], description[800], uid[96];
	event_text(db, it, summary, sizeof summary, description, sizeof description, uid,
		   sizeof uid);
	st_date next = it->date + 1;
	icalcomponent *ev = ic->icalcomponent_new_vevent();
	if (!ev)
		return NULL;
	ic->icalcomponent_add_property(ev, ic->icalproperty_new_uid(uid));
	ic->icalcomponent_add_property(ev, ic->icalproperty_new_dtstamp(stamp));
	ic->icalcomponent_add_property(ev, ic->icalproperty_new_dtstart(ical_date(ic, it->date)));
	ic->icalcomponent_add_property(ev, ic->icalproperty_new_dtend(ical_date(ic, next)));
	ic->icalcomponent_add_property(ev, ic->icalproperty_new_summary(summary));
	ic->icalcomponent_add_property(ev, ic->icalproperty_new_description(description));
	ic->icalcomponent_add_property(ev, ic->icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	return ev;
}

static icalcomponent *calendar_of(const struct ical *ic, st_db *db, const struct collect *c)
{
	icalcomponent *cal = ic->icalcomponent_new_vcalendar();
	if (!cal)
		return NULL;
	ic->icalcomponent_add_property(cal, ic->icalproperty_new_prodid("-//sentrack//sentrack "
								SENTRACK_VERSION "//EN"));
	ic->icalcomponent_add_property(cal, ic->icalproperty_new_version("2.0"));
	ic->icalcomponent_add_property(cal, ic->icalproperty_new_calscale("GREGORIAN"));
	ic->icalcomponent_add_property(cal, ic->icalproperty_new_method(ICAL_METHOD_PUBLISH));
	icalproperty *name = ic->icalproperty_new_x("SEN reviews and meetings");
	ic->icalproperty_set_x_name(name, "X-WR-CALNAME");
	ic->icalcomponent_add_property(cal, name);
	/* DTSTAMP: today at midnight UTC, so an export is the same on the same day */
	struct icaltimetype stamp = ical_date(ic, db->today);
	stamp.is_date = 0;
	stamp.hour = stamp.minute = stamp.second = 0;
	stamp.zone = ic->icaltimezone_get_utc_timezone();
	for (size_t i = 0; i < c->n; i++) {
		icalcomponent *ev = event_of(ic, db, &c->items[i], stamp);
		if (!ev) {
			ic->icalcomponent_free(cal);
			return NULL;
		}
		ic->icalcomponent_add_component(cal, ev);
	}
	return cal;
}

int st_calendar_write(st_db *db, st_date from, st_date to, FILE *out, long *count,
		      st_error *err)
{
	ERR_ENSURE(err);
	struct collect c;
	struct ical ic;
	int rc = ical_open(&ic, err);
	if (rc != ST_OK)
		return rc;
	rc = collect_all(db, from, to, &c, err);
	icalcomponent *cal = rc == ST_OK ? calendar_of(&ic, db, &c) : NULL;
	char *text = cal ? ic.icalcomponent_as_ical_string_r(cal) : NULL;
	if (rc == ST_OK && !text)
		rc = st__err_nomem(err);
	if (rc == ST_OK && fputs(text, out) == EOF)
		rc = st_error_set(err, ST_EIO, "writing the calendar: %s", strerror(errno));
	if (rc == ST_OK && count)
		*count = (long)c.n;
	free(text);
	if (cal)
		ic.icalcomponent_free(cal);
	drop_items(c.items, c.n);
	/* the UTC zone above is one of libical's built-in zones, held in its
	 * own memory: freed before the library goes, or it would be lost */
	ic.icaltimezone_free_builtin_timezones();
	dlclose(ic.lib);
	return rc;
}
