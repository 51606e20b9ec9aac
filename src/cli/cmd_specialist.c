/* cmd_specialist.c - `sentrack specialist add|list`: outside services. */
#include <stdio.h>
#include "cli.h"

enum { O_CONSENT = 1, O_DATE, O_NOTES };

static int run_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"consent-date", required_argument, NULL, O_CONSENT},
		{"date", required_argument, NULL, O_DATE},
		{"notes", required_argument, NULL, O_NOTES},
		{0},
	};
	st_date consent = ST_DATE_NONE, date = ST_DATE_NONE;
	const char *notes = NULL;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_NOTES)
			notes = optarg;
		else if (c == O_CONSENT && (status = cli_date(cli, "--consent-date", optarg, &consent)))
			return status;
		else if (c == O_DATE && (status = cli_date(cli, "--date", optarg, &date)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 2, "PUPIL SERVICE")))
		return status;
	int64_t pupil, id;
	if ((status = cli_pupil(cli, argv[optind], &pupil)))
		return status;
	if (st_specialist_add(cli->db, pupil, argv[optind + 1], consent, date, notes, &id,
			      &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	printf("%lld\n", (long long)id);
	cli_note("recorded the involvement of %s", argv[optind + 1]);
	return EXIT_OK;
}

static int print_specialist(const st_specialist *s, void *payload)
{
	int *count = payload;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	if ((*count)++ == 0)
		printf("    ID  FROM       CONSENT    SERVICE\n");
	printf("%6lld  %s %s %s\n", (long long)s->id, st_date_format(s->date, d1),
	       st_date_format(s->consent_date, d2), s->service);
	if (s->notes)
		cli_wrapped(stdout, 8, s->notes);
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 1, "PUPIL");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	int64_t pupil;
	if ((status = cli_pupil(cli, argv[optind], &pupil)))
		return status;
	int count = 0;
	if (st_specialist_list(cli->db, pupil, print_specialist, &count, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return EXIT_OK;
}

static const struct cli_cmd specialist_cmds[] = {
	{"add", run_add, DB_WRITE, "PUPIL SERVICE --consent-date DATE [--date DATE] [--notes TEXT]",
	 "record an outside specialist's involvement (needs parental consent); prints its id"},
	{"list", run_list, DB_READ, "PUPIL", "the specialists involved with a pupil"},
	{0},
};
const struct cli_group group_specialist = {"specialist",
					   "outside specialists (with parental consent)",
					   specialist_cmds};
