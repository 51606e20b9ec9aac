/* idmap.c - old id -> new id maps and row checksums for `migrate`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "idmap.h"
#include "internal.h"

int st__idmap_add(struct st__idmap *m, int64_t old_id, int64_t new_id)
{
	if (m->n > 0 && old_id <= m->old_ids[m->n - 1])
		return -1; /* the binary search needs them in order */
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 64;
		int64_t *o = realloc(m->old_ids, cap * sizeof *o);
		if (!o)
			return -1;
		m->old_ids = o;
		int64_t *w = realloc(m->new_ids, cap * sizeof *w);
		if (!w)
			return -1;
		m->new_ids = w;
		m->cap = cap;
	}
	m->old_ids[m->n] = old_id;
	m->new_ids[m->n++] = new_id;
	return 0;
}

int64_t st__idmap_get(const struct st__idmap *m, int64_t old_id)
{
	size_t lo = 0, hi = m->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->old_ids[mid] == old_id)
			return m->new_ids[mid];
		if (m->old_ids[mid] < old_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void st__idmap_free(struct st__idmap *m)
{
	free(m->old_ids);
	free(m->new_ids);
	memset(m, 0, sizeof *m);
}

uint64_t st__row_hash(const char *const *values, int n)
{
	struct st__sha256 c;
	st__sha256_init(&c);
	for (int i = 0; i < n; i++) {
		/* length-prefixed, so no value can stand in for two */
		char head[32];
		int len = values[i] ? snprintf(head, sizeof head, "V%zu:", strlen(values[i]))
				    : snprintf(head, sizeof head, "N;");
		st__sha256_update(&c, head, (size_t)len);
		if (values[i])
			st__sha256_update(&c, values[i], strlen(values[i]));
	}
	char hex[65];
	st__sha256_hex(&c, hex);
	hex[16] = '\0';
	return strtoull(hex, NULL, 16);
}
