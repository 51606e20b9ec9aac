/* schema.c - the database schema and its forward migrations.
 *
 * migrations[i] takes a file from user_version i to i+1. All pending steps
 * run in one transaction on open, so a failed upgrade leaves the file as it
 * was. Never edit a step that has shipped: add the next one.
 *
 * Until the first release, step 1 is still the whole schema and may change.
 * Every table is STRICT, every enumerated value has a CHECK, and every
 * lookup a command makes has an index. Enumerations are written
 * `x = 'a' OR x = 'b'` rather than `x IN ('a', 'b')`: SQLite builds a
 * temporary table for an IN list on every row it checks, which made bulk
 * imports measurably slower (0.59 s against 0.22 s for 100,000 inserts). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sqlite_store.h"

/* Pupil passports (issue 13): the one-page profile's own words, one row
 * per pupil; needs and strategies come from the rest of the model. */
#define MIGRATION_PASSPORT \
"CREATE TABLE passport (\n" \
"  pupil_id   INTEGER PRIMARY KEY REFERENCES pupil(id) ON DELETE CASCADE,\n" \
"  about      TEXT,\n" \
"  important  TEXT,\n" \
"  support    TEXT,\n" \
"  updated_on TEXT NOT NULL\n" \
") STRICT;\n"
/* A macro's value as a string literal, to build CHECKs from the model's
 * limits (the migration's text stays exactly what it always was). */
#define STR_(x) #x
#define STR(x) STR_(x)
/* Issue 12: only the LA ceases an EHC plan (Code 9.199), needs the census
 * accepts (dated history, top-up funding), the plan's strategies and lead
 * (6.49), parents' concerns (6.45), early EHC plan reviews (9.174). */
#define STEP_FIDELITY \
"ALTER TABLE register_event ADD COLUMN ceased_by_la TEXT\n" \
"  CHECK (ceased_by_la IS NULL OR status <> 'E');\n" \
"ALTER TABLE pupil ADD COLUMN top_up INTEGER NOT NULL DEFAULT 0\n" \
"  CHECK (top_up = 0 OR top_up = 1);\n" \
"CREATE TABLE need_history (\n" \
"  id        INTEGER PRIMARY KEY AUTOINCREMENT,\n" \
"  pupil_id  INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n" \
"  rank      INTEGER NOT NULL CHECK (rank = 1 OR rank = 2),\n" \
"  need_code TEXT NOT NULL REFERENCES need_type(code),\n" \
"  since     TEXT NOT NULL,\n" \
"  ended     TEXT NOT NULL,\n" \
"  why       TEXT NOT NULL CHECK (why = 'removed' OR why = 'register-n'),\n" \
"  CHECK (ended >= since)\n" \
") STRICT;\n" \
"CREATE INDEX need_history_by_pupil ON need_history(pupil_id, ended);\n" \
"ALTER TABLE cycle ADD COLUMN strategies TEXT;\n" \
"ALTER TABLE cycle ADD COLUMN lead TEXT;\n" \
"CREATE TABLE concern (\n" \
"  id           INTEGER PRIMARY KEY AUTOINCREMENT,\n" \
"  pupil_id     INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n" \
"  raised_by    TEXT NOT NULL CHECK (raised_by = 'parent' OR raised_by = 'teacher' OR raised_by = 'pupil' OR raised_by = 'other'),\n" \
"  concern_date TEXT NOT NULL,\n" \
"  text         TEXT NOT NULL CHECK (length(text) > 0)\n" \
") STRICT;\n" \
"CREATE INDEX concern_by_pupil ON concern(pupil_id, concern_date);\n" \
"ALTER TABLE ehcp_review ADD COLUMN early INTEGER NOT NULL DEFAULT 0\n" \
"  CHECK (early = 0 OR early = 1);\n"

/* Issue 12 (d-g) and issue 16, in one step so the parts can land apart:
 * term dates per academic year (Code 6.65 termly meetings), meetings
 * booked ahead, who was informed (parent or young person, Code 8.1),
 * EHC needs assessment requests followed to the LA's decisions (9.14-9.17,
 * 9.40), EHC annual review steps (9.166-9.176) and amended plans at phase
 * transfer (9.179), and entries made in error kept but void (issue 16).
 * The cycle table is rebuilt first (run_code_step) to allow the decision
 * 'left'. */
