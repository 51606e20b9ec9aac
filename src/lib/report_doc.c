/* report_doc.c - the provision map and the governors' summary as HTML,
 * text and CSV. The figures come from report.c; this file only formats
 * them (money as pounds, suppressed counts as "<N"). */
#include <stdio.h>
#include <string.h>
#include "doc.h"

static const char *pounds(int64_t pence, char *buf, size_t size)
{
	char m[ST_MONEY_BUFSZ];
	snprintf(buf, size, "£%s", st_money_format(pence, m));
	return buf;
}

/* --- the provision map ---------------------------------------------------------- */

static void map_pupils(const st_map_row *r, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < r->npupils && used + 1 < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s (Y%s)", i ? "\n" : "",
					 r->pupils[i].name, r->pupils[i].year);
}

static void map_rows(struct doc *d, const st_provision_map *m)
{
	static const char *const h[] = {"Intervention", "Pupils", "Staff", "Each week", "Group size",
					"Number of pupils", "Weekly cost", "Annual cost",
					"Per pupil a year"};
	st__doc_table_begin(d, "Interventions", 9, h, 0x1F0);
	for (size_t i = 0; i < m->nrows; i++) {
		const st_map_row *r = &m->rows[i];
		char names[4000], pattern[48], size[16], n[16], w[32], a[32], pp[32];
		map_pupils(r, names, sizeof names);
		snprintf(pattern, sizeof pattern, "%d x %d min", r->sessions, r->minutes);
		snprintf(size, sizeof size, "%d", r->group_size);
		snprintf(n, sizeof n, "%zu", r->npupils);
		const char *cells[] = {r->name, names, r->staff, pattern, size, n,
				       pounds(r->weekly_pence, w, sizeof w),
				       pounds(r->annual_pence, a, sizeof a),
				       pounds(r->pupil_annual_pence, pp, sizeof pp)};
		st__doc_table_row(d, cells);
	}
	char n[16], w[32], a[32];
	snprintf(n, sizeof n, "%zu", m->npupils);
	const char *t[] = {"School total", "", "", "", "", n, pounds(m->weekly_pence, w, sizeof w),
			   pounds(m->annual_pence, a, sizeof a), ""};
	if (m->nrows)
		st__doc_table_total(d, t);
	st__doc_table_end(d);
}

static void map_years(struct doc *d, const st_provision_map *m)
{
	static const char *const h[] = {"Year group", "Pupils", "Weekly cost", "Annual cost"};
	st__doc_table_begin(d, "Totals by year group (their pupils' places)", 4, h, 0xE);
	for (size_t i = 0; i < m->nyears; i++) {
		const st_map_year *y = &m->years[i];
		char label[32], n[16], w[32], a[32];
		st__doc_year_label(y->year, label, sizeof label);
		snprintf(n, sizeof n, "%zu", y->npupils);
		const char *cells[] = {label, n, pounds(y->weekly_pence, w, sizeof w),
				       pounds(y->annual_pence, a, sizeof a)};
		st__doc_table_row(d, cells);
	}
	st__doc_table_end(d);
}

static void map_budget(struct doc *d, const st_provision_map *m)
{
	char line[400], b[32], a[32], unfilled[32];
	st__doc_h2(d, "Compared with the notional SEN budget");
	if (m->budget_pence > 0)
		snprintf(line, sizeof line, "The provision on this map costs %s a year: %lld%% of the "
			 "notional SEN budget of %s.", pounds(m->annual_pence, a, sizeof a),
			 (long long)((m->annual_pence * 100 + m->budget_pence / 2) / m->budget_pence),
			 pounds(m->budget_pence, b, sizeof b));
	else
		snprintf(line, sizeof line, "The provision on this map costs %s a year. No notional "
			 "SEN budget is set (sentrack config set notional-sen-budget AMOUNT).",
			 pounds(m->annual_pence, a, sizeof a));
	st__doc_para(d, line);
	snprintf(line, sizeof line, "Places taken by the pupils listed cost %s a year (the year-group "
		 "totals); the rest of the school total is places in group sessions taken by "
		 "pupils not on this map.", pounds(m->places_annual_pence, unfilled, sizeof unfilled));
	st__doc_note(d, line);
}

