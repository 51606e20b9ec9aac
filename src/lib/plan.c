/* plan.c - the SEN support plan a parent takes home (Code 6.71): who the
 * pupil is, their needs in plain words, what they and their parents said,
 * the outcomes with how they are measured and (after review) how they
 * went, the support (who, how often, how long; costs only when asked), the
 * strategies, the review date and lead, the meetings, and space to sign. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "doc.h"

struct plan {
	st_db *db;
	struct doc *d;
	const st_cycle *c;
	const st_plan_options *opt;
	st_date until;           /* the cycle's end, or today */
	int64_t weekly, annual;  /* with costs: the totals */
	const char *who;         /* views: "pupil" or "parents" */
	int nviews;
};

static int need_line(const st_pupil_need *n, void *payload)
{
	struct plan *pl = payload;
	char line[400];
	snprintf(line, sizeof line, "%s need: %s (%s)%s%s", n->rank == 1 ? "Primary" : "Secondary",
		 n->type.label, n->type.code, n->type.area_label ? ", in the area of " : "",
		 n->type.area_label ? n->type.area_label : "");
	st__doc_para(pl->d, line);
	return 0;
}

static int view_para(const st_view *v, void *payload)
{
	struct plan *pl = payload;
	if (strcmp(v->who, pl->who) != 0)
		return 0;
	char date[ST_DATE_BUFSZ], label[64];
	snprintf(label, sizeof label, "%s (%s)", st_date_format(v->date, date),
		 strcmp(v->stage, "review") == 0 ? "at the review" : "when planning");
	st__doc_field(pl->d, label, v->text);
	pl->nviews++;
	return 0;
}

static int outcome_row(const st_outcome *o, void *payload)
{
	struct plan *pl = payload;
	char by[ST_DATE_BUFSZ], rated[ST_DATE_BUFSZ], text[600], progress[600];
	snprintf(text, sizeof text, "%s%s", o->text, o->origin_id ? "\n(carried forward)" : "");
	if (o->rating)
		snprintf(progress, sizeof progress, "%s on %s%s%s",
			 strcmp(o->rating, "not-achieved") == 0 ? "not achieved"
			 : strcmp(o->rating, "partially") == 0 ? "partially achieved" : "achieved",
			 st_date_format(o->rated_on, rated), o->rating_note ? ": " : "",
			 o->rating_note ? o->rating_note : "");
	else
		snprintf(progress, sizeof progress, "not yet reviewed");
	const char *cells[] = {text, o->measure ? o->measure : "", st_date_format(o->target_date, by),
			       progress};
	st__doc_table_row(pl->d, cells);
	return 0;
}

static int provision_row(const st_provision *p, void *payload)
{
	struct plan *pl = payload;
	if (p->start > pl->until || (p->end != ST_DATE_NONE && p->end < pl->c->opened_on))
		return 0;
	char often[48], length[32], group[32], from[64], d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	char weekly[ST_MONEY_BUFSZ], annual[ST_MONEY_BUFSZ];
	snprintf(often, sizeof often, p->sessions_per_week == 1 ? "once a week"
		 : p->sessions_per_week == 2 ? "twice a week" : "%d times a week",
		 p->sessions_per_week);
	snprintf(length, sizeof length, "%d minutes", p->minutes);
	if (p->group_size == 1)
		snprintf(group, sizeof group, "one to one");
	else
		snprintf(group, sizeof group, "group of %d", p->group_size);
	if (p->end == ST_DATE_NONE)
		snprintf(from, sizeof from, "from %s", st_date_format(p->start, d1));
	else
		snprintf(from, sizeof from, "%s to %s", st_date_format(p->start, d1),
			 st_date_format(p->end, d2));
	char wk[ST_MONEY_BUFSZ + 4], yr[ST_MONEY_BUFSZ + 4];
	snprintf(wk, sizeof wk, "£%s", st_money_format(p->weekly_pence, weekly));
	snprintf(yr, sizeof yr, "£%s", st_money_format(p->annual_pence, annual));
	const char *cells[] = {p->name, p->staff_role, often, length, group, from, wk, yr};
	pl->weekly += p->weekly_pence;
	pl->annual += p->annual_pence;
	st__doc_table_row(pl->d, cells);
	return 0;
}

