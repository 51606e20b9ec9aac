/* support.c - helpers for the cmocka unit tests. */
#include <string.h>
#include "support.h"

st_date D(const char *text)
{
	st_date d = 0;
	st_error err;
	if (st_date_parse("test", text, &d, &err) != ST_OK)
		fail_msg("bad date literal %s: %s", text, err.message);
	return d;
}

st_db *test_db(const char *today)
{
	st_db *db = NULL;
	st_error err;
	if (st_db_open(&db, NULL, ST_OPEN_MEMORY, &err) != ST_OK)
		fail_msg("open: %s", err.message);
	st_db_set_today(db, D(today));
	st_db_set_user(db, "tester", &err);
	st_db_set_command(db, "unit test", &err);
	return db;
}

int64_t test_pupil(st_db *db, const char *forename, const char *surname, const char *year)
{
	st_pupil_fields f;
	st_pupil_fields_init(&f);
	f.forename = forename;
	f.surname = surname;
	f.year = year;
	f.dob = D("2016-05-01");
	int64_t id = 0;
	st_error err;
	if (st_pupil_add(db, &f, &id, &err) != ST_OK)
		fail_msg("add pupil: %s", err.message);
	return id;
}

static int count_one(const st_pupil *p, void *payload)
{
	(void)p;
	++*(int *)payload;
	return 0;
}

int test_count_pupils(st_db *db)
{
	int n = 0;
	st_pupil_filter all = {.include_left = 1};
	st_error err;
	if (st_pupil_list(db, &all, count_one, &n, &err) != ST_OK)
		fail_msg("list pupils: %s", err.message);
	return n;
}
