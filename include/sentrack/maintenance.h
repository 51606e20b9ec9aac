/* maintenance.h - backup, health checks, erasure and retention purges.
 *
 * The operations a school needs to keep the file safe and to honour data
 * protection: an online backup that is safe while others write, a doctor
 * that lists every problem it finds, and erasure that leaves only the fact
 * that an erasure happened (who and when) in the audit log. */
#ifndef SENTRACK_MAINTENANCE_H
#define SENTRACK_MAINTENANCE_H

#include <stdint.h>
#include "sentrack/db.h"
#include "sentrack/pupil.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Copy the database to dest with SQLite's online backup API: a consistent
 * snapshot even while other processes write. dest is written to a temporary
 * file beside it (mode 0600) and renamed into place, so a reader never sees
 * a partial backup. An existing dest is refused unless overwrite is 1. */
int st_db_backup(st_db *db, const char *dest, int overwrite, st_error *err);

/* One finding of st_db_doctor: problem is 1 for a problem, 0 for a check
 * that passed (message says what was checked). */
typedef int (*st_doctor_cb)(int problem, const char *message, void *payload);

/* Run every health check (integrity, foreign keys, schema version, journal
 * mode, file and directory permissions, configuration) and report each
 * finding to cb; *problems counts the problems. */
int st_db_doctor(st_db *db, st_doctor_cb cb, void *payload, int *problems, st_error *err);

/* Erase a pupil and everything recorded about them. confirm must be the
 * pupil's UPN or id, typed again, so a slip cannot erase the wrong child.
 * Older audit rows of the pupil lose their detail; one audit row records
 * the erasure (user, time, id) without personal data. */
int st_pupil_erase(st_db *db, int64_t id, const char *confirm, st_error *err);

/* After an erasure has been committed: move every page out of the
 * write-ahead log and truncate it, so no copy of the erased data is left in
 * the -wal file (secure_delete has already overwritten it in the database
 * file). Retries within the busy timeout; ST_EBUSY when another program
 * keeps the log in use (the erasure stays committed: run st_db_doctor, or
 * this, again later). ST_OK at once for a rollback-journal database. */
int st_db_truncate_log(st_db *db, st_error *err);

/* Erase (or with dry_run only list) every pupil who left before
 * left_before, which must not be after today. cb (may be NULL) sees each
 * pupil before it is erased; *count is how many. */
int st_purge_leavers(st_db *db, st_date left_before, int dry_run, st_pupil_cb cb,
		     void *payload, int *count, st_error *err);

/* The records-management rule schools follow for SEN files (IRMS
 * Information Management Toolkit for Schools): kept until the pupil's date
 * of birth + `years` (setting retention-years, default 31). 1 when that
 * day is before today. */
int st_retention_ended(st_date dob, long years, st_date today);

/* Erase (or with dry_run only list) every leaver whose retention under
 * st_retention_ended has ended; *years: the setting applied. cb and *count
 * as st_purge_leavers. */
int st_purge_retention(st_db *db, int dry_run, st_pupil_cb cb, void *payload, int *count,
		       long *years, st_error *err);

#ifdef __cplusplus
}
#endif
#endif
