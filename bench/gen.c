/* gen.c - sentrack-bench-gen: a reproducible trust-scale database, built
 * through the library API so that the data obeys every rule.
 *
 *   sentrack-bench-gen --db PATH --csv PATH [--pupils N] [--register N]
 *                      [--cycles N] [--seed N]
 *
 * Pupils get valid UPNs and varied names; the first --register pupils are
 * placed at K (every tenth at E) with needs; --cycles cycles are spread over
 * them, each with three outcomes, two provisions and two parent meetings,
 * walking "today" forward so every date rule holds. Each register pupil's
 * last cycle is left open in the do phase, so `check` has that many open
 * cycles to look at. So that every rule of `check` has cases to find (and
 * bench/check.sql is held to all of them), fixed fractions of the register
 * vary (see `struct variant`): parents never informed, no primary need,
 * provision above the SEN support threshold, outcomes mostly not achieved
 * (consider-ehcna), an EHC needs assessment requested, no meeting with
 * parents, the last cycle closed (no-active-cycle), stuck in assess
 * (plan-missing), its review due soon or scheduled far ahead, EHC plan
 * reviews held, pupils who left or moved to N. Issue 12's rules have
 * theirs too: term dates set with `term set` for the years in use but for
 * one term (terms-not-set), meetings with parents held, booked ahead, booked
 * and lapsed in the current term (parent-meeting-gap), pupils placed just
 * inside and outside meeting-grace-days before the term's end, EHC plans
 * whose annual review steps are done late or pending, children under 5,
 * Year 6 and Year 11 pupils with plans (phase transfer), needs assessment
 * requests awaiting a decision or a plan (see `struct variant`). The pupils
 * also go to a CSV in the MIS header format `sentrack import pupils` reads,
 * for the import benchmark. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sentrack/sentrack.h"

static const char *const surnames[] = {
	"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Khan",
	"Patel", "O'Brien", "Nguyễn", "Kowalski", "Wiśniewska", "García", "Dubois", "Murphy",
	"MacDonald", "Van der Berg", "Smith-Jones", "D'Souza", "Okafor", "Adeyemi", "Begum",
	"Ali", "Ahmed", "Novák", "Björk", "Rossi", "Hughes", "Campbell", "Thompson"};
static const char *const forenames[] = {
	"Amir", "Zoë", "Siobhan", "Minh", "Łukasz", "Tolu", "Harriet", "Callum", "Priya", "Ffion",
	"Amélie", "Pieter", "Yusuf", "Zofia", "Chidi", "Wei", "Mateo", "Aoife", "Rhys", "Anya",
	"Jack", "Maryam", "Owen", "Tomáš", "Grace", "Elsa", "Isla", "Nusrat", "Luca", "Noah"};
static const char *const needs[] = {"SPLD", "MLD", "SEMH", "SLCN", "ASD", "HI", "VI", "PD"};
static const char *const years[] = {"R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"};

struct carried {
	int64_t id[64];
	int n;
};

static int note_carried(const st_outcome *o, void *payload)
{
	struct carried *c = payload;
	if (c->n < 64 && (o->target_date == ST_DATE_NONE || !o->measure))
		c->id[c->n++] = o->id;
	return 0;
}

/* Carried-forward outcomes get a new target date before the plan (issue 12). */
static int smart_carried(st_db *db, int64_t pupil, st_date by, st_error *err)
{
	struct carried c = {.n = 0};
	int rc = st_outcome_list(db, pupil, 0, note_carried, &c, err);
	for (int i = 0; rc == ST_OK && i < c.n; i++)
		rc = st_outcome_edit(db, c.id[i], NULL, NULL, "as before", by, err);
	return rc;
}

static unsigned long long rng_state;

static unsigned rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

#define N(a) (sizeof a / sizeof *a)

struct ids {
	int64_t id[64];
	int n;
};

static int collect_id(const st_outcome *o, void *payload)
{
	struct ids *ids = payload;
	if (ids->n < 64)
		ids->id[ids->n++] = o->id;
	return 0;
}

static void upn_for(long i, char out[14])
{
	static const char letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	unsigned estab = (unsigned)(i / 1000 % 10000), serial = (unsigned)(i % 1000);
	snprintf(out, 14, "?999%04u%02u%03u", estab % 10000u, 20u + (unsigned)(i / 10000000 % 10),
		 serial % 1000u);
	int sum = 0;
	for (int pos = 2; pos <= 13; pos++)
		sum += (out[pos - 1] - '0') * pos;
	out[0] = letters[sum % 23];
}

