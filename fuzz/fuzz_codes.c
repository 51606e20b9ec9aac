/* fuzz_codes.c - libFuzzer harness: year-group and need-code parsing (the
 * typed forms and the MIS forms) against an in-memory database. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "sentrack/sentrack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static st_db *db; /* reference data loaded once for the run */
	if (!db && st_db_open(&db, NULL, ST_OPEN_MEMORY | ST_OPEN_CREATE, NULL) != ST_OK)
		return 0;
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	st_error err;
	char out[16];
	st_year_validate(db, "--year", text, &err);
	/* The import checks the normalised code against the year groups next
	 * ("Nursery 0" normalises to N0 and is refused there). */
	if (st_import_parse_year("NC Year Actual", text, out, sizeof out, &err) == ST_OK)
		st_year_validate(db, "year", out, &err);
	st_need_lookup(db, "TYPE", text, out, sizeof out, &err);
	free(text);
	return 0;
}
