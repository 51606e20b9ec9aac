/* fuzz_date.c - libFuzzer harness: st_date_parse and the MIS date parser
 * in both orders; a parsed date must format back to a valid date. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "sentrack/sentrack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	st_date d, back;
	st_error err;
	if (st_date_parse("--date", text, &d, &err) == ST_OK) {
		char buf[ST_DATE_BUFSZ];
		/* round trip: what we print we must read back as the same day */
		if (st_date_parse("again", st_date_format(d, buf), &back, &err) != ST_OK || back != d)
			abort();
	}
	st_import_parse_date("DOB", text, ST_DATES_DMY, &d, &err);
	st_import_parse_date("DOB", text, ST_DATES_YMD, &d, &err);
	free(text);
	return 0;
}
