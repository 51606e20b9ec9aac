/* text.h - how far apart two words are, for "did you mean" suggestions. */
#ifndef SENTRACK_TEXT_H
#define SENTRACK_TEXT_H

#ifdef __cplusplus
extern "C" {
#endif

/* Levenshtein distance between a and b in bytes, or limit + 1 when it is
 * larger than limit (the search stops there). Used on command names and on
 * accent-folded pupil names, which are mostly ASCII. */
int st_text_distance(const char *a, const char *b, int limit);

#ifdef __cplusplus
}
#endif
#endif
