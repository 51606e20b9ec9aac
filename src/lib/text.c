/* text.c - free-text checks (UTF-8, length, control and invisible
 * characters), escaping for terminals, and the case folding used to match
 * pupils by name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* Decode one UTF-8 sequence at s (n bytes left); returns its length and the
 * code point in *cp, or 0 when malformed (overlong, surrogate, > U+10FFFF). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2, c = s[0] & 0x1F, min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3, c = s[0] & 0x0F, min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* 1 when s[0..n) could begin a valid sequence that is cut short. */
static int text_utf8_prefix(const unsigned char *s, size_t n)
{
	size_t need = (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
						: (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (need == 0 || n >= need)
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	return 1;
}

int st__text_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	while (n > 0) {
		size_t k = utf8_decode(p, n, &cp);
		if (k == 0)
			return 0;
		p += k;
		n -= k;
	}
	return 1;
}

int st__text_all_digits(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* What kind of character a single-line field never holds (NULL: none):
 * C1 controls, and the invisible format characters that reorder or hide
 * text (bidirectional embeddings, overrides and isolates, direction marks,
 * zero-width space, word joiner and invisible operators, line and
 * paragraph separators, byte-order mark). Joiners (U+200C, U+200D) stay:
 * names in several scripts need them. */
static const char *format_char(uint32_t c)
{
	if (c >= 0x80 && c <= 0x9F)
		return "a C1 control character";
	if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069))
		return "a bidirectional control character";
	if (c == 0x200B || (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF)
		return "an invisible character";
	if (c == 0x2028 || c == 0x2029)
		return "a line or paragraph separator";
	return NULL;
}

/* The first character of text that field may not hold, as an error. */
static int check_chars(const char *field, const char *text, size_t n, unsigned rules,
		       st_error *err)
{
	const unsigned char *p = (const unsigned char *)text;
	uint32_t cp;
	for (size_t k; n > 0; p += k, n -= k) {
		k = utf8_decode(p, n, &cp);
		int allowed_ws = (rules & TEXT_MULTILINE) && (cp == '\n' || cp == '\t' || cp == '\r');
		if ((cp < 0x20 || cp == 0x7F) && !allowed_ws)
			return st_error_set(err, ST_EINVAL,
					    "%s: contains a control character (byte 0x%02X)", field, cp);
		const char *what = format_char(cp);
		/* multi-line notes may quote such text (escaped when shown); never C1 */
		if (what && (!(rules & TEXT_MULTILINE) || cp <= 0x9F))
			return st_error_set(err, ST_EINVAL, "%s: contains %s (U+%04X); names and "
					    "single-line fields hold visible text only", field, what,
					    (unsigned)cp);
	}
	return ST_OK;
}

int st__text_check(const char *field, const char *text, size_t max, unsigned rules,
	       st_error *err)
{
	if (!text) {
		if (rules & TEXT_REQUIRED)
			return st_error_set(err, ST_EINVAL, "%s: is required", field);
		return ST_OK;
	}
	size_t n = strlen(text);
	if (!st__text_utf8_valid(text, n))
		return st_error_set(err, ST_EINVAL, "%s: not valid UTF-8 text", field);
	if (n > max)
		return st_error_set(err, ST_EINVAL, "%s: too long (%zu bytes; at most %zu)", field,
				    n, max);
	int rc = check_chars(field, text, n, rules, err);
	if (rc != ST_OK)
		return rc;
	if ((rules & TEXT_REQUIRED) && strspn(text, " \t\n\r") == n)
		return st_error_set(err, ST_EINVAL, "%s: is empty", field);
	return ST_OK;
}

size_t st_text_escape_terminal(const char *in, size_t n, int final, char *out, size_t *out_len)
{
	const unsigned char *p = (const unsigned char *)in;
	size_t i = 0, o = 0;
	while (i < n) {
		uint32_t cp;
		size_t k = utf8_decode(p + i, n - i, &cp);
		if (k == 0 && !final && (p[i] & 0xC0) == 0xC0 && n - i < 4 &&
		    text_utf8_prefix(p + i, n - i))
			break; /* the rest of this character comes with the next call */
		if (k == 0) {
			o += (size_t)sprintf(out + o, "\\x%02X", p[i]);
			i++;
			continue;
		}
		if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F)
			o += (size_t)sprintf(out + o, "\\x%02X", (unsigned)cp);
		else if (format_char(cp))
			o += (size_t)sprintf(out + o, "<U+%04X>", (unsigned)cp);
		else
			memcpy(out + o, p + i, k), o += k;
		i += k;
	}
	*out_len = o;
	return i;
}

/* Simple lower-case mapping for the scripts pupils' names are written in. */
static uint32_t fold_cp(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c < 0x80)
		return c;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 0x20;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177) ||
	    (c >= 0x1E00 && c <= 0x1E95) || (c >= 0x1EA0 && c <= 0x1EFF))
		return (c % 2 == 0) ? c + 1 : c;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c % 2 == 1) ? c + 1 : c;
	if (c == 0x178)
		return 0xFF;
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2)
		return c + 0x20;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	return c;
}

static size_t utf8_encode(uint32_t c, char *out)
{
	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

char *st__text_fold(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	/* Folding never lengthens a character by more than one byte. */
	char *out = malloc(2 * n + 1);
	if (!out)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, left = n;
	int pending_space = 0;
	while (left > 0) {
		uint32_t cp;
		size_t k = utf8_decode(p, left, &cp);
		if (k == 0) { /* not UTF-8: keep the byte, match exactly */
			cp = *p;
			k = 1;
			out[o++] = (char)cp;
			p += k;
			left -= k;
			continue;
		}
		p += k;
		left -= k;
		if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			pending_space = o > 0;
			continue;
		}
		if (pending_space) {
			out[o++] = ' ';
			pending_space = 0;
		}
		o += utf8_encode(fold_cp(cp), out + o);
	}
	out[o] = '\0';
	return out;
}

int st__text_name_set(const char *text, const char *(*name_at)(int), int count, unsigned *mask,
		  const char **bad, size_t *bad_len)
{
	unsigned m = 0;
	const char *p = text ? text : "";
	while (*p) {
		size_t n = strcspn(p, ",");
		int i = 0;
		while (i < count && !(strlen(name_at(i)) == n && strncmp(p, name_at(i), n) == 0))
			i++;
		if (i == count) {
			*bad = p;
			*bad_len = n > 40 ? 40 : n;
			return -1;
		}
		m |= 1u << i;
		p += n + (p[n] == ',');
	}
	*mask = m;
	return 0;
}

char *st__xstrdup(const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (d)
		memcpy(d, s, n);
	return d;
}

int st__err_nomem(st_error *err)
{
	return st_error_set(err, ST_EINTERNAL, "out of memory");
}

int st__err_stopped(int stop, const char *doing, st_error *err)
{
	if (stop < 0 && err && err->code == ST_OK)
		st_error_set(err, stop, "%s: stopped by the program (%s)", doing,
			     st_code_name(stop));
	return stop;
}
