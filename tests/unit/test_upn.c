/* test_upn.c - UPN validation against the DfE check-letter algorithm. */
#include <string.h>
#include "support.h"

static void accepts_valid_upns(void **state)
{
	(void)state;
	const char *valid[] = {"B801200005001", "H801200001001", "G80120000101A",
			       "X00180001701A", "P207000016049"};
	st_error err;
	for (size_t i = 0; i < sizeof valid / sizeof *valid; i++)
		assert_ok(st_upn_validate("--upn", valid[i], &err), err);
	assert_true(st_upn_is_temporary("G80120000101A"));
	assert_false(st_upn_is_temporary("B801200005001"));
}

static void computes_check_letters(void **state)
{
	(void)state;
	assert_int_equal(st_upn_check_letter("B801200005001"), 'B');
	assert_int_equal(st_upn_check_letter("Z801200001001"), 'H');
	assert_int_equal(st_upn_check_letter("X00180001701A"), 'X');
	assert_int_equal(st_upn_check_letter("short"), 0);
	assert_int_equal(st_upn_check_letter("A80120000101S"), 0); /* S is not a UPN letter */
	assert_int_equal(st_upn_check_letter(NULL), 0);
}

static void refuses_wrong_check_letter(void **state)
{
	(void)state;
	st_error err;
	assert_error(st_upn_validate("--upn", "Z801200001001", &err), err, ST_EINVAL,
		     "--upn Z801200001001: the check letter Z does not match its digits: check it in the MIS");
}

static void refuses_bad_temporary_letter(void **state)
{
	(void)state;
	st_error err;
	assert_error(st_upn_validate("--upn", "G80120000101S", &err), err, ST_EINVAL,
		     "character 13 must be a digit, or a capital letter other than I, O or S");
	assert_error(st_upn_validate("--upn", "G80120000101I", &err), err, ST_EINVAL,
		     "character 13");
	assert_error(st_upn_validate("--upn", "G80120000101a", &err), err, ST_EINVAL,
		     "character 13");
}

static void refuses_malformed(void **state)
{
	(void)state;
	st_error err;
	assert_error(st_upn_validate("--upn", "B80120000500", &err), err, ST_EINVAL,
		     "a UPN has 13 characters, not 12");
	assert_error(st_upn_validate("--upn", "B8012000050011", &err), err, ST_EINVAL,
		     "not 14");
	assert_error(st_upn_validate("--upn", "b801200005001", &err), err, ST_EINVAL,
		     "must start with a capital check letter");
	assert_error(st_upn_validate("--upn", "O801200005001", &err), err, ST_EINVAL,
		     "must start with a capital check letter");
	assert_error(st_upn_validate("--upn", "B80120000A001", &err), err, ST_EINVAL,
		     "characters 2 to 12 must be digits");
	assert_error(st_upn_validate("--upn", "", &err), err, ST_EINVAL, "missing UPN");
	assert_error(st_upn_validate("--upn", NULL, &err), err, ST_EINVAL, "missing UPN");
	/* A valid-looking UPN with one digit changed fails its check. */
	assert_error(st_upn_validate("--upn", "B801200005002", &err), err, ST_EINVAL,
		     "does not match its digits: check it in the MIS");
	/* never the letter the digits would give: a digit may be what is wrong */
	assert_null(strstr(err.message, "should be"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_valid_upns),
		cmocka_unit_test(computes_check_letters),
		cmocka_unit_test(refuses_wrong_check_letter),
		cmocka_unit_test(refuses_bad_temporary_letter),
		cmocka_unit_test(refuses_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