static void die(const char *what, const st_error *err)
{
	fprintf(stderr, "sentrack-bench-gen: %s: %s\n", what, err->message);
	exit(1);
}

#define CHECK(call, what) \
	do { \
		if ((call) != ST_OK) \
			die(what, &err); \
	} while (0)

static st_date day(const char *iso)
{
	st_date d;
	st_date_parse("date", iso, &d, NULL);
	return d;
}

/* What pupil i on the register has besides the common history; each case
 * is one residue class, so every size from the smoke test up has some. */
struct variant {
	int uninformed;     /* parents-not-informed */
	int no_need;        /* primary-need-missing */
	int costly;         /* provision-over-threshold */
	int not_achieved;   /* consider-ehcna: the last cycles mostly not achieved */
	int ehcna;          /* an EHC needs assessment requested at a review */
	int no_parents;     /* parent-meeting-gap: plans and reviews without parents */
	int last_closed;    /* no-active-cycle: the last review closes the cycle */
	int stuck_assess;   /* plan-missing: the last cycle never planned */
	int review_soon;    /* review-due: the open cycle's review in 5 days */
	int review_later;   /* nothing due: the open cycle's review in 40 days */
	int ehc;            /* at E: which EHC plan history (see ehc_history), 0..7 */
	int ehcna_after;    /* the request at a review: 0 awaiting the decision, 1 the
			     * plan (assessment agreed), 2 refused an assessment */
	int fresh_request;  /* a parent's request 35 days ago: its decision due */
	int termly;         /* without parents at plans and reviews: 1 a meeting held
			     * this term, 2 one booked ahead, 3 one booked for last
			     * week and never held, 4 booked and then held */
	int leaves, exits;  /* left the school / moved to N: nothing reported */
	int is_e;           /* at E (every tenth): an EHC plan */
};

static struct variant variant_of(long i)
{
	struct variant v = {0};
	v.uninformed = i % 13 == 5;
	v.no_need = i % 29 == 8;
	v.costly = i % 23 == 7;
	v.not_achieved = i % 7 == 3;
	v.ehcna = i % 31 == 9;
	v.no_parents = i % 11 == 6;
	v.last_closed = i % 17 == 4;
	v.stuck_assess = i % 17 == 6;
	v.review_soon = i % 17 == 10;
	v.review_later = i % 17 == 12;
	v.ehc = (int)(i / 10 % 8);
	v.ehcna_after = (int)(i / 31 % 3);
	v.fresh_request = i % 31 == 20 && i % 10 != 0;
	v.termly = (int)(i / 11 % 5);
	v.leaves = i % 37 == 11;
	v.exits = i % 41 == 12;
	v.is_e = i % 10 == 0;
	return v;
}

/* The terms of the years in use, as a school sets them with `term set`,
 * all but the summer term of 2026-27 (terms-not-set; its dates come from
 * the term.* settings). The autumn term of 2026-27 ends 21 days after the
 * generator's today, so a missing meeting with parents is due then. */
static void set_terms(st_db *db)
{
	static const char *const t[][4] = {
		{"2025-26", "autumn", "2025-09-03", "2025-12-19"},
		{"2025-26", "spring", "2026-01-05", "2026-03-27"},
		{"2025-26", "summer", "2026-04-13", "2026-07-22"},
		{"2026-27", "autumn", "2026-09-01", "2026-12-16"},
		{"2026-27", "spring", "2027-01-04", "2027-03-26"},
	};
	st_error err;
	for (size_t k = 0; k < N(t); k++)
		CHECK(st_term_set(db, t[k][0], t[k][1], day(t[k][2]), day(t[k][3]), &err), "term");
}

/* A meeting with parents this term for a pupil whose plans and reviews
 * had none: held, booked ahead, booked for last week and never held (it
 * does not count), or booked and then recorded as held. */
static void termly_meeting(st_db *db, int64_t id, int termly, st_date today)
{
	st_error err;
	int64_t m;
	st_date when[] = {0, today - 20, today + 10, today - 5, today - 20};
	if (!termly)
		return;
	st_db_set_today(db, termly == 1 || termly == 2 ? today : today - 40);
	CHECK(st_meeting_add(db, id, when[termly], ST_WHO_PARENTS | ST_WHO_SENCO, "other", NULL, &m,
			     &err), "termly meeting");
	st_db_set_today(db, today);
	if (termly == 4)
		CHECK(st_meeting_held(db, m, ST_DATE_NONE, NULL, &err), "meeting held");
}

