/* cmd_term.c - `sentrack term set|list`: term dates per academic year. */
#include <stdio.h>
#include <strings.h>
#include "cli.h"

static int run_set(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{0}};
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1)
		if (c == CLI_OPT_EXIT)
			return status;
	st_date start, end;
	if ((status = cli_positionals(cli, argc, argv, 4, "ACADEMIC_YEAR TERM START END")) ||
	    (status = cli_date(cli, "START", argv[optind + 2], &start)) ||
	    (status = cli_date(cli, "END", argv[optind + 3], &end)) || (status = cli_open(cli)))
		return status;
	if (st_term_set(cli->db, argv[optind], argv[optind + 1], start, end, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	const char *name = argv[optind + 1];
	for (int t = ST_TERM_AUTUMN; t <= ST_TERM_SUMMER; t++)
		if (strcasecmp(name, st_term_name_of((st_term_name)t)) == 0)
			name = st_term_name_of((st_term_name)t);
	cli_note("%s %s term: %s to %s", argv[optind], name, st_date_format(start, d1),
		 st_date_format(end, d2));
	return EXIT_OK;
}

static int print_term(const st_term *t, void *payload)
{
	int *count = payload;
	char y[ST_ACADEMIC_YEAR_BUFSZ], d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	if ((*count)++ == 0)
		printf("YEAR     TERM    START       END          DAYS\n");
	printf("%-8s %-7s %s  %s  %5ld\n", st_academic_year_format(t->start_year, y),
	       st_term_name_of(t->term), st_date_format(t->start, d1), st_date_format(t->end, d2),
	       (long)(t->end - t->start + 1));
	return 0;
}

/* Say which terms of the current academic year come from the settings. */
static int note_unset(struct cli *cli)
{
	st_term year[3];
	int ay = st_academic_year_of(st_db_today(cli->db));
	if (st_term_year(cli->db, ay, year, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	char y[ST_ACADEMIC_YEAR_BUFSZ], list[32] = "";
	int n = 0, unset = 0;
	for (int i = 0; i < 3; i++)
		if (year[i].from_settings && ++unset)
			n += snprintf(list + n, sizeof list - (size_t)n, "%s%s", n ? ", " : "",
				      st_term_name_of(year[i].term));
	if (n)
		cli_note("%s: no dates set for the %s term%s; check uses the term.* settings "
			 "(`sentrack term set`)", st_academic_year_format(ay, y), list,
			 unset > 1 ? "s" : "");
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{0}};
	int c, status, count = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1)
		if (c == CLI_OPT_EXIT)
			return status;
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = cli_open(cli)))
		return status;
	if (st_term_list(cli->db, print_term, &count, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return note_unset(cli);
}

static const struct cli_cmd term_cmds[] = {
	{"set", run_set, DB_WRITE, "ACADEMIC_YEAR autumn|spring|summer START END",
	 "set a term's first and last days, e.g. term set 2026-27 autumn 2026-09-03 2026-12-18"},
	{"list", run_list, DB_READ, "", "the terms set, by date"},
	{0},
};
const struct cli_group group_term = {"term", "term dates per academic year", term_cmds};
