/* test_maintenance.c - backup, doctor, erasure and the retention purge:
 * a backup is a whole private copy that never replaces a file unasked,
 * the doctor names every problem it finds, an erasure leaves no personal
 * data (only the fact of it), and a purge erases exactly the leavers
 * before the date, or nothing. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "support.h"

/* A private scratch directory, removed (with its files) by rm_scratch. */
static char *scratch(void)
{
	char *dir = strdup("/tmp/sentrack-unit.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

static void rm_scratch(char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rmdir(dir);
	free(dir);
}

static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static int64_t add_pupil(st_db *db, const char *surname, const char *upn)
{
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.surname = surname;
	f.forename = "Ella";
	f.dob = D("2016-03-04");
	f.year = "4";
	f.upn = upn;
	int64_t id;
	st_error err;
	assert_ok(st_pupil_add(db, &f, &id, &err), err);
	return id;
}

static void backup_is_a_whole_private_copy(void **state)
{
	(void)state;
	char *dir = scratch();
	char dest[512];
	snprintf(dest, sizeof dest, "%s/copy.db", dir);
	st_db *db = test_db("2026-11-25");
	st_error err;
	add_pupil(db, "Backed-Up", NULL);
	if (test_on_pg()) {
		/* a trust's database is backed up on its server: refused, saying
		 * so, and nothing made in the directory */
		assert_error(st_db_backup(db, dest, 0, &err), err, ST_EUSAGE, "pg_dump");
		assert_int_equal(entries(dir), 0);
		st_db_free(db);
		rm_scratch(dir);
		return;
	}
	assert_ok(st_db_backup(db, dest, 0, &err), err);
	struct stat sb;
	assert_int_equal(stat(dest, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(entries(dir), 1); /* no temporary file left beside it */
	/* the copy opens and holds the pupil */
	st_db *copy = NULL;
	assert_ok(st_db_open(&copy, dest, ST_OPEN_READONLY, &err), err);
	assert_int_equal(test_count_pupils(copy), 1);
	st_db_free(copy);
	/* an existing file is never replaced unasked */
	add_pupil(db, "Second", NULL);
	assert_error(st_db_backup(db, dest, 0, &err), err, ST_EEXISTS,
		     "already exists (use --force to replace it)");
	assert_int_equal(entries(dir), 1);
	assert_ok(st_db_open(&copy, dest, ST_OPEN_READONLY, &err), err);
	assert_int_equal(test_count_pupils(copy), 1);
	st_db_free(copy);
	/* with overwrite it is replaced whole */
	assert_ok(st_db_backup(db, dest, 1, &err), err);
	assert_int_equal(entries(dir), 1);
	assert_ok(st_db_open(&copy, dest, ST_OPEN_READONLY, &err), err);
	assert_int_equal(test_count_pupils(copy), 2);
	st_db_free(copy);
	/* nowhere to write */
	char bad[600];
	snprintf(bad, sizeof bad, "%s/no/such/dir/b.db", dir);
	assert_error(st_db_backup(db, bad, 0, &err), err, ST_ECANTCREATE, "No such file or directory");
	assert_error(st_db_backup(db, "", 0, &err), err, ST_EUSAGE, "no file given");
	st_db_free(db);
	rm_scratch(dir);
}

struct lines {
	char text[4096];
	int problems, checks;
};

static int collect_line(int problem, const char *message, void *payload)
{
	struct lines *l = payload;
	size_t used = strlen(l->text);
	snprintf(l->text + used, sizeof l->text - used, "%s%s\n", problem ? "PROBLEM " : "",
		 message);
	l->problems += problem;
	l->checks++;
	return 0;
}

static void doctor_names_each_problem(void **state)
{
	(void)state;
	char *dir = scratch();
	chmod(dir, 0700);
	char path[512];
	snprintf(path, sizeof path, "%s/school.db", dir);
	st_db *db = NULL;
	st_error err;
	assert_ok(st_db_open(&db, path, ST_OPEN_CREATE, &err), err);
	struct lines l = {"", 0, 0};
	int problems = -1;
	assert_ok(st_db_doctor(db, collect_line, &l, &problems, &err), err);
	assert_int_equal(problems, 0);
	assert_int_equal(l.problems, 0);
	assert_non_null(strstr(l.text, "integrity_check: ok\n"));
	assert_non_null(strstr(l.text, "foreign_key_check: ok\n"));
	char want[1400];
	snprintf(want, sizeof want, "schema version: %d (current)\n", st_db_schema_version());
	assert_non_null(strstr(l.text, want));
	assert_non_null(strstr(l.text, "journal mode: wal"));
	snprintf(want, sizeof want, "permissions: file %s (mode 0600)\n", path);
	assert_non_null(strstr(l.text, want));
	snprintf(want, sizeof want, "permissions: directory %s (mode 0700)\n", dir);
	assert_non_null(strstr(l.text, want));
	assert_non_null(strstr(l.text, "config: every setting valid\n"));
	/* a file other users can read is a problem, with the command that fixes it */
	chmod(path, 0644);
	memset(&l, 0, sizeof l);
	assert_ok(st_db_doctor(db, collect_line, &l, &problems, &err), err);
	assert_int_equal(problems, 1);
	snprintf(want, sizeof want,
		 "PROBLEM permissions: file %s is open to other users (mode 0644); run chmod 600 %s\n",
		 path, path);
	assert_non_null(strstr(l.text, want));
	chmod(path, 0600);
	chmod(dir, 0755);
	memset(&l, 0, sizeof l);
	assert_ok(st_db_doctor(db, collect_line, &l, &problems, &err), err);
	assert_int_equal(problems, 1);
	snprintf(want, sizeof want,
		 "PROBLEM permissions: directory %s is open to other users (mode 0755); run chmod "
		 "700 %s\n", dir, dir);
	assert_non_null(strstr(l.text, want));
	chmod(dir, 0700);
	st_db_free(db);
	rm_scratch(dir);
}

struct audit_rows {
	int rows, with_detail, erasures;
	char text[4096];
};

static int collect_audit(const st_audit_entry *e, void *payload)
{
	struct audit_rows *a = payload;
	a->rows++;
	a->with_detail += e->detail != NULL;
	a->erasures += strcmp(e->action, "erase") == 0;
	size_t used = strlen(a->text);
	snprintf(a->text + used, sizeof a->text - used, "%s %s %s\n", e->action, e->entity,
		 e->detail ? e->detail : "-");
	return 0;
}

static struct audit_rows audit_of(st_db *db, int64_t pupil)
{
	struct audit_rows a;
	memset(&a, 0, sizeof a);
	st_audit_filter f = {pupil, ST_DATE_NONE, 0};
	st_error err;
	assert_ok(st_audit_list(db, &f, collect_audit, &a, &err), err);
	return a;
}

static void erase_needs_the_id_or_upn_again(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t keep = add_pupil(db, "Kept", NULL);
	int64_t id = add_pupil(db, "Erasable", "A123456789012");
	assert_ok(st_register_add(db, id, 'K', D("2026-09-01"), D("2026-09-01"), ST_DATE_NONE, NULL,
				  &err), err);
	assert_ok(st_need_add(db, id, "SPLD", 1, &err), err);
	/* the wrong confirmation erases nothing */
	assert_error(st_pupil_erase(db, id, "1", &err), err, ST_ERULE,
		     "--confirm 1: must repeat pupil 2's UPN or id to erase them");
	assert_error(st_pupil_erase(db, id, "Ella Erasable", &err), err, ST_ERULE,
		     "must repeat pupil 2's UPN or id");
	assert_error(st_pupil_erase(db, id, NULL, &err), err, ST_ERULE, "--confirm : must repeat");
	assert_error(st_pupil_erase(db, keep, "A123456789012", &err), err, ST_ERULE,
		     "must repeat pupil 1's id to erase them");
	assert_error(st_pupil_erase(db, 99, "99", &err), err, ST_ENOTFOUND, "99");
	assert_int_equal(test_count_pupils(db), 2);
	struct audit_rows before = audit_of(db, id);
	assert_int_equal(before.rows, 3); /* pupil, register event, need */
	/* the UPN in any case */
	assert_ok(st_pupil_erase(db, id, "a123456789012", &err), err);
	st_pupil *p = NULL;
	assert_error(st_pupil_get(db, id, &p, &err), err, ST_ENOTFOUND, "no such pupil");
	assert_int_equal(test_count_pupils(db), 1);
	/* what was done stays, what it was does not; the erasure is logged */
	struct audit_rows after = audit_of(db, id);
	assert_int_equal(after.rows, before.rows + 1);
	assert_int_equal(after.erasures, 1);
	assert_int_equal(after.with_detail, 1); /* only the erasure's own reason */
	assert_non_null(strstr(after.text, "erase pupil erased on request\n"));
	assert_null(strstr(after.text, "Erasable"));
	assert_null(strstr(after.text, "A123456789012"));
	/* the other pupil is untouched */
	assert_ok(st_pupil_get(db, keep, &p, &err), err);
	assert_string_equal(p->surname, "Kept");
	st_pupil_free(p);
	st_db_free(db);
}

struct seen {
	int n;
	int stop_at;
	char names[256];
};

static int see(const st_pupil *p, void *payload)
{
	struct seen *s = payload;
	size_t used = strlen(s->names);
	snprintf(s->names + used, sizeof s->names - used, "%s;", p->surname);
	return ++s->n == s->stop_at;
}

static void purge_erases_leavers_before_the_date(void **state)
{
	(void)state;
	st_db *db = test_db("2026-11-25");
	st_error err;
	int64_t old = add_pupil(db, "Old", NULL);
	int64_t edge = add_pupil(db, "Edge", NULL);
	int64_t recent = add_pupil(db, "Recent", NULL);
	add_pupil(db, "OnRoll", NULL);
	assert_ok(st_pupil_leave(db, old, D("2019-07-19"), &err), err);
	assert_ok(st_pupil_leave(db, edge, D("2020-07-20"), &err), err);
	assert_ok(st_pupil_leave(db, recent, D("2025-07-18"), &err), err);
	int count = -1;
	/* before 2020-07-20: Edge left on that day, so it stays */
	struct seen s = {0, 0, ""};
	assert_ok(st_purge_leavers(db, D("2020-07-20"), 1, see, &s, &count, &err), err);
	assert_int_equal(count, 1);
	assert_string_equal(s.names, "Old;");
	assert_int_equal(test_count_pupils(db), 4); /* a dry run erases nothing */
	/* a caller that stops the purge leaves everything */
	struct seen stop = {0, 1, ""};
	assert_error(st_purge_leavers(db, D("2020-07-21"), 0, see, &stop, &count, &err), err,
		     ST_EINTERNAL, "purge: stopped by the caller");
	assert_int_equal(count, 0);
	assert_int_equal(test_count_pupils(db), 4);
	/* the real thing */
	memset(&s, 0, sizeof s);
	assert_ok(st_purge_leavers(db, D("2020-07-21"), 0, see, &s, &count, &err), err);
	assert_int_equal(count, 2);
	assert_int_equal(test_count_pupils(db), 2);
	st_pupil *p = NULL;
	assert_error(st_pupil_get(db, old, &p, &err), err, ST_ENOTFOUND, "no such pupil");
	assert_error(st_pupil_get(db, edge, &p, &err), err, ST_ENOTFOUND, "no such pupil");
	assert_ok(st_pupil_get(db, recent, &p, &err), err);
	st_pupil_free(p);
	struct audit_rows a = audit_of(db, old);
	assert_int_equal(a.erasures, 1);
	assert_non_null(strstr(a.text, "erase pupil retention period ended\n"));
	/* nothing left before that date: a second run erases none */
	assert_ok(st_purge_leavers(db, D("2020-07-21"), 0, NULL, NULL, &count, &err), err);
	assert_int_equal(count, 0);
	/* a date in the future would erase pupils still within their period */
	assert_error(st_purge_leavers(db, D("2026-11-26"), 1, NULL, NULL, &count, &err), err,
		     ST_ERULE, "--left-before 2026-11-26: is in the future (today is 2026-11-25)");
	st_db_free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(backup_is_a_whole_private_copy),
		cmocka_unit_test(doctor_names_each_problem),
		cmocka_unit_test(erase_needs_the_id_or_upn_again),
		cmocka_unit_test(purge_erases_leavers_before_the_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
