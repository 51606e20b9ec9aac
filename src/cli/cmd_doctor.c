/* cmd_doctor.c - `sentrack doctor` (placeholder until its issue lands). */
#include "cli.h"

static int run_todo(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "sentrack: %s: not implemented yet\n", cli->group->name);
	return EXIT_SOFTWARE;
}

static const struct cli_cmd doctor_cmds[] = {
	{NULL, run_todo, DB_NONE, "", "not implemented yet"},
	{0},
};
const struct cli_group group_doctor = {"doctor", "not implemented yet", doctor_cmds};
