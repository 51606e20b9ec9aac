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
	EXIT_TEMPFAIL = 75,
	EXIT_NOPERM = 77
};

/* How a command uses the database; main() opens it accordingly. */
enum cli_db_mode {
	DB_NONE = 0,  /* the command opens nothing (init, demo, help) */
	DB_READ = 1,  /* read-only, one snapshot: never takes the write lock */
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
	const char *school; /* --school URN: which of a trust database's schools */
	st_date today;
	int busy_timeout_ms;
	const struct cli_group *group;
	const struct cli_cmd *cmd;
	st_db *db;
	st_trust *trust; /* a trust command's PostgreSQL connection (cmd_trust.c) */
	int dry_run;  /* a DB_WRITE command asked only to read: opened as DB_READ */
	/* Run after a successful COMMIT (an erasure truncating the log); its
	 * status is the command's. The commit stands whatever it returns. */
	int (*after_commit)(struct cli *cli);
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
extern const struct cli_group group_census, group_concern, group_ehcna;
/* `export calendar` (cmd_calendar.c), a row of the export group */
int cli_run_export_calendar(struct cli *cli, int argc, char **argv);
/* term dates (cmd_term.c) */
extern const struct cli_group group_term;
/* reliability: backup, health and retention */
extern const struct cli_group group_backup, group_doctor, group_purge;
/* documents for parents, teachers and governors (issue 13) */
extern const struct cli_group group_plan, group_passport, group_letter, group_report;
/* shell completion (cmd_completion.c); the week at a glance (cmd_today.c) */
extern const struct cli_group group_completion, group_today, group_agenda;
/* a trust's shared PostgreSQL database (cmd_trust.c, issue 14) */
extern const struct cli_group group_trust;
/* a school's file moved into a trust's database (cmd_migrate.c, issue 14) */
extern const struct cli_group group_migrate;
/* Commit a trust command's transaction when status is 0 (its output
 * delivered), else roll it back; disconnect. The exit status. */
int cli_trust_end(struct cli *cli, int status);

/* --- options ----------------------------------------------------------- */

/* Codes for the options every command accepts. */
enum { OPT_COMMON_BASE = 0x1000, OPT_TODAY, OPT_HELP, OPT_DB, OPT_USER, OPT_SCHOOL };

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

/* Print a confirmation on stderr (never on stdout, which carries results).
 * While a command runs its notes are held: they are shown only once its
 * output is delivered and its transaction committed, so "added pupil 7"
 * never precedes "nothing was written". */
void cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cli_notes_hold(void);
void cli_notes_release(int show);

/* Print the usage of the current command (to f). */
void cli_print_usage(const struct cli *cli, FILE *f);

/* --- typed arguments: 0 on success, else the exit status (printed) ------ */
int cli_date(struct cli *cli, const char *opt, const char *text, st_date *out);
/* A year group as typed ("Y5", "Year 5", "Reception") rewritten in place
 * as its code ("5", "R"); left as it was when not recognised, so the
 * library's message lists the codes. Returns text. */
char *cli_year(char *text);
int cli_long(struct cli *cli, const char *opt, const char *text, long min, long max, long *out);
/* Require exactly n positional arguments (names for the message). */
int cli_positionals(struct cli *cli, int argc, char **argv, int n, const char *names);
/* A correction of something entered in error (`provision remove`, `register
 * correct`): --entered-in-error must be given (`instead` says how to record
 * what really happened), --reason TEXT is required when reason_required,
 * and one positional argument named what. Returns 1 when the command must
 * end now with *status (after --help, or an error), else 0. */
int cli_entered_in_error(struct cli *cli, int argc, char **argv, const char *what,
			 const char *instead, int reason_required, const char **reason,
			 int *status);

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

/* After an erasure's COMMIT (cli->after_commit): leave no copy of the erased
 * data in the -wal file; 0, or 75 saying the erasure is committed. */
int cli_truncate_log(struct cli *cli);

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

/* The same, the cursor already at column start (text after a label),
 * continuation lines indented by indent. Never cuts a word that fits. */
void cli_wrapped_from(FILE *f, int start, int indent, const char *text);

/* Terminal columns of a UTF-8 string (one per character). */
int cli_columns(const char *s);

/* Print s padded (or cut) to width terminal columns, counting UTF-8
 * characters rather than bytes so Zoë and Nguyễn line up. */
void cli_cell(FILE *f, const char *s, int width);

/* A severity or phase word padded to width, in colour when stdout is a
 * terminal and NO_COLOR is not set (term.c). */
void cli_coloured(FILE *f, const char *word, int width);
/* Whether cli_coloured colours stdout: a terminal, and NO_COLOR unset. */
int cli_colour_wanted(void);
/* Strike through what stdout prints next (on) or stop (off), on a colour
 * terminal only: the words printed must say the same without it. */
void cli_strike(int on);

/* Rows written so far on stderr while w writes, when stderr is a terminal;
 * cli_progress_end clears the line. what names the export. */
void cli_progress_start(st_csv_writer *w, const char *what);
void cli_progress_end(st_csv_writer *w);
/* The same for an import of f: rows and percentage of the file read, when
 * stderr is a terminal (sets o's progress callback); the handle for
 * cli_import_progress_end, which clears the line. */
void *cli_import_progress_start(st_import_options *o, FILE *f);
void cli_import_progress_end(void *handle);

/* "YYYY-MM-DD" or "-" for ST_DATE_NONE, into buf. */
const char *cli_date_or_dash(st_date d, char buf[ST_DATE_BUFSZ]);

/* --- documents (cmd_plan.c) -------------------------------------------- */

/* Writes a document to f; returns an st_code with cli->err filled. */
typedef int (*cli_document_fn)(struct cli *cli, FILE *f, const void *arg);
/* Write a document to path (NULL or "-": stdout) atomically; exit status. */
int cli_write_document(struct cli *cli, const char *path, cli_document_fn write,
		       const void *arg);
/* Parse --format among the allowed st_format bits; 0 or exit status. */
int cli_format(struct cli *cli, const char *text, unsigned allowed, st_format *out);

/* --- --format json (json_out.c) ----------------------------------------- */

/* The fields of one record into the current object of j. */
int cli_json_pupil(st_json *j, const st_pupil *p, st_error *err);
int cli_json_cycle(st_json *j, const st_cycle *c, st_error *err);
/* One object each, appended to j's array. */
int cli_json_outcome(st_json *j, const st_outcome *o, st_error *err);
int cli_json_finding(st_json *j, const st_finding *f, st_error *err);

/* List callbacks appending one object per row. */
struct cli_json_rows {
	st_json *json;
	st_error *err;
	int count;
};
int cli_json_pupil_row(const st_pupil *p, void *payload);
int cli_json_cycle_row(const st_cycle *c, void *payload);
int cli_json_outcome_row(const st_outcome *o, void *payload);

/* The pupils of a list as a JSON array on stdout; the exit status. */
int cli_json_pupils(struct cli *cli, const st_pupil_filter *f);

/* Write j (an array, or its current object) when rc is ST_OK, free it;
 * the exit status. */
int cli_json_finish(struct cli *cli, st_json *j, int rc, int as_object);

/* Run sentrack with argv (argv[0] is the program name); returns the exit
 * status. Reusable: a fuzz harness calls it many times in one process. */
int cli_main(int argc, char **argv);

/* Help for the whole program or one group. */
void cli_help_all(FILE *f);
int cli_help_group(const char *name, FILE *f);

/* The command table (dispatch.c), for help, suggestions and completion. */
const struct cli_group *const *cli_groups(size_t *count);
const struct cli_group *cli_find_group(const char *name);

/* --- help details and suggestions (help.c, suggest.c) -------------------- */

/* `sentrack help GROUP CMD`: the usage of one subcommand with an example
 * and the values its options take; -1 when there is no such subcommand. */
int cli_help_cmd(const char *group, const char *cmd, FILE *f);
/* After a command's usage on stdout: its example and option values. */
void cli_help_details(const struct cli_group *g, const struct cli_cmd *c, FILE *f);

/* The name nearest to what was typed ("cycel" -> "cycle", "ls" -> "list",
 * "--dat" -> "date"), or NULL when nothing is near. */
const char *cli_suggest_group(const char *typed);
const char *cli_suggest_cmd(const struct cli_group *g, const char *typed);
const char *cli_suggest_option(const struct option *opts, const char *typed);

#endif
