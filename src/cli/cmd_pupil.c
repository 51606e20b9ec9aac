/* cmd_pupil.c - `sentrack pupil add|list|show|edit|leave`. */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { O_FORMAT = 100, O_SURNAME = 1, O_FORENAME, O_DOB, O_YEAR, O_UPN, O_CLASS, O_PREFERRED, O_JOINED,
       O_STATUS, O_INCLUDE_LEFT, O_DATE, O_TOP_UP, O_ALLOW_DUPLICATE };

static const struct option field_opts[] = {
	{"surname", required_argument, NULL, O_SURNAME},
	{"forename", required_argument, NULL, O_FORENAME},
	{"dob", required_argument, NULL, O_DOB},
	{"year", required_argument, NULL, O_YEAR},
	{"upn", required_argument, NULL, O_UPN},
	{"class", required_argument, NULL, O_CLASS},
	{"preferred", required_argument, NULL, O_PREFERRED},
	{"joined", required_argument, NULL, O_JOINED},
	{"top-up", required_argument, NULL, O_TOP_UP},
	{"allow-duplicate", no_argument, NULL, O_ALLOW_DUPLICATE},
	{0},
};

/* Parse the field options of add/edit; 0, or an exit status. */
static int parse_fields(struct cli *cli, int argc, char **argv, st_pupil_fields *f,
			int *top_up)
{
	st_pupil_fields_init(f);
	*top_up = -1;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, field_opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT: return status ? status : -1;
		case O_SURNAME: f->surname = optarg; break;
		case O_FORENAME: f->forename = optarg; break;
		case O_UPN: f->upn = optarg; break;
		case O_CLASS: f->class_name = optarg; break;
		case O_PREFERRED: f->preferred = optarg; break;
		case O_ALLOW_DUPLICATE: f->allow_duplicate = 1; break;
		case O_YEAR: f->year = cli_year(optarg); break;
		case O_DOB:
			if ((status = cli_date(cli, "--dob", optarg, &f->dob)))
				return status;
			break;
		case O_TOP_UP:
			if (st_yes_no_parse("--top-up", optarg, top_up, &cli->err) != ST_OK)
				return cli_fail(cli, &cli->err);
			break;
		case O_JOINED:
			if (!*optarg)
				f->joined = ST_DATE_CLEAR;
			else if ((status = cli_date(cli, "--joined", optarg, &f->joined)))
				return status;
			break;
		}
	}
	return 0;
}

static int run_add(struct cli *cli, int argc, char **argv)
{
	st_pupil_fields f;
	int top_up;
	int status = parse_fields(cli, argc, argv, &f, &top_up);
	if (status)
		return status < 0 ? EXIT_OK : status;
	if ((status = cli_positionals(cli, argc, argv, 0, "")))
		return status;
	const char *missing = !f.surname ? "--surname" : !f.forename ? "--forename"
			      : f.dob == ST_DATE_NONE ? "--dob" : !f.year ? "--year" : NULL;
	if (missing)
		return cli_usage_error(cli, "%s is required", missing);
	int64_t id;
	if ((status = cli_open(cli)))
		return status;
	if (st_pupil_add(cli->db, &f, &id, &cli->err) != ST_OK ||
	    (top_up >= 0 && st_pupil_set_top_up(cli->db, id, top_up, &cli->err) != ST_OK))
		return cli_fail(cli, &cli->err);
	printf("%lld\n", (long long)id);
	cli_note("added pupil %lld", (long long)id);
	return EXIT_OK;
}

static int run_edit(struct cli *cli, int argc, char **argv)
{
	st_pupil_fields f;
	int top_up;
	int status = parse_fields(cli, argc, argv, &f, &top_up);
	if (status)
		return status < 0 ? EXIT_OK : status;
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	if (f.allow_duplicate)
		return cli_usage_error(cli, "--allow-duplicate: only with pupil add");
	int64_t id;
	if ((status = cli_pupil(cli, argv[optind], &id)))
		return status;
	st_pupil_fields none;
	st_pupil_fields_init(&none);
	int only_top_up = top_up >= 0 && memcmp(&f, &none, sizeof f) == 0;
	if ((!only_top_up && st_pupil_edit(cli->db, id, &f, &cli->err) != ST_OK) ||
	    (top_up >= 0 && st_pupil_set_top_up(cli->db, id, top_up, &cli->err) != ST_OK))
		return cli_fail(cli, &cli->err);
	cli_note("updated pupil %lld", (long long)id);
	return EXIT_OK;
}

