/* embedded.c - lookup of the data/ files compiled into the library. */
#include <string.h>
#include "embedded.h"
#include "internal.h"

const char *st__embedded_get(const char *name, size_t *size)
{
	for (const struct embedded_file *f = st__embedded_files; f->name; f++) {
		if (strcmp(f->name, name) == 0) {
			*size = f->size;
			return (const char *)f->bytes;
		}
	}
	*size = 0;
	return NULL;
}