#define STEP_TERMS_EHC_CORRECTIONS \
"CREATE TABLE term (\n" \
"  id            INTEGER PRIMARY KEY AUTOINCREMENT,\n" \
"  academic_year TEXT NOT NULL CHECK (length(academic_year) = 7),\n" \
"  term          TEXT NOT NULL CHECK (term = 'autumn' OR term = 'spring' OR term = 'summer'),\n" \
"  starts        TEXT NOT NULL,\n" \
"  ends          TEXT NOT NULL,\n" \
"  CHECK (ends >= starts),\n" \
"  UNIQUE (academic_year, term)\n" \
") STRICT;\n" \
"CREATE INDEX term_by_dates ON term(starts, ends);\n" \
"ALTER TABLE meeting ADD COLUMN planned INTEGER NOT NULL DEFAULT 0\n" \
"  CHECK (planned = 0 OR planned = 1);\n" \
"ALTER TABLE register_event ADD COLUMN informed_who TEXT\n" \
"  CHECK (informed_who IS NULL OR informed_who = 'parent' OR informed_who = 'young-person');\n" \
"ALTER TABLE register_event ADD COLUMN voided_on TEXT;\n" \
"ALTER TABLE register_event ADD COLUMN void_reason TEXT\n" \
"  CHECK ((voided_on IS NULL) = (void_reason IS NULL));\n" \
"ALTER TABLE provision ADD COLUMN voided_on TEXT;\n" \
"ALTER TABLE provision ADD COLUMN void_reason TEXT\n" \
"  CHECK ((voided_on IS NULL) = (void_reason IS NULL));\n" \
"ALTER TABLE ehcna_request ADD COLUMN requested_by TEXT\n" \
"  CHECK (requested_by IS NULL OR requested_by = 'school' OR requested_by = 'parent' OR requested_by = 'young-person');\n" \
"ALTER TABLE ehcna_request ADD COLUMN parents_informed TEXT;\n" \
"ALTER TABLE ehcna_request ADD COLUMN assess TEXT\n" \
"  CHECK (assess IS NULL OR assess = 'yes' OR assess = 'no');\n" \
"ALTER TABLE ehcna_request ADD COLUMN decided_on TEXT\n" \
"  CHECK ((assess IS NULL) = (decided_on IS NULL));\n" \
"ALTER TABLE ehcna_request ADD COLUMN plan TEXT\n" \
"  CHECK (plan IS NULL OR plan = 'issued' OR plan = 'refused');\n" \
"ALTER TABLE ehcna_request ADD COLUMN plan_on TEXT\n" \
"  CHECK ((plan IS NULL) = (plan_on IS NULL));\n" \
"CREATE TABLE ehcp_schedule (\n" \
"  id          INTEGER PRIMARY KEY AUTOINCREMENT,\n" \
"  pupil_id    INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n" \
"  meeting_on  TEXT NOT NULL,\n" \
"  invite_on   TEXT,\n" \
"  advice_on   TEXT,\n" \
"  report_on   TEXT,\n" \
"  decision_on TEXT,\n" \
"  review_id   INTEGER REFERENCES ehcp_review(id) ON DELETE SET NULL\n" \
") STRICT;\n" \
"CREATE INDEX ehcp_schedule_by_pupil ON ehcp_schedule(pupil_id, meeting_on);\n" \
"CREATE TABLE ehcp_amended (\n" \
"  id         INTEGER PRIMARY KEY AUTOINCREMENT,\n" \
"  pupil_id   INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n" \
"  amended_on TEXT NOT NULL\n" \
") STRICT;\n" \
"CREATE INDEX ehcp_amended_by_pupil ON ehcp_amended(pupil_id, amended_on);\n"

/* Indexes for `check` (issue 15, measured 18% faster together on a trust of
 * 100,000 pupils): the last closed cycle and the last n closed cycles of a
 * pupil, a meeting with parents in a term, the not-achieved outcomes of a
 * cycle, and the weekly cost of a pupil's provision read from the index
 * alone. The outcome index replaces the one it extends; provision_by_pupil
 * stays, for the provision map's join (the planner scanned provision
 * without it). Part of step 6
 * (5 -> 6), with the import runs. */
#define STEP_CHECK_INDEXES \
"CREATE INDEX cycle_by_pupil_closed ON cycle(pupil_id, closed_on);\n" \
"CREATE INDEX cycle_by_pupil_phase ON cycle(pupil_id, phase, seq);\n" \
"CREATE INDEX meeting_by_pupil_parents ON meeting(pupil_id, with_parents, meeting_date);\n" \
"CREATE INDEX outcome_by_cycle_rating ON outcome(cycle_id, rating);\n" \
"DROP INDEX outcome_by_cycle;\n" \
"CREATE INDEX provision_by_pupil_cost ON provision(pupil_id, start_date, end_date, \n" \
"  sessions_per_week, minutes, group_size, hourly_cost_pence);\n"
/* Issue 15 (import): one row per import that changed anything (the file,
 * the SHA-256 of its bytes, the counts), with one audit row for the whole
 * import instead of one per pupil; each pupil keeps the import (and the
 * file's line) that last created or changed it, so `pupil show` and
 * `log --pupil` still say where it came from. Every schema change of
 * issue 15 goes in this step. */
