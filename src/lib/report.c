/* report.c - the figures of the provision map and the governors' summary,
 * computed once here (the documents only format them).
 *
 * Provision map: provision rows that share a name, staff, pattern, group
 * size and hourly cost are one intervention; its pupils fill sessions of
 * group_size in name order, and each session counts once. A session costs
 * sessions x minutes / 60 x hourly cost (the staff time); one place in it
 * costs that divided by the group size, rounded once to the penny
 * (st_provision_weekly_pence), so a group of 3 sharing a TA for 30 minutes
 * at 18.00 an hour costs 9.00 a week and 3.00 a pupil. The school total
 * counts each session once, places filled by pupils not on the register
 * included; the year-group totals add up their pupils' places. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store_docs.h"

/* --- the provision map ------------------------------------------------------ */

static int year_ord(const char *y)
{
	if (!y)
		return 99;
	if (strcmp(y, "N1") == 0)
		return -3;
	if (strcmp(y, "N2") == 0)
		return -2;
	if (strcmp(y, "R") == 0)
		return -1;
	return atoi(y);
}

static int cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static char *display_name(const st_provision *p)
{
	const char *first = p->preferred && *p->preferred ? p->preferred : p->forename;
	size_t n = strlen(first ? first : "") + strlen(p->surname ? p->surname : "") + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s %s", first ? first : "", p->surname ? p->surname : "");
	return s;
}

/* Same intervention: everything but the pupil and the dates. */
static int cmp_key(const st_provision *a, const st_provision *b)
{
	int c;
	if ((c = cmp_str(a->name, b->name)) || (c = cmp_str(a->staff_role, b->staff_role)))
		return c;
	if (a->sessions_per_week != b->sessions_per_week)
		return a->sessions_per_week - b->sessions_per_week;
	if (a->minutes != b->minutes)
		return a->minutes - b->minutes;
	if (a->group_size != b->group_size)
		return a->group_size - b->group_size;
	return (a->hourly_cost_pence > b->hourly_cost_pence) - (a->hourly_cost_pence < b->hourly_cost_pence);
}

static int cmp_rows(const void *x, const void *y)
{
	const st_provision *a = *(const st_provision *const *)x, *b = *(const st_provision *const *)y;
	int c = cmp_key(a, b);
	if (c || (c = cmp_str(a->surname, b->surname)) || (c = cmp_str(a->forename, b->forename)))
		return c;
	return (a->pupil_id > b->pupil_id) - (a->pupil_id < b->pupil_id);
}

static st_map_year *year_slot(st_provision_map *m, const char *year)
{
	for (size_t i = 0; i < m->nyears; i++)
		if (strcmp(m->years[i].year, year) == 0)
			return &m->years[i];
	st_map_year *ys = realloc(m->years, (m->nyears + 1) * sizeof *ys);
	if (!ys)
		return NULL;
	m->years = ys;
	st_map_year *y = &ys[m->nyears];
	memset(y, 0, sizeof *y);
	if (!(y->year = st__xstrdup(year)))
		return NULL;
	m->nyears++;
	return y;
}

static int cmp_years(const void *x, const void *y)
{
	const st_map_year *a = x, *b = y;
	return year_ord(a->year) - year_ord(b->year);
}

/* Count distinct pupils overall and per year (sorted rows may repeat a
 * pupil across interventions). */
static int count_pupils(st_provision_map *m, const st_provision **sorted, size_t n)
{
	int64_t *seen = calloc(n ? n : 1, sizeof *seen);
	if (!seen)
		return -1;
	size_t nseen = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < nseen && seen[j] != sorted[i]->pupil_id)
			j++;
		if (j < nseen)
			continue;
		seen[nseen++] = sorted[i]->pupil_id;
		st_map_year *y = year_slot(m, sorted[i]->year ? sorted[i]->year : "?");
		if (!y) {
			free(seen);
			return -1;
		}
		y->npupils++;
	}
	m->npupils = nseen;
	free(seen);
	return 0;
}

