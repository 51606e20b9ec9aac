/* fuzz_upn.c - libFuzzer harness: UPN validation; an accepted UPN has 13
 * characters. */
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
	st_error err;
	if (st_upn_validate("--upn", text, &err) == ST_OK) {
		if (strlen(text) != 13)
			abort();
		st_upn_is_temporary(text);
	}
	free(text);
	return 0;
}
