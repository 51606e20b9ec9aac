/* util.c - option parsing, messages, typed arguments and output helpers
 * shared by the command files. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

static const struct option common_options[] = {
	{"today", required_argument, NULL, OPT_TODAY},
	{"db", required_argument, NULL, OPT_DB},
	{"user", required_argument, NULL, OPT_USER},
	{"school", required_argument, NULL, OPT_SCHOOL},
	{"help", no_argument, NULL, OPT_HELP},
};

static void merge_options(struct cli *cli, const struct option *opts)
{
	int n = 0;
	for (const struct option *o = opts; o && o->name && n < CLI_MAX_OPTIONS - 5; o++)
		cli->longopts[n++] = *o;
	for (size_t i = 0; i < sizeof common_options / sizeof *common_options; i++)
		cli->longopts[n++] = common_options[i];
	memset(&cli->longopts[n], 0, sizeof cli->longopts[n]);
	cli->merged_from = opts;
}

/* An unknown option: the nearest real one, or, for what looks like text
 * ("-5 errors per page"), how to pass it. */
static int unknown_option(struct cli *cli, int argc, char **argv)
{
	/* inside a cluster of short options GNU getopt has not moved optind on */
	const char *bad = optopt && optind < argc && argv[optind][0] == '-' &&
				  strchr(argv[optind], optopt)
			  ? argv[optind]
			  : argv[optind - 1];
	const char *near = cli_suggest_option(cli->longopts, bad);
	if (near)
		return cli_usage_error(cli, "%s: unknown option; did you mean --%s?", bad, near);
	if (strncmp(bad, "--", 2) != 0 || strchr(bad, ' '))
		return cli_usage_error(cli, "%s: unknown option (a text that starts with '-' goes "
				       "after `--`, as in: -- \"%s\")", bad, bad);
	return cli_usage_error(cli, "%s: unknown option", bad);
}

int cli_getopt(struct cli *cli, int argc, char **argv, const struct option *opts, int *status)
{
	if (cli->merged_from != opts || !cli->longopts[0].name) {
		merge_options(cli, opts);
		optind = 0; /* GNU: reinitialise for a new argv */
	}
	opterr = 0;
	for (;;) {
		int c = getopt_long(argc, argv, ":h", cli->longopts, NULL);
		switch (c) {
		case 'h':
		case OPT_HELP:
			cli_print_usage(cli, stdout);
			*status = EXIT_OK;
			return CLI_OPT_EXIT;
		case OPT_TODAY:
			if ((*status = cli_date(cli, "--today", optarg, &cli->today)) != 0)
				return CLI_OPT_EXIT;
			continue;
		case OPT_DB:
			cli->db_path = optarg;
			continue;
		case OPT_USER:
			cli->user = optarg;
			continue;
		case OPT_SCHOOL:
			cli->school = optarg;
			continue;
		case ':':
			*status = cli_usage_error(cli, "%s: needs a value", argv[optind - 1]);
			return CLI_OPT_EXIT;
		case '?':
			*status = unknown_option(cli, argc, argv);
			return CLI_OPT_EXIT;
		default:
			return c;
		}
	}
}

static void command_name(const struct cli *cli, char *buf, size_t size)
{
	if (cli->cmd && cli->cmd->name)
		snprintf(buf, size, "%s %s", cli->group->name, cli->cmd->name);
	else
		snprintf(buf, size, "%s", cli->group ? cli->group->name : "sentrack");
}

void cli_print_usage(const struct cli *cli, FILE *f)
{
	char name[64];
	command_name(cli, name, sizeof name);
	fprintf(f, "usage: sentrack %s%s%s\n", name, cli->cmd && cli->cmd->usage[0] ? " " : "",
		cli->cmd ? cli->cmd->usage : "");
	if (f == stdout && cli->cmd) {
		fprintf(f, "%s\n", cli->cmd->summary);
		cli_help_details(cli->group, cli->cmd, f);
		fputs("See `man sentrack` for every option and exit status.\n", f);
	}
}

