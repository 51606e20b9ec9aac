/* cmd_provision.c - `sentrack provision add|edit|end|remove|list`: the
 * provision map. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

enum { O_STAFF = 1, O_SESSIONS, O_MINUTES, O_GROUP, O_COST, O_START, O_END, O_DATE, O_PUPIL,
       O_ACTIVE, O_NAME, O_INCLUDE_VOID };

/* One option of the provision's details (add and edit) into *p; 0 or an
 * exit status. */
static int detail_opt(struct cli *cli, int c, st_provision *p)
{
	long n = 0;
	int status = 0;
	switch (c) {
	case O_NAME: p->name = optarg; break;
	case O_STAFF: p->staff_role = optarg; break;
	case O_SESSIONS:
		status = cli_long(cli, "--sessions", optarg, 1, 50, &n);
		p->sessions_per_week = (int)n;
		break;
	case O_MINUTES:
		status = cli_long(cli, "--minutes", optarg, 1, 600, &n);
		p->minutes = (int)n;
		break;
	case O_GROUP:
		status = cli_long(cli, "--group-size", optarg, 1, 60, &n);
		p->group_size = (int)n;
		break;
	case O_START: status = cli_date(cli, "--start", optarg, &p->start); break;
	case O_END: status = cli_date(cli, "--end", optarg, &p->end); break;
	case O_COST:
		if (st_money_parse("--hourly-cost", optarg, &p->hourly_cost_pence, &cli->err))
			status = cli_fail(cli, &cli->err);
		break;
	}
	return status;
}

#define DETAIL_OPTS \
	{"staff", required_argument, NULL, O_STAFF}, \
	{"sessions", required_argument, NULL, O_SESSIONS}, \
	{"minutes", required_argument, NULL, O_MINUTES}, \
	{"group-size", required_argument, NULL, O_GROUP}, \
	{"hourly-cost", required_argument, NULL, O_COST}, \
	{"start", required_argument, NULL, O_START}, \
	{"end", required_argument, NULL, O_END}

