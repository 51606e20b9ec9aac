/* cmd_meeting.c - `sentrack meeting add|held|edit|list`. */
#include <stdio.h>
#include <stdlib.h>
#include "cli.h"

enum { O_DATE = 1, O_WITH, O_PURPOSE, O_NOTES, O_NOTES_FILE, O_PUPIL, O_SINCE, O_PLANNED };

static int run_add(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{"with", required_argument, NULL, O_WITH},
		{"purpose", required_argument, NULL, O_PURPOSE},
		{"notes", required_argument, NULL, O_NOTES},
		{"notes-file", required_argument, NULL, O_NOTES_FILE},
		{0},
	};
	st_date date = ST_DATE_NONE;
	unsigned with = 0;
	const char *purpose = NULL, *notes = NULL;
	char *owned = NULL;
	int c, status = 0;
	while (!status && (c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT:
			free(owned);
			return status;
		case O_DATE: status = cli_date(cli, "--date", optarg, &date); break;
		case O_PURPOSE: purpose = optarg; break;
		case O_NOTES: notes = optarg; break;
		case O_NOTES_FILE:
			free(owned);
			owned = NULL;
			if (!(status = cli_read_text_file(cli, "--notes-file", optarg, 20000, &owned)))
				notes = owned;
			break;
		case O_WITH:
			if (st_who_parse("--with", optarg, &with, &cli->err) != ST_OK)
				status = cli_fail(cli, &cli->err);
			break;
		}
	}
	int64_t pupil, id;
	const char *missing = date == ST_DATE_NONE ? "--date" : !with ? "--with"
			      : !purpose ? "--purpose" : NULL;
	if (!status && missing)
		status = cli_usage_error(cli, "%s is required", missing);
	if (!status && !(status = cli_positionals(cli, argc, argv, 1, "PUPIL")) &&
	    !(status = cli_pupil(cli, argv[optind], &pupil))) {
		if (st_meeting_add(cli->db, pupil, date, with, purpose, notes, &id, &cli->err))
			status = cli_fail(cli, &cli->err);
		else {
			char d[ST_DATE_BUFSZ];
			printf("%lld\n", (long long)id);
			if (date > st_db_today(cli->db))
				cli_note("booked meeting %lld for %s (planned; `sentrack meeting held "
					 "%lld` once it has happened)", (long long)id,
					 st_date_format(date, d), (long long)id);
			else
				cli_note("recorded meeting %lld", (long long)id);
		}
	}
	free(owned);
	return status;
}

static int print_meeting(const st_meeting *m, void *payload)
{
	int *count = payload;
	char d[ST_DATE_BUFSZ], who[128], name[256];
	if ((*count)++ == 0)
		printf("    ID  DATE       PUPIL                     PURPOSE     WITH\n");
	char display[ST_PUPIL_NAME_BUFSZ];
	snprintf(name, sizeof name, "#%lld %s", (long long)m->pupil_id,
		 st_display_name(m->preferred, m->forename, m->surname, display, sizeof display));
	printf("%6lld  %s ", (long long)m->id, st_date_format(m->date, d));
	cli_cell(stdout, name, 25);
	printf(" %-11s %s%s\n", m->purpose, st_who_format(m->with, who, sizeof who),
	       m->planned ? " (planned)" : "");
	if (m->notes)
		cli_wrapped(stdout, 8, m->notes);
	return 0;
}

