/* test_pupil.c - adding, editing, leaving and resolving pupils. */
#include <string.h>
#include "support.h"

static int count_row(const st_pupil *p, void *payload)
{
	(void)p;
	(*(int *)payload)++;
	return 0;
}

static st_pupil_fields fields(const char *forename, const char *surname)
{
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.forename = forename;
	f.surname = surname;
	f.dob = D("2016-05-01");
	f.year = "5";
	return f;
}

static void adds_and_reads_back_utf8_names(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	st_pupil_fields f = fields("Zoë", "Nguyễn-O'Brien");
	f.upn = "B801200005001";
	f.class_name = "5H";
	f.preferred = "Zo";
	f.joined = D("2020-09-03");
	int64_t id = 0;
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	assert_true(id > 0);
	st_pupil *p = NULL;
	assert_ok(st_pupil_get(db, id, &p, &err), err);
	assert_string_equal(p->forename, "Zoë");
	assert_string_equal(p->surname, "Nguyễn-O'Brien");
	assert_string_equal(p->upn, "B801200005001");
	assert_string_equal(p->class_name, "5H");
	assert_string_equal(p->year, "5");
	assert_int_equal(p->dob, D("2016-05-01"));
	assert_int_equal(p->joined, D("2020-09-03"));
	assert_int_equal(p->left, ST_DATE_NONE);
	assert_int_equal(p->status, 0);
	st_pupil_free(p);
	st_db_free(db);
}

static void refuses_bad_fields(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id;
	st_pupil_fields f = fields("Amir", "Khan");
	f.year = "15";
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_EINVAL, "--year 15: not a year group");
	f = fields("Amir", "Khan");
	f.upn = "Z801200001001";
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_EINVAL, "the check letter Z does not match its digits: check it in the MIS");
	f = fields("Amir", "  ");
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_EINVAL, "--surname: is empty");
	f = fields("Am\x01ir", "Khan");
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_EINVAL, "control character");
	f = fields("Am\xC3ir", "Khan");
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_EINVAL, "not valid UTF-8");
	f = fields("Amir", "Khan");
	f.dob = D("2026-12-01");
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_ERULE, "--dob 2026-12-01: is in the future");
	f = fields("Amir", "Khan");
	f.joined = D("2010-01-01");
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_ERULE, "before the date of birth");
	char longname[200];
	memset(longname, 'a', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	f = fields(longname, "Khan");
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_EINVAL, "too long");
	/* nothing was added */
	st_pupil_filter all = {.include_left = 1};
	int count = 0;
	assert_ok(st_pupil_list(db, &all, count_row, &count, &err), err);
	assert_int_equal(count, 0);
	st_db_free(db);
}

static void refuses_duplicate_upn_and_nothing_is_written(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id;
	st_pupil_fields f = fields("Amir", "Khan");
	f.upn = "B801200005001";
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	f = fields("Other", "Child");
	f.upn = "B801200005001";
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_EEXISTS,
		     "--upn B801200005001: already used by pupil 1");
	st_pupil_filter all = {.include_left = 1};
	int count = 0;
	assert_ok(st_pupil_list(db, &all, count_row, &count, &err), err);
	assert_int_equal(count, 1);
	st_db_free(db);
}

