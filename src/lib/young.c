/* young.c - when the Code speaks to the young person as well as the
 * parents (issue 12): from the academic year in which the pupil turns 16.
 * Written once here; findings and documents take their words from it. */
#include "store.h"

int st_young_person_on(st_date dob, st_date on)
{
	if (dob == ST_DATE_NONE || on == ST_DATE_NONE)
		return 0;
	int y, m, d;
	st_date_to_ymd(dob, &y, &m, &d);
	/* the 16th birthday falls in the academic year starting 1 September of
	 * y + 16 (born September to December) or of y + 15 (born January to August) */
	st_date from;
	if (st_date_from_ymd(m >= 9 ? y + 16 : y + 15, 9, 1, &from) != ST_OK)
		return 0;
	return on >= from;
}

const char *st_parents_words(st_date dob, st_date on)
{
	return st_young_person_on(dob, on) ? "parents or young person" : "parents";
}
