/* fold.c - matching what people type: "zoe brown" finds Zoë Brown,
 * "Minnie Nguyen" finds Nguyễn, "Achieved" is the rating achieved. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "fold.h"
#include "internal.h"

/* Base letters of U+00C0..U+00FF and U+0100..U+017F ('*' keeps the
 * character: the multiplication and division signs). */
static const char latin1[] = "aaaaaaaceeeeiiiidnooooo*ouuuuyts"
			     "aaaaaaaceeeeiiiidnooooo*ouuuuyty";
static const char latin_ext_a[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkk"
				  "llllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuu"
				  "wwyyyzzzzzzs";

/* The base letter of a Latin letter with diacritics, 0 for a combining
 * mark (dropped), or the code point itself (lower-cased where simple). */
static uint32_t base_letter(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xC0 && c <= 0xFF && latin1[c - 0xC0] != '*')
		return (unsigned char)latin1[c - 0xC0];
	if (c >= 0x100 && c <= 0x17F)
		return (unsigned char)latin_ext_a[c - 0x100];
	if (c >= 0x300 && c <= 0x36F)
		return 0;
	if (c == 0x1A0 || c == 0x1A1)
		return 'o';
	if (c == 0x1AF || c == 0x1B0)
		return 'u';
	if (c >= 0x1EA0 && c <= 0x1EF9) { /* Vietnamese: Ạ..ỹ in runs of one base letter */
		static const struct { uint32_t last; char base; } runs[] = {
			{0x1EB7, 'a'}, {0x1EC7, 'e'}, {0x1ECB, 'i'},
			{0x1EE3, 'o'}, {0x1EF1, 'u'}, {0x1EF9, 'y'},
		};
		for (size_t i = 0; i < sizeof runs / sizeof *runs; i++)
			if (c <= runs[i].last)
				return (unsigned char)runs[i].base;
	}
	if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) /* Greek and Cyrillic capitals */
		return c + 0x20;
	if (c >= 0x410 && c <= 0x42F)
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40F)
		return c + 0x50;
	return c;
}

char *st__fold_plain(const char *s)
{
	if (!s)
		return NULL;
	size_t left = strlen(s);
	char *out = malloc(left + 2); /* ß (2 bytes) -> "ss": never longer */
	if (!out)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;
	int space = 0;
	while (*p) {
		uint32_t c;
		size_t k = st__text_utf8_decode(p, left, &c);
		if (!k) { /* not UTF-8: keep the byte */
			out[o++] = (char)*p++;
			left--;
			continue;
		}
		p += k;
		left -= k;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ', space = 0;
		if (c == 0xDF) { /* ß */
			out[o++] = 's', out[o++] = 's';
			continue;
		}
		uint32_t b = base_letter(c);
		if (b)
			o += st__text_utf8_encode(b, out + o);
	}
	out[o] = '\0';
	return out;
}

int st_text_distance(const char *a, const char *b, int limit)
{
	size_t na = strlen(a), nb = strlen(b);
	if ((na > nb ? na - nb : nb - na) > (size_t)limit)
		return limit + 1;
	int *row = malloc((nb + 1) * sizeof *row);
	if (!row)
		return limit + 1;
	for (size_t j = 0; j <= nb; j++)
		row[j] = (int)j;
	int best = 0;
	for (size_t i = 1; i <= na; i++) {
		int diag = row[0];
		row[0] = (int)i;
		best = row[0];
		for (size_t j = 1; j <= nb; j++) {
			int up = row[j];
			int v = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			diag = up;
			if (v < best)
				best = v;
		}
		if (best > limit) /* every path already costs more */
			break;
	}
	int d = best > limit ? limit + 1 : row[nb];
	free(row);
	return d > limit ? limit + 1 : d;
}

const char *st__fold_enum(const char *text, const char *const *names)
{
	for (; text && *names; names++)
		if (strcasecmp(text, *names) == 0)
			return *names;
	return NULL;
}