#define STEP_IMPORT_RUNS \
"CREATE TABLE import_run (\n" \
"  id          INTEGER PRIMARY KEY AUTOINCREMENT,\n" \
"  file        TEXT NOT NULL,\n" \
"  sha256      TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),\n" \
"  started_at  TEXT NOT NULL,\n" \
"  user        TEXT NOT NULL,\n" \
"  rows_read   INTEGER NOT NULL DEFAULT 0,\n" \
"  created     INTEGER NOT NULL DEFAULT 0,\n" \
"  updated     INTEGER NOT NULL DEFAULT 0,\n" \
"  unchanged   INTEGER NOT NULL DEFAULT 0,\n" \
"  audit_id    INTEGER\n" \
") STRICT;\n" \
"ALTER TABLE pupil ADD COLUMN import_id INTEGER REFERENCES import_run(id);\n" \
"ALTER TABLE pupil ADD COLUMN import_line INTEGER;\n"

/* Issue 15, round two: the open cycles with every column `check` reads of
 * them (st__store_check_cycles), so that check --rule review-overdue and
 * the cron check read a compact index instead of a page of the cycle table
 * per open cycle (bench/README.md has the measurement). cycle_one_open
 * stays: it keeps one open cycle per pupil. */
#define STEP_OPEN_CYCLES_COVERING \
"CREATE INDEX cycle_open_covering ON cycle(pupil_id, id, seq, phase, opened_on, planned_on, \n" \
"  review_date) WHERE phase <> 'closed';\n"

