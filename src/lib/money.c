/* money.c - pounds typed by users to integer pence and back. */
#include <stdio.h>
#include <string.h>
#include "sentrack/money.h"

/* Copy text without its thousands separators into out ("6,000.50" ->
 * "6000.50"). A comma must sit between a first group of one to three digits
 * and groups of exactly three; 0 when it does not (or out is too short). */
static int strip_thousands(const char *text, char *out, size_t size)
{
	size_t o = 0;
	int group = 0, commas = 0;
	const char *p = text;
	for (; *p && *p != '.'; p++) {
		if (*p == ',') {
			if (group == 0 || group > 3 || (commas && group != 3))
				return 0;
			commas++;
			group = 0;
			continue;
		}
		if (o + 1 >= size)
			return 0;
		out[o++] = *p;
		group++;
	}
	if (commas && group != 3)
		return 0;
	if (o + strlen(p) + 1 > size || strchr(p, ','))
		return 0;
	strcpy(out + o, p);
	return 1;
}

static int out_of_range(const char *field, const char *shown, st_error *err)
{
	char max[ST_MONEY_BUFSZ];
	return st_error_set(err, ST_EINVAL, "%s %.40s: must be from 0.00 to %s pounds", field,
			    shown, st_money_format(ST_MONEY_MAX_PENCE, max));
}

int st_money_parse(const char *field, const char *text, int64_t *pence, st_error *err)
{
	const char *p = text ? text : "";
	if (strncmp(p, "\xC2\xA3", 2) == 0) /* a leading £ */
		p += 2;
	char plain[48];
	if (strchr(p, ',')) {
		if (!strip_thousands(p, plain, sizeof plain))
			return st_error_set(err, ST_EINVAL, "%s %.40s: commas must separate thousands "
					    "(e.g. 6,000 or 6,000.50)", field, text);
		p = plain;
	}
	int64_t whole = 0;
	int digits = 0, decimals = 0, frac = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++) {
		whole = whole * 10 + (*p - '0');
		if (whole > ST_MONEY_MAX_PENCE / 100)  /* stop before any overflow */
			return out_of_range(field, text, err);
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
	if (whole * 100 + frac > ST_MONEY_MAX_PENCE)
		return out_of_range(field, text, err);
	*pence = whole * 100 + frac;
	return ST_OK;
}

int st_money_check(const char *field, int64_t pence, st_error *err)
{
	char buf[ST_MONEY_BUFSZ];
	if (pence < 0 || pence > ST_MONEY_MAX_PENCE)
		return out_of_range(field, st_money_format(pence, buf), err);
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
