/* changes.h - a statement that changes rows, and how many it changed (as
 * sqlite3_changes after the file backend's statement), for the APDR files
 * of the PostgreSQL store. */
#ifndef SENTRACK_PG_CHANGES_H
#define SENTRACK_PG_CHANGES_H

#include <stdlib.h>
#include "pgst.h"

/* Run sql with p; *count (if non-NULL) the rows it changed, 0 on failure. */
static inline int pgst_changes(struct store *s, const char *sql, const struct pgst_params *p,
			       int *count, const char *doing, st_error *err)
{
	PGresult *res;
	int rc = pgst_query(s, sql, p, &res, doing, err);
	if (count)
		*count = rc == ST_OK ? atoi(PQcmdTuples(res)) : 0;
	if (rc == ST_OK)
		PQclear(res);
	return rc;
}

#endif
