/* dispatch.c - what `sentrack` does with its arguments: global options, the
 * command table and the one transaction every write command runs in.
 * main.c calls cli_main; so can a fuzz harness. */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

/* Every command group, in the order `sentrack --help` lists them. */
static const struct cli_group *const groups[] = {
	&group_init, &group_demo, &group_today, &group_agenda, &group_pupil, &group_register, &group_need,
	&group_cycle, &group_outcome, &group_provision, &group_meeting, &group_term, &group_concern, &group_specialist,
	&group_ehcp, &group_ehcna, &group_check, &group_census, &group_export, &group_import, &group_config,
	&group_log, &group_backup, &group_doctor, &group_purge,
	&group_plan, &group_passport, &group_letter, &group_report, &group_completion,
	&group_trust, &group_migrate,
};
#define NGROUPS (sizeof groups / sizeof *groups)

static const char *const overview =
	"usage: sentrack [--db PATH] [--today YYYY-MM-DD] [--user NAME] [--school URN] COMMAND [ARGS]\n"
	"\n"
	"Track SEN Support in a school: the SEN register, needs and the graduated\n"
	"approach (Assess, Plan, Do, Review), in one local SQLite file.\n";

static const struct cli_group *find_group(const char *name)
{
	for (size_t i = 0; i < NGROUPS; i++)
		if (strcmp(groups[i]->name, name) == 0)
			return groups[i];
	return NULL;
}

const struct cli_group *const *cli_groups(size_t *count)
{
	*count = NGROUPS;
	return groups;
}

const struct cli_group *cli_find_group(const char *name)
{
	return find_group(name);
}

/* "; did you mean `sentrack cycle`?" or "" (near: a name or NULL). */
static const char *did_you_mean(char *buf, size_t size, const char *group, const char *near)
{
	if (!near)
		return "";
	snprintf(buf, size, "; did you mean `sentrack %s%s%s`?", group ? group : "",
		 group ? " " : "", near);
	return buf;
}

void cli_help_all(FILE *f)
{
	fputs(overview, f);
	fputs("\ncommands:\n", f);
	for (size_t i = 0; i < NGROUPS; i++) {
		fputs("  ", f);
		cli_cell(f, groups[i]->name, 12);
		fprintf(f, "%s\n", groups[i]->summary);
	}
	fputs("\n`sentrack help COMMAND` shows a command's usage; `man sentrack` has it all.\n"
	      "exit status: 0 ok, 64 usage, 65 data error, 66 no database or input,\n"
	      "70 internal error, 73 cannot create output, 74 i/o error, 75 busy,\n"
	      "77 permission.\n", f);
}

int cli_help_group(const char *name, FILE *f)
{
	const struct cli_group *g = find_group(name);
	if (!g)
		return -1;
	fprintf(f, "%s: %s\n", g->name, g->summary);
	for (const struct cli_cmd *c = g->cmds; c->run; c++)
		fprintf(f, "  sentrack %s%s%s%s%s\n      %s\n", g->name, c->name ? " " : "",
			c->name ? c->name : "", c->usage[0] ? " " : "", c->usage, c->summary);
	return 0;
}

static const char *default_db_path(char *buf, size_t size)
{
	const char *env = getenv("SENTRACK_DB");
	if (env && *env)
		return env;
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && *xdg) {
		snprintf(buf, size, "%s/sentrack/sentrack.db", xdg);
		return buf;
	}
	const char *home = getenv("HOME");
	snprintf(buf, size, "%s/.local/share/sentrack/sentrack.db", home && *home ? home : ".");
	return buf;
}

static const char *default_user(void)
{
	const char *env = getenv("SENTRACK_USER");
	if (env && *env)
		return env;
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	env = getenv("USER");
	return env && *env ? env : "unknown";
}

static int busy_timeout_from_env(void)
{
	const char *env = getenv("SENTRACK_BUSY_TIMEOUT");
	if (!env || !*env)
		return ST_BUSY_TIMEOUT_MS_DEFAULT;
	char *end;
	long ms = strtol(env, &end, 10);
	return *end || ms < 0 || ms > 600000 ? ST_BUSY_TIMEOUT_MS_DEFAULT : (int)ms;
}

/* Global options before the command. Returns optind of the command, or
 * -1 with *status set when the program should exit now. */
static int parse_global(struct cli *cli, int argc, char **argv, int *exit_status)
{
	static const struct option opts[] = {
		{"db", required_argument, NULL, OPT_DB},
		{"today", required_argument, NULL, OPT_TODAY},
		{"user", required_argument, NULL, OPT_USER},
		{"school", required_argument, NULL, OPT_SCHOOL},
		{"help", no_argument, NULL, OPT_HELP},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0},
	};
	opterr = 0;
	optind = 0; /* GNU: start afresh, so cli_main can run more than once */
	int c;
	while ((c = getopt_long(argc, argv, "+:h", opts, NULL)) != -1) {
		int status;
		switch (c) {
		case OPT_DB: cli->db_path = optarg; break;
		case OPT_USER: cli->user = optarg; break;
		case OPT_SCHOOL: cli->school = optarg; break;
		case OPT_TODAY:
			if ((status = cli_date(cli, "--today", optarg, &cli->today)) != 0) {
				*exit_status = status;
				return -1;
			}
			break;
		case OPT_HELP:
		case 'h':
			cli_help_all(stdout);
			*exit_status = EXIT_OK;
			return -1;
		case 'V':
			printf("sentrack %s\n", st_version());
			*exit_status = EXIT_OK;
			return -1;
		case ':':
			fprintf(stderr, "sentrack: %s: needs a value\n", argv[optind - 1]);
			*exit_status = EXIT_USAGE;
			return -1;
		default:
			fprintf(stderr, "sentrack: %s: unknown option\n%s", argv[optind - 1], overview);
			*exit_status = EXIT_USAGE;
			return -1;
		}
	}
	return optind;
}

