/* term.c - what sentrack does only for a person at a terminal: colour for
 * severities and phases on stdout (never when piped or NO_COLOR is set,
 * https://no-color.org), and export progress on stderr (never in cron). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"

int cli_colour_wanted(void)
{
	const char *no = getenv("NO_COLOR");
	return isatty(STDOUT_FILENO) && !(no && *no);
}

/* ANSI SGR for a word: red for overdue, yellow for due, cyan for attention
 * and the phases in the order of the cycle. */
static const char *sgr_for(const char *word)
{
	static const struct { const char *word, *sgr; } colours[] = {
		{"overdue", "1;31"}, {"due", "33"}, {"attention", "36"},
		{"assess", "35"}, {"plan", "34"}, {"do", "32"}, {"review", "1;33"},
	};
	for (size_t i = 0; i < sizeof colours / sizeof *colours; i++)
		if (strcmp(word, colours[i].word) == 0)
			return colours[i].sgr;
	return NULL;
}

/* Write an escape sequence straight to the terminal: stdout itself escapes
 * every control character on a terminal (main.c), so that stored text can
 * never drive it; only these fixed sequences get through. */
static void raw(FILE *f, int fd, const char *text)
{
	fflush(f);
	ssize_t written = write(fd, text, strlen(text));
	(void)written; /* colour and progress are niceties: a failed write loses them */
}

static void raw_sgr(const char *sgr)
{
	char seq[16];
	snprintf(seq, sizeof seq, "\033[%sm", sgr);
	raw(stdout, STDOUT_FILENO, seq);
}

void cli_coloured(FILE *f, const char *word, int width)
{
	const char *sgr = f == stdout && cli_colour_wanted() ? sgr_for(word) : NULL;
	if (sgr)
		raw_sgr(sgr);
	fprintf(f, "%-*s", width, word);
	if (sgr)
		raw_sgr("0");
}

/* Data rows (the header is not one of them) and, once the export has
 * counted what it will write, the share written. */
static void show_progress(long rows, long expected, void *payload)
{
	char line[128]; /* our own words only: written past the terminal guard */
	const char *what = payload;
	if (expected > 1)
		snprintf(line, sizeof line, "\rsentrack: %s: %ld of %ld rows (%d%%)...", what,
			 rows - 1, expected - 1, (int)((rows - 1) * 100 / (expected - 1)));
	else
		snprintf(line, sizeof line, "\rsentrack: %s: %ld rows...", what, rows - 1);
	raw(stderr, STDERR_FILENO, line);
}

void cli_progress_start(st_csv_writer *w, const char *what)
{
	if (isatty(STDERR_FILENO))
		st_csv_writer_on_progress(w, 1000, show_progress, (void *)what);
}

void cli_progress_end(st_csv_writer *w)
{
	if (isatty(STDERR_FILENO) && st_csv_rows(w) >= 1000)
		raw(stderr, STDERR_FILENO, "\r\033[K"); /* clear the progress line */
}

void cli_strike(int on)
{
	if (cli_colour_wanted())
		raw_sgr(on ? "9" : "0");
}

/* Import progress: rows read and, for a file of known size, the share of
 * its bytes read (rows cannot give a percentage before the end). */
struct import_progress {
	long long size;   /* 0: unknown (a pipe) */
	int shown;
};

static void show_import_progress(long rows, long long bytes, void *payload)
{
	struct import_progress *p = payload;
	char line[128]; /* our own words only: written past the terminal guard */
	if (p->size > 0)
		snprintf(line, sizeof line, "\rsentrack: import: %ld rows, %d%%...", rows,
			 (int)(bytes * 100 / p->size));
	else
		snprintf(line, sizeof line, "\rsentrack: import: %ld rows...", rows);
	raw(stderr, STDERR_FILENO, line);
	p->shown = 1;
}

void *cli_import_progress_start(st_import_options *o, FILE *f)
{
	struct stat sb;
	struct import_progress *p = isatty(STDERR_FILENO) ? calloc(1, sizeof *p) : NULL;
	if (!p)
		return NULL; /* not a terminal (or no memory: a nicety lost) */
	p->size = fstat(fileno(f), &sb) == 0 && S_ISREG(sb.st_mode) ? sb.st_size : 0;
	o->progress = show_import_progress;
	o->progress_payload = p;
	return p;
}

void cli_import_progress_end(void *handle)
{
	struct import_progress *p = handle;
	if (p && p->shown)
		raw(stderr, STDERR_FILENO, "\r\033[K"); /* clear the progress line */
	free(p);
}
