/* upn.h - Unique Pupil Numbers (DfE specification).
 *
 * A UPN is 13 characters: a check letter, a 3-digit local authority number,
 * a 4-digit establishment number, 2 digits for the year of allocation and a
 * 3-character serial whose last character is a letter for a temporary UPN. */
#ifndef SENTRACK_UPN_H
#define SENTRACK_UPN_H

#include "sentrack/error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ST_UPN_LEN 13

/* Validate text as a UPN (upper-case; lower-case letters are refused so
 * stored UPNs match the MIS exactly). field names it in messages. */
int st_upn_validate(const char *field, const char *text, st_error *err);

/* The check letter for characters 2-13 of upn, or 0 if they are malformed. */
char st_upn_check_letter(const char *upn);

/* 1 when upn is a temporary UPN (letter in position 13). */
int st_upn_is_temporary(const char *upn);

#ifdef __cplusplus
}
#endif
#endif
