/* date.c - strict ISO 8601 calendar dates and day arithmetic.
 *
 * Day numbers use Howard Hinnant's days_from_civil algorithm, exact for the
 * proleptic Gregorian calendar, so subtraction gives days between dates. */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "sentrack/date.h"

int st_date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && st_date_is_leap(y) ? 29 : days[m - 1];
}

int st_date_from_ymd(int y, int m, int d, st_date *out)
{
	if (y < ST_DATE_MIN_YEAR || y > ST_DATE_MAX_YEAR || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(y, m))
		return ST_EINVAL;
	y -= m <= 2;
	int era = y / 400; /* y >= 1899, never negative */
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = (st_date)(era * 146097 + doe - 719468);
	return ST_OK;
}

void st_date_to_ymd(st_date days, int *year, int *month, int *day)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int d = doy - (153 * mp + 2) / 5 + 1;
	int m = mp < 10 ? mp + 3 : mp - 9;
	*year = yoe + era * 400 + (m <= 2);
	*month = m;
	*day = d;
}

int st_date_add_years(st_date d, int years, st_date *out)
{
	int y, m, day;
	if (d == ST_DATE_NONE || years < -2000 || years > 2000)
		return ST_EINVAL;
	st_date_to_ymd(d, &y, &m, &day);
	if (st_date_from_ymd(y + years, m, day, out) == ST_OK)
		return ST_OK;
	return st_date_from_ymd(y + years, m, day - 1, out); /* 29 February */
}

int st_date_add_days(st_date d, int32_t days, st_date *out)
{
	st_date lo, hi;
	st_date_from_ymd(ST_DATE_MIN_YEAR, 1, 1, &lo);
	st_date_from_ymd(ST_DATE_MAX_YEAR, 12, 31, &hi);
	if (d == ST_DATE_NONE || d < lo || d > hi || days < lo - d || days > hi - d)
		return ST_EINVAL;
	*out = d + days;
	return ST_OK;
}

static int two_digits(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int st_date_parse(const char *field, const char *text, st_date *out, st_error *err)
{
	if (!field)
		field = "date";
	if (!text || !*text)
		return st_error_set(err, ST_EINVAL, "%s: missing date (expected YYYY-MM-DD)", field);
	size_t n = strlen(text);
	int shape_ok = n == 10 && text[4] == '-' && text[7] == '-';
	for (size_t i = 0; shape_ok && i < n; i++)
		if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
			shape_ok = 0;
	if (!shape_ok)
		return st_error_set(err, ST_EINVAL, "%s %s: not a date in the form YYYY-MM-DD",
				    field, text);
	int y = two_digits(text) * 100 + two_digits(text + 2);
	int m = two_digits(text + 5);
	int d = two_digits(text + 8);
	if (y < ST_DATE_MIN_YEAR || y > ST_DATE_MAX_YEAR)
		return st_error_set(err, ST_EINVAL, "%s %s: year must be between %d and %d", field,
				    text, ST_DATE_MIN_YEAR, ST_DATE_MAX_YEAR);
	if (st_date_from_ymd(y, m, d, out) != ST_OK)
		return st_error_set(err, ST_EINVAL, "%s %s: not a calendar date", field, text);
	return ST_OK;
}

/* DD/MM/YYYY (one or two digits for day and month), England's form.
 * NOT_DMY when text has another shape. */
#define NOT_DMY 1
#define NOT_A_DATE "not a date in the form YYYY-MM-DD (or DD/MM/YYYY, today, yesterday, tomorrow)"
static int parse_dmy(const char *field, const char *text, st_date *out, st_error *err)
{
	int v[3] = {0, 0, 0}, n[3] = {0, 0, 0};
	const char *p = text;
	for (int i = 0; i < 3; i++) {
		for (; *p >= '0' && *p <= '9' && n[i] < 5; p++, n[i]++)
			v[i] = v[i] * 10 + (*p - '0');
		if (i < 2 && *p++ != '/')
			return NOT_DMY;
	}
	if (*p || n[0] < 1 || n[0] > 2 || n[1] < 1 || n[1] > 2 || n[2] != 4)
		return NOT_DMY;
	if (v[2] < ST_DATE_MIN_YEAR || v[2] > ST_DATE_MAX_YEAR)
		return st_error_set(err, ST_EINVAL, "%s %s: year must be between %d and %d", field,
				    text, ST_DATE_MIN_YEAR, ST_DATE_MAX_YEAR);
	if (st_date_from_ymd(v[2], v[1], v[0], out) != ST_OK)
		return st_error_set(err, ST_EINVAL, "%s %s: not a calendar date", field, text);
	return ST_OK;
}

int st_date_parse_input(const char *field, const char *text, st_date today, st_date *out,
			st_error *err)
{
	static const struct { const char *word; int offset; } words[] = {
		{"today", 0}, {"yesterday", -1}, {"tomorrow", 1},
	};
	if (!field)
		field = "date";
	for (size_t i = 0; text && i < sizeof words / sizeof *words; i++)
		if (strcasecmp(text, words[i].word) == 0) {
			*out = today + words[i].offset;
			return ST_OK;
		}
	if (text && strchr(text, '/')) {
		int rc = parse_dmy(field, text, out, err);
		if (rc != NOT_DMY)
			return rc;
		return st_error_set(err, ST_EINVAL, "%s %s: " NOT_A_DATE, field, text);
	}
	int rc = st_date_parse(field, text, out, err);
	if (rc != ST_OK && err && strstr(err->message, "not a date in the form"))
		st_error_set(err, ST_EINVAL, "%s %s: " NOT_A_DATE, field, text);
	return rc;
}

char *st_date_format(st_date d, char buf[ST_DATE_BUFSZ])
{
	if (d == ST_DATE_NONE) {
		buf[0] = '\0';
		return buf;
	}
	int y, m, day;
	st_date_to_ymd(d, &y, &m, &day);
	unsigned uy = (unsigned)y % 10000u, um = (unsigned)m % 100u, ud = (unsigned)day % 100u;
	buf[0] = (char)('0' + uy / 1000), buf[1] = (char)('0' + uy / 100 % 10);
	buf[2] = (char)('0' + uy / 10 % 10), buf[3] = (char)('0' + uy % 10);
	buf[4] = '-', buf[5] = (char)('0' + um / 10), buf[6] = (char)('0' + um % 10);
	buf[7] = '-', buf[8] = (char)('0' + ud / 10), buf[9] = (char)('0' + ud % 10);
	buf[10] = '\0';
	return buf;
}

st_date st_date_monday(st_date d)
{
	/* 1970-01-01, day 0, was a Thursday: (d + 3) mod 7 counts from Monday */
	int from_monday = ((d + 3) % 7 + 7) % 7;
	return d - from_monday;
}

st_date st_date_today(void)
{
	time_t now = time(NULL);
	struct tm tm;
	st_date d = 0;
	if (localtime_r(&now, &tm) && st_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
						       tm.tm_mday, &d) == ST_OK)
		return d;
	return 0;
}