static int meeting_row(const st_meeting *m, void *payload)
{
	struct plan *pl = payload;
	if (m->cycle_id != pl->c->id)
		return 0;
	char date[ST_DATE_BUFSZ], with[128], who[200];
	st_who_format(m->with, with, sizeof with);
	size_t n = 0;
	for (const char *p = with; *p && n + 3 < sizeof who; p++) {
		who[n++] = *p == '-' ? ' ' : *p;
		if (*p == ',')
			who[n++] = ' ';
	}
	who[n] = '\0';
	char purpose[40];
	snprintf(purpose, sizeof purpose, "%s%s", m->purpose, m->planned ? " (planned)" : "");
	const char *cells[] = {st_date_format(m->date, date), purpose, who,
			       m->notes ? m->notes : ""};
	st__doc_table_row(pl->d, cells);
	return 0;
}

static int earlier_row(const st_cycle *c, void *payload)
{
	struct plan *pl = payload;
	if (c->seq >= pl->c->seq)
		return 0;
	char seq[24], dates[40], d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ], n[16];
	snprintf(seq, sizeof seq, "Cycle %d", c->seq);
	snprintf(dates, sizeof dates, "%s to %s", st_date_format(c->opened_on, d1),
		 c->closed_on != ST_DATE_NONE ? st_date_format(c->closed_on, d2) : "now");
	snprintf(n, sizeof n, "%d", c->outcomes);
	const char *cells[] = {seq, dates, n, c->decision ? c->decision : "open"};
	st__doc_table_row(pl->d, cells);
	return 0;
}

/* The open cycle, else the latest; or cycle number seq. */
static int find_cycle(st_db *db, int64_t pupil, int seq, st_cycle **out, st_error *err)
{
	int rc = st_cycle_get(db, pupil, seq, out, err);
	if (rc != ST_ENOTFOUND || seq > 0)
		return rc;
	for (int s = 1; s < 1000; s++) { /* no open cycle: the highest number */
		st_cycle *c = NULL;
		if (st_cycle_get(db, pupil, s, &c, NULL) != ST_OK)
			break;
		st_cycle_free(*out);
		*out = c;
	}
	if (!*out)
		return st_error_set(err, ST_ENOTFOUND, "pupil %lld: has no cycle of the graduated "
				    "approach yet (sentrack cycle open)", (long long)pupil);
	st_error_clear(err);
	return ST_OK;
}

static void about(struct plan *pl, const st_pupil *p, const char *name)
{
	struct doc *d = pl->d;
	char year[32], d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ], cyc[160];
	st__doc_field(d, "Name", name);
	st__doc_field(d, "Year group", st__doc_year_label(p->year, year, sizeof year));
	if (p->class_name)
		st__doc_field(d, "Class", p->class_name);
	if (pl->opt->with_ids && p->upn)
		st__doc_field(d, "UPN", p->upn);
	snprintf(cyc, sizeof cyc, "number %d, %s", pl->c->seq,
		 pl->c->planned_on != ST_DATE_NONE ? "agreed on " : "not yet agreed");
	if (pl->c->planned_on != ST_DATE_NONE)
		strncat(cyc, st_date_format(pl->c->planned_on, d1), sizeof cyc - strlen(cyc) - 1);
	st__doc_field(d, "This plan", cyc);
	st__doc_field(d, "Review date", pl->c->review_date != ST_DATE_NONE
		  ? st_date_format(pl->c->review_date, d2) : "not yet set");
}

