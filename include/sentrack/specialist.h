/* specialist.h - involvement of outside services (educational psychology,
 * speech and language therapy, CAMHS...), which needs parental consent. */
#ifndef SENTRACK_SPECIALIST_H
#define SENTRACK_SPECIALIST_H

#include <stdint.h>
#include "sentrack/db.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct st_specialist {
	int64_t id;
	int64_t pupil_id;
	const char *service;
	st_date consent_date;
	st_date date;      /* involvement starts */
	const char *notes;
} st_specialist;

/* Record involvement from date; consent_date is required, on or before date. */
int st_specialist_add(st_db *db, int64_t pupil_id, const char *service, st_date consent_date,
		      st_date date, const char *notes, int64_t *out_id, st_error *err);

typedef int (*st_specialist_cb)(const st_specialist *s, void *payload);
int st_specialist_list(st_db *db, int64_t pupil_id, st_specialist_cb cb, void *payload,
		       st_error *err);

#ifdef __cplusplus
}
#endif
#endif
