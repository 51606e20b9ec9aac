/* cmd_trust.c - `sentrack trust init|school|grant|list`: a trust's shared
 * PostgreSQL database (docs/trust.md). --db names it (a postgresql:// URI
 * or a libpq keyword string). Each command is one transaction, committed
 * by run_command (cli_trust_end) only once its output is delivered. */
#include <string.h>
#include "cli.h"

/* Connect and begin the command's transaction; 0 or the exit status. */
static int trust_open(struct cli *cli, int read_only)
{
	if (st_trust_open(&cli->trust, cli->db_path, &cli->err) != ST_OK ||
	    st_trust_begin(cli->trust, read_only, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return 0;
}

int cli_trust_end(struct cli *cli, int status)
{
	if (status == EXIT_OK && st_trust_commit(cli->trust, &cli->err) != ST_OK) {
		status = cli_fail(cli, &cli->err);
		fprintf(stderr, "sentrack: ignore any output above: it was never saved\n");
	}
	st_trust_free(cli->trust); /* rolls back what was not committed */
	cli->trust = NULL;
	return status;
}

static int run_init(struct cli *cli, int argc, char **argv)
{
	int from = 0, status = cli_args_only(cli, argc, argv, 0, "");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if ((status = trust_open(cli, 0)))
		return status;
	if (st_trust_init(cli->trust, &from, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (from == st_trust_schema_version())
		cli_note("the trust database is already at schema version %d", from);
	else
		cli_note("trust database at schema version %d (was %d); roles sentrack_admin, "
			 "sentrack_senco and sentrack_trust", st_trust_schema_version(), from);
	return EXIT_OK;
}

/* `trust school add URN NAME`: the URN, alone on stdout. */
static int run_school(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 3, "add URN NAME");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	const char *urn = argv[optind + 1], *name = argv[optind + 2];
	if (strcmp(argv[optind], "add") != 0)
		return cli_usage_error(cli, "%s: unknown subcommand (only `add`)", argv[optind]);
	if (st_trust_check_urn("URN", urn, &cli->err) != ST_OK ||
	    st_trust_check_school_name("NAME", name, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if ((status = trust_open(cli, 0)))
		return status;
	if (st_trust_school_add(cli->trust, urn, name, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	printf("%s\n", urn);
	cli_note("added school %s %s", urn, name);
	return EXIT_OK;
}

/* ROLE (--school URN | --all-schools), with --read-only where read_only is
 * not NULL (grant): the arguments checked before connecting. Returns 0, or
 * the exit status. */
static int role_and_scope(struct cli *cli, int argc, char **argv, const char **role,
			  const char **urn, int *read_only)
{
	static const struct option grant_opts[] = {
		{"school", required_argument, NULL, 's'},
		{"all-schools", no_argument, NULL, 'a'},
		{"read-only", no_argument, NULL, 'r'},
		{0},
	};
	static const struct option revoke_opts[] = {
		{"school", required_argument, NULL, 's'},
		{"all-schools", no_argument, NULL, 'a'},
		{0},
	};
	int c, status, all = 0;
	*urn = NULL;
	while ((c = cli_getopt(cli, argc, argv, read_only ? grant_opts : revoke_opts, &status)) !=
	       -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == 's')
			*urn = optarg;
		else if (c == 'a')
			all = 1;
		else if (c == 'r')
			*read_only = 1;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "ROLE")))
		return status;
	if (!*urn && !all)
		return cli_usage_error(cli, "--school URN or --all-schools is required");
	if (*urn && all)
		return cli_usage_error(cli, "--school and --all-schools: give one");
	*role = argv[optind];
	if ((*urn && st_trust_check_urn("--school", *urn, &cli->err) != ST_OK) ||
	    st_trust_check_role("ROLE", *role, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return trust_open(cli, 0);
}

static int run_grant(struct cli *cli, int argc, char **argv)
{
	const char *role, *urn;
	int read_only = 0, created = 0;
	int status = role_and_scope(cli, argc, argv, &role, &urn, &read_only);
	if (status)
		return status;
	if (st_trust_grant(cli->trust, role, urn, read_only, &created, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (created)
		cli_note("created role %s (LOGIN, no password: set one with psql's \\password, "
			 "or use peer or certificate authentication)", role);
	if (urn)
		cli_note("%s may %s school %s", role, read_only ? "read" : "read and write", urn);
	else
		cli_note("%s may read every school and write none", role);
	return EXIT_OK;
}

static int run_revoke(struct cli *cli, int argc, char **argv)
{
	const char *role, *urn;
	int revoked = 0;
	int status = role_and_scope(cli, argc, argv, &role, &urn, NULL);
	if (status)
		return status;
	if (st_trust_revoke(cli->trust, role, urn, &revoked, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (!revoked)
		cli_note("%s had no access to %s%s: nothing to revoke", role, urn ? "school " : "",
			 urn ? urn : "every school");
	else if (urn)
		cli_note("%s may no longer see school %s", role, urn);
	else
		cli_note("%s may no longer read every school", role);
	return EXIT_OK;
}

static int print_grant(const st_trust_grant_row *r, void *payload)
{
	(void)payload;
	cli_cell(stdout, r->urn ? r->urn : "all", 8);
	cli_cell(stdout, r->name ? r->name : "every school", 32);
	cli_cell(stdout, r->role ? r->role : "-", 24);
	printf("%s\n", !r->role ? "-" : r->read_only ? "read-only" : "read-write");
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 0, "");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if ((status = trust_open(cli, 1)))
		return status;
	printf("URN     SCHOOL                          ROLE                    ACCESS\n");
	if (st_trust_list(cli->trust, print_grant, NULL, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return EXIT_OK;
}

/* DB_NONE: these open the PostgreSQL database themselves (trust_open). */
static const struct cli_cmd trust_cmds[] = {
	{"init", run_init, DB_NONE, "",
	 "create or upgrade a trust's PostgreSQL database and its roles (the admin)"},
	{"school", run_school, DB_NONE, "add URN NAME", "add a school (URN: six digits)"},
	{"grant", run_grant, DB_NONE, "ROLE (--school URN [--read-only] | --all-schools)",
	 "let a role read and write one school (--read-only: read), or read every school"},
	{"revoke", run_revoke, DB_NONE, "ROLE (--school URN | --all-schools)",
	 "take back a grant: the role no longer sees that school (or every school)"},
	{"list", run_list, DB_NONE, "", "the schools and the roles that may see each"},
	{0},
};
const struct cli_group group_trust = {"trust", "a trust's shared PostgreSQL database: schools "
				       "and roles", trust_cmds};
