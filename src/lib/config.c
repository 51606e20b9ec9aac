/* config.c - the known settings, their types, ranges and defaults, and
 * validation on set. The table below is the documentation's source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store.h"

struct key_spec {
	const char *key;
	st_config_type type;
	long min, max;             /* ST_CONFIG_INT */
	const char *default_value;
	const char *range;
	const char *description;
};

static const struct key_spec keys[] = {
	{"due-window-days", ST_CONFIG_INT, 1, 365, "14", "1..365",
	 "a review within this many days is reported as due"},
	{"assess-max-days", ST_CONFIG_INT, 1, 365, "28", "1..365",
	 "days a cycle may stay in assess before a plan is missing"},
	{"gap-max-days", ST_CONFIG_INT, 0, 365, "14", "0..365",
	 "days a pupil at K may go without an open cycle"},
	{"inform-max-days", ST_CONFIG_INT, 0, 365, "7", "0..365",
	 "days to record that parents were informed of a placement"},
	{"review-max-weeks", ST_CONFIG_INT, 1, 52, "16", "1..52",
	 "longest time from plan to review without --long"},
	{"ehcna-after-cycles", ST_CONFIG_INT, 1, 20, "3", "1..20",
	 "consecutive cycles mostly not achieved before an EHC needs assessment is suggested"},
	{"sen-support-threshold", ST_CONFIG_MONEY, 0, 0, "6000.00", "0.00..1000000.00 pounds",
	 "annual provision cost per pupil above which top-up funding is considered"},
	{"school-weeks", ST_CONFIG_INT, 1, 52, "38", "1..52",
	 "school weeks in a year, for annual provision costs"},
	{"term.autumn.start", ST_CONFIG_MONTHDAY, 0, 0, "09-01", "MM-DD",
	 "first day of the autumn term"},
	{"term.spring.start", ST_CONFIG_MONTHDAY, 0, 0, "01-01", "MM-DD",
	 "first day of the spring term"},
	{"term.summer.start", ST_CONFIG_MONTHDAY, 0, 0, "04-15", "MM-DD",
	 "first day of the summer term"},
	{"term.summer.end", ST_CONFIG_MONTHDAY, 0, 0, "07-22", "MM-DD",
	 "last day of the summer term"},
	/* EHC plan annual reviews (issue 12) */
	{"ehcp-book-weeks", ST_CONFIG_INT, 2, 26, "10", "2..26",
	 "weeks before an EHC plan's annual review is due by which its meeting must be booked"},
	{"ehcp-under5-months", ST_CONFIG_INT, 3, 6, "6", "3..6",
	 "months between EHC plan reviews for a child under 5 (the Code says 3 to 6)"},
	/* documents (issue 13) */
	{"school-name", ST_CONFIG_TEXT, 0, 100, "", "text, up to 100 bytes",
	 "the school's name, on plans, passports, letters and reports"},
	{"school-address", ST_CONFIG_TEXT, 0, 200, "", "text, lines separated by commas",
	 "the school's postal address, at the head of letters"},
	{"senco-name", ST_CONFIG_TEXT, 0, 100, "", "text, up to 100 bytes",
	 "the SENCO's name, signing letters and leading plans"},
	{"notional-sen-budget", ST_CONFIG_MONEY, 0, 0, "0.00", "0.00..1000000.00 pounds",
	 "the school's notional SEN budget a year, compared with the provision map (0: not set)"},
	{"suppress-below", ST_CONFIG_INT, 1, 100, "5", "1..100",
	 "published summaries show counts from 1 to this minus 1 as \"<N\" (1: show all)"},
};
#define NKEYS (sizeof keys / sizeof *keys)

static const struct key_spec *find_key(const char *key, st_error *err)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (key && strcmp(keys[i].key, key) == 0)
			return &keys[i];
	char list[600] = "";
	for (size_t i = 0; i < NKEYS; i++) {
		size_t used = strlen(list);
		snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", keys[i].key);
	}
	st_error_set(err, ST_EINVAL, "KEY %.60s: not a setting (one of %s)", key ? key : "", list);
	return NULL;
}

