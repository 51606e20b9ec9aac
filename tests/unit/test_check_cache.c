/* test_check_cache.c - check reads the open cycles with a small page cache
 * (src/lib/sqlite/check.c: each page is read once, so 256 KiB does as well
 * as 2 MiB and touches fewer fresh pages, issue 15) and gives the cache its
 * size back for the queries after, also when a callback stops the query. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support.h"
#include "internal.h"
#include "sqlite/sqlite_store.h"

struct seen {
	struct store *store;
	int rows, during, stop;
};

static int cache_now(sqlite3 *raw)
{
	sqlite3_stmt *st;
	int size = 0;
	assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA cache_size", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		size = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return size;
}

static int on_row(const struct check_row *r, void *payload)
{
	(void)r;
	struct seen *s = payload;
	s->during = cache_now(sqlst_db(s->store));
	s->rows++;
	return s->stop;
}

static void open_cycles_are_read_with_a_small_cache(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	assert_ok(st_demo_load(db, NULL, &err), err);
	sqlite3 *raw = sqlst_db(db->store);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA cache_size=-1234", NULL, NULL, NULL), SQLITE_OK);
	struct seen s = {db->store, 0, 0, 0};
	assert_ok(st__store_check_cycles(db->store, on_row, &s, &err), err);
	assert_true(s.rows > 0);
	assert_int_equal(s.during, -256);
	assert_int_equal(cache_now(raw), -1234); /* what it was, not the default */
	/* a callback that stops the query: the size still comes back */
	s = (struct seen){db->store, 0, 0, 7};
	assert_int_not_equal(st__store_check_cycles(db->store, on_row, &s, &err), ST_OK);
	assert_int_equal(s.rows, 1);
	assert_int_equal(cache_now(raw), -1234);
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(open_cycles_are_read_with_a_small_cache),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