static int add_session(st_provision_map *m, const st_provision **first, size_t count,
		       long weeks)
{
	st_map_row *rows = realloc(m->rows, (m->nrows + 1) * sizeof *rows);
	if (!rows)
		return -1;
	m->rows = rows;
	st_map_row *r = &rows[m->nrows++];
	const st_provision *p = first[0];
	memset(r, 0, sizeof *r);
	r->name = st__xstrdup(p->name);
	r->staff = st__xstrdup(p->staff_role);
	r->pupils = calloc(count, sizeof *r->pupils);
	if (!r->name || !r->staff || !r->pupils)
		return -1;
	r->sessions = p->sessions_per_week, r->minutes = p->minutes;
	r->group_size = p->group_size, r->hourly_pence = p->hourly_cost_pence;
	r->weekly_pence = st_provision_weekly_pence(r->sessions, r->minutes, 1, r->hourly_pence);
	r->annual_pence = r->weekly_pence * weeks;
	r->pupil_weekly_pence = st_provision_weekly_pence(r->sessions, r->minutes, r->group_size,
							  r->hourly_pence);
	r->pupil_annual_pence = r->pupil_weekly_pence * weeks;
	m->weekly_pence += r->weekly_pence;
	m->annual_pence += r->annual_pence;
	for (size_t i = 0; i < count; i++) {
		st_map_pupil *mp = &r->pupils[r->npupils++];
		mp->id = first[i]->pupil_id;
		mp->name = display_name(first[i]);
		mp->year = st__xstrdup(first[i]->year ? first[i]->year : "?");
		st_map_year *y = year_slot(m, mp->year ? mp->year : "?");
		if (!mp->name || !mp->year || !y)
			return -1;
		y->weekly_pence += r->pupil_weekly_pence;
		y->annual_pence += r->pupil_annual_pence;
		m->places_annual_pence += r->pupil_annual_pence;
	}
	return 0;
}

int st_provision_map_from(const st_provision *rows, size_t n, long school_weeks,
			  st_provision_map **out, st_error *err)
{
	ERR_ENSURE(err);
	st_provision_map *m = calloc(1, sizeof *m);
	const st_provision **sorted = calloc(n ? n : 1, sizeof *sorted);
	if (!m || !sorted) {
		free(m);
		free(sorted);
		return st__err_nomem(err);
	}
	m->on = ST_DATE_NONE;
	m->school_weeks = school_weeks;
	for (size_t i = 0; i < n; i++)
		sorted[i] = &rows[i];
	qsort(sorted, n, sizeof *sorted, cmp_rows);
	int failed = count_pupils(m, sorted, n);
	for (size_t i = 0; i < n && !failed;) {
		size_t same = 1;
		while (i + same < n && cmp_key(sorted[i], sorted[i + same]) == 0)
			same++;
		/* fill sessions of group_size */
		size_t size = (size_t)(sorted[i]->group_size > 0 ? sorted[i]->group_size : 1);
		for (size_t k = 0; k < same && !failed; k += size)
			failed = add_session(m, sorted + i + k, same - k < size ? same - k : size,
					     school_weeks);
		i += same;
	}
	free(sorted);
	if (failed) {
		st_provision_map_free(m);
		return st__err_nomem(err);
	}
	if (m->nyears > 1) /* an empty map has no array: qsort(NULL, 0) is undefined */
		qsort(m->years, m->nyears, sizeof *m->years, cmp_years);
	*out = m;
	return ST_OK;
}

struct collect {
	st_provision *rows;
	size_t n, cap;
	const char *year;
	int failed;
};

/* Copy one borrowed row (its strings too) into the collection. */
static int collect_row(const st_provision *p, void *payload)
{
	struct collect *c = payload;
	if (c->year && (!p->year || strcmp(c->year, p->year) != 0))
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 32;
		st_provision *r = realloc(c->rows, cap * sizeof *r);
		if (!r)
			return c->failed = ST_EINTERNAL;
		c->rows = r, c->cap = cap;
	}
	st_provision *q = &c->rows[c->n++];
	*q = *p;
	q->name = st__xstrdup(p->name), q->staff_role = st__xstrdup(p->staff_role);
	q->surname = st__xstrdup(p->surname), q->forename = st__xstrdup(p->forename);
	q->preferred = st__xstrdup(p->preferred), q->year = st__xstrdup(p->year);
	if (!q->name || !q->staff_role || !q->surname || !q->forename || !q->year)
		return c->failed = ST_EINTERNAL;
	return 0;
}

