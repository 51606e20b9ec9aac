/* money.h - amounts of money as integer pence. */
#ifndef SENTRACK_MONEY_H
#define SENTRACK_MONEY_H

#include <stdint.h>
#include "sentrack/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest amount anyone enters (an hourly cost, a threshold):
 * £1,000,000.00. Sums derived from amounts (annual costs) may be larger.
 * A plain integer literal: the schema's CHECK on stored amounts is built
 * from it. */
#define ST_MONEY_MAX_PENCE 100000000
#define ST_MONEY_BUFSZ 24

/* Parse pounds ("25", "25.5", "25.50", "£25.50", "£6,000"; no exponents, no
 * negatives, at most two decimals, at most ST_MONEY_MAX_PENCE) into pence.
 * field names the value in messages ("--hourly-cost 1e308: not an amount
 * in pounds"). */
int st_money_parse(const char *field, const char *text, int64_t *pence, st_error *err);

/* ST_OK when 0 <= pence <= ST_MONEY_MAX_PENCE, else ST_EINVAL with
 * "FIELD AMOUNT: must be from 0.00 to 1000000.00 pounds". */
int st_money_check(const char *field, int64_t pence, st_error *err);

/* Format pence as pounds with two decimals ("6000.00"); returns buf. */
char *st_money_format(int64_t pence, char buf[ST_MONEY_BUFSZ]);

#ifdef __cplusplus
}
#endif
#endif
