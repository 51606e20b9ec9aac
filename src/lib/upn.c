/* upn.c - Unique Pupil Number validation (DfE UPN specification).
 *
 * Check letter: weight characters 2-13 by their position (2..13), sum, take
 * the remainder modulo 23 and index the 23 letters that exclude I, O and S.
 * A temporary UPN has a letter in position 13, valued by the same index. */
#include <string.h>
#include "sentrack/upn.h"

static const char upn_letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";

static int letter_value(char c)
{
	const char *p = c ? strchr(upn_letters, c) : NULL;
	return p ? (int)(p - upn_letters) : -1;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

char st_upn_check_letter(const char *upn)
{
	if (!upn || strlen(upn) != ST_UPN_LEN)
		return 0;
	int sum = 0;
	for (int pos = 2; pos <= ST_UPN_LEN; pos++) {
		char c = upn[pos - 1];
		int v = is_digit(c) ? c - '0' : pos == ST_UPN_LEN ? letter_value(c) : -1;
		if (v < 0)
			return 0;
		sum += v * pos;
	}
	return upn_letters[sum % 23];
}

int st_upn_is_temporary(const char *upn)
{
	return upn && strlen(upn) == ST_UPN_LEN && !is_digit(upn[ST_UPN_LEN - 1]);
}

int st_upn_validate(const char *field, const char *text, st_error *err)
{
	if (!field)
		field = "UPN";
	if (!text || !*text)
		return st_error_set(err, ST_EINVAL, "%s: missing UPN", field);
	size_t n = strlen(text);
	if (n != ST_UPN_LEN)
		return st_error_set(err, ST_EINVAL, "%s %s: a UPN has 13 characters, not %zu",
				    field, text, n);
	if (letter_value(text[0]) < 0)
		return st_error_set(err, ST_EINVAL,
				    "%s %s: must start with a capital check letter (not I, O or S)",
				    field, text);
	for (int i = 1; i < ST_UPN_LEN - 1; i++)
		if (!is_digit(text[i]))
			return st_error_set(err, ST_EINVAL,
					    "%s %s: characters 2 to 12 must be digits", field, text);
	char last = text[ST_UPN_LEN - 1];
	if (!is_digit(last) && letter_value(last) < 0)
		return st_error_set(err, ST_EINVAL,
				    "%s %s: character 13 must be a digit, or a capital letter other "
				    "than I, O or S for a temporary UPN", field, text);
	char check = st_upn_check_letter(text);
	/* Never name the letter the digits would give: a mistyped digit is as
	 * likely as a wrong letter, and "should be P" invites a wrong fix. */
	if (check != text[0])
		return st_error_set(err, ST_EINVAL, "%s %s: the check letter %c does not match its "
				    "digits: check it in the MIS", field, text, text[0]);
	return ST_OK;
}
