/* error.c - error records and the mapping from codes to exit statuses. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sentrack/error.h"

void st_error_clear(st_error *err)
{
	if (!err)
		return;
	err->code = ST_OK;
	err->message[0] = '\0';
}

/* How much of an over-long message is kept before the cut: the context
 * ("database /srv/...") at the front; the rest of the room goes to the
 * end, where the reason is. */
#define ERROR_HEAD 160
#define ERROR_CUT "..."

static int utf8_continuation(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* Keep the head and the tail of text (len bytes, len >= ST_ERROR_MAX) in
 * out, cut in the middle at UTF-8 character boundaries. A long path or
 * value is what makes a message long, and it sits between the context and
 * the reason; the reason must survive. */
static void keep_ends(char *out, const char *text, size_t len)
{
	size_t head = ERROR_HEAD;
	while (head > 0 && utf8_continuation(text[head]))
		head--;
	size_t tail = ST_ERROR_MAX - 1 - ERROR_HEAD - (sizeof ERROR_CUT - 1);
	size_t from = len - tail;
	while (from < len && utf8_continuation(text[from]))
		from++;
	memcpy(out, text, head);
	memcpy(out + head, ERROR_CUT, sizeof ERROR_CUT - 1);
	memcpy(out + head + sizeof ERROR_CUT - 1, text + from, len - from + 1);
}

int st_error_set(st_error *err, int code, const char *fmt, ...)
{
	if (!err)
		return code;
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	err->code = code;
	int n = vsnprintf(err->message, sizeof err->message, fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof err->message) {
		char *whole = malloc((size_t)n + 1);
		if (whole) { /* without memory the plain cut above stands */
			vsnprintf(whole, (size_t)n + 1, fmt, again);
			keep_ends(err->message, whole, (size_t)n);
			free(whole);
		}
	}
	va_end(again);
	return code;
}

/* Values from sysexits.h, spelled out because they are a documented
 * interface: scripts test them. */
int st_exit_status(int code)
{
	switch (code) {
	case ST_OK: return 0;
	case ST_EUSAGE: return 64;
	case ST_EINVAL:
	case ST_ENOTFOUND:
	case ST_EAMBIGUOUS:
	case ST_ERULE:
	case ST_EEXISTS:
	case ST_ESCHEMA: return 65;
	case ST_ENODB: return 66;
	case ST_ECANTCREATE: return 73;
	case ST_EIO: return 74;
	case ST_EBUSY: return 75;
	case ST_EPERM: return 77;
	default: return 70;
	}
}

const char *st_code_name(int code)
{
	switch (code) {
	case ST_OK: return "ok";
	case ST_EINVAL: return "invalid value";
	case ST_ENOTFOUND: return "not found";
	case ST_EAMBIGUOUS: return "ambiguous";
	case ST_ERULE: return "rule violated";
	case ST_EEXISTS: return "already exists";
	case ST_ESCHEMA: return "schema";
	case ST_ENODB: return "missing";
	case ST_ECANTCREATE: return "cannot create";
	case ST_EIO: return "i/o error";
	case ST_EBUSY: return "busy";
	case ST_EUSAGE: return "usage";
	case ST_EPERM: return "permission";
	default: return "internal error";
	}
}