static int run_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {DETAIL_OPTS, {0}};
	st_provision p = {.start = ST_DATE_NONE, .end = ST_DATE_NONE, .hourly_cost_pence = -1};
	int c, status = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if ((status = detail_opt(cli, c, &p)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 2, "PUPIL NAME")))
		return status;
	const char *missing = !p.staff_role ? "--staff" : !p.sessions_per_week ? "--sessions"
			      : !p.minutes ? "--minutes" : !p.group_size ? "--group-size"
			      : p.hourly_cost_pence < 0 ? "--hourly-cost" : NULL;
	if (missing)
		return cli_usage_error(cli, "%s is required", missing);
	if ((status = cli_pupil(cli, argv[optind], &p.pupil_id)))
		return status;
	p.name = argv[optind + 1];
	if (p.start == ST_DATE_NONE)
		p.start = cli->today;
	int64_t id;
	if (st_provision_add(cli->db, &p, &id, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	printf("%lld\n", (long long)id);
	char w[ST_MONEY_BUFSZ];
	cli_note("added provision %lld (%s a week)", (long long)id,
		 st_money_format(st_provision_weekly_pence(p.sessions_per_week, p.minutes,
							   p.group_size, p.hourly_cost_pence), w));
	return EXIT_OK;
}

static int provision_id(struct cli *cli, char **argv, long *id)
{
	return cli_long(cli, "PROVISION_ID", argv[optind], 1, 999999999999L, id);
}

static int run_edit(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, O_NAME}, DETAIL_OPTS, {0},
	};
	st_provision p = {.start = ST_DATE_NONE, .end = ST_DATE_NONE, .hourly_cost_pence = -1};
	long id;
	int c, status = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if ((status = detail_opt(cli, c, &p)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PROVISION_ID")) ||
	    (status = provision_id(cli, argv, &id)) || (status = cli_open(cli)))
		return status;
	if (st_provision_edit(cli->db, id, &p, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("provision %ld updated (the change is in the audit log)", id);
	return EXIT_OK;
}

static int run_remove(struct cli *cli, int argc, char **argv)
{
	const char *reason;
	long id;
	/* provision that happened is ended, never removed: the flag says
	 * this row is the other case */
	int status;
	if (cli_entered_in_error(cli, argc, argv, "PROVISION_ID",
				 "provision that took place is ended (`sentrack provision end`), "
				 "not removed", 0, &reason, &status) ||
	    (status = provision_id(cli, argv, &id)) || (status = cli_open(cli)))
		return status;
	if (st_provision_void(cli->db, id, reason, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("provision %ld marked as entered in error: kept, left out of costs, lists and "
		 "reports (`provision list --include-void` shows it)", id);
	return EXIT_OK;
}

static int run_end(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"date", required_argument, NULL, O_DATE}, {0}};
	st_date date = ST_DATE_NONE;
	long id;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_DATE && (status = cli_date(cli, "--date", optarg, &date)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PROVISION_ID")) ||
	    (status = provision_id(cli, argv, &id)) || (status = cli_open(cli)))
		return status;
	if (st_provision_end(cli->db, id, date == ST_DATE_NONE ? cli->today : date, &cli->err))
		return cli_fail(cli, &cli->err);
	cli_note("provision %ld ended", id);
	return EXIT_OK;
}

/* Rows come grouped by pupil: a total line closes each pupil's group. */
struct listing {
	st_db *db;
	int count;
	int64_t pupil;
	char name[256];
	int64_t total;      /* annual cost of the pupil's provision active today */
	int64_t threshold;
	char status;        /* the pupil's register status */
};

static void close_group(struct listing *l)
{
	char m[ST_MONEY_BUFSZ], t[ST_MONEY_BUFSZ];
	if (!l->pupil)
		return;
	printf("        total a year for %s, active today: %s%s\n", l->name,
	       st_money_format(l->total, m),
	       l->total >= l->threshold ? "  AT OR ABOVE THRESHOLD " : "");
	if (st_provision_topup_advised(l->status, l->total, l->threshold))
		printf("        (sen-support-threshold %s: consider top-up funding or an EHC needs "
		       "assessment)\n", st_money_format(l->threshold, t));
}

static int list_row(const st_provision *p, void *payload)
{
	struct listing *l = payload;
	char h[ST_MONEY_BUFSZ], w[ST_MONEY_BUFSZ], a[ST_MONEY_BUFSZ], d1[ST_DATE_BUFSZ],
		d2[ST_DATE_BUFSZ];
	if (l->count++ == 0)
		printf("    ID  PROVISION              STAFF    PATTERN       £/HOUR   WEEKLY    "
		       "ANNUAL  START      END\n");
	if (p->pupil_id != l->pupil) {
		close_group(l);
		l->pupil = p->pupil_id;
		l->status = p->status;
		l->total = 0;
		st_display_name(p->preferred, p->forename, p->surname, l->name, sizeof l->name);
		printf("  pupil %lld %s (Y%s)\n", (long long)p->pupil_id, l->name, p->year);
	}
	st_date today = st_db_today(l->db);
	int is_void = p->voided_on != ST_DATE_NONE;
	if (!is_void && p->start <= today && (p->end == ST_DATE_NONE || p->end >= today))
		l->total += p->annual_pence;
	char pattern[32];
	snprintf(pattern, sizeof pattern, "%dx%dm 1:%d", p->sessions_per_week, p->minutes,
		 p->group_size);
	printf("%6lld  ", (long long)p->id);
	cli_cell(stdout, p->name, 22);
	printf(" %-8.8s %-12s %7s %8s %9s  %-10s %s\n", p->staff_role, pattern,
	       st_money_format(p->hourly_cost_pence, h), st_money_format(p->weekly_pence, w),
	       st_money_format(p->annual_pence, a), st_date_format(p->start, d1),
	       cli_date_or_dash(p->end, d2));
	if (is_void) /* a word, so that it survives copying and no-colour output */
		printf("        VOID: entered in error, marked %s (%s); not counted\n",
		       st_date_format(p->voided_on, d1), p->void_reason);
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"pupil", required_argument, NULL, O_PUPIL},
		{"active-on", required_argument, NULL, O_ACTIVE},
		{"include-void", no_argument, NULL, O_INCLUDE_VOID},
		{0},
	};
	const char *pupil_ref = NULL;
	int include_void = 0;
	st_date active = ST_DATE_NONE;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_PUPIL)
			pupil_ref = optarg;
		else if (c == O_INCLUDE_VOID)
			include_void = 1;
		else if (c == O_ACTIVE && (status = cli_date(cli, "--active-on", optarg, &active)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = cli_open(cli)))
		return status;
	struct listing l = {.db = cli->db};
	int64_t pupil = 0;
	if (pupil_ref && (status = cli_pupil(cli, pupil_ref, &pupil)))
		return status;
	if (st_config_pence(cli->db, "sen-support-threshold", &l.threshold, &cli->err) != ST_OK ||
	    (include_void ? st_provision_list_with_void : st_provision_list)(
		    cli->db, pupil, active, list_row, &l, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	close_group(&l);
	cli_note("%d provision%s", l.count, l.count == 1 ? "" : "s");
	return EXIT_OK;
}

static const struct cli_cmd provision_cmds[] = {
	{"add", run_add, DB_WRITE,
	 "PUPIL NAME --staff ROLE --sessions N --minutes N --group-size N --hourly-cost POUNDS "
	 "[--start DATE] [--end DATE]",
	 "add provision; costs are derived; prints its id"},
	{"edit", run_edit, DB_WRITE,
	 "PROVISION_ID [--name NAME] [--staff ROLE] [--sessions N] [--minutes N] [--group-size N] "
	 "[--hourly-cost POUNDS] [--start DATE] [--end DATE]",
	 "correct the details of provision (audited, old and new values)"},
	{"end", run_end, DB_WRITE, "PROVISION_ID [--date DATE]", "end provision on a date"},
	{"remove", run_remove, DB_WRITE, "PROVISION_ID --entered-in-error [--reason TEXT]",
	 "mark provision entered in error: kept and audited, no longer counted"},
	{"list", run_list, DB_READ, "[--pupil PUPIL] [--active-on DATE] [--include-void]",
	 "the provision map with weekly and annual costs, totals per pupil"},
	{0},
};
const struct cli_group group_provision = {"provision", "the provision map and its costs",
					  provision_cmds};