int cli_fail(struct cli *cli, const st_error *err)
{
	(void)cli;
	/* A failure always exits non-zero: an error record that says "ok" (a
	 * library path that forgot to fill it) is a bug, reported as one. */
	if (err->code == ST_OK) {
		fprintf(stderr, "sentrack: internal error: a command failed without saying why%s%s "
				"(a bug; please report it)\n",
			err->message[0] ? ": " : "", err->message);
		return EXIT_SOFTWARE;
	}
	fprintf(stderr, "sentrack: %s\n", err->message[0] ? err->message : st_code_name(err->code));
	return st_exit_status(err->code);
}

int cli_usage_error(struct cli *cli, const char *fmt, ...)
{
	char name[64], msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	command_name(cli, name, sizeof name);
	fprintf(stderr, "sentrack: %s: %s\n", name, msg);
	cli_print_usage(cli, stderr);
	return EXIT_USAGE;
}

/* Confirmations held back while a command runs (see cli_notes_hold). The
 * one piece of mutable state in the program: cli_note is called from
 * everywhere without the struct cli. */
static struct {
	FILE *f;
	char *text;
	size_t len;
} held;

void cli_notes_hold(void)
{
	if (!held.f)
		held.f = open_memstream(&held.text, &held.len);
}

void cli_notes_release(int show)
{
	if (!held.f)
		return;
	fclose(held.f);
	if (show && held.len)
		fwrite(held.text, 1, held.len, stderr);
	free(held.text);
	held.f = NULL;
	held.text = NULL;
	held.len = 0;
}

void cli_note(const char *fmt, ...)
{
	FILE *f = held.f ? held.f : stderr;
	va_list ap;
	va_start(ap, fmt);
	fputs("sentrack: ", f);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	va_end(ap);
}

int cli_date(struct cli *cli, const char *opt, const char *text, st_date *out)
{
	st_error err;
	if (st_date_parse_input(opt, text, cli->today, out, &err) != ST_OK)
		return cli_fail(cli, &err);
	return 0;
}

int cli_long(struct cli *cli, const char *opt, const char *text, long min, long max, long *out)
{
	char *end = NULL;
	errno = 0;
	long v = text && *text ? strtol(text, &end, 10) : 0;
	st_error err;
	if (!text || !*text || *end || errno == ERANGE) {
		st_error_set(&err, ST_EINVAL, "%s %.40s: not a whole number", opt, text ? text : "");
		return cli_fail(cli, &err);
	}
	if (v < min || v > max) {
		st_error_set(&err, ST_EINVAL, "%s %ld: must be between %ld and %ld", opt, v, min, max);
		return cli_fail(cli, &err);
	}
	*out = v;
	return 0;
}

int cli_positionals(struct cli *cli, int argc, char **argv, int n, const char *names)
{
	int have = argc - optind;
	if (have < n)
		return cli_usage_error(cli, "missing %s", names);
	if (have > n)
		return cli_usage_error(cli, "unexpected argument '%s'", argv[optind + n]);
	return 0;
}

int cli_entered_in_error(struct cli *cli, int argc, char **argv, const char *what,
			 const char *instead, int reason_required, const char **reason,
			 int *status)
{
	enum { O_IN_ERROR = 1, O_REASON };
	static const struct option opts[] = {
		{"entered-in-error", no_argument, NULL, O_IN_ERROR},
		{"reason", required_argument, NULL, O_REASON},
		{0},
	};
	int in_error = 0, c;
	*reason = NULL;
	while ((c = cli_getopt(cli, argc, argv, opts, status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return 1; /* --help (status 0) or a bad option */
		if (c == O_IN_ERROR)
			in_error = 1;
		else if (c == O_REASON)
			*reason = optarg;
	}
	if ((*status = cli_positionals(cli, argc, argv, 1, what)))
		return 1;
	if (!in_error)
		*status = cli_usage_error(cli, "--entered-in-error is required: %s", instead);
	else if (reason_required && !*reason)
		*status = cli_usage_error(cli, "--reason is required: say why the entry was wrong");
	return *status != 0;
}

int cli_args_only(struct cli *cli, int argc, char **argv, int n, const char *names)
{
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, NULL, &status)) != -1)
		if (c == CLI_OPT_EXIT)
			return status == EXIT_OK ? CLI_DONE : status;
	return cli_positionals(cli, argc, argv, n, names);
}

