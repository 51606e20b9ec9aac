/* maintenance.c - SQLite side of backup, health checks and erasure. */
#include <stdio.h>
#include <string.h>
#include "sqlite_store.h"

int sqlst_backup_to(struct store *s, const char *dest, const char *name, st_error *err)
{
	sqlite3 *out = NULL;
	int rc = sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *b = sqlite3_backup_init(out, "main", sqlst_db(s), "main");
		if (!b) {
			rc = sqlite3_errcode(out);
		} else {
			/* All pages in one step: one read transaction, so the copy is a
			 * consistent snapshot; in WAL mode writers carry on meanwhile. */
			rc = sqlite3_backup_step(b, -1);
			int frc = sqlite3_backup_finish(b);
			rc = rc == SQLITE_DONE ? frc : rc;
		}
	}
	if (rc != SQLITE_OK) {
		const char *msg = out ? sqlite3_errmsg(out) : sqlite3_errstr(rc);
		if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED)
			rc = sqlst_fail(s, rc, "backing up", err);
		else
			rc = st_error_set(err, (rc & 0xFF) == SQLITE_FULL ||
						       (rc & 0xFF) == SQLITE_IOERR ? ST_EIO
										   : ST_ECANTCREATE,
					  "backup %s: %s", name, msg);
	}
	sqlite3_close(out);
	return rc;
}

/* Run a pragma whose rows are problems; "ok" alone means none. */
static int report_rows(struct store *s, sqlite3_stmt *st, int ncols, store_line_cb cb,
		       void *payload, const char *doing, st_error *err)
{
	if (!st)
		return err->code;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char line[512] = "";
		size_t used = 0;
		for (int i = 0; i < ncols && used < sizeof line; i++) {
			const char *t = sqlst_col_text(st, i);
			used += (size_t)snprintf(line + used, sizeof line - used, "%s%s",
						 i ? " " : "", t ? t : "-");
		}
		if (strcmp(line, "ok") != 0 && cb(line, payload) != 0)
			break;
	}
	int r = rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK : sqlst_fail(s, rc, doing, err);
	sqlite3_reset(st);
	return r;
}

int sqlst_integrity_check(struct store *s, store_line_cb cb, void *payload, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "PRAGMA integrity_check", err);
	return report_rows(s, st, 1, cb, payload, "checking integrity", err);
}

int sqlst_foreign_key_check(struct store *s, store_line_cb cb, void *payload, st_error *err)
{
	/* table, rowid, parent table, constraint index */
	sqlite3_stmt *st = sqlst_stmt(s, "PRAGMA foreign_key_check", err);
	return report_rows(s, st, 3, cb, payload, "checking foreign keys", err);
}

int sqlst_journal_mode(struct store *s, char *buf, size_t size, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "PRAGMA journal_mode", err);
	int found;
	return st ? sqlst_read_value(s, st, buf, size, &found, "reading the journal mode", err)
		  : err->code;
}

/* Checkpoint in TRUNCATE mode until the log is empty or the busy timeout
 * has passed. SQLite's busy handler waits for readers, but some conflicts
 * (another checkpointer, a writer) return SQLITE_BUSY at once: retry those. */
int sqlst_truncate_log(struct store *s, st_error *err)
{
	/* Reading the journal mode also opens the log of a fresh connection:
	 * before that a checkpoint does nothing and reports success. */
	if (!sqlst_is_wal(s))
		return ST_OK;
	int waited = 0, rc;
	for (;;) {
		int log = -1, done = -1;
		rc = sqlite3_wal_checkpoint_v2(sqlst_db(s), NULL, SQLITE_CHECKPOINT_TRUNCATE, &log,
					       &done);
		if (rc == SQLITE_OK && log == 0)
			return ST_OK;
		if (rc != SQLITE_OK && (rc & 0xFF) != SQLITE_BUSY && (rc & 0xFF) != SQLITE_LOCKED)
			return sqlst_fail(s, rc, "truncating the write-ahead log", err);
		if (waited >= sqlst_of(s)->busy_ms)
			return st_error_set(err, ST_EBUSY, "another program is reading the database, "
					    "so its write-ahead log could not be truncated within %d ms",
					    sqlst_of(s)->busy_ms);
		sqlite3_sleep(50);
		waited += 50;
	}
}

int sqlst_pupil_erase(struct store *s, int64_t id, st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "DELETE FROM pupil WHERE id = ?1", err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlst_step_done(s, st, "erasing the pupil", err);
	if (rc != ST_OK)
		return rc;
	/* Older audit rows keep what was done and when, not the detail. */
	st = sqlst_stmt(s, "UPDATE audit SET detail = NULL WHERE pupil_id = ?1 AND detail IS NOT NULL",
		  err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	return sqlst_step_done(s, st, "clearing the pupil's audit details", err);
}

int sqlst_pupil_left_before(struct store *s, st_date before, store_id_cb cb, void *payload,
			    st_error *err)
{
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT id FROM pupil WHERE left_on IS NOT NULL AND "
				   "left_on < ?1 ORDER BY left_on, id", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, before);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (cb(sqlite3_column_int64(st, 0), payload) != 0)
			break;
	int r = rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK
						       : sqlst_fail(s, rc, "listing leavers", err);
	sqlite3_reset(st);
	return r;
}

int sqlst_pupil_left_born_before(struct store *s, st_date born_before, store_id_cb cb,
				     void *payload, st_error *err)
{
	/* through pupil_by_left: leavers are few beside the pupils on roll */
	sqlite3_stmt *st = sqlst_stmt(s, "SELECT id FROM pupil WHERE left_on IS NOT NULL AND "
				   "dob < ?1 ORDER BY dob, id", err);
	if (!st)
		return err->code;
	sqlst_bind_date(st, 1, born_before);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (cb(sqlite3_column_int64(st, 0), payload) != 0)
			break;
	int r = rc == SQLITE_ROW || rc == SQLITE_DONE ? ST_OK
						       : sqlst_fail(s, rc, "listing leavers", err);
	sqlite3_reset(st);
	return r;
}
