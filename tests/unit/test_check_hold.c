/* test_check_hold.c - check's hold of findings (src/lib/check_hold.c): far
 * more findings than fit under its memory limit, so most details go to the
 * temporary file, come back in the order of severity, date, folded names,
 * pupil id and rule, each with its own detail and its pupil's names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "support.h"
#include "check_hold.h"

enum { PUPILS = 997, FINDINGS = 30000 };

struct expect {
	size_t n;
	st_finding last;
	int have_last;
};

static void names_of(int64_t id, char *surname, char *key)
{
	/* sort keys in a different order from the ids */
	snprintf(surname, 32, "Name%03lld", (long long)((id * 7919) % PUPILS));
	snprintf(key, 64, "name%03lld first", (long long)((id * 7919) % PUPILS));
}

static int check_one(const st_finding *f, void *payload)
{
	struct expect *e = payload;
	char surname[32], key[64], detail[300];
	names_of(f->pupil_id, surname, key);
	assert_string_equal(f->surname, surname);
	assert_string_equal(f->sort_key, key);
	assert_string_equal(f->forename, "First");
	assert_true(f->pupil_id % 3 ? f->upn != NULL : f->upn == NULL);
	/* the detail names its own severity, rule, date and pupil */
	unsigned i;
	assert_int_equal(sscanf(f->detail, "finding %u", &i), 1);
	snprintf(detail, sizeof detail, "finding %u: severity %d rule %d date %d pupil %lld %0200d", i,
		 (int)f->severity, (int)f->rule, (int)f->date, (long long)f->pupil_id, 0);
	assert_string_equal(f->detail, detail);
	if (e->have_last) {
		const st_finding *l = &e->last;
		int c = l->severity != f->severity ? (l->severity < f->severity ? -1 : 1)
			: l->date != f->date ? (l->date < f->date ? -1 : 1)
			: strcmp(l->sort_key, f->sort_key) ? strcmp(l->sort_key, f->sort_key)
			: l->pupil_id != f->pupil_id ? (l->pupil_id < f->pupil_id ? -1 : 1)
			: (int)l->rule - (int)f->rule;
		assert_true(c <= 0);
		free(e->last.sort_key);
	}
	e->last = *f;
	e->last.sort_key = strdup(f->sort_key);
	e->have_last = 1;
	e->n++;
	return 0;
}

static void many_findings_come_back_in_order_with_their_details(void **state)
{
	(void)state;
	struct check_hold *h = st__hold_new();
	assert_non_null(h);
	unsigned long long x = 42;
	for (unsigned i = 0; i < FINDINGS; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		int64_t id = 1 + (int64_t)((x >> 33) % PUPILS);
		int sev = (int)((x >> 20) % 3), rule = (int)((x >> 24) % ST_RULE_COUNT);
		st_date date = D("2026-01-01") + (st_date)((x >> 40) % 300);
		char surname[32], key[64], detail[300];
		names_of(id, surname, key);
		snprintf(detail, sizeof detail, "finding %u: severity %d rule %d date %d pupil %lld %0200d",
			 i, sev, rule, (int)date, (long long)id, 0);
		struct check_row row = {.pupil_id = id, .upn = id % 3 ? "A123456789012" : NULL,
					.surname = surname, .forename = "First", .year = "4",
					.sort_key = key};
		assert_int_equal(st__hold_add(h, (st_severity)sev, (st_rule)rule, date, &row, detail),
				 ST_OK);
	}
	struct expect e = {0};
	assert_int_equal(st__hold_emit(h, check_one, &e), ST_OK);
	assert_int_equal(e.n, FINDINGS);
	free(e.last.sort_key);
	st__hold_free(h);
}

struct ties {
	size_t n;
	unsigned last[4]; /* per pupil, the number of its last finding */
	int seen[4];
};

static int check_tie(const st_finding *f, void *payload)
{
	struct ties *t = payload;
	unsigned i;
	assert_int_equal(sscanf(f->detail, "tie %u", &i), 1);
	assert_true(f->pupil_id >= 1 && f->pupil_id <= 4);
	/* findings alike in everything but the detail keep the order they came in */
	if (t->seen[f->pupil_id - 1])
		assert_true(i > t->last[f->pupil_id - 1]);
	t->last[f->pupil_id - 1] = i;
	t->seen[f->pupil_id - 1] = 1;
	t->n++;
	return 0;
}

/* The details past the memory limit go to the file in runs sorted as they
 * will be printed, so printing reads each run forwards through a buffer
 * rather than once per finding (issue 15); findings that sort alike keep
 * the order they were added in, across runs. */
static void spilled_details_are_read_back_in_runs(void **state)
{
	(void)state;
	struct check_hold *h = st__hold_new();
	assert_non_null(h);
	unsigned long long x = 7;
	for (unsigned i = 0; i < FINDINGS; i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		int64_t id = 1 + (int64_t)((x >> 33) % 4);
		char surname[32], key[64], detail[300];
		names_of(id, surname, key);
		/* the first four give each pupil its place; then all alike */
		snprintf(detail, sizeof detail, "tie %u %0200d", i < 4 ? 0 : i, 0);
		struct check_row row = {.pupil_id = i < 4 ? (int64_t)i + 1 : id, .upn = NULL,
					.surname = surname, .forename = "First", .year = "4",
					.sort_key = key};
		names_of(row.pupil_id, surname, key);
		assert_int_equal(st__hold_add(h, ST_SEVERITY_DUE, ST_RULE_OUTCOME_OVERDUE,
					      D("2026-11-25"), &row, detail), ST_OK);
	}
	struct ties t = {0};
	assert_int_equal(st__hold_emit(h, check_tie, &t), ST_OK);
	assert_int_equal(t.n, FINDINGS);
	/* about 6 MB of details: one read per finding before, a few hundred now */
	assert_true(st__hold_reads(h) > 0);
	assert_true(st__hold_reads(h) < FINDINGS / 20);
	st__hold_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(many_findings_come_back_in_order_with_their_details),
		cmocka_unit_test(spilled_details_are_read_back_in_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