int cli_read_text_file(struct cli *cli, const char *opt, const char *path, size_t max,
		       char **out)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		st_error_set(&cli->err, ST_ENODB, "%s %s: cannot read: %s", opt, path,
			     strerror(errno));
		return cli_fail(cli, &cli->err);
	}
	char *buf = malloc(max + 2);
	size_t n = buf ? fread(buf, 1, max + 1, f) : 0;
	int failed = !buf || ferror(f);
	if (f != stdin)
		fclose(f);
	if (failed) {
		free(buf);
		st_error_set(&cli->err, ST_EIO, "%s %s: read error", opt, path);
		return cli_fail(cli, &cli->err);
	}
	if (n > max) {
		free(buf);
		st_error_set(&cli->err, ST_EINVAL, "%s %s: longer than %zu bytes", opt, path, max);
		return cli_fail(cli, &cli->err);
	}
	if (memchr(buf, '\0', n)) {
		free(buf);
		st_error_set(&cli->err, ST_EINVAL, "%s %s: contains a NUL byte; not a text file",
			     opt, path);
		return cli_fail(cli, &cli->err);
	}
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	*out = buf;
	return 0;
}

void cli_wrapped(FILE *f, int indent, const char *text)
{
	const int width = 78 - indent;
	const char *p = text ? text : "";
	while (*p) {
		size_t line = strcspn(p, "\n");
		while (line > 0) {
			size_t take = line;
			if ((int)take > width) { /* break at the last space that fits */
				take = (size_t)width;
				while (take > 0 && p[take] != ' ')
					take--;
				if (take == 0)
					take = (size_t)width;
			}
			fprintf(f, "%*s%.*s\n", indent, "", (int)take, p);
			p += take;
			line -= take;
			while (line > 0 && *p == ' ')
				p++, line--;
		}
		if (*p == '\n')
			p++;
	}
}

/* Where the school's own letter templates are (docs/documents.md):
 * SENTRACK_LETTERS names the directory, on either backend; without it a
 * database file's are in `letters` beside it (the library's default) and
 * a trust's, whose locator names no directory, in the user's data
 * directory: $XDG_DATA_HOME/sentrack/letters, or
 * ~/.local/share/sentrack/letters (where the default file's are). */
static int set_letters_dir(struct cli *cli)
{
	const char *env = getenv("SENTRACK_LETTERS");
	if (env && *env)
		return st_db_set_letters_dir(cli->db, env, &cli->err);
	st_backend backend = ST_BACKEND_FILE;
	if (st_db_locator_backend(cli->db_path, &backend, NULL) != ST_OK ||
	    backend == ST_BACKEND_FILE)
		return ST_OK;
	char dir[4096];
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(dir, sizeof dir, "%s/sentrack/letters", xdg);
	else if (home && *home)
		snprintf(dir, sizeof dir, "%s/.local/share/sentrack/letters", home);
	else
		return ST_OK; /* nowhere to look: the built-in templates */
	return st_db_set_letters_dir(cli->db, dir, &cli->err);
}

