/* cmd_report.c - `sentrack report provision-map|summary`: the whole-school
 * provision map and the governors' figures for an academic year. */
#include <string.h>
#include "cli.h"

enum { O_YEAR = 1, O_ON, O_FORMAT, O_OUTPUT, O_ACADEMIC };

static int write_map(struct cli *cli, FILE *f, const void *arg)
{
	const st_provision_map *const *m = arg;
	return st_provision_map_write(cli->db, m[0], *(const st_format *)m[1], f, &cli->err);
}

static int run_map(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"year", required_argument, NULL, O_YEAR},
		{"on", required_argument, NULL, O_ON},
		{"format", required_argument, NULL, O_FORMAT},
		{"output", required_argument, NULL, O_OUTPUT},
		{0},
	};
	const char *year = NULL, *output = NULL;
	st_date on = ST_DATE_NONE;
	st_format format = ST_FORMAT_HTML;
	int c, status = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT: return status;
		case O_YEAR: year = optarg; break;
		case O_ON: status = cli_date(cli, "--on", optarg, &on); break;
		case O_OUTPUT: output = optarg; break;
		case O_FORMAT: status = cli_format(cli, optarg, ST_FORMAT_HTML | ST_FORMAT_CSV |
						   ST_FORMAT_TEXT, &format); break;
		}
		if (status)
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = cli_open(cli)))
		return status;
	st_provision_map *m = NULL;
	if (st_provision_map_build(cli->db, year, on == ST_DATE_NONE ? cli->today : on, &m,
				   &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	const void *arg[2] = {m, &format};
	status = cli_write_document(cli, output, write_map, arg);
	st_provision_map_free(m);
	return status;
}

static int write_summary(struct cli *cli, FILE *f, const void *arg)
{
	const void *const *a = arg;
	return st_summary_write(cli->db, a[0], *(const st_format *)a[1], f, &cli->err);
}

static int run_summary(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"academic-year", required_argument, NULL, O_ACADEMIC},
		{"format", required_argument, NULL, O_FORMAT},
		{"output", required_argument, NULL, O_OUTPUT},
		{0},
	};
	const char *output = NULL;
	int start = 0;
	st_format format = ST_FORMAT_HTML;
	int c, status = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT: return status;
		case O_OUTPUT: output = optarg; break;
		case O_ACADEMIC:
			if (st_academic_year_parse("--academic-year", optarg, &start, &cli->err))
				status = cli_fail(cli, &cli->err);
			break;
		case O_FORMAT: status = cli_format(cli, optarg, ST_FORMAT_HTML | ST_FORMAT_CSV |
						   ST_FORMAT_TEXT, &format); break;
		}
		if (status)
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")))
		return status;
	if (!start)
		return cli_usage_error(cli, "--academic-year is required (like 2025-26)");
	if ((status = cli_open(cli)))
		return status;
	st_summary *s = NULL;
	if (st_summary_build(cli->db, start, &s, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	const void *arg[2] = {s, &format};
	status = cli_write_document(cli, output, write_summary, arg);
	st_summary_free(s);
	return status;
}

static const struct cli_cmd report_cmds[] = {
	{"provision-map", run_map, DB_READ,
	 "[--year Y] [--on DATE] [--format html|csv|text] [--output FILE]",
	 "the whole-school provision map with costs, by year group and against the budget"},
	{"summary", run_summary, DB_READ,
	 "--academic-year 2025-26 [--format html|csv|text] [--output FILE]",
	 "the figures for governors and the SEN information report (small numbers suppressed)"},
	{0},
};
const struct cli_group group_report = {"report", "the provision map and the governors' summary",
				       report_cmds};
