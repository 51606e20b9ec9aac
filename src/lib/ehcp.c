/* ehcp.c - EHC plan annual reviews step by step (SEND Code of Practice
 * 9.166-9.179): the meeting booked ahead of the anniversary, invitations
 * and advice at least 2 weeks before it, the report to the LA within 2
 * weeks after it and the LA's decision within 4 weeks; every 3 to 6 months
 * for children under 5; the amended plan at phase transfer. Each deadline
 * is computed here once, for `check`, `today` and the calendar alike. */
#include <stdio.h>
#include <string.h>
#include "store_ehc.h"

static const struct {
	const char *name, *title, *code_ref;
} steps[ST_EHC_STEP_COUNT] = {
	[ST_EHC_BOOK] = {"book", "booking the annual review meeting", "Code 9.166"},
	[ST_EHC_INVITE] = {"invite", "invitations to the annual review meeting", "Code 9.168"},
	[ST_EHC_ADVICE] = {"advice", "advice requests for the annual review", "Code 9.168"},
	[ST_EHC_MEETING] = {"meeting", "the annual review meeting", "Code 9.166"},
	[ST_EHC_REPORT] = {"report", "the annual review report to the local authority",
			   "Code 9.176"},
	[ST_EHC_DECISION] = {"decision", "the local authority's decision after the annual review",
			     "Code 9.176"},
	[ST_EHC_REVIEW] = {"review", "EHC plan annual review", "Code 9.166, 9.178"},
	[ST_EHC_TRANSFER] = {"transfer", "the amended EHC plan for the phase transfer",
			     "Code 9.179"},
	[ST_EHCNA_DECISION] = {"ehcna-decision", "the local authority's decision whether to assess",
			       "Code 9.14-9.17"},
	[ST_EHCNA_PLAN] = {"ehcna-plan", "the final EHC plan", "Code 9.40"},
};

const char *st_ehc_step_name(st_ehc_step s)
{
	return (unsigned)s < ST_EHC_STEP_COUNT ? steps[s].name : "?";
}

const char *st_ehc_step_title(st_ehc_step s)
{
	return (unsigned)s < ST_EHC_STEP_COUNT ? steps[s].title : "?";
}

const char *st_ehc_step_code_ref(st_ehc_step s)
{
	return (unsigned)s < ST_EHC_STEP_COUNT ? steps[s].code_ref : "?";
}

/* --- the dates ------------------------------------------------------------- */

/* d plus months, the day kept or brought back to the month's last day
 * (31 August plus 6 months is 28 or 29 February). */
static int add_months(st_date d, long months, st_date *out)
{
	int y, m, day;
	st_date_to_ymd(d, &y, &m, &day);
	long total = (long)y * 12 + (m - 1) + months;
	int ny = (int)(total / 12), nm = (int)(total % 12) + 1;
	while (day > 28 && st_date_from_ymd(ny, nm, day, out) != ST_OK)
		day--;
	return st_date_from_ymd(ny, nm, day, out);
}

int st_ehcp_review_due(st_date last, st_date dob, long under5_months, st_date *out)
{
	st_date five;
	if (dob != ST_DATE_NONE && st_date_add_years(dob, 5, &five) == ST_OK && last < five)
		return add_months(last, under5_months, out);
	return st_date_add_years(last, 1, out);
}

int st_ehcp_transfer_due(const char *year, st_date today, st_date *from, st_date *due)
{
	int y, m, d;
	int six = year && strcmp(year, "6") == 0, eleven = year && strcmp(year, "11") == 0;
	if (!six && !eleven)
		return ST_ENOTFOUND;
	st_date_to_ymd(today, &y, &m, &d);
	int autumn = m >= 9 ? y : y - 1; /* the academic year runs from 1 September */
	if (st_date_from_ymd(autumn, 9, 1, from) != ST_OK ||
	    st_date_from_ymd(autumn + 1, six ? 2 : 3, six ? 15 : 31, due) != ST_OK)
		return ST_EINVAL;
	return ST_OK;
}

/* --- recording ------------------------------------------------------------- */

