/* cmd_ehcp.c - `sentrack ehcp review`: EHC plan annual reviews. */
#include <stdio.h>
#include "cli.h"

enum { O_DATE = 1, O_WITH, O_NOTES, O_EARLY };

static int run_review(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{"with", required_argument, NULL, O_WITH},
		{"notes", required_argument, NULL, O_NOTES},
		{"early", no_argument, NULL, O_EARLY},
		{0},
	};
	st_date date = ST_DATE_NONE;
	unsigned with = 0;
	int early = 0;
	const char *notes = NULL;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_NOTES)
			notes = optarg;
		else if (c == O_EARLY)
			early = 1;
		else if (c == O_DATE && (status = cli_date(cli, "--date", optarg, &date)))
			return status;
		else if (c == O_WITH && st_who_parse("--with", optarg, &with, &cli->err) != ST_OK)
			return cli_fail(cli, &cli->err);
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	if (date == ST_DATE_NONE)
		return cli_usage_error(cli, "--date is required");
	int64_t pupil, id;
	if ((status = cli_pupil(cli, argv[optind], &pupil)))
		return status;
	if (st_ehcp_review_record(cli->db, pupil, date, with, notes, early, &id, &cli->err) !=
	    ST_OK)
		return cli_fail(cli, &cli->err);
	printf("%lld\n", (long long)id);
	cli_note("recorded the EHC plan annual review; the next is due a year on");
	return EXIT_OK;
}

static const struct cli_cmd ehcp_cmds[] = {
	{"review", run_review, DB_WRITE,
	 "PUPIL --date DATE [--with WHO,...] [--notes TEXT] [--early]",
	 "record an EHC plan annual review (--early: brought forward, Code 9.174); prints its id"},
	{0},
};
const struct cli_group group_ehcp = {"ehcp", "EHC plan annual reviews", ehcp_cmds};
