/* cmd_ehcp.c - `sentrack ehcp schedule|done|review|amended`: EHC plan annual
 * reviews step by step (Code of Practice 9.166-9.179). */
#include <stdio.h>
#include "cli.h"

enum { O_DATE = 1, O_WITH, O_NOTES, O_EARLY, O_MEETING, O_STEP };

static int run_review(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{"with", required_argument, NULL, O_WITH},
		{"notes", required_argument, NULL, O_NOTES},
		{"early", no_argument, NULL, O_EARLY},
		{0},
	};
	st_date date = ST_DATE_NONE;
	unsigned with = 0;
	int early = 0;
	const char *notes = NULL;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_NOTES)
			notes = optarg;
		else if (c == O_EARLY)
			early = 1;
		else if (c == O_DATE && (status = cli_date(cli, "--date", optarg, &date)))
			return status;
		else if (c == O_WITH && st_who_parse("--with", optarg, &with, &cli->err) != ST_OK)
			return cli_fail(cli, &cli->err);
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	if (date == ST_DATE_NONE)
		return cli_usage_error(cli, "--date is required");
	int64_t pupil, id;
	if ((status = cli_pupil(cli, argv[optind], &pupil)))
		return status;
	if (st_ehcp_review_record(cli->db, pupil, date, with, notes, early, &id, &cli->err) !=
	    ST_OK)
		return cli_fail(cli, &cli->err);
	printf("%lld\n", (long long)id);
	/* a year on, or ehcp-under5-months for a child under 5: ehcp list says */
	cli_note("recorded the EHC plan annual review%s; `sentrack ehcp list` shows when the next "
		 "is due", early ? " (early)" : "");
	return EXIT_OK;
}

/* PUPIL and the one date option given (--meeting or --date), required. */
static int pupil_and(struct cli *cli, int argc, char **argv, const struct option *opts,
		     const char **step, st_date *date, int64_t *pupil)
{
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT) /* after --help: done */
			return status ? status : CLI_DONE;
		if (c == O_STEP)
			*step = optarg;
		else if ((c == O_DATE || c == O_MEETING) &&
			 (status = cli_date(cli, c == O_DATE ? "--date" : "--meeting", optarg, date)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	if (step && !*step)
		return cli_usage_error(cli, "--step is required");
	if (*date == ST_DATE_NONE)
		return cli_usage_error(cli, "--%s is required", opts[0].name);
	return cli_pupil(cli, argv[optind], pupil);
}

static int run_schedule(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"meeting", required_argument, NULL, O_MEETING}, {0}};
	st_date meeting = ST_DATE_NONE, moved, d;
	int64_t pupil, id;
	int status = pupil_and(cli, argc, argv, opts, NULL, &meeting, &pupil);
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if (st_ehcp_schedule(cli->db, pupil, meeting, &id, &moved, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	char m[ST_DATE_BUFSZ], b[ST_DATE_BUFSZ], r[ST_DATE_BUFSZ], l[ST_DATE_BUFSZ];
	printf("%lld\n", (long long)id);
	if (moved != ST_DATE_NONE)
		cli_note("moved the annual review meeting from %s", st_date_format(moved, m));
	st_date_add_days(meeting, -14, &d);
	st_date_format(d, b);
	st_date_add_days(meeting, 14, &d);
	st_date_format(d, r);
	st_date_add_days(meeting, 28, &d);
	cli_note("annual review meeting %s: invitations and advice requests by %s (Code 9.168), "
		 "the report to the local authority by %s and its decision by %s (Code 9.176)",
		 st_date_format(meeting, m), b, r, st_date_format(d, l));
	return EXIT_OK;
}

static int run_done(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{"step", required_argument, NULL, O_STEP},
		{0},
	};
	st_date date = ST_DATE_NONE;
	const char *step = NULL;
	int64_t pupil;
	int status = pupil_and(cli, argc, argv, opts, &step, &date, &pupil);
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if (st_ehcp_step_done(cli->db, pupil, step, date, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("recorded the annual review step %s", step);
	return EXIT_OK;
}

static int run_amended(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"date", required_argument, NULL, O_DATE}, {0}};
	st_date date = ST_DATE_NONE;
	int64_t pupil, id;
	int status = pupil_and(cli, argc, argv, opts, NULL, &date, &pupil);
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if (st_ehcp_amended(cli->db, pupil, date, &id, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	printf("%lld\n", (long long)id);
	cli_note("recorded the amended EHC plan");
	return EXIT_OK;
}

static int print_status(const st_ehcp_status *s, void *payload)
{
	int *count = payload;
	char d[4][ST_DATE_BUFSZ], name[ST_PUPIL_NAME_BUFSZ];
	const st_ehcp_schedule_row *r = &s->sched;
	if ((*count)++ == 0)
		printf(" PUPIL NAME                      YEAR PLAN       LAST REVIEW NEXT DUE   "
		       "MEETING    STEPS DONE\n");
	printf("%6lld ", (long long)s->pupil_id);
	cli_cell(stdout, st_display_name(s->preferred, s->forename, s->surname, name, sizeof name),
		 25);
	printf(" %-4s %s %-11s %-10s ", s->year, st_date_format(s->plan_date, d[0]),
	       cli_date_or_dash(s->last_review, d[1]), cli_date_or_dash(s->review_due, d[2]));
	printf("%-10s", cli_date_or_dash(r->id ? r->meeting : ST_DATE_NONE, d[3]));
	/* the steps recorded, in the order they happen */
	const struct { st_date on; const char *name; } steps[] = {
		{r->invite_on, "invite"}, {r->advice_on, "advice"},
		{r->review_id ? r->meeting : ST_DATE_NONE, "held"}, {r->report_on, "report"},
		{r->decision_on, "decision"}};
	int any = 0;
	for (size_t i = 0; r->id && i < sizeof steps / sizeof *steps; i++)
		if (steps[i].on != ST_DATE_NONE)
			printf("%s%s", any++ ? ", " : " ", steps[i].name);
	printf("%s\n", any ? "" : " -");
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 0, "");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if ((status = cli_open(cli)))
		return status;
	int count = 0;
	if (st_ehcp_list(cli->db, print_status, &count, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("%d pupil%s with an EHC plan", count, count == 1 ? "" : "s");
	return EXIT_OK;
}

static const struct cli_cmd ehcp_cmds[] = {
	{"schedule", run_schedule, DB_WRITE, "PUPIL --meeting DATE",
	 "schedule the annual review meeting (again: move it) and see its deadlines; prints its id"},
	{"done", run_done, DB_WRITE, "PUPIL --step invite|advice|report|decision --date DATE",
	 "record a step of the scheduled annual review (decision: the LA's, received)"},
	{"review", run_review, DB_WRITE,
	 "PUPIL --date DATE [--with WHO,...] [--notes TEXT] [--early]",
	 "record an EHC plan annual review (--early: brought forward, Code 9.174); prints its id"},
	{"list", run_list, DB_READ, "",
	 "pupils with an EHC plan: the last review, the next due, the scheduled meeting's steps"},
	{"amended", run_amended, DB_WRITE, "PUPIL --date DATE",
	 "record the amended EHC plan issued for a phase transfer (Code 9.179); prints its id"},
	{0},
};
const struct cli_group group_ehcp = {"ehcp", "EHC plan annual reviews and amended plans",
				     ehcp_cmds};
