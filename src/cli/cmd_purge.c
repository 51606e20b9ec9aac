/* cmd_purge.c - `sentrack purge` (placeholder until its issue lands). */
#include "cli.h"

static int run_todo(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "sentrack: %s: not implemented yet\n", cli->group->name);
	return EXIT_SOFTWARE;
}

static const struct cli_cmd purge_cmds[] = {
	{NULL, run_todo, DB_NONE, "", "not implemented yet"},
	{0},
};
const struct cli_group group_purge = {"purge", "not implemented yet", purge_cmds};