/* An EHC plan's history (plan dated plan): 0 reviewed 360 days ago, its
 * next meeting not booked 10 weeks ahead; 1 reviewed 250 days ago, nothing
 * due; 2 never reviewed (annual review overdue), amended before this
 * academic year; 3 reviewed 340 days ago, the meeting booked in 12 days,
 * invitations sent and advice not requested (other: the reverse); 4 the
 * meeting held 20 days ago with invitations and advice late, the report
 * sent and the LA's decision pending (other: the reverse); 5 the meeting
 * 20 days ago never recorded, no step done; 6 a child under 5 never
 * reviewed (6-monthly); 7 a child under 5 reviewed 100 days ago, amended
 * this academic year. Steps before the plan are left out (small trusts
 * have recent plans). */
static void ehc_history(st_db *db, int64_t id, int ehc, int other, st_date plan, st_date today,
			unsigned parents)
{
	st_error err;
	int64_t x;
	static const int reviewed[] = {360, 250, 0, 340, 400, 0, 0, 100};
	st_db_set_today(db, today);
	if (reviewed[ehc] && today - reviewed[ehc] >= plan)
		CHECK(st_ehcp_review_add(db, id, today - reviewed[ehc], parents | ST_WHO_SENCO, NULL,
					 NULL, &err), "EHC plan review");
	if (ehc == 3 && today - 5 >= plan) {
		CHECK(st_ehcp_schedule(db, id, today + 12, &x, NULL, &err), "EHC schedule");
		/* one of the two steps due 2 weeks before the meeting done */
		CHECK(st_ehcp_step_done(db, id, other ? "advice" : "invite", today - 5, &err),
		      "EHC invite or advice");
	}
	if ((ehc == 4 || ehc == 5) && today - 25 >= plan) {
		CHECK(st_ehcp_schedule(db, id, today - 20, &x, NULL, &err), "EHC schedule");
		if (ehc == 4) {
			CHECK(st_ehcp_step_done(db, id, "invite", today - 25, &err), "EHC invite");
			CHECK(st_ehcp_step_done(db, id, "advice", today - 22, &err), "EHC advice");
			CHECK(st_ehcp_review_add(db, id, today - 20, parents | ST_WHO_SENCO, NULL, NULL,
						 &err), "EHC plan review");
			/* the report sent and the decision pending, or the other way */
			CHECK(st_ehcp_step_done(db, id, other ? "decision" : "report", today - 8, &err),
			      "EHC report or decision");
		}
	}
	st_date amended = ehc == 2 ? day("2026-07-01") : ehc == 7 ? today - 30 : ST_DATE_NONE;
	if (amended != ST_DATE_NONE && amended >= plan)
		CHECK(st_ehcp_amended(db, id, amended, &x, &err), "EHC amended");
}

/* A pupil placed at K on date, shortly before the term ends: within
 * meeting-grace-days of its end (no meeting needed) or just outside. */
static void late_joiner(st_db *db, int64_t id, const char *need, st_date date, st_date today)
{
	st_error err;
	st_db_set_today(db, today);
	CHECK(st_register_add(db, id, 'K', date, date, ST_DATE_NONE, NULL, &err), "late joiner");
	CHECK(st_need_add(db, id, need, 1, &err), "need");
}

/* What became of the needs assessment requested at the review on asked. */
static void ehcna_decision(st_db *db, int64_t id, int after, st_date asked, st_date today)
{
	st_error err;
	st_db_set_today(db, today);
	if (after && asked + 30 <= today)
		CHECK(st_ehcna_decide(db, id, after == 1 ? "yes" : "no", asked + 30, &err),
		      "EHCNA decision");
}

static const char *rating_for(const struct variant *v, long c, long per)
{
	if (v->not_achieved && c >= per - 5)
		return rnd(5) ? "not-achieved" : "partially";
	return rnd(4) ? "achieved" : "partially";
}

