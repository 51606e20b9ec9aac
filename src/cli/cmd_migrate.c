/* cmd_migrate.c - `sentrack migrate --from FILE --to URI --school URN`: one
 * school's database file moved into a trust's PostgreSQL database, in one
 * transaction committed by run_command (cli_trust_end) only once the copy
 * is verified and its report written (docs/trust.md). */
#include "cli.h"

static int report_table(const char *table, long rows, void *payload)
{
	(void)payload;
	fprintf(stderr, "sentrack: migrate: %-18s %ld\n", table, rows);
	return 0;
}

static int run_migrate(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"school", required_argument, NULL, 's'},
		{0},
	};
	const char *from = NULL, *to = NULL, *urn = NULL;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == 'f')
			from = optarg;
		else if (c == 't')
			to = optarg;
		else if (c == 's')
			urn = optarg;
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")))
		return status;
	if (!from || !to || !urn)
		return cli_usage_error(cli, "--from FILE, --to URI and --school URN are required");
	if (st_trust_check_urn("--school", urn, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (st_trust_open(&cli->trust, to, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	/* a deadlock or serialisation failure: the whole copy again, a few
	 * times, from a fresh transaction; then 75 with nothing written */
	int rc = ST_EBUSY;
	for (int attempt = 0; rc == ST_EBUSY && attempt < 3; attempt++) {
		st_trust_rollback(cli->trust);
		rc = st_trust_begin(cli->trust, 0, &cli->err);
		if (rc == ST_OK)
			rc = st_trust_migrate(cli->trust, from, urn, report_table, NULL, &cli->err);
	}
	if (rc != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("migrated the school's file into school %s", urn);
	return EXIT_OK;
}

/* DB_NONE: it opens the file read-only and the trust database itself. */
static const struct cli_cmd migrate_cmds[] = {
	{NULL, run_migrate, DB_NONE, "--from FILE --to URI --school URN",
	 "copy a school's database file into a trust's PostgreSQL database"},
	{0},
};
const struct cli_group group_migrate = {"migrate", "move a school's database file into a "
					 "trust's PostgreSQL database", migrate_cmds};