static int body(struct plan *pl, const st_pupil *p, const char *name, st_error *err)
{
	struct doc *d = pl->d;
	int64_t pupil = p->id;
	char title[300], senco[ST_CONFIG_VALUE_MAX];
	int rc;
	about(pl, p, name);
	st__doc_h2(d, "Needs");
	if ((rc = st_need_list(pl->db, pupil, need_line, pl, err)) != ST_OK)
		return rc;
	if (!p->primary_need && !p->secondary_need)
		st__doc_para(d, "No need type is recorded yet.");
	if (pl->c->assessment) {
		st__doc_h2(d, "What we found");
		st__doc_para(d, pl->c->assessment);
	}
	const char *who[] = {"pupil", "parents"};
	for (int i = 0; i < 2; i++) {
		snprintf(title, sizeof title, i == 0 ? "What %s said" : "What %s's parents said",
			 p->preferred ? p->preferred : p->forename);
		st__doc_h2(d, title);
		pl->who = who[i], pl->nviews = 0;
		if ((rc = st_cycle_views(pl->db, pl->c->id, view_para, pl, err)) != ST_OK)
			return rc;
		if (!pl->nviews)
			st__doc_para(d, "Not recorded yet.");
	}
	static const char *const oh[] = {"Outcome", "How it is measured", "By", "Progress"};
	st__doc_table_begin(d, "Outcomes", 4, oh, 0);
	if ((rc = st_outcome_list_cycle(pl->db, pl->c->id, outcome_row, pl, err)) != ST_OK)
		return rc;
	st__doc_table_end(d);
	static const char *const ph[] = {"Support", "Who", "How often", "How long", "Group",
					 "When", "Weekly cost", "Annual cost"};
	st__doc_table_begin(d, "Support and strategies", pl->opt->with_costs ? 8 : 6, ph, 3u << 6);
	if ((rc = st_provision_list(pl->db, pupil, ST_DATE_NONE, provision_row, pl, err)) != ST_OK)
		return rc;
	if (pl->opt->with_costs && d->row) {
		char w[ST_MONEY_BUFSZ], a[ST_MONEY_BUFSZ], wk[ST_MONEY_BUFSZ + 4], yr[ST_MONEY_BUFSZ + 4];
		snprintf(wk, sizeof wk, "£%s", st_money_format(pl->weekly, w));
		snprintf(yr, sizeof yr, "£%s", st_money_format(pl->annual, a));
		const char *t[] = {"Total", "", "", "", "", "", wk, yr};
		st__doc_table_total(d, t);
	}
	st__doc_table_end(d);
	/* The strategies and named lead agreed at the plan (Code 6.49, issue
	 * 12); a plan without a named lead is led by the SENCO. */
	if (pl->c->strategies)
		st__doc_field(d, "Strategies", pl->c->strategies);
	if (pl->c->lead)
		st__doc_field(d, "Plan lead", pl->c->lead);
	else if ((rc = st__doc_config_text(pl->db, "senco-name", senco, sizeof senco, err)) != ST_OK)
		return rc;
	else
		st__doc_field(d, "Plan lead", *senco ? senco : "the SENCO");
	static const char *const mh[] = {"Date", "Meeting", "Who came", "Notes"};
	st__doc_table_begin(d, "Meetings", 4, mh, 0);
	if ((rc = st_meeting_list(pl->db, pupil, ST_DATE_NONE, meeting_row, pl, err)) != ST_OK)
		return rc;
	st__doc_table_end(d);
	if (pl->c->seq > 1) {
		static const char *const eh[] = {"Cycle", "Dates", "Outcomes", "Decision"};
		st__doc_table_begin(d, "Earlier plans", 4, eh, 1u << 2);
		if ((rc = st_cycle_history(pl->db, pupil, earlier_row, pl, err)) != ST_OK)
			return rc;
		st__doc_table_end(d);
	}
	st__doc_h2(d, "Agreed by");
	/* from the academic year they turn 16, the young person signs as such */
	const char *const signers[] = {"Parent or carer",
				       st_young_person_on(p->dob, pl->db->today) ? "Young person"
										 : "Pupil",
				       "SENCO"};
	st__doc_signatures(d, signers, 3);
	return ST_OK;
}

int st_plan_write(st_db *db, int64_t pupil_id, const st_plan_options *opt, st_format format,
		  FILE *f, st_error *err)
{
	ERR_ENSURE(err);
	st_plan_options none = {0, 0, 0};
	st_pupil *p = NULL;
	st_cycle *c = NULL;
	int rc = st_pupil_get(db, pupil_id, &p, err);
	if (rc == ST_OK)
		rc = find_cycle(db, pupil_id, opt ? opt->seq : 0, &c, err);
	if (rc != ST_OK) {
		st_pupil_free(p);
		return rc;
	}
	char name[240], title[300];
	st__doc_name(p->preferred, p->forename, p->surname, name, sizeof name);
	snprintf(title, sizeof title, "SEN support plan: %s", name);
	struct doc d;
	struct plan pl = {db, &d, c, opt ? opt : &none,
			  c->closed_on != ST_DATE_NONE ? c->closed_on : db_today(db), 0, 0, NULL, 0};
	st__doc_begin(&d, f, format, title);
	st__doc_school(&d, db);
	st__doc_h1(&d, title);
	rc = body(&pl, p, name, err);
	st__doc_end(&d);
	st_cycle_free(c);
	st_pupil_free(p);
	return rc;
}
