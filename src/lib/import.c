/* import.c - pupils in from an MIS export: header aliases, MIS date and
 * year group forms, legacy SEN codes, and validation that reports every
 * problem with its line and column before anything is kept.
 *
 * One pass: each valid row is written at once through the model (inside
 * one savepoint for the whole file), each invalid one is reported; at the
 * end the savepoint is released only when the file had no errors and this
 * is not a dry run. Nothing but the current record and the set of UPNs
 * seen is held in memory. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "csvread.h"
#include "store.h"

enum field { F_UPN, F_SURNAME, F_FORENAME, F_PREFERRED, F_DOB, F_YEAR, F_CLASS, F_SEN,
	     F_PRIMARY, F_SECONDARY, F_JOINED, F_SINCE, F_INFORMED, F_PLAN, F_COUNT };

/* Aliases are compared after folding: lower case, letters and digits only. */
static const struct {
	const char *aliases;  /* folded, '|'-separated */
	const char *names;    /* for messages */
	int required;
} fields[F_COUNT] = {
	[F_UPN] = {"upn|uniquepupilnumber", "UPN", 0},
	[F_SURNAME] = {"surname|legalsurname|lastname|familyname",
		       "Surname, Legal Surname or Last Name", 1},
	[F_FORENAME] = {"forename|legalforename|firstname|givenname",
			"Forename, Legal Forename or First Name", 1},
	[F_PREFERRED] = {"preferredforename|preferredname|preferredfirstname",
			 "Preferred Forename", 0},
	[F_DOB] = {"dob|dateofbirth|birthdate", "DOB or Date of Birth", 1},
	[F_YEAR] = {"year|ncyear|yeargroup|ncyearactual|curriculumyear",
		    "Year, NC Year, Year Group or NCYear Actual", 1},
	[F_CLASS] = {"class|reggroup|registrationgroup|form|tutorgroup|reg|registrationform|"
		     "regform", "Class, Reg Group, Registration Group or Form", 0},
	[F_SEN] = {"senprovision|senstatus|senstage|senprovisiontype", "SEN Provision, SEN Status or SEN Stage", 0},
	[F_PRIMARY] = {"primaryneed|senprimaryneed|needtype1|primarysenneed|primarysentype|"
		       "senneed1", "Primary Need", 0},
	[F_SECONDARY] = {"secondaryneed|sensecondaryneed|needtype2|"
			 "secondarysenneed|secondarysentype|senneed2", "Secondary Need", 0},
	[F_JOINED] = {"admissiondate|datejoined|dateofadmission", "Admission Date", 0},
	[F_SINCE] = {"statussince|sensince", "Status Since", 0},
	[F_INFORMED] = {"parentsinformed", "Parents Informed", 0},
	[F_PLAN] = {"ehcplandate|plandate", "EHC Plan Date", 0},
};

/* UPNs seen in this file, with the line of their first use: every row is
 * checked, even one with other errors that will never be written, so the
 * index cannot stand in for this. A UPN packs into 47 bits, so a slot is
 * 12 bytes (3 MiB at 100,000 rows, a quarter of the strings it replaced). */
struct upn_set {
	uint64_t *keys;   /* 0: empty */
	uint32_t *lines;
	size_t cap, used;
};

struct row {
	const char *upn, *surname, *forename, *preferred, *class_name;
	const char *primary, *secondary;
	st_date dob, joined, since, informed, plan;
	char year[8];
	char status;     /* 'K' or 'E', 0 for none (blank or N) */
	char informed_before[80]; /* the register event's reason under --parents-informed-before */
	char primary_code[16], secondary_code[16];
};

#define ROW_PROBLEMS_MAX 16

struct import {
	st_db *db;
	const char *name;
	const st_import_options *o;
	st_import_report_cb report;
	void *payload;
	st_import_counts *counts;
	st_error *err;
	int col[F_COUNT];          /* index in the record, -1 when absent */
	char *header[F_COUNT];     /* the file's own names, for messages */
	int ncols;
	int have_header, no_rows;
	const st_csv_record *rec;  /* the record being processed */
	int row_errors;
	struct upn_set seen;
	/* reference data read once, not per row (issue 15) */
	char needs[32][16];
	int nneeds;
	char years[256];           /* the year group codes, comma-separated */
	long no_upn;               /* pupils without a UPN: duplicates to look for */
	long rows;
	long long bytes;
	struct st__sha256 sha;
	int64_t run;               /* the import_run, from its first change */
	struct st__deferred_indexes *deferred; /* into an empty table: built at the end */
	/* the current row's problems, reported in column order at its end */
	int npending;
	struct pending {
		long line, col;
		int is_error;
		char text[ST_ERROR_MAX + 300];
	} pending[ROW_PROBLEMS_MAX];
};

void st_import_options_init(st_import_options *o)
{
	memset(o, 0, sizeof *o);
	o->date = ST_DATE_NONE;
	o->parents_informed_before = ST_DATE_NONE;
}

/* --- messages ------------------------------------------------------------- */

static void problem_at(struct import *im, int is_error, long line, long col, const char *fmt,
		       ...) __attribute__((format(printf, 5, 6)));

static void emit(struct import *im, int is_error, const char *text)
{
	if (im->report)
		im->report(is_error, text, im->payload);
}

static void problem_at(struct import *im, int is_error, long line, long col, const char *fmt,
		       ...)
{
	char msg[ST_ERROR_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct pending one, *p = im->npending < ROW_PROBLEMS_MAX ? &im->pending[im->npending++]
								   : &one;
	p->line = line;
	p->col = col;
	p->is_error = is_error;
	snprintf(p->text, sizeof p->text, "%s:%ld:%ld: %s%s", im->name, line, col,
		 is_error ? "" : "warning: ", msg);
	if (is_error) {
		im->counts->errors++;
		im->row_errors++;
	} else {
		im->counts->warnings++;
	}
	if (p == &one)
		emit(im, is_error, p->text);
}

/* Report the row's problems by position (insertion sort keeps the order
 * of problems found at the same place). */
static void flush_problems(struct import *im)
{
	for (int i = 1; i < im->npending; i++) {
		struct pending key = im->pending[i];
		int j = i - 1;
		for (; j >= 0 && (im->pending[j].line > key.line ||
				  (im->pending[j].line == key.line && im->pending[j].col > key.col));
		     j--)
			im->pending[j + 1] = im->pending[j];
		im->pending[j + 1] = key;
	}
	for (int i = 0; i < im->npending; i++)
		emit(im, im->pending[i].is_error, im->pending[i].text);
	im->npending = 0;
}

/* A problem with field f of the current record (its start, or the start
 * of the record when the file has no such column). */
#define PROBLEM(im, f, ...) \
	problem_at(im, 1, line_of(im, f), col_of(im, f), __VA_ARGS__)

static long line_of(const struct import *im, int f)
{
	int i = f >= 0 ? im->col[f] : -1;
	return im->rec->lines[i >= 0 && i < im->rec->nfields ? i : 0];
}

static long col_of(const struct import *im, int f)
{
	int i = f >= 0 ? im->col[f] : -1;
	return i >= 0 && i < im->rec->nfields ? im->rec->columns[i] : im->rec->columns[0];
}

/* --- the header ----------------------------------------------------------- */

static void fold_name(const char *s, char *out, size_t size)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++)
		if (isalnum((unsigned char)*s))
			out[n++] = (char)tolower((unsigned char)*s);
	out[n] = '\0';
}

