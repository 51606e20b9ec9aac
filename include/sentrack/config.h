/* config.h - settings kept in the database, so the nightly job and the
 * SENCO see the same values. Every key has a type, a range and a default. */
#ifndef SENTRACK_CONFIG_H
#define SENTRACK_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum st_config_type {
	ST_CONFIG_INT,      /* whole number within [min, max] */
	ST_CONFIG_MONEY,    /* pounds with two decimals, stored as text "6000.00" */
	ST_CONFIG_MONTHDAY, /* MM-DD, a day that exists in a leap year */
	ST_CONFIG_TEXT      /* one line of text (names for documents); may be empty */
} st_config_type;

/* The longest value of any key, with its NUL. */
#define ST_CONFIG_VALUE_MAX 256

typedef struct st_config_item {
	const char *key;
	st_config_type type;
	const char *value;         /* effective value (the default when unset) */
	const char *default_value;
	int is_default;            /* 1 when no value is set */
	const char *range;         /* "1..365", "MM-DD" */
	const char *description;
} st_config_item;

/* Effective value of key as text into buf. ST_EINVAL for an unknown key. */
int st_config_get(st_db *db, const char *key, char *buf, size_t size, st_error *err);

/* Typed reads of the effective value. */
int st_config_int(st_db *db, const char *key, long *out, st_error *err);
int st_config_pence(st_db *db, const char *key, int64_t *out, st_error *err);
int st_config_monthday(st_db *db, const char *key, int *month, int *day, st_error *err);

/* Set (validated by type and range, normalised) or unset (back to the
 * default) a key; both are audited. */
int st_config_set(st_db *db, const char *key, const char *value, st_error *err);
int st_config_unset(st_db *db, const char *key, st_error *err);
/* The check st_config_set makes, without storing (doctor uses it on the
 * stored values). */
int st_config_validate(const char *key, const char *value, st_error *err);

typedef int (*st_config_cb)(const st_config_item *item, void *payload);

/* Every known key, in documentation order. */
int st_config_list(st_db *db, st_config_cb cb, void *payload, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
