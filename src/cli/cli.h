/* cli.h - what the command files of the sentrack program share.
 *
 * The program is a thin layer: each command parses its arguments, calls
 * the library and formats the result. It never runs SQL. Commands return
 * the process exit status (see EXIT_* below and docs/sentrack.1). */
#ifndef SENTRACK_CLI_H
#define SENTRACK_CLI_H

#include <getopt.h>
#include <stdio.h>
#include "sentrack/sentrack.h"

/* Exit statuses (sysexits.h values; documented in README and man page). */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_SOFTWARE = 70,
	EXIT_CANTCREAT = 73,
	EXIT_IOERR = 74,
	EXIT_TEMPFAIL = 75
};

/* How a command uses the database; main() opens it accordingly. */
enum cli_db_mode {
	DB_NONE = 0,  /* the command opens nothing (init, demo, help) */
	DB_READ = 1,  /* read-only: never takes the write lock */
	DB_WRITE = 2  /* one transaction (BEGIN IMMEDIATE) around the command */
};

struct cli;

struct cli_cmd {
	const char *name;    /* subcommand ("add"), or NULL for a command without */
	int (*run)(struct cli *cli, int argc, char **argv);
	enum cli_db_mode db;
	const char *usage;   /* arguments after "sentrack GROUP NAME" */
	const char *summary; /* one line for help */
};

struct cli_group {
	const char *name;
	const char *summary;
	const struct cli_cmd *cmds; /* ends with a zeroed entry */
};

#define CLI_MAX_OPTIONS 48

struct cli {
	const char *db_path;
	const char *user;
	st_date today;
	int busy_timeout_ms;
	const struct cli_group *group;
	const struct cli_cmd *cmd;
	st_db *db;
	st_error err;
	/* option parsing state: the command's options plus the common ones */
	const struct option *merged_from;
	struct option longopts[CLI_MAX_OPTIONS];
};

/* The command groups, one file each (cmd_*.c). */
extern const struct cli_group group_init, group_demo, group_pupil, group_register,
	group_need, group_log;
/* the graduated approach (cmd_cycle.c, cmd_outcome.c, ...) */
extern const struct cli_group group_cycle, group_outcome, group_provision, group_meeting,
	group_specialist;
/* CSV in and out */
extern const struct cli_group group_export, group_import;
/* nightly checks and configuration */
extern const struct cli_group group_check, group_config, group_ehcp;
/* issue 12 */
extern const struct cli_group group_census, group_concern;
/* reliability: backup, health and retention */
extern const struct cli_group group_backup, group_doctor, group_purge;

/* --- options ----------------------------------------------------------- */

/* Codes for the options every command accepts. */
enum { OPT_COMMON_BASE = 0x1000, OPT_TODAY, OPT_HELP, OPT_DB, OPT_USER };

/* Like getopt_long over argv (argv[0] is the command name), with --today,
 * --db, --user and --help added to opts. Returns the next option's val, -1
 * at the end, or CLI_OPT_EXIT with *status set (after --help: 0; after a
 * bad option: 64, message printed). Positional arguments are left in
 * argv[optind..argc-1]. */
#define CLI_OPT_EXIT (-2)
int cli_getopt(struct cli *cli, int argc, char **argv, const struct option *opts, int *status);

/* --- messages ---------------------------------------------------------- */

/* "sentrack: <message>" on stderr; returns the exit status for err. */
int cli_fail(struct cli *cli, const st_error *err);

/* A usage error: "sentrack: GROUP CMD: <message>" and the usage line; 64. */
int cli_usage_error(struct cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print a confirmation on stderr (never on stdout, which carries results). */
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print the usage of the current command (to f). */
void cli_print_usage(const struct cli *cli, FILE *f);

/* --- typed arguments: 0 on success, else the exit status (printed) ------ */
int cli_date(struct cli *cli, const char *opt, const char *text, st_date *out);
int cli_long(struct cli *cli, const char *opt, const char *text, long min, long max, long *out);
/* Require exactly n positional arguments (names for the message). */
int cli_positionals(struct cli *cli, int argc, char **argv, int n, const char *names);

/* For commands without options of their own: parse the common options and
 * require exactly n positionals. 0, or the exit status (0 after --help is
 * returned as CLI_DONE). */
#define CLI_DONE (-1)
int cli_args_only(struct cli *cli, int argc, char **argv, int n, const char *names);

/* Read a text option given as a file (path, or "-" for standard input) up
 * to max bytes into *out (malloc'd, one trailing newline removed; free it).
 * 0, or the exit status (66 for a missing file, 65 when too long). */
int cli_read_text_file(struct cli *cli, const char *opt, const char *path, size_t max,
		       char **out);

/* --- database ----------------------------------------------------------- */

/* Open the database as the command's mode says (once); 0 or exit status. */
int cli_open(struct cli *cli);

/* Open if needed and resolve a pupil reference; 0 or exit status. */
int cli_pupil(struct cli *cli, const char *ref, int64_t *id);

/* For commands of the form `GROUP CMD PUPIL [--date DATE]`: parse, open,
 * resolve the pupil, default the date to today. 0, CLI_DONE after --help,
 * or the exit status. */
int cli_pupil_and_date(struct cli *cli, int argc, char **argv, int64_t *pupil, st_date *date);

/* --- output ------------------------------------------------------------- */

/* Print text wrapped to the terminal's 80 columns after indent spaces. */
void cli_wrapped(FILE *f, int indent, const char *text);

/* Print s padded (or cut) to width terminal columns, counting UTF-8
 * characters rather than bytes so Zoë and Nguyễn line up. */
void cli_cell(FILE *f, const char *s, int width);

/* "YYYY-MM-DD" or "-" for ST_DATE_NONE, into buf. */
const char *cli_date_or_dash(st_date d, char buf[ST_DATE_BUFSZ]);

/* Run sentrack with argv (argv[0] is the program name); returns the exit
 * status. Reusable: a fuzz harness calls it many times in one process. */
int cli_main(int argc, char **argv);

/* Help for the whole program or one group. */
void cli_help_all(FILE *f);
int cli_help_group(const char *name, FILE *f);

#endif
