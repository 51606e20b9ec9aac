/* test_import.c - st_import_pupils on an in-memory database: counts,
 * all-or-nothing, dry runs, --update semantics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "support.h"

struct problems {
	char text[2048];
};

static void note_problem(int kind, const char *message, void *payload)
{
	static const char *const mark[] = {"~", "", "!", "+", "?"};
	struct problems *p = payload;
	size_t used = strlen(p->text);
	snprintf(p->text + used, sizeof p->text - used, "%s%s\n", mark[kind], message);
}

static int import_text(st_db *db, const char *csv, const st_import_options *o,
		       st_import_counts *n, struct problems *p, st_error *err)
{
	FILE *f = fmemopen((void *)csv, strlen(csv), "r");
	p->text[0] = '\0';
	int rc = st_import_pupils(db, "t.csv", f, o, note_problem, p, n, err);
	fclose(f);
	return rc;
}

static int count_one(const st_pupil *pp, void *payload)
{
	(void)pp;
	++*(int *)payload;
	return 0;
}

static int count_pupils(st_db *db)
{
	int n = 0;
	st_pupil_filter all = {.include_left = 1};
	st_error err;
	assert_ok(st_pupil_list(db, &all, count_one, &n, &err), err);
	return n;
}

struct fx {
	st_db *db;
	st_import_options o;
};

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);
	x->db = test_db("2026-11-25");
	st_import_options_init(&x->o);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	st_db_free(x->db);
	free(x);
	return 0;
}

static const char *const good =
	"UPN,Surname,Forename,DOB,Year,SEN Status,Primary Need\n"
	"G999300024001,O'Brien,Siobhan,14/03/2016,Y5,K,SPLD\n"
	"W999300024002,Brown,Zoë,22/07/2017,Year 4,E,slcn\n";

static void imports_and_counts(void **state)
{
	struct fx *x = *state;
	st_db *db = x->db;
	st_import_options o = x->o;
	st_import_counts n;
	struct problems p;
	st_error err;
	assert_ok(import_text(db, good, &o, &n, &p, &err), err);
	assert_int_equal(n.created, 2);
	assert_int_equal(n.errors, 0);
	assert_string_equal(p.text, "");
	assert_int_equal(count_pupils(db), 2);
	/* the same file again: known UPNs are errors without --update */
	assert_error(import_text(db, good, &o, &n, &p, &err), err, ST_EINVAL,
		     "t.csv: 2 errors; nothing was imported");
	assert_non_null(strstr(p.text, "t.csv:2:1: UPN G999300024001: already in sentrack"));
	o.update = 1;
	assert_ok(import_text(db, good, &o, &n, &p, &err), err);
	assert_int_equal(n.unchanged, 2);
	assert_int_equal(n.updated, 0);
}

static void an_error_anywhere_writes_nothing(void **state)
{
	struct fx *x = *state;
	st_db *db = x->db;
	st_import_options o = x->o;
	st_import_counts n;
	struct problems p;
	st_error err;
	const char *bad = "Surname,Forename,DOB,Year\n"
			  "Lee,Sam,01/02/2018,3\n"
			  "Khan,Amir,30/02/2018,3\n";
	assert_error(import_text(db, bad, &o, &n, &p, &err), err, ST_EINVAL, "1 error");
	assert_string_equal(p.text, "t.csv:3:11: DOB 30/02/2018: not a calendar date\n");
	assert_int_equal(n.created, 1);
	assert_int_equal(count_pupils(db), 0);
	/* savepoints work again after the import: a failing call rolls back */
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.surname = "X";
	f.forename = "Y";
	f.dob = D("2030-01-01");
	f.year = "3";
	int64_t id;
	assert_error(st_pupil_add(db, &f, &id, &err), err, ST_ERULE, "in the future");
	assert_int_equal(count_pupils(db), 0);
}

/* A census rule refusing a new pupil's need names "the new pupil", never
 * its id: the import is rolled back and that pupil never exists (need add
 * on a known pupil names its id: test_need.c). */
