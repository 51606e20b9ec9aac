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

/* Where an --output path may write. A regular file (new or old) is
 * replaced by a new one; a character device the user names (/dev/null,
 * /dev/tty) is written in place; anything else (a FIFO, a socket, a
 * symbolic link to either: someone else may be reading it) is refused. */
enum target { T_STDOUT, T_FILE, T_DEVICE };

static int classify(const char *path, enum target *t, st_error *err)
{
	struct stat sb;
	size_t n = path ? strlen(path) : 0;
	if (!path || strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0) {
		*t = T_STDOUT; /* whatever the user's own shell made stdout */
		return ST_OK;
	}
	if (n == 0 || path[n - 1] == '/' || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)))
		return st_error_set(err, ST_ECANTCREATE, "--output %s: is a directory", path);
	if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode)) {
		*t = T_FILE;
		return ST_OK;
	}
	if (S_ISCHR(sb.st_mode)) {
		*t = T_DEVICE;
		return ST_OK;
	}
	return st_error_set(err, ST_ECANTCREATE, "--output %s: is %s; give a new file name, a "
			    "directory (export pupil) or a device such as /dev/stdout", path,
			    S_ISFIFO(sb.st_mode) ? "a named pipe (FIFO)" :
			    S_ISSOCK(sb.st_mode) ? "a socket" : "not a regular file");
}

int st_output_check(const char *path, st_error *err)
{
	ERR_ENSURE(err);
	enum target t;
	return classify(path, &t, err);
}

int st_output_open(st_output **out, const char *path, st_error *err)
{
	ERR_ENSURE(err);
	*out = NULL;
	enum target t;
	int rc = classify(path, &t, err);
	if (rc != ST_OK)
		return rc;
	st_output *o = calloc(1, sizeof *o);
	if (!o)
		return st__err_nomem(err);
	if (t == T_STDOUT) {
		o->f = stdout;
		*out = o;
		return ST_OK;
	}
	o->path = strdup(path);
	if (!o->path) {
		output_free(o);
		return st__err_nomem(err);
	}
	if (t == T_DEVICE) {
		/* cannot be replaced by a rename, and must not be (renaming over
		 * /dev/full would replace the device) */
		o->direct = 1;
		if (!(o->f = fopen(path, "w"))) {
			rc = st_error_set(err, ST_ECANTCREATE, "--output %s: %s", path,
					  strerror(errno));
			output_free(o);
			return rc;
		}
		*out = o;
		return ST_OK;
	}
	int fd = -1;
	char dir[4096];
	st__tmp_dir_of(path, dir, sizeof dir);
	o->dir = strdup(dir);
	rc = o->dir ? st__tmp_create(path, "--output", &o->tmp, &fd, err) : st__err_nomem(err);
	if (rc == ST_OK && !(o->f = fdopen(fd, "w"))) {
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
