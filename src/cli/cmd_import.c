/* cmd_import.c - `sentrack import pupils FILE|-`: the pupil list from the
 * school's MIS, all or nothing. */
#include <errno.h>
#include <string.h>
#include "cli.h"

enum { O_DRY_RUN = 1, O_UPDATE, O_DATE_FORMAT, O_DATE };

/* Problems go to stderr as FILE:LINE:COLUMN: message, like a compiler's. */
static void print_problem(int is_error, const char *message, void *payload)
{
	(void)is_error;
	(void)payload;
	fprintf(stderr, "%s\n", message);
}

/* Returns 1 when the command must end now with *status (--help, an
 * error), else 0. */
static int parse_options(struct cli *cli, int argc, char **argv, st_import_options *o,
			 int *status)
{
	static const struct option opts[] = {
		{"dry-run", no_argument, NULL, O_DRY_RUN},
		{"update", no_argument, NULL, O_UPDATE},
		{"date-format", required_argument, NULL, O_DATE_FORMAT},
		{"date", required_argument, NULL, O_DATE},
		{0},
	};
	int c;
	while ((c = cli_getopt(cli, argc, argv, opts, status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return 1;
		if (c == O_DRY_RUN)
			o->dry_run = 1;
		else if (c == O_UPDATE)
			o->update = 1;
		else if (c == O_DATE && (*status = cli_date(cli, "--date", optarg, &o->date)))
			return 1;
		else if (c == O_DATE_FORMAT && strcmp(optarg, "dmy") == 0)
			o->date_order = ST_DATES_DMY;
		else if (c == O_DATE_FORMAT && strcmp(optarg, "ymd") == 0)
			o->date_order = ST_DATES_YMD;
		else if (c == O_DATE_FORMAT) {
			st_error_set(&cli->err, ST_EINVAL, "--date-format %.20s: must be dmy or ymd",
				     optarg);
			*status = cli_fail(cli, &cli->err);
			return 1;
		}
	}
	*status = cli_positionals(cli, argc, argv, 1, "FILE (or - for standard input)");
	return *status != 0;
}

static int run_pupils(struct cli *cli, int argc, char **argv)
{
	st_import_options o;
	st_import_options_init(&o);
	int status;
	if (parse_options(cli, argc, argv, &o, &status))
		return status;
	const char *path = argv[optind];
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		st_error_set(&cli->err, ST_ENODB, "%s: cannot open: %s", path, strerror(errno));
		return cli_fail(cli, &cli->err);
	}
	st_import_counts n;
	if ((status = cli_open(cli)) == 0) {
		int rc = st_import_pupils(cli->db, is_stdin ? "stdin" : path, f, &o, print_problem,
					  NULL, &n, &cli->err);
		if (o.dry_run || rc == ST_EINVAL)
			printf("%ld new, %ld updated, %ld unchanged, %ld errors\n", n.created, n.updated,
			       n.unchanged, n.errors);
		if (rc != ST_OK)
			status = cli_fail(cli, &cli->err);
		else if (!o.dry_run)
			cli_note("imported %s: %ld new, %ld updated, %ld unchanged", path, n.created,
				 n.updated, n.unchanged);
	}
	if (!is_stdin)
		fclose(f);
	return status;
}

static const struct cli_cmd import_cmds[] = {
	{"pupils", run_pupils, DB_WRITE,
	 "FILE|- [--dry-run] [--update] [--date-format dmy|ymd] [--date DATE]",
	 "import the pupil list from an MIS CSV export (all or nothing)"},
	{0},
};
const struct cli_group group_import = {"import", "the pupil list in from the school's MIS",
				       import_cmds};