static void census_refusal_names_the_new_pupil(void **state)
{
	struct fx *x = *state;
	struct problems p;
	st_import_counts n;
	st_error err;
	const char *csv = "Surname,Forename,DOB,Year,SEN Status,Primary Need,Secondary Need\n"
			  "Ash,Amy,01/02/2015,5,E,NSA,\n"
			  "Birch,Ben,01/02/2015,5,K,NSA,SEMH\n"
			  "Cole,Cat,01/02/2015,5,,SEMH,\n";
	assert_error(import_text(x->db, csv, &x->o, &n, &p, &err), err, ST_EINVAL, "3 errors");
	assert_non_null(strstr(p.text, "t.csv:2:24: TYPE NSA: the new pupil has an EHC plan (E)"));
	assert_non_null(strstr(p.text, "t.csv:3:30: --rank 2: the new pupil's primary need is NSA"));
	assert_non_null(strstr(p.text, "t.csv:4:24: the new pupil: is not on the SEN register;"));
	assert_null(strstr(p.text, "pupil 1"));
	assert_int_equal(count_pupils(x->db), 0);
}

static void dry_run_counts_and_writes_nothing(void **state)
{
	struct fx *x = *state;
	st_db *db = x->db;
	st_import_options o = x->o;
	st_import_counts n;
	struct problems p;
	st_error err;
	o.dry_run = 1;
	assert_ok(import_text(db, good, &o, &n, &p, &err), err);
	assert_int_equal(n.created, 2);
	assert_int_equal(count_pupils(db), 0);
}

static void update_swaps_needs_and_removes_status(void **state)
{
	struct fx *x = *state;
	st_db *db = x->db;
	st_import_options o = x->o;
	st_import_counts n;
	struct problems p;
	st_error err;
	const char *first = "UPN,Surname,Forename,DOB,Year,SEN Stage,Need Type 1,Need Type 2\n"
			    "G999300024001,O'Brien,Siobhan,14/03/2016,5,P,SPLD,ASD\n";
	o.date = D("2026-11-20");
	assert_ok(import_text(db, first, &o, &n, &p, &err), err);
	assert_string_equal(p.text, "~t.csv:2:44: warning: SEN Stage P: legacy code (School Action "
				    "Plus) read as K\n");
	const char *second = "UPN,Surname,Forename,DOB,Year,SEN Stage,Need Type 1,Need Type 2\n"
			     "G999300024001,O'Brien,Siobhan,14/03/2016,5,K,ASD,SPLD\n";
	o.update = 1;
	o.sen_from_file = 1;
	o.date = D("2026-11-24");
	assert_ok(import_text(db, second, &o, &n, &p, &err), err);
	assert_int_equal(n.updated, 1);
	st_pupil *pp;
	assert_ok(st_pupil_get(db, 1, &pp, &err), err);
	assert_string_equal(pp->primary_need, "ASD");
	assert_string_equal(pp->secondary_need, "SPLD");
	st_pupil_free(pp);
	/* no SEN stage: the pupil moves to N and the needs end (census: needs only at K/E) */
	const char *third = "UPN,Surname,Forename,DOB,Year,SEN Stage,Need Type 1,Need Type 2\n"
			    "G999300024001,O'Brien,Siobhan,14/03/2016,5,,,\n";
	o.date = D("2026-11-25");
	assert_ok(import_text(db, third, &o, &n, &p, &err), err);
	assert_ok(st_pupil_get(db, 1, &pp, &err), err);
	assert_null(pp->primary_need);
	assert_int_equal(pp->status, 'N');
	assert_int_equal(pp->status_since, D("2026-11-25"));
	st_pupil_free(pp);
	/* needs for a pupil not at K or E are refused, and nothing is imported */
	const char *fourth = "UPN,Surname,Forename,DOB,Year,SEN Stage,Need Type 1,Need Type 2\n"
			     "G999300024001,O'Brien,Siobhan,14/03/2016,5,,MLD,\n";
	assert_int_not_equal(import_text(db, fourth, &o, &n, &p, &err), ST_OK);
	assert_non_null(strstr(p.text, "is not on the SEN register"));
}

/* The register is sentrack's evidence: an update keeps a known pupil's
 * status and needs, and reports each difference. */
