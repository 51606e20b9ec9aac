/* cmd_check.c - `sentrack check`: what the Code of Practice says is due or
 * overdue, for people and for scripts. Exit 0 nothing found, 1 only due or
 * attention findings, 2 at least one overdue. Opens the database read-only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { O_RULE = 1, O_SEVERITY, O_YEAR, O_PUPIL, O_FORMAT, O_QUIET, O_ALL_SCHOOLS };

/* Findings are printed as the library passes them, in order, so no copy
 * of the whole list is held here. */
struct printer {
	struct cli *cli;
	int format;            /* 't' text, 'c' csv, 'j' json */
	st_csv_writer *csv;
	st_json *json;
	int colour;            /* asked once: a terminal, NO_COLOR unset */
	const char *school;    /* --all-schools: the URN of the school being checked */
	size_t by[3];
};

/* Each finding ends with its source: the Code paragraph or DfE guidance,
 * and the setting that is school policy when there is one. */
static int print_text(const struct printer *p, const st_finding *f)
{
	char d[ST_DATE_BUFSZ], name[ST_PUPIL_NAME_BUFSZ];
	const char *policy = st_rule_policy(f->rule);
	char who[ST_PUPIL_NAME_BUFSZ + 40] = "school";
	if (f->pupil_id) /* 0: a finding about the school (terms-not-set) */
		snprintf(who, sizeof who, "#%lld %s (Y%s)", (long long)f->pupil_id,
			 st_display_name(f->preferred, f->forename, f->surname, name, sizeof name),
			 f->year);
	if (p->school)
		printf("%s  ", p->school);
	if (p->colour)
		cli_coloured(stdout, st_severity_name(f->severity), 0);
	else
		fputs(st_severity_name(f->severity), stdout);
	printf("  %s  %s  %s  %s  [%s%s%s]\n", st_rule_id(f->rule), st_date_format(f->date, d),
	       who, f->detail, st_rule_code_ref(f->rule),
	       policy ? "; school policy (configurable): " : "", policy ? policy : "");
	return 0;
}

static int print_csv(struct printer *p, const st_finding *f)
{
	/* --all-schools: the school's URN first */
	static const char *const header[] = {"school", "severity", "rule", "date", "pupil_id",
					     "upn", "surname", "forename", "year", "detail"};
	const int all = p->school != NULL;
	st_error *err = &p->cli->err;
	int rc = ST_OK;
	if (!p->csv && ((rc = st_csv_writer_new(&p->csv, stdout, NULL, err)) ||
			(rc = st_csv_header(p->csv, header + !all, 10 - !all, err))))
		return rc;
	if ((all && (rc = st_csv_typed(p->csv, p->school, err))) ||
	    (rc = st_csv_typed(p->csv, st_severity_name(f->severity), err)) ||
	    (rc = st_csv_typed(p->csv, st_rule_id(f->rule), err)) ||
	    (rc = st_csv_date(p->csv, f->date, err)) ||
	    (rc = st_csv_int(p->csv, f->pupil_id, err)) ||
	    (rc = st_csv_typed(p->csv, f->upn, err)) ||
	    (rc = st_csv_text(p->csv, f->surname, err)) ||
	    (rc = st_csv_text(p->csv, f->forename, err)) ||
	    (rc = st_csv_typed(p->csv, f->year, err)) ||
	    (rc = st_csv_text(p->csv, f->detail, err)))
		return rc;
	return st_csv_end_row(p->csv, err);
}

static int print_finding(const st_finding *f, void *payload)
{
	struct printer *p = payload;
	p->by[f->severity]++;
	switch (p->format) {
	case 'c': return print_csv(p, f);
	case 'j':
		if (p->school && st_json_text(p->json, "school", p->school, &p->cli->err) != ST_OK)
			return p->cli->err.code;
		return cli_json_finding(p->json, f, &p->cli->err);
	default: return print_text(p, f);
	}
}

/* --all-schools: the URNs of the schools the role reads, in order. */
struct schools {
	char (*urn)[8];
	size_t n, cap;
};

static int add_school(const char *urn, const char *name, void *payload)
{
	struct schools *l = payload;
	(void)name;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		char (*grown)[8] = realloc(l->urn, cap * sizeof *grown);
		if (!grown)
			return ST_EINTERNAL; /* out of memory */
		l->urn = grown;
		l->cap = cap;
	}
	snprintf(l->urn[l->n++], sizeof *l->urn, "%s", urn);
	return 0;
}

/* One school's findings (school: its URN under --all-schools, else NULL);
 * with --quiet only the worst severity, into *worst. */
