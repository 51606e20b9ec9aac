/* cmd_census.c - `sentrack census check`: the records the DfE school census
 * would reject, before the return is made (issue 12). Exit 0 when clean,
 * 1 when anything is listed. */
#include <stdio.h>
#include "cli.h"

static int print_problem(const st_census_problem *p, void *payload)
{
	int *count = payload;
	if ((*count)++ == 0)
		printf("    ID  UPN            NAME                       YEAR FIELD           PROBLEM\n");
	char name[256];
	snprintf(name, sizeof name, "%s %s", p->forename, p->surname);
	printf("%6lld  %-13s  ", (long long)p->pupil_id, p->upn ? p->upn : "-");
	cli_cell(stdout, name, 26);
	fputs(" ", stdout);
	cli_cell(stdout, p->year, 4);
	printf(" %-15s %s\n", p->field, p->message);
	return 0;
}

static int run_check(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 0, "");
	if (status || (status = cli_open(cli)))
		return status == CLI_DONE ? EXIT_OK : status;
	int count = 0, printed = 0;
	if (st_census_check(cli->db, print_problem, &printed, &count, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("census check: %d record%s the school census would reject%s", count,
		 count == 1 ? "" : "s", count ? "" : "; ready for `sentrack export census`");
	return count ? 1 : EXIT_OK;
}

static const struct cli_cmd census_cmds[] = {
	{"check", run_check, DB_READ, "",
	 "list every record the school census would reject (exit 0 clean, 1 otherwise)"},
	{0},
};
const struct cli_group group_census = {"census", "the DfE school census SEN return",
				       census_cmds};