/* A pupil on roll with an EHC plan; *plan_date is its date. */
static int with_plan(st_db *db, int64_t pupil_id, const char *what, st_date *plan_date,
		     st_error *err)
{
	st_pupil *p = NULL;
	int rc = st_pupil_get(db, pupil_id, &p, err);
	if (rc == ST_OK)
		rc = st__pupil_refuse_left(p, err);
	if (rc == ST_OK && p->status != 'E')
		rc = st_error_set(err, ST_ERULE, "pupil %lld: has no EHC plan (status E); %s needs "
				  "one", (long long)pupil_id, what);
	if (rc == ST_OK)
		*plan_date = p->plan_date;
	st_pupil_free(p);
	return rc;
}

int st_ehcp_schedule(st_db *db, int64_t pupil_id, st_date meeting, int64_t *out_id,
		     st_date *moved_from, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__write_begin(db, err);
	if (rc != ST_OK)
		return rc;
	st_date plan;
	st_ehcp_schedule_row row = {0};
	int found = 0;
	int64_t id = 0;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	st_date moved = ST_DATE_NONE;
	rc = with_plan(db, pupil_id, "an annual review", &plan, err);
	if (rc == ST_OK && meeting < plan)
		rc = st_error_set(err, ST_ERULE, "--meeting %s: is before the EHC plan date %s",
				  st_date_format(meeting, d1), st_date_format(plan, d2));
	if (rc == ST_OK)
		rc = st__store_ehcp_schedule_latest(db->store, pupil_id, &row, &found, err);
	/* a meeting not yet held moves; once held, the next review is new */
	if (rc == ST_OK && found && !row.review_id) {
		if (row.meeting == meeting)
			rc = st_error_set(err, ST_ERULE, "--meeting %s: the annual review is already "
					  "scheduled on that day", st_date_format(meeting, d1));
		if (rc == ST_OK)
			rc = st__store_ehcp_schedule_move(db->store, row.id, meeting, err);
		id = row.id;
		moved = row.meeting;
	} else if (rc == ST_OK) {
		rc = st__store_ehcp_schedule_add(db->store, pupil_id, meeting, &id, err);
	}
	if (rc == ST_OK)
		rc = st_audit_record(db, found && !row.review_id ? "update" : "insert",
				     "ehcp_schedule", id, pupil_id, meeting, "meeting", err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	if (rc == ST_OK && moved_from)
		*moved_from = moved;
	return rc;
}

int st_ehcp_schedule_get(st_db *db, int64_t pupil_id, st_ehcp_schedule_row *out,
			 st_error *err)
{
	ERR_ENSURE(err);
	int found;
	int rc = st__store_ehcp_schedule_latest(db->store, pupil_id, out, &found, err);
	if (rc == ST_OK && !found)
		rc = st_error_set(err, ST_ENOTFOUND, "pupil %lld: no annual review scheduled "
				  "(`sentrack ehcp schedule`)", (long long)pupil_id);
	return rc;
}

/* The step's recorded date in row, and whether it comes before the
 * meeting (invitations, advice) or after it (report, decision). */
static st_date step_date(const st_ehcp_schedule_row *row, int step, int *before)
{
	*before = step < 2;
	const st_date dates[] = {row->invite_on, row->advice_on, row->report_on, row->decision_on};
	return dates[step];
}

int st_ehcp_step_done(st_db *db, int64_t pupil_id, const char *step, st_date date,
		      st_error *err)
{
	ERR_ENSURE(err);
	static const char *const names[] = {"invite", "advice", "report", "decision"};
	int s = -1;
	for (int i = 0; i < 4; i++)
		if (step && strcmp(step, names[i]) == 0)
			s = i;
	if (s < 0)
		return st_error_set(err, ST_EINVAL, "--step %.20s: must be invite, advice, report or "
				    "decision", step ? step : "");
	int rc = st__check_not_future(db, "--date", date, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_date plan;
	st_ehcp_schedule_row row = {0};
	int before = 0;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	rc = with_plan(db, pupil_id, "an annual review", &plan, err);
	if (rc == ST_OK)
		rc = st_ehcp_schedule_get(db, pupil_id, &row, err);
	st_date done = rc == ST_OK ? step_date(&row, s, &before) : ST_DATE_NONE;
	if (rc == ST_OK && done != ST_DATE_NONE)
		rc = st_error_set(err, ST_ERULE, "--step %s: already recorded on %s for the meeting "
				  "of %s", names[s], st_date_format(done, d1),
				  st_date_format(row.meeting, d2));
	else if (rc == ST_OK && before && date > row.meeting)
		rc = st_error_set(err, ST_ERULE, "--date %s: is after the meeting on %s; %s go out "
				  "before it", st_date_format(date, d1), st_date_format(row.meeting, d2),
				  s == 0 ? "invitations" : "advice requests");
	else if (rc == ST_OK && !before && date < row.meeting)
		rc = st_error_set(err, ST_ERULE, "--date %s: is before the meeting on %s; the %s "
				  "follows it", st_date_format(date, d1), st_date_format(row.meeting, d2),
				  s == 2 ? "report" : "local authority's decision");
	if (rc == ST_OK)
		rc = st__store_ehcp_schedule_done(db->store, row.id, names[s], date, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "update", "ehcp_schedule", row.id, pupil_id, date, names[s],
				     err);
	return st__write_end(db, rc, err);
}

int st_ehcp_amended(st_db *db, int64_t pupil_id, st_date date, int64_t *out_id, st_error *err)
{
	ERR_ENSURE(err);
	int rc = st__check_not_future(db, "--date", date, err);
	if (rc != ST_OK || (rc = st__write_begin(db, err)) != ST_OK)
		return rc;
	st_date plan;
	int64_t id = 0;
	char d1[ST_DATE_BUFSZ], d2[ST_DATE_BUFSZ];
	rc = with_plan(db, pupil_id, "an amended plan", &plan, err);
	if (rc == ST_OK && date < plan)
		rc = st_error_set(err, ST_ERULE, "--date %s: is before the EHC plan date %s",
				  st_date_format(date, d1), st_date_format(plan, d2));
	if (rc == ST_OK)
		rc = st__store_ehcp_amended_add(db->store, pupil_id, date, &id, err);
	if (rc == ST_OK)
		rc = st_audit_record(db, "insert", "ehcp_amended", id, pupil_id, date, NULL, err);
	rc = st__write_end(db, rc, err);
	if (rc == ST_OK && out_id)
		*out_id = id;
	return rc;
}

int st__ehcp_link_review(st_db *db, int64_t pupil_id, int64_t review_id, st_error *err)
{
	st_ehcp_schedule_row row = {0};
	int found;
	int rc = st__store_ehcp_schedule_latest(db->store, pupil_id, &row, &found, err);
	if (rc != ST_OK || !found || row.review_id)
		return rc;
	rc = st__store_ehcp_schedule_link(db->store, row.id, review_id, err);
	return rc == ST_OK ? st_audit_record(db, "update", "ehcp_schedule", row.id, pupil_id,
					     row.meeting, "reviewed", err)
			   : rc;
}

/* --- the deadlines --------------------------------------------------------- */

struct walk {
	st_db *db;
	long book_weeks, under5_months;
	st_ehc_deadline_cb cb;
	void *payload;
};

static int emit(struct walk *w, const struct ehcp_row *p, st_ehc_step step, st_rule rule,
		st_date since, st_date due, st_date meeting, int64_t ref)
{
	if (due == ST_DATE_NONE)
		return 0;
	st_ehc_deadline d = {step, rule, due, since, meeting, ref, p->pupil_id, p->upn, p->surname,
			     p->forename, p->preferred, p->year, p->sort_key};
	return w->cb(&d, w->payload);
}

static st_date plus(st_date d, int32_t days)
{
	st_date out;
	return d != ST_DATE_NONE && st_date_add_days(d, days, &out) == ST_OK ? out : ST_DATE_NONE;
}

/* The steps of the latest scheduled review still to record: invitations
 * and advice until the meeting is held, the meeting until `ehcp review`,
 * the report and the LA's decision until recorded. */
static int schedule_steps(struct walk *w, const struct ehcp_row *p)
{
	const st_ehcp_schedule_row *s = &p->sched;
	st_rule r = ST_RULE_EHCP_REVIEW_STEP;
	int open = !s->review_id, rc = 0;
	if (open && s->invite_on == ST_DATE_NONE)
		rc = emit(w, p, ST_EHC_INVITE, r, s->meeting, plus(s->meeting, -14), s->meeting, s->id);
	if (!rc && open && s->advice_on == ST_DATE_NONE)
		rc = emit(w, p, ST_EHC_ADVICE, r, s->meeting, plus(s->meeting, -14), s->meeting, s->id);
	if (!rc && open)
		rc = emit(w, p, ST_EHC_MEETING, r, s->meeting, s->meeting, s->meeting, s->id);
	if (!rc && s->report_on == ST_DATE_NONE)
		rc = emit(w, p, ST_EHC_REPORT, r, s->meeting, plus(s->meeting, 14), s->meeting, s->id);
	if (!rc && s->decision_on == ST_DATE_NONE)
		rc = emit(w, p, ST_EHC_DECISION, r, s->meeting, plus(s->meeting, 28), s->meeting,
			  s->id);
	return rc;
}

static int on_plan(const struct ehcp_row *p, void *payload)
{
	struct walk *w = payload;
	st_date last = p->last_review != ST_DATE_NONE && p->last_review > p->plan_date
		? p->last_review : p->plan_date, due, from, transfer;
	int booked = p->sched.id && !p->sched.review_id, rc = 0;
	if (st_ehcp_review_due(last, p->dob, w->under5_months, &due) != ST_OK)
		due = ST_DATE_NONE; /* after the end of the calendar sentrack knows */
	/* once the review itself is late, ehcp-annual-review says so alone */
	if (!booked && due != ST_DATE_NONE && w->db->today <= due)
		rc = emit(w, p, ST_EHC_BOOK, ST_RULE_EHCP_REVIEW_STEP, last,
			  plus(due, -7 * (int32_t)w->book_weeks), ST_DATE_NONE, 0);
	if (!rc)
		rc = emit(w, p, ST_EHC_REVIEW, ST_RULE_EHCP_ANNUAL_REVIEW, last, due, p->sched.meeting,
			  0);
	if (!rc && p->sched.id)
		rc = schedule_steps(w, p);
	if (!rc && st_ehcp_transfer_due(p->year, w->db->today, &from, &transfer) == ST_OK &&
	    (p->amended == ST_DATE_NONE || p->amended < from))
		rc = emit(w, p, ST_EHC_TRANSFER, ST_RULE_EHCP_PHASE_TRANSFER, from, transfer,
			  ST_DATE_NONE, 0);
	return rc;
}

static int on_request(const struct ehcp_row *p, const st_ehcna *r, void *payload)
{
	struct walk *w = payload;
	int rc = 0;
	if (!r->assess)
		rc = emit(w, p, ST_EHCNA_DECISION, ST_RULE_EHCNA_DECISION, r->requested,
			  plus(r->requested, ST_EHCNA_DECISION_DAYS), ST_DATE_NONE, r->id);
	if (!rc)
		rc = emit(w, p, ST_EHCNA_PLAN, ST_RULE_EHCNA_PLAN, r->requested,
			  plus(r->requested, ST_EHCNA_PLAN_DAYS), ST_DATE_NONE, r->id);
	return rc;
}

int st_ehc_deadlines(st_db *db, st_ehc_deadline_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	struct walk w = {db, 0, 0, cb, payload};
	int rc;
	if ((rc = st_config_int(db, "ehcp-book-weeks", &w.book_weeks, err)) ||
	    (rc = st_config_int(db, "ehcp-under5-months", &w.under5_months, err)))
		return rc;
	rc = st__store_ehcp_rows(db->store, on_plan, &w, err);
	if (rc == ST_OK)
		rc = st__store_ehcna_open_rows(db->store, on_request, &w, err);
	return rc;
}

struct status_walk {
	long under5_months;
	st_ehcp_status_cb cb;
	void *payload;
};

static int on_status(const struct ehcp_row *p, void *payload)
{
	struct status_walk *w = payload;
	st_ehcp_status s = {p->pupil_id, p->upn, p->surname, p->forename, p->preferred, p->year,
			    p->plan_date, p->last_review, ST_DATE_NONE, p->sched, p->amended};
	st_date last = p->last_review != ST_DATE_NONE && p->last_review > p->plan_date
		? p->last_review : p->plan_date;
	if (st_ehcp_review_due(last, p->dob, w->under5_months, &s.review_due) != ST_OK)
		s.review_due = ST_DATE_NONE;
	return w->cb(&s, w->payload);
}

int st_ehcp_list(st_db *db, st_ehcp_status_cb cb, void *payload, st_error *err)
{
	ERR_ENSURE(err);
	struct status_walk w = {0, cb, payload};
	int rc = st_config_int(db, "ehcp-under5-months", &w.under5_months, err);
	return rc == ST_OK ? st__store_ehcp_rows(db->store, on_status, &w, err) : rc;
}

/* --- as check findings ----------------------------------------------------- */

static const char *days(long n, char *buf, size_t size)
{
	snprintf(buf, size, "%ld day%s", n, n == 1 ? "" : "s");
	return buf;
}

/* Why the step is due when it is, after the status words. */
static void context(const st_ehc_deadline *d, char *buf, size_t size)
{
	char m[ST_DATE_BUFSZ], s[ST_DATE_BUFSZ];
	st_date_format(d->meeting, m);
	st_date_format(d->since, s);
	switch (d->step) {
	case ST_EHC_BOOK:
		snprintf(buf, size, "last review %s; `sentrack ehcp schedule`", s);
		return;
	case ST_EHC_INVITE:
	case ST_EHC_ADVICE:
		snprintf(buf, size, "at least 2 weeks before the meeting on %s, %s", m,
			 st_ehc_step_code_ref(d->step));
		return;
	case ST_EHC_MEETING:
		snprintf(buf, size, "scheduled; record it with `sentrack ehcp review`");
		return;
	case ST_EHC_REPORT:
		snprintf(buf, size, "within 2 weeks of the meeting on %s, Code 9.176", m);
		return;
	case ST_EHC_DECISION:
		snprintf(buf, size, "within 4 weeks of the meeting on %s, Code 9.176; record it "
			 "with `sentrack ehcp done --step decision`", m);
		return;
	case ST_EHC_TRANSFER:
		snprintf(buf, size, "%s, from 1 September; `sentrack ehcp amended`",
			 d->year && strcmp(d->year, "6") == 0 ? "Year 6 to secondary school"
							      : "Year 11 to post-16");
		return;
	case ST_EHCNA_DECISION:
		snprintf(buf, size, "requested %s; 6 weeks", s);
		return;
	case ST_EHCNA_PLAN:
		snprintf(buf, size, "requested %s; 20 weeks", s);
		return;
	default:
		snprintf(buf, size, "last %s", s);
	}
}

int st__ehc_finding(const st_ehc_deadline *d, st_date today, long window, st_severity *sev,
		    char *detail, size_t size)
{
	st_due_status due = st_due_status_on(d->due, today, window);
	/* the review itself is chased by its steps until it is late; the phase
	 * transfer is due all year from 1 September */
	if (d->step == ST_EHC_REVIEW && due != ST_DUE_OVERDUE)
		return 0;
	if (d->step == ST_EHC_TRANSFER && due == ST_DUE_SCHEDULED)
		due = ST_DUE_DUE;
	if (due != ST_DUE_OVERDUE && due != ST_DUE_DUE)
		return 0;
	char n[32], why[200];
	context(d, why, sizeof why);
	const char *title = st_ehc_step_title(d->step);
	*sev = due == ST_DUE_OVERDUE ? ST_SEVERITY_OVERDUE : ST_SEVERITY_DUE;
	if (due == ST_DUE_OVERDUE)
		snprintf(detail, size, "%s was due %s ago (%s)", title, days(today - d->due, n, sizeof n),
			 why);
	else if (d->due == today)
		snprintf(detail, size, "%s is due today (%s)", title, why);
	else
		snprintf(detail, size, "%s is due in %s (%s)", title, days(d->due - today, n, sizeof n),
			 why);
	return 1;
}
