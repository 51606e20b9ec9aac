/* test_check_sql.c - bench/check.sql, the baseline of the check benchmark,
 * covers every rule `sentrack check` has: each rule id is in its `rule`
 * table (the sort order) and in a finding block. A rule added to the
 * library without its SQL fails here, so the benchmark never compares
 * sentrack with a baseline that does less work (issue 15).
 * tests/e2e/test_check_sql.sh proves the findings equal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support.h"

static char *read_check_sql(void)
{
	const char *dir = getenv("SENTRACK_SOURCE_DIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/bench/check.sql", dir ? dir : ".");
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	static char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	assert_true(n > 0 && n < sizeof buf - 1);
	buf[n] = '\0';
	return buf;
}

static int occurrences(const char *text, const char *needle)
{
	int n = 0;
	for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
		n++;
	return n;
}

static void every_rule_has_its_sql(void **state)
{
	(void)state;
	const char *sql = read_check_sql();
	for (int r = 0; r < ST_RULE_COUNT; r++) {
		char order[64], quoted[64];
		snprintf(order, sizeof order, "('%s', %d)", st_rule_id((st_rule)r), r);
		snprintf(quoted, sizeof quoted, "'%s'", st_rule_id((st_rule)r));
		if (!strstr(sql, order))
			fail_msg("bench/check.sql: the rule table lacks %s (sentrack sorts by rule number)",
				 order);
		if (occurrences(sql, quoted) < 2)
			fail_msg("bench/check.sql: no finding block for rule %s", quoted);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_rule_has_its_sql),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
