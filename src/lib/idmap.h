/* idmap.h - moving rows between databases (`migrate`, src/lib/pg/migrate.c):
 * old id -> new id maps, and a checksum of a table's rows that both sides
 * compute the same way. Pure C, so unit-tested without a server. */
#ifndef SENTRACK_IDMAP_H
#define SENTRACK_IDMAP_H

#include <stddef.h>
#include <stdint.h>

/* Pairs added in increasing old id (rows read ORDER BY id). */
struct st__idmap {
	int64_t *old_ids, *new_ids;
	size_t n, cap;
};
/* 0, or -1 out of memory or an old id not above the last one. */
int st__idmap_add(struct st__idmap *m, int64_t old_id, int64_t new_id);
/* The new id of old_id, or 0 when the map has none. */
int64_t st__idmap_get(const struct st__idmap *m, int64_t old_id);
void st__idmap_free(struct st__idmap *m);

/* A hash of one row's values as text (NULL: SQL NULL, distinct from "").
 * A table's checksum is the sum of its rows' hashes (mod 2^64), so the
 * order the rows come in does not matter. */
uint64_t st__row_hash(const char *const *values, int n);

#endif
