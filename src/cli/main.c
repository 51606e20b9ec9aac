/* main.c - sentrack's entry point: what goes to a terminal is escaped
 * (st_text_escape_terminal), so text stored with control or invisible
 * characters can neither drive the terminal nor reorder what it shows. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

struct safe_out {
	FILE *real;
	char carry[4]; /* a UTF-8 sequence cut by the stdio buffer */
	size_t ncarry;
};

static int escape_out(struct safe_out *s, const char *buf, size_t size, int final)
{
	char in[1024 + sizeof s->carry], out[4 * sizeof in + 16];
	size_t done = 0;
	while (done < size || (final && s->ncarry)) {
		size_t take = size - done < 1024 ? size - done : 1024;
		memcpy(in, s->carry, s->ncarry);
		memcpy(in + s->ncarry, buf + done, take);
		size_t len = s->ncarry + take, olen;
		size_t used = st_text_escape_terminal(in, len, final && done + take == size, out,
						      &olen);
		s->ncarry = len - used;
		memcpy(s->carry, in + used, s->ncarry);
		done += take;
		if (fwrite(out, 1, olen, s->real) != olen)
			return -1;
	}
	return fflush(s->real) == 0 ? 0 : -1;
}

static ssize_t safe_write(void *cookie, const char *buf, size_t size)
{
	return escape_out(cookie, buf, size, 0) == 0 ? (ssize_t)size : -1;
}

static int safe_close(void *cookie)
{
	return escape_out(cookie, "", 0, 1);
}

/* Put an escaping stream in front of fd's stream when it is a terminal. */
static FILE *guard_terminal(FILE *f, struct safe_out *s, int line_buffered)
{
	if (!isatty(fileno(f)))
		return f;
	*s = (struct safe_out){.real = f};
	cookie_io_functions_t io = {.write = safe_write, .close = safe_close};
	FILE *g = fopencookie(s, "w", io);
	if (!g)
		return f;
	setvbuf(g, NULL, line_buffered ? _IOLBF : _IONBF, 0);
	return g;
}

int main(int argc, char **argv)
{
	struct safe_out out, err;
	FILE *real_out = stdout, *real_err = stderr;
	stdout = guard_terminal(real_out, &out, 1);
	stderr = guard_terminal(real_err, &err, 0);
	int status = cli_main(argc, argv);
	if (stdout != real_out && fclose(stdout) != 0 && status == 0)
		status = EXIT_IOERR;
	if (stderr != real_err)
		fclose(stderr);
	stdout = real_out;
	stderr = real_err;
	return status;
}
