/* cmd_plan.c - `sentrack plan`: the SEN support plan for parents, and the
 * output helper every document command shares. */
#include <string.h>
#include "cli.h"

int cli_write_document(struct cli *cli, const char *path, cli_document_fn write,
		       const void *arg)
{
	st_output *out = NULL;
	if (st_output_open(&out, path, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	FILE *f = st_output_file(out);
	if (write(cli, f, arg) != ST_OK) {
		st_output_abort(out);
		return cli_fail(cli, &cli->err);
	}
	if (fflush(f) != 0 || ferror(f)) {
		st_output_abort(out);
		st_error_set(&cli->err, ST_EIO, "%s: writing the document failed",
			     path ? path : "standard output");
		return cli_fail(cli, &cli->err);
	}
	if (st_output_commit(out, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (path && strcmp(path, "-") != 0)
		cli_note("wrote %s", path);
	return EXIT_OK;
}

int cli_format(struct cli *cli, const char *text, unsigned allowed, st_format *out)
{
	if (st_format_parse("--format", text, allowed, out, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return 0;
}

struct plan_arg {
	int64_t pupil;
	st_plan_options opt;
	st_format format;
};

static int write_plan(struct cli *cli, FILE *f, const void *arg)
{
	const struct plan_arg *a = arg;
	return st_plan_write(cli->db, a->pupil, &a->opt, a->format, f, &cli->err);
}

enum { O_CYCLE = 1, O_FORMAT, O_COSTS, O_IDS, O_OUTPUT };

static int run_plan(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"cycle", required_argument, NULL, O_CYCLE},
		{"format", required_argument, NULL, O_FORMAT},
		{"with-costs", no_argument, NULL, O_COSTS},
		{"with-ids", no_argument, NULL, O_IDS},
		{"output", required_argument, NULL, O_OUTPUT},
		{0},
	};
	struct plan_arg a = {.format = ST_FORMAT_HTML};
	const char *output = NULL;
	long seq = 0;
	int c, status = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT: return status;
		case O_CYCLE: status = cli_long(cli, "--cycle", optarg, 1, 999, &seq); break;
		case O_FORMAT:
			status = cli_format(cli, optarg, ST_FORMAT_HTML | ST_FORMAT_TEXT, &a.format);
			break;
		case O_COSTS: a.opt.with_costs = 1; break;
		case O_IDS: a.opt.with_ids = 1; break;
		case O_OUTPUT: output = optarg; break;
		}
		if (status)
			return status;
	}
	a.opt.seq = (int)seq;
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")) ||
	    (status = cli_pupil(cli, argv[optind], &a.pupil)))
		return status;
	return cli_write_document(cli, output, write_plan, &a);
}

static const struct cli_cmd plan_cmds[] = {
	{NULL, run_plan, DB_READ,
	 "PUPIL [--cycle N] [--format html|text] [--with-costs] [--with-ids] [--output FILE]",
	 "the SEN support plan for parents (HTML to print, or text)"},
	{0},
};
const struct cli_group group_plan = {"plan", "the SEN support plan for parents", plan_cmds};
