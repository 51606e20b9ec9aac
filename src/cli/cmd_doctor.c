/* cmd_doctor.c - `sentrack doctor [--upgrade]`: list every problem with
 * the database file; exit 65 when there is one. */
#include "cli.h"

static int print_finding(int problem, const char *message, void *payload)
{
	(void)payload;
	printf("%-8s%s\n", problem ? "PROBLEM" : "ok", message);
	return 0;
}

/* Read-only unless --upgrade: then opening read-write runs the migrations. */
static int open_db(struct cli *cli, int upgrade)
{
	unsigned flags = upgrade ? ST_OPEN_READWRITE : ST_OPEN_READONLY;
	if (st_db_open(&cli->db, cli->db_path, flags, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	st_db_set_busy_timeout(cli->db, cli->busy_timeout_ms);
	/* a trust reader names the school to check (issue 14) */
	if (cli->school && st_db_set_school(cli->db, cli->school, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return 0;
}

static int run_doctor(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"upgrade", no_argument, NULL, 'u'}, {0}};
	int c, status, upgrade = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == 'u')
			upgrade = 1;
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = open_db(cli, upgrade)))
		return status;
	int problems = 0;
	if (st_db_doctor(cli->db, print_finding, NULL, &problems, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (problems) {
		fprintf(stderr, "sentrack: doctor: %d problem%s found\n", problems,
			problems == 1 ? "" : "s");
		return EXIT_DATAERR;
	}
	cli_note("doctor: no problems found");
	return EXIT_OK;
}

static const struct cli_cmd doctor_cmds[] = {
	{NULL, run_doctor, DB_NONE, "[--upgrade]",
	 "check integrity, foreign keys, schema, journal, permissions and settings"},
	{0},
};
const struct cli_group group_doctor = {"doctor", "check the database file for problems",
				       doctor_cmds};