int cli_open(struct cli *cli)
{
	if (cli->db)
		return 0;
	enum cli_db_mode mode = cli->dry_run ? DB_READ : cli->cmd->db;
	unsigned flags = mode == DB_READ ? ST_OPEN_READONLY : ST_OPEN_READWRITE;
	int rc = st_db_open(&cli->db, cli->db_path, flags, &cli->err);
	if (rc != ST_OK)
		return cli_fail(cli, &cli->err);
	char command[64];
	command_name(cli, command, sizeof command);
	st_db_set_today(cli->db, cli->today);
	st_db_set_busy_timeout(cli->db, cli->busy_timeout_ms);
	if ((rc = st_db_set_user(cli->db, cli->user, &cli->err)) != ST_OK ||
	    (rc = st_db_set_command(cli->db, command, &cli->err)) != ST_OK ||
	    (rc = set_letters_dir(cli)) != ST_OK ||
	    (cli->school && (rc = st_db_set_school(cli->db, cli->school, &cli->err)) != ST_OK))
		return cli_fail(cli, &cli->err);
	/* One transaction per command: a write takes the lock at once; a read
	 * holds one snapshot, so its queries agree with each other. */
	rc = mode == DB_WRITE ? st_db_begin(cli->db, &cli->err)
	     : cli->dry_run   ? ST_OK /* the import takes a snapshot only where it blocks no writer */
			      : st_db_begin_read(cli->db, &cli->err);
	if (rc != ST_OK)
		return cli_fail(cli, &cli->err);
	return 0;
}

int cli_pupil(struct cli *cli, const char *ref, int64_t *id)
{
	int rc = cli_open(cli);
	if (rc)
		return rc;
	if (st_pupil_resolve(cli->db, ref, id, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return 0;
}

int cli_pupil_and_date(struct cli *cli, int argc, char **argv, int64_t *pupil, st_date *date)
{
	static const struct option opts[] = {{"date", required_argument, NULL, 'd'}, {0}};
	int c, status;
	*date = cli->today;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status == EXIT_OK ? CLI_DONE : status;
		if (c == 'd' && (status = cli_date(cli, "--date", optarg, date)))
			return status;
	}
	if ((status = cli_positionals(cli, argc, argv, 1, "PUPIL")))
		return status;
	return cli_pupil(cli, argv[optind], pupil);
}

/* Columns a UTF-8 string takes: one per character (combining marks and
 * East Asian wide characters are rare in pupils' names). */
static int utf8_columns(const char *s, size_t *bytes_for, int limit)
{
	int cols = 0;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t len = 1;
		while ((p[len] & 0xC0) == 0x80)
			len++;
		if (cols == limit)
			break;
		cols++;
		p += len;
	}
	*bytes_for = (size_t)(p - (const unsigned char *)s);
	return cols;
}

int cli_columns(const char *s)
{
	size_t bytes;
	return utf8_columns(s ? s : "", &bytes, -1);
}

void cli_wrapped_from(FILE *f, int start, int indent, const char *text)
{
	int col = start;
	const char *p = text ? text : "";
	while (*p) {
		size_t w = strcspn(p, " \n");
		int wc = 0;
		for (size_t i = 0; i < w; i++)
			wc += ((unsigned char)p[i] & 0xC0) != 0x80;
		if (col > indent && col + 1 + wc > 78) {
			fprintf(f, "\n%*s", indent, "");
			col = indent;
		} else if (col > start || (col > indent && p != text)) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, w, f);
		col += wc;
		p += w;
		while (*p == ' ' || *p == '\n')
			p++;
	}
	fputc('\n', f);
}

void cli_cell(FILE *f, const char *s, int width)
{
	if (!s)
		s = "";
	size_t bytes;
	int cols = utf8_columns(s, &bytes, width);
	if (s[bytes] && width > 1) { /* too long: cut and mark */
		utf8_columns(s, &bytes, width - 1);
		fwrite(s, 1, bytes, f);
		fputs("~", f);
		return;
	}
	fwrite(s, 1, bytes, f);
	for (int i = cols; i < width; i++)
		fputc(' ', f);
}

const char *cli_date_or_dash(st_date d, char buf[ST_DATE_BUFSZ])
{
	if (d == ST_DATE_NONE)
		return strcpy(buf, "-");
	return st_date_format(d, buf);
}

int cli_truncate_log(struct cli *cli)
{
	return st_db_truncate_log(cli->db, &cli->err) == ST_OK ? EXIT_OK : cli_fail(cli, &cli->err);
}
