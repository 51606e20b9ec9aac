/* check_hold.c - findings of `check` held compactly until they are sorted.
 *
 * Findings come from several queries in no common order, so all of them
 * are held before the first is printed. Each is 16 bytes in memory; its
 * detail text (which names no one: dates, counts, ids) is kept in memory
 * up to SPILL_AT bytes; past that, the details held are sorted in the
 * order of printing and written as one run to an unnamed temporary file
 * (mode 0600, removed when closed), so that printing reads each run
 * forwards through a small buffer: a few hundred reads for 100,000
 * findings, where reading each detail back on its own took one pread per
 * finding (issue 15). When no temporary file can be made the details stay
 * in memory. A cron check with a few thousand findings never touches a
 * file. Each pupil's names are held once, however many findings the pupil
 * has. A trust of 100,000 pupils with 122,000 findings about 20,000 pupils
 * needs about 4 MiB, where a separately allocated st_finding with its own
 * seven strings took about 45. Sorting compares integers only: pupils are
 * ranked once by folded name and id. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check_hold.h"

#define DETAIL_MAX 512 /* check.c formats each detail into 256 bytes */
#define SPILL_AT (256u << 10) /* details in memory before a run is written */
#define SPILLED 0x8000u /* in held.len: the detail is in the spill file */
#define RUN_BUF (16u << 10) /* read buffer of a run while printing, at most */
#define RUN_BUFS (128u << 10) /* all runs' buffers together, at most */

struct held {
	st_date date;
	uint32_t pupil;  /* index into pupils; its rank once sorted */
	uint32_t detail; /* offset into the spill file, or into pend */
	uint8_t severity, rule;
	uint16_t len;    /* of the detail, with its NUL; | SPILLED */
};

struct pupil_ref {
	int64_t id;
	uint32_t text;   /* upn, surname, forename, preferred, year, sort key */
	uint16_t key;    /* the sort key's offset from text (16 bytes a pupil) */
	uint8_t has_upn, has_preferred;
};

/* A run's read buffer while printing: bytes [at, at + len) of the file. */
struct run_buf {
	char *buf;
	uint32_t at, len;
};

struct check_hold {
	struct held *items;
	size_t n, cap;
	struct pupil_ref *pupils;
	size_t npupils, pcap;
	uint32_t *slots; /* open addressing by pupil id: index + 1, 0 empty */
	size_t nslots;
	char *text;      /* the pupils' names */
	size_t used, size;
	char *pend;      /* details of items[first_pending..n) not yet written */
	size_t pused, psize, first_pending;
	FILE *spill;     /* the runs, one after the other */
	size_t spilled;
	uint32_t *sorted; /* pupils[0..nsorted) in name order (rank_update) */
	uint32_t *rank;  /* each of them: its place in that order */
	size_t nsorted;
	uint32_t *runs;  /* each run's start in the file */
	size_t nruns, rcap;
	int no_spill;    /* no temporary file could be made: all in memory */
	size_t reads;    /* reads of the file while printing (the tests) */
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
	free(h->pend);
	free(h->runs);
	free(h->sorted);
	free(h->rank);
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

/* Append s (NULL as "") with its NUL to the buffer *buf; the offset in *at. */
static int put(char **buf, size_t *used, size_t *size, const char *s, uint32_t *at)
{
	size_t len = strlen(s ? s : "") + 1;
	if (*used + len > UINT32_MAX || grow((void **)buf, size, *used + len, 1))
		return -1;
	memcpy(*buf + *used, s ? s : "", len);
	if (at)
		*at = (uint32_t)*used;
	*used += len;
	return 0;
}

static int put_text(struct check_hold *h, const char *s, uint32_t *at)
{
	return put(&h->text, &h->used, &h->size, s, at);
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
	*p = (struct pupil_ref){row->pupil_id, 0, 0, row->upn != NULL, row->preferred != NULL};
	uint32_t key;
	if (put_text(h, row->upn, &p->text) || put_text(h, row->surname, NULL) ||
	    put_text(h, row->forename, NULL) || put_text(h, row->preferred, NULL) ||
	    put_text(h, row->year, NULL) || put_text(h, row->sort_key, &key) ||
	    key - p->text > UINT16_MAX)
		return -1;
	p->key = (uint16_t)(key - p->text);
	h->slots[s] = (uint32_t)h->npupils + 1;
	*out = (uint32_t)h->npupils++;
	return 0;
}

static const char *key_of(const struct check_hold *h, const struct pupil_ref *p)
{
	return h->text + p->text + p->key;
}

/* A pending item with its pupil's place in name order so far. */
struct keyed {
	struct held item;
	uint32_t rank;
};

/* The order of printing (compare_held): the ranks of the pupils seen so
 * far keep their order as more pupils come. Findings alike but for their
 * details keep their order, the stable sort's (glibc's merge sort), as in
 * the final sort. */
static int compare_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	if (x->item.severity != y->item.severity)
		return x->item.severity < y->item.severity ? -1 : 1;
	if (x->item.date != y->item.date)
		return x->item.date < y->item.date ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return (int)x->item.rule - (int)y->item.rule;
}

