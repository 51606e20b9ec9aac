/* suggest.c - "did you mean": the nearest command, subcommand or option to
 * what was typed, by edit distance, unique prefix and a few aliases that
 * people bring from other tools (ls, rm, new). */
#include <string.h>
#include "cli.h"

/* Words from other tools and their sentrack names. */
static const struct { const char *typed, *name; } aliases[] = {
	{"ls", "list"}, {"rm", "remove"}, {"del", "remove"}, {"delete", "remove"},
	{"new", "add"}, {"create", "add"}, {"view", "show"}, {"info", "show"},
	{"hist", "history"}, {"status", "check"}, {"due", "check"}, {"agenda", "today"},
	{"start", "open"}, {"close", "review"},
};

struct nearest {
	const char *typed;
	const char *best;
	int distance;
};

static int is_alias(const char *typed, const char *candidate)
{
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(typed, aliases[i].typed) == 0 && strcmp(candidate, aliases[i].name) == 0)
			return 1;
	return 0;
}

/* Keep candidate when it is nearer than the best so far: an alias beats a
 * unique-looking prefix ("reg"), which beats a spelling within one edit (two
 * for words of four letters or more: "cycel"). */
static void offer(struct nearest *n, const char *candidate)
{
	size_t len = strlen(n->typed);
	int limit = len >= 4 ? 2 : 1, d;
	if (is_alias(n->typed, candidate))
		d = -1;
	else if (len >= 3 && strncmp(candidate, n->typed, len) == 0)
		d = 1;
	else
		d = st_text_distance(n->typed, candidate, limit);
	if (d <= limit && d < n->distance) {
		n->best = candidate;
		n->distance = d;
	}
}

const char *cli_suggest_group(const char *typed)
{
	struct nearest n = {typed, NULL, 99};
	size_t count;
	const struct cli_group *const *g = cli_groups(&count);
	for (size_t i = 0; i < count; i++)
		offer(&n, g[i]->name);
	return n.best;
}

const char *cli_suggest_cmd(const struct cli_group *g, const char *typed)
{
	struct nearest n = {typed, NULL, 99};
	for (const struct cli_cmd *c = g->cmds; c->run; c++)
		if (c->name)
			offer(&n, c->name);
	return n.best;
}

const char *cli_suggest_option(const struct option *opts, const char *typed)
{
	if (strncmp(typed, "--", 2) != 0)
		return NULL;
	char name[64];
	snprintf(name, sizeof name, "%.*s", (int)strcspn(typed + 2, "="), typed + 2);
	struct nearest n = {name, NULL, 99};
	for (const struct option *o = opts; o && o->name; o++)
		offer(&n, o->name);
	return n.best;
}