static int run_leave(struct cli *cli, int argc, char **argv)
{
	int64_t id;
	st_date date;
	int status = cli_pupil_and_date(cli, argc, argv, &id, &date);
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if (st_pupil_leave(cli->db, id, date, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	char d[ST_DATE_BUFSZ];
	cli_note("pupil %lld has left on %s: provision still running ended that day, an open "
		 "cycle closed as 'left'; their records are kept (see --include-left)",
		 (long long)id, st_date_format(date, d));
	return EXIT_OK;
}

static void needs_text(const st_pupil *p, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s%s", p->primary_need ? p->primary_need : "",
		 p->secondary_need ? "," : "", p->secondary_need ? p->secondary_need : "");
}

static int print_row(const st_pupil *p, void *payload)
{
	int *count = payload;
	char name[256], needs[40], status[8];
	if ((*count)++ == 0)
		printf("    ID  UPN            NAME                       YEAR CLASS  STATUS NEEDS\n");
	snprintf(status, sizeof status, "%c%s", p->status ? p->status : '-',
		 p->left != ST_DATE_NONE ? " left" : "");
	needs_text(p, needs, sizeof needs);
	printf("%6lld  ", (long long)p->id);
	cli_cell(stdout, p->upn ? p->upn : "-", 13);
	fputs("  ", stdout);
	cli_cell(stdout, st_pupil_display_name(p, name, sizeof name), 26);
	fputs(" ", stdout);
	cli_cell(stdout, p->year, 4);
	fputs(" ", stdout);
	cli_cell(stdout, p->class_name ? p->class_name : "-", 6);
	fputs(" ", stdout);
	cli_cell(stdout, status, 6);
	printf(" %s\n", needs[0] ? needs : "-");
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"year", required_argument, NULL, O_YEAR},
		{"class", required_argument, NULL, O_CLASS},
		{"status", required_argument, NULL, O_STATUS},
		{"include-left", no_argument, NULL, O_INCLUDE_LEFT},
		{"format", required_argument, NULL, O_FORMAT},
		{0},
	};
	st_pupil_filter f = {0};
	int c, status;
	st_format format = ST_FORMAT_TEXT;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT: return status;
		case O_YEAR: f.year = cli_year(optarg); break;
		case O_CLASS: f.class_name = optarg; break;
		case O_INCLUDE_LEFT: f.include_left = 1; break;
		case O_FORMAT:
			if ((status = cli_format(cli, optarg, ST_FORMAT_TEXT | ST_FORMAT_JSON, &format)))
				return status;
			break;
		case O_STATUS:
			if (st_register_parse_status("--status", optarg, &f.status, &cli->err))
				return cli_fail(cli, &cli->err);
			break;
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
	cli_note("%d pupil%s", count, count == 1 ? "" : "s");
	return EXIT_OK;
}

static int print_need(const st_pupil_need *n, void *payload)
{
	int *count = payload;
	char since[ST_DATE_BUFSZ], ended[ST_DATE_BUFSZ];
	if (count && (*count)++ == 0)
		printf("Needs history:\n");
	printf("  %-9s %-5s %s%s%s%s (since %s", n->rank == 1 ? "primary" : "secondary",
	       n->type.code, n->type.label, n->type.area_label ? " [" : "",
	       n->type.area_label ? n->type.area_label : "", n->type.area_label ? "]" : "",
	       st_date_format(n->since, since));
	if (n->ended != ST_DATE_NONE)
		printf(", ended %s: %s", st_date_format(n->ended, ended),
		       strcmp(n->why, "register-n") == 0 ? "moved to N" : "removed");
	printf(")\n");
	return 0;
}

static int print_event(const st_register_event *e, void *payload)
{
	(void)payload;
	char d[ST_DATE_BUFSZ], inf[ST_DATE_BUFSZ], plan[ST_DATE_BUFSZ];
	printf("  %s  %c", st_date_format(e->date, d), e->status);
	if (e->status != 'N')
		printf("  parents informed: %s", e->parents_informed == ST_DATE_NONE
			       ? "NOT RECORDED" : st_date_format(e->parents_informed, inf));
	if (e->status == 'E')
		printf("  plan: %s", st_date_format(e->plan_date, plan));
	if (e->reason)
		printf("  reason: %s", e->reason);
	if (e->voided_on != ST_DATE_NONE)
		printf("  VOID: entered in error (%s)", e->void_reason);
	printf("\n");
	return 0;
}

static void show_line(const char *label, const char *value)
{
	printf("%-17s %s\n", label, value && *value ? value : "-");
}

