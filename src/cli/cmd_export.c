/* cmd_export.c - `sentrack export reviews|register|outcomes|provision|
 * meetings|cycles|pupil`: CSV for spreadsheets, to stdout or atomically to
 * --output FILE. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

enum { O_OUTPUT = 1, O_BOM, O_DELIM, O_RAW, O_FROM, O_TO, O_WITHIN, O_YEAR, O_STATUS,
       O_INCLUDE_LEFT, O_ACTIVE_ON };

/* Options every export takes, then the export's own. */
#define CSV_OPTIONS \
	{"output", required_argument, NULL, O_OUTPUT}, {"bom", no_argument, NULL, O_BOM}, \
	{"delimiter", required_argument, NULL, O_DELIM}, {"raw", no_argument, NULL, O_RAW}

struct export_args {
	const char *output;
	st_csv_options csv;
	st_export_filter filter;
	long within;   /* -1: not given */
};

typedef int (*export_fn)(st_db *db, const st_export_filter *f, st_csv_writer *w,
			 st_error *err);

/* Handle option c; 0 or an exit status. */
static int export_option(struct cli *cli, int c, struct export_args *a)
{
	st_export_filter *f = &a->filter;
	switch (c) {
	case O_OUTPUT: a->output = optarg; return 0;
	case O_BOM: a->csv.flags |= ST_CSV_BOM; return 0;
	case O_RAW: a->csv.flags |= ST_CSV_RAW; return 0;
	case O_DELIM:
		if (st_csv_parse_delimiter("--delimiter", optarg, &a->csv.delimiter, &cli->err))
			return cli_fail(cli, &cli->err);
		return 0;
	case O_FROM: return cli_date(cli, "--from", optarg, &f->from);
	case O_TO: return cli_date(cli, "--to", optarg, &f->to);
	case O_ACTIVE_ON: return cli_date(cli, "--active-on", optarg, &f->active_on);
	case O_WITHIN: return cli_long(cli, "--within", optarg, 0, 3660, &a->within);
	case O_YEAR: f->year = cli_year(optarg); return 0;
	case O_INCLUDE_LEFT: f->include_left = 1; return 0;
	case O_STATUS:
		if (st_register_parse_status("--status", optarg, &f->status, &cli->err))
			return cli_fail(cli, &cli->err);
		return 0;
	}
	return 0;
}

/* Positionals and the options that exclude each other. */
static int check_args(struct cli *cli, int argc, char **argv, int positionals,
		      struct export_args *a)
{
	int status;
	if ((status = cli_positionals(cli, argc, argv, positionals, "PUPIL")))
		return status;
	if (a->within >= 0 && a->filter.to != ST_DATE_NONE)
		return cli_usage_error(cli, "give --to or --within, not both");
	if (a->within >= 0)
		a->filter.to = cli->today + (st_date)a->within;
	return 0;
}

/* Parse the command line into *a. Returns 1 when the command must end now
 * with *status (after --help, or an error), else 0. */
static int parse_args(struct cli *cli, int argc, char **argv, const struct option *opts,
		      int positionals, struct export_args *a, int *status)
{
	memset(a, 0, sizeof *a);
	st_export_filter_init(&a->filter);
	a->within = -1;
	int c;
	while ((c = cli_getopt(cli, argc, argv, opts, status)) != -1)
		if (c == CLI_OPT_EXIT || (*status = export_option(cli, c, a)))
			return 1;
	*status = check_args(cli, argc, argv, positionals, a);
	return *status != 0;
}

