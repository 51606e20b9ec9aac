/* fold.h - matching what people type: accent- and case-folding, edit
 * distance, and case-insensitive names of enumerations (not public). */
#ifndef SENTRACK_FOLD_H
#define SENTRACK_FOLD_H

#include <stddef.h>
#include "sentrack/text.h"

/* A malloc'd copy of s, lower-cased with diacritics removed and runs of
 * white space as one space ("  Nguyễn  Minh" -> "nguyen minh", "Zoë" ->
 * "zoe", "Strauß" -> "strauss"); NULL when out of memory. Bytes that are not
 * UTF-8 are kept. */
char *st__fold_plain(const char *s);


/* The entry of names (NULL-terminated) equal to text ignoring ASCII case,
 * or NULL: "Achieved" -> "achieved". */
const char *st__fold_enum(const char *text, const char *const *names);

#endif
