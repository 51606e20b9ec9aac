/* cmd_check.c - `sentrack check`: what the Code of Practice says is due or
 * overdue, for people and for scripts. Exit 0 nothing found, 1 only due or
 * attention findings, 2 at least one overdue. Opens the database read-only. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

enum { O_RULE = 1, O_SEVERITY, O_YEAR, O_PUPIL, O_FORMAT, O_QUIET };

/* Each finding ends with its source: the Code paragraph or DfE guidance,
 * and the setting that is school policy when there is one. */
static void print_text(const st_finding *f, size_t n)
{
	char d[ST_DATE_BUFSZ], name[ST_PUPIL_NAME_BUFSZ];
	for (size_t i = 0; i < n; i++) {
		const char *policy = st_rule_policy(f[i].rule);
		char who[ST_PUPIL_NAME_BUFSZ + 40] = "school";
		if (f[i].pupil_id) /* 0: a finding about the school (terms-not-set) */
			snprintf(who, sizeof who, "#%lld %s (Y%s)", (long long)f[i].pupil_id,
				 st_display_name(f[i].preferred, f[i].forename, f[i].surname, name,
						 sizeof name), f[i].year);
		cli_coloured(stdout, st_severity_name(f[i].severity), 0);
		printf("  %s  %s  %s  %s  [%s%s%s]\n", st_rule_id(f[i].rule),
		       st_date_format(f[i].date, d), who, f[i].detail, st_rule_code_ref(f[i].rule),
		       policy ? "; school policy (configurable): " : "", policy ? policy : "");
	}
}

static int print_csv(struct cli *cli, const st_finding *f, size_t n)
{
	static const char *const header[] = {"severity", "rule", "date", "pupil_id", "upn",
					     "surname", "forename", "year", "detail"};
	st_csv_writer *w;
	if (st_csv_writer_new(&w, stdout, NULL, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	int rc = st_csv_header(w, header, 9, &cli->err);
	for (size_t i = 0; rc == ST_OK && i < n; i++) {
		if ((rc = st_csv_typed(w, st_severity_name(f[i].severity), &cli->err)) ||
		    (rc = st_csv_typed(w, st_rule_id(f[i].rule), &cli->err)) ||
		    (rc = st_csv_date(w, f[i].date, &cli->err)) ||
		    (rc = st_csv_int(w, f[i].pupil_id, &cli->err)) ||
		    (rc = st_csv_typed(w, f[i].upn, &cli->err)) ||
		    (rc = st_csv_text(w, f[i].surname, &cli->err)) ||
		    (rc = st_csv_text(w, f[i].forename, &cli->err)) ||
		    (rc = st_csv_typed(w, f[i].year, &cli->err)) ||
		    (rc = st_csv_text(w, f[i].detail, &cli->err)))
			break;
		rc = st_csv_end_row(w, &cli->err);
	}
	if (rc == ST_OK)
		rc = st_csv_flush(w, &cli->err);
	st_csv_writer_free(w);
	return rc == ST_OK ? 0 : cli_fail(cli, &cli->err);
}

static int print_json(struct cli *cli, const st_finding *f, size_t n)
{
	st_json *j;
	if (st_json_new(&j, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	int rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < n; i++)
		rc = cli_json_finding(j, &f[i], &cli->err);
	return cli_json_finish(cli, j, rc, 0);
}

static int run_check(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"rule", required_argument, NULL, O_RULE},
		{"severity", required_argument, NULL, O_SEVERITY},
		{"year", required_argument, NULL, O_YEAR},
		{"pupil", required_argument, NULL, O_PUPIL},
		{"format", required_argument, NULL, O_FORMAT},
		{"quiet", no_argument, NULL, O_QUIET},
		{0},
	};
	st_check_filter f = {0, -1, NULL, 0};
	const char *pupil = NULL;
	int csv = 0, json = 0, quiet = 0, c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		int bad = 0;
		switch (c) {
		case CLI_OPT_EXIT: return status;
		case O_RULE: bad = st_rule_parse("--rule", optarg, &f.rules, &cli->err); break;
		case O_SEVERITY: bad = st_severity_parse("--severity", optarg, &f.severity, &cli->err); break;
		case O_YEAR: f.year = cli_year(optarg); break;
		case O_PUPIL: pupil = optarg; break;
		case O_QUIET: quiet = 1; break;
		case O_FORMAT:
			if (strcmp(optarg, "text") != 0 && strcmp(optarg, "csv") != 0 &&
			    strcmp(optarg, "json") != 0)
				return cli_fail(cli, (st_error_set(&cli->err, ST_EINVAL,
								   "--format %.20s: must be text, csv "
								   "or json", optarg), &cli->err));
			csv = strcmp(optarg, "csv") == 0;
			json = strcmp(optarg, "json") == 0;
			break;
		}
		if (bad)
			return cli_fail(cli, &cli->err);
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = cli_open(cli)))
		return status;
	if (f.year && st_year_validate(cli->db, "--year", f.year, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (pupil && (status = cli_pupil(cli, pupil, &f.pupil_id)))
		return status;
	st_finding *found;
	size_t n;
	if (st_check_run(cli->db, &f, &found, &n, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	size_t by[3] = {0, 0, 0};
	for (size_t i = 0; i < n; i++)
		by[found[i].severity]++;
	if (!quiet && json) /* scripts get an array, [] when nothing is found */
		status = print_json(cli, found, n);
	if (!quiet && n > 0 && !json) {
		if (csv)
			status = print_csv(cli, found, n);
		else
			print_text(found, n);
		if (!status)
			cli_note("check: %zu overdue, %zu due, %zu for attention", by[0], by[1], by[2]);
	}
	st_check_free(found, n);
	if (status)
		return status;
	return by[0] ? 2 : n ? 1 : EXIT_OK;
}

static const struct cli_cmd check_cmds[] = {
	{NULL, run_check, DB_READ,
	 "[--rule ID[,ID...]] [--severity overdue|due|attention] [--year Y] [--pupil PUPIL] "
	 "[--format text|csv|json] [--quiet]",
	 "report what is due or overdue; exit 0 nothing, 1 due or attention, 2 overdue"},
	{0},
};
const struct cli_group group_check = {"check", "what is due or overdue (for cron)", check_cmds};
