/* term.c - what sentrack does only for a person at a terminal: colour for
 * severities and phases on stdout (never when piped or NO_COLOR is set,
 * https://no-color.org), and export progress on stderr (never in cron). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static int colour_wanted(void)
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

void cli_coloured(FILE *f, const char *word, int width)
{
	const char *sgr = f == stdout && colour_wanted() ? sgr_for(word) : NULL;
	if (sgr)
		fprintf(f, "\033[%sm", sgr);
	fprintf(f, "%-*s", width, word);
	if (sgr)
		fputs("\033[0m", f);
}

static void show_progress(long rows, void *payload)
{
	fprintf(stderr, "\rsentrack: %s: %ld rows...", (const char *)payload, rows);
}

void cli_progress_start(st_csv_writer *w, const char *what)
{
	if (isatty(STDERR_FILENO))
		st_csv_writer_on_progress(w, 1000, show_progress, (void *)what);
}

void cli_progress_end(st_csv_writer *w)
{
	if (isatty(STDERR_FILENO) && st_csv_rows(w) >= 1000)
		fputs("\r\033[K", stderr); /* clear the progress line */
}