static int check_school(struct cli *cli, const st_check_filter *f, struct printer *p,
			const char *school, int *worst)
{
	if (school && st_db_set_school(cli->db, school, &cli->err) != ST_OK)
		return cli->err.code;
	p->school = school;
	if (!worst)
		return st_check_each(cli->db, f, print_finding, p, &cli->err);
	int w;
	int rc = st_check_worst(cli->db, f, &w, &cli->err);
	if (rc == ST_OK && w >= 0 && (*worst < 0 || w < *worst))
		*worst = w; /* severities count down: overdue is 0 */
	return rc;
}

/* Every school the role reads (all), or the one the command is on. */
static int check_schools(struct cli *cli, const st_check_filter *f, struct printer *p, int all,
			 int *worst)
{
	if (!all)
		return check_school(cli, f, p, NULL, worst);
	struct schools l = {NULL, 0, 0};
	int rc = st_db_schools(cli->db, add_school, &l, &cli->err);
	for (size_t i = 0; rc == ST_OK && i < l.n; i++)
		rc = check_school(cli, f, p, l.urn[i], worst);
	free(l.urn);
	return rc;
}

/* Print every finding (or, with --quiet, find only the worst severity)
 * and say how many; the exit status: 2 overdue, 1 due or attention. */
static int report(struct cli *cli, const st_check_filter *f, int format, int quiet, int all)
{
	struct printer p = {cli, format, NULL, NULL, format == 't' && cli_colour_wanted(), NULL,
			    {0, 0, 0}};
	if (quiet) {
		int worst = -1;
		if (check_schools(cli, f, &p, all, &worst) != ST_OK)
			return cli_fail(cli, &cli->err);
		return worst == ST_SEVERITY_OVERDUE ? 2 : worst >= 0 ? 1 : EXIT_OK;
	}
	if (format == 'j' && st_json_new(&p.json, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	int rc = check_schools(cli, f, &p, all, NULL);
	if (p.csv) {
		if (rc == ST_OK)
			rc = st_csv_flush(p.csv, &cli->err);
		st_csv_writer_free(p.csv);
	}
	size_t n = p.by[0] + p.by[1] + p.by[2];
	int status = 0;
	if (format == 'j') /* scripts get an array, [] when nothing is found */
		status = cli_json_finish(cli, p.json, rc, 0);
	else if (rc != ST_OK)
		status = cli_fail(cli, &cli->err);
	if (status)
		return status;
	if (n > 0 && format != 'j')
		cli_note("check: %zu overdue, %zu due, %zu for attention", p.by[0], p.by[1], p.by[2]);
	return p.by[0] ? 2 : n ? 1 : EXIT_OK;
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
		{"all-schools", no_argument, NULL, O_ALL_SCHOOLS},
		{0},
	};
	st_check_filter f = {0, -1, NULL, 0};
	const char *pupil = NULL;
	int csv = 0, json = 0, quiet = 0, all = 0, c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		int bad = 0;
		switch (c) {
		case CLI_OPT_EXIT: return status;
		case O_RULE: bad = st_rule_parse("--rule", optarg, &f.rules, &cli->err); break;
		case O_SEVERITY: bad = st_severity_parse("--severity", optarg, &f.severity, &cli->err); break;
		case O_YEAR: f.year = cli_year(optarg); break;
		case O_PUPIL: pupil = optarg; break;
		case O_QUIET: quiet = 1; break;
		case O_ALL_SCHOOLS: all = 1; break;
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
	if ((status = cli_positionals(cli, argc, argv, 0, "")))
		return status;
	if (all && (cli->school || pupil))
		return cli_usage_error(cli, "--all-schools: checks every school; drop %s",
				       cli->school ? "--school" : "--pupil (a pupil is in one school)");
	if ((status = cli_open(cli)))
		return status;
	if (f.year && st_year_validate(cli->db, "--year", f.year, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (pupil && (status = cli_pupil(cli, pupil, &f.pupil_id)))
		return status;
	return report(cli, &f, json ? 'j' : csv ? 'c' : 't', quiet, all);
}

static const struct cli_cmd check_cmds[] = {
	{NULL, run_check, DB_READ,
	 "[--rule ID[,ID...]] [--severity overdue|due|attention] [--year Y] [--pupil PUPIL] "
	 "[--format text|csv|json] [--quiet] [--all-schools]",
	 "report what is due or overdue; exit 0 nothing, 1 due or attention, 2 overdue"},
	{0},
};
const struct cli_group group_check = {"check", "what is due or overdue (for cron)", check_cmds};
