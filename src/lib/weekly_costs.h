/* weekly_costs.h - each pupil's weekly provision pence active on a day,
 * folded by the model from the store's raw provision rows (the weekly-cost
 * rule in C, never in a backend's SQL): check's provision-over-threshold
 * and export register's annual cost. */
#ifndef SENTRACK_WEEKLY_COSTS_H
#define SENTRACK_WEEKLY_COSTS_H

#include <stddef.h>
#include <stdint.h>
#include "store.h"

struct weekly_costs {
	struct { int64_t pupil_id, pence; } *v; /* in pupil id order */
	size_t n, cap;
};

/* Fold the provision active on day (st__store_check_provision) into w,
 * which starts zeroed; free with st__weekly_costs_free, even on error. */
int st__weekly_costs_load(struct store *s, st_date day, struct weekly_costs *w, st_error *err);
/* The pupil's weekly pence; 0 without provision. */
int64_t st__weekly_cost_of(const struct weekly_costs *w, int64_t pupil_id);
void st__weekly_costs_free(struct weekly_costs *w);

#endif
