/* cmd_concern.c - `sentrack concern add|list`: concerns raised about a
 * pupil, taken seriously (Code of Practice 6.45; issue 12). */
#include <stdio.h>
#include "cli.h"

enum { O_FROM = 1, O_DATE, O_TEXT, O_SINCE };

static int run_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, O_FROM},
		{"date", required_argument, NULL, O_DATE},
		{"text", required_argument, NULL, O_TEXT},
		{0},
	};
	const char *from = NULL, *text = NULL;
	st_date date = ST_DATE_NONE;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_FROM)
			from = optarg;
		else if (c == O_TEXT)
			text = optarg;
		else if (c == O_DATE && (status = cli_date(cli, "--date", optarg, &date)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	if (!from || !text)
		return cli_usage_error(cli, "%s is required", !from ? "--from" : "--text");
	int64_t pupil, id;
	if ((status = cli_pupil(cli, argv[optind], &pupil)))
		return status;
	if (st_concern_add(cli->db, pupil, from, date == ST_DATE_NONE ? cli->today : date, text,
			   &id, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	printf("%lld\n", (long long)id);
	cli_note("recorded the concern; it is shown in `cycle show` while assessing");
	return EXIT_OK;
}

static int print_concern(const st_concern *c, void *payload)
{
	int *count = payload;
	char d[ST_DATE_BUFSZ];
	if ((*count)++ == 0)
		printf("    ID  PUPIL DATE       FROM     CONCERN\n");
	printf("%6lld  %5lld %s %-8s %s\n", (long long)c->id, (long long)c->pupil_id,
	       st_date_format(c->date, d), c->raised_by, c->text);
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"since", required_argument, NULL, O_SINCE}, {0}};
	st_date since = ST_DATE_NONE;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_SINCE && (status = cli_date(cli, "--since", optarg, &since)))
			return status;
	}
	int64_t pupil = 0;
	if (optind < argc && (status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	if (optind < argc ? (status = cli_pupil(cli, argv[optind], &pupil))
			  : (status = cli_open(cli)))
		return status;
	int count = 0;
	if (st_concern_list(cli->db, pupil, since, print_concern, &count, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("%d concern%s", count, count == 1 ? "" : "s");
	return EXIT_OK;
}

static const struct cli_cmd concern_cmds[] = {
	{"add", run_add, DB_WRITE,
	 "PUPIL --from parent|teacher|pupil|other [--date DATE] --text TEXT",
	 "record a concern about a pupil (Code 6.45); prints its id"},
	{"list", run_list, DB_READ, "[PUPIL] [--since DATE]", "concerns, oldest first"},
	{0},
};
const struct cli_group group_concern = {"concern", "concerns raised by parents, staff or "
					"the pupil", concern_cmds};
