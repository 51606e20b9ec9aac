/* cmd_log.c - `sentrack log`: read the audit log. */
#include "cli.h"

static int print_entry(const st_audit_entry *e, void *payload)
{
	(void)payload;
	char d[ST_DATE_BUFSZ];
	printf("%s  %-10s %-18s %-6s %s", e->entered_at, e->user, e->command, e->action, e->entity);
	if (e->cycle_seq) /* as every message names it: cycle 2 of the pupil */
		printf(" %d", e->cycle_seq);
	else if (e->entity_id)
		printf(" %lld", (long long)e->entity_id);
	if (e->pupil_id)
		printf("  pupil %lld", (long long)e->pupil_id);
	if (e->event_date != ST_DATE_NONE)
		printf("  on %s", st_date_format(e->event_date, d));
	if (e->detail)
		printf("  (%s)", e->detail);
	printf("\n");
	return 0;
}

static int run_log(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"pupil", required_argument, NULL, 'p'},
		{"since", required_argument, NULL, 's'},
		{"limit", required_argument, NULL, 'l'},
		{0},
	};
	st_audit_filter f = {0, ST_DATE_NONE, 0};
	const char *pupil = NULL;
	long limit = 0;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT: return status;
		case 'p': pupil = optarg; break;
		case 's':
			if ((status = cli_date(cli, "--since", optarg, &f.since)))
				return status;
			break;
		case 'l':
			if ((status = cli_long(cli, "--limit", optarg, 1, 1000000000, &limit)))
				return status;
			f.limit = (int)limit;
			break;
		}
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = cli_open(cli)))
		return status;
	if (pupil && (status = cli_pupil(cli, pupil, &f.pupil_id)))
		return status;
	if (st_audit_list(cli->db, &f, print_entry, NULL, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return EXIT_OK;
}

static const struct cli_cmd log_cmds[] = {
	{NULL, run_log, DB_READ, "[--pupil PUPIL] [--since DATE] [--limit N]",
	 "the audit log, newest first"},
	{0},
};
const struct cli_group group_log = {"log", "read the audit log of every change", log_cmds};
