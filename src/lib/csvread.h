/* csvread.h - a small whole-buffer interface to the CSV reader
 * (include/sentrack/csv.h) for the embedded data files (reference data,
 * demo cohort). */
#ifndef SENTRACK_CSVREAD_H
#define SENTRACK_CSVREAD_H

#include <stddef.h>
#include "sentrack/error.h"

/* One record: nfields fields (NUL-terminated, valid during the call) and
 * the physical line it started on. Return ST_OK to go on. */
typedef int (*csv_row_cb)(int nfields, char **fields, long line, void *payload);

/* Parse bytes (RFC 4180, strict quoting) and call row for every record,
 * header included. Returns the first non-OK callback result, or ST_EINVAL
 * for malformed CSV naming `name`, the line and the column. */
int st__csv_each_row(const char *name, const char *bytes, size_t size, csv_row_cb row,
		 void *payload, st_error *err);

/* Index of header name (case-insensitive) in fields, or -1. */
int st__csv_column(int nfields, char **fields, const char *name);

#endif
