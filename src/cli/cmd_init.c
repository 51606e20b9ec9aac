/* cmd_init.c - `sentrack init` and `sentrack demo`: creating databases. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static int create(struct cli *cli, unsigned flags)
{
	if (st_db_open(&cli->db, cli->db_path, ST_OPEN_CREATE | flags, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	st_db_set_today(cli->db, cli->today);
	if (st_db_set_user(cli->db, cli->user, &cli->err) != ST_OK ||
	    st_db_set_command(cli->db, cli->group->name, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return 0;
}

static int run_init(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"no-wal", no_argument, NULL, 'n'}, {0}};
	unsigned flags = 0;
	int c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == 'n')
			flags |= ST_OPEN_NO_WAL;
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")))
		return status;
	if ((status = create(cli, flags)))
		return status;
	cli_note("created %s (%s journal)", cli->db_path,
		 flags & ST_OPEN_NO_WAL ? "rollback" : "write-ahead");
	return EXIT_OK;
}

/* Undo a partial move_aside: the -wal (if moved) first, then the file. */
static void move_back(const char *path, const char *aside)
{
	char from[4300], to[4200];
	snprintf(from, sizeof from, "%s-wal", aside);
	snprintf(to, sizeof to, "%s-wal", path);
	if (access(from, F_OK) == 0)
		(void)rename(from, to);
	(void)rename(aside, path);
}

/* aside gets PATH.before-demo, or .before-demo.2, .3, ... : the first name
 * with no database, -wal or -shm file, so an earlier saved copy is never
 * overwritten. */
static int free_aside_name(const char *path, char *aside, size_t size)
{
	for (int n = 1; n < 10000; n++) {
		if (n == 1)
			snprintf(aside, size, "%s.before-demo", path);
		else
			snprintf(aside, size, "%s.before-demo.%d", path, n);
		char wal[4300], shm[4300];
		snprintf(wal, sizeof wal, "%s-wal", aside);
		snprintf(shm, sizeof shm, "%s-shm", aside);
		if (access(aside, F_OK) != 0 && access(wal, F_OK) != 0 && access(shm, F_OK) != 0)
			return 0;
	}
	return -1;
}

/* Move from to the new name to: link() refuses an existing name atomically,
 * where rename() would silently replace it. */
static int move_no_replace(const char *from, const char *to)
{
	if (link(from, to) != 0)
		return -1;
	return unlink(from);
}

/* Move an existing database aside rather than destroy it: --force must
 * never be the way a school loses its register. */
static int move_aside(struct cli *cli)
{
	char aside[4200];
	if (free_aside_name(cli->db_path, aside, sizeof aside) != 0 ||
	    move_no_replace(cli->db_path, aside) != 0) {
		st_error_set(&cli->err, ST_ECANTCREATE, "cannot move %s aside to %s: %s",
			     cli->db_path, aside, strerror(errno));
		return cli_fail(cli, &cli->err);
	}
	/* The -wal holds committed transactions: the database moves with it or
	 * not at all (the -shm is an index SQLite rebuilds, but moves too). */
	for (const char *suffix = "-wal"; suffix; suffix = strcmp(suffix, "-wal") ? NULL : "-shm") {
		char from[4200], to[4300];
		snprintf(from, sizeof from, "%s%s", cli->db_path, suffix);
		snprintf(to, sizeof to, "%s%s", aside, suffix);
		if (access(from, F_OK) == 0 && move_no_replace(from, to) != 0) {
			int e = errno;
			move_back(cli->db_path, aside);
			st_error_set(&cli->err, ST_ECANTCREATE, "cannot move %s aside to %s: %s; "
				     "the database is where it was", from, to, strerror(e));
			return cli_fail(cli, &cli->err);
		}
	}
	cli_note("moved the existing database to %s", aside);
	return 0;
}

static int run_demo(struct cli *cli, int argc, char **argv)
{
	static const struct option opts[] = {{"force", no_argument, NULL, 'f'}, {0}};
	int force = 0, c, status;
	while ((c = cli_getopt(cli, argc, argv, opts, &status)) != -1) {
		if (c == CLI_OPT_EXIT)
			return status;
		if (c == 'f')
			force = 1;
	}
	if ((status = cli_positionals(cli, argc, argv, 0, "")))
		return status;
	if (access(cli->db_path, F_OK) == 0) {
		if (!force) {
			st_error_set(&cli->err, ST_EEXISTS,
				     "database %s already exists; `sentrack demo --force` moves it "
				     "aside and creates the demo", cli->db_path);
			return cli_fail(cli, &cli->err);
		}
		if ((status = move_aside(cli)))
			return status;
	}
	if ((status = create(cli, 0)))
		return status;
	int pupils = 0;
	if (st_demo_load(cli->db, &pupils, &cli->err) != ST_OK) {
		int rc = cli_fail(cli, &cli->err);
		st_db_free(cli->db);
		cli->db = NULL;
		unlink(cli->db_path); /* never leave a half-made demo behind */
		return rc;
	}
	cli_note("created demo database %s with %d fictional pupils", cli->db_path, pupils);
	return EXIT_OK;
}

static const struct cli_cmd init_cmds[] = {
	{NULL, run_init, DB_NONE, "[--no-wal]",
	 "create a new database (mode 0600); --no-wal for a network share"},
	{0},
};
const struct cli_group group_init = {"init", "create a new, empty database", init_cmds};

static const struct cli_cmd demo_cmds[] = {
	{NULL, run_demo, DB_NONE, "[--force]",
	 "create a database holding a fictional demo cohort"},
	{0},
};
const struct cli_group group_demo = {"demo", "create a database with fictional demo pupils",
				     demo_cmds};
