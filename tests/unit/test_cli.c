/* test_cli.c - the program's own promises: a failure is never reported as
 * "ok" nor with exit status 0. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "support.h"
#include "cli.h"

/* Run cli_fail on err with stderr captured into buf. */
static int fail_captured(const st_error *err, char *buf, size_t size)
{
	fflush(stderr);
	FILE *tmp = tmpfile();
	assert_non_null(tmp);
	int saved = dup(2);
	dup2(fileno(tmp), 2);
	struct cli cli = {0};
	int status = cli_fail(&cli, err);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(tmp);
	size_t n = fread(buf, 1, size - 1, tmp);
	buf[n] = '\0';
	fclose(tmp);
	return status;
}

static void an_error_without_a_code_is_an_internal_error(void **state)
{
	(void)state;
	char out[2048];
	st_error err;
	st_error_clear(&err); /* what a path that forgot to fill it leaves */
	assert_int_equal(fail_captured(&err, out, sizeof out), 70);
	assert_null(strstr(out, "sentrack: ok"));
	assert_non_null(strstr(out, "internal error"));
	/* a stray message without a code is shown, still as a bug */
	st_error_clear(&err);
	strcpy(err.message, "half-filled");
	assert_int_equal(fail_captured(&err, out, sizeof out), 70);
	assert_non_null(strstr(out, "half-filled"));
}

static void a_filled_error_keeps_its_status_and_message(void **state)
{
	(void)state;
	char out[2048];
	st_error err;
	st_error_set(&err, ST_EBUSY, "database is busy");
	assert_int_equal(fail_captured(&err, out, sizeof out), 75);
	assert_string_equal(out, "sentrack: database is busy\n");
	st_error_set(&err, ST_EINVAL, "--dob 2015-02-30: not a calendar date");
	assert_int_equal(fail_captured(&err, out, sizeof out), 65);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(an_error_without_a_code_is_an_internal_error),
		cmocka_unit_test(a_filled_error_keeps_its_status_and_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