static int map_csv(const st_provision_map *m, FILE *f, st_error *err)
{
	st_csv_writer *w = NULL;
	static const char *const h[] = {"row", "intervention", "staff", "sessions_per_week",
					"minutes", "group_size", "pupils", "pupil_names",
					"weekly_cost", "annual_cost", "cost_per_pupil_annual"};
	int rc = st_csv_writer_new(&w, f, NULL, err);
	if (rc == ST_OK)
		rc = st_csv_header(w, h, 11, err);
	for (size_t i = 0; rc == ST_OK && i < m->nrows; i++) {
		const st_map_row *r = &m->rows[i];
		char names[4000];
		map_pupils(r, names, sizeof names);
		for (char *p = names; (p = strchr(p, '\n')) != NULL;)
			*p = ';';
		if ((rc = st_csv_text(w, "intervention", err)) || (rc = st_csv_text(w, r->name, err)) ||
		    (rc = st_csv_text(w, r->staff, err)) || (rc = st_csv_int(w, r->sessions, err)) ||
		    (rc = st_csv_int(w, r->minutes, err)) || (rc = st_csv_int(w, r->group_size, err)) ||
		    (rc = st_csv_int(w, (int64_t)r->npupils, err)) || (rc = st_csv_text(w, names, err)) ||
		    (rc = st_csv_money(w, r->weekly_pence, err)) ||
		    (rc = st_csv_money(w, r->annual_pence, err)) ||
		    (rc = st_csv_money(w, r->pupil_annual_pence, err)))
			break;
		rc = st_csv_end_row(w, err);
	}
	for (size_t i = 0; rc == ST_OK && i <= m->nyears; i++) {
		int school = i == m->nyears;
		char label[32] = "";
		if (!school)
			st__doc_year_label(m->years[i].year, label, sizeof label);
		if ((rc = st_csv_text(w, school ? "school" : "year", err)) ||
		    (rc = st_csv_text(w, school ? "School total" : label, err)))
			break;
		for (int k = 0; k < 4 && rc == ST_OK; k++)
			rc = st_csv_text(w, NULL, err);
		if (rc || (rc = st_csv_int(w, (int64_t)(school ? m->npupils : m->years[i].npupils), err)) ||
		    (rc = st_csv_text(w, NULL, err)) ||
		    (rc = st_csv_money(w, school ? m->weekly_pence : m->years[i].weekly_pence, err)) ||
		    (rc = st_csv_money(w, school ? m->annual_pence : m->years[i].annual_pence, err)) ||
		    (rc = st_csv_text(w, NULL, err)))
			break;
		rc = st_csv_end_row(w, err);
	}
	if (rc == ST_OK && m->budget_pence > 0) {
		rc = st_csv_text(w, "budget", err);
		if (rc == ST_OK)
			rc = st_csv_text(w, "Notional SEN budget", err);
		for (int k = 0; k < 7 && rc == ST_OK; k++)
			rc = st_csv_text(w, NULL, err);
		if (rc == ST_OK && (rc = st_csv_money(w, m->budget_pence, err)) == ST_OK &&
		    (rc = st_csv_text(w, NULL, err)) == ST_OK)
			rc = st_csv_end_row(w, err);
	}
	if (rc == ST_OK)
		rc = st_csv_flush(w, err);
	st_csv_writer_free(w);
	return rc;
}

int st_provision_map_write(st_db *db, const st_provision_map *m, st_format format, FILE *f,
			   st_error *err)
{
	ERR_ENSURE(err);
	if (format == ST_FORMAT_CSV)
		return map_csv(m, f, err);
	struct doc d;
	char note[600], on[ST_DATE_BUFSZ];
	st__doc_begin(&d, f, format, "Provision map");
	st__doc_school(&d, db);
	st__doc_h1(&d, "Provision map");
	snprintf(note, sizeof note, "Provision active on %s. Annual costs are weekly costs x %ld "
		 "school weeks. A group session counts once, with its pupils listed; a pupil's "
		 "cost is the session's cost divided by the group size.",
		 st_date_format(m->on, on), m->school_weeks);
	st__doc_note(&d, note);
	map_rows(&d, m);
	map_years(&d, m);
	map_budget(&d, m);
	st__doc_end(&d);
	return ST_OK;
}

/* --- the governors' summary ---------------------------------------------------------- */

struct sum {
	struct doc *d;
	const st_summary *s;
};

static const char *count(const struct sum *x, long n, char *buf)
{
	return st_suppress(n, x->s->suppress_below, buf, 16);
}

