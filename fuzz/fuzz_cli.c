/* fuzz_cli.c - libFuzzer harness: command-line parsing and dispatch. The
 * input is split into arguments at newlines and run as
 * `sentrack --today 2026-11-25 ARGS...` against a demo database in a private
 * temporary directory. Inputs with a '/' are skipped, so nothing is ever
 * written outside that directory; standard streams go to /dev/null (a crash
 * or sanitizer report still fails the run through its exit status). */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 24

static char dir[] = "/tmp/sentrack-fuzz-cli.XXXXXX";

static int remove_entry(const char *p, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(p);
}

/* Leave nothing behind in /tmp. */
static void cleanup(void)
{
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!mkdtemp(dir) || chdir(dir) != 0)
		abort();
	atexit(cleanup);
	setenv("SENTRACK_DB", "fuzz.db", 1);
	setenv("SENTRACK_USER", "fuzz", 1);
	setenv("SENTRACK_BUSY_TIMEOUT", "0", 1);
	/* `trust` with a libpq keyword string connects to a server: never wait
	 * long for one, and read no service or password file of the machine's */
	setenv("PGCONNECT_TIMEOUT", "2", 1);
	setenv("PGSERVICEFILE", "/nonexistent", 1);
	setenv("PGPASSFILE", "/nonexistent", 1);
	st_db *db;
	st_error err;
	if (st_db_open(&db, "fuzz.db", ST_OPEN_CREATE, &err) != ST_OK)
		abort();
	st_date today;
	st_date_parse("today", "2026-11-25", &today, NULL);
	st_db_set_today(db, today);
	if (st_demo_load(db, NULL, &err) != ST_OK)
		abort();
	st_db_free(db);
	if (!freopen("/dev/null", "r", stdin) || !freopen("/dev/null", "w", stdout) ||
	    !freopen("/dev/null", "w", stderr))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096 || memchr(data, '/', size))
		return 0;
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	char *argv[MAX_ARGS + 4] = {"sentrack", "--today", "2026-11-25"};
	int argc = 3;
	for (char *p = buf; argc < MAX_ARGS + 3;) {
		argv[argc++] = p;
		char *nl = strchr(p, '\n');
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	argv[argc] = NULL;
	cli_main(argc, argv);
	free(buf);
	return 0;
}