/* Validate text for spec and write its normal form into out. */
static int normalise(const struct key_spec *k, const char *text, char *out, size_t size,
		     st_error *err)
{
	if (!text)
		text = "";
	if (k->type == ST_CONFIG_INT) {
		char *end = NULL;
		long v = *text ? strtol(text, &end, 10) : 0;
		if (!*text || *end || v < k->min || v > k->max || strlen(text) > 12)
			return st_error_set(err, ST_EINVAL, "%s %.40s: must be a whole number from %ld "
					    "to %ld", k->key, text, k->min, k->max);
		snprintf(out, size, "%ld", v);
		return ST_OK;
	}
	if (k->type == ST_CONFIG_MONEY) {
		int64_t pence;
		int rc = st_money_parse(k->key, text, &pence, err);
		char buf[ST_MONEY_BUFSZ];
		if (rc == ST_OK)
			snprintf(out, size, "%s", st_money_format(pence, buf));
		return rc;
	}
	if (k->type == ST_CONFIG_TEXT) {
		int rc = st__text_check(k->key, text, (size_t)k->max, TEXT_OPTIONAL, err);
		if (rc == ST_OK)
			snprintf(out, size, "%s", text);
		return rc;
	}
	/* MM-DD of a leap year, so 02-29 is allowed. */
	st_date d;
	char full[16];
	if (strlen(text) != 5 || text[2] != '-')
		return st_error_set(err, ST_EINVAL, "%s %.40s: must be a month and day as MM-DD",
				    k->key, text);
	snprintf(full, sizeof full, "2000-%s", text);
	if (st_date_parse(k->key, full, &d, NULL) != ST_OK)
		return st_error_set(err, ST_EINVAL, "%s %s: not a day of the year (MM-DD)", k->key,
				    text);
	snprintf(out, size, "%s", text);
	return ST_OK;
}

int st_config_get(st_db *db, const char *key, char *buf, size_t size, st_error *err)
{
	ERR_ENSURE(err);
	const struct key_spec *k = find_key(key, err);
	if (!k)
		return err->code;
	int found = 0;
	int rc = st__store_config_get(db->store, key, buf, size, &found, err);
	if (rc == ST_OK && !found)
		snprintf(buf, size, "%s", k->default_value);
	return rc;
}

int st_config_int(st_db *db, const char *key, long *out, st_error *err)
{
	ERR_ENSURE(err);
	char buf[64];
	int rc = st_config_get(db, key, buf, sizeof buf, err);
	if (rc == ST_OK)
		*out = strtol(buf, NULL, 10);
	return rc;
}

int st_config_pence(st_db *db, const char *key, int64_t *out, st_error *err)
{
	ERR_ENSURE(err);
	char buf[64];
	int rc = st_config_get(db, key, buf, sizeof buf, err);
	return rc == ST_OK ? st_money_parse(key, buf, out, err) : rc;
}

int st_config_monthday(st_db *db, const char *key, int *month, int *day, st_error *err)
{
	ERR_ENSURE(err);
	char buf[64];
	int rc = st_config_get(db, key, buf, sizeof buf, err);
	if (rc == ST_OK && sscanf(buf, "%2d-%2d", month, day) != 2)
		rc = st_error_set(err, ST_EINTERNAL, "%s: stored value %s is not MM-DD", key, buf);
	return rc;
}

int st_config_validate(const char *key, const char *value, st_error *err)
{
	ERR_ENSURE(err);
	const struct key_spec *k = find_key(key, err);
	char norm[ST_CONFIG_VALUE_MAX];
	return k ? normalise(k, value, norm, sizeof norm, err) : err->code;
}

int st_config_set(st_db *db, const char *key, const char *value, st_error *err)
{
	ERR_ENSURE(err);
	const struct key_spec *k = find_key(key, err);
	if (!k)
		return err->code;
	char norm[ST_CONFIG_VALUE_MAX];
	int rc = normalise(k, value, norm, sizeof norm, err);
	if (rc != ST_OK)
		return rc;
	if ((rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	rc = st__store_config_set(db->store, key, norm, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "config", 0, 0, ST_DATE_NONE, key, err);
	return st__write_end(db, rc, err);
}

int st_config_unset(st_db *db, const char *key, st_error *err)
{
	ERR_ENSURE(err);
	if (!find_key(key, err))
		return err->code;
	int rc = st__write_begin(db, err), deleted = 0;
	if (rc != ST_OK)
		return rc;
	rc = st__store_config_unset(db->store, key, &deleted, err);
	if (rc == ST_OK && deleted)
		rc = st_audit_record(db, "delete", "config", 0, 0, ST_DATE_NONE, key, err);
	return st__write_end(db, rc, err);
}

int st_config_list(st_db *db, st_config_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	for (size_t i = 0; i < NKEYS; i++) {
		char value[ST_CONFIG_VALUE_MAX];
		int found = 0;
		int rc = st__store_config_get(db->store, keys[i].key, value, sizeof value, &found, err);
		if (rc != ST_OK)
			return rc;
		st_config_item item = {keys[i].key, keys[i].type, found ? value : keys[i].default_value,
				       keys[i].default_value, !found || strcmp(value, keys[i].default_value) == 0,
				       keys[i].range, keys[i].description};
		if ((rc = cb(&item, payload)) != 0)
			return st__err_stopped(rc, "listing settings", err);
	}
	return ST_OK;
}