/* Write one export to the output (stdout or atomically to a file). */
static int write_export(struct cli *cli, const char *path, const st_csv_options *csv,
			int (*body)(struct cli *cli, st_csv_writer *w, const void *arg),
			const void *arg)
{
	st_output *out = NULL;
	st_csv_writer *w = NULL;
	if (st_output_open(&out, path, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	int rc = st_csv_writer_new(&w, st_output_file(out), csv, &cli->err);
	if (rc == ST_OK) {
		cli_progress_start(w, cli->cmd->name ? cli->cmd->name : "export");
		rc = body(cli, w, arg);
		cli_progress_end(w);
	}
	if (rc != ST_OK || st_csv_flush(w, &cli->err) != ST_OK) {
		st_csv_writer_free(w);
		st_output_abort(out);
		return cli_fail(cli, &cli->err);
	}
	long rows = st_csv_rows(w);
	st_csv_writer_free(w);
	if (st_output_commit(out, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (path && strcmp(path, "-") != 0)
		cli_note("wrote %ld row%s to %s", rows - 1, rows == 2 ? "" : "s", path);
	return EXIT_OK;
}

struct table_arg {
	export_fn fn;
	const st_export_filter *filter;
};

static int table_body(struct cli *cli, st_csv_writer *w, const void *arg)
{
	const struct table_arg *t = arg;
	return t->fn(cli->db, t->filter, w, &cli->err);
}

/* Refuse an output that is not ours to write (a FIFO someone reads) before
 * any personal data is read. */
static int check_output(struct cli *cli, const char *path)
{
	return st_output_check(path, &cli->err) == ST_OK ? 0 : cli_fail(cli, &cli->err);
}

static int run_table(struct cli *cli, int argc, char **argv, const struct option *opts,
		     export_fn fn)
{
	struct export_args a;
	int status;
	if (parse_args(cli, argc, argv, opts, 0, &a, &status) ||
	    (status = check_output(cli, a.output)) || (status = cli_open(cli)))
		return status;
	struct table_arg t = {fn, &a.filter};
	return write_export(cli, a.output, &a.csv, table_body, &t);
}

static int run_reviews(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CSV_OPTIONS, {"from", required_argument, NULL, O_FROM},
		{"to", required_argument, NULL, O_TO}, {"within", required_argument, NULL, O_WITHIN},
		{"year", required_argument, NULL, O_YEAR}, {0},
	};
	return run_table(cli, argc, argv, opts, st_export_reviews);
}

static int run_register(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CSV_OPTIONS, {"status", required_argument, NULL, O_STATUS},
		{"year", required_argument, NULL, O_YEAR},
		{"include-left", no_argument, NULL, O_INCLUDE_LEFT}, {0},
	};
	return run_table(cli, argc, argv, opts, st_export_register);
}

static const struct option dated_opts[] = {
	CSV_OPTIONS, {"from", required_argument, NULL, O_FROM},
	{"to", required_argument, NULL, O_TO}, {0},
};

static int run_outcomes(struct cli *cli, int argc, char **argv)
{
	return run_table(cli, argc, argv, dated_opts, st_export_outcomes);
}

static int run_meetings(struct cli *cli, int argc, char **argv)
{
	return run_table(cli, argc, argv, dated_opts, st_export_meetings);
}

static int run_cycles(struct cli *cli, int argc, char **argv)
{
	return run_table(cli, argc, argv, dated_opts, st_export_cycles);
}

/* The census export takes no filter: the census is every pupil at K or E. */
static int census_export(st_db *db, const st_export_filter *f, st_csv_writer *w, st_error *err)
{
	(void)f;
	return st_export_census(db, w, err);
}

static int run_census(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {CSV_OPTIONS, {0}};
	return run_table(cli, argc, argv, opts, census_export);
}

static int run_provision(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		CSV_OPTIONS, {"active-on", required_argument, NULL, O_ACTIVE_ON}, {0},
	};
	return run_table(cli, argc, argv, opts, st_export_provision);
}

/* --- one pupil ------------------------------------------------------------ */

struct pupil_arg {
	int64_t id;
	int section;   /* -1: the whole long-format export */
};

static int pupil_body(struct cli *cli, st_csv_writer *w, const void *arg)
{
	const struct pupil_arg *p = arg;
	if (p->section < 0)
		return st_export_pupil(cli->db, p->id, w, &cli->err);
	return st_export_pupil_section(cli->db, p->id, p->section, w, &cli->err);
}

static int is_dir_path(const char *path)
{
	struct stat sb;
	size_t n = path ? strlen(path) : 0;
	return n > 0 && (path[n - 1] == '/' || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)));
}