static int rank_update(struct check_hold *h);

/* Write the pending details as one run, in the order they will be
 * printed, and forget them. */
static int write_run(struct check_hold *h)
{
	size_t n = h->n - h->first_pending;
	struct held *items = h->items + h->first_pending;
	struct keyed *k = malloc((n ? n : 1) * sizeof *k);
	if (!k || rank_update(h) || grow((void **)&h->runs, &h->rcap, h->nruns + 1, sizeof *h->runs)) {
		free(k);
		return ST_EINTERNAL;
	}
	for (size_t i = 0; i < n; i++)
		k[i] = (struct keyed){items[i], h->rank[items[i].pupil]};
	qsort(k, n, sizeof *k, compare_keyed);
	h->runs[h->nruns++] = (uint32_t)h->spilled;
	int rc = ST_OK;
	for (size_t i = 0; i < n && rc == ST_OK; i++) {
		size_t len = k[i].item.len;
		items[i] = k[i].item;
		if (fwrite(h->pend + items[i].detail, 1, len, h->spill) != len)
			rc = ST_EIO;
		items[i].detail = (uint32_t)h->spilled;
		items[i].len = (uint16_t)(len | SPILLED);
		h->spilled += len;
	}
	free(k);
	h->pused = 0;
	h->first_pending = h->n;
	return rc;
}

int st__hold_add(struct check_hold *h, st_severity sev, st_rule rule, st_date date,
		 const struct check_row *row, const char *detail)
{
	uint32_t pupil, at;
	size_t len = strlen(detail) + 1;
	if (len > DETAIL_MAX || h->spilled + h->pused + len > UINT32_MAX)
		return ST_EINTERNAL;
	if (h->pused + len > SPILL_AT && !h->spill && !h->no_spill)
		h->no_spill = !(h->spill = tmpfile());
	if (h->pused + len > SPILL_AT && h->spill) {
		int rc = write_run(h);
		if (rc)
			return rc;
	}
	if (put(&h->pend, &h->pused, &h->psize, detail, &at) || pupil_index(h, row, &pupil) ||
	    grow((void **)&h->items, &h->cap, h->n + 1, sizeof *h->items))
		return ST_EINTERNAL;
	h->items[h->n++] = (struct held){date, pupil, at, (uint8_t)sev, (uint8_t)rule, (uint16_t)len};
	return ST_OK;
}

size_t st__hold_reads(const struct check_hold *h)
{
	return h->reads;
}

struct by_name {
	uint64_t prefix; /* the key's first 8 bytes, big-endian: most compares */
	const char *key;
	int64_t id;
	uint32_t index;
};

static uint64_t prefix_of(const char *key)
{
	uint64_t v = 0;
	for (int i = 0; i < 8 && key[i]; i++)
		v |= (uint64_t)(unsigned char)key[i] << (56 - 8 * i);
	return v;
}