static int show_json(struct cli *cli, const st_pupil *p)
{
	st_json *j;
	if (st_json_new(&j, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return cli_json_finish(cli, j, cli_json_pupil(j, p, &cli->err), 1);
}

/* The import that last created or changed the pupil (issue 15): its one
 * audit row in `log` stands for every pupil it wrote. */
static int show_import(struct cli *cli, int64_t id)
{
	st_import_run run;
	long line;
	int rc = st_pupil_import(cli->db, id, &run, &line, &cli->err);
	if (rc == ST_ENOTFOUND)
		return 0;
	if (rc != ST_OK)
		return cli_fail(cli, &cli->err);
	char buf[700];
	snprintf(buf, sizeof buf, "import %lld: %s, line %ld (%.10s, by %s)", (long long)run.id,
		 run.file, line, run.started_at, run.user);
	show_line("From the MIS", buf);
	return 0;
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, O_FORMAT}, {0}};
	int c, status;
	st_format format = ST_FORMAT_TEXT;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_FORMAT && (status = cli_format(cli, optarg, ST_FORMAT_TEXT | ST_FORMAT_JSON, &format)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	int64_t id;
	if ((status = cli_pupil(cli, argv[optind], &id)))
		return status;
	st_pupil *p;
	if (st_pupil_get(cli->db, id, &p, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	if (format == ST_FORMAT_JSON) {
		status = show_json(cli, p);
		st_pupil_free(p);
		return status;
	}
	char buf[64], d[ST_DATE_BUFSZ];
	snprintf(buf, sizeof buf, "%lld", (long long)p->id);
	show_line("Pupil", buf);
	show_line("Surname", p->surname);
	show_line("Forename", p->forename);
	show_line("Preferred name", p->preferred);
	show_line("UPN", p->upn);
	show_line("Date of birth", st_date_format(p->dob, d));
	show_line("Year group", p->year);
	show_line("Class", p->class_name);
	show_line("Joined", st_date_format(p->joined, d));
	if (p->left != ST_DATE_NONE)
		show_line("Left", st_date_format(p->left, d));
	if (p->status) {
		snprintf(buf, sizeof buf, "%c since %s", p->status,
			 st_date_format(p->status_since, d));
		show_line("SEN status", buf);
	} else {
		show_line("SEN status", "not on the register");
	}
	st_pupil_free(p);
	if ((status = show_import(cli, id)))
		return status;
	printf("Needs:\n");
	int ended = 0;
	if (st_need_list(cli->db, id, print_need, NULL, &cli->err) != ST_OK ||
	    st_need_history(cli->db, id, print_need, &ended, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	printf("Register history:\n");
	if (st_register_history(cli->db, id, print_event, NULL, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return EXIT_OK;
}

/* Erasure (issue 7): the UPN or id typed again guards against a slip. */
static int run_erase(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"confirm", required_argument, NULL, 'c'}, {0}};
	const char *confirm = NULL;
	int c, status;
	int64_t id;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == 'c')
			confirm = optarg;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	if (!confirm)
		return cli_usage_error(cli, "--confirm UPN_OR_ID is required");
	if ((status = cli_pupil(cli, argv[optind], &id)))
		return status;
	if (st_pupil_erase(cli->db, id, confirm, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli->after_commit = cli_truncate_log;
	cli_note("erased pupil %lld and everything recorded about them", (long long)id);
	return EXIT_OK;
}

static const struct cli_cmd pupil_cmds[] = {
	{"add", run_add, DB_WRITE,
	 "--surname S --forename F --dob DATE --year Y [--upn UPN] [--class C] "
	 "[--preferred NAME] [--joined DATE] [--top-up yes|no] [--allow-duplicate]",
	 "add a pupil; prints the new id"},
	{"list", run_list, DB_READ, "[--year Y] [--class C] [--status K|E|N] [--include-left] "
	 "[--format text|json]",
	 "list pupils by year group and name"},
	{"show", run_show, DB_READ, "PUPIL [--format text|json]", "show one pupil, their needs and register history"},
	{"edit", run_edit, DB_WRITE,
	 "PUPIL [--surname S] [--forename F] [--dob DATE] [--year Y] [--upn UPN] [--class C] "
	 "[--preferred NAME] [--joined DATE] [--top-up yes|no]",
	 "change a pupil's details (an empty value clears an optional field)"},
	{"leave", run_leave, DB_WRITE, "PUPIL [--date DATE]",
	 "record that a pupil left (archived, never deleted)"},
	{"erase", run_erase, DB_WRITE, "PUPIL --confirm UPN_OR_ID",
	 "erase a pupil and everything about them (the audit log keeps that it happened)"},
	{0},
};
const struct cli_group group_pupil = {"pupil", "add, list, show, edit pupils; record leavers",
				      pupil_cmds};
