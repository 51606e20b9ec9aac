/* cmd_cycle.c - `sentrack cycle open|assess|plan|reschedule|do|review|
 * show|list|history`: the graduated approach from the terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { O_DATE = 1, O_SUMMARY, O_SUMMARY_FILE, O_PUPIL_VIEWS, O_PUPIL_VIEWS_FILE,
       O_PARENT_VIEWS, O_PARENT_VIEWS_FILE, O_NOTES, O_NOTES_FILE, O_REVIEW_DATE, O_WITH,
       O_LONG, O_REASON, O_DECISION, O_CYCLE, O_PHASE, O_DUE_BEFORE, O_OVERDUE, O_YEAR, O_FORMAT,
       O_CEASED, O_STRATEGIES, O_STRATEGIES_FILE, O_LEAD };

#define TEXT_MAX 20000

/* Text options that may come inline or from a file ("-" = stdin). */
struct texts {
	const char *summary, *pupil_views, *parent_views, *notes;
	char *owned[4];
	unsigned inline_given, file_given; /* bit i: that form of text i was given */
};

static void texts_free(struct texts *t)
{
	for (int i = 0; i < 4; i++)
		free(t->owned[i]);
}

/* Handle one text option; 0, 1 when c is not a text option, or an exit status. */
static int text_option(struct cli *cli, int c, struct texts *t, int *status)
{
	static const char *const names[] = {"--summary", "--pupil-views", "--parent-views",
					    "--notes"};
	const char **slots[] = {&t->summary, &t->pupil_views, &t->parent_views, &t->notes};
	int i, from_file = 0;
	switch (c) {
	case O_SUMMARY: i = 0; break;
	case O_PUPIL_VIEWS: i = 1; break;
	case O_PARENT_VIEWS: i = 2; break;
	case O_NOTES: i = 3; break;
	case O_SUMMARY_FILE: i = 0, from_file = 1; break;
	case O_PUPIL_VIEWS_FILE: i = 1, from_file = 1; break;
	case O_PARENT_VIEWS_FILE: i = 2, from_file = 1; break;
	case O_NOTES_FILE: i = 3, from_file = 1; break;
	default: return 1;
	}
	*(from_file ? &t->file_given : &t->inline_given) |= 1u << i;
	if (t->file_given & t->inline_given & (1u << i)) {
		*status = cli_usage_error(cli, "%s and %s-file: give the text one way, not both",
					  names[i], names[i]);
		return 0;
	}
	if (!from_file) {
		*slots[i] = optarg;
		return 0;
	}
	char opt[32];
	snprintf(opt, sizeof opt, "%s-file", names[i]);
	free(t->owned[i]);
	t->owned[i] = NULL;
	if ((*status = cli_read_text_file(cli, opt, optarg, TEXT_MAX, &t->owned[i])))
		return 0;
	*slots[i] = t->owned[i];
	return 0;
}

static int resolve_one(struct cli *cli, int argc, char **argv, int64_t *id)
{
	int status = cli_positionals(cli, argc, argv, 1, "PUPIL");
	return status ? status : cli_pupil(cli, argv[optind], id);
}

static st_date date_or_today(struct cli *cli, st_date d)
{
	return d == ST_DATE_NONE ? cli->today : d;
}

/* A new cycle is named by its number for the pupil, the number --cycle
 * takes, on stdout and in the note: "cycle 2 of Amir Khan (#6)". */