static int alias_match(const char *aliases, const char *folded)
{
	size_t n = strlen(folded);
	for (const char *a = aliases; *a;) {
		const char *end = strchr(a, '|');
		size_t len = end ? (size_t)(end - a) : strlen(a);
		if (len == n && n > 0 && strncmp(a, folded, n) == 0)
			return 1;
		a += len + (end != NULL);
	}
	return 0;
}

/* A header sentrack reads (a second column for one field is refused, not
 * ignored). */
static int column_known(const char *name)
{
	char folded[64];
	fold_name(name, folded, sizeof folded);
	for (int f = 0; f < F_COUNT; f++)
		if (alias_match(fields[f].aliases, folded))
			return 1;
	return 0;
}

/* One line naming every column sentrack does not read, so a SENCO sees
 * what the file held that was left out ("Ethnicity" (column 9), ...). */
static int report_ignored(struct import *im, const st_csv_record *rec)
{
	size_t size = 128, used = 0;
	for (int i = 0; i < rec->nfields; i++)
		size += rec->lens[i] + 32;
	char *msg = malloc(size);
	if (!msg)
		return st__err_nomem(im->err);
	used = (size_t)snprintf(msg, size, "%s:%ld: columns not read (sentrack ignores them):",
				im->name, rec->lines[0]);
	int n = 0;
	for (int i = 0; i < rec->nfields; i++) {
		if (column_known(rec->fields[i]))
			continue;
		const char *name = rec->utf8_ok[i] ? rec->fields[i] : "?";
		used += (size_t)snprintf(msg + used, size - used, "%s \"%s\" (column %d)",
					 n++ ? "," : "", *name ? name : "(no name)", i + 1);
	}
	if (n && im->report)
		im->report(ST_IMPORT_IGNORED, msg, im->payload);
	free(msg);
	return ST_OK;
}

static int read_header(struct import *im, const st_csv_record *rec)
{
	im->have_header = 1;
	im->ncols = rec->nfields;
	for (int i = 0; i < rec->nfields; i++) {
		char folded[64];
		fold_name(rec->fields[i], folded, sizeof folded);
		for (int f = 0; f < F_COUNT; f++) {
			if (!alias_match(fields[f].aliases, folded))
				continue;
			if (im->col[f] >= 0) { /* which one would be meant? refuse to guess */
				int j = im->col[f];
				problem_at(im, 1, rec->lines[i], rec->columns[i],
					   "%s: the same column as %s (line %ld, column %ld); keep one "
					   "of them", rec->utf8_ok[i] ? rec->fields[i] : "?",
					   im->header[f], rec->lines[j], rec->columns[j]);
				im->no_rows = 1;
				break;
			}
			im->col[f] = i;
			im->header[f] = st__xstrdup(rec->utf8_ok[i] ? rec->fields[i] : "?");
			if (!im->header[f])
				return st__err_nomem(im->err);
			break;
		}
	}
	if (report_ignored(im, rec) != ST_OK)
		return im->err->code;
	for (int f = 0; f < F_COUNT; f++) {
		if (fields[f].required && im->col[f] < 0) {
			problem_at(im, 1, rec->lines[0], 1, "no %s column (a required column)",
				   fields[f].names);
			im->no_rows = 1;
		}
	}
	return ST_OK;
}

/* --- cells ------------------------------------------------------------------ */

/* The trimmed cell of field f, or NULL when absent or blank. */
static const char *cell(struct import *im, int f)
{
	int i = im->col[f];
	if (i < 0 || i >= im->rec->nfields)
		return NULL;
	char *s = im->rec->fields[i];
	s += st_csv_unguard(s) != s; /* a file sentrack exported: see docs/csv.md */
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return n ? s : NULL;
}

static const char *label(const struct import *im, int f)
{
	return im->header[f] ? im->header[f] : fields[f].names;
}

int st_import_parse_date(const char *field, const char *text, st_date_order order,
			 st_date *out, st_error *err)
{
	ERR_ENSURE(err);
	/* a spreadsheet that saved the file may have added a midnight time */
	char date[24];
	size_t n = text ? strlen(text) : 0;
	if (n > 6 && n < sizeof date && (strcmp(text + n - 6, " 00:00") == 0 ||
					 (n > 9 && strcmp(text + n - 9, " 00:00:00") == 0))) {
		snprintf(date, sizeof date, "%.*s", (int)(strrchr(text, ' ') - text), text);
		return st_import_parse_date(field, date, order, out, err);
	}
	if (text && strchr(text, '-'))
		return st_date_parse(field, text, out, err);
	int a = 0, b = 0, c = 0, na = 0, nb = 0, nc = 0;
	const char *p = text ? text : "";
	for (; isdigit((unsigned char)*p) && na < 5; p++, na++)
		a = a * 10 + (*p - '0');
	if (*p == '/')
		for (p++; isdigit((unsigned char)*p) && nb < 3; p++, nb++)
			b = b * 10 + (*p - '0');
	if (*p == '/')
		for (p++; isdigit((unsigned char)*p) && nc < 5; p++, nc++)
			c = c * 10 + (*p - '0');
	int shape = order == ST_DATES_DMY ? na >= 1 && na <= 2 && nc == 4 : na == 4 && nc >= 1 &&
									   nc <= 2;
	if (*p || nb < 1 || nb > 2 || !shape)
		return st_error_set(err, ST_EINVAL, "%s %s: not a date (%s or YYYY-MM-DD)", field,
				    text ? text : "", order == ST_DATES_DMY ? "DD/MM/YYYY"
									     : "YYYY/MM/DD");
	int y = order == ST_DATES_DMY ? c : a, d = order == ST_DATES_DMY ? a : c;
	if (y < ST_DATE_MIN_YEAR || y > ST_DATE_MAX_YEAR || st_date_from_ymd(y, b, d, out) != ST_OK)
		return st_error_set(err, ST_EINVAL, "%s %s: not a calendar date", field, text);
	return ST_OK;
}

static const char *skip_prefix(const char *s, const char *prefix)
{
	size_t n = strlen(prefix);
	return strncmp(s, prefix, n) == 0 ? s + n : s;
}

