/* money.c - pounds typed by users to integer pence and back. */
#include <stdio.h>
#include <string.h>
#include "sentrack/money.h"

int st_money_parse(const char *field, const char *text, int64_t *pence, st_error *err)
{
	const char *p = text ? text : "";
	if (strncmp(p, "\xC2\xA3", 2) == 0) /* a leading £ */
		p += 2;
	int64_t whole = 0;
	int digits = 0, decimals = 0, frac = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		whole = whole * 10 + (*p - '0');
		if (whole > ST_MONEY_MAX_PENCE / 100)
			return st_error_set(err, ST_EINVAL, "%s %.40s: amount too large", field, text);
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++decimals > 2)
				return st_error_set(err, ST_EINVAL,
						    "%s %.40s: at most two decimal places (pence)", field,
						    text);
			frac = frac * 10 + (*p - '0');
		}
		if (decimals == 0)
			return st_error_set(err, ST_EINVAL, "%s %.40s: not an amount in pounds", field,
					    text);
	}
	if (digits == 0 || *p)
		return st_error_set(err, ST_EINVAL,
				    "%s %.40s: not an amount in pounds (e.g. 25 or 25.50)", field,
				    text ? text : "");
	if (decimals == 1)
		frac *= 10;
	/* the whole pounds may equal the limit; the pence must not pass it */
	if (whole * 100 + frac > ST_MONEY_MAX_PENCE)
		return st_error_set(err, ST_EINVAL, "%s %.40s: amount too large", field, text);
	*pence = whole * 100 + frac;
	return ST_OK;
}

char *st_money_format(int64_t pence, char buf[ST_MONEY_BUFSZ])
{
	const char *sign = pence < 0 ? "-" : "";
	uint64_t v = pence < 0 ? (uint64_t)0 - (uint64_t)pence : (uint64_t)pence;
	snprintf(buf, ST_MONEY_BUFSZ, "%s%llu.%02llu", sign, (unsigned long long)(v / 100),
		 (unsigned long long)(v % 100));
	return buf;
}
