/* json.h - JSON output for scripts (`--format json`), encoded by SQLite's
 * own JSON functions rather than by hand.
 *
 * A document is an array of objects or one object. Fields are added to the
 * current object in order; st_json_end_object appends it to the array. */
#ifndef SENTRACK_JSON_H
#define SENTRACK_JSON_H

#include <stdint.h>
#include <stdio.h>
#include "sentrack/date.h"
#include "sentrack/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_json st_json;

int st_json_new(st_json **out, st_error *err);
void st_json_free(st_json *j);

/* Fields of the current object. NULL text and ST_DATE_NONE are null. */
int st_json_text(st_json *j, const char *key, const char *value, st_error *err);
int st_json_int(st_json *j, const char *key, int64_t value, st_error *err);
int st_json_date(st_json *j, const char *key, st_date value, st_error *err);
int st_json_bool(st_json *j, const char *key, int value, st_error *err);
/* A field whose value is another document: its array of objects, or its
 * current object (as_object 1). */
int st_json_nested(st_json *j, const char *key, st_json *value, int as_object,
		   st_error *err);

/* Append the current object to the array and start a new one. */
int st_json_end_object(st_json *j, st_error *err);

/* Write the array of objects (as_object 0), or the current object alone
 * (as_object 1), and a newline, to f. */
int st_json_write(st_json *j, int as_object, FILE *f, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