int st_import_parse_year(const char *field, const char *text, char *out, size_t size,
			 st_error *err)
{
	ERR_ENSURE(err);
	char f[32], code[8] = "";
	fold_name(text ? text : "", f, sizeof f);
	const char *nursery = skip_prefix(skip_prefix(f, "nursery"), "n");
	const char *year = skip_prefix(skip_prefix(skip_prefix(skip_prefix(f, "nc"), "year"),
						   "yr"), "y");
	if (strcmp(f, "reception") == 0 || strcmp(f, "rec") == 0 || strcmp(year, "r") == 0 ||
	    strcmp(f, "r") == 0)
		snprintf(code, sizeof code, "R");
	else if (nursery != f && st__text_all_digits(nursery) && strlen(nursery) == 1)
		snprintf(code, sizeof code, "N%s", nursery);
	else if (st__text_all_digits(year) && strlen(year) <= 3) {
		while (year[0] == '0' && year[1])
			year++;
		snprintf(code, sizeof code, "%s", year);
	}
	if (!code[0] || strlen(code) >= size)
		return st_error_set(err, ST_EINVAL, "%s %s: not a year group (Y7, Year 7, 7, R, "
				    "Reception, N1, N2)", field, text ? text : "");
	snprintf(out, size, "%s", code);
	return ST_OK;
}

/* The MIS wordings of an SEN provision, folded (fold_name). SIMS, Arbor
 * and Bromcom spell the census codes out, sometimes with the code in
 * brackets or in front ("SEN Support (K)", "K - SEN Support"). */
static const struct {
	const char *folded;
	char status;          /* 'K', 'E' or 'N' */
	const char *legacy;   /* a pre-2014 code read as status, with a warning */
} sen_wordings[] = {
	{"k", 'K', NULL}, {"sensupport", 'K', NULL}, {"sensupportk", 'K', NULL},
	{"ksensupport", 'K', NULL}, {"specialeducationalneedssupport", 'K', NULL},
	{"e", 'E', NULL}, {"ehcplan", 'E', NULL}, {"ehcp", 'E', NULL}, {"ehcplane", 'E', NULL},
	{"eehcplan", 'E', NULL}, {"ehcpe", 'E', NULL},
	{"educationhealthandcareplan", 'E', NULL}, {"educationhealthandcareplane", 'E', NULL},
	{"eeducationhealthandcareplan", 'E', NULL}, {"educationhealthcareplan", 'E', NULL},
	{"n", 'N', NULL}, {"nosen", 'N', NULL}, {"nosenn", 'N', NULL}, {"nnosen", 'N', NULL},
	{"nospecialeducationalneed", 'N', NULL}, {"nospecialeducationalneeds", 'N', NULL},
	{"nospecialeducationalneedn", 'N', NULL}, {"nnospecialeducationalneed", 'N', NULL},
	{"a", 'K', "School Action"}, {"schoolaction", 'K', "School Action"},
	{"schoolactiona", 'K', "School Action"},
	{"p", 'K', "School Action Plus"}, {"schoolactionplus", 'K', "School Action Plus"},
	{"schoolactionplusp", 'K', "School Action Plus"},
	{"s", 'E', "statement"}, {"statement", 'E', "statement"},
	{"statementofsen", 'E', "statement"}, {"statementofspecialeducationalneeds", 'E', "statement"},
	{"statements", 'E', "statement"},
};

int st_import_parse_sen(const char *field, const char *text, char *status, const char **legacy,
			st_error *err)
{
	ERR_ENSURE(err);
	*status = 0;
	*legacy = NULL;
	if (!text || !*text)
		return ST_OK;
	char f[64];
	fold_name(text, f, sizeof f);
	for (size_t i = 0; i < sizeof sen_wordings / sizeof *sen_wordings; i++) {
		if (strcmp(f, sen_wordings[i].folded) != 0)
			continue;
		*status = sen_wordings[i].status == 'N' ? 0 : sen_wordings[i].status;
		*legacy = sen_wordings[i].legacy;
		return ST_OK;
	}
	return st_error_set(err, ST_EINVAL, "%s %s: not an SEN provision (K, E, N or blank, "
			    "SEN Support, Education Health and Care Plan, No Special Educational "
			    "Need; legacy A, P, S)", field, text);
}

/* Census need descriptions as MISs write them, folded: the census's own
 * labels and the other spellings schools' exports use (docs/csv.md). */
static const struct {
	const char *folded, *code;
} need_wordings[] = {
	{"specificlearningdifficulty", "SPLD"}, {"specificlearningdifficulties", "SPLD"},
	{"specificlearningdifficultydyslexia", "SPLD"},
	{"moderatelearningdifficulty", "MLD"}, {"moderatelearningdifficulties", "MLD"},
	{"severelearningdifficulty", "SLD"}, {"severelearningdifficulties", "SLD"},
	{"profoundandmultiplelearningdifficulty", "PMLD"},
	{"profoundmultiplelearningdifficulty", "PMLD"},
	{"profoundandmultiplelearningdifficulties", "PMLD"},
	{"socialemotionalandmentalhealth", "SEMH"}, {"socialemotionalmentalhealth", "SEMH"},
	{"speechlanguageandcommunicationneeds", "SLCN"},
	{"speechlanguageandcommunicationneed", "SLCN"},
	{"speechlanguagecommunicationneeds", "SLCN"},
	{"hearingimpairment", "HI"}, {"visualimpairment", "VI"},
	{"multisensoryimpairment", "MSI"}, {"physicaldisability", "PD"},
	{"autisticspectrumdisorder", "ASD"}, {"autismspectrumdisorder", "ASD"},
	{"autisticspectrumcondition", "ASD"}, {"autismspectrumcondition", "ASD"},
	{"autism", "ASD"},
	{"otherdifficultyordisability", "OTH"}, {"otherdifficultydisability", "OTH"},
	{"sensupportbutnospecialistassessmentoftypeofneed", "NSA"},
	{"nospecialistassessment", "NSA"}, {"nospecialistassessmentoftypeofneed", "NSA"},
};

const char *st_import_need_code(const char *text)
{
	char f[96];
	fold_name(text ? text : "", f, sizeof f);
	for (size_t i = 0; i < sizeof need_wordings / sizeof *need_wordings; i++)
		if (strcmp(f, need_wordings[i].folded) == 0)
			return need_wordings[i].code;
	return NULL;
}

/* K, E, N or blank and the MIS wordings; legacy codes with a warning.
 * *status is 0 for no SEN. */
static int parse_sen(struct import *im, const char *text, char *status)
{
	const char *legacy = NULL;
	st_error e;
	if (st_import_parse_sen(label(im, F_SEN), text, status, &legacy, &e) != ST_OK) {
		PROBLEM(im, F_SEN, "%s", e.message);
		return ST_EINVAL;
	}
	if (legacy)
		problem_at(im, 0, line_of(im, F_SEN), col_of(im, F_SEN),
			   "%s %s: legacy code (%s) read as %c", label(im, F_SEN), text, legacy,
			   *status);
	return ST_OK;
}

/* --- validating a row ------------------------------------------------------- */

