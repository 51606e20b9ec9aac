/* check_hold.c - findings of `check` held compactly until they are sorted.
 *
 * Findings come from several queries in no common order, so all of them
 * are held before the first is printed. Each is 16 bytes in memory; its
 * detail text (which names no one: dates, counts, ids) is kept in memory
 * up to SPILL_AT bytes in all, and beyond that goes to an unnamed
 * temporary file (mode 0600, removed when closed) and is read back as the
 * finding is printed (or stays in memory when no temporary file can be
 * made). A cron check with a few thousand findings never touches a file.
 * Each pupil's names are held once, however many findings the pupil has.
 * A trust of 100,000 pupils with 122,000 findings about 20,000 pupils
 * needs about 4 MiB, where a separately allocated st_finding with its own
 * seven strings took about 45. Sorting compares integers only: pupils are
 * ranked once by folded name and id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check_hold.h"

#define DETAIL_MAX 512 /* check.c formats each detail into 256 bytes */
#define SPILL_AT (1u << 20)
#define SPILLED 0x8000u /* in held.len: the detail is in the spill file */

struct held {
	st_date date;
	uint32_t pupil;  /* index into pupils; its rank once sorted */
	uint32_t detail; /* offset into the spill file, or into text */
	uint8_t severity, rule;
	uint16_t len;    /* of the detail, with its NUL; | SPILLED */
};

struct pupil_ref {
	int64_t id;
	uint32_t text;   /* upn, surname, forename, preferred, year, sort key */
	uint8_t has_upn, has_preferred;
};

struct check_hold {
	struct held *items;
	size_t n, cap;
	struct pupil_ref *pupils;
	size_t npupils, pcap;
	uint32_t *slots; /* open addressing by pupil id: index + 1, 0 empty */
	size_t nslots;
	char *text;
	size_t used, size;
	FILE *spill;     /* details past the first SPILL_AT bytes */
	size_t spilled;
	int no_spill;    /* no temporary file could be made: all in text */
};

struct check_hold *st__hold_new(void)
{
	return calloc(1, sizeof(struct check_hold));
}

void st__hold_free(struct check_hold *h)
{
	if (!h)
		return;
	free(h->items);
	free(h->pupils);
	free(h->slots);
	free(h->text);
	if (h->spill)
		fclose(h->spill);
	free(h);
}

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	void *q = realloc(*p, c * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

/* Append s (NULL as "") with its NUL; the offset in *at. */
static int put_text(struct check_hold *h, const char *s, uint32_t *at)
{
	size_t len = strlen(s ? s : "") + 1;
	if (h->used + len > UINT32_MAX || grow((void **)&h->text, &h->size, h->used + len, 1))
		return -1;
	memcpy(h->text + h->used, s ? s : "", len);
	if (at)
		*at = (uint32_t)h->used;
	h->used += len;
	return 0;
}

static size_t slot_of(int64_t id, size_t nslots)
{
	uint64_t x = (uint64_t)id * 0x9E3779B97F4A7C15ULL;
	return (size_t)(x >> 17) & (nslots - 1);
}

static int rehash(struct check_hold *h)
{
	size_t n = h->nslots ? 2 * h->nslots : 1024;
	uint32_t *slots = calloc(n, sizeof *slots);
	if (!slots)
		return -1;
	for (size_t i = 0; i < h->npupils; i++) {
		size_t s = slot_of(h->pupils[i].id, n);
		while (slots[s])
			s = (s + 1) & (n - 1);
		slots[s] = (uint32_t)i + 1;
	}
	free(h->slots);
	h->slots = slots;
	h->nslots = n;
	return 0;
}

/* The index of row's pupil, adding it (with its names) the first time. */
static int pupil_index(struct check_hold *h, const struct check_row *row, uint32_t *out)
{
	if (2 * (h->npupils + 1) > h->nslots && rehash(h))
		return -1;
	size_t s = slot_of(row->pupil_id, h->nslots);
	for (; h->slots[s]; s = (s + 1) & (h->nslots - 1))
		if (h->pupils[h->slots[s] - 1].id == row->pupil_id) {
			*out = h->slots[s] - 1;
			return 0;
		}
	if (grow((void **)&h->pupils, &h->pcap, h->npupils + 1, sizeof *h->pupils))
		return -1;
	struct pupil_ref *p = &h->pupils[h->npupils];
	*p = (struct pupil_ref){row->pupil_id, 0, row->upn != NULL, row->preferred != NULL};
	if (put_text(h, row->upn, &p->text) || put_text(h, row->surname, NULL) ||
	    put_text(h, row->forename, NULL) || put_text(h, row->preferred, NULL) ||
	    put_text(h, row->year, NULL) || put_text(h, row->sort_key, NULL))
		return -1;
	h->slots[s] = (uint32_t)h->npupils + 1;
	*out = (uint32_t)h->npupils++;
	return 0;
}

int st__hold_add(struct check_hold *h, st_severity sev, st_rule rule, st_date date,
		 const struct check_row *row, const char *detail)
{
	uint32_t pupil, at = (uint32_t)h->spilled;
	size_t len = strlen(detail) + 1;
	if (len > DETAIL_MAX || h->spilled + len > UINT32_MAX)
		return ST_EINTERNAL;
	if (!h->spill && !h->no_spill && h->used > SPILL_AT)
		h->no_spill = !(h->spill = tmpfile());
	if (h->spill) {
		if (fwrite(detail, 1, len, h->spill) != len)
			return ST_EIO;
		h->spilled += len;
		len |= SPILLED;
	} else if (put_text(h, detail, &at)) {
		return ST_EINTERNAL;
	}
	if (pupil_index(h, row, &pupil) || grow((void **)&h->items, &h->cap, h->n + 1, sizeof *h->items))
		return ST_EINTERNAL;
	h->items[h->n++] = (struct held){date, pupil, at, (uint8_t)sev, (uint8_t)rule, (uint16_t)len};
	return ST_OK;
}

/* The strings of a pupil, in the order put_text stored them. */
static const char *field(const struct check_hold *h, const struct pupil_ref *p, int i)
{
	const char *s = h->text + p->text;
	while (i-- > 0)
		s += strlen(s) + 1;
	return s;
}

struct by_name {
	const char *key;
	int64_t id;
	uint32_t index;
};

static int compare_names(const void *a, const void *b)
{
	const struct by_name *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : x->id < y->id ? -1 : x->id > y->id;
}

static int compare_held(const void *a, const void *b)
{
	const struct held *x = a, *y = b;
	if (x->severity != y->severity)
		return x->severity < y->severity ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->pupil != y->pupil)
		return x->pupil < y->pupil ? -1 : 1;
	return (int)x->rule - (int)y->rule;
}

