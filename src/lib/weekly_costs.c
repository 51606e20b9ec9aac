/* weekly_costs.c - each pupil's weekly provision pence active on a day,
 * folded from the store's raw provision rows with st_provision_weekly_pence
 * (each row rounded to the penny, then added up, as the provision map
 * shows them). */
#include <stdlib.h>
#include "weekly_costs.h"

struct fold {
	struct weekly_costs *w;
	st_error *err;
};

static int add_row(const struct provision_cost_row *c, void *payload)
{
	struct fold *f = payload;
	struct weekly_costs *w = f->w;
	int64_t pence = st_provision_weekly_pence(c->sessions, c->minutes, c->group_size,
						  c->hourly_pence);
	if (w->n && w->v[w->n - 1].pupil_id == c->pupil_id) {
		w->v[w->n - 1].pence += pence;
		return 0;
	}
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 256;
		void *v = realloc(w->v, cap * sizeof *w->v);
		if (!v)
			return st__err_nomem(f->err);
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n].pupil_id = c->pupil_id;
	w->v[w->n++].pence = pence;
	return 0;
}

int st__weekly_costs_load(struct store *s, st_date day, struct weekly_costs *w, st_error *err)
{
	struct fold f = {w, err};
	return st__store_check_provision(s, day, add_row, &f, err);
}

/* A binary search of the ordered costs. */
int64_t st__weekly_cost_of(const struct weekly_costs *w, int64_t pupil_id)
{
	size_t lo = 0, hi = w->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w->v[mid].pupil_id < pupil_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < w->n && w->v[lo].pupil_id == pupil_id ? w->v[lo].pence : 0;
}

void st__weekly_costs_free(struct weekly_costs *w)
{
	free(w->v);
	*w = (struct weekly_costs){0};
}
