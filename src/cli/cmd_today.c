/* cmd_today.c - `sentrack today` (or `agenda`): the first thing a SENCO
 * runs in the morning. This week's reviews and meetings, EHC plan steps and
 * what is overdue, on one screen. Read-only; exit 0. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

struct week {
	struct cli *cli;
	st_date monday, sunday;
	int count;
};

static void heading(const char *title, int first)
{
	printf("%s%s\n", first ? "" : "\n", title);
}

static const char *name_of(const char *preferred, const char *forename, const char *surname,
			   const char *year, char *buf, size_t size)
{
	snprintf(buf, size, "%s %s (Y%s)", preferred ? preferred : forename, surname, year);
	return buf;
}

static int review_row(const st_cycle *c, void *payload)
{
	struct week *w = payload;
	if (c->review_date < w->monday || c->review_date > w->sunday)
		return 0;
	char d[ST_DATE_BUFSZ], name[300];
	w->count++;
	printf("  %s  ", st_date_format(c->review_date, d));
	cli_cell(stdout, name_of(c->preferred, c->forename, c->surname, c->year, name,
				 sizeof name), 30);
	printf(" cycle %d, %s phase%s\n", c->seq, c->phase,
	       c->review_date < w->cli->today ? "  (overdue)" : "");
	return 0;
}

static int meeting_row(const st_meeting *m, void *payload)
{
	struct week *w = payload;
	if (m->date > w->sunday)
		return 0;
	char d[ST_DATE_BUFSZ], name[300], who[200];
	w->count++;
	printf("  %s  ", st_date_format(m->date, d));
	cli_cell(stdout, name_of(m->preferred, m->forename, m->surname, m->year, name,
				 sizeof name), 30);
	printf(" %s with %s\n", m->purpose, st_who_format(m->with, who, sizeof who));
	return 0;
}

/* The rules whose deadlines the EHC section lists from st_ehc_deadlines. */
static int is_ehc_deadline_rule(st_rule r)
{
	return r == ST_RULE_EHCP_ANNUAL_REVIEW || r == ST_RULE_EHCP_REVIEW_STEP ||
	       r == ST_RULE_EHCP_PHASE_TRANSFER || r == ST_RULE_EHCNA_DECISION ||
	       r == ST_RULE_EHCNA_PLAN;
}

static int is_ehc_rule(st_rule r)
{
	return is_ehc_deadline_rule(r) || r == ST_RULE_CONSIDER_EHCNA;
}

/* An EHC step or needs assessment deadline falling by Sunday: this week's,
 * and the late ones still open. */
static int deadline_row(const st_ehc_deadline *e, void *payload)
{
	struct week *w = payload;
	if (e->due > w->sunday)
		return 0;
	char d[ST_DATE_BUFSZ], m[ST_DATE_BUFSZ], name[300];
	w->count++;
	printf("  %s  ", st_date_format(e->due, d));
	cli_cell(stdout, name_of(e->preferred, e->forename, e->surname, e->year, name, sizeof name),
		 30);
	printf(" %s", st_ehc_step_title(e->step));
	if (e->meeting != ST_DATE_NONE && e->step != ST_EHC_MEETING)
		printf(" (meeting %s)", st_date_format(e->meeting, m));
	printf("%s  [%s]\n", e->due < w->cli->today ? "  (overdue)" : "",
	       st_ehc_step_code_ref(e->step));
	return 0;
}

/* Findings of check: consider-ehcna (any severity), or the overdue ones
 * outside the EHC section. */
static int print_findings(const st_finding *f, size_t n, int ehc)
{
	int shown = 0;
	char d[ST_DATE_BUFSZ], name[300];
	for (size_t i = 0; i < n; i++) {
		if (ehc ? f[i].rule != ST_RULE_CONSIDER_EHCNA
			: is_ehc_rule(f[i].rule) || f[i].severity != ST_SEVERITY_OVERDUE)
			continue;
		shown++;
		printf("  %s  ", st_date_format(f[i].date, d));
		cli_cell(stdout, name_of(f[i].preferred, f[i].forename, f[i].surname, f[i].year,
					 name, sizeof name), 30);
		printf(" %s\n", f[i].detail);
	}
	if (!shown && !ehc)
		printf("  none\n");
	return shown;
}

static int run_today(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 0, "");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if ((status = cli_open(cli)))
		return status;
	struct week w = {cli, st_date_monday(cli->today), st_date_monday(cli->today) + 6, 0};
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ], d3[ST_DATE_BUFSZ];
	printf("Today %s; this week %s to %s\n", st_date_format(cli->today, d1),
	       st_date_format(w.monday, d2), st_date_format(w.sunday, d3));

	heading("\nReviews this week:", 1);
	st_cycle_filter cf = {NULL, w.sunday + 1, 0, NULL};
	if (st_cycle_list(cli->db, &cf, review_row, &w, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (!w.count)
		printf("  none\n");

	heading("Meetings this week:", 0);
	w.count = 0;
	if (st_meeting_list(cli->db, 0, w.monday, meeting_row, &w, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (!w.count)
		printf("  none\n");

	st_finding *found;
	size_t n;
	st_check_filter all = {0, -1, NULL, 0};
	if (st_check_run(cli->db, &all, &found, &n, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	heading("EHC plans and needs assessments:", 0);
	w.count = 0;
	if (st_ehc_deadlines(cli->db, deadline_row, &w, &cli->err) != ST_OK) {
		st_check_free(found, n);
		return cli_fail(cli, &cli->err);
	}
	if (w.count + print_findings(found, n, 1) == 0)
		printf("  none\n");
	heading("Overdue:", 0);
	int overdue = print_findings(found, n, 0);
	size_t others = 0;
	for (size_t i = 0; i < n; i++)
		others += is_ehc_deadline_rule(found[i].rule)
			? found[i].date > w.sunday
			: found[i].rule != ST_RULE_CONSIDER_EHCNA &&
				  found[i].severity != ST_SEVERITY_OVERDUE;
	st_check_free(found, n);
	if (others)
		printf("\n%zu more due soon or worth a look: `sentrack check`.\n", others);
	cli_note("today: %d overdue", overdue);
	return EXIT_OK;
}

static const struct cli_cmd today_cmds[] = {
	{NULL, run_today, DB_READ, "",
	 "this week's reviews and meetings, EHC plan steps and what is overdue"},
	{0},
};
const struct cli_group group_today = {"today", "the week at a glance: reviews, meetings, "
					       "EHC steps, overdue", today_cmds};
/* `agenda` is the word some people look for first. */
const struct cli_group group_agenda = {"agenda", "the same as `sentrack today`", today_cmds};