static void section_path(char *buf, size_t size, const char *dir, int section)
{
	size_t n = strlen(dir);
	snprintf(buf, size, "%s%s%s.csv", dir, dir[n - 1] == '/' ? "" : "/",
		 st_export_pupil_section_name(section));
}

/* Every file the subject access export will write may be written. */
static int check_pupil_outputs(struct cli *cli, const char *output)
{
	if (!is_dir_path(output))
		return check_output(cli, output);
	int status = 0;
	for (int i = 0; !status && i < st_export_pupil_sections(); i++) {
		char path[4096];
		section_path(path, sizeof path, output, i);
		status = check_output(cli, path);
	}
	return status;
}

/* One file per section in dir (created 0700 when missing). */
static int pupil_to_dir(struct cli *cli, const char *dir, const st_csv_options *csv,
			int64_t id)
{
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		st_error_set(&cli->err, ST_ECANTCREATE, "--output %s: cannot create the directory: %s",
			     dir, strerror(errno));
		return cli_fail(cli, &cli->err);
	}
	for (int i = 0; i < st_export_pupil_sections(); i++) {
		char path[4096];
		section_path(path, sizeof path, dir, i);
		struct pupil_arg p = {id, i};
		int status = write_export(cli, path, csv, pupil_body, &p);
		if (status)
			return status;
	}
	return EXIT_OK;
}

static int run_pupil(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {CSV_OPTIONS, {0}};
	struct export_args a;
	int status;
	int64_t id;
	if (parse_args(cli, argc, argv, opts, 1, &a, &status) ||
	    (status = check_pupil_outputs(cli, a.output)) ||
	    (status = cli_pupil(cli, argv[optind], &id)))
		return status;
	if (is_dir_path(a.output))
		return pupil_to_dir(cli, a.output, &a.csv, id);
	struct pupil_arg p = {id, -1};
	return write_export(cli, a.output, &a.csv, pupil_body, &p);
}

#define COMMON "[--output FILE] [--bom] [--delimiter C] [--raw]"

static const struct cli_cmd export_cmds[] = {
	{"reviews", run_reviews, DB_READ,
	 "[--from DATE] [--to DATE | --within DAYS] [--year Y] " COMMON,
	 "the review schedule: one row per open cycle, by review date"},
	{"register", run_register, DB_READ,
	 "[--status K|E|N] [--year Y] [--include-left] " COMMON,
	 "the SEN register with needs, dates and annual provision cost"},
	{"outcomes", run_outcomes, DB_READ, "[--from DATE] [--to DATE] " COMMON,
	 "outcomes set or rated in a period, with ratings"},
	{"provision", run_provision, DB_READ, "[--active-on DATE] " COMMON,
	 "the provision map with weekly and annual costs"},
	{"meetings", run_meetings, DB_READ, "[--from DATE] [--to DATE] " COMMON,
	 "meetings held in a period, with attendees"},
	{"cycles", run_cycles, DB_READ, "[--from DATE] [--to DATE] " COMMON,
	 "APDR cycles open in a period, with outcome ratings"},
	{"census", run_census, DB_READ, COMMON,
	 "the school census SEN return: one row per pupil at K or E (check first with "
	 "`census check`)"},
	{"pupil", run_pupil, DB_READ, "PUPIL [--output FILE|DIR/] [--bom] [--delimiter C] [--raw]",
	 "everything held about one pupil (subject access request)"},
	{"calendar", cli_run_export_calendar, DB_READ, "[--from DATE] [--to DATE] --output FILE",
	 "review dates, planned meetings and EHC deadlines as an iCalendar file (.ics)"},
	{0},
};
const struct cli_group group_export = {"export", "CSV for spreadsheets: schedules, register, "
					 "summaries, one pupil's data", export_cmds};
