/* test_text.c - the character rules of names and single-line fields, and
 * the escaping of text shown on a terminal. */
#include <stdlib.h>
#include <string.h>
#include "support.h"
#include "internal.h"

static void refuses_controls_and_format_characters_in_names(void **state)
{
	(void)state;
	st_error err;
	static const struct {
		const char *text, *what;
	} bad[] = {
		{"Ev\xE2\x80\xAEil", "a bidirectional control character (U+202E)"},
		{"Ev\xC2\x85il", "a C1 control character (U+0085)"},
		{"Ev\xC2\x9Bil", "a C1 control character (U+009B)"},
		{"\xE2\x80\x8EZo", "a bidirectional control character (U+200E)"},
		{"Zo\xE2\x80\x8F", "a bidirectional control character (U+200F)"},
		{"Zo\xE2\x81\xA6x", "a bidirectional control character (U+2066)"},
		{"Zo\xE2\x81\xA9x", "a bidirectional control character (U+2069)"},
		{"Zo\xE2\x80\xAAx", "a bidirectional control character (U+202A)"},
		{"Zo\xE2\x80\x8Bx", "an invisible character (U+200B)"},
		{"Zo\xEF\xBB\xBFx", "an invisible character (U+FEFF)"},
		{"Zo\xE2\x80\xA8x", "a line or paragraph separator (U+2028)"},
		{"Zo\x1B[31m", "a control character (byte 0x1B)"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		assert_error(st__text_check("--surname", bad[i].text, 100, TEXT_REQUIRED, &err), err,
			     ST_EINVAL, bad[i].what);
		assert_non_null(strstr(err.message, "--surname: contains"));
	}
	/* names in many scripts: accents, joiners (Persian, Indic) */
	assert_ok(st__text_check("--surname", "Nguyễn", 100, TEXT_REQUIRED, &err), err);
	assert_ok(st__text_check("--surname", "\xD9\x85\xE2\x80\x8C\xD8\xB1", 100, 0, &err), err);
	/* multi-line notes may quote bidi text (escaped when shown), never C1 */
	assert_ok(st__text_check("--notes", "a\n\xE2\x80\xAE b", 1000, TEXT_MULTILINE, &err), err);
	assert_error(st__text_check("--notes", "a\xC2\x85", 1000, TEXT_MULTILINE, &err), err, ST_EINVAL,
		     "C1 control");
}

static char *escape(const char *in, size_t n, int final, size_t *used)
{
	char *out = malloc(4 * n + 16);
	size_t len;
	*used = st_text_escape_terminal(in, n, final, out, &len);
	out[len] = '\0';
	return out;
}

static void escapes_for_the_terminal(void **state)
{
	(void)state;
	size_t used;
	const char *in = "Ev\xE2\x80\xAEil\x1B[31m\tZo\xC3\xAB\n\xC2\x85\xFF";
	char *got = escape(in, strlen(in), 1, &used);
	assert_string_equal(got, "Ev<U+202E>il\\x1B[31m\tZoë\n<U+0085>\\xFF");
	assert_int_equal(used, strlen(in));
	free(got);
	/* a character cut at the end waits for the rest, unless final */
	got = escape("ab\xE2\x80", 4, 0, &used);
	assert_string_equal(got, "ab");
	assert_int_equal(used, 2);
	free(got);
	got = escape("ab\xE2\x80", 4, 1, &used);
	assert_string_equal(got, "ab\\xE2\\x80");
	free(got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(refuses_controls_and_format_characters_in_names),
		cmocka_unit_test(escapes_for_the_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
