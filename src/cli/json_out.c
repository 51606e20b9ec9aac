/* json_out.c - `--format json`: the objects scripts get for pupils,
 * cycles, outcomes and findings. The encoding is SQLite's (st_json_*). */
#include <string.h>
#include <strings.h>
#include "cli.h"

int cli_json_pupil(st_json *j, const st_pupil *p, st_error *err)
{
	char status[2] = {p->status, '\0'};
	int rc;
	if ((rc = st_json_int(j, "id", p->id, err)) || (rc = st_json_text(j, "upn", p->upn, err)) ||
	    (rc = st_json_text(j, "surname", p->surname, err)) ||
	    (rc = st_json_text(j, "forename", p->forename, err)) ||
	    (rc = st_json_text(j, "preferred", p->preferred, err)) ||
	    (rc = st_json_date(j, "dob", p->dob, err)) ||
	    (rc = st_json_text(j, "year", p->year, err)) ||
	    (rc = st_json_text(j, "class", p->class_name, err)) ||
	    (rc = st_json_date(j, "joined", p->joined, err)) ||
	    (rc = st_json_date(j, "left", p->left, err)) ||
	    (rc = st_json_text(j, "status", p->status ? status : NULL, err)) ||
	    (rc = st_json_date(j, "status_since", p->status ? p->status_since : ST_DATE_NONE,
			       err)) ||
	    (rc = st_json_text(j, "primary_need", p->primary_need, err)) ||
	    (rc = st_json_text(j, "secondary_need", p->secondary_need, err)) ||
	    (rc = st_json_date(j, "parents_informed", p->parents_informed, err)))
		return rc;
	return p->status == 'E' ? st_json_date(j, "plan_date", p->plan_date, err) : ST_OK;
}

int cli_json_cycle(st_json *j, const st_cycle *c, st_error *err)
{
	int rc;
	if ((rc = st_json_int(j, "id", c->id, err)) ||
	    (rc = st_json_int(j, "pupil_id", c->pupil_id, err)) ||
	    (rc = st_json_int(j, "cycle", c->seq, err)) ||
	    (rc = st_json_text(j, "phase", c->phase, err)) ||
	    (rc = st_json_date(j, "opened", c->opened_on, err)) ||
	    (rc = st_json_date(j, "assessed", c->assessed_on, err)) ||
	    (rc = st_json_date(j, "planned", c->planned_on, err)) ||
	    (rc = st_json_date(j, "review_date", c->review_date, err)) ||
	    (rc = st_json_date(j, "do", c->do_on, err)) ||
	    (rc = st_json_date(j, "reviewed", c->reviewed_on, err)) ||
	    (rc = st_json_text(j, "decision", c->decision, err)) ||
	    (rc = st_json_int(j, "outcomes", c->outcomes, err)))
		return rc;
	if (!c->surname) /* a single cycle (show): the pupil is printed apart */
		return ST_OK;
	if ((rc = st_json_text(j, "upn", c->upn, err)) ||
	    (rc = st_json_text(j, "surname", c->surname, err)) ||
	    (rc = st_json_text(j, "forename", c->forename, err)) ||
	    (rc = st_json_text(j, "preferred", c->preferred, err)))
		return rc;
	return st_json_text(j, "year", c->year, err);
}

int cli_json_outcome(st_json *j, const st_outcome *o, st_error *err)
{
	int rc;
	if ((rc = st_json_int(j, "id", o->id, err)) ||
	    (rc = st_json_int(j, "cycle", o->cycle_seq, err)) ||
	    (rc = st_json_text(j, "text", o->text, err)) ||
	    (rc = st_json_text(j, "area", o->area, err)) ||
	    (rc = st_json_text(j, "measure", o->measure, err)) ||
	    (rc = st_json_date(j, "target_date", o->target_date, err)) ||
	    (rc = st_json_text(j, "rating", o->rating, err)) ||
	    (rc = st_json_text(j, "rating_note", o->rating_note, err)) ||
	    (rc = st_json_date(j, "rated", o->rated_on, err)))
		return rc;
	return st_json_end_object(j, err);
}

int cli_json_finding(st_json *j, const st_finding *f, st_error *err)
{
	int rc;
	if ((rc = st_json_text(j, "severity", st_severity_name(f->severity), err)) ||
	    (rc = st_json_text(j, "rule", st_rule_id(f->rule), err)) ||
	    (rc = st_json_date(j, "date", f->date, err)) ||
	    (rc = st_json_int(j, "pupil_id", f->pupil_id, err)) ||
	    (rc = st_json_text(j, "upn", f->upn, err)) ||
	    (rc = st_json_text(j, "surname", f->surname, err)) ||
	    (rc = st_json_text(j, "forename", f->forename, err)) ||
	    (rc = st_json_text(j, "preferred", f->preferred, err)) ||
	    (rc = st_json_text(j, "year", f->year, err)) ||
	    (rc = st_json_text(j, "detail", f->detail, err)))
		return rc;
	return st_json_end_object(j, err);
}

/* List callbacks: payload is a struct cli_json_rows. */
int cli_json_pupil_row(const st_pupil *p, void *payload)
{
	struct cli_json_rows *r = payload;
	r->count++;
	if (cli_json_pupil(r->json, p, r->err) != ST_OK ||
	    st_json_end_object(r->json, r->err) != ST_OK)
		return r->err->code;
	return 0;
}

int cli_json_cycle_row(const st_cycle *c, void *payload)
{
	struct cli_json_rows *r = payload;
	r->count++;
	if (cli_json_cycle(r->json, c, r->err) != ST_OK ||
	    st_json_end_object(r->json, r->err) != ST_OK)
		return r->err->code;
	return 0;
}

int cli_json_outcome_row(const st_outcome *o, void *payload)
{
	struct cli_json_rows *r = payload;
	r->count++;
	return cli_json_outcome(r->json, o, r->err) != ST_OK ? r->err->code : 0;
}

int cli_json_pupils(struct cli *cli, const st_pupil_filter *f)
{
	struct cli_json_rows r = {NULL, &cli->err, 0};
	if (st_json_new(&r.json, &cli->err) != ST_OK)
		return cli_fail(cli, &cli->err);
	return cli_json_finish(cli, r.json, st_pupil_list(cli->db, f, cli_json_pupil_row, &r,
							  &cli->err), 0);
}

int cli_json_finish(struct cli *cli, st_json *j, int rc, int as_object)
{
	if (rc == ST_OK)
		rc = st_json_write(j, as_object, stdout, &cli->err);
	st_json_free(j);
	return rc == ST_OK ? EXIT_OK : cli_fail(cli, &cli->err);
}