static void check_text(struct import *im, int f, const char *text, size_t max, unsigned rules)
{
	st_error e;
	if (!text && (rules & TEXT_REQUIRED))
		PROBLEM(im, f, "%s: is empty", label(im, f));
	else if (st__text_check(label(im, f), text, max, rules, &e) != ST_OK)
		PROBLEM(im, f, "%s", e.message);
}

/* The date in field f: every date an MIS file holds is of something that
 * happened (birth, admission, placement, parents told, plan issued), so
 * none is in the future. */
static st_date date_cell(struct import *im, int f)
{
	const char *t = cell(im, f);
	st_date d = ST_DATE_NONE;
	st_error e;
	if (t && st_import_parse_date(label(im, f), t, im->o->date_order, &d, &e) != ST_OK) {
		PROBLEM(im, f, "%s", e.message);
		return ST_DATE_NONE;
	}
	if (d != ST_DATE_NONE && st__check_not_future(im->db, label(im, f), d, &e) != ST_OK) {
		/* name the value as typed */
		char today[ST_DATE_BUFSZ];
		PROBLEM(im, f, "%s %s: is in the future (today is %s)", label(im, f), t,
			st_date_format(db_today(im->db), today));
		return ST_DATE_NONE;
	}
	return d;
}

static int need_known(const struct import *im, const char *code)
{
	for (int i = 0; i < im->nneeds; i++)
		if (strcasecmp(im->needs[i], code) == 0)
			return i;
	return -1;
}

/* The index of a census code (any case) or description in im->needs, or -1. */
static int need_code_of(const struct import *im, const char *text)
{
	int i = need_known(im, text);
	if (i < 0 && st_import_need_code(text))
		i = need_known(im, st_import_need_code(text));
	return i;
}

/* A census code in any case, or an MIS description of one. */
static void need_cell(struct import *im, int f, char *out, size_t size)
{
	const char *t = cell(im, f);
	out[0] = '\0';
	if (!t)
		return;
	int i = need_code_of(im, t);
	/* "ASD - Autistic Spectrum Disorder": the code and its description */
	const char *dash = strstr(t, " - ");
	if (i < 0 && dash && dash - t < 16) {
		char code[16];
		snprintf(code, sizeof code, "%.*s", (int)(dash - t), t);
		int a = need_code_of(im, code), b = need_code_of(im, dash + 3);
		i = a >= 0 && (b < 0 || b == a) ? a : b >= 0 && a < 0 ? b : -1;
	}
	if (i >= 0) {
		snprintf(out, size, "%s", im->needs[i]);
		return;
	}
	char list[32 * 17] = "";
	for (int k = 0; k < im->nneeds; k++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? " " : "",
			 im->needs[k]);
	PROBLEM(im, f, "%s %s: not a census need type (one of %s, or its description: see "
		"docs/csv.md)", label(im, f), t, list);
}

static int add_need_type(const st_need_type *t, void *payload)
{
	struct import *im = payload;
	if (im->nneeds < (int)(sizeof im->needs / sizeof im->needs[0]))
		snprintf(im->needs[im->nneeds++], sizeof im->needs[0], "%s", t->code);
	return ST_OK;
}

static int load_reference(struct import *im)
{
	int rc = st__store_need_types(im->db->store, add_need_type, im, im->err);
	if (rc == ST_OK)
		rc = st__store_year_codes(im->db->store, im->years, sizeof im->years, im->err);
	if (rc == ST_OK)
		rc = st__store_pupils_without_upn(im->db->store, &im->no_upn, im->err);
	return rc;
}

static int year_known(const struct import *im, const char *code)
{
	size_t n = strlen(code);
	for (const char *p = im->years; *p;) {
		while (*p == ',' || *p == ' ')
			p++;
		size_t len = strcspn(p, ", ");
		if (len == n && strncmp(p, code, n) == 0)
			return 1;
		p += len;
	}
	return 0;
}

/* A valid UPN (letter, 11 digits, digit or letter) as a nonzero number. */
static uint64_t upn_key(const char *upn)
{
	uint64_t digits = 0;
	for (int i = 1; i < ST_UPN_LEN - 1; i++)
		digits = digits * 10 + (uint64_t)(upn[i] - '0');
	char last = upn[ST_UPN_LEN - 1];
	uint64_t l = last >= '0' && last <= '9' ? (uint64_t)(last - '0') : (uint64_t)(last - 'A') + 10;
	return ((uint64_t)(upn[0] - 'A') * 36 + l) * 100000000000ULL + digits + 1;
}

static size_t upn_slot(const struct upn_set *s, uint64_t key)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (s->cap - 1);
	while (s->keys[i] && s->keys[i] != key)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static int upn_grow(struct upn_set *s)
{
	size_t cap = s->cap ? s->cap * 2 : 1024;
	struct upn_set bigger = {calloc(cap, sizeof *bigger.keys), calloc(cap, sizeof *bigger.lines),
				 cap, s->used};
	if (!bigger.keys || !bigger.lines) {
		free(bigger.keys);
		free(bigger.lines);
		return ST_EINTERNAL;
	}
	for (size_t i = 0; i < s->cap; i++) {
		if (!s->keys[i])
			continue;
		size_t j = upn_slot(&bigger, s->keys[i]);
		bigger.keys[j] = s->keys[i];
		bigger.lines[j] = s->lines[i];
	}
	free(s->keys);
	free(s->lines);
	*s = bigger;
	return ST_OK;
}

/* Remember a valid upn; the line of its first use when already seen, else 0. */
static long upn_seen(struct import *im, const char *upn, long line)
{
	struct upn_set *s = &im->seen;
	if (s->used * 5 >= s->cap * 4 && upn_grow(s) != ST_OK) { /* at most 80% full */
		st__err_nomem(im->err);
		return 0;
	}
	uint64_t key = upn_key(upn);
	size_t i = upn_slot(s, key);
	if (s->keys[i])
		return (long)s->lines[i];
	s->keys[i] = key;
	s->lines[i] = line > 0 && line <= UINT32_MAX ? (uint32_t)line : 0;
	s->used++;
	return 0;
}

static void upn_twice(struct import *im, const char *upn, long first)
{
	if (first)
		PROBLEM(im, F_UPN, "%s %s: appears twice in the file (first on line %ld)",
			label(im, F_UPN), upn, first);
}

static void check_upn(struct import *im, const char *upn)
{
	st_error e;
	if (!upn)
		return;
	if (st_upn_validate(label(im, F_UPN), upn, &e) != ST_OK) {
		PROBLEM(im, F_UPN, "%s", e.message);
		return;
	}
	upn_twice(im, upn, upn_seen(im, upn, line_of(im, F_UPN)));
}

static void check_year(struct import *im, struct row *r)
{
	const char *t = cell(im, F_YEAR);
	st_error e;
	if (!t) {
		PROBLEM(im, F_YEAR, "%s: is empty", label(im, F_YEAR));
	} else if (st_import_parse_year(label(im, F_YEAR), t, r->year, sizeof r->year, &e) !=
			   ST_OK ||
		   !year_known(im, r->year)) {
		/* name the value as typed, not as normalised */
		PROBLEM(im, F_YEAR, "%s %s: not a year group (Y7, Year 7, 7, R, Reception, N1, N2)",
			label(im, F_YEAR), t);
		r->year[0] = '\0';
	}
}

