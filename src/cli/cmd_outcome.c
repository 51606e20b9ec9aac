/* cmd_outcome.c - `sentrack outcome add|rate|list`: SMART outcomes. */
#include <stdio.h>
#include "cli.h"

enum { O_AREA = 1, O_MEASURE, O_BY, O_NOTE, O_ALL, O_TEXT };

static int run_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"area", required_argument, NULL, O_AREA},
		{"measure", required_argument, NULL, O_MEASURE},
		{"by", required_argument, NULL, O_BY},
		{0},
	};
	const char *area = NULL, *measure = NULL;
	st_date by = ST_DATE_NONE;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_AREA)
			area = optarg;
		else if (c == O_MEASURE)
			measure = optarg;
		else if (c == O_BY && (status = cli_date(cli, "--by", optarg, &by)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 2, "PUPIL TEXT")))
		return status;
	int64_t pupil, id;
	if ((status = cli_pupil(cli, argv[optind], &pupil)))
		return status;
	if (st_outcome_add(cli->db, pupil, argv[optind + 1], area, measure, by, &id, &cli->err))
		return cli_fail(cli, &cli->err);
	printf("%lld\n", (long long)id);
	cli_note("added outcome %lld", (long long)id);
	return EXIT_OK;
}

static int run_edit(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"text", required_argument, NULL, O_TEXT},
		{"area", required_argument, NULL, O_AREA},
		{"measure", required_argument, NULL, O_MEASURE},
		{"by", required_argument, NULL, O_BY},
		{0},
	};
	const char *text = NULL, *area = NULL, *measure = NULL;
	st_date by = ST_DATE_NONE;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_TEXT)
			text = optarg;
		else if (c == O_AREA)
			area = optarg;
		else if (c == O_MEASURE)
			measure = optarg;
		else if (c == O_BY && (status = cli_date(cli, "--by", optarg, &by)))
			return status;
	}
	long id;
	if ((status = cli_positionals(cli, argc, argv, 1, "OUTCOME_ID")) ||
	    (status = cli_long(cli, "OUTCOME_ID", argv[optind], 1, 999999999999L, &id)) ||
	    (status = cli_open(cli)))
		return status;
	if (st_outcome_edit(cli->db, id, text, area, measure, by, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("outcome %ld edited", id);
	return EXIT_OK;
}

static int run_rate(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"note", required_argument, NULL, O_NOTE}, {0}};
	const char *note = NULL;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_NOTE)
			note = optarg;
	}
	long id;
	if ((status = cli_positionals(cli, argc, argv, 2, "OUTCOME_ID RATING")) ||
	    (status = cli_long(cli, "OUTCOME_ID", argv[optind], 1, 999999999999L, &id)) ||
	    (status = cli_open(cli)))
		return status;
	if (st_outcome_rate(cli->db, id, argv[optind + 1], note, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("outcome %ld rated %s", id, argv[optind + 1]);
	return EXIT_OK;
}

static int print_outcome(const st_outcome *o, void *payload)
{
	int *count = payload;
	char d[ST_DATE_BUFSZ];
	if ((*count)++ == 0)
		printf("    ID CYC RATING       BY         OUTCOME\n");
	printf("%6lld %3d ", (long long)o->id, o->cycle_seq);
	cli_cell(stdout, o->rating ? o->rating : "-", 12);
	printf(" %-10s %s\n", cli_date_or_dash(o->target_date, d), o->text);
	if (o->measure)
		printf("                                 measure: %s\n", o->measure);
	if (o->origin_id)
		printf("                                 carried forward from #%lld\n",
		       (long long)o->origin_id);
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"all-cycles", no_argument, NULL, O_ALL}, {0}};
	int all = 0, c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_ALL)
			all = 1;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	int64_t pupil;
	if ((status = cli_pupil(cli, argv[optind], &pupil)))
		return status;
	int count = 0;
	if (st_outcome_list(cli->db, pupil, all, print_outcome, &count, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("%d outcome%s", count, count == 1 ? "" : "s");
	return EXIT_OK;
}

static const struct cli_cmd outcome_cmds[] = {
	{"add", run_add, DB_WRITE, "PUPIL TEXT [--area AREA] [--measure TEXT] [--by DATE]",
	 "add a SMART outcome to the open cycle (assess or plan phase); prints its id"},
	{"edit", run_edit, DB_WRITE, "OUTCOME_ID [--text TEXT] [--measure TEXT] [--by DATE] "
	 "[--area AREA]",
	 "change an outcome in the assess or plan phase (carried-forward outcomes need a new "
	 "--by); audited"},
	{"rate", run_rate, DB_WRITE, "OUTCOME_ID achieved|partially|not-achieved [--note TEXT]",
	 "rate an outcome before the review"},
	{"list", run_list, DB_READ, "PUPIL [--all-cycles]",
	 "outcomes of the current (or every) cycle"},
	{0},
};
const struct cli_group group_outcome = {"outcome", "SMART outcomes: agree, rate, follow",
					outcome_cmds};