static const char *const migrations[] = {
/* 0 -> 1: the whole model. */
"CREATE TABLE meta (\n"
"  key   TEXT PRIMARY KEY,\n"
"  value TEXT NOT NULL\n"
") STRICT;\n"

/* ---- reference data (loaded from the CSV files in data, see refdata.c) ---- */
"CREATE TABLE area (\n"
"  code  TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 8),\n"
"  label TEXT NOT NULL\n"
") STRICT;\n"
"CREATE TABLE need_type (\n"
"  code  TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 8 AND code = upper(code)),\n"
"  label TEXT NOT NULL,\n"
"  area  TEXT REFERENCES area(code)\n"
") STRICT;\n"
"CREATE TABLE year_group (\n"
"  code  TEXT PRIMARY KEY,\n"
"  ord   INTEGER NOT NULL UNIQUE,\n"
"  label TEXT NOT NULL\n"
") STRICT;\n"

/* ---- pupils and the register (foundation) ---- */
"CREATE TABLE pupil (\n"
"  id            INTEGER PRIMARY KEY,\n"
"  upn           TEXT UNIQUE CHECK (upn IS NULL OR length(upn) = 13),\n"
"  surname       TEXT NOT NULL CHECK (length(surname) > 0),\n"
"  forename      TEXT NOT NULL CHECK (length(forename) > 0),\n"
"  preferred     TEXT,\n"
"  dob           TEXT NOT NULL,\n"
"  year          TEXT NOT NULL REFERENCES year_group(code),\n"
"  class         TEXT,\n"
"  joined        TEXT,\n"
"  left_on       TEXT,\n"
"  surname_key   TEXT NOT NULL,\n"   /* case-folded names for lookups */
"  forename_key  TEXT NOT NULL,\n"
"  preferred_key TEXT,\n"
/* The latest register_event, kept in the same transaction as each event
 * so that lists, exports and checks filter by status through an index
 * instead of a subquery per pupil. register_event stays the evidence. */
"  status        TEXT CHECK (status = 'K' OR status = 'E' OR status = 'N'),\n"
"  status_since  TEXT,\n"
"  status_event  INTEGER,\n"   /* that register_event's id (a cache: no FK) */
"  created_at    TEXT NOT NULL,\n"
"  CHECK (left_on IS NULL OR joined IS NULL OR left_on >= joined)\n"
") STRICT;\n"
"CREATE INDEX pupil_by_name ON pupil(surname_key, forename_key);\n"
"CREATE INDEX pupil_by_preferred ON pupil(surname_key, preferred_key)\n"
"  WHERE preferred_key IS NOT NULL;\n"
"CREATE INDEX pupil_by_year ON pupil(year, surname_key, forename_key);\n"
"CREATE INDEX pupil_by_class ON pupil(class) WHERE class IS NOT NULL;\n"
"CREATE INDEX pupil_by_status ON pupil(status, year) WHERE status IS NOT NULL;\n"

"CREATE TABLE register_event (\n"
"  id               INTEGER PRIMARY KEY,\n"
"  pupil_id         INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n"
"  status           TEXT NOT NULL CHECK (status = 'K' OR status = 'E' OR status = 'N'),\n"
"  event_date       TEXT NOT NULL,\n"
"  parents_informed TEXT,\n"
"  plan_date        TEXT,\n"
"  reason           TEXT,\n"
"  source           TEXT NOT NULL CHECK (source = 'command' OR source = 'import' OR source = 'review' OR source = 'demo'),\n"
"  entered_at       TEXT NOT NULL,\n"
"  entered_by       TEXT NOT NULL,\n"
"  CHECK ((status = 'E') = (plan_date IS NOT NULL)),\n"
"  CHECK (status <> 'N' OR parents_informed IS NULL)\n"
") STRICT;\n"
"CREATE INDEX register_event_by_pupil ON register_event(pupil_id, event_date, id);\n"

"CREATE TABLE pupil_need (\n"
"  pupil_id  INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n"
"  rank      INTEGER NOT NULL CHECK (rank = 1 OR rank = 2),\n"
"  need_code TEXT NOT NULL REFERENCES need_type(code),\n"
"  since     TEXT NOT NULL,\n"
"  PRIMARY KEY (pupil_id, rank),\n"
"  UNIQUE (pupil_id, need_code)\n"
") STRICT, WITHOUT ROWID;\n"
"CREATE INDEX pupil_need_by_code ON pupil_need(need_code);\n"

/* No foreign key on pupil_id: the log outlives an erased pupil. */
"CREATE TABLE audit (\n"
"  id         INTEGER PRIMARY KEY,\n"
"  entered_at TEXT NOT NULL,\n"
"  user       TEXT NOT NULL,\n"
"  command    TEXT NOT NULL,\n"
"  action     TEXT NOT NULL CHECK (action = 'insert' OR action = 'update' OR action = 'delete' OR action = 'erase'),\n"
"  entity     TEXT NOT NULL,\n"
"  entity_id  INTEGER,\n"
"  pupil_id   INTEGER,\n"
"  event_date TEXT,\n"
"  detail     TEXT\n"
") STRICT;\n"
"CREATE INDEX audit_by_pupil ON audit(pupil_id, id) WHERE pupil_id IS NOT NULL;\n"
"CREATE INDEX audit_by_time ON audit(entered_at);\n"

/* ---- the graduated approach: APDR cycles (issue 4) ---- */
"CREATE TABLE cycle (\n"
"  id           INTEGER PRIMARY KEY,\n"
"  pupil_id     INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n"
"  seq          INTEGER NOT NULL CHECK (seq >= 1),\n"
"  phase        TEXT NOT NULL CHECK (phase = 'assess' OR phase = 'plan' OR phase = 'do' OR phase = 'review' OR phase = 'closed'),\n"
"  opened_on    TEXT NOT NULL,\n"
"  assessed_on  TEXT,\n"
"  assessment   TEXT,\n"
"  planned_on   TEXT,\n"
"  review_date  TEXT,\n"
"  do_on        TEXT,\n"
"  reviewed_on  TEXT,\n"
"  decision     TEXT CHECK (decision = 'continue' OR decision = 'exit' OR decision = 'ehcna' OR decision = 'close'),\n"
"  review_notes TEXT,\n"
"  closed_on    TEXT,\n"
"  previous_id  INTEGER REFERENCES cycle(id) ON DELETE SET NULL,\n"
"  UNIQUE (pupil_id, seq)\n"
") STRICT;\n"
"CREATE UNIQUE INDEX cycle_one_open ON cycle(pupil_id) WHERE phase <> 'closed';\n"
"CREATE INDEX cycle_open_by_review ON cycle(review_date) WHERE phase <> 'closed';\n"
"CREATE INDEX cycle_by_phase ON cycle(phase, opened_on);\n"

"CREATE TABLE cycle_reschedule (\n"
"  id         INTEGER PRIMARY KEY,\n"
"  cycle_id   INTEGER NOT NULL REFERENCES cycle(id) ON DELETE CASCADE,\n"
"  old_date   TEXT NOT NULL,\n"
"  new_date   TEXT NOT NULL,\n"
"  reason     TEXT NOT NULL,\n"
"  entered_at TEXT NOT NULL,\n"
"  entered_by TEXT NOT NULL\n"
") STRICT;\n"
"CREATE INDEX cycle_reschedule_by_cycle ON cycle_reschedule(cycle_id);\n"

"CREATE TABLE pupil_view (\n"
"  id        INTEGER PRIMARY KEY,\n"
"  cycle_id  INTEGER NOT NULL REFERENCES cycle(id) ON DELETE CASCADE,\n"
"  who       TEXT NOT NULL CHECK (who = 'pupil' OR who = 'parents'),\n"
"  stage     TEXT NOT NULL CHECK (stage = 'assess' OR stage = 'plan' OR stage = 'review'),\n"
"  view_date TEXT NOT NULL,\n"
"  text      TEXT NOT NULL\n"
") STRICT;\n"
"CREATE INDEX pupil_view_by_cycle ON pupil_view(cycle_id);\n"

"CREATE TABLE outcome (\n"
"  id          INTEGER PRIMARY KEY,\n"
"  cycle_id    INTEGER NOT NULL REFERENCES cycle(id) ON DELETE CASCADE,\n"
"  text        TEXT NOT NULL CHECK (length(text) > 0),\n"
"  area        TEXT REFERENCES area(code),\n"
"  measure     TEXT,\n"
"  target_date TEXT,\n"
"  rating      TEXT CHECK (rating = 'achieved' OR rating = 'partially' OR rating = 'not-achieved'),\n"
"  rating_note TEXT,\n"
"  rated_on    TEXT,\n"
"  origin_id   INTEGER REFERENCES outcome(id) ON DELETE SET NULL,\n"
"  created_on  TEXT NOT NULL,\n"
"  CHECK ((rating IS NULL) = (rated_on IS NULL))\n"
") STRICT;\n"
"CREATE INDEX outcome_by_cycle ON outcome(cycle_id);\n"
"CREATE INDEX outcome_by_origin ON outcome(origin_id) WHERE origin_id IS NOT NULL;\n"
"CREATE INDEX outcome_unrated_by_target ON outcome(target_date) WHERE rating IS NULL;\n"

/* Money is integer pence; costs are derived, never stored. */
"CREATE TABLE provision (\n"
"  id                INTEGER PRIMARY KEY,\n"
"  pupil_id          INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n"
"  name              TEXT NOT NULL CHECK (length(name) > 0),\n"
"  staff_role        TEXT NOT NULL CHECK (length(staff_role) > 0),\n"
"  sessions_per_week INTEGER NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 50),\n"
"  minutes           INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),\n"
"  group_size        INTEGER NOT NULL CHECK (group_size BETWEEN 1 AND 60),\n"
"  hourly_cost_pence INTEGER NOT NULL CHECK (hourly_cost_pence BETWEEN 0 AND "
	STR(ST_MONEY_MAX_PENCE) "),\n"
"  start_date        TEXT NOT NULL,\n"
"  end_date          TEXT,\n"
"  CHECK (end_date IS NULL OR end_date >= start_date)\n"
") STRICT;\n"
"CREATE INDEX provision_by_pupil ON provision(pupil_id, start_date);\n"

"CREATE TABLE meeting (\n"
"  id           INTEGER PRIMARY KEY,\n"
"  pupil_id     INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n"
"  cycle_id     INTEGER REFERENCES cycle(id) ON DELETE SET NULL,\n"
"  meeting_date TEXT NOT NULL,\n"
"  purpose      TEXT NOT NULL CHECK (purpose = 'plan' OR purpose = 'review' OR purpose = 'other' OR purpose = 'ehcp-review'),\n"
"  notes        TEXT,\n"
"  with_parents INTEGER NOT NULL DEFAULT 0 CHECK (with_parents = 0 OR with_parents = 1)\n"
") STRICT;\n"
"CREATE INDEX meeting_by_pupil ON meeting(pupil_id, meeting_date);\n"
"CREATE INDEX meeting_by_date ON meeting(meeting_date);\n"
"CREATE TABLE meeting_attendee (\n"
"  meeting_id INTEGER NOT NULL REFERENCES meeting(id) ON DELETE CASCADE,\n"
"  role       TEXT NOT NULL CHECK (role = 'parents' OR role = 'pupil' OR role = 'class-teacher' OR role = 'senco' OR role = 'specialist' OR role = 'other'),\n"
"  PRIMARY KEY (meeting_id, role)\n"
") STRICT, WITHOUT ROWID;\n"

"CREATE TABLE specialist (\n"
"  id           INTEGER PRIMARY KEY,\n"
"  pupil_id     INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n"
"  service      TEXT NOT NULL CHECK (length(service) > 0),\n"
"  consent_date TEXT NOT NULL,\n"
"  start_date   TEXT NOT NULL,\n"
"  notes        TEXT\n"
") STRICT;\n"
"CREATE INDEX specialist_by_pupil ON specialist(pupil_id);\n"

"CREATE TABLE ehcna_request (\n"
"  id           INTEGER PRIMARY KEY,\n"
"  pupil_id     INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n"
"  cycle_id     INTEGER REFERENCES cycle(id) ON DELETE SET NULL,\n"
"  request_date TEXT NOT NULL,\n"
"  decided_by   TEXT NOT NULL\n"
") STRICT;\n"
"CREATE INDEX ehcna_request_by_pupil ON ehcna_request(pupil_id);\n"

/* ---- configuration and EHC plan annual reviews (issue 6) ---- */
"CREATE TABLE config (\n"
"  key   TEXT PRIMARY KEY,\n"
"  value TEXT NOT NULL\n"
") STRICT;\n"
"CREATE TABLE ehcp_review (\n"
"  id          INTEGER PRIMARY KEY,\n"
"  pupil_id    INTEGER NOT NULL REFERENCES pupil(id) ON DELETE CASCADE,\n"
"  review_date TEXT NOT NULL,\n"
"  meeting_id  INTEGER REFERENCES meeting(id) ON DELETE SET NULL,\n"
"  notes       TEXT\n"
") STRICT;\n"
"CREATE INDEX ehcp_review_by_pupil ON ehcp_review(pupil_id, review_date);\n"

/* ---- reliability: retention purges (issue 7) ---- */
"CREATE INDEX pupil_by_left ON pupil(left_on) WHERE left_on IS NOT NULL;\n",

/* 1 -> 2: ids are never reused (issue 11). SQLite cannot ALTER a column to
 * AUTOINCREMENT, so rebuild_autoincrement() rebuilds each table; this SQL
 * runs after it. */
"SELECT 1;\n",
/* 2 -> 3: pupil passports (issue 13). */
MIGRATION_PASSPORT,
/* 3 -> 4: the Code of Practice, faithfully (issue 12). */
STEP_FIDELITY,
/* 4 -> 5: terms, EHC timelines, corrections (issues 12 and 16). */
STEP_TERMS_EHC_CORRECTIONS,
/* 5 -> 6: import runs and the indexes of check (issue 15). */
STEP_IMPORT_RUNS STEP_CHECK_INDEXES,
/* 6 -> 7: the open cycles as check reads them (issue 15, round two). */
STEP_OPEN_CYCLES_COVERING,
};