/* The subcommand called name, else the group's unnamed command (a group
 * may have both: `passport set` and `passport PUPIL`). */
static const struct cli_cmd *find_cmd(const struct cli_group *g, const char *name)
{
	const struct cli_cmd *unnamed = NULL;
	for (const struct cli_cmd *c = g->cmds; c->run; c++) {
		if (c->name && name && strcmp(c->name, name) == 0)
			return c;
		if (!c->name && !unnamed)
			unnamed = c;
	}
	return unnamed;
}

/* check's answers 1 and 2 are not failures; 64 and up are. */
static int is_failure(int status)
{
	return status >= EXIT_USAGE;
}

/* Deliver what the command printed: stdout may be a file on a full disk,
 * a closed descriptor or a broken pipe. A command whose output is lost
 * fails with 74, and for a write that happens before COMMIT. */
static int deliver_output(int status)
{
	int failed = fflush(stdout) != 0;
	int e = errno;
	if ((!failed && !ferror(stdout)) || is_failure(status))
		return status; /* delivered, or the command has said what failed */
	fprintf(stderr, "sentrack: writing the output failed%s%s\n", failed ? ": " : "",
		failed ? strerror(e) : "");
	return EXIT_IOERR;
}

/* The one rule: exit 0 means committed and reported; any other status
 * means nothing was written. The output is delivered before COMMIT, so a
 * failed COMMIT can only void an id already printed: say so. */
static int end_transaction(struct cli *cli, int status)
{
	if (cli->cmd->db != DB_WRITE || cli->dry_run || status != EXIT_OK) {
		st_db_rollback(cli->db); /* a failed write, a dry run or a read snapshot */
		return status;
	}
	if (st_db_commit(cli->db, &cli->err) == ST_OK)
		return cli->after_commit ? cli->after_commit(cli) : EXIT_OK;
	status = cli_fail(cli, &cli->err);
	fprintf(stderr, "sentrack: %signore any id printed above: it was never saved\n",
		strstr(cli->err.message, "nothing was written") ? "" : "nothing was written; ");
	return status;
}

static int run_command(struct cli *cli, int argc, char **argv)
{
	const struct cli_group *g = find_group(argv[0]);
	char hint[128];
	if (!g) {
		fprintf(stderr, "sentrack: %s: unknown command%s (see `sentrack --help`)\n", argv[0],
			did_you_mean(hint, sizeof hint, NULL, cli_suggest_group(argv[0])));
		return EXIT_USAGE;
	}
	cli->group = g;
	const char *sub = argc > 1 ? argv[1] : NULL;
	if (g->cmds[0].name && (!sub || strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 ||
				strcmp(sub, "help") == 0)) {
		cli_help_group(g->name, sub ? stdout : stderr);
		return deliver_output(sub ? EXIT_OK : EXIT_USAGE);
	}
	const struct cli_cmd *c = find_cmd(g, sub);
	if (!c) {
		fprintf(stderr, "sentrack: %s %s: unknown subcommand%s\n", g->name, sub,
			did_you_mean(hint, sizeof hint, g->name, cli_suggest_cmd(g, sub)));
		cli_help_group(g->name, stderr);
		return EXIT_USAGE;
	}
	cli->cmd = c;
	/* argv[0] is the subcommand (or the group for a plain command). */
	int shift = c->name ? 1 : 0;
	cli_notes_hold();
	int status = deliver_output(c->run(cli, argc - shift, argv + shift));
	if (cli->db)
		status = end_transaction(cli, status);
	if (cli->trust)
		status = cli_trust_end(cli, status);
	cli_notes_release(!is_failure(status));
	return status;
}

int cli_main(int argc, char **argv)
{
	char path[4096];
	struct cli cli = {
		.db_path = default_db_path(path, sizeof path),
		.user = default_user(),
		.today = st_date_today(),
		.busy_timeout_ms = busy_timeout_from_env(),
	};
	int status = EXIT_OK;
	clearerr(stdout); /* a failure of an earlier run (fuzzing) is not this one's */
	int first = parse_global(&cli, argc, argv, &status);
	if (first < 0)
		; /* status is set */
	else if (first >= argc) {
		fputs(overview, stderr);
		fputs("Run `sentrack --help` for the list of commands.\n", stderr);
		status = EXIT_USAGE;
	} else if (strcmp(argv[first], "help") == 0) {
		if (first + 1 >= argc) {
			cli_help_all(stdout);
			status = EXIT_OK;
		} else if (first + 2 < argc) {
			const struct cli_group *g = find_group(argv[first + 1]);
			if (cli_help_cmd(argv[first + 1], argv[first + 2], stdout) == 0)
				status = EXIT_OK;
			else if (g && g->cmds[0].name) /* says which subcommand was meant */
				status = run_command(&cli, 2, argv + first + 1);
			else
				status = cli_help_group(argv[first + 1], stdout) == 0 ? EXIT_OK
										     : EXIT_USAGE;
		} else if (cli_help_group(argv[first + 1], stdout) == 0) {
			status = EXIT_OK;
		} else {
			char hint[128];
			fprintf(stderr, "sentrack: help %s: unknown command%s\n", argv[first + 1],
				did_you_mean(hint, sizeof hint, "help",
					     cli_suggest_group(argv[first + 1])));
			status = EXIT_USAGE;
		}
	} else {
		status = run_command(&cli, argc - first, argv + first); /* delivers its output */
		st_db_free(cli.db);
		return status;
	}
	return deliver_output(status);
}
