/* test_text_basics.c - text.c's building blocks: UTF-8 validation, the
 * length and blank rules of st__text_check, the case folding used to find
 * pupils by name, comma-separated name lists. (The character rules for
 * names and terminal escaping are in test_text.c.) */
#include <stdlib.h>
#include <string.h>
#include "support.h"
#include "internal.h"

static int valid(const char *s)
{
	return st__text_utf8_valid(s, strlen(s));
}

static void validates_utf8(void **state)
{
	(void)state;
	assert_true(valid(""));
	assert_true(valid("Zo\xC3\xAB"));                 /* Zoë */
	assert_true(valid("Nguy\xE1\xBB\x85n"));          /* Nguyễn */
	assert_true(valid("\xF0\x9F\x98\x80"));           /* U+1F600, four bytes */
	assert_true(valid("\xF4\x8F\xBF\xBF"));           /* U+10FFFF, the last */
	assert_false(valid("L\xE9" "e"));                 /* Latin-1 é */
	assert_false(valid("\xC3"));                      /* cut short */
	assert_false(valid("\xC0\xAF"));                  /* overlong '/' */
	assert_false(valid("\xE0\x80\xAF"));              /* overlong, three bytes */
	assert_false(valid("\xED\xA0\x80"));              /* a UTF-16 surrogate */
	assert_false(valid("\xF4\x90\x80\x80"));          /* above U+10FFFF */
	assert_false(valid("\xFF\xFE"));                  /* a UTF-16 byte-order mark */
	assert_false(valid("\x80"));                      /* a lone continuation byte */
	/* the length given is what is checked: the NUL inside is a valid byte */
	assert_true(st__text_utf8_valid("a\0b", 3));
	assert_false(st__text_utf8_valid("Zo\xC3\xAB", 3));   /* ë cut by the length */
}

static void all_digits(void **state)
{
	(void)state;
	assert_true(st__text_all_digits("0"));
	assert_true(st__text_all_digits("20261125"));
	assert_false(st__text_all_digits(""));
	assert_false(st__text_all_digits("-1"));
	assert_false(st__text_all_digits("12a"));
	assert_false(st__text_all_digits(" 1"));
	assert_false(st__text_all_digits("\xD9\xA1"));        /* Arabic-Indic one */
}

static void checks_required_length_and_controls(void **state)
{
	(void)state;
	st_error err;
	assert_ok(st__text_check("--notes", NULL, 10, TEXT_OPTIONAL, &err), err);
	assert_ok(st__text_check("--notes", "", 10, TEXT_OPTIONAL, &err), err);
	assert_error(st__text_check("--surname", NULL, 10, TEXT_REQUIRED, &err), err, ST_EINVAL,
		     "--surname: is required");
	assert_error(st__text_check("--surname", "", 10, TEXT_REQUIRED, &err), err, ST_EINVAL,
		     "--surname: is empty");
	assert_error(st__text_check("--surname", "   ", 10, TEXT_REQUIRED, &err), err, ST_EINVAL,
		     "--surname: is empty");
	assert_error(st__text_check("--notes", " \n\t ", 10, TEXT_REQUIRED | TEXT_MULTILINE, &err), err,
		     ST_EINVAL, "--notes: is empty");
	/* length is in bytes: ë is two */
	assert_ok(st__text_check("--class", "abcde", 5, 0, &err), err);
	assert_error(st__text_check("--class", "abcdef", 5, 0, &err), err, ST_EINVAL,
		     "--class: too long (6 bytes; at most 5)");
	assert_error(st__text_check("--class", "Zo\xC3\xAB", 3, 0, &err), err, ST_EINVAL,
		     "--class: too long (4 bytes; at most 3)");
	/* bad UTF-8 is named before the length */
	assert_error(st__text_check("--class", "\xFF\xFF\xFF\xFF", 3, 0, &err), err, ST_EINVAL,
		     "--class: not valid UTF-8 text");
	/* newline, tab and carriage return only in multi-line text; never DEL */
	assert_error(st__text_check("--surname", "Lee\tTab", 100, TEXT_REQUIRED, &err), err, ST_EINVAL,
		     "--surname: contains a control character (byte 0x09)");
	assert_error(st__text_check("--surname", "Lee\r", 100, 0, &err), err, ST_EINVAL,
		     "(byte 0x0D)");
	assert_ok(st__text_check("--notes", "line one\r\nline\ttwo", 100, TEXT_MULTILINE, &err), err);
	assert_error(st__text_check("--notes", "bell\x07", 100, TEXT_MULTILINE, &err), err, ST_EINVAL,
		     "--notes: contains a control character (byte 0x07)");
	assert_error(st__text_check("--notes", "del\x7F", 100, TEXT_MULTILINE, &err), err, ST_EINVAL,
		     "(byte 0x7F)");
}

