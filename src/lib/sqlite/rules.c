/* rules.c - the model's rules as SQL functions, for the queries that apply
 * a rule to every row of a set (a cost summed per pupil, a phase to filter
 * on, an export column) where a query per row would be too slow.
 *
 * Each function only unpacks its arguments and calls the rule's one C
 * implementation (st_cycle_phase_shown, st_due_status_on, ...), so the SQL
 * under src/lib/sqlite/ never restates a rule; a second backend registers
 * the same names over the same C functions. All are deterministic. */
#include "sqlite_store.h"

/* A stored YYYY-MM-DD date, or ST_DATE_NONE for NULL. */
static st_date arg_date(sqlite3_value *v)
{
	const char *t = (const char *)sqlite3_value_text(v);
	st_date d;
	return t && st_date_parse("stored date", t, &d, NULL) == ST_OK ? d : ST_DATE_NONE;
}

/* st_phase(phase, review_date, today): the phase shown. */
static void phase_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *stored = (const char *)sqlite3_value_text(argv[0]);
	const char *shown = st_cycle_phase_shown(stored, arg_date(argv[1]), arg_date(argv[2]));
	if (shown)
		sqlite3_result_text(ctx, shown, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

/* st_due_status(due_date, today, window_days): no-review-date, overdue,
 * due or scheduled. */
static void due_status_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	st_due_status s = st_due_status_on(arg_date(argv[0]), arg_date(argv[1]),
					   (long)sqlite3_value_int64(argv[2]));
	sqlite3_result_text(ctx, st_due_status_name(s), -1, SQLITE_STATIC);
}

/* st_days_until(date, today): whole days, negative when past; NULL when
 * either is. */
static void days_until_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	st_date d = arg_date(argv[0]), today = arg_date(argv[1]);
	if (d == ST_DATE_NONE || today == ST_DATE_NONE)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_int64(ctx, (int64_t)d - today);
}

/* st_weekly_pence(sessions, minutes, group size, hourly pence). */
static void weekly_pence_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int64(ctx, st_provision_weekly_pence(sqlite3_value_int(argv[0]),
							    sqlite3_value_int(argv[1]),
							    sqlite3_value_int(argv[2]),
							    sqlite3_value_int64(argv[3])));
}

/* st_mostly_not_achieved(not_achieved, total): 1 or 0. */
static void mostly_not_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_int(ctx, st_outcomes_mostly_not_achieved(
					(long)sqlite3_value_int64(argv[0]),
					(long)sqlite3_value_int64(argv[1])));
}

/* st_money(pence): pounds with two decimals, as everywhere else. */
static void money_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	char buf[ST_MONEY_BUFSZ];
	sqlite3_result_text(ctx, st_money_format(sqlite3_value_int64(argv[0]), buf), -1,
			    SQLITE_TRANSIENT);
}

int sqlst_rules_register(sqlite3 *db)
{
	static const struct {
		const char *name;
		int nargs;
		void (*fn)(sqlite3_context *, int, sqlite3_value **);
	} fns[] = {
		{"st_phase", 3, phase_fn},
		{"st_due_status", 3, due_status_fn},
		{"st_days_until", 2, days_until_fn},
		{"st_weekly_pence", 4, weekly_pence_fn},
		{"st_mostly_not_achieved", 2, mostly_not_fn},
		{"st_money", 1, money_fn},
	};
	for (size_t i = 0; i < sizeof fns / sizeof *fns; i++) {
		int rc = sqlite3_create_function(db, fns[i].name, fns[i].nargs,
						 SQLITE_UTF8 | SQLITE_DETERMINISTIC |
						 SQLITE_INNOCUOUS, NULL, fns[i].fn, NULL, NULL);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}