static int run_list(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"pupil", required_argument, NULL, O_PUPIL},
		{"since", required_argument, NULL, O_SINCE},
		{"planned", no_argument, NULL, O_PLANNED},
		{0},
	};
	const char *pupil_ref = NULL;
	st_date since = ST_DATE_NONE;
	int c, status, planned = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == O_PLANNED)
			planned = 1;
		else if (c == O_PUPIL)
			pupil_ref = optarg;
		else if (c == O_SINCE && (status = cli_date(cli, "--since", optarg, &since)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = cli_open(cli)))
		return status;
	int64_t pupil = 0;
	if (pupil_ref && (status = cli_pupil(cli, pupil_ref, &pupil)))
		return status;
	int count = 0;
	if (st_meeting_list_planned(cli->db, pupil, since, planned, print_meeting, &count,
				    &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	cli_note("%d %smeeting%s", count, planned ? "planned " : "", count == 1 ? "" : "s");
	return EXIT_OK;
}

/* Options shared by held and edit: --date, --notes, --notes-file. */
struct meeting_opts {
	st_date date;
	unsigned with;
	const char *purpose, *notes;
	char *owned;
};

static int meeting_option(struct cli *cli, int c, struct meeting_opts *o)
{
	switch (c) {
	case O_DATE: return cli_date(cli, "--date", optarg, &o->date);
	case O_PURPOSE: o->purpose = optarg; return 0;
	case O_NOTES: o->notes = optarg; return 0;
	case O_NOTES_FILE:
		free(o->owned);
		o->owned = NULL;
		int status = cli_read_text_file(cli, "--notes-file", optarg, 20000, &o->owned);
		if (!status)
			o->notes = o->owned;
		return status;
	case O_WITH:
		return st_who_parse("--with", optarg, &o->with, &cli->err) != ST_OK
			       ? cli_fail(cli, &cli->err) : 0;
	}
	return 0;
}

/* Parse opts, then the one MEETING_ID, and open the database; *done when
 * the command has nothing more to do (--help, or an error in status). */
static int meeting_args(struct cli *cli, int argc, char **argv, const struct option *opts,
			struct meeting_opts *o, long *id, int *done)
{
	int c, status = 0;
	*done = 1;
	while (!status && (c = cli_getopt(cli, argc, argv, opts, &status)) != -1)
		if (c == CLI_OPT_EXIT)
			return status;
		else
			status = meeting_option(cli, c, o);
	if (!status && !(status = cli_positionals(cli, argc, argv, 1, "MEETING_ID")) &&
	    !(status = cli_long(cli, "MEETING_ID", argv[optind], 1, 999999999999L, id)) &&
	    !(status = cli_open(cli)))
		*done = 0;
	return status;
}

static int run_held(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{"notes", required_argument, NULL, O_NOTES},
		{"notes-file", required_argument, NULL, O_NOTES_FILE},
		{0},
	};
	struct meeting_opts o = {ST_DATE_NONE, 0, NULL, NULL, NULL};
	long id = 0;
	int done, status = meeting_args(cli, argc, argv, opts, &o, &id, &done);
	if (!done && st_meeting_held(cli->db, id, o.date, o.notes, &cli->err) != ST_OK)
		status = cli_fail(cli, &cli->err);
	if (!done && !status)
		cli_note("meeting %ld recorded as held", id);
	free(o.owned);
	return status;
}

static int run_edit(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{"with", required_argument, NULL, O_WITH},
		{"purpose", required_argument, NULL, O_PURPOSE},
		{"notes", required_argument, NULL, O_NOTES},
		{"notes-file", required_argument, NULL, O_NOTES_FILE},
		{0},
	};
	struct meeting_opts o = {ST_DATE_NONE, 0, NULL, NULL, NULL};
	long id = 0;
	int done, status = meeting_args(cli, argc, argv, opts, &o, &id, &done);
	st_meeting_change change = {o.date, o.with, o.purpose, o.notes};
	if (!done && st_meeting_edit(cli->db, id, &change, &cli->err) != ST_OK)
		status = cli_fail(cli, &cli->err);
	if (!done && !status)
		cli_note("meeting %ld edited", id);
	free(o.owned);
	return status;
}

static const struct cli_cmd meeting_cmds[] = {
	{"add", run_add, DB_WRITE,
	 "PUPIL --date DATE --with WHO,... --purpose plan|review|other [--notes TEXT]",
	 "record a meeting, or book one with a later --date (WHO: parents, pupil, "
	 "class-teacher, senco, specialist, other)"},
	{"held", run_held, DB_WRITE, "MEETING_ID [--date DATE] [--notes TEXT]",
	 "record that a planned meeting happened (on its booked date unless --date)"},
	{"edit", run_edit, DB_WRITE,
	 "MEETING_ID [--date DATE] [--with WHO,...] [--purpose plan|review|other] [--notes TEXT]",
	 "correct a meeting (audited); only a planned meeting may move after today"},
	{"list", run_list, DB_READ, "[--pupil PUPIL] [--since DATE] [--planned]",
	 "meetings by date (--planned: booked, not yet held)"},
	{0},
};
const struct cli_group group_meeting = {"meeting", "meetings with parents, pupil and staff",
					meeting_cmds};
