/* cmd_import.c - `sentrack import pupils FILE|-`: the pupil list from the
 * school's MIS, all or nothing. */
#include <errno.h>
#include <string.h>
#include "cli.h"

enum { O_DRY_RUN = 1, O_UPDATE, O_SEN_FROM_FILE, O_DATE_FORMAT, O_DATE, O_ALLOW_DUPLICATE,
       O_INFORMED_BEFORE };

/* Problems and disagreements go to stderr as FILE:LINE:COLUMN: message,
 * like a compiler's; a dry run lists its changes and the disagreements on
 * stdout, before its summary. */
static void print_report(int kind, const char *message, void *payload)
{
	const st_import_options *o = payload;
	if (kind != ST_IMPORT_CHANGE)
		fprintf(stderr, "%s\n", message);
	if (kind == ST_IMPORT_CHANGE ||
	    ((kind == ST_IMPORT_DISAGREEMENT || kind == ST_IMPORT_IGNORED) && o->dry_run))
		printf("%s\n", message);
}

/* Returns 1 when the command must end now with *status (--help, an
 * error), else 0. */
static int parse_options(struct cli *cli, int argc, char **argv, st_import_options *o,
			 int *status)
{
	static const struct option opts[] = {
		{"dry-run", no_argument, NULL, O_DRY_RUN},
		{"update", no_argument, NULL, O_UPDATE},
		{"sen-from-file", no_argument, NULL, O_SEN_FROM_FILE},
		{"date-format", required_argument, NULL, O_DATE_FORMAT},
		{"date", required_argument, NULL, O_DATE},
		{"allow-duplicate", no_argument, NULL, O_ALLOW_DUPLICATE},
		{"parents-informed-before", required_argument, NULL, O_INFORMED_BEFORE},
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
		else if (c == O_SEN_FROM_FILE)
			o->sen_from_file = 1;
		else if (c == O_DATE && (*status = cli_date(cli, "--date", optarg, &o->date)))
			return 1;
		else if (c == O_ALLOW_DUPLICATE)
			o->allow_duplicate = 1;
		else if (c == O_INFORMED_BEFORE &&
			 (*status = cli_date(cli, "--parents-informed-before", optarg,
					     &o->parents_informed_before)))
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
	if (o->sen_from_file && !o->update) {
		*status = cli_usage_error(cli, "--sen-from-file: only with --update");
		return 1;
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
	cli->dry_run = o.dry_run; /* a dry run reads only: no write lock */
	if ((status = cli_open(cli)) == 0) {
		void *progress = cli_import_progress_start(&o, f);
		int rc = st_import_pupils(cli->db, is_stdin ? "stdin" : path, f, &o, print_report,
					  &o, &n, &cli->err);
		cli_import_progress_end(progress);
		char more[96] = "";
		if (n.skipped || n.disagreements)
			snprintf(more, sizeof more, ", %ld leavers skipped, %ld SEN disagreements",
				 n.skipped, n.disagreements);
		if (o.dry_run || rc == ST_EINVAL)
			printf("%ld new, %ld updated, %ld unchanged, %ld errors%s\n", n.created,
			       n.updated, n.unchanged, n.errors, more);
		if (rc != ST_OK)
			status = cli_fail(cli, &cli->err);
		else if (!o.dry_run)
			cli_note("imported %s: %ld new, %ld updated, %ld unchanged%s", path, n.created,
				 n.updated, n.unchanged, more);
	}
	if (!is_stdin)
		fclose(f);
	return status;
}

static const struct cli_cmd import_cmds[] = {
	{"pupils", run_pupils, DB_WRITE,
	 "FILE|- [--dry-run] [--update [--sen-from-file]] [--date-format dmy|ymd] [--date DATE] "
	 "[--allow-duplicate] [--parents-informed-before DATE]",
	 "import the pupil list from an MIS CSV export (all or nothing)"},
	{0},
};
const struct cli_group group_import = {"import", "the pupil list in from the school's MIS",
				       import_cmds};