static void update_keeps_sen_decisions_and_reports_them(void **state)
{
	struct fx *x = *state;
	st_db *db = x->db;
	st_import_options o = x->o;
	st_import_counts n;
	struct problems p;
	st_error err;
	const char *first = "UPN,Surname,Forename,DOB,Year,SEN Status,Primary Need\n"
			    "G999300024001,O'Brien,Siobhan,14/03/2016,5,,\n"
			    "W999300024002,Brown,Zoë,22/07/2017,4,K,SPLD\n";
	o.date = D("2026-09-01");
	assert_ok(import_text(db, first, &o, &n, &p, &err), err);
	/* the SENCO places Siobhan at K; the review exits Zoë */
	assert_ok(st_register_add(db, 1, 'K', D("2026-10-01"), ST_DATE_NONE, ST_DATE_NONE, NULL,
				  &err), err);
	assert_ok(st_need_add(db, 1, "ASD", 1, &err), err);
	assert_ok(st_register_remove(db, 2, D("2026-11-01"), "outcomes met", NULL, &err), err);
	const char *again = "UPN,Surname,Forename,DOB,Year,SEN Status,Primary Need\n"
			    "G999300024001,O'Brien,Siobhan,14/03/2016,5,,\n"
			    "W999300024002,Brown,Zoë,22/07/2017,4,K,\n";
	o.update = 1;
	assert_ok(import_text(db, again, &o, &n, &p, &err), err);
	assert_int_equal(n.unchanged, 2);
	/* Zoë's SPLD ended with her move to N (issue 12): no need to disagree on */
	assert_int_equal(n.disagreements, 3);
	assert_non_null(strstr(p.text, "!t.csv:2:44: UPN G999300024001: file says N, sentrack has "
				       "K since 2026-10-01"));
	assert_non_null(strstr(p.text, "!t.csv:2:45: UPN G999300024001: file says primary need "
				       "(none), sentrack has ASD"));
	assert_non_null(strstr(p.text, "!t.csv:3:38: UPN W999300024002: file says K, sentrack has "
				       "N since 2026-11-01"));
	st_pupil *pp;
	assert_ok(st_pupil_get(db, 1, &pp, &err), err);
	assert_int_equal(pp->status, 'K');
	assert_string_equal(pp->primary_need, "ASD");
	st_pupil_free(pp);
	assert_ok(st_pupil_get(db, 2, &pp, &err), err);
	assert_int_equal(pp->status, 'N');
	assert_null(pp->primary_need);
	st_pupil_free(pp);
	/* --sen-from-file applies the file, dated */
	o.sen_from_file = 1;
	o.date = D("2026-11-20");
	assert_ok(import_text(db, again, &o, &n, &p, &err), err);
	assert_int_equal(n.updated, 2);
	assert_int_equal(n.disagreements, 0);
	assert_ok(st_pupil_get(db, 1, &pp, &err), err);
	assert_int_equal(pp->status, 'N');
	assert_int_equal(pp->status_since, D("2026-11-20"));
	assert_null(pp->primary_need);
	st_pupil_free(pp);
}

/* A leaver's row is reported and skipped; an admission date after the
 * leaving date brings them back. */
static void leavers_are_skipped_unless_they_rejoin(void **state)
{
	struct fx *x = *state;
	st_db *db = x->db;
	st_import_options o = x->o;
	st_import_counts n;
	struct problems p;
	st_error err;
	const char *first = "UPN,Surname,Forename,DOB,Year,Admission Date\n"
			    "G999300024001,O'Brien,Siobhan,14/03/2016,5,01/09/2021\n"
			    "W999300024002,Brown,Zoë,22/07/2017,4,01/09/2022\n";
	assert_ok(import_text(db, first, &o, &n, &p, &err), err);
	assert_ok(st_pupil_leave(db, 1, D("2026-07-20"), &err), err);
	const char *again = "UPN,Surname,Forename,DOB,Year,Admission Date\n"
			    "G999300024001,O'Brien,Siobhan,14/03/2016,6,01/09/2021\n"
			    "W999300024002,Brown,Zoë,22/07/2017,5,01/09/2022\n";
	o.update = 1;
	assert_ok(import_text(db, again, &o, &n, &p, &err), err);
	assert_int_equal(n.skipped, 1);
	assert_int_equal(n.updated, 1);
	assert_non_null(strstr(p.text, "~t.csv:2:1: warning: UPN G999300024001: left on 2026-07-20 "
				       "in sentrack; row skipped"));
	const char *back = "UPN,Surname,Forename,DOB,Year,Admission Date\n"
			   "G999300024001,O'Brien,Siobhan,14/03/2016,6,02/11/2026\n";
	assert_ok(import_text(db, back, &o, &n, &p, &err), err);
	assert_int_equal(n.updated, 1);
	st_pupil *pp;
	assert_ok(st_pupil_get(db, 1, &pp, &err), err);
	assert_int_equal(pp->left, ST_DATE_NONE);
	assert_int_equal(pp->joined, D("2026-11-02"));
	assert_string_equal(pp->year, "6");
	st_pupil_free(pp);
}

