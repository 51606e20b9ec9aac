/* text.h - text as it is shown: what a terminal must never receive raw.
 *
 * Names and single-line fields refuse control and invisible format
 * characters when they are entered; text stored before that rule, and
 * multi-line notes, are escaped when they are printed to a terminal. */
#ifndef SENTRACK_TEXT_H
#define SENTRACK_TEXT_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Escape in[0..n) for a terminal into out (at least 4 * n + 16 bytes):
 * control characters (bar newline and tab) become \xHH, C1 controls and
 * invisible or direction-changing characters (U+202E...) become <U+202E>,
 * bytes that are not UTF-8 become \xHH. A UTF-8 sequence cut off at the
 * end is left unread unless final. Returns the bytes of in consumed;
 * *out_len receives the bytes written. */
size_t st_text_escape_terminal(const char *in, size_t n, int final, char *out,
			       size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
