/* cmd_calendar.c - `sentrack export calendar`: review dates, planned
 * meetings and EHC deadlines as an iCalendar file (RFC 5545), to subscribe
 * to from Outlook or Google Calendar. */
#include <string.h>
#include "cli.h"

enum { O_FROM = 1, O_TO, O_OUTPUT };

int cli_run_export_calendar(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, O_FROM},
		{"to", required_argument, NULL, O_TO},
		{"output", required_argument, NULL, O_OUTPUT},
		{0},
	};
	st_date from = ST_DATE_NONE, to = ST_DATE_NONE;
	const char *output = NULL;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_OUTPUT)
			output = optarg;
		else if ((c == O_FROM && (status = cli_date(cli, "--from", optarg, &from))) ||
			 (c == O_TO && (status = cli_date(cli, "--to", optarg, &to))))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")))
		return status;
	if (!output)
		return cli_usage_error(cli, "--output is required (FILE.ics, or - for stdout)");
	if (from == ST_DATE_NONE)
		from = cli->today; /* what is still to come */
	if (to != ST_DATE_NONE && to < from) {
		char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
		st_error_set(&cli->err, ST_EINVAL, "--to %s: is before --from %s",
			     st_date_format(to, d1), st_date_format(from, d2));
		return cli_fail(cli, &cli->err);
	}
	st_output *out = NULL;
	long count = 0;
	if (st_output_check(output, &cli->err) != ST_OK || (status = cli_open(cli)) ||
	    st_output_open(&out, output, &cli->err) != ST_OK)
		return status ? status : cli_fail(cli, &cli->err);
	if (st_calendar_write(cli->db, from, to, st_output_file(out), &count, &cli->err) != ST_OK) {
		st_output_abort(out);
		return cli_fail(cli, &cli->err);
	}
	if (st_output_commit(out, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (strcmp(output, "-") != 0)
		cli_note("wrote %ld event%s to %s", count, count == 1 ? "" : "s", output);
	return EXIT_OK;
}
