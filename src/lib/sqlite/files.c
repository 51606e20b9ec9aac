/* files.c - checks on the database file, its directory and SQLite's -wal,
 * -shm and -journal files, made before SQLite opens anything.
 *
 * SQLite itself opens whatever is at the path: a FIFO blocks the open for
 * ever, an empty file reads as a new database, and a directory other users
 * can write lets them pre-create the -wal or -shm file that every write then
 * goes through. Pupil data is personal, so each of these is refused at once
 * with a message naming the file and the fix. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>
#include "sqlite_store.h"

static const char *file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a named pipe (FIFO)";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	return "not a regular file";
}

/* 1 when gid is a user private group of the running user (a group of the
 * same name with no other members): its g+w and g+r bits reach nobody else. */
static int private_group(gid_t gid)
{
	struct passwd *pw = getpwuid(geteuid());
	struct group *gr = getgrgid(gid);
	return pw && gr && pw->pw_gid == gid && strcmp(gr->gr_name, pw->pw_name) == 0 &&
	       (!gr->gr_mem || !gr->gr_mem[0]);
}

/* 1 when users other than the owner have any of bits (S_IWOTH-style, the
 * "other" triple) on a file of this stat. */
static int others_have(const struct stat *sb, mode_t other_bits)
{
	mode_t group_bits = other_bits << 3;
	return (sb->st_mode & other_bits) ||
	       ((sb->st_mode & group_bits) && !private_group(sb->st_gid));
}

int st__store_check_dir(const char *path, st_error *err)
{
	char dir[PATH_MAX];
	st__tmp_dir_of(path, dir, sizeof dir);
	struct stat sb;
	if (stat(dir, &sb) != 0)
		return ST_OK; /* missing: created 0700 when the database is created */
	if (others_have(&sb, S_IWOTH))
		return st_error_set(err, ST_EPERM,
				    "database %s: its directory %s can be written by other users "
				    "(mode %04o), who could read or change every write through the "
				    "-wal and -shm files; move the database to a private directory "
				    "or run chmod go-w %s", path, dir, (unsigned)(sb.st_mode & 07777),
				    dir);
	if (sb.st_uid != geteuid() && sb.st_uid != 0)
		return st_error_set(err, ST_EPERM,
				    "database %s: its directory %s belongs to another user (uid %u), "
				    "who could replace the database's files; move the database to a "
				    "directory of your own", path, dir, (unsigned)sb.st_uid);
	return ST_OK;
}

/* One of SQLite's companion files: it must be a regular file of ours (or,
 * for root, of the database's owner: SQLite gives them that owner), and
 * readable by nobody else. Missing is fine: they exist only while in use. */
static int check_companion(const char *path, const char *suffix, uid_t db_owner,
			   st_error *err)
{
	char file[PATH_MAX];
	snprintf(file, sizeof file, "%s%s", path, suffix);
	struct stat sb;
	if (lstat(file, &sb) != 0)
		return ST_OK;
	if (!S_ISREG(sb.st_mode))
		return st_error_set(err, ST_EPERM, "database %s: %s is %s, not SQLite's %s file; "
				    "remove it (rm %s)", path, file, file_kind(sb.st_mode), suffix + 1,
				    file);
	uid_t me = geteuid();
	if (sb.st_uid != me && !(me == 0 && sb.st_uid == db_owner))
		return st_error_set(err, ST_EPERM,
				    "database %s: %s belongs to another user (uid %u) who could read "
				    "or change what is written; make sure no one is using the "
				    "database, then remove it (rm %s)", path, file,
				    (unsigned)sb.st_uid, file);
	if (others_have(&sb, S_IROTH | S_IWOTH))
		return st_error_set(err, ST_EPERM,
				    "database %s: %s can be read by other users (mode %04o); run "
				    "chmod 600 %s", path, file, (unsigned)(sb.st_mode & 07777), file);
	return ST_OK;
}

/* SQLite's shared-memory index (-shm) of a WAL database is a 32 KiB region
 * that SQLite extends by writing one byte at the end of each 4 KiB page and
 * then maps. On a filesystem with 1 KiB blocks a nearly full disk leaves
 * the rest of each page a hole, and the first store into it kills the
 * process with SIGBUS inside SQLite (measured: 9 to 11 KiB free). So when
 * the -shm is not already fully allocated, refuse (74) unless its region
 * fits in the free space. A disk that fills in the moment between this
 * check and the mapping is not covered (docs/reliability.md). */
#define SHM_REGION 32768

/* The first 100 bytes of the file (fewer when it is shorter): *n. */
static void read_header(const char *path, unsigned char header[100], ssize_t *n)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	*n = fd < 0 ? -1 : pread(fd, header, 100, 0);
	if (fd >= 0)
		close(fd);
}

static int uses_wal(const unsigned char *header, ssize_t n)
{
	return n >= 20 && header[18] == 2 && header[19] == 2;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
	       p[3];
}

/* A non-empty -wal or -journal: SQLite may still have pages to write into
 * the file (a checkpoint or rollback to finish), so its length proves
 * nothing yet. */