/* Replace each finding's pupil index by the pupil's rank in name order;
 * *order gets the index of each rank. */
static int rank_pupils(struct check_hold *h, uint32_t **order)
{
	struct by_name *names = malloc((h->npupils ? h->npupils : 1) * sizeof *names);
	uint32_t *rank = malloc((h->npupils ? h->npupils : 1) * sizeof *rank);
	*order = malloc((h->npupils ? h->npupils : 1) * sizeof **order);
	if (!names || !rank || !*order) {
		free(names);
		free(rank);
		return -1;
	}
	for (size_t i = 0; i < h->npupils; i++)
		names[i] = (struct by_name){field(h, &h->pupils[i], 5), h->pupils[i].id, (uint32_t)i};
	if (h->npupils)
		qsort(names, h->npupils, sizeof *names, compare_names);
	for (size_t r = 0; r < h->npupils; r++) {
		rank[names[r].index] = (uint32_t)r;
		(*order)[r] = names[r].index;
	}
	for (size_t i = 0; i < h->n; i++)
		h->items[i].pupil = rank[h->items[i].pupil];
	free(names);
	free(rank);
	return 0;
}

int st__hold_emit(struct check_hold *h, st_finding_cb cb, void *payload)
{
	uint32_t *order;
	if (rank_pupils(h, &order))
		return ST_EINTERNAL;
	if (h->n)
		qsort(h->items, h->n, sizeof *h->items, compare_held);
	int stop = h->spill && fflush(h->spill) != 0 ? ST_EIO : 0;
	char detail[DETAIL_MAX];
	for (size_t i = 0; !stop && i < h->n; i++) {
		const struct held *x = &h->items[i];
		const char *text = h->text + x->detail;
		size_t len = x->len & ~SPILLED;
		if (x->len & SPILLED) {
			if (pread(fileno(h->spill), detail, len, x->detail) != (ssize_t)len) {
				stop = ST_EIO;
				break;
			}
			text = detail;
		}
		const struct pupil_ref *p = &h->pupils[order[x->pupil]];
		st_finding f = {(st_severity)x->severity, (st_rule)x->rule, x->date, p->id,
				p->has_upn ? (char *)field(h, p, 0) : NULL, (char *)field(h, p, 1),
				(char *)field(h, p, 2), p->has_preferred ? (char *)field(h, p, 3) : NULL,
				(char *)field(h, p, 4), (char *)field(h, p, 5), (char *)text};
		stop = cb(&f, payload);
	}
	free(order);
	return stop;
}
