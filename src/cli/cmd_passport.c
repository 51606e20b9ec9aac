/* cmd_passport.c - `sentrack passport set` (the passport's own words) and
 * `sentrack passport` (one page per pupil, for one pupil, a class or a
 * year group). */
#include <stdlib.h>
#include <string.h>
#include "cli.h"

enum { O_ABOUT = 1, O_IMPORTANT, O_SUPPORT, O_ABOUT_FILE, O_IMPORTANT_FILE, O_SUPPORT_FILE,
       O_CLASS, O_YEAR, O_FORMAT, O_OUTPUT };

#define PASSPORT_TEXT_MAX 20000

static int run_set(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"about", required_argument, NULL, O_ABOUT},
		{"important", required_argument, NULL, O_IMPORTANT},
		{"support", required_argument, NULL, O_SUPPORT},
		{"about-file", required_argument, NULL, O_ABOUT_FILE},
		{"important-file", required_argument, NULL, O_IMPORTANT_FILE},
		{"support-file", required_argument, NULL, O_SUPPORT_FILE},
		{0},
	};
	static const char *const names[] = {"--about-file", "--important-file", "--support-file"};
	const char *text[3] = {NULL, NULL, NULL};
	char *owned[3] = {NULL, NULL, NULL};
	int c, status = 0;
	while (status == 0 && (c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT) {
			for (int i = 0; i < 3; i++)
				free(owned[i]);
			return status;
		}
		if (c >= O_ABOUT && c <= O_SUPPORT) {
			text[c - O_ABOUT] = optarg;
		} else if (c >= O_ABOUT_FILE && c <= O_SUPPORT_FILE) {
			int i = c - O_ABOUT_FILE;
			free(owned[i]);
			owned[i] = NULL;
			status = cli_read_text_file(cli, names[i], optarg, PASSPORT_TEXT_MAX, &owned[i]);
			text[i] = owned[i];
		}
	}
	int64_t pupil;
	if (status == 0)
		status = cli_positionals(cli, argc, argv, 1, "PUPIL");
	if (status == 0 && !text[0] && !text[1] && !text[2])
		status = cli_usage_error(cli, "give --about, --important or --support (or a --*-file)");
	if (status == 0 && (status = cli_pupil(cli, argv[optind], &pupil)) == 0) {
		if (st_passport_set(cli->db, pupil, text[0], text[1], text[2], &cli->err) != ST_OK)
			status = cli_fail(cli, &cli->err);
		else
			cli_note("passport of pupil %lld updated", (long long)pupil);
	}
	for (int i = 0; i < 3; i++)
		free(owned[i]);
	return status;
}

struct show_arg {
	int64_t *ids;
	size_t n;
	st_format format;
};

static int write_passports(struct cli *cli, FILE *f, const void *arg)
{
	const struct show_arg *a = arg;
	return st_passport_write(cli->db, a->ids, a->n, a->format, f, &cli->err);
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {
		{"class", required_argument, NULL, O_CLASS},
		{"year", required_argument, NULL, O_YEAR},
		{"format", required_argument, NULL, O_FORMAT},
		{"output", required_argument, NULL, O_OUTPUT},
		{0},
	};
	struct show_arg a = {.format = ST_FORMAT_HTML};
	const char *class_name = NULL, *year = NULL, *output = NULL;
	int c, status = 0;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		switch (c) {
		case CLI_OPT_EXIT: return status;
		case O_CLASS: class_name = optarg; break;
		case O_YEAR: year = optarg; break;
		case O_OUTPUT: output = optarg; break;
		case O_FORMAT:
			status = cli_format(cli, optarg, ST_FORMAT_HTML | ST_FORMAT_TEXT, &a.format);
			break;
		}
		if (status)
			return status;
	}
	int given = (class_name != NULL) + (year != NULL) + (argc - optind > 0);
	if (given == 0)
		return cli_usage_error(cli, "missing PUPIL: give one of PUPIL, --class or --year");
	if (given != 1)
		return cli_usage_error(cli, "give one of PUPIL, --class or --year");
	int64_t one;
	if (!class_name && !year) {
		if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")) ||
		    (status = cli_pupil(cli, argv[optind], &one)))
			return status;
		a.ids = &one, a.n = 1;
		return cli_write_document(cli, output, write_passports, &a);
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")) || (status = cli_open(cli)))
		return status;
	if (st_passport_pupils(cli->db, class_name, year, &a.ids, &a.n, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	status = cli_write_document(cli, output, write_passports, &a);
	free(a.ids);
	return status;
}

/* The unnamed command first: `passport --help` is its usage (dispatch
 * finds `set` by name). */
static const struct cli_cmd passport_cmds[] = {
	{NULL, run_show, DB_READ,
	 "(PUPIL | --class C | --year Y) [--format html|text] [--output FILE]",
	 "one-page pupil passports for teachers and TAs"},
	{"set", run_set, DB_WRITE,
	 "PUPIL [--about TEXT] [--important TEXT] [--support TEXT] [--about-file F] "
	 "[--important-file F] [--support-file F]",
	 "write the passport's own words (\"\" clears one)"},
	{0},
};
const struct cli_group group_passport = {"passport", "one-page pupil passports for teachers",
					 passport_cmds};