static void resolves_ids_upns_and_names(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id1, id2, id3, got = 0;
	st_pupil_fields f = fields("Zoë", "Brown");
	f.upn = "H801200001001";
	assert_ok(st_pupil_add(db, &f, &id1, &err), err);
	f = fields("Mary Anne", "Smith");
	f.preferred = "Polly";
	assert_ok(st_pupil_add(db, &f, &id2, &err), err);
	f = fields("Ffion", "Jones");
	assert_ok(st_pupil_add(db, &f, &id3, &err), err);
	f = fields("Ffion", "Jones");
	f.year = "2";
	f.allow_duplicate = 1; /* twins in name: a possible duplicate, allowed */
	int64_t id4;
	assert_ok(st_pupil_add(db, &f, &id4, &err), err);

	assert_ok(st_pupil_resolve(db, "1", &got, &err), err);
	assert_int_equal(got, id1);
	assert_ok(st_pupil_resolve(db, "H801200001001", &got, &err), err);
	assert_int_equal(got, id1);
	assert_ok(st_pupil_resolve(db, "ZOË BROWN", &got, &err), err);
	assert_int_equal(got, id1);
	assert_ok(st_pupil_resolve(db, "brown, zoë", &got, &err), err);
	assert_int_equal(got, id1);
	assert_ok(st_pupil_resolve(db, "  zoë   brown ", &got, &err), err);
	assert_int_equal(got, id1);
	assert_ok(st_pupil_resolve(db, "Mary Anne Smith", &got, &err), err);
	assert_int_equal(got, id2);
	assert_ok(st_pupil_resolve(db, "Polly Smith", &got, &err), err);
	assert_int_equal(got, id2);
	assert_ok(st_pupil_resolve(db, "Smith, Mary Anne", &got, &err), err);
	assert_int_equal(got, id2);

	assert_error(st_pupil_resolve(db, "Ffion Jones", &got, &err), err, ST_EAMBIGUOUS,
		     "2 pupils match");
	assert_non_null(strstr(err.message, "#3 Ffion Jones"));
	assert_non_null(strstr(err.message, "#4 Ffion Jones"));
	assert_error(st_pupil_resolve(db, "99", &got, &err), err, ST_ENOTFOUND, "no pupil has this id");
	assert_error(st_pupil_resolve(db, "B801200005001", &got, &err), err, ST_ENOTFOUND,
		     "no pupil has this UPN");
	assert_error(st_pupil_resolve(db, "Nobody Here", &got, &err), err, ST_ENOTFOUND,
		     "no pupil with this name");
	assert_error(st_pupil_resolve(db, "", &got, &err), err, ST_EINVAL, "PUPIL: is empty");
	st_db_free(db);
}

static void edits_fields_and_clears_optional_ones(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id;
	st_pupil_fields f = fields("Amir", "Khan");
	f.class_name = "5H";
	f.upn = "B801200005001";
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	st_pupil_fields e;
	st_pupil_fields_init(&e);
	e.year = "6";
	e.class_name = "";
	e.upn = "";
	assert_ok(st_pupil_edit(db, id, &e, &err), err);
	st_pupil *p;
	assert_ok(st_pupil_get(db, id, &p, &err), err);
	assert_string_equal(p->year, "6");
	assert_null(p->class_name);
	assert_null(p->upn);
	assert_string_equal(p->surname, "Khan");
	st_pupil_free(p);
	st_pupil_fields_init(&e);
	assert_error(st_pupil_edit(db, id, &e, &err), err, ST_EUSAGE, "nothing to change");
	e.year = "Y9";
	assert_error(st_pupil_edit(db, id, &e, &err), err, ST_EINVAL, "--year Y9: not a year group");
	assert_error(st_pupil_edit(db, 42, &e, &err), err, ST_ENOTFOUND, "no such pupil");
	st_db_free(db);
}

static void leavers_are_archived_not_deleted(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t id = test_pupil(db, "Luca", "Rossi", "6");
	test_pupil(db, "Stays", "Here", "6");
	assert_error(st_pupil_leave(db, id, D("2026-12-01"), &err), err, ST_ERULE, "in the future");
	assert_ok(st_pupil_leave(db, id, D("2026-07-17"), &err), err);
	assert_error(st_pupil_leave(db, id, D("2026-07-18"), &err), err, ST_ERULE, "left on 2026-07-17; a leaver");
	int count = 0;
	assert_ok(st_pupil_list(db, NULL, count_row, &count, &err), err);
	assert_int_equal(count, 1);
	st_pupil_filter all = {.include_left = 1};
	count = 0;
	assert_ok(st_pupil_list(db, &all, count_row, &count, &err), err);
	assert_int_equal(count, 2);
	st_pupil *p;
	assert_ok(st_pupil_get(db, id, &p, &err), err);
	assert_int_equal(p->left, D("2026-07-17"));
	st_pupil_free(p);
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(adds_and_reads_back_utf8_names),
		cmocka_unit_test(refuses_bad_fields),
		cmocka_unit_test(refuses_duplicate_upn_and_nothing_is_written),
		cmocka_unit_test(resolves_ids_upns_and_names),
		cmocka_unit_test(edits_fields_and_clears_optional_ones),
		cmocka_unit_test(leavers_are_archived_not_deleted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