static void check_utf8(struct import *im)
{
	for (int i = 0; i < im->rec->nfields; i++)
		if (!im->rec->utf8_ok[i])
			problem_at(im, 1, im->rec->lines[i], im->rec->columns[i],
				   "not valid UTF-8 text, or a NUL byte (save the file from the MIS or "
				   "spreadsheet as \"CSV UTF-8\")");
}

static void check_shape(struct import *im)
{
	const st_csv_record *rec = im->rec;
	int extra_blank = 1;
	for (int i = im->ncols; i < rec->nfields; i++)
		if (rec->lens[i])
			extra_blank = 0;
	if (rec->nfields < im->ncols || !extra_blank)
		problem_at(im, 1, rec->lines[0], rec->columns[0],
			   "has %d fields, the header has %d (an unquoted comma, or a missing one?)",
			   rec->nfields, im->ncols);
}

/* --parents-informed-before DATE: a placement dated on or before DATE
 * with no Parents Informed value was made before sentrack was used; its
 * parents are recorded as informed at the placement, and the register
 * event says why (the evidence is the school's earlier records). */
static void informed_before(struct import *im, struct row *r)
{
	st_date before = im->o->parents_informed_before;
	char d[ST_DATE_BUFSZ];
	if (!r->status || r->informed != ST_DATE_NONE || before == ST_DATE_NONE || r->since > before)
		return;
	r->informed = r->since;
	snprintf(r->informed_before, sizeof r->informed_before,
		 "placed before sentrack; parents informed before %s", st_date_format(before, d));
}

/* Fill r from the record, reporting every problem; 1 when the row is good. */
static int read_row(struct import *im, struct row *r)
{
	check_utf8(im);
	if (im->row_errors)
		return 0;
	check_shape(im);
	if (im->row_errors)
		return 0;
	memset(r, 0, sizeof *r);
	r->upn = cell(im, F_UPN);
	r->surname = cell(im, F_SURNAME);
	r->forename = cell(im, F_FORENAME);
	r->preferred = cell(im, F_PREFERRED);
	r->class_name = cell(im, F_CLASS);
	check_upn(im, r->upn);
	check_text(im, F_SURNAME, r->surname, TEXT_NAME_MAX, TEXT_REQUIRED);
	check_text(im, F_FORENAME, r->forename, TEXT_NAME_MAX, TEXT_REQUIRED);
	check_text(im, F_PREFERRED, r->preferred, TEXT_NAME_MAX, 0);
	check_text(im, F_CLASS, r->class_name, 40, 0);
	r->dob = date_cell(im, F_DOB);
	if (r->dob == ST_DATE_NONE && !cell(im, F_DOB))
		PROBLEM(im, F_DOB, "%s: is empty", label(im, F_DOB));
	check_year(im, r);
	parse_sen(im, cell(im, F_SEN), &r->status);
	need_cell(im, F_PRIMARY, r->primary_code, sizeof r->primary_code);
	need_cell(im, F_SECONDARY, r->secondary_code, sizeof r->secondary_code);
	r->primary = r->primary_code[0] ? r->primary_code : NULL;
	r->secondary = r->secondary_code[0] ? r->secondary_code : NULL;
	if (r->primary && r->secondary && strcmp(r->primary, r->secondary) == 0)
		PROBLEM(im, F_SECONDARY, "%s %s: is also the primary need", label(im, F_SECONDARY),
			r->secondary);
	r->joined = date_cell(im, F_JOINED);
	r->since = date_cell(im, F_SINCE);
	r->informed = date_cell(im, F_INFORMED);
	r->plan = date_cell(im, F_PLAN);
	if (r->since == ST_DATE_NONE)
		r->since = im->o->date != ST_DATE_NONE ? im->o->date : db_today(im->db);
	/* An MIS has no EHC plan date: the status date stands in for it. */
	if (r->status == 'E' && r->plan == ST_DATE_NONE)
		r->plan = r->since;
	if (r->status != 'E')
		r->plan = ST_DATE_NONE;
	if (!r->status)
		r->informed = ST_DATE_NONE;
	informed_before(im, r);
	return im->row_errors == 0;
}

/* --- writing a row -----------------------------------------------------------
 *
 * A dry run writes nothing (the database may be open read-only): each
 * change it would make is reported instead, field by field. */

static int dry(const struct import *im)
{
	return im->o->dry_run;
}

/* Report a failed library call at field f; ST_OK when rc is. */
static int lib_fail(struct import *im, int f, int rc, const st_error *e)
{
	if (rc == ST_OK)
		return ST_OK;
	PROBLEM(im, f, "%s", e->message);
	if (rc == ST_EBUSY || rc == ST_EIO || rc == ST_EINTERNAL)
		st_error_set(im->err, rc, "%s", e->message);
	return rc;
}