static void collect_free(struct collect *c)
{
	for (size_t i = 0; i < c->n; i++) {
		st_provision *q = &c->rows[i];
		free((char *)q->name), free((char *)q->staff_role), free((char *)q->surname);
		free((char *)q->forename), free((char *)q->preferred), free((char *)q->year);
	}
	free(c->rows);
}

int st_provision_map_build(st_db *db, const char *year, st_date on, st_provision_map **out,
			   st_error *err)
{
	ERR_ENSURE(err);
	long weeks = 38;
	int64_t budget = 0;
	int rc;
	if (year && (rc = st_year_validate(db, "--year", year, err)) != ST_OK)
		return rc;
	if ((rc = st_config_int(db, "school-weeks", &weeks, err)) != ST_OK ||
	    (rc = st_config_pence(db, "notional-sen-budget", &budget, err)) != ST_OK)
		return rc;
	struct collect c = {.year = year};
	rc = st_provision_list(db, 0, on, collect_row, &c, err);
	if (rc == ST_EINTERNAL || c.failed)
		rc = st__err_nomem(err);
	if (rc == ST_OK && (rc = st_provision_map_from(c.rows, c.n, weeks, out, err)) == ST_OK) {
		(*out)->on = on;
		(*out)->budget_pence = budget;
	}
	collect_free(&c);
	return rc;
}

void st_provision_map_free(st_provision_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nrows; i++) {
		for (size_t j = 0; j < m->rows[i].npupils; j++)
			free(m->rows[i].pupils[j].name), free(m->rows[i].pupils[j].year);
		free(m->rows[i].pupils), free(m->rows[i].name), free(m->rows[i].staff);
	}
	for (size_t i = 0; i < m->nyears; i++)
		free(m->years[i].year);
	free(m->rows), free(m->years), free(m);
}

/* --- the summary -------------------------------------------------------------- */

const char *st_suppress(long count, long below, char *buf, size_t size)
{
	if (st_suppress_shown(count, below))
		snprintf(buf, size, "%ld", count);
	else
		snprintf(buf, size, "<%ld", below);
	return buf;
}

int st_suppress_shown(long count, long below)
{
	return count <= 0 || count >= below;
}

int st_academic_year_parse(const char *field, const char *text, int *start_year,
			   st_error *err)
{
	ERR_ENSURE(err);
	int y = 0, next = 0, len = 0;
	if (!text || sscanf(text, "%4d-%2d%n", &y, &next, &len) != 2 || len != 7 ||
	    strlen(text) != 7 || y < ST_DATE_MIN_YEAR || y >= ST_DATE_MAX_YEAR ||
	    next != (y + 1) % 100)
		return st_error_set(err, ST_EINVAL, "%s %.40s: not an academic year like 2025-26",
				    field, text ? text : "");
	*start_year = y;
	return ST_OK;
}

int64_t st_provision_cost_within(const st_provision *p, long school_weeks, st_date from,
				 st_date to)
{
	st_date start = p->start > from ? p->start : from;
	st_date end = p->end == ST_DATE_NONE || p->end > to ? to : p->end;
	if (to < from || end < start)
		return 0;
	int64_t annual = st_provision_weekly_pence(p->sessions_per_week, p->minutes, p->group_size,
						   p->hourly_cost_pence) * school_weeks;
	int64_t num = annual * (end - start + 1), den = (int64_t)(to - from + 1);
	return (2 * num + den) / (2 * den);
}

static st_summary_line *line_slot(st_summary_line **lines, size_t *n, const char *label)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*lines)[i].label, label) == 0)
			return &(*lines)[i];
	st_summary_line *l = realloc(*lines, (*n + 1) * sizeof *l);
	if (!l)
		return NULL;
	*lines = l;
	l = &l[(*n)++];
	memset(l, 0, sizeof *l);
	return (l->label = st__xstrdup(label)) ? l : NULL;
}

