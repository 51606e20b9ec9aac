/* test_fold.c - matching what people type (accent folding, edit distance,
 * enumerations in any case) and JSON output built by SQLite (issue 16). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fold.h"
#include "support.h"

static void folds(const char *in, const char *want)
{
	char *got = st__fold_plain(in);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void folds_accents_and_case(void **state)
{
	(void)state;
	folds("Zoë Brown", "zoe brown");
	folds("Minnie Nguyễn", "minnie nguyen");
	folds("  Zofia   Wiśniewska ", "zofia wisniewska");
	folds("Tomáš Novák", "tomas novak");
	folds("Elsa Björk", "elsa bjork");
	folds("ŁUKASZ Żółć", "lukasz zolc");
	folds("Strauß", "strauss");
	folds("Ðặng Thị Ư", "dang thi u");
	folds("Amélie", "amelie");
	folds("Ame\xCC\x81lie", "amelie"); /* decomposed: e + combining acute */
	folds("Ольга", "ольга");          /* Cyrillic: lower-cased, kept */
	folds("a\xFF" "b", "a\xFF" "b");  /* not UTF-8: kept byte for byte */
}

static void measures_distance(void **state)
{
	(void)state;
	assert_int_equal(st_text_distance("cycle", "cycle", 2), 0);
	assert_int_equal(st_text_distance("pupils", "pupil", 2), 1);
	assert_int_equal(st_text_distance("cycel", "cycle", 2), 2);
	assert_int_equal(st_text_distance("opne", "open", 2), 2);
	assert_int_equal(st_text_distance("register", "review", 2), 3); /* limit + 1 */
	assert_int_equal(st_text_distance("", "abc", 5), 3);
}

static void enumerations_in_any_case(void **state)
{
	(void)state;
	static const char *const ratings[] = {"achieved", "partially", "not-achieved", NULL};
	assert_string_equal(st__fold_enum("Achieved", ratings), "achieved");
	assert_string_equal(st__fold_enum("NOT-ACHIEVED", ratings), "not-achieved");
	assert_null(st__fold_enum("achieve", ratings));
	assert_null(st__fold_enum(NULL, ratings));
}

static char *json_text(st_json *j, int as_object)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	st_error err;
	assert_ok(st_json_write(j, as_object, f, &err), err);
	fclose(f);
	return buf;
}

static void json_is_escaped_by_sqlite(void **state)
{
	(void)state;
	st_json *j, *inner;
	st_error err;
	assert_ok(st_json_new(&j, &err), err);
	assert_ok(st_json_new(&inner, &err), err);
	char *empty = json_text(j, 0);
	assert_string_equal(empty, "[]\n");
	free(empty);
	assert_ok(st_json_text(j, "name", "D'Souza \"Anya\"\n\\ Zoë", &err), err);
	assert_ok(st_json_int(j, "id", 21, &err), err);
	assert_ok(st_json_date(j, "left", ST_DATE_NONE, &err), err);
	assert_ok(st_json_text(j, "upn", NULL, &err), err);
	assert_ok(st_json_bool(j, "ok", 1, &err), err);
	assert_ok(st_json_int(inner, "n", 1, &err), err);
	assert_ok(st_json_end_object(inner, &err), err);
	assert_ok(st_json_nested(j, "list", inner, 0, &err), err);
	assert_ok(st_json_end_object(j, &err), err);
	assert_ok(st_json_text(j, "id", "2", &err), err);
	assert_ok(st_json_end_object(j, &err), err);
	char *text = json_text(j, 0);
	assert_string_equal(text, "[{\"name\":\"D'Souza \\\"Anya\\\"\\n\\\\ Zoë\",\"id\":21,"
				  "\"left\":null,\"upn\":null,\"ok\":true,\"list\":[{\"n\":1}]},"
				  "{\"id\":\"2\"}]\n");
	free(text);
	st_json_free(inner);
	st_json_free(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(folds_accents_and_case),
		cmocka_unit_test(measures_distance),
		cmocka_unit_test(enumerations_in_any_case),
		cmocka_unit_test(json_is_escaped_by_sqlite),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
