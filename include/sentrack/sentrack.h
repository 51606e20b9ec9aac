/* sentrack.h - the whole public API of libsentrack. */
#ifndef SENTRACK_H
#define SENTRACK_H

#include "sentrack/error.h"
#include "sentrack/date.h"
#include "sentrack/text.h"
#include "sentrack/db.h"
#include "sentrack/upn.h"
#include "sentrack/pupil.h"
#include "sentrack/register.h"
#include "sentrack/need.h"
#include "sentrack/audit.h"
#include "sentrack/demo.h"
#include "sentrack/money.h"
#include "sentrack/config.h"
/* the graduated approach (issue 4) */
#include "sentrack/meeting.h"
#include "sentrack/cycle.h"
#include "sentrack/outcome.h"
#include "sentrack/provision.h"
#include "sentrack/specialist.h"
/* CSV (issue 5) */
#include "sentrack/csv.h"
#include "sentrack/export.h"
#include "sentrack/import.h"
/* checks and configuration (issue 6) */
#include "sentrack/check.h"
#include "sentrack/json.h"
#include "sentrack/census.h"
#include "sentrack/concern.h"
#include "sentrack/ehc.h"
/* reliability (issue 7) */
#include "sentrack/maintenance.h"
#include "sentrack/report.h"
#include "sentrack/document.h"
/* a trust's shared PostgreSQL database (issue 14) */
#include "sentrack/trust.h"

#endif
