/* test_idmap.c - what `migrate` remaps and compares without a server: the
 * old id -> new id maps and the row checksum both sides compute. */
#include <string.h>
#include "support.h"
#include "idmap.h"

static void maps_old_ids_to_new(void **state)
{
	(void)state;
	struct st__idmap m = {0};
	/* more than one growth of the arrays, with gaps (deleted rows) */
	for (int64_t old = 1; old <= 500; old += 3)
		assert_int_equal(st__idmap_add(&m, old, 1000 + old * 2), 0);
	assert_int_equal(st__idmap_get(&m, 1), 1002);
	assert_int_equal(st__idmap_get(&m, 250), 1500);
	assert_int_equal(st__idmap_get(&m, 499), 1998);
	assert_int_equal(st__idmap_get(&m, 2), 0);   /* a row no longer there */
	assert_int_equal(st__idmap_get(&m, 0), 0);
	assert_int_equal(st__idmap_get(&m, 9999), 0);
	st__idmap_free(&m);
	assert_int_equal(st__idmap_get(&m, 1), 0);
}

static void refuses_ids_out_of_order(void **state)
{
	(void)state;
	struct st__idmap m = {0};
	assert_int_equal(st__idmap_add(&m, 5, 1), 0);
	assert_int_equal(st__idmap_add(&m, 5, 2), -1);
	assert_int_equal(st__idmap_add(&m, 4, 2), -1);
	assert_int_equal(st__idmap_get(&m, 5), 1);
	st__idmap_free(&m);
}

static void row_hash_tells_values_apart(void **state)
{
	(void)state;
	const char *a[] = {"Khan", "2017-11-02", NULL};
	const char *same[] = {"Khan", "2017-11-02", NULL};
	const char *empty[] = {"Khan", "2017-11-02", ""};    /* "" is not NULL */
	const char *moved[] = {"Kha", "n2017-11-02", NULL};  /* a boundary moved */
	const char *other[] = {"Khan", "2017-11-03", NULL};
	assert_true(st__row_hash(a, 3) == st__row_hash(same, 3));
	assert_true(st__row_hash(a, 3) != st__row_hash(empty, 3));
	assert_true(st__row_hash(a, 3) != st__row_hash(moved, 3));
	assert_true(st__row_hash(a, 3) != st__row_hash(other, 3));
	assert_true(st__row_hash(a, 2) != st__row_hash(a, 3));
}

/* A table's checksum is a sum: the order rows are read in does not matter,
 * a row missing or doubled does. */
static void table_checksum_ignores_order_only(void **state)
{
	(void)state;
	const char *r1[] = {"1", "K"}, *r2[] = {"2", "E"}, *r3[] = {"3", "N"};
	uint64_t h1 = st__row_hash(r1, 2), h2 = st__row_hash(r2, 2), h3 = st__row_hash(r3, 2);
	assert_true(h1 + h2 + h3 == h3 + h1 + h2);
	assert_true(h1 + h2 + h3 != h1 + h2 + h2);
	assert_true(h1 + h2 != h1 + h2 + h3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(maps_old_ids_to_new),
		cmocka_unit_test(refuses_ids_out_of_order),
		cmocka_unit_test(row_hash_tells_values_apart),
		cmocka_unit_test(table_checksum_ignores_order_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
