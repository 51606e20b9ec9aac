/* output.c - atomic output files: a temporary file beside the target,
 * mode 0600, flushed, fsynced and renamed into place, so the target is
 * either the old file or the whole new one, never half of it. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

struct st_output {
	FILE *f;
	char *path;   /* NULL for stdout */
	int direct;   /* a device or pipe: written in place, nothing to rename */
	char *tmp;
	char *dir;
};

static void output_free(st_output *o)
{
	free(o->path);
	free(o->tmp);
	free(o->dir);
	free(o);
}

/* Split path into its directory ("." when none) and base name. */
static int split_path(st_output *o, const char *path, st_error *err)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	o->dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
	o->path = strdup(path);
	size_t n = strlen(o->dir) + strlen(base) + 16;
	o->tmp = malloc(n);
	if (!o->dir || !o->path || !o->tmp)
		return st__err_nomem(err);
	snprintf(o->tmp, n, "%s/.%s.XXXXXX", o->dir, base);
	return ST_OK;
}

int st_output_open(st_output **out, const char *path, st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	st_output *o = calloc(1, sizeof *o);
	if (!o)
		return st__err_nomem(err);
	if (!path || strcmp(path, "-") == 0) {
		o->f = stdout;
		*out = o;
		return ST_OK;
	}
	struct stat sb;
	size_t n = strlen(path);
	if (n == 0 || path[n - 1] == '/' || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))) {
		output_free(o);
		return st_error_set(err, ST_ECANTCREATE, "--output %s: is a directory", path);
	}
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		/* /dev/stdout, a pipe: cannot be replaced by a rename, and must
		 * not be (renaming over /dev/full would replace the device) */
		o->direct = 1;
		o->path = strdup(path);
		if (!o->path || !(o->f = fopen(path, "w"))) {
			int rc = o->path ? st_error_set(err, ST_ECANTCREATE, "--output %s: %s", path,
							strerror(errno)) : st__err_nomem(err);
			output_free(o);
			return rc;
		}
		*out = o;
		return ST_OK;
	}
	int rc = split_path(o, path, err);
	int fd = rc == ST_OK ? mkstemp(o->tmp) : -1;
	if (rc == ST_OK && fd < 0)
		rc = st_error_set(err, ST_ECANTCREATE, "--output %s: cannot create a file in %s: %s",
				  path, o->dir, strerror(errno));
	if (rc == ST_OK && (fchmod(fd, 0600) != 0 || !(o->f = fdopen(fd, "w")))) {
		rc = st_error_set(err, ST_ECANTCREATE, "--output %s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
	}
	if (rc != ST_OK) {
		output_free(o);
		return rc;
	}
	*out = o;
	return ST_OK;
}

FILE *st_output_file(st_output *o)
{
	return o->f;
}

/* Make the rename durable too: fsync the directory (best effort). */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

int st_output_commit(st_output *o, st_error *err)
{
	ERR_ENSURE(err);
	if (!o->path) {
		int bad = fflush(stdout) != 0 || ferror(stdout);
		output_free(o);
		return bad ? st_error_set(err, ST_EIO, "writing to standard output failed") : ST_OK;
	}
	int e = 0;
	errno = 0;
	if (fflush(o->f) != 0 || ferror(o->f) || (!o->direct && fsync(fileno(o->f)) != 0))
		e = errno ? errno : EIO;
	if (fclose(o->f) != 0 && !e)
		e = errno;
	o->f = NULL;
	int rc = ST_OK;
	if (e)
		rc = st_error_set(err, ST_EIO, "--output %s: writing failed: %s; the file was not "
				  "changed", o->path, strerror(e));
	else if (o->direct)
		; /* written in place */
	else if (rename(o->tmp, o->path) != 0)
		rc = st_error_set(err, ST_ECANTCREATE, "--output %s: cannot replace it: %s", o->path,
				  strerror(errno));
	if (o->direct)
		; /* no temporary file */
	else if (rc != ST_OK)
		unlink(o->tmp);
	else
		sync_dir(o->dir);
	output_free(o);
	return rc;
}

void st_output_abort(st_output *o)
{
	if (!o)
		return;
	if (o->path) {
		if (o->f)
			fclose(o->f);
		if (!o->direct)
			unlink(o->tmp);
	} else {
		fflush(stdout);
	}
	output_free(o);
}
