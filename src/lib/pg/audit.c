/* audit.c - the PostgreSQL store's audit log (as sqlite/audit.c). The
 * server adds db_user, the session's role, whatever the client sends. */
#include "pgst.h"

int pgst_audit_insert(struct store *s, const st_audit_entry *e, st_error *err)
{
	struct pgst_params p = {0};
	char now[32];
	pgst_utc_now(now);
	pgst_text(&p, e->entered_at ? e->entered_at : now);
	pgst_text(&p, e->user);
	pgst_text(&p, e->command);
	pgst_text(&p, e->action);
	pgst_text(&p, e->entity);
	pgst_id(&p, e->entity_id);
	pgst_id(&p, e->pupil_id);
	pgst_date(&p, e->event_date);
	pgst_text(&p, e->detail);
	pgst_school(s, &p);
	/* RETURNING: the store's last id is the audit row's, which an import
	 * records as its own (st__store_last_id), as SQLite's last rowid is */
	return pgst_insert(s, "INSERT INTO audit (entered_at, user_name, command, action, "
			   "entity, entity_id, pupil_id, event_date, detail, school_id) VALUES ($1, "
			   "$2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id", &p, NULL,
			   "writing the audit log", err);
}

/* A cycle is named by its number for the pupil, not its row id (issue 16). */
#define AUDIT_CYCLE_SEQ \
	"(SELECT c.seq FROM cycle c WHERE audit.entity = 'cycle' AND c.id = audit.entity_id)"
#define AUDIT_COLUMNS \
	"id, " PGST_TIME("entered_at") ", user_name, command, action, entity, entity_id, " \
	"pupil_id, event_date, detail, "

int pgst_audit_list(struct store *s, const st_audit_filter *f, const char *since_utc,
		    st_audit_cb cb, void *payload, st_error *err)
{
	struct pgst_params p = {0};
	pgst_int(&p, f->pupil_id);
	pgst_text(&p, since_utc);
	if (f->limit > 0)
		pgst_int(&p, f->limit);
	else
		pgst_text(&p, NULL); /* LIMIT NULL: every row */
	pgst_school(s, &p);
	/* the import that last created or changed the pupil has one audit row
	 * for all its pupils (issue 15) */
	const char *sql = f->pupil_id
		? "SELECT " AUDIT_COLUMNS AUDIT_CYCLE_SEQ " FROM audit "
		  "WHERE school_id = $4 AND pupil_id = $1 AND "
		  "($2::timestamptz IS NULL OR entered_at >= $2) "
		  "UNION ALL SELECT " AUDIT_COLUMNS "NULL FROM audit WHERE school_id = $4 AND id = "
		  "(SELECT r.audit_id FROM pupil p JOIN import_run r ON r.id = p.import_id "
		  "WHERE p.id = $1) AND ($2::timestamptz IS NULL OR entered_at >= $2) "
		  "ORDER BY id DESC LIMIT $3"
		: "SELECT " AUDIT_COLUMNS AUDIT_CYCLE_SEQ " FROM audit "
		  "WHERE school_id = $4 AND $1::bigint = 0 AND " /* no pupil: $1 is 0 */
		  "($2::timestamptz IS NULL OR entered_at >= $2) ORDER BY id DESC LIMIT $3";
	PGresult *res;
	int rc;
	if ((rc = pgst_query(s, sql, &p, &res, "reading the audit log", err)) != ST_OK)
		return rc;
	for (int i = 0; rc == ST_OK && i < PQntuples(res); i++) {
		st_audit_entry e = {
			.id = pgst_col_int(res, i, 0),
			.entered_at = pgst_col_text(res, i, 1),
			.user = pgst_col_text(res, i, 2),
			.command = pgst_col_text(res, i, 3),
			.action = pgst_col_text(res, i, 4),
			.entity = pgst_col_text(res, i, 5),
			.entity_id = pgst_col_int(res, i, 6),
			.pupil_id = pgst_col_int(res, i, 7),
			.event_date = pgst_col_date(res, i, 8),
			.detail = pgst_col_text(res, i, 9),
			.cycle_seq = (int)pgst_col_int(res, i, 10),
		};
		int stop = cb(&e, payload);
		if (stop)
			rc = st__err_stopped(stop, "reading the audit log", err);
	}
	PQclear(res);
	return rc;
}