/* The tables with an INTEGER PRIMARY KEY id. Without AUTOINCREMENT SQLite
 * hands out max(id) + 1, so erasing the newest pupil gave their id (and
 * their audit history) to the next pupil added. */
static const char *const id_tables[] = {
	"pupil", "register_event", "audit", "cycle", "cycle_reschedule", "pupil_view",
	"outcome", "provision", "meeting", "specialist", "ehcna_request", "ehcp_review",
};

/* s with the first `from` replaced by `to` (malloc'd; NULL when absent). */
static char *replace_first(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	if (!at)
		return NULL;
	size_t n = strlen(s) - strlen(from) + strlen(to) + 1;
	char *out = malloc(n);
	if (out)
		snprintf(out, n, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	return out;
}

/* Run sql (composed here from the stored schema and a fixed table name,
 * never from input) and free it. */
static int exec_owned(struct store *s, char *sql, const char *doing, st_error *err)
{
	if (!sql)
		return st_error_set(err, ST_ESCHEMA, "%s: the stored schema is not the expected "
				    "schema it upgrades; run `sentrack doctor`", doing);
	int rc = sqlst_exec(s, sql, doing, err);
	sqlite3_free(sql);
	return rc;
}

static char *dup_sqlite(char *malloced)
{
	char *out = malloced ? sqlite3_mprintf("%s", malloced) : NULL;
	free(malloced);
	return out;
}

/* The stored CREATE TABLE of `table` renamed to table_v2 (quoted or not: a
 * table once renamed is stored as "table"), with `from` replaced by `to`;
 * NULL when either is absent. */
static char *rebuilt_create(const char *sql, const char *table, const char *from, const char *to)
{
	char plain[64], quoted[64], v2[64];
	snprintf(plain, sizeof plain, "CREATE TABLE %s (", table);
	snprintf(quoted, sizeof quoted, "CREATE TABLE \"%s\" (", table);
	snprintf(v2, sizeof v2, "CREATE TABLE %s_v2 (", table);
	char *renamed = replace_first(sql, plain, v2);
	if (!renamed)
		renamed = replace_first(sql, quoted, v2);
	char *out = renamed ? replace_first(renamed, from, to) : NULL;
	free(renamed);
	return dup_sqlite(out);
}

/* The 12-step rebuild of sqlite.org/lang_altertable.html for one table,
 * with one change to its definition (`from` becomes `to`): create the new
 * table, copy, drop the old, rename, recreate its indexes. Foreign keys
 * are off (sqlst_migrate), so nothing cascades. */
static int rebuild_one(struct store *s, const char *table, const char *from, const char *to,
		       const char *doing, st_error *err)
{
	sqlite3_stmt *st = NULL;
	char *create = NULL, *indexes = sqlite3_mprintf("%s", "");
	int rc = sqlite3_prepare_v2(sqlst_db(s), "SELECT type, sql FROM sqlite_schema "
				    "WHERE tbl_name = ?1 "
				    "AND sql IS NOT NULL ORDER BY type DESC", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	while (rc == SQLITE_OK && indexes && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sql = sqlst_col_text(st, 1);
		if (strcmp(sqlst_col_text(st, 0), "table") == 0 && !create) {
			create = rebuilt_create(sql, table, from, to);
		} else if (strcmp(sqlst_col_text(st, 0), "index") == 0) {
			char *more = sqlite3_mprintf("%s%s;\n", indexes, sql);
			sqlite3_free(indexes);
			indexes = more;
		}
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		sqlite3_free(create);
		sqlite3_free(indexes);
		return sqlst_fail(s, rc, doing, err);
	}
	if (!indexes) {
		sqlite3_free(create);
		return st__err_nomem(err);
	}
	rc = exec_owned(s, create, doing, err);
	if (rc == ST_OK)
		/* table is one of ours, but quoted all the same (%w) */
		rc = exec_owned(s, sqlite3_mprintf("INSERT INTO \"%w_v2\" SELECT * FROM \"%w\"; "
						   "DROP TABLE \"%w\"; "
						   "ALTER TABLE \"%w_v2\" RENAME TO \"%w\";", table,
						   table, table, table, table), doing, err);
	if (rc == ST_OK)
		rc = exec_owned(s, indexes, doing, err);
	else
		sqlite3_free(indexes);
	return rc;
}

/* Ids already erased before this upgrade are known from the audit log: the
 * sequence starts after the highest id ever logged, not the highest kept. */
static const char *const sequence_from_audit =
	"UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT max(entity_id) FROM audit "
	"WHERE entity = sqlite_sequence.name), 0), coalesce((SELECT max(pupil_id) FROM audit "
	"WHERE sqlite_sequence.name = 'pupil'), 0));\n"
	"INSERT INTO sqlite_sequence (name, seq) SELECT entity, max(entity_id) FROM audit "
	"WHERE entity_id IS NOT NULL AND entity IN (SELECT name FROM sqlite_schema WHERE "
	"type = 'table' AND sql LIKE '%AUTOINCREMENT%') AND entity NOT IN (SELECT name FROM sqlite_sequence) GROUP BY entity;";

static int rebuild_autoincrement(struct store *s, st_error *err)
{
	int rc = ST_OK;
	for (size_t i = 0; rc == ST_OK && i < sizeof id_tables / sizeof *id_tables; i++)
		rc = rebuild_one(s, id_tables[i], "INTEGER PRIMARY KEY,",
				 "INTEGER PRIMARY KEY AUTOINCREMENT,", "upgrading the schema to version 2",
				 err);
	return rc == ST_OK ? sqlst_exec(s, sequence_from_audit, "upgrading the schema to "
					"version 2", err) : rc;
}

/* A pupil who leaves closes their open cycle with the decision 'left'
 * (issue 16); SQLite cannot ALTER a CHECK, so the cycle table is rebuilt. */
static int allow_cycle_left(struct store *s, st_error *err)
{
	return rebuild_one(s, "cycle", "decision = 'close')",
			   "decision = 'close' OR decision = 'left')",
			   "upgrading the schema to version 5", err);
}

/* Steps SQL alone cannot write, run before migrations[v]. */
static int run_code_step(struct store *s, int v, st_error *err)
{
	if (v == 1)
		return rebuild_autoincrement(s, err);
	if (v == 4)
		return allow_cycle_left(s, err);
	return ST_OK;
}

const int st__store_schema_version = (int)(sizeof migrations / sizeof migrations[0]);

int sqlst_check_version(struct store *s, int *file_version, st_error *err)
{
	int version = 0, app = 0, tables = 0;
	int rc = sqlst_user_version(s, &version, err);
	if (rc == ST_OK)
		rc = sqlst_application_id(s, &app, err);
	if (rc == ST_OK)
		rc = sqlst_table_count(s, &tables, err);
	if (rc != ST_OK)
		return rc;
	if (file_version)
		*file_version = version;
	if ((version > 0 || tables > 0) && app != SENTRACK_APPLICATION_ID)
		return st_error_set(err, ST_ESCHEMA, "not a sentrack database (application id %d)",
				    app);
	if (version > st__store_schema_version)
		return st_error_set(err, ST_ESCHEMA,
				    "database schema version %d is newer than this sentrack "
				    "understands (%d); upgrade sentrack, the file was not changed",
				    version, st__store_schema_version);
	return ST_OK;
}

static int count_problem(const char *line, void *payload)
{
	(void)line;
	++*(int *)payload;
	return 1;
}

static int check_references(struct store *s, st_error *err)
{
	int problems = 0;
	int rc = sqlst_foreign_key_check(s, count_problem, &problems, err);
	if (rc == ST_OK && problems)
		rc = st_error_set(err, ST_ESCHEMA, "upgrading the schema: a reference no longer "
				  "resolves (run `sentrack doctor`); the file was not changed");
	return rc;
}

int sqlst_migrate(struct store *s, st_error *err)
{
	return sqlst_migrate_to(s, st__store_schema_version, err);
}

int sqlst_migrate_to(struct store *s, int target, st_error *err)
{
	int version = 0;
	int rc = sqlst_check_version(s, &version, err);
	if (rc != ST_OK || version >= target)
		return rc;
	/* A table rebuild drops tables: with foreign keys on, that would
	 * cascade. The pragma works only outside a transaction; the check
	 * below proves the rebuild kept every reference. */
	rc = sqlst_exec(s, "PRAGMA foreign_keys=OFF", "upgrading the schema", err);
	if (rc == ST_OK)
		rc = sqlst_begin(s, err);
	if (rc != ST_OK)
		return rc;
	/* Re-read inside the write lock: another process may have migrated. */
	rc = sqlst_check_version(s, &version, err);
	for (int v = version; rc == ST_OK && v < target; v++) {
		char doing[64], pragma[40];
		snprintf(doing, sizeof doing, "upgrading the schema to version %d", v + 1);
		rc = run_code_step(s, v, err);
		if (rc == ST_OK)
			rc = sqlst_exec(s, migrations[v], doing, err);
		snprintf(pragma, sizeof pragma, "PRAGMA user_version=%d", v + 1);
		if (rc == ST_OK)
			rc = sqlst_exec(s, pragma, doing, err);
	}
	if (rc == ST_OK)
		rc = sqlst_exec(s, SENTRACK_APPLICATION_ID_PRAGMA, "marking the database", err);
	if (rc == ST_OK)
		rc = check_references(s, err);
	if (rc != ST_OK)
		sqlst_rollback(s);
	else
		rc = sqlst_commit(s, err);
	int on = sqlst_exec(s, "PRAGMA foreign_keys=ON", "enabling foreign keys", err);
	return rc == ST_OK ? on : rc;
}

/* --- drift: the stored schema text against the expected one ---------------- */

struct schema_rows {
	int n;
	char *type[128], *name[128], *sql[128];
	int seen[128];
};

static void rows_free(struct schema_rows *r)
{
	for (int i = 0; i < r->n; i++) {
		sqlite3_free(r->type[i]);
		sqlite3_free(r->name[i]);
		sqlite3_free(r->sql[i]);
	}
	r->n = 0;
}

static const char *const schema_rows_sql =
	"SELECT type, name, sql FROM sqlite_schema ORDER BY type, name";

static int read_rows(sqlite3 *db, struct schema_rows *r)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, schema_rows_sql, -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->n == 128) {
			rc = SQLITE_FULL;
			break;
		}
		const char *sql = (const char *)sqlite3_column_text(st, 2);
		r->type[r->n] = sqlite3_mprintf("%s", sqlite3_column_text(st, 0));
		r->name[r->n] = sqlite3_mprintf("%s", sqlite3_column_text(st, 1));
		r->sql[r->n] = sql ? sqlite3_mprintf("%s", sql) : NULL;
		r->seen[r->n++] = 0;
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int find_row(const struct schema_rows *r, const char *type, const char *name)
{
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->type[i], type) == 0 && strcmp(r->name[i], name) == 0)
			return i;
	return -1;
}

