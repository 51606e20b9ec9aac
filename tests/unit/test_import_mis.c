/* test_import_mis.c - the MIS import's rules (issues 15 and 16): the MIS
 * wordings of SEN provision and need types, possible duplicates at their
 * boundary (one day of birth apart, a UPN on each side), parents informed
 * before sentrack at its date boundary, SHA-256 at its block boundaries,
 * and one audit row per import. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support.h"
#include "internal.h"
#include "store.h"

static void ignore(int kind, const char *message, void *payload)
{
	(void)kind;
	(void)message;
	(void)payload;
}

static int import_text(st_db *db, const char *csv, const st_import_options *o,
		       st_import_counts *n, st_error *err)
{
	FILE *f = fmemopen((void *)csv, strlen(csv), "r");
	int rc = st_import_pupils(db, "t.csv", f, o, ignore, NULL, n, err);
	fclose(f);
	return rc;
}

static void sen_wordings(void **state)
{
	(void)state;
	static const struct { const char *text; char status; int legacy; } ok[] = {
		{"K", 'K', 0}, {"SEN Support (K)", 'K', 0}, {"K - SEN Support", 'K', 0},
		{"sen support", 'K', 0}, {"E", 'E', 0}, {"Education Health and Care Plan", 'E', 0},
		{"Education, Health and Care Plan (E)", 'E', 0}, {"EHCP", 'E', 0},
		{"No Special Educational Need", 0, 0}, {"N", 0, 0}, {"", 0, 0},
		{"School Action Plus", 'K', 1}, {"A", 'K', 1}, {"Statement", 'E', 1},
	};
	st_error err;
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		char status = 'x';
		const char *legacy = "x";
		assert_ok(st_import_parse_sen("SEN", ok[i].text, &status, &legacy, &err), err);
		assert_int_equal(status, ok[i].status);
		assert_int_equal(legacy != NULL, ok[i].legacy);
	}
	char status;
	const char *legacy;
	/* the whole value is quoted, however long */
	const char *bad = "SEN Support (X) as agreed with the family at the autumn meeting";
	assert_error(st_import_parse_sen("SEN", bad, &status, &legacy, &err), err, ST_EINVAL, bad);
	assert_error(st_import_parse_sen("SEN", "KE", &status, &legacy, &err), err, ST_EINVAL,
		     "SEN KE: not an SEN provision");
}

static void need_descriptions(void **state)
{
	(void)state;
	assert_string_equal(st_import_need_code("Autistic Spectrum Disorder"), "ASD");
	assert_string_equal(st_import_need_code("autism spectrum condition"), "ASD");
	assert_string_equal(st_import_need_code("Social, Emotional and Mental Health"), "SEMH");
	assert_string_equal(st_import_need_code("Profound & Multiple Learning Difficulty"), "PMLD");
	assert_string_equal(st_import_need_code("Speech, Language and Communication Needs"), "SLCN");
	assert_string_equal(st_import_need_code("Other Difficulty/Disability"), "OTH");
	assert_string_equal(st_import_need_code("SEN support but no specialist assessment of type "
						"of need"), "NSA");
	assert_null(st_import_need_code("Autistic"));
	assert_null(st_import_need_code(""));
	assert_null(st_import_need_code(NULL));
}

static void sha(const char *text, size_t repeat, const char *want)
{
	struct st__sha256 c;
	char hex[65];
	st__sha256_init(&c);
	for (size_t i = 0; i < repeat; i++)
		st__sha256_update(&c, text, strlen(text));
	st__sha256_hex(&c, hex);
	assert_string_equal(hex, want);
}