static void lines_table(struct sum *x, const char *caption, const char *first,
			const st_summary_line *lines, size_t n, int years)
{
	const char *h[] = {first, "SEN support (K)", "EHC plan (E)", "Total"};
	st__doc_table_begin(x->d, caption, 4, h, 0xE);
	const char *labels[64], *texts[64];
	long values[64];
	char label_buf[64][32], text_buf[64][16];
	int nb = 0;
	for (size_t i = 0; i < n; i++) {
		char k[16], e[16], t[16], label[32];
		const char *l = years ? st__doc_year_label(lines[i].label, label, sizeof label)
				      : lines[i].label;
		long total = lines[i].k + lines[i].e;
		const char *cells[] = {l, count(x, lines[i].k, k), count(x, lines[i].e, e),
				       count(x, total, t)};
		st__doc_table_row(x->d, cells);
		if (nb < 64) {
			/* a need's census code in the chart: a long label would be cut */
			const char *open = strrchr(l, '(');
			if (!years && open && l[strlen(l) - 1] == ')')
				snprintf(label_buf[nb], sizeof label_buf[nb], "%.*s",
					 (int)(strlen(open) - 2), open + 1);
			else
				snprintf(label_buf[nb], sizeof label_buf[nb], "%s", l);
			count(x, total, text_buf[nb]);
			labels[nb] = label_buf[nb], texts[nb] = text_buf[nb];
			values[nb] = st_suppress_shown(total, x->s->suppress_below) ? total : 0;
			nb++;
		}
	}
	st__doc_table_end(x->d);
	st__doc_bars(x->d, caption, labels, values, texts, nb);
}

static void field_count(struct sum *x, const char *label, long n)
{
	char buf[16];
	st__doc_field(x->d, label, count(x, n, buf));
}

static void summary_body(struct sum *x)
{
	const st_summary *s = x->s;
	struct doc *d = x->d;
	char line[600], buf[64];
	st__doc_h2(d, "Pupils on the SEN register");
	field_count(x, "SEN support (K)", s->k);
	field_count(x, "EHC plan (E)", s->e);
	lines_table(x, "By year group", "Year group", s->by_year, s->nyears, 1);
	lines_table(x, "By primary need", "Primary need", s->by_need, s->nneeds, 0);
	st__doc_h2(d, "Joining and leaving the register");
	field_count(x, "Pupils placed on the register", s->entries);
	field_count(x, "Pupils who no longer need SEN support", s->exits);
	st__doc_h2(d, "Reviews of SEN support plans");
	field_count(x, "Reviews held", s->reviews);
	if (s->reviews > 0 && st_suppress_shown(s->reviews, s->suppress_below))
		snprintf(buf, sizeof buf, "%ld%%", (s->reviews_on_time * 100 + s->reviews / 2) /
			 s->reviews);
	else
		snprintf(buf, sizeof buf, "not shown (too few reviews)");
	st__doc_field(d, "Held by their agreed date", buf);
	st__doc_h2(d, "Meetings with parents");
	field_count(x, "Meetings", s->parent_meetings);
	if (s->pupils_supported > 0)
		snprintf(buf, sizeof buf, "%.1f", (double)s->parent_meetings / s->pupils_supported);
	else
		snprintf(buf, sizeof buf, "-");
	st__doc_field(d, "Meetings per pupil supported (the Code expects three a year)", buf);
	static const char *const oh[] = {"Outcome", "Number"};
	const char *labels[] = {"Achieved", "Partially achieved", "Not achieved"};
	long v[] = {s->achieved, s->partially, s->not_achieved}, shown[3];
	char t[3][16];
	const char *texts[3];
	st__doc_table_begin(d, "Outcomes rated at reviews", 2, oh, 2);
	for (int i = 0; i < 3; i++) {
		const char *cells[] = {labels[i], count(x, v[i], t[i])};
		st__doc_table_row(d, cells);
		texts[i] = t[i];
		shown[i] = st_suppress_shown(v[i], s->suppress_below) ? v[i] : 0;
	}
	st__doc_table_end(d);
	st__doc_bars(d, "Outcomes rated at reviews", labels, shown, texts, 3);
	st__doc_h2(d, "EHC needs assessments");
	field_count(x, "Requested", s->ehcna_requests);
	field_count(x, "Of those, pupils who now have an EHC plan", s->ehcna_plans);
	st__doc_h2(d, "Cost of provision");
	snprintf(line, sizeof line, "%s", pounds(s->provision_pence, buf, sizeof buf));
	st__doc_field(d, "Total for the year so far", line);
	st__doc_note(d, "Each provision's annual cost (weekly x school weeks) shared over the days it ran "
		 "within the year.");
}

