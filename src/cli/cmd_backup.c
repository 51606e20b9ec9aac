/* cmd_backup.c - `sentrack backup FILE`: an online backup, safe while
 * others write. */
#include "cli.h"

static int run_backup(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"force", no_argument, NULL, 'f'}, {0}};
	int c, status, force = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == 'f')
			force = 1;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "FILE")) || (status = cli_open(cli)))
		return status;
	if (st_db_backup(cli->db, argv[optind], force, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("backed up %s to %s", st_db_path(cli->db), argv[optind]);
	return EXIT_OK;
}

static const struct cli_cmd backup_cmds[] = {
	{NULL, run_backup, DB_READ, "FILE [--force]",
	 "copy the database to FILE (mode 0600) while others keep working"},
	{0},
};
const struct cli_group group_backup = {"backup", "copy the database safely while in use",
				       backup_cmds};
