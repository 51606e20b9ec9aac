/* help.c - the help of one subcommand: its usage, an example, and the
 * values its options take (`sentrack help cycle review`, `... --help`). */
#include <string.h>
#include "cli.h"

/* One example per subcommand people most often look up. */
static const struct { const char *cmd, *example; } examples[] = {
	{"pupil add", "sentrack pupil add --surname Brown --forename Zoë --dob 14/03/2017 "
		      "--year Y4 --class 4M"},
	{"pupil list", "sentrack pupil list --year Y5 --status K"},
	{"pupil show", "sentrack pupil show \"Zoë Brown\""},
	{"pupil leave", "sentrack pupil leave \"Zoë Brown\" --date today"},
	{"register add", "sentrack register add \"Zoë Brown\" --status K --parents-informed today"},
	{"register remove", "sentrack register remove \"Zoë Brown\" --reason \"Caught up\""},
	{"register list", "sentrack register list --year R --format json"},
	{"register correct", "sentrack register correct 7 --entered-in-error --reason \"meant for "
			     "Amira Khan\""},
	{"need add", "sentrack need add \"Zoë Brown\" SLCN --rank 1"},
	{"cycle open", "sentrack cycle open \"Amir Khan\" --date yesterday"},
	{"cycle assess", "sentrack cycle assess \"Amir Khan\" --summary-file assessment.txt "
			 "--pupil-views \"I like stories about space\""},
	{"cycle plan", "sentrack cycle plan \"Amir Khan\" --review-date 12/02/2027 "
		       "--with parents,senco"},
	{"cycle do", "sentrack cycle do \"Amir Khan\""},
	{"cycle review", "sentrack cycle review \"Amir Khan\" --decision continue "
			 "--with parents,pupil,senco --parent-views \"Pleased with reading\""},
	{"cycle show", "sentrack cycle show \"Amir Khan\""},
	{"cycle list", "sentrack cycle list --overdue"},
	{"outcome add", "sentrack outcome add \"Amir Khan\" \"Reads 40 words per minute\" --area CL "
			"--measure \"40 wpm\" --by 12/02/2027"},
	{"outcome rate", "sentrack outcome rate 7 achieved --note \"42 wpm\""},
	{"provision add", "sentrack provision add \"Amir Khan\" \"Precision teaching\" --staff TA "
			  "--sessions 3 --minutes 20 --group-size 1 --hourly-cost £15.50"},
	{"provision edit", "sentrack provision edit 12 --sessions 2 --hourly-cost £18"},
	{"provision remove", "sentrack provision remove 13 --entered-in-error --reason \"typed for "
			     "the wrong pupil\""},
	{"meeting add", "sentrack meeting add \"Amir Khan\" --date today --with parents,senco "
			"--purpose plan"},
	{"check", "sentrack check --severity overdue --format json | jq length"},
	{"config set", "sentrack config set sen-support-threshold £6,000"},
};

/* Options and arguments with a fixed set of values. */
static const struct { const char *word, *values; } value_sets[] = {
	{"--area", "CI communication and interaction, CL cognition and learning, SEMH social, "
		   "emotional and mental health, SP sensory and/or physical needs"},
	{"TYPE", "SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH, NSA "
		 "(`sentrack need types` describes them)"},
	{"--decision", "continue (a next cycle), exit (provision ends, the pupil moves to N), "
		       "ehcna (an EHC needs assessment is requested), close"},
	{"--status", "K SEN support, E EHC plan, N no SEN (monitoring)"},
	{"--with", "parents, pupil, class-teacher, senco, specialist, other (comma-separated)"},
	{"--purpose", "plan, review, other"},
	{"--severity", "overdue, due, attention"},
	{"--phase", "assess, plan, do, review"},
	{"--year", "N1, N2, R (Reception), 1 to 14; also Y5, Year 5"},
	{"achieved|", "achieved, partially, not-achieved (any case)"},
};

void cli_help_details(const struct cli_group *g, const struct cli_cmd *c, FILE *f)
{
	char name[64];
	snprintf(name, sizeof name, "%s%s%s", g->name, c->name ? " " : "", c->name ? c->name : "");
	int first = 1;
	for (size_t i = 0; i < sizeof value_sets / sizeof *value_sets; i++) {
		const char *at = strstr(c->usage, value_sets[i].word);
		size_t n = strlen(value_sets[i].word);
		if (!at || (at[n] && at[n] != ' ' && at[n] != ']' && value_sets[i].word[n - 1] != '|'))
			continue;
		if (first)
			fputs("\nvalues:\n", f), first = 0;
		fprintf(f, "  %s\n", value_sets[i].word[n - 1] == '|' ? "RATING" : value_sets[i].word);
		cli_wrapped(f, 6, value_sets[i].values);
	}
	for (size_t i = 0; i < sizeof examples / sizeof *examples; i++)
		if (strcmp(examples[i].cmd, name) == 0) {
			fputs("\nexample:\n", f);
			cli_wrapped(f, 2, examples[i].example);
		}
	if (strstr(c->usage, "DATE"))
		fputs("\nDATE: YYYY-MM-DD, DD/MM/YYYY, today, yesterday or tomorrow.\n", f);
}

int cli_help_cmd(const char *group, const char *cmd, FILE *f)
{
	const struct cli_group *g = cli_find_group(group);
	if (!g)
		return -1;
	for (const struct cli_cmd *c = g->cmds; c->run; c++)
		if (c->name && strcmp(c->name, cmd) == 0) {
			struct cli shown = {.group = g, .cmd = c};
			cli_print_usage(&shown, f);
			return 0;
		}
	return -1;
}
