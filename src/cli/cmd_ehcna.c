/* cmd_ehcna.c - `sentrack ehcna request|decide|outcome|list`: EHC needs
 * assessment requests followed to the local authority's decisions (Code of
 * Practice 9.14-9.17, 9.40; issue 12). */
#include <stdio.h>
#include "cli.h"

enum { O_BY = 1, O_DATE, O_INFORMED, O_ASSESS, O_PLAN };

/* PUPIL and a required --date, plus one required choice option (--by,
 * --assess, --plan: named in opts[0]) into *choice. */
static int parse(struct cli *cli, int argc, char **argv, const struct option *opts,
		 const char **choice, st_date *date, st_date *informed, int64_t *pupil)
{
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT) /* after --help: done */
			return status ? status : CLI_DONE;
		if (c == O_BY || c == O_ASSESS || c == O_PLAN)
			*choice = optarg;
		else if (c == O_DATE && (status = cli_date(cli, "--date", optarg, date)))
			return status;
		else if (c == O_INFORMED &&
			 (status = cli_date(cli, "--parents-informed", optarg, informed)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	if (!*choice)
		return cli_usage_error(cli, "--%s is required", opts[0].name);
	if (*date == ST_DATE_NONE)
		return cli_usage_error(cli, "--date is required");
	return cli_pupil(cli, argv[optind], pupil);
}

static int run_request(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"by", required_argument, NULL, O_BY},
		{"date", required_argument, NULL, O_DATE},
		{"parents-informed", required_argument, NULL, O_INFORMED},
		{0},
	};
	const char *by = NULL;
	st_date date = ST_DATE_NONE, informed = ST_DATE_NONE;
	int64_t pupil, id;
	int status = parse(cli, argc, argv, opts, &by, &date, &informed, &pupil);
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if (st_ehcna_request(cli->db, pupil, by, date, informed, &id, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	st_date decide, plan;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	st_date_add_days(date, ST_EHCNA_DECISION_DAYS, &decide);
	st_date_add_days(date, ST_EHCNA_PLAN_DAYS, &plan);
	printf("%lld\n", (long long)id);
	cli_note("recorded the EHC needs assessment request; the local authority decides whether "
		 "to assess by %s (6 weeks) and issues any plan by %s (20 weeks)",
		 st_date_format(decide, d1), st_date_format(plan, d2));
	return EXIT_OK;
}

static int run_decide(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"assess", required_argument, NULL, O_ASSESS},
		{"date", required_argument, NULL, O_DATE},
		{0},
	};
	const char *assess = NULL;
	st_date date = ST_DATE_NONE, unused = ST_DATE_NONE;
	int64_t pupil;
	int status = parse(cli, argc, argv, opts, &assess, &date, &unused, &pupil);
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if (st_ehcna_decide(cli->db, pupil, assess, date, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("recorded the local authority's decision %s", assess[0] == 'y'
		 ? "to assess; the final plan is due 20 weeks after the request"
		 : "not to assess; the request is closed");
	return EXIT_OK;
}

static int run_outcome(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"plan", required_argument, NULL, O_PLAN},
		{"date", required_argument, NULL, O_DATE},
		{0},
	};
	const char *plan = NULL;
	st_date date = ST_DATE_NONE, unused = ST_DATE_NONE;
	int64_t pupil;
	int status = parse(cli, argc, argv, opts, &plan, &date, &unused, &pupil);
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if (st_ehcna_outcome(cli->db, pupil, plan, date, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	char d[ST_DATE_BUFSZ];
	if (plan[0] == 'i')
		cli_note("recorded the EHC plan; the pupil is at E from %s and the first annual "
			 "review is due a year on", st_date_format(date, d));
	else
		cli_note("recorded the local authority's refusal to issue a plan; SEN support goes on");
	return EXIT_OK;
}

/* "yes 2026-01-10", or "due 2026-02-01" while waiting. */
static const char *state(const char *answer, st_date on, st_date due, char *buf, size_t size)
{
	char d[ST_DATE_BUFSZ];
	if (answer)
		snprintf(buf, size, "%s %s", answer, st_date_format(on, d));
	else
		snprintf(buf, size, "due %s", cli_date_or_dash(due, d));
	return buf;
}

static int print_request(const st_ehcna *r, void *payload)
{
	int *count = payload;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ], name[ST_PUPIL_NAME_BUFSZ], a[40], p[40];
	if ((*count)++ == 0)
		printf("    ID  PUPIL NAME                      REQUESTED  BY           "
		       "INFORMED   LA DECISION     FINAL PLAN\n");
	printf("%6lld  %5lld ", (long long)r->id, (long long)r->pupil_id);
	cli_cell(stdout, st_display_name(r->preferred, r->forename, r->surname, name, sizeof name),
		 25);
	int refused = r->assess && r->assess[0] == 'n';
	printf(" %s %-12s %-10s %-15s %s\n", st_date_format(r->requested, d1), r->requested_by,
	       cli_date_or_dash(r->parents_informed, d2),
	       state(r->assess, r->decided_on, r->decision_due, a, sizeof a),
	       refused ? "-" : state(r->plan, r->plan_on, r->plan_due, p, sizeof p));
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{0}};
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1)
		if (c == CLI_OPT_EXIT)
			return status;
	int64_t pupil = 0;
	if (optind < argc && (status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	if (optind < argc ? (status = cli_pupil(cli, argv[optind], &pupil))
			  : (status = cli_open(cli)))
		return status;
	int count = 0;
	if (st_ehcna_list(cli->db, pupil, print_request, &count, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("%d request%s", count, count == 1 ? "" : "s");
	return EXIT_OK;
}

static const struct cli_cmd ehcna_cmds[] = {
	{"request", run_request, DB_WRITE,
	 "PUPIL --by school|parent|young-person --date DATE [--parents-informed DATE]",
	 "record a request for an EHC needs assessment (Code 9.14; a school's needs "
	 "--parents-informed); prints its id"},
	{"decide", run_decide, DB_WRITE, "PUPIL --assess yes|no --date DATE",
	 "record the local authority's decision whether to assess (due in 6 weeks)"},
	{"outcome", run_outcome, DB_WRITE, "PUPIL --plan issued|refused --date DATE",
	 "record the local authority's final decision (due in 20 weeks, Code 9.40); issued "
	 "places the pupil at E"},
	{"list", run_list, DB_READ, "[PUPIL]",
	 "requests, oldest first, with the LA's decisions or their due dates"},
	{0},
};
const struct cli_group group_ehcna = {"ehcna", "EHC needs assessment requests and the local "
				      "authority's decisions", ehcna_cmds};
