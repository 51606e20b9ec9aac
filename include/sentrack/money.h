/* money.h - amounts of money as integer pence. */
#ifndef SENTRACK_MONEY_H
#define SENTRACK_MONEY_H

#include <stdint.h>
#include "sentrack/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ST_MONEY_MAX_PENCE 100000000000LL /* £1,000,000,000.00: far above any real cost */
#define ST_MONEY_BUFSZ 24

/* Parse pounds ("25", "25.5", "25.50", "£25.50", "£6,000"; no exponents, no
 * negatives, at most two decimals) into pence. field names the value in
 * messages ("--hourly-cost 1e308: not an amount in pounds"). */
int st_money_parse(const char *field, const char *text, int64_t *pence, st_error *err);

/* Format pence as pounds with two decimals ("6000.00"); returns buf. */
char *st_money_format(int64_t pence, char buf[ST_MONEY_BUFSZ]);

#ifdef __cplusplus
}
#endif
#endif
