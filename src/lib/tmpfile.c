/* tmpfile.c - temporary files beside an output (backups, exports) that a
 * killed run cannot leave behind for ever.
 *
 * A temporary holds a full copy of personal data until it is renamed into
 * place. Its name says what it is and who made it:
 * DIR/.BASE.sentrack-tmp.PID.XXXXXX. The next run that writes into DIR, and
 * `sentrack doctor` for the database's directory, remove those whose process
 * no longer exists. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

#define TMP_MARK ".sentrack-tmp."

void st__tmp_dir_of(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		snprintf(buf, size, ".");
	else if (slash == path)
		snprintf(buf, size, "/");
	else
		snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

/* The pid in a temporary's name, or 0 when name is not one of ours. */
static pid_t tmp_pid(const char *name)
{
	const char *mark = name[0] == '.' ? strstr(name, TMP_MARK) : NULL;
	if (!mark)
		return 0;
	char *end;
	long pid = strtol(mark + strlen(TMP_MARK), &end, 10);
	return *end == '.' && pid > 0 ? (pid_t)pid : 0;
}

/* Gone: no such process. EPERM means it exists under another user. */
static int process_gone(pid_t pid)
{
	return kill(pid, 0) != 0 && errno == ESRCH;
}

int st__tmp_sweep(const char *dir, tmp_swept_cb cb, void *payload)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	int removed = 0;
	uid_t me = geteuid();
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		pid_t pid = tmp_pid(e->d_name);
		struct stat sb;
		if (!pid || pid == getpid() || !process_gone(pid) ||
		    fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(sb.st_mode) || sb.st_uid != me)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0) {
			removed++;
			if (cb)
				cb(dir, e->d_name, payload);
		}
	}
	closedir(d);
	return removed;
}

int st__tmp_create(const char *target, const char *what, char **out, int *fd, st_error *err)
{
	*out = NULL;
	*fd = -1;
	char dir[4096];
	st__tmp_dir_of(target, dir, sizeof dir);
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	st__tmp_sweep(dir, NULL, NULL);
	/* Room for the mark and the pid within NAME_MAX: cut a long base name. */
	size_t n = strlen(dir) + 200 + sizeof TMP_MARK + 32;
	char *tmp = malloc(n);
	if (!tmp)
		return st__err_nomem(err);
	snprintf(tmp, n, "%s/.%.180s" TMP_MARK "%ld.XXXXXX", dir, base, (long)getpid());
	*fd = mkstemp(tmp); /* mode 0600 whatever the umask */
	if (*fd < 0) {
		int e = errno;
		free(tmp);
		return st_error_set(err, ST_ECANTCREATE, "%s %s: cannot create a file in %s: %s",
				    what, target, dir, strerror(e));
	}
	*out = tmp;
	return ST_OK;
}
