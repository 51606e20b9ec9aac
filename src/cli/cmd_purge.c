/* cmd_purge.c - `sentrack purge [--left-before DATE] [--dry-run]`: erase
 * the leavers whose retention period has ended: by default the records rule
 * for SEN files (date of birth + retention-years), or those who left before
 * a date. */
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
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = cli_open(cli)))
		return status;
	int count = 0, rc;
	long years = 0;
	char day[ST_DATE_BUFSZ], rule[160];
	if (before == ST_DATE_NONE) {
		rc = st_purge_retention(cli->db, dry_run, print_leaver, NULL, &count, &years,
					&cli->err);
		snprintf(rule, sizeof rule, "past their retention date (rule: date of birth + %ld "
			 "years, the records rule for SEN files; setting retention-years)", years);
	} else {
		rc = st_purge_leavers(cli->db, before, dry_run, print_leaver, NULL, &count, &cli->err);
		snprintf(rule, sizeof rule, "who left before %s (rule: --left-before)",
			 cli_date_or_dash(before, day));
	}
	if (rc != ST_OK)
		return cli_fail(cli, &cli->err);
	if (!dry_run)
		cli->after_commit = cli_truncate_log;
	cli_note("purge: %s %d pupil%s %s", dry_run ? "would erase" : "erased", count,
		 count == 1 ? "" : "s", rule);
	return EXIT_OK;
}

static const struct cli_cmd purge_cmds[] = {
	{NULL, run_purge, DB_WRITE, "[--left-before DATE] [--dry-run]",
	 "erase every leaver whose SEN file is past retention: date of birth + retention-years "
	 "(default 31), or who left before DATE (lists them; --dry-run changes nothing)"},
	{0},
};
const struct cli_group group_purge = {"purge", "erase leavers past their retention date",
				      purge_cmds};