static int compare_names(const void *a, const void *b)
{
	const struct by_name *x = a, *y = b;
	if (x->prefix != y->prefix)
		return x->prefix < y->prefix ? -1 : 1;
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

static struct by_name by_name_of(const struct check_hold *h, uint32_t i)
{
	const char *key = key_of(h, &h->pupils[i]);
	return (struct by_name){prefix_of(key), key, h->pupils[i].id, i};
}

/* Bring the name order up to the pupils added since the last call: sort
 * the new ones and merge them in, so that every name is sorted once
 * however many runs are written; then each pupil's rank. */
static int rank_update(struct check_hold *h)
{
	size_t old = h->nsorted, n = h->npupils, fresh = n - old;
	if (!fresh)
		return 0;
	struct by_name *names = malloc(fresh * sizeof *names);
	uint32_t *sorted = malloc(n * sizeof *sorted), *rank = realloc(h->rank, n * sizeof *rank);
	if (rank)
		h->rank = rank;
	if (!names || !sorted || !rank) {
		free(names);
		free(sorted);
		return -1;
	}
	for (size_t i = 0; i < fresh; i++)
		names[i] = by_name_of(h, (uint32_t)(old + i));
	qsort(names, fresh, sizeof *names, compare_names);
	struct by_name x = old ? by_name_of(h, h->sorted[0]) : names[0];
	for (size_t a = 0, b = 0, r = 0; r < n; r++) {
		if (a < old && (b == fresh || compare_names(&x, &names[b]) < 0)) {
			sorted[r] = h->sorted[a++];
			if (a < old)
				x = by_name_of(h, h->sorted[a]);
		} else {
			sorted[r] = names[b++].index;
		}
	}
	for (size_t r = 0; r < n; r++)
		rank[sorted[r]] = (uint32_t)r;
	free(names);
	free(h->sorted);
	h->sorted = sorted;
	h->nsorted = n;
	return 0;
}

/* The runs' read buffers, as large as RUN_BUFS allows (one detail at least). */
static struct run_buf *run_bufs(const struct check_hold *h, size_t *each)
{
	*each = h->nruns ? RUN_BUFS / h->nruns : RUN_BUF;
	*each = *each > RUN_BUF ? RUN_BUF : *each < DETAIL_MAX ? DETAIL_MAX : *each;
	struct run_buf *b = calloc(h->nruns ? h->nruns : 1, sizeof *b);
	for (size_t i = 0; b && i < h->nruns; i++)
		if (!(b[i].buf = malloc(*each))) {
			while (i-- > 0)
				free(b[i].buf);
			free(b);
			return NULL;
		}
	return b;
}

static void run_bufs_free(struct run_buf *b, size_t n)
{
	for (size_t i = 0; b && i < n; i++)
		free(b[i].buf);
	free(b);
}

/* The detail of x in its run's buffer, reading the run forwards from
 * it when it is not there; NULL when the file cannot be read. */
static const char *spilled(struct check_hold *h, struct run_buf *b, size_t each,
			   const struct held *x)
{
	size_t lo = 0, hi = h->nruns; /* the last run starting at or before it */
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (h->runs[mid] <= x->detail)
			lo = mid;
		else
			hi = mid;
	}
	struct run_buf *r = &b[lo];
	size_t len = x->len & ~SPILLED;
	if (x->detail < r->at || x->detail + len > (size_t)r->at + r->len) {
		size_t end = lo + 1 < h->nruns ? h->runs[lo + 1] : h->spilled;
		size_t want = end - x->detail < each ? end - x->detail : each;
		ssize_t got = pread(fileno(h->spill), r->buf, want, x->detail);
		h->reads++;
		if (got < (ssize_t)len)
			return NULL;
		r->at = x->detail;
		r->len = (uint32_t)got;
	}
	return r->buf + (x->detail - r->at);
}

int st__hold_emit(struct check_hold *h, st_finding_cb cb, void *payload)
{
	size_t each;
	struct run_buf *bufs = run_bufs(h, &each);
	if (!bufs || rank_update(h)) {
		run_bufs_free(bufs, h->nruns);
		return ST_EINTERNAL;
	}
	for (size_t i = 0; i < h->n; i++) /* ranked: integers compared only */
		h->items[i].pupil = h->rank[h->items[i].pupil];
	if (h->n)
		qsort(h->items, h->n, sizeof *h->items, compare_held);
	int stop = h->spill && fflush(h->spill) != 0 ? ST_EIO : 0;
	for (size_t i = 0; !stop && i < h->n; i++) {
		const struct held *x = &h->items[i];
		const char *text = h->pend + x->detail;
		if ((x->len & SPILLED) && !(text = spilled(h, bufs, each, x))) {
			stop = ST_EIO;
			break;
		}
		const struct pupil_ref *p = &h->pupils[h->sorted[x->pupil]];
		const char *f[6] = {h->text + p->text}; /* upn ... sort key, as stored */
		for (int j = 1; j < 6; j++)
			f[j] = f[j - 1] + strlen(f[j - 1]) + 1;
		st_finding out = {(st_severity)x->severity, (st_rule)x->rule, x->date, p->id,
				  p->has_upn ? (char *)f[0] : NULL, (char *)f[1], (char *)f[2],
				  p->has_preferred ? (char *)f[3] : NULL, (char *)f[4], (char *)f[5],
				  (char *)text};
		stop = cb(&out, payload);
	}
	run_bufs_free(bufs, h->nruns);
	return stop;
}
