/* cmd_register.c - `sentrack register add|inform|remove|correct|list|history`. */
#include <string.h>
#include "cli.h"

enum { O_STATUS = 1, O_DATE, O_INFORMED, O_PLAN, O_REASON, O_YEAR, O_FORMAT, O_CEASED, O_WHO };

/* Parse a date option into *out; 0 or exit status. */
static int date_opt(struct cli *cli, int c, st_register_change *r)
{
	switch (c) {
	case O_DATE: return cli_date(cli, "--date", optarg, &r->date);
	case O_INFORMED: return cli_date(cli, "--parents-informed", optarg, &r->parents_informed);
	case O_PLAN: return cli_date(cli, "--plan-date", optarg, &r->plan_date);
	case O_CEASED: return cli_date(cli, "--ceased-by-la", optarg, &r->ceased_by_la);
	case O_REASON: r->reason = optarg; return 0;
	}
	return 0;
}

/* Apply the change; prints the event id. */
static int apply(struct cli *cli, int argc, char **argv, st_register_change *r, int64_t *id)
{
	int status = cli_positionals(cli, argc, argv, 1, "PUPIL");
	int64_t event;
	if (status || (status = cli_pupil(cli, argv[optind], id)))
		return status;
	if (r->date == ST_DATE_NONE)
		r->date = cli->today;
	if (st_register_apply(cli->db, *id, r, &event, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	printf("%lld\n", (long long)event);
	return EXIT_OK;
}

#define CHANGE_INIT {0, ST_DATE_NONE, ST_DATE_NONE, ST_DATE_NONE, ST_DATE_NONE, NULL, "command"}

static int run_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"status", required_argument, NULL, O_STATUS},
		{"date", required_argument, NULL, O_DATE},
		{"parents-informed", required_argument, NULL, O_INFORMED},
		{"plan-date", required_argument, NULL, O_PLAN},
		{"ceased-by-la", required_argument, NULL, O_CEASED},
		{"reason", required_argument, NULL, O_REASON},
		{"informed", required_argument, NULL, O_WHO},
		{0},
	};
	st_register_change r = CHANGE_INIT;
	const char *who = NULL;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_WHO) {
			if (st_register_parse_informed("--informed", optarg, &who, &cli->err))
				return cli_fail(cli, &cli->err);
		} else if (c == O_STATUS) {
			if (st_register_parse_status("--status", optarg, &r.status, &cli->err))
				return cli_fail(cli, &cli->err);
			if (r.status == 'N') {
				st_error_set(&cli->err, ST_EINVAL, "--status N: register add takes K or "
					     "E (use `register remove` for N)");
				return cli_fail(cli, &cli->err);
			}
		} else if ((status = date_opt(cli, c, &r))) {
			return status;
		}
	}
	if (!r.status)
		return cli_usage_error(cli, "--status is required (K or E)");
	if (who && r.parents_informed == ST_DATE_NONE)
		return cli_usage_error(cli, "--informed needs --parents-informed DATE");
	int64_t id;
	if ((status = apply(cli, argc, argv, &r, &id)))
		return status;
	if (who && st_register_set_informed_who(cli->db, id, who, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("pupil %lld placed at %c%s", (long long)id, r.status,
		 r.parents_informed == ST_DATE_NONE ? "; record when parents are informed with "
						      "`sentrack register inform`" : "");
	return EXIT_OK;
}

static int run_inform(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{"informed", required_argument, NULL, O_WHO},
		{0},
	};
	st_date date = cli->today;
	const char *who = NULL;
	int64_t id;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_DATE && (status = cli_date(cli, "--date", optarg, &date)))
			return status;
		if (c == O_WHO && st_register_parse_informed("--informed", optarg, &who, &cli->err))
			return cli_fail(cli, &cli->err);
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")) ||
	    (status = cli_pupil(cli, argv[optind], &id)))
		return status;
	if (st_register_inform(cli->db, id, date, &cli->err) != ST_OK ||
	    (who && st_register_set_informed_who(cli->db, id, who, &cli->err) != ST_OK))
		return cli_fail(cli, &cli->err);
	cli_note("recorded that pupil %lld's %s informed", (long long)id,
		 who && strcmp(who, "young-person") == 0 ? "young person (the pupil) was"
							  : "parents were");
	return EXIT_OK;
}

static int run_remove(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{"reason", required_argument, NULL, O_REASON},
		{"ceased-by-la", required_argument, NULL, O_CEASED},
		{0},
	};
	st_register_change r = CHANGE_INIT;
	r.status = 'N';
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if ((status = date_opt(cli, c, &r)))
			return status;
	}
	int64_t id;
	if ((status = apply(cli, argc, argv, &r, &id)))
		return status;
	cli_note("pupil %lld moved to N (monitoring); current needs ended (kept in the history)",
		 (long long)id);
	return EXIT_OK;
}

