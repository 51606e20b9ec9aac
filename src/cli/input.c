/* input.c - values as people type them on the command line, turned into
 * the forms the library takes. */
#include <ctype.h>
#include <string.h>
#include "cli.h"

char *cli_year(char *text)
{
	for (const char *p = text; p && *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7F)
			return text; /* year groups are plain ASCII; the library says why not */
	char code[8];
	/* the import's rule for what starts with a letter: Y5, Year 5, R,
	 * Reception, Nursery 1 (a code is never longer than text); digits are
	 * left to the library, which checks them against the year groups */
	if (text && isalpha((unsigned char)text[0]) && st_import_parse_year("--year", text, code, sizeof code, NULL) == ST_OK &&
	    strlen(code) <= strlen(text))
		strcpy(text, code);
	return text;
}