static void expect_fold(const char *in, const char *want)
{
	char *got = st__text_fold(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void folds_names_for_matching(void **state)
{
	(void)state;
	expect_fold("Zo\xC3\xAB Brown", "zo\xC3\xAB brown");
	expect_fold("ZO\xC3\x8B", "zo\xC3\xAB");                        /* Ë -> ë */
	expect_fold("  Amir \t KHAN  ", "amir khan");                  /* trimmed, one space */
	expect_fold("NGUY\xE1\xBB\x84N", "nguy\xE1\xBB\x85n");          /* Ễ -> ễ */
	expect_fold("\xC5\x81UKASZ", "\xC5\x82ukasz");                 /* Ł -> ł */
	expect_fold("\xC5\xBD" "ANA", "\xC5\xBE" "ana");               /* Ž -> ž */
	expect_fold("\xC5\xB8", "\xC3\xBF");                           /* Ÿ -> ÿ */
	expect_fold("\xCE\x91\xCE\xA9", "\xCE\xB1\xCF\x89");            /* ΑΩ -> αω */
	expect_fold("\xD0\x96\xD0\x81", "\xD0\xB6\xD1\x91");            /* ЖЁ -> жё */
	expect_fold("\xC3\x9F", "\xC3\x9F");                           /* ß stays */
	expect_fold("5\xC3\x97" "3", "5\xC3\x97" "3");                 /* × is not a letter */
	expect_fold("O'BRIEN-SMITH", "o'brien-smith");
	expect_fold("A\xFF" "B", "a\xFF" "b");                         /* a stray byte stays */
	expect_fold("", "");
	assert_null(st__text_fold(NULL));
}

static const char *const who[] = {"parents", "pupil", "senco"};
static const char *who_at(int i)
{
	return who[i];
}

static void parses_name_lists(void **state)
{
	(void)state;
	unsigned mask = 99;
	const char *bad = NULL;
	size_t len = 0;
	assert_int_equal(st__text_name_set("parents,senco", who_at, 3, &mask, &bad, &len), 0);
	assert_int_equal(mask, 1u | 4u);
	assert_int_equal(st__text_name_set("senco,parents,senco", who_at, 3, &mask, &bad, &len), 0);
	assert_int_equal(mask, 1u | 4u);
	assert_int_equal(st__text_name_set("pupil", who_at, 3, &mask, &bad, &len), 0);
	assert_int_equal(mask, 2u);
	assert_int_equal(st__text_name_set("", who_at, 3, &mask, &bad, &len), 0);
	assert_int_equal(mask, 0u);
	assert_int_equal(st__text_name_set(NULL, who_at, 3, &mask, &bad, &len), 0);
	assert_int_equal(mask, 0u);
	/* an unknown name is pointed at, for the message */
	const char *text = "parents,Mum,senco";
	assert_int_equal(st__text_name_set(text, who_at, 3, &mask, &bad, &len), -1);
	assert_ptr_equal(bad, text + 8);
	assert_int_equal(len, 3);
	/* whole names only, exact case */
	assert_int_equal(st__text_name_set("parent", who_at, 3, &mask, &bad, &len), -1);
	assert_int_equal(st__text_name_set("parentsx", who_at, 3, &mask, &bad, &len), -1);
	assert_int_equal(st__text_name_set("Parents", who_at, 3, &mask, &bad, &len), -1);
	assert_int_equal(st__text_name_set("parents,,senco", who_at, 3, &mask, &bad, &len), -1);
	assert_int_equal(len, 0);
	/* a long unknown name is cut to 40 bytes */
	char longname[100];
	memset(longname, 'x', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	assert_int_equal(st__text_name_set(longname, who_at, 3, &mask, &bad, &len), -1);
	assert_int_equal(len, 40);
}

static void duplicates_strings(void **state)
{
	(void)state;
	assert_null(st__xstrdup(NULL));
	const char *in = "Siobhan";
	char *d = st__xstrdup(in);
	assert_string_equal(d, in);
	assert_ptr_not_equal(d, in);
	free(d);
	st_error err;
	assert_int_equal(st__err_nomem(&err), ST_EINTERNAL);
	assert_string_equal(err.message, "out of memory");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(validates_utf8),
		cmocka_unit_test(all_digits),
		cmocka_unit_test(checks_required_length_and_controls),
		cmocka_unit_test(folds_names_for_matching),
		cmocka_unit_test(parses_name_lists),
		cmocka_unit_test(duplicates_strings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