static int print_row(const st_pupil *p, void *payload)
{
	int *count = payload;
	char name[256], since[ST_DATE_BUFSZ], inf[ST_DATE_BUFSZ], needs[40];
	if ((*count)++ == 0)
		printf("    ID  NAME                       YEAR ST SINCE      INFORMED   NEEDS\n");
	snprintf(needs, sizeof needs, "%s%s%s", p->primary_need ? p->primary_need : "-",
		 p->secondary_need ? "," : "", p->secondary_need ? p->secondary_need : "");
	printf("%6lld  ", (long long)p->id);
	cli_cell(stdout, st_pupil_display_name(p, name, sizeof name), 26);
	fputs(" ", stdout);
	cli_cell(stdout, p->year, 4);
	printf(" %c  %s %s %s\n", p->status, st_date_format(p->status_since, since),
	       p->status == 'N' ? "-         "
	       : p->parents_informed == ST_DATE_NONE ? "MISSING   "
						     : st_date_format(p->parents_informed, inf),
	       needs);
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"status", required_argument, NULL, O_STATUS},
		{"year", required_argument, NULL, O_YEAR},
		{"format", required_argument, NULL, O_FORMAT},
		{0},
	};
	st_pupil_filter f = {.register_only = 1};
	int c, status;
	st_format format = ST_FORMAT_TEXT;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_FORMAT && (status = cli_format(cli, optarg, ST_FORMAT_TEXT | ST_FORMAT_JSON, &format))) {
			return status;
		} else if (c == O_YEAR) {
			f.year = cli_year(optarg);
		} else if (c == O_STATUS) {
			if (st_register_parse_status("--status", optarg, &f.status, &cli->err))
				return cli_fail(cli, &cli->err);
			f.register_only = 0;
		}
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = cli_open(cli)))
		return status;
	if (f.year && st_year_validate(cli->db, "--year", f.year, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (format == ST_FORMAT_JSON)
		return cli_json_pupils(cli, &f);
	int count = 0;
	if (st_pupil_list(cli->db, &f, print_row, &count, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("%d pupil%s on the register%s", count, count == 1 ? "" : "s",
		 f.status ? " with that status" : " (K and E)");
	return EXIT_OK;
}

/* An entry made in error stays in the history, struck through on a
 * colour terminal and marked VOID in words everywhere. */
static int print_event(const st_register_event *e, void *payload)
{
	int *count = payload;
	int is_void = e->voided_on != ST_DATE_NONE;
	char d[ST_DATE_BUFSZ], inf[ST_DATE_BUFSZ], plan[ST_DATE_BUFSZ];
	if ((*count)++ == 0)
		printf(" EVENT DATE       ST INFORMED   PLAN DATE  SOURCE   ENTERED              BY"
		       "\n");
	printf("%6lld ", (long long)e->id);
	if (is_void)
		cli_strike(1);
	printf("%s %c  %s %s ", st_date_format(e->date, d), e->status,
	       cli_date_or_dash(e->parents_informed, inf), cli_date_or_dash(e->plan_date, plan));
	if (e->parents_informed == ST_DATE_NONE)
		fputs("         ", stdout);
	if (e->plan_date == ST_DATE_NONE)
		fputs("         ", stdout);
	cli_cell(stdout, e->source, 8);
	printf(" %s %s", e->entered_at, e->entered_by);
	if (is_void)
		cli_strike(0);
	printf("\n");
	if (e->informed_who && strcmp(e->informed_who, "young-person") == 0)
		printf("           informed: the young person (the pupil)\n");
	if (is_void)
		printf("           VOID: entered in error (marked %s): %s\n",
		       st_date_format(e->voided_on, d), e->void_reason);
	if (e->ceased_by_la != ST_DATE_NONE)
		printf("           EHC plan ceased by the local authority on %s\n",
		       st_date_format(e->ceased_by_la, d));
	if (e->reason)
		printf("           reason: %s\n", e->reason);
	return 0;
}

static int run_correct(struct cli *cli, int argc, char **argv)
{
	const char *reason;
	long id;
	/* a change that happened is recorded by a new entry (register add or
	 * remove); correct is only for an entry that never should have been */
	int status;
	if (cli_entered_in_error(cli, argc, argv, "EVENT",
				 "a change that really happened is recorded with `register add` or "
				 "`register remove`", 1, &reason, &status) ||
	    (status = cli_long(cli, "EVENT", argv[optind], 1, 999999999999L, &id)) ||
	    (status = cli_open(cli)))
		return status;
	if (st_register_void(cli->db, id, reason, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("register entry %ld marked as entered in error: kept in the history as VOID, "
		 "and the status is what the other entries say", id);
	return EXIT_OK;
}

static int run_history(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 1, "PUPIL");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	int64_t id;
	if ((status = cli_pupil(cli, argv[optind], &id)))
		return status;
	int count = 0;
	if (st_register_history(cli->db, id, print_event, &count, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (count == 0)
		cli_note("pupil %lld has never been on the SEN register", (long long)id);
	return EXIT_OK;
}

static const struct cli_cmd register_cmds[] = {
	{"add", run_add, DB_WRITE,
	 "PUPIL --status K|E [--date DATE] [--parents-informed DATE] "
	 "[--informed parent|young-person] [--plan-date DATE] [--ceased-by-la DATE] [--reason TEXT]",
	 "place a pupil on the SEN register (E needs --plan-date; E to K needs --ceased-by-la); "
	 "prints the event id"},
	{"inform", run_inform, DB_WRITE, "PUPIL [--date DATE] [--informed parent|young-person]",
	 "record that parents were informed of the placement (Code 6.43)"},
	{"remove", run_remove, DB_WRITE, "PUPIL [--date DATE] [--reason TEXT] [--ceased-by-la DATE]",
	 "move a pupil to N (no SEN, monitoring; from E needs --ceased-by-la); prints the event id"},
	{"correct", run_correct, DB_WRITE, "EVENT --entered-in-error --reason TEXT",
	 "mark a register entry made in error as void (kept in the history); the status is "
	 "recomputed from the other entries"},
	{"list", run_list, DB_READ, "[--status K|E|N] [--year Y] [--format text|json]",
	 "the SEN register (K and E unless --status)"},
	{"history", run_history, DB_READ, "PUPIL",
	 "every register change of one pupil, with its EVENT id; entries in error marked VOID"},
	{0},
};
const struct cli_group group_register = {"register", "the SEN register and its dated history",
					 register_cmds};