static st_decision decision_for(const struct variant *v, long c, long per)
{
	if (v->ehcna && !v->is_e && c == per - 3)
		return ST_DECISION_EHCNA;
	if (c == per - 2 && v->last_closed)
		return ST_DECISION_CLOSE;
	if (c == per - 2 && v->exits && !v->is_e)
		return ST_DECISION_EXIT;
	return ST_DECISION_CONTINUE;
}

int main(int argc, char **argv)
{
	const char *db_path = NULL, *csv_path = NULL;
	long pupils = 100000, reg = 20000, cycles = 200000;
	unsigned long long seed = 42;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--db")) db_path = argv[i + 1];
		else if (!strcmp(argv[i], "--csv")) csv_path = argv[i + 1];
		else if (!strcmp(argv[i], "--pupils")) pupils = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--register")) reg = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--cycles")) cycles = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--seed")) seed = strtoull(argv[i + 1], NULL, 10);
	}
	if (!db_path || !csv_path || pupils < 1 || reg < 0 || reg > pupils || cycles < reg) {
		fprintf(stderr, "usage: sentrack-bench-gen --db PATH --csv PATH [--pupils N] "
				"[--register N] [--cycles N (>= register)] [--seed N]\n");
		return 64;
	}
	rng_state = seed;
	st_error err;
	st_db *db;
	CHECK(st_db_open(&db, db_path, ST_OPEN_CREATE, &err), "create");
	st_db_set_user(db, "bench", &err);
	st_db_set_command(db, "bench-gen", &err);
	const st_date today = day("2026-11-25");
	const long per = reg ? cycles / reg : 0;
	/* every cycle takes 8 weeks; the history ends with an open cycle today */
	const st_date start = today - (st_date)(per * 56 + 30);
	FILE *csv = fopen(csv_path, "w");
	if (!csv)
		return perror(csv_path), 73;
	fputs("UPN,Legal Surname,Legal Forename,Date of Birth,NC Year Actual,Reg Group,"
	      "SEN Provision,Primary Need\r\n", csv);

	st_db_set_today(db, today);
	CHECK(st_db_begin(db, &err), "begin");
	set_terms(db);
	for (long i = 0; i < pupils; i++) {
		char upn[14], dob[ST_DATE_BUFSZ], cls[8];
		upn_for(i, upn);
		const char *year = years[rnd(N(years))];
		st_date birth = day("2011-09-01") + (st_date)rnd(365 * 10);
		int e = i < reg && i % 10 == 0;
		struct variant v = variant_of(i);
		if (e && (v.ehc == 2 || v.ehc == 5 || v.ehc == 7))
			year = v.ehc == 5 ? "11" : "6"; /* phase transfer */
		if (e && (v.ehc == 6 || v.ehc == 7))
			birth = start - 60 - 3 * 365; /* under 5 at the plan */
		snprintf(cls, sizeof cls, "%s%c", year, 'A' + rnd(3));
		st_pupil_fields f;
		st_pupil_fields_init(&f);
		f.upn = upn;
		f.surname = surnames[rnd(N(surnames))];
		f.forename = forenames[rnd(N(forenames))];
		f.dob = birth;
		f.year = year;
		f.class_name = cls;
		f.joined = start - 400;
		int64_t id;
		st_db_set_today(db, today);
		CHECK(st_pupil_add(db, &f, &id, &err), "pupil");
		const char *need = needs[rnd(N(needs))];
		fprintf(csv, "%s,\"%s\",\"%s\",%s,%s,%s,%s,%s\r\n", upn, f.surname, f.forename,
			st_date_format(birth, dob), year, cls, i < reg ? (i % 10 ? "K" : "E") : "",
			i < reg ? need : "");
		if (i >= reg) {
			if (i - reg < 6) /* placed 25..30 days before the autumn term ends */
				late_joiner(db, id, need, day("2026-12-16") - 25 - (st_date)(i - reg), today);
			continue;
		}
		st_db_set_today(db, start);
		CHECK(st_register_add(db, id, e ? 'E' : 'K', start - 30,
				      v.uninformed ? ST_DATE_NONE : start - 30,
				      e ? start - 60 : ST_DATE_NONE, NULL, &err), "register");
		if (!v.no_need)
			CHECK(st_need_add(db, id, need, 1, &err), "need");
		unsigned parents = v.no_parents ? 0 : ST_WHO_PARENTS;
		for (long c = 0; c < per; c++) {
			st_date t0 = start + (st_date)(c * 56);
			int64_t cyc, o[3], pv[3];
			int last = c == per - 1;
			st_db_set_today(db, t0 + 2);
			if (c == 0)
				CHECK(st_cycle_open(db, id, t0, &cyc, &err), "open");
			CHECK(st_cycle_assess(db, id, "Assessment summary", "Pupil views", "Parent views",
					      t0, &err), "assess");
			if (last && v.stuck_assess)
				break; /* never planned: plan-missing */
			CHECK(st_outcome_add(db, id, "Reads 40 words per minute", "CL", "40 wpm",
					     t0 + 49, &o[0], &err), "outcome");
			CHECK(st_outcome_add(db, id, "Spells 20 common words", "CL", "20 of 20", t0 + 49, &o[1],
					     &err), "outcome");
			CHECK(smart_carried(db, id, t0 + 49, &err), "outcome edit");
			CHECK(st_outcome_add(db, id, "Joins in group discussion", "CI", "twice a lesson", t0 + 49,
					     &o[2], &err), "outcome");
			st_date review = t0 + 49;
			if (last && v.review_soon)
				review = today + 5;
			if (last && v.review_later)
				review = today + 40;
			CHECK(st_cycle_plan(db, id, review, t0 + 1, parents | ST_WHO_SENCO, 1, &err),
			      "plan");
			int nprov = last && v.costly ? 3 : 2;
			for (int k = 0; k < nprov; k++) {
				st_provision p = {.pupil_id = id, .name = k ? "Phonics group" : "Precision teaching",
						  .staff_role = "TA", .sessions_per_week = 1 + (int)rnd(3),
						  .minutes = 20 + 10 * (int)rnd(3), .group_size = 1 + (int)rnd(4),
						  .hourly_cost_pence = 1400 + (int64_t)rnd(400), .start = t0 + 1,
						  .end = ST_DATE_NONE};
				if (k == 2) /* a full-time one-to-one assistant */
					p = (st_provision){.pupil_id = id, .name = "One-to-one support",
							   .staff_role = "TA", .sessions_per_week = 10,
							   .minutes = 150, .group_size = 1,
							   .hourly_cost_pence = 1800, .start = t0 + 1,
							   .end = ST_DATE_NONE};
				CHECK(st_provision_add(db, &p, &pv[k], &err), "provision");
			}
			CHECK(st_cycle_do(db, id, t0 + 2, &err), "do");
			if (last)
				break; /* the current cycle stays open */
			st_db_set_today(db, t0 + 49);
			struct ids ids = {.n = 0};
			CHECK(st_outcome_list(db, id, 0, collect_id, &ids, &err), "outcomes");
			for (int k = 0; k < ids.n; k++)
				CHECK(st_outcome_rate(db, ids.id[k], rating_for(&v, c, per), NULL, &err),
				      "rate");
			st_decision decision = decision_for(&v, c, per);
			if (decision != ST_DECISION_EXIT)
				for (int k = 0; k < 2; k++)
					CHECK(st_provision_end(db, pv[k], t0 + 49, &err), "end provision");
			st_review r = {decision, t0 + 49, parents | ST_WHO_PUPIL, NULL, NULL, NULL,
				       ST_DATE_NONE};
			CHECK(st_cycle_review(db, id, &r, &cyc, &err), "review");
			if (decision == ST_DECISION_CLOSE || decision == ST_DECISION_EXIT)
				break;
		}
		if (e)
			ehc_history(db, id, v.ehc, (int)(i / 80 % 2), start - 60, today, parents);
		if (v.ehcna && !e && per >= 3)
			ehcna_decision(db, id, v.ehcna_after, start + (st_date)((per - 3) * 56 + 49), today);
		st_db_set_today(db, today);
		if (v.fresh_request && !v.exits)
			CHECK(st_ehcna_request(db, id, "parent", today - 35, ST_DATE_NONE, NULL, &err),
			      "EHCNA request");
		if (v.no_parents)
			termly_meeting(db, id, v.termly, today);
		if (v.leaves)
			CHECK(st_pupil_leave(db, id, today - 10, &err), "leave");
		if ((i + 1) % 1000 == 0) {
			CHECK(st_db_commit(db, &err), "commit");
			CHECK(st_db_begin(db, &err), "begin");
		}
	}
	CHECK(st_db_commit(db, &err), "commit");
	fclose(csv);
	st_db_free(db);
	return 0;
}
