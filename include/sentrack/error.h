/* error.h - error codes and the error record every fallible call fills.
 *
 * Every public function that can fail returns ST_OK (0) or a negative
 * st_code, and, when given a non-NULL st_error, writes one line into it that
 * names the field and the rule ("--dob 2015-02-30: not a calendar date").
 * The library keeps no global error state: the caller owns the st_error. */
#ifndef SENTRACK_ERROR_H
#define SENTRACK_ERROR_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum st_code {
	ST_OK = 0,
	ST_EINVAL = -1,      /* a value is malformed (bad date, bad UPN)      -> 65 */
	ST_ENOTFOUND = -2,   /* a reference names nothing                     -> 65 */
	ST_EAMBIGUOUS = -3,  /* a reference names more than one thing         -> 65 */
	ST_ERULE = -4,       /* a rule of the model refuses the change        -> 65 */
	ST_EEXISTS = -5,     /* the thing already exists                      -> 65 */
	ST_ESCHEMA = -6,     /* not a sentrack database, or a newer schema    -> 65 */
	ST_ENODB = -7,       /* database (or input file) missing              -> 66 */
	ST_ECANTCREATE = -8, /* cannot create an output file or database      -> 73 */
	ST_EIO = -9,         /* read/write failure, disk full, read-only file -> 74 */
	ST_EBUSY = -10,      /* database still locked after the busy timeout  -> 75 */
	ST_EINTERNAL = -11,  /* a bug or out of memory                        -> 70 */
	ST_EUSAGE = -12,     /* the call itself is malformed                  -> 64 */
	ST_EPERM = -13       /* the file or its directory is open to others   -> 77 */
} st_code;

#define ST_ERROR_MAX 1024

typedef struct st_error {
	int code;                    /* an st_code */
	char message[ST_ERROR_MAX];  /* one line, no trailing newline */
} st_error;

/* Reset err to ST_OK with an empty message. NULL is allowed. */
void st_error_clear(st_error *err);

/* Set code and a printf-style message; returns code so callers can write
 * `return st_error_set(err, ST_EINVAL, "...")`. NULL err is allowed. A
 * message longer than ST_ERROR_MAX - 1 bytes loses its middle (marked
 * "..."), never its end: a long path is cut, the reason after it is kept.
 * No argument may point into err->message. */
int st_error_set(st_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The documented process exit status for a code (sysexits.h values). */
int st_exit_status(int code);

/* A short name for a code ("not found"), never NULL. */
const char *st_code_name(int code);

#ifdef __cplusplus
}
#endif
#endif
