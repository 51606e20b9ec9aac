/* locator.c - which backend a database locator names (st_db_locator_backend).
 *
 * One function, so --db, SENTRACK_DB and every command agree. A path is the
 * default; only an unmistakable PostgreSQL form (a URI scheme, or a libpq
 * keyword string starting with a real libpq keyword) is PostgreSQL, so an
 * existing file is never mistaken for a server. */
#include <ctype.h>
#include <string.h>
#include "internal.h"

/* The connection keywords of libpq 15 (libpq-connect.html, 34.1.2). */
static const char *const pq_keywords[] = {
	"host", "hostaddr", "port", "dbname", "user", "password", "passfile",
	"channel_binding", "connect_timeout", "client_encoding", "options",
	"application_name", "fallback_application_name", "keepalives", "keepalives_idle",
	"keepalives_interval", "keepalives_count", "tcp_user_timeout", "replication",
	"gssencmode", "sslmode", "requiressl", "sslcompression", "sslcert", "sslkey",
	"sslpassword", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
	"ssl_min_protocol_version", "ssl_max_protocol_version", "krbsrvname", "gsslib",
	"service", "target_session_attrs",
};

static int is_pq_keyword(const char *s, size_t len)
{
	for (size_t i = 0; i < sizeof pq_keywords / sizeof *pq_keywords; i++)
		if (strlen(pq_keywords[i]) == len && memcmp(pq_keywords[i], s, len) == 0)
			return 1;
	return 0;
}

static const char *skip_space(const char *p)
{
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/* The keyword at p (letters and '_'): its length, 0 when none. */
static size_t keyword_len(const char *p)
{
	size_t n = 0;
	while (islower((unsigned char)p[n]) || p[n] == '_')
		n++;
	return n;
}

/* One value after '=': a single-quoted string (\' and \\ escaped) or a run
 * of non-space characters. The character after it, or NULL when a quote
 * is left open. */
static const char *skip_value(const char *p)
{
	if (*p != '\'') {
		while (*p && !isspace((unsigned char)*p))
			p++;
		return p;
	}
	for (p++; *p && *p != '\''; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p + 1 : NULL;
}

/* The whole of a keyword string: `keyword = value` pairs, as libpq reads
 * them (libpq-connect.html, 34.1.1.1). */
static int check_keywords(const char *s, st_error *err)
{
	for (const char *p = skip_space(s); *p; p = skip_space(p)) {
		size_t n = keyword_len(p);
		if (n == 0 || !is_pq_keyword(p, n))
			return st_error_set(err, ST_EINVAL, "database locator: libpq keyword string: "
					    "'%.*s' is not a libpq connection keyword",
					    (int)(n ? n : strcspn(p, " \t=")), p);
		const char *eq = skip_space(p + n);
		if (*eq != '=')
			return st_error_set(err, ST_EINVAL, "database locator: libpq keyword string: "
					    "%.*s needs '=' and a value", (int)n, p);
		if (!(p = skip_value(skip_space(eq + 1))))
			return st_error_set(err, ST_EINVAL, "database locator: libpq keyword string: "
					    "a quoted value is not closed");
	}
	return ST_OK;
}

int st_db_locator_backend(const char *locator, st_backend *out, st_error *err)
{
	ERR_ENSURE(err);
	*out = ST_BACKEND_FILE;
	if (!locator || !*locator)
		return st_error_set(err, ST_EINVAL, "database locator: empty; give a file path, "
				    "a postgresql:// URI or a libpq keyword string");
	if (strncmp(locator, "postgresql://", 13) == 0 || strncmp(locator, "postgres://", 11) == 0) {
		*out = ST_BACKEND_POSTGRESQL;
		return ST_OK;
	}
	const char *p = skip_space(locator);
	size_t n = keyword_len(p);
	if (n == 0 || !is_pq_keyword(p, n) || *skip_space(p + n) != '=')
		return ST_OK; /* a path */
	*out = ST_BACKEND_POSTGRESQL;
	return check_keywords(locator, err);
}
