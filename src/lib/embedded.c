/* embedded.c - lookup of the data/ files compiled into the library. */
#include <string.h>
#include "embedded.h"
#include "internal.h"

const char *embedded_get(const char *name, size_t *size)
{
	for (const struct embedded_file *f = embedded_files; f->name; f++) {
		if (strcmp(f->name, name) == 0) {
			*size = f->size;
			return (const char *)f->bytes;
		}
	}
	*size = 0;
	return NULL;
}
