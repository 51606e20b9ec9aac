/* module.c - the table that sentrack-pg.so exports (src/lib/pg_module.h):
 * the only symbol the library looks up when it loads this module. */
#include "pg_store.h"
#include "pgst.h"

const struct st_pg_module st__pg_module = {
	.size = sizeof(struct st_pg_module),
	.version = SENTRACK_VERSION,
	.schema_version = &st__pg_schema_version,
	.open = st__pg_open,
	.free = st__pg_free,
	.begin = st__pg_begin,
	.commit = st__pg_commit,
	.rollback = st__pg_rollback,
	.db_schema_version = st__pg_db_schema_version,
	.init = st__pg_init,
	.school_add = st__pg_school_add,
	.grant = st__pg_grant,
	.revoke = st__pg_revoke,
	.list = st__pg_list,
	.migrate = st__pg_migrate,
	.store_open = pgst_open,
};
