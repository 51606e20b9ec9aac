/* cmd_purge.c - `sentrack purge --left-before DATE [--dry-run]`: erase the
 * leavers whose retention period has ended. */
#include "cli.h"

static int print_leaver(const st_pupil *p, void *payload)
{
	(void)payload;
	char left[ST_DATE_BUFSZ];
	printf("%lld\t%s\t%s, %s\t%s\n", (long long)p->id, p->upn ? p->upn : "-", p->surname,
	       p->forename, cli_date_or_dash(p->left, left));
	return 0;
}

static int run_purge(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"left-before", required_argument, NULL, 'l'},
		{"dry-run", no_argument, NULL, 'n'},
		{0},
	};
	int c, status, dry_run = 0;
	st_date before = ST_DATE_NONE;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == 'n')
			dry_run = 1;
		else if (c == 'l' && (status = cli_date(cli, "--left-before", optarg, &before)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")))
		return status;
	if (before == ST_DATE_NONE)
		return cli_usage_error(cli, "--left-before is required");
	if ((status = cli_open(cli)))
		return status;
	int count = 0;
	char day[ST_DATE_BUFSZ];
	if (st_purge_leavers(cli->db, before, dry_run, print_leaver, NULL, &count, &cli->err) !=
	    ST_OK)
		return cli_fail(cli, &cli->err);
	if (!dry_run)
		cli->after_commit = cli_truncate_log;
	cli_note("purge: %s %d pupil%s who left before %s", dry_run ? "would erase" : "erased",
		 count, count == 1 ? "" : "s", cli_date_or_dash(before, day));
	return EXIT_OK;
}

static const struct cli_cmd purge_cmds[] = {
	{NULL, run_purge, DB_WRITE, "--left-before DATE [--dry-run]",
	 "erase every pupil who left before DATE (lists them; --dry-run changes nothing)"},
	{0},
};
const struct cli_group group_purge = {"purge", "erase leavers past their retention date",
				      purge_cmds};
