/* embedded.h - data/ files compiled into the library. */
#ifndef SENTRACK_EMBEDDED_H
#define SENTRACK_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;            /* relative to data/: "demo/pupils.csv" */
	const unsigned char *bytes;  /* NUL-terminated */
	size_t size;                 /* without the NUL */
};

extern const struct embedded_file st__embedded_files[]; /* ends with a NULL name */

#endif
