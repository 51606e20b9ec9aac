/* cmd_need.c - `sentrack need add|remove|types`. */
#include "cli.h"

static int run_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"rank", required_argument, NULL, 'r'}, {0}};
	long rank = 0;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == 'r' && (status = cli_long(cli, "--rank", optarg, 1, 2, &rank)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 2, "PUPIL TYPE")))
		return status;
	if (!rank)
		return cli_usage_error(cli, "--rank is required (1 primary, 2 secondary)");
	int64_t id;
	if ((status = cli_pupil(cli, argv[optind], &id)))
		return status;
	if (st_need_add(cli->db, id, argv[optind + 1], (int)rank, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("recorded need %s for pupil %lld", argv[optind + 1], (long long)id);
	return EXIT_OK;
}

static int run_remove(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 2, "PUPIL TYPE");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	int64_t id;
	if ((status = cli_pupil(cli, argv[optind], &id)))
		return status;
	if (st_need_remove(cli->db, id, argv[optind + 1], &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("removed need %s from pupil %lld", argv[optind + 1], (long long)id);
	return EXIT_OK;
}

static int print_type(const st_need_type *t, void *payload)
{
	(void)payload;
	printf("%-5s %-58s %s\n", t->code, t->label, t->area_label ? t->area_label : "-");
	return 0;
}

static int run_types(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 0, "");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if ((status = cli_open(cli)))
		return status;
	if (st_need_types(cli->db, print_type, NULL, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return EXIT_OK;
}

static const struct cli_cmd need_cmds[] = {
	{"add", run_add, DB_WRITE, "PUPIL TYPE --rank 1|2",
	 "record a census need type as primary (1) or secondary (2)"},
	{"remove", run_remove, DB_WRITE, "PUPIL TYPE", "remove a recorded need"},
	{"types", run_types, DB_READ, "", "list the census need types and areas of need"},
	{0},
};
const struct cli_group group_need = {"need", "pupils' needs (DfE census need types)", need_cmds};
