/* test_need.c - census need types at rank 1 and 2. */
#include <string.h>
#include "support.h"

struct needs {
	int n;
	char code[2][16];
	char area[2][16];
};

static int collect(const st_pupil_need *n, void *payload)
{
	struct needs *s = payload;
	if (s->n < 2) {
		strcpy(s->code[s->n], n->type.code);
		strcpy(s->area[s->n], n->type.area ? n->type.area : "-");
	}
	s->n++;
	return 0;
}

static void records_primary_and_secondary_with_areas(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Zoë", "Brown", "4");
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	assert_ok(st_need_add(db, id, "slcn", 1, &err), err);
	assert_ok(st_need_add(db, id, "ASD", 2, &err), err);
	struct needs s = {0};
	assert_ok(st_need_list(db, id, collect, &s, &err), err);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.code[0], "SLCN");
	assert_string_equal(s.area[0], "CI");
	assert_string_equal(s.code[1], "ASD");
	st_pupil *p;
	assert_ok(st_pupil_get(db, id, &p, &err), err);
	assert_string_equal(p->primary_need, "SLCN");
	assert_string_equal(p->secondary_need, "ASD");
	st_pupil_free(p);
	assert_ok(st_need_remove(db, id, "slcn", &err), err);
	memset(&s, 0, sizeof s);
	assert_ok(st_need_list(db, id, collect, &s, &err), err);
	assert_int_equal(s.n, 1);
	st_db_free(db);
}

static void maps_every_census_type_to_its_area(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	static const char *pairs[][2] = {
		{"SPLD", "CL"}, {"MLD", "CL"}, {"SLD", "CL"}, {"PMLD", "CL"}, {"SEMH", "SEMH"},
		{"SLCN", "CI"}, {"ASD", "CI"}, {"HI", "SP"}, {"VI", "SP"}, {"MSI", "SP"},
		{"PD", "SP"}, {"OTH", "-"}, {"NSA", "-"},
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		int64_t id = test_pupil(db, "Child", pairs[i][0], "3");
		assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), ST_DATE_NONE, ST_DATE_NONE,
					  NULL, &err), err);
		assert_ok(st_need_add(db, id, pairs[i][0], 1, &err), err);
		struct needs s = {0};
		assert_ok(st_need_list(db, id, collect, &s, &err), err);
		assert_string_equal(s.area[0], pairs[i][1]);
	}
	st_db_free(db);
}

static void refuses_rule_violations(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Amir", "Khan", "4");
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	char code[16];
	assert_error(st_need_add(db, id, "DYSLEXIA", 1, &err), err, ST_EINVAL,
		     "TYPE DYSLEXIA: not a census need type (one of ASD HI MLD");
	assert_error(st_need_lookup(db, "TYPE", "SP LD", code, sizeof code, &err), err, ST_EINVAL,
		     "not a census need type");
	assert_error(st_need_add(db, id, "MLD", 3, &err), err, ST_EINVAL, "--rank 3: must be 1");
	assert_ok(st_need_add(db, id, "MLD", 1, &err), err);
	assert_error(st_need_add(db, id, "SPLD", 1, &err), err, ST_ERULE,
		     "--rank 1: pupil 1 already has MLD as the primary need");
	assert_error(st_need_add(db, id, "MLD", 2, &err), err, ST_EEXISTS,
		     "TYPE MLD: already recorded for pupil 1 as the primary need");
	assert_error(st_need_remove(db, id, "HI", &err), err, ST_ENOTFOUND,
		     "TYPE HI: not recorded for pupil 1");
	assert_error(st_need_add(db, 77, "HI", 1, &err), err, ST_ENOTFOUND, "no such pupil");
	assert_ok(st_pupil_leave(db, id, D("2026-11-01"), &err), err);
	assert_error(st_need_add(db, id, "HI", 2, &err), err, ST_ERULE, "pupil 1: left on 2026-11-01; a leaver's records are kept as they were");
	st_db_free(db);
}

struct ended {
	int n;
	char code[4][16];
	st_date ended[4];
	char why[4][16];
};

static int collect_ended(const st_pupil_need *n, void *payload)
{
	struct ended *e = payload;
	if (e->n < 4) {
		strcpy(e->code[e->n], n->type.code);
		e->ended[e->n] = n->ended;
		strcpy(e->why[e->n], n->why);
	}
	e->n++;
	return 0;
}

/* DfE school census: needs only at K or E; NSA only as the primary need
 * at K, with no secondary need. */
static void census_need_rules(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Amir", "Khan", "4"), e = test_pupil(db, "Zoë", "Brown", "4");
	assert_error(st_need_add(db, id, "MLD", 1, &err), err, ST_ERULE,
		     "pupil 1: is not on the SEN register; (DfE school census: a need is recorded "
		     "only for a pupil at K or E");
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	assert_error(st_need_add(db, id, "NSA", 2, &err), err, ST_ERULE,
		     "TYPE NSA: cannot be a secondary need");
	assert_ok(st_need_add(db, id, "NSA", 1, &err), err);
	assert_error(st_need_add(db, id, "MLD", 2, &err), err, ST_ERULE,
		     "--rank 2: pupil 1's primary need is NSA, which takes no secondary need");
	assert_ok(st_need_remove(db, id, "NSA", &err), err);
	assert_ok(st_need_add(db, id, "MLD", 2, &err), err);
	assert_error(st_need_add(db, id, "NSA", 1, &err), err, ST_ERULE,
		     "TYPE NSA: pupil 1 has a secondary need (MLD)");
	assert_ok(st_register_add(db, e, 'E', D("2026-09-01"), D("2026-09-01"), D("2026-08-01"),
				  NULL, &err), err);
	assert_error(st_need_add(db, e, "NSA", 1, &err), err, ST_ERULE,
		     "TYPE NSA: pupil 2 has an EHC plan (E)");
	st_db_free(db);
}

/* A move to N ends the current needs; they stay in the history, dated. */
static void move_to_n_ends_needs_into_history(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Amir", "Khan", "4");
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	assert_ok(st_need_add(db, id, "MLD", 1, &err), err);
	assert_ok(st_need_add(db, id, "SLCN", 2, &err), err);
	assert_ok(st_register_remove(db, id, D("2026-11-24"), "caught up", NULL, &err), err);
	struct needs now = {0};
	assert_ok(st_need_list(db, id, collect, &now, &err), err);
	assert_int_equal(now.n, 0);
	struct ended h = {0};
	assert_ok(st_need_history(db, id, collect_ended, &h, &err), err);
	assert_int_equal(h.n, 2);
	assert_string_equal(h.code[0], "MLD");
	assert_string_equal(h.code[1], "SLCN");
	/* recorded on 2026-11-25 (today), ended by a move dated the day before:
	 * the history never ends a need before it began */
	assert_int_equal(h.ended[0], D("2026-11-25"));
	assert_string_equal(h.why[0], "register-n");
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(records_primary_and_secondary_with_areas),
		cmocka_unit_test(maps_every_census_type_to_its_area),
		cmocka_unit_test(refuses_rule_violations),
		cmocka_unit_test(census_need_rules),
		cmocka_unit_test(move_to_n_ends_needs_into_history),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
