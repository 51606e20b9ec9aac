/* test_money.c - pounds as typed by a SENCO to integer pence and back:
 * every accepted form, every refusal with its message, the bounds. */
#include <string.h>
#include "support.h"

static int64_t pence(const char *text)
{
	int64_t p = -1;
	st_error err;
	assert_ok(st_money_parse("--hourly-cost", text, &p, &err), err);
	return p;
}

static void parses_pounds_to_pence(void **state)
{
	(void)state;
	assert_int_equal(pence("25"), 2500);
	assert_int_equal(pence("25.5"), 2550);      /* one decimal is tens of pence */
	assert_int_equal(pence("25.50"), 2550);
	assert_int_equal(pence("25.05"), 2505);
	assert_int_equal(pence("\xC2\xA3" "15.78"), 1578); /* a leading £ */
	assert_int_equal(pence("0"), 0);
	assert_int_equal(pence("0.01"), 1);
	assert_int_equal(pence("007.10"), 710);
	assert_int_equal(pence("6000.00"), 600000);
	/* the largest amount: £1,000,000,000.00 */
	assert_int_equal(pence("1000000000"), ST_MONEY_MAX_PENCE);
	assert_int_equal(pence("1000000000.00"), ST_MONEY_MAX_PENCE);
}

static void refuses_what_is_not_pounds(void **state)
{
	(void)state;
	static const struct {
		const char *text, *message;
	} bad[] = {
		{"15.999", "--hourly-cost 15.999: at most two decimal places (pence)"},
		{"-15", "--hourly-cost -15: not an amount in pounds (e.g. 25 or 25.50)"},
		{"1e308", "--hourly-cost 1e308: not an amount in pounds (e.g. 25 or 25.50)"},
		{"abc", "--hourly-cost abc: not an amount in pounds (e.g. 25 or 25.50)"},
		{"", "--hourly-cost : not an amount in pounds (e.g. 25 or 25.50)"},
		{" 25", "--hourly-cost  25: not an amount in pounds (e.g. 25 or 25.50)"},
		{"25 ", "--hourly-cost 25 : not an amount in pounds (e.g. 25 or 25.50)"},
		{"25,50", "--hourly-cost 25,50: not an amount in pounds (e.g. 25 or 25.50)"},
		{"1,000", "--hourly-cost 1,000: not an amount in pounds (e.g. 25 or 25.50)"},
		{".50", "--hourly-cost .50: not an amount in pounds (e.g. 25 or 25.50)"},
		{"25.", "--hourly-cost 25.: not an amount in pounds"},
		{"\xC2\xA3", "--hourly-cost \xC2\xA3: not an amount in pounds (e.g. 25 or 25.50)"},
		{"$25", "--hourly-cost $25: not an amount in pounds (e.g. 25 or 25.50)"},
		{"1000000001", "--hourly-cost 1000000001: amount too large"},
		{"99999999999999999999999", "--hourly-cost 99999999999999999999999: amount too large"},
		/* a few pence over the largest amount is over it too */
		{"1000000000.01", "--hourly-cost 1000000000.01: amount too large"},
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int64_t p = 12345;
		st_error err;
		int rc = st_money_parse("--hourly-cost", bad[i].text, &p, &err);
		if (rc != ST_EINVAL || strcmp(err.message, bad[i].message) != 0)
			fail_msg("\"%s\": got %d \"%s\", expected \"%s\"", bad[i].text, rc, err.message,
				 bad[i].message);
		assert_int_equal(p, 12345); /* untouched on error */
	}
	st_error err;
	int64_t p;
	assert_error(st_money_parse("--hourly-cost", NULL, &p, &err), err, ST_EINVAL,
		     "--hourly-cost : not an amount in pounds");
}

static void long_input_is_cut_in_the_message(void **state)
{
	(void)state;
	char text[200];
	memset(text, 'x', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	int64_t p;
	st_error err;
	assert_int_equal(st_money_parse("--hourly-cost", text, &p, &err), ST_EINVAL);
	/* the field, 40 characters of the value, the rule */
	assert_string_equal(err.message, "--hourly-cost xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx: not "
					 "an amount in pounds (e.g. 25 or 25.50)");
}

static void formats_pence_as_pounds(void **state)
{
	(void)state;
	char buf[ST_MONEY_BUFSZ];
	assert_string_equal(st_money_format(0, buf), "0.00");
	assert_string_equal(st_money_format(1, buf), "0.01");
	assert_string_equal(st_money_format(10, buf), "0.10");
	assert_string_equal(st_money_format(2550, buf), "25.50");
	assert_string_equal(st_money_format(600000, buf), "6000.00");
	assert_string_equal(st_money_format(912000, buf), "9120.00");
	assert_string_equal(st_money_format(-5, buf), "-0.05");
	assert_string_equal(st_money_format(-12345, buf), "-123.45");
	assert_string_equal(st_money_format(ST_MONEY_MAX_PENCE, buf), "1000000000.00");
	/* the extremes fit the buffer and do not overflow when negated */
	assert_string_equal(st_money_format(INT64_MAX, buf), "92233720368547758.07");
	assert_string_equal(st_money_format(INT64_MIN, buf), "-92233720368547758.08");
	assert_ptr_equal(st_money_format(7, buf), buf);
}

static void format_and_parse_agree(void **state)
{
	(void)state;
	static const int64_t amounts[] = {0, 1, 99, 100, 1550, 157800, 9999999, ST_MONEY_MAX_PENCE};
	for (size_t i = 0; i < sizeof amounts / sizeof *amounts; i++) {
		char buf[ST_MONEY_BUFSZ];
		assert_int_equal(pence(st_money_format(amounts[i], buf)), amounts[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_pounds_to_pence),
		cmocka_unit_test(refuses_what_is_not_pounds),
		cmocka_unit_test(long_input_is_cut_in_the_message),
		cmocka_unit_test(formats_pence_as_pounds),
		cmocka_unit_test(format_and_parse_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