static void tell(struct import *im, st_import_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void tell(struct import *im, st_import_kind kind, const char *fmt, ...)
{
	char msg[ST_ERROR_MAX + 300];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (im->report)
		im->report(kind, msg, im->payload);
}

/* "pupil 3 (UPN X)": how changes and disagreements name a known pupil. */
static const char *who(const st_pupil *p, char *buf, size_t size)
{
	snprintf(buf, size, "pupil %lld (UPN %s)", (long long)p->id, p->upn ? p->upn : "none");
	return buf;
}

static const char *or_none(const char *s)
{
	return s ? s : "(none)";
}

static int text_differs(const char *a, const char *b)
{
	return !a != !b || (a && strcmp(a, b) != 0);
}

/* One field's change, listed by a dry run. */
static void change_text(struct import *im, const st_pupil *p, const char *field,
			const char *old, const char *new)
{
	char w[64];
	if (dry(im))
		tell(im, ST_IMPORT_CHANGE, "%s: %s: %s → %s", who(p, w, sizeof w), field,
		       or_none(old), or_none(new));
}

static void change_date(struct import *im, const st_pupil *p, const char *field, st_date old,
			st_date new)
{
	char a[ST_DATE_BUFSZ], b[ST_DATE_BUFSZ];
	change_text(im, p, field, old == ST_DATE_NONE ? NULL : st_date_format(old, a),
		    new == ST_DATE_NONE ? NULL : st_date_format(new, b));
}

/* The status a file row says: 'K', 'E' or 'N'; and what sentrack has. */
static char file_status(const struct row *r)
{
	return r->status ? r->status : 'N';
}

static char held_status(const st_pupil *p)
{
	return p->status == 'K' || p->status == 'E' ? p->status : 'N';
}

/* The needs the file asks for (a column absent keeps sentrack's). */
static const char *want_need(const struct import *im, int f, const char *file, const char *cur)
{
	return im->col[f] >= 0 ? file : cur;
}

static int add_needs(struct import *im, const st_pupil *p, int64_t id, const struct row *r)
{
	st_error e;
	const char *cur1 = p ? p->primary_need : NULL, *cur2 = p ? p->secondary_need : NULL;
	const char *want1 = want_need(im, F_PRIMARY, r->primary, cur1);
	const char *want2 = want_need(im, F_SECONDARY, r->secondary, cur2);
	int same1 = !text_differs(cur1, want1), same2 = !text_differs(cur2, want2);
	if (p && !same1)
		change_text(im, p, "primary need", cur1, want1);
	if (p && !same2)
		change_text(im, p, "secondary need", cur2, want2);
	if (dry(im))
		return !(same1 && same2);
	int rc = ST_OK;
	if (!same1 && cur1)
		rc = lib_fail(im, F_PRIMARY, st_need_remove(im->db, id, cur1, &e), &e);
	if (rc == ST_OK && !same2 && cur2)
		rc = lib_fail(im, F_SECONDARY, st_need_remove(im->db, id, cur2, &e), &e);
	if (rc == ST_OK && !same1 && want1)
		rc = lib_fail(im, F_PRIMARY, st__need_add_dated(im->db, id, want1, 1, r->since, &e), &e);
	if (rc == ST_OK && !same2 && want2)
		rc = lib_fail(im, F_SECONDARY, st__need_add_dated(im->db, id, want2, 2, r->since, &e), &e);
	return rc == ST_OK ? !(same1 && same2) : -1;
}

/* A move to N ends the held needs (issue 12: kept in the history, dated
 * by the register event): report each as a change to (none). */
static void report_ended_needs(struct import *im, const st_pupil *p)
{
	if (p->primary_need)
		change_text(im, p, "primary need", p->primary_need, NULL);
	if (p->secondary_need)
		change_text(im, p, "secondary need", p->secondary_need, NULL);
}

/* Bring the register status to the file's (a dated register event);
 * 1 when it changed, -1 on error. */
static int set_status(struct import *im, const st_pupil *p, int64_t id, const struct row *r)
{
	char cur = p ? held_status(p) : 'N', want = file_status(r);
	if (im->col[F_SEN] < 0 || cur == want)
		return 0;
	if (p && dry(im)) {
		char a[8], b[24], d[ST_DATE_BUFSZ];
		snprintf(a, sizeof a, "%c", cur);
		snprintf(b, sizeof b, "%c on %s", want, st_date_format(r->since, d));
		change_text(im, p, "SEN status", a, b);
	}
	if (dry(im))
		return 1;
	st_error e;
	int rc;
	if (want != 'N')
		rc = st_register_set(im->db, id, want, r->since, r->informed, r->plan,
				     r->informed_before[0] ? r->informed_before : NULL, "import",
				     NULL, &e);
	else
		rc = st_register_set(im->db, id, 'N', r->since, ST_DATE_NONE, ST_DATE_NONE,
				     "no SEN in the MIS import", "import", NULL, &e);
	return lib_fail(im, F_SEN, rc, &e) == ST_OK ? 1 : -1;
}

/* Without --sen-from-file: each difference of SEN status or need between
 * the file and sentrack, reported and kept. */
static void report_disagreements(struct import *im, const st_pupil *p, const struct row *r)
{
	char d[ST_DATE_BUFSZ];
	const char *keep = "(sentrack kept; correct the MIS, or use --sen-from-file)";
	char cur = held_status(p), want = file_status(r);
	int n = 0;
	if (im->col[F_SEN] >= 0 && cur != want && ++n)
		tell(im, ST_IMPORT_DISAGREEMENT, "%s:%ld:%ld: UPN %s: file says %c, sentrack has %c%s%s "
		       "%s", im->name, line_of(im, F_SEN), col_of(im, F_SEN), p->upn, want, cur,
		       p->status_since != ST_DATE_NONE ? " since " : "",
		       st_date_format(p->status_since, d), keep);
	static const int cols[2] = {F_PRIMARY, F_SECONDARY};
	static const char *const names[2] = {"primary need", "secondary need"};
	const char *file[2] = {r->primary, r->secondary};
	const char *held[2] = {p->primary_need, p->secondary_need};
	for (int k = 0; k < 2; k++)
		if (im->col[cols[k]] >= 0 && text_differs(file[k], held[k]) && ++n)
			tell(im, ST_IMPORT_DISAGREEMENT, "%s:%ld:%ld: UPN %s: file says %s %s, sentrack "
			       "has %s %s", im->name, line_of(im, cols[k]), col_of(im, cols[k]), p->upn,
			       names[k], or_none(file[k]), or_none(held[k]), keep);
	im->counts->disagreements += n;
}

/* The import_run, recorded when the first change is written (a file
 * that changes nothing leaves no trace). */
static int start_run(struct import *im)
{
	if (dry(im) || im->run)
		return ST_OK;
	int rc = st__store_import_run_start(im->db->store, im->name, im->db->user, &im->run,
					    im->err);
	im->db->import_id = im->run;
	return rc;
}

/* The possible-duplicate rule (issue 16) for a new row: a pupil with the
 * same name and date of birth, known or from an earlier row, and no UPN
 * to tell them apart; 1 after reporting it. Asked only when a UPN could
 * not tell them apart (this row has none, or some pupil has none). */
static int duplicate(struct import *im, const struct row *r)
{
	if (im->o->allow_duplicate || (r->upn && im->no_upn == 0))
		return 0;
	if (st__store_import_need_name_index(im->db->store, im->deferred, im->err) != ST_OK)
		return 1;
	char *sk = st__text_fold(r->surname), *fk = st__text_fold(r->forename);
	char dob[ST_DATE_BUFSZ];
	struct st__pupil_twin twin = {0};
	int rc = sk && fk ? st__store_pupil_same_person(im->db->store, sk, fk,
						      st_date_format(r->dob, dob), r->upn, &twin,
						      im->err)
			  : st__err_nomem(im->err);
	free(sk);
	free(fk);
	if (rc != ST_OK || !twin.id)
		return rc != ST_OK;
	st_error e;
	if (im->run && twin.import_id == im->run)
		PROBLEM(im, F_SURNAME, "%s %s, born %s: the same name and date of birth as line %ld, "
			"and no UPN tells them apart; %s", r->forename, r->surname, dob,
			twin.import_line, ST__DUPLICATE_HINT);
	else if (st__pupil_refuse_duplicate(im->db, r->surname, r->forename, r->dob, r->upn,
					    ST__DUPLICATE_HINT, &e) != ST_OK)
		lib_fail(im, F_SURNAME, e.code, &e);
	return 1;
}

/* The first register event and the needs of a pupil just added (needs at
 * N are refused by the census rules, naming the new pupil, not its id). */
static int place_new(struct import *im, int64_t id, const struct row *r)
{
	char status = im->col[F_SEN] >= 0 && r->status ? r->status : 'N';
	st_error e;
	int rc = ST_OK;
	if (status != 'N') {
		st_pupil p = {.id = id, .dob = r->dob, .left = ST_DATE_NONE};
		st_register_change c = {r->status, r->since, r->informed, r->plan, ST_DATE_NONE,
					r->informed_before[0] ? r->informed_before : NULL,
					"import"};
		rc = lib_fail(im, F_SEN, st__register_first(im->db, &p, &c, &e), &e);
	}
	if (rc == ST_OK && r->primary)
		rc = lib_fail(im, F_PRIMARY, st__need_add_new(im->db, id, status, r->primary, 1,
							    NULL, r->since, &e), &e);
	if (rc == ST_OK && r->secondary)
		rc = lib_fail(im, F_SECONDARY, st__need_add_new(im->db, id, status, r->secondary,
							      2, r->primary, r->since, &e), &e);
	return rc;
}

static int create_pupil(struct import *im, const struct row *r)
{
	st_pupil_fields pf;
	st_pupil_fields_init(&pf);
	pf.upn = r->upn;
	pf.surname = r->surname;
	pf.forename = r->forename;
	pf.preferred = r->preferred;
	pf.dob = r->dob;
	pf.year = r->year;
	pf.class_name = r->class_name;
	pf.joined = r->joined;
	pf.allow_duplicate = 1; /* asked by duplicate(), which names the line */
	int64_t id = 0;
	st_error e;
	if (duplicate(im, r))
		return ST_OK;
	if (dry(im)) {
		if (lib_fail(im, -1, st__pupil_validate(im->db, NULL, &pf, &e), &e) != ST_OK)
			return 0;
		tell(im, ST_IMPORT_CHANGE, "new pupil (line %ld): UPN %s: %s, %s, year %s, SEN %c%s%s",
		       line_of(im, -1), or_none(r->upn), r->surname, r->forename, r->year,
		       im->col[F_SEN] >= 0 ? file_status(r) : 'N', r->primary ? ", need " : "",
		       r->primary ? r->primary : "");
		im->counts->created++;
		return 0;
	}
	if (start_run(im) != ST_OK)
		return im->err->code;
	if (lib_fail(im, -1, st__pupil_add_checked(im->db, &pf, &id, &e), &e) != ST_OK)
		return 0;
	if (!r->upn)
		im->no_upn++;
	if (place_new(im, id, r) == ST_OK)
		im->counts->created++;
	return 0;
}

/* The identity fields of p that r changes, into pf (each listed by a dry
 * run); 1 when there is any. */
static int pupil_changes(struct import *im, const st_pupil *p, const struct row *r,
			 st_pupil_fields *pf)
{
	st_pupil_fields_init(pf);
	int any = 0;
	if (strcmp(p->surname, r->surname) != 0)
		change_text(im, p, "surname", p->surname, pf->surname = r->surname), any = 1;
	if (strcmp(p->forename, r->forename) != 0)
		change_text(im, p, "forename", p->forename, pf->forename = r->forename), any = 1;
	if (im->col[F_PREFERRED] >= 0 && text_differs(p->preferred, r->preferred)) {
		change_text(im, p, "preferred forename", p->preferred, r->preferred);
		pf->preferred = r->preferred ? r->preferred : "", any = 1;
	}
	if (im->col[F_CLASS] >= 0 && text_differs(p->class_name, r->class_name)) {
		change_text(im, p, "class", p->class_name, r->class_name);
		pf->class_name = r->class_name ? r->class_name : "", any = 1;
	}
	if (strcmp(p->year, r->year) != 0)
		change_text(im, p, "year", p->year, pf->year = r->year), any = 1;
	if (p->dob != r->dob)
		change_date(im, p, "date of birth", p->dob, pf->dob = r->dob), any = 1;
	if (im->col[F_JOINED] >= 0 && p->joined != r->joined) {
		change_date(im, p, "admission date", p->joined, r->joined);
		pf->joined = r->joined == ST_DATE_NONE ? ST_DATE_CLEAR : r->joined, any = 1;
	}
	return any;
}

/* A leaver in sentrack: back on roll when the file's admission date is
 * after the leaving date (1), else the row is reported and skipped (0). */
static int rejoin(struct import *im, const st_pupil *p, const struct row *r)
{
	char d[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ], w[64];
	if (r->joined == ST_DATE_NONE || r->joined <= p->left) {
		problem_at(im, 0, line_of(im, F_UPN), col_of(im, F_UPN),
			   "UPN %s: left on %s in sentrack; row skipped (an Admission Date after "
			   "the leaving date marks a re-join)", p->upn, st_date_format(p->left, d));
		im->counts->skipped++;
		return 0;
	}
	st_error e;
	if (dry(im))
		tell(im, ST_IMPORT_CHANGE, "%s: re-joins on %s (left %s)", who(p, w, sizeof w),
		       st_date_format(r->joined, d), st_date_format(p->left, d2));
	else if (lib_fail(im, F_JOINED, st__pupil_rejoin(im->db, p->id, r->joined, &e), &e) != ST_OK)
		return -1;
	return 1;
}

static int update_pupil(struct import *im, int64_t id, const struct row *r)
{
	st_pupil *p = NULL;
	st_error e;
	if (lib_fail(im, F_UPN, st_pupil_get(im->db, id, &p, &e), &e) != ST_OK)
		return 0;
	int back = p->left != ST_DATE_NONE ? rejoin(im, p, r) : 0;
	if (back < 0 || (back == 0 && p->left != ST_DATE_NONE)) {
		st_pupil_free(p);
		return 0;
	}
	if (back)
		p->joined = r->joined; /* applied by the re-join */
	st_pupil_fields pf;
	int edit = pupil_changes(im, p, r, &pf), changed = edit || back;
	int rc = ST_OK;
	if (edit)
		rc = lib_fail(im, -1, dry(im) ? st__pupil_validate(im->db, p, &pf, &e)
					      : st_pupil_edit(im->db, id, &pf, &e), &e);
	int status = 0, needs = 0;
	if (rc == ST_OK && im->o->sen_from_file) {
		status = set_status(im, p, id, r);
		/* a move to N has ended the current needs (kept in the history) */
		int ended = status > 0 && file_status(r) == 'N';
		if (ended)
			report_ended_needs(im, p);
		needs = status < 0 ? -1 : ended ? 0 : add_needs(im, p, id, r);
	} else if (rc == ST_OK) {
		report_disagreements(im, p, r);
	}
	int any = changed || status || needs;
	if (rc == ST_OK && status >= 0 && needs >= 0 && any && !dry(im) &&
	    (start_run(im) != ST_OK ||
	     st__store_pupil_set_import(im->db->store, id, im->run, line_of(im, -1), im->err) != ST_OK))
		rc = im->err->code;
	if (rc == ST_OK && status >= 0 && needs >= 0)
		*(any ? &im->counts->updated : &im->counts->unchanged) += 1;
	st_pupil_free(p);
	return 0; /* a failure of the database itself is in im->err */
}

static int write_row(struct import *im, const struct row *r)
{
	int64_t id = 0;
	/* Into a table that was empty, a UPN can only be known from an earlier
	 * row, which the UPN set has already refused: no lookup at all. */
	if (r->upn && !im->deferred &&
	    st__store_pupil_id_by_upn(im->db->store, r->upn, &id, im->err) != ST_OK)
		return im->err->code;
	im->db->import_line = line_of(im, -1);
	if (id && !im->o->update) {
		PROBLEM(im, F_UPN, "%s %s: already in sentrack (pupil %lld); use --update to update "
			"known pupils", label(im, F_UPN), r->upn, (long long)id);
		return ST_OK;
	}
	return id ? update_pupil(im, id, r) : create_pupil(im, r);
}

static int on_record(const st_csv_record *rec, void *payload)
{
	struct import *im = payload;
	im->rec = rec;
	im->row_errors = 0;
	if (!im->have_header) {
		/* a UTF-16 or binary file: say so, not "no Surname column" */
		check_utf8(im);
		int rc = ST_OK;
		if (im->row_errors)
			im->have_header = im->no_rows = 1;
		else
			rc = read_header(im, rec);
		flush_problems(im);
		return rc;
	}
	if (im->no_rows)
		return ST_OK;
	struct row r;
	int rc = read_row(im, &r) ? write_row(im, &r) : ST_OK;
	flush_problems(im);
	if (++im->rows % 512 == 0 && im->o->progress)
		im->o->progress(im->rows, im->bytes, im->o->progress_payload);
	/* a failure of the database itself (not of the row) stops the import */
	if (rc == ST_OK && im->err->code != ST_OK)
		rc = im->err->code;
	return rc;
}

static void on_chunk(const unsigned char *bytes, size_t n, void *payload)
{
	struct import *im = payload;
	st__sha256_update(&im->sha, bytes, n);
	im->bytes += (long long)n;
}

/* The import_run's hash and counts, and its one audit row (issue 15). */
static int finish_run(struct import *im)
{
	st_import_run run = {.id = im->run, .rows = im->rows, .created = im->counts->created,
			     .updated = im->counts->updated, .unchanged = im->counts->unchanged};
	st__sha256_hex(&im->sha, run.sha256);
	size_t n = strlen(im->name) + 200;
	char *detail = malloc(n);
	if (!detail)
		return st__err_nomem(im->err);
	snprintf(detail, n, "%s (SHA-256 %s): %ld rows, %ld new, %ld updated, %ld unchanged",
		 im->name, run.sha256, run.rows, run.created, run.updated, run.unchanged);
	int rc = st_audit_record(im->db, "insert", "import", im->run, 0, ST_DATE_NONE, detail,
				 im->err);
	free(detail);
	if (rc == ST_OK)
		rc = st__store_import_run_finish(im->db->store, &run, st__store_last_id(im->db->store),
						 im->err);
	return rc;
}

int st_pupil_import(st_db *db, int64_t pupil_id, st_import_run *run, long *line, st_error *err)
{
	ERR_ENSURE(err);
	memset(run, 0, sizeof *run);
	*line = 0;
	int rc = st__store_pupil_import(db->store, pupil_id, run, line, err);
	if (rc == ST_ENOTFOUND)
		return st_error_set(err, ST_ENOTFOUND, "pupil %lld: not created or changed by an "
				    "import", (long long)pupil_id);
	return rc;
}

static void import_free(struct import *im)
{
	for (int f = 0; f < F_COUNT; f++)
		free(im->header[f]);
	free(im->seen.keys);
	free(im->seen.lines);
}

int st_import_pupils(st_db *db, const char *name, FILE *f, const st_import_options *o,
		     st_import_report_cb report, void *payload, st_import_counts *counts,
		     st_error *err)
{
	ERR_ENSURE(err);
	st_import_options defaults;
	if (!o) {
		st_import_options_init(&defaults);
		o = &defaults;
	}
	memset(counts, 0, sizeof *counts);
	struct import im = {.db = db, .name = name, .o = o, .report = report,
			    .payload = payload, .counts = counts, .err = err};
	for (int i = 0; i < F_COUNT; i++)
		im.col[i] = -1;
	int rc = ST_OK;
	if (o->date != ST_DATE_NONE)
		rc = st__check_not_future(db, "--date", o->date, err);
	if (rc == ST_OK && o->parents_informed_before != ST_DATE_NONE)
		rc = st__check_not_future(db, "--parents-informed-before",
					  o->parents_informed_before, err);
	/* a dry run only reads: no transaction of its own, no write lock */
	if (rc == ST_OK && !o->dry_run)
		rc = st__write_begin(db, err);
	if (rc != ST_OK) {
		import_free(&im);
		return rc;
	}
	/* every row's writes stand or fall with the file: no savepoint each */
	int cache = 0;
	if (!o->dry_run) {
		rc = st__store_import_begin(db->store, &cache, err);
		if (rc == ST_OK)
			rc = st__store_import_defer_indexes(db->store, &im.deferred, err);
		db->bulk = 1;
	}
	/* A dry run reads one snapshot when that blocks no writer (WAL);
	 * each read is its own otherwise. */
	int snapshot = o->dry_run && !st__store_in_transaction(db->store) && st__store_is_wal(db->store);
	if (snapshot)
		rc = st__store_begin_read(db->store, err);
	st_csv_position where;
	if (rc == ST_OK)
		rc = load_reference(&im);
	st__sha256_init(&im.sha);
	db->importing = !o->dry_run;
	if (rc == ST_OK)
		rc = st__csv_read_hooked(name, f, ',', on_record, &im, &where, on_chunk, &im, err);
	db->importing = 0;
	if (o->progress)
		o->progress(im.rows, im.bytes, o->progress_payload);
	if (snapshot)
		st__store_rollback(db->store);
	if (rc == ST_OK && !counts->errors && im.run)
		rc = finish_run(&im);
	int built = st__store_import_restore_indexes(db->store, im.deferred,
						     rc == ST_OK && !counts->errors, err);
	if (rc == ST_OK)
		rc = built;
	db->import_id = 0;
	if (!o->dry_run) {
		db->bulk = 0;
		st__store_import_end(db->store, cache);
	}
	if (rc == ST_EINVAL && err->message[0]) { /* malformed CSV: one more problem */
		counts->errors++;
		emit(&im, 1, err->message);
		rc = ST_OK;
	}
	if (rc == ST_OK && !im.have_header) {
		counts->errors++;
		char msg[600];
		snprintf(msg, sizeof msg, "%s:1:1: empty file (no header row)", name);
		emit(&im, 1, msg);
	}
	if (rc == ST_OK && counts->errors)
		rc = st_error_set(err, ST_EINVAL, "%s: %ld error%s; nothing was imported", name,
				  counts->errors, counts->errors == 1 ? "" : "s");
	if (!o->dry_run)
		rc = st__write_end(db, rc, err);
	import_free(&im);
	return rc;
}