/* A dry run lists each change, field by field, on a read-only database. */
static void dry_run_lists_changes_read_only(void **state)
{
	(void)state;
	/* a private directory: sentrack refuses one other users can write */
	char dir[] = "/tmp/st-import-XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/test.db", dir);
	st_db *db = NULL;
	st_error err;
	assert_ok(st_db_open(&db, path, ST_OPEN_CREATE, &err), err);
	st_db_set_today(db, D("2026-11-25"));
	st_import_options o;
	st_import_options_init(&o);
	st_import_counts n;
	struct problems p;
	const char *first = "UPN,Surname,Forename,DOB,Year,Class\n"
			    "G999300024001,Brown,Zoë,22/07/2017,4,4M\n";
	assert_ok(import_text(db, first, &o, &n, &p, &err), err);
	st_db_free(db);
	assert_ok(st_db_open(&db, path, ST_OPEN_READONLY, &err), err);
	st_db_set_today(db, D("2026-11-25"));
	const char *next = "UPN,Surname,Forename,DOB,Year,Class\n"
			   "G999300024001,Brown-Lee,Zoë,22/07/2017,5,4M\n"
			   "W999300024002,Khan,Amir,01/05/2021,R,RC\n";
	o.update = 1;
	o.dry_run = 1;
	assert_ok(import_text(db, next, &o, &n, &p, &err), err);
	assert_string_equal(p.text, "+pupil 1 (UPN G999300024001): surname: Brown → Brown-Lee\n"
				    "+pupil 1 (UPN G999300024001): year: 4 → 5\n"
				    "+new pupil (line 3): UPN W999300024002: Khan, Amir, year R, SEN N\n");
	assert_int_equal(n.updated, 1);
	assert_int_equal(n.created, 1);
	st_db_free(db);
	unlink(path);
	char side[80];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
}

/* Two columns for one field: which one is meant? */
static void refuses_duplicate_and_synonym_headers(void **state)
{
	struct fx *x = *state;
	st_import_counts n;
	struct problems p;
	st_error err;
	assert_error(import_text(x->db, "Surname,Forename,Surname,DOB,Year\nA,B,C,01/01/2018,3\n",
				 &x->o, &n, &p, &err), err, ST_EINVAL, "1 error");
	assert_string_equal(p.text, "t.csv:1:18: Surname: the same column as Surname (line 1, "
				    "column 1); keep one of them\n");
	assert_error(import_text(x->db, "Surname,Forename,DOB,Last Name,Year\nA,B,01/01/2018,C,3\n",
				 &x->o, &n, &p, &err), err, ST_EINVAL, "1 error");
	assert_string_equal(p.text, "t.csv:1:22: Last Name: the same column as Surname (line 1, "
				    "column 1); keep one of them\n");
	assert_int_equal(count_pupils(x->db), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(imports_and_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(an_error_anywhere_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(census_refusal_names_the_new_pupil, setup, teardown),
		cmocka_unit_test_setup_teardown(dry_run_counts_and_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(update_swaps_needs_and_removes_status, setup, teardown),
		cmocka_unit_test_setup_teardown(update_keeps_sen_decisions_and_reports_them, setup,
						teardown),
		cmocka_unit_test_setup_teardown(leavers_are_skipped_unless_they_rejoin, setup,
						teardown),
		cmocka_unit_test(dry_run_lists_changes_read_only),
		cmocka_unit_test_setup_teardown(refuses_duplicate_and_synonym_headers, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