static int summary_csv(const struct sum *x, FILE *f, st_error *err)
{
	const st_summary *s = x->s;
	st_csv_writer *w = NULL;
	static const char *const h[] = {"section", "item", "value"};
	int rc = st_csv_writer_new(&w, f, NULL, err);
	if (rc == ST_OK)
		rc = st_csv_header(w, h, 3, err);
#define ROW(sec, item, text) \
	do { if (rc == ST_OK && (rc = st_csv_text(w, sec, err)) == ST_OK && \
		 (rc = st_csv_text(w, item, err)) == ST_OK && (rc = st_csv_typed(w, text, err)) == ST_OK) \
		rc = st_csv_end_row(w, err); } while (0)
	char b[64], label[200];
	ROW("register", "SEN support (K)", count(x, s->k, b));
	ROW("register", "EHC plan (E)", count(x, s->e, b));
	for (size_t i = 0; i < s->nyears; i++) {
		char y[32];
		st__doc_year_label(s->by_year[i].label, y, sizeof y);
		snprintf(label, sizeof label, "%s: K", y);
		ROW("by year group", label, count(x, s->by_year[i].k, b));
		snprintf(label, sizeof label, "%s: E", y);
		ROW("by year group", label, count(x, s->by_year[i].e, b));
	}
	for (size_t i = 0; i < s->nneeds; i++) {
		snprintf(label, sizeof label, "%.180s: K", s->by_need[i].label);
		ROW("by primary need", label, count(x, s->by_need[i].k, b));
		snprintf(label, sizeof label, "%.180s: E", s->by_need[i].label);
		ROW("by primary need", label, count(x, s->by_need[i].e, b));
	}
	ROW("register", "placed on the register", count(x, s->entries, b));
	ROW("register", "no longer need SEN support", count(x, s->exits, b));
	ROW("reviews", "held", count(x, s->reviews, b));
	ROW("reviews", "held by their agreed date", count(x, s->reviews_on_time, b));
	ROW("meetings", "with parents", count(x, s->parent_meetings, b));
	ROW("meetings", "pupils supported", count(x, s->pupils_supported, b));
	ROW("outcomes", "achieved", count(x, s->achieved, b));
	ROW("outcomes", "partially achieved", count(x, s->partially, b));
	ROW("outcomes", "not achieved", count(x, s->not_achieved, b));
	ROW("ehc needs assessments", "requested", count(x, s->ehcna_requests, b));
	ROW("ehc needs assessments", "now with an EHC plan", count(x, s->ehcna_plans, b));
	char m[ST_MONEY_BUFSZ];
	ROW("cost", "provision (pounds)", st_money_format(s->provision_pence, m));
#undef ROW
	if (rc == ST_OK)
		rc = st_csv_flush(w, err);
	st_csv_writer_free(w);
	return rc;
}

int st_summary_write(st_db *db, const st_summary *s, st_format format, FILE *f,
		     st_error *err)
{
	ERR_ENSURE(err);
	struct doc d;
	struct sum x = {&d, s};
	if (format == ST_FORMAT_CSV)
		return summary_csv(&x, f, err);
	char title[120], note[600], from[ST_DATE_BUFSZ], to[ST_DATE_BUFSZ], as_of[ST_DATE_BUFSZ];
	snprintf(title, sizeof title, "SEN information report: the figures for %d-%02d",
		 s->start_year, (s->start_year + 1) % 100);
	st__doc_begin(&d, f, format, title);
	st__doc_school(&d, db);
	st__doc_h1(&d, title);
	snprintf(note, sizeof note, "The academic year from %s to %s%s%s. Register figures are "
		 "as on %s. Counts from 1 to %ld are shown as \"<%ld\" so that no child can be "
		 "identified.", st_date_format(s->from, from), st_date_format(s->to, to),
		 s->as_of < s->to ? ", up to " : "", s->as_of < s->to ? st_date_format(s->as_of, as_of) : "",
		 st_date_format(s->as_of, as_of), s->suppress_below - 1, s->suppress_below);
	st__doc_note(&d, note);
	summary_body(&x);
	st__doc_end(&d);
	return ST_OK;
}