static int add_status(const char *year, const char *need_code, const char *need_label,
		      char status, void *payload)
{
	st_summary *s = payload;
	char need[160];
	if (need_code)
		snprintf(need, sizeof need, "%s (%s)", need_label ? need_label : need_code, need_code);
	else
		snprintf(need, sizeof need, "none recorded");
	st_summary_line *y = line_slot(&s->by_year, &s->nyears, year ? year : "?");
	st_summary_line *n = y ? line_slot(&s->by_need, &s->nneeds, need) : NULL;
	if (!n)
		return ST_EINTERNAL;
	long *ky = status == 'E' ? &y->e : &y->k, *kn = status == 'E' ? &n->e : &n->k;
	(*ky)++, (*kn)++;
	if (status == 'E')
		s->e++;
	else
		s->k++;
	return 0;
}

static int cmp_need(const void *x, const void *y)
{
	const st_summary_line *a = x, *b = y;
	long ta = a->k + a->e, tb = b->k + b->e;
	return ta != tb ? (tb > ta) - (tb < ta) : strcmp(a->label, b->label);
}

struct cost_sum {
	st_summary *s;
	long weeks;
};

static int add_cost(const st_provision *p, void *payload)
{
	struct cost_sum *c = payload;
	st_provision q = *p;
	if (q.end == ST_DATE_NONE || q.end > c->s->as_of)
		q.end = c->s->as_of; /* nothing is counted beyond today */
	if (q.pupil_left != ST_DATE_NONE && q.end >= q.pupil_left)
		q.end = q.pupil_left - 1; /* nor from the day the pupil left */
	c->s->provision_pence += st_provision_cost_within(&q, c->weeks, c->s->from, c->s->to);
	return 0;
}

static int summary_counts(st_db *db, st_summary *s, st_error *err)
{
	struct store *st = db->store;
	long outcomes[3] = {0}, weeks = 38;
	int rc;
	if ((rc = st_config_int(db, "suppress-below", &s->suppress_below, err)) ||
	    (rc = st_config_int(db, "school-weeks", &weeks, err)) ||
	    (rc = st__store_report_status_at(st, s->as_of, add_status, s, err)) ||
	    (rc = st__store_report_moves(st, s->from, s->as_of, &s->entries, &s->exits,
				     &s->pupils_supported, err)) ||
	    (rc = st__store_report_reviews(st, s->from, s->as_of, &s->reviews, &s->reviews_on_time,
				       err)) ||
	    (rc = st__store_report_parent_meetings(st, s->from, s->as_of, &s->parent_meetings, err)) ||
	    (rc = st__store_report_outcomes(st, s->from, s->as_of, outcomes, err)) ||
	    (rc = st__store_report_ehcna(st, s->from, s->as_of, &s->ehcna_requests, &s->ehcna_plans,
				     err)))
		return rc == ST_EINTERNAL && !err->message[0] ? st__err_nomem(err) : rc;
	s->achieved = outcomes[0], s->partially = outcomes[1], s->not_achieved = outcomes[2];
	struct cost_sum c = {s, weeks};
	return st__provision_list_all_time(db, add_cost, &c, err);
}

int st_summary_build(st_db *db, int start_year, st_summary **out, st_error *err)
{
	ERR_ENSURE(err);
	st_summary *s = calloc(1, sizeof *s);
	if (!s)
		return st__err_nomem(err);
	s->start_year = start_year;
	if (st_date_from_ymd(start_year, 9, 1, &s->from) != ST_OK ||
	    st_date_from_ymd(start_year + 1, 8, 31, &s->to) != ST_OK) {
		free(s);
		return st_error_set(err, ST_EINVAL, "--academic-year %d: out of range", start_year);
	}
	st_date today = db_today(db);
	if (today < s->from) {
		free(s);
		return st_error_set(err, ST_EINVAL, "--academic-year %d-%02d: has not started",
				    start_year, (start_year + 1) % 100);
	}
	s->as_of = today < s->to ? today : s->to;
	int rc = summary_counts(db, s, err);
	if (rc != ST_OK) {
		st_summary_free(s);
		return rc;
	}
	if (s->nneeds > 1)
		qsort(s->by_need, s->nneeds, sizeof *s->by_need, cmp_need);
	*out = s;
	return ST_OK;
}

void st_summary_free(st_summary *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->nyears; i++)
		free(s->by_year[i].label);
	for (size_t i = 0; i < s->nneeds; i++)
		free(s->by_need[i].label);
	free(s->by_year), free(s->by_need), free(s);
}