static void sha256_vectors(void **state)
{
	(void)state;
	sha("", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	sha("abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	/* 56 bytes: the length no longer fits the block, padding takes two */
	sha("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
	    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	sha("a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void duplicates_at_the_boundary(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.surname = "Brown";
	f.forename = "Zoë";
	f.dob = D("2017-04-03");
	f.year = "4";
	int64_t first, id;
	assert_ok(st_pupil_add(db, &f, &first, &err), err);
	/* the same name in another case, the same day */
	f.surname = "BROWN";
	f.forename = "zoë";
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_EEXISTS,
		     "possibly Zoë Brown (pupil 1, year 4, no UPN) already in sentrack");
	/* a UPN on the new pupil alone does not tell them apart */
	f.upn = "G999300024001";
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_EEXISTS, "possibly Zoë Brown (pupil 1");
	/* one day of birth apart is another pupil */
	f.upn = NULL;
	f.dob = D("2017-04-04");
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	f.dob = D("2017-04-02");
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	/* a UPN on both sides tells them apart */
	st_pupil_fields g;
	st_pupil_fields_init(&g);
	g.surname = "Khan";
	g.forename = "Amir";
	g.dob = D("2015-09-02");
	g.year = "6";
	g.upn = "K999300024003";
	assert_ok(st_pupil_add(db, &g, &id, &err), err);
	g.upn = "Z999300024004";
	assert_ok(st_pupil_add(db, &g, &id, &err), err);
	/* without a UPN either could be meant */
	g.upn = NULL;
	assert_error(st_pupil_add(db, &g, &id, &err), err, ST_EEXISTS, "UPN K999300024003");
	g.allow_duplicate = 1;
	assert_ok(st_pupil_add(db, &g, &id, &err), err);
	st_db_free(db);
}

/* --parents-informed-before: a placement on the day is covered, one the
 * day after is not (its parents still have to be told). */
static void informed_before_boundary(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_import_options o;
	st_import_options_init(&o);
	o.parents_informed_before = D("2025-09-01");
	st_import_counts n;
	st_error err;
	const char *csv = "UPN,Surname,Forename,DOB,Year,SEN Status,Status Since,Parents Informed\n"
			  "G999300024001,Brown,Zoë,03/04/2017,4,K,01/09/2025,\n"
			  "K999300024003,Khan,Amir,02/09/2015,6,K,02/09/2025,\n"
			  "Z999300024004,Lee,Sam,01/02/2018,3,K,01/03/2024,05/03/2024\n"
			  "C999300024006,Ng,Mai,01/02/2018,3,N,01/03/2024,\n";
	assert_ok(import_text(db, csv, &o, &n, &err), err);
	assert_int_equal(n.created, 4);
	st_pupil *p;
	int64_t id;
	static const struct { const char *upn, *informed; } want[] = {
		{"G999300024001", "2025-09-01"}, {"K999300024003", NULL},
		{"Z999300024004", "2024-03-05"},
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		assert_ok(st_pupil_resolve(db, want[i].upn, &id, &err), err);
		st_register_event e;
		assert_ok(st_register_current(db, id, &e, &err), err);
		if (want[i].informed)
			assert_int_equal(e.parents_informed, D(want[i].informed));
		else
			assert_int_equal(e.parents_informed, ST_DATE_NONE);
	}
	assert_ok(st_pupil_resolve(db, "C999300024006", &id, &err), err);
	assert_ok(st_pupil_get(db, id, &p, &err), err);
	assert_int_equal(p->status, 0);
	st_pupil_free(p);
	st_db_free(db);
}

static int count_pupil(const st_pupil *p, void *payload)
{
	(void)p;
	++*(int *)payload;
	return 0;
}

static int count_audit(const st_audit_entry *a, void *payload)
{
	(void)a;
	++*(int *)payload;
	return 0;
}

static void one_audit_row_per_import(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_import_options o;
	st_import_options_init(&o);
	st_import_counts n;
	st_error err;
	const char *csv = "UPN,Surname,Forename,DOB,Year,SEN Status,Primary Need\n"
			  "G999300024001,Brown,Zoë,03/04/2017,4,K,Moderate Learning Difficulty\n"
			  "K999300024003,Lee,Sam,01/02/2018,3,,\n";
	assert_ok(import_text(db, csv, &o, &n, &err), err);
	int rows = 0;
	st_audit_filter all = {0, ST_DATE_NONE, 0};
	assert_ok(st_audit_list(db, &all, count_audit, &rows, &err), err);
	assert_int_equal(rows, 1);
	int64_t id;
	assert_ok(st_pupil_resolve(db, "Sam Lee", &id, &err), err);
	st_import_run run;
	long line;
	assert_ok(st_pupil_import(db, id, &run, &line, &err), err);
	assert_int_equal(line, 3);
	assert_int_equal(run.created, 2);
	assert_int_equal(run.rows, 2);
	assert_string_equal(run.file, "t.csv");
	struct st__sha256 c;
	char hex[65];
	st__sha256_init(&c);
	st__sha256_update(&c, csv, strlen(csv));
	st__sha256_hex(&c, hex);
	assert_string_equal(run.sha256, hex);
	/* a pupil's own log shows the import that made it */
	rows = 0;
	st_audit_filter mine = {id, ST_DATE_NONE, 0};
	assert_ok(st_audit_list(db, &mine, count_audit, &rows, &err), err);
	assert_int_equal(rows, 1);
	/* the same file again changes nothing and records nothing */
	o.update = 1;
	assert_ok(import_text(db, csv, &o, &n, &err), err);
	assert_int_equal(n.unchanged, 2);
	rows = 0;
	assert_ok(st_audit_list(db, &all, count_audit, &rows, &err), err);
	assert_int_equal(rows, 1);
	/* a command's own writes are audited as before */
	assert_ok(st_pupil_edit(db, id, &(st_pupil_fields){.class_name = "3L", .dob = ST_DATE_NONE,
							  .joined = ST_DATE_NONE}, &err), err);
	rows = 0;
	assert_ok(st_audit_list(db, &all, count_audit, &rows, &err), err);
	assert_int_equal(rows, 2);
	st_db_free(db);
}

static int drift_count(st_db *db)
{
	st_error err;
	int drift = 0;
	assert_ok(st__store_schema_drift(db->store, NULL, NULL, &drift, &err), err);
	return drift;
}

/* Into an empty table the name, year and class indexes are built once at
 * the end; a row without a UPN needs the name index at once (duplicates);
 * a failed import leaves them all as they were. */
static void indexes_of_a_first_load(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_import_options o;
	st_import_options_init(&o);
	st_import_counts n;
	st_error err;
	const char *bad = "UPN,Surname,Forename,DOB,Year\n"
			  "G999300024001,Brown,Zoë,03/04/2017,4\n"
			  "K999300024003,Khan,Amir,02/09/2015,66\n";
	assert_error(import_text(db, bad, &o, &n, &err), err, ST_EINVAL, "1 error");
	assert_int_equal(drift_count(db), 0);
	const char *good = "UPN,Surname,Forename,DOB,Year,Class\n"
			   "G999300024001,Brown,Zoë,03/04/2017,4,4B\n"
			   ",Lee,Sam,01/02/2018,3,3S\n"
			   ",lee,SAM,01/02/2018,3,3S\n"
			   "K999300024003,Khan,Amir,02/09/2015,6,6A\n";
	assert_error(import_text(db, good, &o, &n, &err), err, ST_EINVAL, "1 error");
	assert_int_equal(drift_count(db), 0);
	o.allow_duplicate = 1;
	assert_ok(import_text(db, good, &o, &n, &err), err);
	assert_int_equal(n.created, 4);
	assert_int_equal(drift_count(db), 0);
	int64_t id;
	assert_ok(st_pupil_resolve(db, "Amir Khan", &id, &err), err);
	st_pupil_filter year6 = {.year = "6"};
	int count = 0;
	assert_ok(st_pupil_list(db, &year6, count_pupil, &count, &err), err);
	assert_int_equal(count, 1);
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sen_wordings),
		cmocka_unit_test(need_descriptions),
		cmocka_unit_test(sha256_vectors),
		cmocka_unit_test(duplicates_at_the_boundary),
		cmocka_unit_test(informed_before_boundary),
		cmocka_unit_test(one_audit_row_per_import),
		cmocka_unit_test(indexes_of_a_first_load),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
