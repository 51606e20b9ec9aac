/* fuzz_import.c - libFuzzer harness: bytes -> the pupil CSV import (reader,
 * header matching, every field's validation) against an in-memory
 * database, validating only (dry run) so each input sees the same state. */
#include <stdint.h>
#include <stdio.h>
#include "sentrack/sentrack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void ignore(int kind, const char *message, void *payload)
{
	(void)kind;
	(void)message;
	(void)payload;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* One database for the whole run: creating the schema per input would
	 * spend the time budget on SQLite instead of the parser. */
	static st_db *db;
	if (!db && st_db_open(&db, NULL, ST_OPEN_MEMORY | ST_OPEN_CREATE, NULL) != ST_OK)
		return 0;
	FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
	if (!f)
		return 0;
	if (!size)
		fgetc(f); /* fmemopen refuses size 0: read past the one byte */
	st_import_options o;
	st_import_options_init(&o);
	o.dry_run = 1;
	o.date_order = size && (data[0] & 1) ? ST_DATES_YMD : ST_DATES_DMY;
	st_import_counts counts;
	st_import_pupils(db, "fuzz.csv", f, &o, ignore, NULL, &counts, NULL);
	fclose(f);
	return 0;
}