static int log_in_use(const char *real)
{
	static const char *const logs[] = {"-wal", "-journal"};
	for (size_t i = 0; i < sizeof logs / sizeof *logs; i++) {
		char file[PATH_MAX];
		struct stat sb;
		snprintf(file, sizeof file, "%s%s", real, logs[i]);
		if (stat(file, &sb) == 0 && sb.st_size > 0)
			return 1;
	}
	return 0;
}

/* A database file cut short (a copy that stopped, a full disk) reads as
 * "damaged" deep inside SQLite; say what is wrong with which file. The
 * header's page count is valid when its version-valid-for number matches
 * the change counter (sqlite.org/fileformat.html, offsets 24, 28, 92). */
static int check_length(const char *path, const unsigned char *header, ssize_t n,
			long long size, st_error *err)
{
	static const char magic[16] = "SQLite format 3";
	if (n < 16 || memcmp(header, magic, 16) != 0)
		return ST_OK; /* not SQLite's: SQLite says "not a database" */
	unsigned long page = n >= 18 ? (unsigned long)header[16] << 8 | header[17] : 0;
	if (page == 1)
		page = 65536;
	unsigned long pages = n >= 100 && be32(header + 24) == be32(header + 92) ? be32(header + 28)
										     : 0;
	long long want = n < 100 ? 100 : (long long)pages * (long long)page;
	if (size >= want)
		return ST_OK;
	return st_error_set(err, ST_ESCHEMA, "database %s is truncated: %lld bytes where its "
			    "header promises %lld; it cannot be read safely: restore it from a "
			    "backup (see `sentrack backup`)", path, size, want);
}

static int check_shm_room(const char *real, st_error *err)
{
	char shm[PATH_MAX + 8], dir[PATH_MAX];
	snprintf(shm, sizeof shm, "%s-shm", real);
	struct stat sb;
	if (stat(shm, &sb) == 0 && (long long)sb.st_blocks * 512 >= SHM_REGION)
		return ST_OK;
	st__tmp_dir_of(real, dir, sizeof dir);
	struct statvfs fs;
	if (statvfs(dir, &fs) != 0)
		return ST_OK; /* cannot tell: let SQLite try */
	/* f_bavail even for root: ext4 keeps blocks back from root too (for
	 * delayed allocation), so f_bfree promised room that was not there. */
	unsigned long long room = (unsigned long long)fs.f_bavail * fs.f_frsize;
	if (room >= SHM_REGION + 4096)
		return ST_OK;
	return st_error_set(err, ST_EIO, "database %s: disk full: no room for its shared-memory file %s "
			    "(%llu KiB free on the filesystem, SQLite needs %d KiB); free some disk "
			    "space and try again, nothing was written", real, shm, room / 1024,
			    SHM_REGION / 1024);
}

int st__store_check_file(const char *path, unsigned flags, st_error *err)
{
	struct stat sb;
	char real[PATH_MAX];
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return st_error_set(err, ST_ENODB,
					    "database %s not found; create it with `sentrack init` "
					    "(or point --db / SENTRACK_DB at the right file)", path);
		return st_error_set(err, ST_ENODB, "database %s: %s", path, strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return st_error_set(err, ST_ENODB, "database %s is %s, not a database file", path,
				    file_kind(sb.st_mode));
	if (sb.st_size == 0 && !(flags & ST_OPEN_CREATE))
		return st_error_set(err, ST_ESCHEMA,
				    "database %s is empty (0 bytes): not a sentrack database; "
				    "remove it and run `sentrack init`, or point --db at the right "
				    "file", path);
	/* SQLite follows a symbolic link: its companions sit beside the target. */
	if (!realpath(path, real))
		snprintf(real, sizeof real, "%s", path);
	int rc = st__store_check_dir(real, err);
	static const char *const companions[] = {"-wal", "-shm", "-journal"};
	for (size_t i = 0; rc == ST_OK && i < sizeof companions / sizeof *companions; i++)
		rc = check_companion(real, companions[i], sb.st_uid, err);
	unsigned char header[100];
	ssize_t n;
	read_header(real, header, &n);
	if (rc == ST_OK && !log_in_use(real))
		rc = check_length(path, header, n, (long long)sb.st_size, err);
	/* Another process's checkpoint writes page 1 (with the new page count)
	 * before the pages that extend the file: a file read mid-checkpoint
	 * looks short for a moment. Only a file that stays short is. */
	for (int tries = 0; rc == ST_ESCHEMA && tries < 10; tries++) {
		struct timespec pause = {0, 20 * 1000 * 1000};
		nanosleep(&pause, NULL);
		st_error_clear(err);
		rc = ST_OK;
		if (stat(real, &sb) == 0 && !log_in_use(real)) {
			read_header(real, header, &n);
			rc = check_length(path, header, n, (long long)sb.st_size, err);
		}
	}
	if (rc == ST_OK && uses_wal(header, n))
		rc = check_shm_room(real, err);
	return rc;
}
