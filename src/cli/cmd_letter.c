/* cmd_letter.c - `sentrack letter TEMPLATE PUPIL` (letters to parents from
 * templates) and `sentrack letter templates`. */
#include <string.h>
#include "cli.h"

struct letter_arg {
	const char *name;
	int64_t pupil;
	st_letter_options opt;
	st_format format;
};

static int write_letter(struct cli *cli, FILE *f, const void *arg)
{
	const struct letter_arg *a = arg;
	return st_letter_write(cli->db, a->name, a->pupil, &a->opt, a->format, f, &cli->err);
}

enum { O_DATE = 1, O_MEETING, O_FORMAT, O_OUTPUT, O_RECORD };

static int run_letter(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"date", required_argument, NULL, O_DATE},
		{"meeting", required_argument, NULL, O_MEETING},
		{"format", required_argument, NULL, O_FORMAT},
		{"output", required_argument, NULL, O_OUTPUT},
		{"record", no_argument, NULL, O_RECORD},
		{0},
	};
	struct letter_arg a = {.opt = {ST_DATE_NONE, ST_DATE_NONE}, .format = ST_FORMAT_HTML};
	const char *output = NULL;
	int c, status = 0, record = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT: return status;
		case O_DATE: status = cli_date(cli, "--date", optarg, &a.opt.date); break;
		case O_MEETING: status = cli_date(cli, "--meeting", optarg, &a.opt.meeting); break;
		case O_OUTPUT: output = optarg; break;
		case O_RECORD: record = 1; break;
		case O_FORMAT:
			status = cli_format(cli, optarg, ST_FORMAT_HTML | ST_FORMAT_TEXT, &a.format);
			break;
		}
		if (status)
			return status;
	}
	if (a.opt.date == ST_DATE_NONE)
		a.opt.date = cli->today;
	if ((status = cli_positionals(cli, argc, argv, 2, "TEMPLATE PUPIL")))
		return status;
	a.name = argv[optind];
	if ((status = cli_pupil(cli, argv[optind + 1], &a.pupil)))
		return status;
	/* record first, so a refused record (date in the future...) writes no
	 * letter; the transaction commits only after the letter is written */
	if (record && st_letter_record(cli->db, a.name, a.pupil, &a.opt, &cli->err) != ST_OK)
		return cli->err.code == ST_EUSAGE ? cli_usage_error(cli, "%s", cli->err.message)
						  : cli_fail(cli, &cli->err);
	status = cli_write_document(cli, output, write_letter, &a);
	if (status == EXIT_OK && record)
		cli_note("recorded parents informed on the placement");
	return status;
}

static int print_template(const st_letter_template *t, void *payload)
{
	(void)payload;
	cli_cell(stdout, t->name, 20);
	fputc(' ', stdout);
	printf("%s\n%21s%s\n", t->subject, "", t->source);
	return 0;
}

static int run_templates(struct cli *cli, int argc, char **argv)
{
	int status = cli_args_only(cli, argc, argv, 0, "");
	if (status)
		return status == CLI_DONE ? EXIT_OK : status;
	if ((status = cli_open(cli)))
		return status;
	if (st_letter_templates(cli->db, print_template, NULL, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	fputs("\nplaceholders:", stdout);
	int col = 13;
	for (int i = 0; st_letter_placeholder(i); i++) {
		const char *p = st_letter_placeholder(i);
		int w = (int)strlen(p) + 5;
		if (col + w > 78) {
			fputs("\n ", stdout);
			col = 1;
		}
		printf(" {{%s}}", p);
		col += w;
	}
	fputc('\n', stdout);
	return EXIT_OK;
}

/* The unnamed command first, so `letter --help` is its usage; dispatch
 * finds `templates` by name, and any other word is a template name. */
static const struct cli_cmd letter_cmds[] = {
	{NULL, run_letter, DB_WRITE,
	 "TEMPLATE PUPIL [--date D] [--meeting D] [--format html|text] [--output FILE] [--record]",
	 "a letter to parents (placement, review-invitation, ehcna-request)"},
	{"templates", run_templates, DB_READ, "", "the letters available and their placeholders"},
	{0},
};
const struct cli_group group_letter = {"letter", "letters to parents from templates",
				       letter_cmds};