static int print_opened(struct cli *cli, int64_t pupil, const char *before, const char *what)
{
	st_cycle *cy;
	char name[300];
	if (st_cycle_get(cli->db, pupil, 0, &cy, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	printf("%d\n", cy->seq);
	cli_note("%s%s %s", before, st_cycle_name(cy, name, sizeof name), what);
	st_cycle_free(cy);
	return EXIT_OK;
}

static int run_open(struct cli *cli, int argc, char **argv)
{
	int64_t pupil, id;
	st_date date;
	int status = cli_pupil_and_date(cli, argc, argv, &pupil, &date);
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if (st_cycle_open(cli->db, pupil, date, &id, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return print_opened(cli, pupil, "", "opened in the assess phase");
}

static int run_assess(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"summary", required_argument, NULL, O_SUMMARY},
		{"summary-file", required_argument, NULL, O_SUMMARY_FILE},
		{"pupil-views", required_argument, NULL, O_PUPIL_VIEWS},
		{"pupil-views-file", required_argument, NULL, O_PUPIL_VIEWS_FILE},
		{"parent-views", required_argument, NULL, O_PARENT_VIEWS},
		{"parent-views-file", required_argument, NULL, O_PARENT_VIEWS_FILE},
		{"date", required_argument, NULL, O_DATE},
		{0},
	};
	struct texts t = {0};
	st_date date = ST_DATE_NONE;
	int c, status = 0;
	while (!status && (c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT) {
			texts_free(&t);
			return status;
		}
		if (c == O_DATE)
			status = cli_date(cli, "--date", optarg, &date);
		else
			text_option(cli, c, &t, &status);
	}
	int64_t pupil;
	if (!status && !t.summary)
		status = cli_usage_error(cli, "--summary (or --summary-file) is required");
	if (!status && !(status = resolve_one(cli, argc, argv, &pupil)) &&
	    st_cycle_assess(cli->db, pupil, t.summary, t.pupil_views, t.parent_views,
			    date_or_today(cli, date), &cli->err) != ST_OK)
		status = cli_fail(cli, &cli->err);
	if (!status)
		cli_note("recorded the assessment for pupil %lld", (long long)pupil);
	texts_free(&t);
	return status;
}

static int parse_with(struct cli *cli, const char *text, unsigned *with)
{
	if (st_who_parse("--with", text, with, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return 0;
}

static int run_plan(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"review-date", required_argument, NULL, O_REVIEW_DATE},
		{"date", required_argument, NULL, O_DATE},
		{"with", required_argument, NULL, O_WITH},
		{"long", no_argument, NULL, O_LONG},
		{"strategies", required_argument, NULL, O_STRATEGIES},
		{"strategies-file", required_argument, NULL, O_STRATEGIES_FILE},
		{"lead", required_argument, NULL, O_LEAD},
		{0},
	};
	st_plan p = {ST_DATE_NONE, ST_DATE_NONE, 0, 0, NULL, NULL};
	char *owned = NULL;
	int c, status = 0;
	while (!status && (c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT: free(owned); return status;
		case O_LONG: p.allow_long = 1; break;
		case O_DATE: status = cli_date(cli, "--date", optarg, &p.date); break;
		case O_REVIEW_DATE: status = cli_date(cli, "--review-date", optarg, &p.review_date); break;
		case O_WITH: status = parse_with(cli, optarg, &p.with); break;
		case O_STRATEGIES: p.strategies = optarg; break;
		case O_LEAD: p.lead = optarg; break;
		case O_STRATEGIES_FILE:
			free(owned);
			owned = NULL;
			status = cli_read_text_file(cli, "--strategies-file", optarg, TEXT_MAX, &owned);
			p.strategies = owned;
			break;
		}
	}
	int64_t pupil;
	if (!status && p.review_date == ST_DATE_NONE)
		status = cli_usage_error(cli, "--review-date is required (the Code says the review "
					      "date is agreed at planning)");
	p.date = date_or_today(cli, p.date);
	if (!status && !(status = resolve_one(cli, argc, argv, &pupil)) &&
	    st_cycle_plan_full(cli->db, pupil, &p, &cli->err) != ST_OK)
		status = cli_fail(cli, &cli->err);
	free(owned);
	if (status)
		return status;
	char d[ST_DATE_BUFSZ];
	cli_note("planned; review on %s", st_date_format(p.review_date, d));
	return EXIT_OK;
}

static int run_reschedule(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"review-date", required_argument, NULL, O_REVIEW_DATE},
		{"reason", required_argument, NULL, O_REASON},
		{0},
	};
	st_date review = ST_DATE_NONE;
	const char *reason = NULL;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_REASON)
			reason = optarg;
		else if ((status = cli_date(cli, "--review-date", optarg, &review)))
			return status;
	}
	if (review == ST_DATE_NONE || !reason)
		return cli_usage_error(cli, "%s is required", !reason ? "--reason" : "--review-date");
	int64_t pupil;
	if ((status = resolve_one(cli, argc, argv, &pupil)))
		return status;
	if (st_cycle_reschedule(cli->db, pupil, review, reason, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("review date moved; the old date is kept in the history");
	return EXIT_OK;
}

static int run_do(struct cli *cli, int argc, char **argv)
{
	int64_t pupil;
	st_date date;
	int status = cli_pupil_and_date(cli, argc, argv, &pupil, &date);
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if (st_cycle_do(cli->db, pupil, date, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("the do phase has started for pupil %lld", (long long)pupil);
	return EXIT_OK;
}

static int run_review(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"decision", required_argument, NULL, O_DECISION},
		{"date", required_argument, NULL, O_DATE},
		{"with", required_argument, NULL, O_WITH},
		{"pupil-views", required_argument, NULL, O_PUPIL_VIEWS},
		{"pupil-views-file", required_argument, NULL, O_PUPIL_VIEWS_FILE},
		{"parent-views", required_argument, NULL, O_PARENT_VIEWS},
		{"parent-views-file", required_argument, NULL, O_PARENT_VIEWS_FILE},
		{"notes", required_argument, NULL, O_NOTES},
		{"notes-file", required_argument, NULL, O_NOTES_FILE},
		{"ceased-by-la", required_argument, NULL, O_CEASED},
		{0},
	};
	struct texts t = {0};
	st_review r = {0, ST_DATE_NONE, 0, NULL, NULL, NULL, ST_DATE_NONE};
	int c, status = 0, have_decision = 0;
	while (!status && (c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT) {
			texts_free(&t);
			return status;
		}
		if (c == O_DATE)
			status = cli_date(cli, "--date", optarg, &r.date);
		else if (c == O_CEASED)
			status = cli_date(cli, "--ceased-by-la", optarg, &r.ceased_by_la);
		else if (c == O_WITH)
			status = parse_with(cli, optarg, &r.with);
		else if (c == O_DECISION) {
			if (st_decision_parse("--decision", optarg, &r.decision, &cli->err) != ST_OK)
				status = cli_fail(cli, &cli->err);
			have_decision = 1;
		} else
			text_option(cli, c, &t, &status);
	}
	int64_t pupil, next = 0;
	if (!status && !have_decision)
		status = cli_usage_error(cli, "--decision is required (continue, exit, ehcna, close)");
	r.date = date_or_today(cli, r.date);
	r.pupil_views = t.pupil_views;
	r.parent_views = t.parent_views;
	r.notes = t.notes;
	if (!status && !(status = resolve_one(cli, argc, argv, &pupil)) &&
	    st_cycle_review(cli->db, pupil, &r, &next, &cli->err) != ST_OK)
		status = cli_fail(cli, &cli->err);
	texts_free(&t);
	if (status)
		return status;
	if (next) {
		char before[40];
		snprintf(before, sizeof before, "reviewed (%s); ", st_decision_name(r.decision));
		return print_opened(cli, pupil, before, "opened in the assess phase with the "
				    "outcomes not achieved");
	} else {
		cli_note("reviewed (%s); the cycle is closed", st_decision_name(r.decision));
	}
	return EXIT_OK;
}

/* --- reading cycles ------------------------------------------------------ */


static void days_text(const st_db *db, const st_cycle *c, char *buf, size_t size)
{
	int days = st_cycle_days_to_review(db, c);
	if (c->review_date == ST_DATE_NONE)
		snprintf(buf, size, "no review date");
	else if (days < 0)
		snprintf(buf, size, "overdue by %d day%s", -days, days == -1 ? "" : "s");
	else if (days == 0)
		snprintf(buf, size, "today");
	else
		snprintf(buf, size, "in %d day%s", days, days == 1 ? "" : "s");
}

/* Outcomes of every cycle, kept to show each outcome's history. */
struct outcome_book {
	st_outcome *items;
	char **strings; /* owned copies: text and rating per item */
	int n, cap;
};

static int book_add(const st_outcome *o, void *payload)
{
	struct outcome_book *b = payload;
	if (b->n == b->cap) {
		int cap = b->cap ? 2 * b->cap : 16;
		st_outcome *items = realloc(b->items, (size_t)cap * sizeof *items);
		char **strings = items ? realloc(b->strings, (size_t)cap * 2 * sizeof *strings) : NULL;
		if (items)
			b->items = items;
		if (!strings)
			return ST_EINTERNAL;
		b->strings = strings;
		b->cap = cap;
	}
	st_outcome *c = &b->items[b->n];
	*c = *o;
	b->strings[2 * b->n] = strdup(o->text);
	b->strings[2 * b->n + 1] = o->rating ? strdup(o->rating) : NULL;
	c->text = b->strings[2 * b->n];
	c->rating = b->strings[2 * b->n + 1];
	c->area = c->measure = c->rating_note = NULL; /* not kept */
	b->n++;
	return 0;
}

static void book_free(struct outcome_book *b)
{
	for (int i = 0; i < 2 * b->n; i++)
		free(b->strings[i]);
	free(b->strings);
	free(b->items);
}

static const st_outcome *book_find(const struct outcome_book *b, int64_t id)
{
	for (int i = 0; i < b->n; i++)
		if (b->items[i].id == id)
			return &b->items[i];
	return NULL;
}

struct show {
	struct cli *cli;
	const struct outcome_book *book;
	int count;
	int64_t total_annual;
};

static int show_outcome(const st_outcome *o, void *payload)
{
	struct show *s = payload;
	char d[ST_DATE_BUFSZ];
	printf("  #%-4lld ", (long long)o->id);
	cli_cell(stdout, o->rating ? o->rating : "not rated", 13);
	printf("%s\n", o->text);
	if (o->measure || o->target_date != ST_DATE_NONE || o->area) {
		printf("         ");
		if (o->measure)
			printf("measure: %s  ", o->measure);
		if (o->target_date != ST_DATE_NONE)
			printf("by %s  ", st_date_format(o->target_date, d));
		if (o->area)
			printf("area %s", o->area);
		printf("\n");
	}
	if (o->rating_note)
		printf("         note: %s\n", o->rating_note);
	/* history: the outcomes this one carries forward */
	const st_outcome *prev = o->origin_id ? book_find(s->book, o->origin_id) : NULL;
	if (prev) { /* wrapped: a long history would pass 80 columns */
		char history[2048];
		size_t used = 0;
		for (int guard = 0; prev && guard < 50 && used < sizeof history; guard++) {
			used += (size_t)snprintf(history + used, sizeof history - used, "%scycle %d %s",
						 guard ? "; " : "", prev->cycle_seq,
						 prev->rating ? prev->rating : "not rated");
			prev = prev->origin_id ? book_find(s->book, prev->origin_id) : NULL;
		}
		printf("         history: ");
		cli_wrapped_from(stdout, 18, 18, history);
	}
	s->count++;
	return 0;
}

static int show_provision(const st_provision *p, void *payload)
{
	struct show *s = payload;
	char w[ST_MONEY_BUFSZ], a[ST_MONEY_BUFSZ], h[ST_MONEY_BUFSZ], pattern[24];
	snprintf(pattern, sizeof pattern, "%dx%dmin 1:%d", p->sessions_per_week, p->minutes,
		 p->group_size);
	printf("  #%-4lld ", (long long)p->id);
	/* A name or staff role too long for its column is never cut ("ELSA T",
	 * "1:1 TA support in~"): the name gets its own wrapped line and the
	 * figures follow on the next. */
	if (cli_columns(p->name) <= 18 && cli_columns(p->staff_role) <= 6) {
		cli_cell(stdout, p->name, 18);
		printf(" %-6s %-11s %7s/h %8s/wk %9s/yr\n", p->staff_role, pattern,
		       st_money_format(p->hourly_cost_pence, h), st_money_format(p->weekly_pence, w),
		       st_money_format(p->annual_pence, a));
	} else {
		char line[400];
		cli_wrapped_from(stdout, 8, 8, p->name);
		snprintf(line, sizeof line, "%s  %s  %s/h  %s/wk  %s/yr", p->staff_role, pattern,
			 st_money_format(p->hourly_cost_pence, h), st_money_format(p->weekly_pence, w),
			 st_money_format(p->annual_pence, a));
		cli_wrapped(stdout, 8, line);
	}
	s->total_annual += p->annual_pence;
	s->count++;
	return 0;
}

static int show_meeting(const st_meeting *m, void *payload)
{
	struct show *s = payload;
	char d[ST_DATE_BUFSZ], who[128];
	printf("  %s  %-7s with %s\n", st_date_format(m->date, d), m->purpose,
	       st_who_format(m->with, who, sizeof who));
	if (m->notes)
		cli_wrapped(stdout, 14, m->notes);
	s->count++;
	return 0;
}

static int show_view(const st_view *v, void *payload)
{
	struct show *s = payload;
	char d[ST_DATE_BUFSZ];
	printf("  %s  %s (%s):\n", st_date_format(v->date, d), v->who, v->stage);
	cli_wrapped(stdout, 14, v->text);
	s->count++;
	return 0;
}

static int show_specialist(const st_specialist *sp, void *payload)
{
	struct show *s = payload;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	printf("  %s  %s (parental consent %s)\n", st_date_format(sp->date, d1), sp->service,
	       st_date_format(sp->consent_date, d2));
	if (sp->notes)
		cli_wrapped(stdout, 14, sp->notes);
	s->count++;
	return 0;
}

static int show_reschedule(const st_reschedule *r, void *payload)
{
	struct show *s = payload;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	printf("  %s -> %s  %s (%s)\n", st_date_format(r->old_date, d1),
	       st_date_format(r->new_date, d2), r->reason, r->entered_by);
	s->count++;
	return 0;
}

static int show_need(const st_pupil_need *n, void *payload)
{
	int *count = payload;
	printf("%s%s (%s)", (*count)++ ? "; " : "Needs: ", n->type.code,
	       n->type.area_label ? n->type.area_label : "no area");
	return 0;
}

/* The header: pupil, status and needs. */
static int show_pupil(struct cli *cli, int64_t pupil)
{
	st_pupil *p;
	if (st_pupil_get(cli->db, pupil, &p, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	char name[256], d[ST_DATE_BUFSZ];
	printf("%s (#%lld, Y%s%s%s%s%s)\n", st_display_name(p->preferred, p->forename, p->surname, name,
						      sizeof name),
	       (long long)p->id, p->year, p->class_name ? ", class " : "",
	       p->class_name ? p->class_name : "", p->upn ? ", UPN " : "", p->upn ? p->upn : "");
	printf("Register: %s since %s\n",
	       p->status == 'K' ? "K (SEN support)" : p->status == 'E' ? "E (EHC plan)"
			       : p->status == 'N' ? "N (no SEN, monitoring)" : "not on the register",
	       st_date_format(p->status_since, d));
	st_pupil_free(p);
	int n = 0;
	if (st_need_list(cli->db, pupil, show_need, &n, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	printf(n ? "\n" : "Needs: none recorded\n");
	return 0;
}

static void show_cycle_dates(const st_cycle *c)
{
	char d[ST_DATE_BUFSZ];
	printf("  opened %s", st_date_format(c->opened_on, d));
	if (c->assessed_on != ST_DATE_NONE)
		printf("  assessed %s", st_date_format(c->assessed_on, d));
	if (c->planned_on != ST_DATE_NONE)
		printf("  planned %s", st_date_format(c->planned_on, d));
	if (c->do_on != ST_DATE_NONE)
		printf("  do %s", st_date_format(c->do_on, d));
	if (c->reviewed_on != ST_DATE_NONE)
		printf("  reviewed %s", st_date_format(c->reviewed_on, d));
	printf("\n");
}

/* Print a titled section filled by a list call; "  none" when empty. */
#define SECTION(title, call) \
	do { \
		printf("%s\n", title); \
		s.count = 0; \
		if ((call) != ST_OK) { \
			rc = cli_fail(cli, &cli->err); \
			goto done; \
		} \
		if (!s.count) \
			printf("  none\n"); \
	} while (0)

/* The cycle (NULL: no open one) with its pupil and outcomes, as one object. */
static int show_json(struct cli *cli, int64_t pupil, const st_cycle *cy)
{
	st_json *j = NULL, *pupil_json = NULL, *outcomes = NULL;
	st_pupil *p = NULL;
	int rc = st_pupil_get(cli->db, pupil, &p, &cli->err);
	if (rc == ST_OK && (rc = st_json_new(&j, &cli->err)) == ST_OK &&
	    (rc = st_json_new(&pupil_json, &cli->err)) == ST_OK &&
	    (rc = st_json_new(&outcomes, &cli->err)) == ST_OK &&
	    (rc = cli_json_pupil(pupil_json, p, &cli->err)) == ST_OK) {
		struct cli_json_rows r = {outcomes, &cli->err, 0};
		if (cy && (rc = cli_json_cycle(j, cy, &cli->err)) == ST_OK)
			rc = st_outcome_list_cycle(cli->db, cy->id, cli_json_outcome_row, &r,
						   &cli->err);
		if (rc == ST_OK && !cy)
			rc = st_json_text(j, "cycle", NULL, &cli->err);
		if (rc == ST_OK)
			rc = st_json_nested(j, "pupil", pupil_json, 1, &cli->err);
		if (rc == ST_OK && cy)
			rc = st_json_nested(j, "outcome_list", outcomes, 0, &cli->err);
	}
	st_pupil_free(p);
	st_json_free(pupil_json);
	st_json_free(outcomes);
	if (!j)
		return cli_fail(cli, &cli->err);
	return cli_json_finish(cli, j, rc, 1);
}

static int show_concern(const st_concern *c, void *payload)
{
	char d[ST_DATE_BUFSZ];
	++*(int *)payload;
	printf("  %s from %s:\n", st_date_format(c->date, d), c->raised_by);
	cli_wrapped(stdout, 4, c->text);
	return 0;
}

/* While assessing: the concerns raised since the last review (Code 6.45). */
static int show_concerns(struct cli *cli, int64_t pupil, st_date since)
{
	int n = 0;
	printf("Concerns since the last review:\n");
	if (st_concern_list(cli->db, pupil, since, show_concern, &n, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (!n)
		printf("  none\n");
	return 0;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"cycle", required_argument, NULL, O_CYCLE},
					     {"format", required_argument, NULL, O_FORMAT}, {0}};
	long seq = 0;
	int c, status;
	st_format format = ST_FORMAT_TEXT;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_CYCLE && (status = cli_long(cli, "--cycle", optarg, 1, 100000, &seq)))
			return status;
		if (c == O_FORMAT && (status = cli_format(cli, optarg, ST_FORMAT_TEXT | ST_FORMAT_JSON, &format)))
			return status;
	}
	int64_t pupil;
	if ((status = resolve_one(cli, argc, argv, &pupil)))
		return status;
	/* find the cycle first: a refusal prints nothing on stdout */
	st_cycle *cy = NULL;
	if (st_cycle_get(cli->db, pupil, (int)seq, &cy, &cli->err) != ST_OK) {
		if (seq || cli->err.code != ST_ENOTFOUND)
			return cli_fail(cli, &cli->err);
		if (format == ST_FORMAT_JSON)
			return show_json(cli, pupil, NULL);
		if ((status = show_pupil(cli, pupil)))
			return status;
		printf("No open cycle (`sentrack cycle history` lists past ones).\n");
		return EXIT_OK;
	}
	if (format == ST_FORMAT_JSON) {
		status = show_json(cli, pupil, cy);
		st_cycle_free(cy);
		return status;
	}
	if ((status = show_pupil(cli, pupil))) {
		st_cycle_free(cy);
		return status;
	}
	struct outcome_book book = {0};
	struct show s = {cli, &book, 0, 0};
	char d[ST_DATE_BUFSZ], days[40], money[ST_MONEY_BUFSZ];
	int rc = EXIT_OK;
	if (st_outcome_list(cli->db, pupil, 1, book_add, &book, &cli->err) != ST_OK) {
		rc = cli_fail(cli, &cli->err);
		goto done;
	}
	char cname[300];
	st_cycle_name(cy, cname, sizeof cname);
	cname[0] = 'C';
	if (cy->decision && strcmp(cy->decision, "left") == 0) {
		printf("\n%s: closed %s, when the pupil left (no review)\n", cname,
		       st_date_format(cy->closed_on, d));
	} else if (strcmp(cy->phase, "closed") == 0) {
		printf("\n%s: closed, reviewed %s, decision %s\n", cname,
		       st_date_format(cy->reviewed_on, d), cy->decision ? cy->decision : "-");
	} else if (cy->review_date != ST_DATE_NONE) {
		days_text(cli->db, cy, days, sizeof days);
		printf("\n%s: %s phase, review %s (%s)\n", cname, cy->phase,
		       st_date_format(cy->review_date, d), days);
	} else {
		printf("\n%s: %s phase, no review date yet\n", cname, cy->phase);
	}
	show_cycle_dates(cy);
	if (strcmp(cy->phase, "assess") == 0 &&
	    (rc = show_concerns(cli, pupil, cy->previous_id ? cy->opened_on : ST_DATE_NONE)))
		goto done;
	printf("Assessment:\n");
	if (cy->assessment)
		cli_wrapped(stdout, 2, cy->assessment);
	else
		printf("  not yet recorded\n");
	SECTION("Outcomes:", st_outcome_list_cycle(cli->db, cy->id, show_outcome, &s, &cli->err));
	if (cy->planned_on != ST_DATE_NONE) {
		/* what every adult working with the pupil is told (Code 6.49) */
		printf("Strategies:\n");
		if (cy->strategies)
			cli_wrapped(stdout, 2, cy->strategies);
		else
			printf("  not recorded\n");
		printf("Lead: %s\n", cy->lead ? cy->lead : "not recorded");
	}
	SECTION(strcmp(cy->phase, "closed") ? "Provision active today:"
					     : "Provision active on the review date:",
		st_provision_list(cli->db, pupil,
				  strcmp(cy->phase, "closed") ? cli->today : cy->reviewed_on,
				  show_provision, &s, &cli->err));
	if (s.count) {
		int64_t threshold = 0;
		if (st_config_pence(cli->db, "sen-support-threshold", &threshold, &cli->err)) {
			rc = cli_fail(cli, &cli->err);
			goto done;
		}
		printf("  total %s a year%s\n", st_money_format(s.total_annual, money),
		       s.total_annual >= threshold ? ", at or above the SEN support threshold" : "");
	}
	SECTION("Meetings:", st_meeting_list(cli->db, pupil, cy->opened_on, show_meeting, &s,
					     &cli->err));
	SECTION("Views:", st_cycle_views(cli->db, cy->id, show_view, &s, &cli->err));
	SECTION("Specialists:", st_specialist_list(cli->db, pupil, show_specialist, &s,
						   &cli->err));
	printf("Review date changes:\n");
	s.count = 0;
	if (st_cycle_reschedules(cli->db, cy->id, show_reschedule, &s, &cli->err) != ST_OK)
		rc = cli_fail(cli, &cli->err);
	else if (!s.count)
		printf("  none\n");
	if (cy->review_notes) {
		printf("Review notes:\n");
		cli_wrapped(stdout, 2, cy->review_notes);
	}
done:
	book_free(&book);
	st_cycle_free(cy);
	return rc;
}

static int list_row(const st_cycle *c, void *payload)
{
	struct show *s = payload;
	char name[256], d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ], days[16];
	if (s->count++ == 0)
		printf("    ID  NAME                     YEAR CYC PHASE  PLANNED    REVIEW      DAYS\n");
	if (c->review_date == ST_DATE_NONE)
		snprintf(days, sizeof days, "-");
	else
		snprintf(days, sizeof days, "%d", st_cycle_days_to_review(s->cli->db, c));
	printf("%6lld  ", (long long)c->pupil_id);
	cli_cell(stdout, st_display_name(c->preferred, c->forename, c->surname, name, sizeof name), 24);
	printf(" %-4s %3d ", c->year, c->seq);
	cli_coloured(stdout, c->phase, 6);
	printf(" %-10s %-10s %5s\n", cli_date_or_dash(c->planned_on, d1),
	       cli_date_or_dash(c->review_date, d2), days);
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"phase", required_argument, NULL, O_PHASE},
		{"due-before", required_argument, NULL, O_DUE_BEFORE},
		{"overdue", no_argument, NULL, O_OVERDUE},
		{"year", required_argument, NULL, O_YEAR},
		{"format", required_argument, NULL, O_FORMAT},
		{0},
	};
	st_cycle_filter f = {NULL, ST_DATE_NONE, 0, NULL};
	int c, status;
	st_format format = ST_FORMAT_TEXT;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT: return status;
		case O_OVERDUE: f.overdue = 1; break;
		case O_YEAR: f.year = cli_year(optarg); break;
		case O_FORMAT:
			if ((status = cli_format(cli, optarg, ST_FORMAT_TEXT | ST_FORMAT_JSON, &format)))
				return status;
			break;
		case O_DUE_BEFORE:
			if ((status = cli_date(cli, "--due-before", optarg, &f.due_before)))
				return status;
			break;
		case O_PHASE:
			if (strcmp(optarg, "assess") && strcmp(optarg, "plan") && strcmp(optarg, "do") &&
			    strcmp(optarg, "review")) {
				st_error_set(&cli->err, ST_EINVAL, "--phase %.20s: must be assess, plan, "
					     "do or review", optarg);
				return cli_fail(cli, &cli->err);
			}
			f.phase = optarg;
			break;
		}
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = cli_open(cli)))
		return status;
	if (f.year && st_year_validate(cli->db, "--year", f.year, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (format == ST_FORMAT_JSON) {
		struct cli_json_rows r = {NULL, &cli->err, 0};
		if (st_json_new(&r.json, &cli->err) != ST_OK)
			return cli_fail(cli, &cli->err);
		return cli_json_finish(cli, r.json, st_cycle_list(cli->db, &f, cli_json_cycle_row,
								  &r, &cli->err), 0);
	}
	struct show s = {cli, NULL, 0, 0};
	if (st_cycle_list(cli->db, &f, list_row, &s, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("%d open cycle%s", s.count, s.count == 1 ? "" : "s");
	return EXIT_OK;
}

static int history_row(const st_cycle *c, void *payload)
{
	struct show *s = payload;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ], d3[ST_DATE_BUFSZ], d4[ST_DATE_BUFSZ];
	if (s->count++ == 0)
		printf("CYC PHASE  OPENED     PLANNED    REVIEW     REVIEWED   DECISION OUTCOMES\n");
	printf("%3d %-6s %-10s %-10s %-10s %-10s %-8s %8d\n", c->seq, c->phase,
	       cli_date_or_dash(c->opened_on, d1), cli_date_or_dash(c->planned_on, d2),
	       cli_date_or_dash(c->review_date, d3), cli_date_or_dash(c->reviewed_on, d4),
	       c->decision ? c->decision : "-", c->outcomes);
	return 0;
}

static int run_history(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 1, "PUPIL");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	int64_t pupil;
	if ((status = cli_pupil(cli, argv[optind], &pupil)))
		return status;
	struct show s = {cli, NULL, 0, 0};
	if (st_cycle_history(cli->db, pupil, history_row, &s, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (!s.count)
		cli_note("pupil %lld has no cycles yet", (long long)pupil);
	return EXIT_OK;
}

static const struct cli_cmd cycle_cmds[] = {
	{"open", run_open, DB_WRITE, "PUPIL [--date DATE]",
	 "open a cycle in the assess phase; prints its number for the pupil (what --cycle takes)"},
	{"assess", run_assess, DB_WRITE,
	 "PUPIL --summary TEXT [--pupil-views TEXT] [--parent-views TEXT] [--date DATE]",
	 "record the assessment and views (each TEXT option also as --OPTION-file FILE|-)"},
	{"plan", run_plan, DB_WRITE,
	 "PUPIL --review-date DATE [--date DATE] [--with WHO,...] [--long] "
	 "[--strategies TEXT | --strategies-file F] [--lead NAME]",
	 "agree the plan, its review date, strategies and lead (needs an assessment and SMART "
	 "outcomes)"},
	{"reschedule", run_reschedule, DB_WRITE, "PUPIL --review-date DATE --reason TEXT",
	 "move the review date; the old one is kept with the reason"},
	{"do", run_do, DB_WRITE, "PUPIL [--date DATE]",
	 "start the do phase (needs provision active on that date)"},
	{"review", run_review, DB_WRITE,
	 "PUPIL --decision continue|exit|ehcna|close [--date DATE] [--with WHO,...] "
	 "[--pupil-views TEXT] [--parent-views TEXT] [--notes TEXT] [--ceased-by-la DATE]",
	 "review the cycle (every outcome rated) and decide what follows (exit at E needs "
	 "--ceased-by-la; ehcna is refused at E)"},
	{"show", run_show, DB_READ, "PUPIL [--cycle N] [--format text|json]",
	 "the page to open before a review meeting"},
	{"list", run_list, DB_READ,
	 "[--phase assess|plan|do|review] [--due-before DATE] [--overdue] [--year Y] "
	 "[--format text|json]",
	 "open cycles by review date: the review schedule"},
	{"history", run_history, DB_READ, "PUPIL", "every cycle of one pupil"},
	{0},
};
const struct cli_group group_cycle = {"cycle", "Assess, Plan, Do, Review cycles", cycle_cmds};