static int same_sql(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int drift_line(const char *type, const char *name, const char *why, int version,
		      store_line_cb cb, void *payload)
{
	char line[256];
	snprintf(line, sizeof line, "%s %s: %s the version %d schema", type, name, why, version);
	return cb ? cb(line, payload) : 0;
}

/* Every object stored but not expected or stored differently, then every
 * object expected but missing. Returns how many. */
static int report_drift(struct schema_rows *want, const struct schema_rows *have, int version,
			store_line_cb cb, void *payload)
{
	int drift = 0, stop = 0;
	for (int i = 0; i < have->n && !stop; i++) {
		int j = find_row(want, have->type[i], have->name[i]);
		if (j >= 0)
			want->seen[j] = 1;
		if (j >= 0 && same_sql(want->sql[j], have->sql[i]))
			continue;
		drift++;
		stop = drift_line(have->type[i], have->name[i],
				  j < 0 ? "not part of" : "stored definition (damaged or edited) differs "
				  "from", version, cb, payload);
	}
	for (int j = 0; j < want->n && !stop; j++) {
		if (want->seen[j])
			continue;
		drift++;
		stop = drift_line(want->type[j], want->name[j], "missing from the file, part of",
				  version, cb, payload);
	}
	return drift;
}

int sqlst_schema_drift(struct store *s, store_line_cb cb, void *payload, int *drift,
		       st_error *err)
{
	*drift = 0;
	int version = 0;
	int rc = sqlst_user_version(s, &version, err);
	if (rc != ST_OK || version <= 0 || version > st__store_schema_version)
		return rc; /* nothing to compare against */
	struct store *mem = NULL;
	struct schema_rows *want = calloc(2, sizeof *want);
	if (!want)
		return st__err_nomem(err);
	struct schema_rows *have = &want[1];
	rc = sqlst_open(&mem, NULL, ST_OPEN_MEMORY, err);
	if (rc == ST_OK)
		rc = sqlst_migrate_to(mem, version, err);
	if (rc == ST_OK && (read_rows(sqlst_db(mem), want) != SQLITE_OK ||
			    read_rows(sqlst_db(s), have) != SQLITE_OK))
		rc = st_error_set(err, ST_ESCHEMA, "reading the schema: %s",
				  sqlite3_errmsg(sqlst_db(s)));
	if (rc == ST_OK)
		*drift = report_drift(want, have, version, cb, payload);
	sqlst_close(mem);
	rows_free(want);
	rows_free(have);
	free(want);
	return rc;
}
