/* csvread.h - a small whole-buffer interface to the CSV reader
 * (include/sentrack/csv.h) for the embedded data files (reference data,
 * demo cohort). */
#ifndef SENTRACK_CSVREAD_H
#define SENTRACK_CSVREAD_H

#include <stddef.h>
#include <stdio.h>
#include "sentrack/csv.h"
#include "sentrack/error.h"

/* One record: nfields fields (NUL-terminated, valid during the call) and
 * the physical line it started on. Return ST_OK to go on. */
typedef int (*csv_row_cb)(int nfields, char **fields, long line, void *payload);

/* Parse bytes (RFC 4180, strict quoting) and call row for every record,
 * header included. Returns the first non-OK callback result, or ST_EINVAL
 * for malformed CSV naming `name`, the line and the column. */
int st__csv_each_row(const char *name, const char *bytes, size_t size, csv_row_cb row,
		 void *payload, st_error *err);

/* st_csv_read (csv.h) that also hands every chunk of bytes read to
 * chunk_cb (may be NULL) before parsing it: an import hashes the file and
 * counts its bytes for a progress display. */
typedef void (*csv_chunk_cb)(const unsigned char *bytes, size_t n, void *payload);
int st__csv_read_hooked(const char *name, FILE *f, char delimiter, st_csv_record_cb cb,
			void *payload, st_csv_position *where, csv_chunk_cb chunk_cb,
			void *chunk_payload, st_error *err);

/* Index of header name (case-insensitive) in fields, or -1. */
int st__csv_column(int nfields, char **fields, const char *name);

#endif
