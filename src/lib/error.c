/* error.c - error records and the mapping from codes to exit statuses. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "sentrack/error.h"

void st_error_clear(st_error *err)
{
	if (!err)
		return;
	err->code = ST_OK;
	err->message[0] = '\0';
}

int st_error_set(st_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		err->code = code;
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
	}
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
